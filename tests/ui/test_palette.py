"""Colours: one module, and every text colour readable on white (WCAG AA, 4.5:1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casedesk.ui import palette

SRC = Path(__file__).resolve().parents[2] / "src" / "casedesk" / "ui"
TEXT_COLOURS = {
    "ERROR": palette.ERROR,
    "WARNING": palette.WARNING,
    "OK": palette.OK,
    "INFO": palette.INFO,
    "MUTED": palette.MUTED,
}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.mark.parametrize("name", sorted(TEXT_COLOURS))
def test_text_colours_read_on_white_and_on_the_alternate_row(name: str) -> None:
    for background in ("#ffffff", "#f5f5f5", palette.WARNING_BACKGROUND):
        assert contrast(TEXT_COLOURS[name], background) >= 4.5, (name, background)


def test_the_contrast_check_can_fail() -> None:
    assert contrast("#aaaaaa", "#ffffff") < 4.5


def test_status_maps_use_the_shared_colours() -> None:
    shared = set(TEXT_COLOURS.values())
    for mapping in (palette.ASSOCIATION_STATUS, palette.DOCUMENT_STATUS, palette.ENROLLMENT_STATUS):
        assert set(mapping.values()) <= shared


def test_hex_colours_appear_only_in_the_palette() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "palette.py" and re.search(r"[\"' ]#[0-9a-fA-F]{6}\b", path.read_text())
    ]
    assert offenders == []


def test_every_status_has_an_icon() -> None:
    from casedesk.domain.enums import AssociationStatus, DocumentStatus, EnrollmentStatus
    from casedesk.ui.icons import NAMES

    for statuses, icons in (
        (AssociationStatus, palette.ASSOCIATION_STATUS_ICONS),
        (DocumentStatus, palette.DOCUMENT_STATUS_ICONS),
        (EnrollmentStatus, palette.ENROLLMENT_STATUS_ICONS),
    ):
        assert set(icons) == set(statuses)
        assert set(icons.values()) <= set(NAMES)
