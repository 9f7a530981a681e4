"""Per-desk settings: declared once, typed, defaults for missing or damaged values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from casedesk.ui import settings

SRC = Path(__file__).resolve().parents[2] / "src" / "casedesk"


def test_missing_values_give_the_default(qapp) -> None:
    assert settings.MAIN_WINDOW_TAB.get() == 0
    assert settings.MAIN_WINDOW_GEOMETRY.get().isEmpty()
    assert settings.EXPORT_FOLDER.get() == ""


def test_values_round_trip_with_their_type(qapp) -> None:
    settings.MAIN_WINDOW_TAB.set(2)
    settings.MAIN_WINDOW_GEOMETRY.set(QByteArray(b"\x01\x02"))
    assert settings.MAIN_WINDOW_TAB.get() == 2
    assert bytes(settings.MAIN_WINDOW_GEOMETRY.get().data()) == b"\x01\x02"
    settings.MAIN_WINDOW_TAB.reset()
    assert settings.MAIN_WINDOW_TAB.get() == 0


def test_a_damaged_value_gives_the_default(qapp) -> None:
    settings.store().setValue(settings.MAIN_WINDOW_TAB.key, "tre")
    assert settings.MAIN_WINDOW_TAB.get() == 0
    settings.store().setValue(settings.MAIN_WINDOW_GEOMETRY.key, "not bytes")
    assert settings.MAIN_WINDOW_GEOMETRY.get().isEmpty()


def test_bool_option_reads_what_ini_files_hold(qapp) -> None:
    option = settings.REGISTRY.get("test/flag") or settings.BoolOption("test/flag", False, "x")
    for raw, expected in (("true", True), ("false", False), ("1", True), ("boh", False)):
        settings.store().setValue("test/flag", raw)
        assert option.get() is expected


def test_folders_fall_back_to_home_until_one_exists(qapp, tmp_path: Path) -> None:
    assert settings.IMPORT_FOLDER.folder() == str(Path.home())
    settings.IMPORT_FOLDER.remember(tmp_path / "elenco.xlsx")
    assert settings.IMPORT_FOLDER.folder() == str(tmp_path)
    settings.IMPORT_FOLDER.set(str(tmp_path / "gone"))
    assert settings.IMPORT_FOLDER.folder() == str(Path.home())


def test_use_folder_keeps_everything_inside_it(qapp, tmp_path: Path) -> None:
    settings.use_folder(tmp_path / "demo-settings")
    settings.MAIN_WINDOW_TAB.set(3)
    written = [p for p in (tmp_path / "demo-settings").rglob("*") if p.is_file()]
    assert written and "main_window" in written[0].read_text()


def test_a_key_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        settings.IntOption(settings.MAIN_WINDOW_TAB.key, 1, "again")


def test_qsettings_is_opened_only_by_the_settings_module() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in (SRC / "ui").rglob("*.py")
        if path.name != "settings.py" and re.search(r"\bQSettings\b", path.read_text())
    ]
    assert offenders == []
