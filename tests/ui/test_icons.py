"""Every icon purpose names a real glyph, and nobody outside ui/icons.py names a glyph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casedesk.ui.icons import NAMES, icon

SRC = Path(__file__).resolve().parents[2] / "src" / "casedesk"


@pytest.mark.parametrize("purpose", sorted(NAMES))
def test_every_purpose_draws(qapp, purpose: str) -> None:
    assert not icon(purpose).pixmap(16, 16).isNull()


def test_a_coloured_icon_is_another_icon(qapp) -> None:
    assert icon("state_ok", "#1b6e20").cacheKey() != icon("state_ok").cacheKey()
    assert icon("state_ok", "#1b6e20").cacheKey() == icon("state_ok", "#1b6e20").cacheKey()


def test_glyph_names_appear_only_in_the_icons_module() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "icons.py" and re.search(r"\bmdi6\.|qtawesome", path.read_text())
    ]
    assert offenders == []
