"""Editing the house's details (coordinators)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from casedesk.services.house import get_house
from casedesk.ui.dialogs.house_details import HouseDetailsDialog

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def dialog(coordinator, qtbot):
    dialog = HouseDetailsDialog(coordinator)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_shows_the_current_details(dialog) -> None:
    assert dialog.name_edit.text() == "Casa di prova"
    assert dialog.address_edit.text() == "Via Esempio 1, Milano"
    assert dialog.hours_editor.edit(0).text() == "09:00-13:00, 14:00-18:00"
    assert dialog.logo.path() is None
    assert not dialog.logo.remove_button.isEnabled()


def test_save_changes(dialog, coordinator, qtbot) -> None:
    dialog.name_edit.setText("Casa Municipio 5")
    dialog.phone_edit.setText("02 555 1234")
    dialog.hours_editor.edit(5).setText("10:00-12:00")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    house = get_house(coordinator)
    assert house.name == "Casa Municipio 5"
    assert house.phone == "02 555 1234"
    assert house.opening_hours[5] == [(time(10, 0), time(12, 0))]
    assert dialog.details.name == "Casa Municipio 5"


def test_ctrl_s_saves(dialog, coordinator, qtbot) -> None:
    dialog.name_edit.setText("Casa salvata con Ctrl+S")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert get_house(coordinator).name == "Casa salvata con Ctrl+S"


def test_errors_beside_the_fields_and_nothing_saved(dialog, coordinator) -> None:
    dialog.name_edit.setText("")
    dialog.email_edit.setText("posta@")
    dialog.hours_editor.edit(1).setText("mattina")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.errors.message("name") == "Nome della Casa: campo obbligatorio."
    assert dialog.errors.message("email") == "«posta@» non è un indirizzo email valido."
    assert dialog.hours_editor.errors.message("1") == "«mattina» non è un orario come 9:00-13:00."
    assert get_house(coordinator).name == "Casa di prova"


def test_choose_and_remove_the_logo(dialog, coordinator, qtbot, tmp_path: Path, monkeypatch):
    logo = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("darkred"))
    assert image.save(str(logo))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kw: (str(logo), ""))
    )
    dialog.logo.choose_button.click()
    assert dialog.logo.path() == str(logo)
    assert not dialog.logo.preview.pixmap().isNull()
    assert dialog.logo.remove_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert get_house(coordinator).logo_path == str(logo)

    again = HouseDetailsDialog(coordinator)
    qtbot.addWidget(again)
    assert again.logo.path() == str(logo)
    again.logo.remove_button.click()
    assert again.logo.path() is None
    again.save_button.click()
    assert get_house(coordinator).logo_path is None


def test_a_missing_logo_file_is_flagged(coordinator, qtbot, tmp_path: Path) -> None:
    dialog = HouseDetailsDialog(coordinator)
    qtbot.addWidget(dialog)
    dialog.logo.set_path(str(tmp_path / "sparito.png"))
    assert "non si trova" in dialog.logo.preview.toolTip()


def test_operators_cannot_save(operator, qtbot, message_boxes) -> None:
    dialog = HouseDetailsDialog(operator)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert [b.text for b in message_boxes] == ["Questa operazione è riservata ai coordinatori."]


def test_every_control_is_named(dialog, unnamed_widgets) -> None:
    assert unnamed_widgets(dialog) == []


def test_the_enrollment_validity_in_months_or_until_revoked(dialog, coordinator, qtbot) -> None:
    validity = dialog.validity
    assert validity.months_spin.value() == 12 and validity.months_spin.isEnabled()
    assert not validity.until_revoked_check.isChecked()
    validity.months_spin.setValue(24)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert get_house(coordinator).enrollment_validity_months == 24

    again = HouseDetailsDialog(coordinator)
    qtbot.addWidget(again)
    assert again.validity.months() == 24
    again.validity.until_revoked_check.setChecked(True)
    assert not again.validity.months_spin.isEnabled()
    with qtbot.waitSignal(again.accepted):
        again.save_button.click()
    assert get_house(coordinator).enrollment_validity_months is None
    third = HouseDetailsDialog(coordinator)
    qtbot.addWidget(third)
    assert third.validity.until_revoked_check.isChecked() and third.validity.months() is None
