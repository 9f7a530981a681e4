"""Changing one's own password."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from casedesk.domain.signin import SignInThrottle
from casedesk.services.auth import sign_in
from casedesk.ui.dialogs.change_password import ChangePasswordDialog

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def dialog(operator, qtbot):
    dialog = ChangePasswordDialog(operator)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_wrong_current_password_is_shown_beside_it(dialog) -> None:
    dialog.current_edit.setText("sbagliata")
    dialog.new_edit.setText("nuovapassword1")
    dialog.repeat_edit.setText("nuovapassword1")
    dialog.ok_button.click()
    assert dialog.errors.message("current") == "La password attuale non è corretta."
    assert dialog.isVisible()


def test_short_and_different_passwords_are_shown_beside_them(dialog) -> None:
    dialog.current_edit.setText("operatore1")
    dialog.new_edit.setText("corta")
    dialog.ok_button.click()
    assert dialog.errors.message("password") == "La password deve avere almeno 8 caratteri."
    dialog.new_edit.setText("nuovapassword1")
    dialog.repeat_edit.setText("nuovapassword2")
    dialog.ok_button.click()
    assert dialog.errors.message("password") == ""
    assert dialog.errors.message("password_repeat") == "Le due password non coincidono."


def test_change_then_sign_in_with_the_new_password(dialog, operator, qtbot) -> None:
    dialog.current_edit.setText("operatore1")
    dialog.new_edit.setText("nuovapassword1")
    dialog.repeat_edit.setText("nuovapassword1")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert dialog.operator is not None
    assert sign_in(operator, SignInThrottle(), "bruno", "nuovapassword1").username == "bruno"


def test_forced_mode_explains_why(operator, qtbot, unnamed_widgets) -> None:
    dialog = ChangePasswordDialog(operator, forced=True, current_password="temporanea1")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    intro = dialog.findChild(QLabel, "intro_label")
    assert "reimpostata da un coordinatore" in intro.text()
    assert dialog.current_edit.text() == "temporanea1"
    assert dialog.cancel_button.text() == "Esci"
    qtbot.waitUntil(dialog.new_edit.hasFocus)
    assert unnamed_widgets(dialog) == []
