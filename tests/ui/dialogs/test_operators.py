"""Operators dialog: the table model, adding, (de)activating, resetting passwords."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QLabel

from casedesk.domain.enums import Role
from casedesk.domain.operators import OperatorInfo
from casedesk.services.operators import list_operators
from casedesk.ui.dialogs import operators as operators_module
from casedesk.ui.dialogs.operators import (
    AddOperatorDialog,
    OperatorsDialog,
    OperatorsTableModel,
    ResetPasswordDialog,
)

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def dialog(coordinator, operator, qtbot):
    dialog = OperatorsDialog(coordinator)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _select(dialog: OperatorsDialog, username: str) -> OperatorInfo:
    for row in range(dialog.model.rowCount()):
        op = dialog.model.operator(row)
        if op.username == username:
            dialog.table.selectionModel().setCurrentIndex(
                dialog.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            return op
    raise AssertionError(username)


def _row(dialog: OperatorsDialog, username: str) -> list[str]:
    model = dialog.model
    for row in range(model.rowCount()):
        if model.operator(row).username == username:
            return [model.index(row, c).data() for c in range(model.columnCount())]
    raise AssertionError(username)


def test_model_passes_the_model_tester(qtmodeltester, coordinator, operator) -> None:
    model = OperatorsTableModel(list_operators(coordinator))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Nome e cognome",
        "Nome utente",
        "Ruolo",
        "Attivo",
        "Deve cambiare password",
    ]


def test_table_lists_the_operators(dialog) -> None:
    assert _row(dialog, "anna") == ["Anna Rossi", "anna", "Coordinatore", "Sì", "No"]
    assert _row(dialog, "bruno") == ["Bruno Bianchi", "bruno", "Operatore", "Sì", "No"]


def test_add_an_operator(dialog, coordinator, qtbot, monkeypatch) -> None:
    def fill_and_accept(add: AddOperatorDialog) -> int:
        add.full_name_edit.setText("Carla Verdi")
        add.username_edit.setText("carla")
        add.role_combo.setCurrentIndex(add.role_combo.findData(Role.COORDINATORE))
        add.password_edit.setText("password-carla")
        add.repeat_edit.setText("password-carla")
        add.ok_button.click()
        return add.result()

    monkeypatch.setattr(AddOperatorDialog, "exec", fill_and_accept)
    dialog.add_button.click()
    assert _row(dialog, "carla") == ["Carla Verdi", "carla", "Coordinatore", "Sì", "No"]
    assert dialog.selected().username == "carla"
    assert "carla" in [op.username for op in list_operators(coordinator)]


def test_ctrl_n_opens_the_add_dialog(dialog, qtbot, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(
        AddOperatorDialog, "exec", lambda self: opened.append(True) or QDialog.DialogCode.Rejected
    )
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]


def test_add_dialog_shows_errors_beside_the_fields(coordinator, operator, qtbot) -> None:
    add = AddOperatorDialog(coordinator)
    qtbot.addWidget(add)
    add.show()
    add.full_name_edit.setText("Altro Bruno")
    add.username_edit.setText("bruno")
    add.password_edit.setText("password-x")
    add.repeat_edit.setText("password-y")
    add.ok_button.click()
    assert add.errors.message("password_repeat") == "Le due password non coincidono."
    add.repeat_edit.setText("password-x")
    add.ok_button.click()
    # Only the service knows the username is taken: still shown beside the field.
    assert add.errors.message("username") == "Il nome utente «bruno» esiste già."
    assert add.errors.message("password_repeat") == ""
    assert add.isVisible()


def test_deactivate_and_reactivate(dialog, qtbot) -> None:
    _select(dialog, "bruno")
    assert dialog.toggle_button.text() == "&Disattiva"
    dialog.toggle_button.click()
    assert _row(dialog, "bruno")[3] == "No"
    assert dialog.selected().username == "bruno"
    assert dialog.toggle_button.text() == "&Riattiva"
    assert dialog.toggle_button.accessibleName() == "Riattiva"
    dialog.toggle_button.click()
    assert _row(dialog, "bruno")[3] == "Sì"


def test_a_coordinator_cannot_deactivate_herself(dialog) -> None:
    _select(dialog, "anna")
    assert not dialog.toggle_button.isEnabled()
    assert "tuo stesso account" in dialog.toggle_button.toolTip()


def test_service_errors_are_shown(dialog, message_boxes, monkeypatch) -> None:
    from casedesk.services.errors import ServiceError

    def refuse(*_args):
        raise ServiceError("Deve restare almeno un coordinatore attivo.")

    monkeypatch.setattr(operators_module, "set_active", refuse)
    _select(dialog, "bruno")
    dialog.toggle_button.click()
    assert [b.text for b in message_boxes] == ["Deve restare almeno un coordinatore attivo."]


def test_reset_password(dialog, message_boxes, monkeypatch) -> None:
    def fill_and_accept(reset: ResetPasswordDialog) -> int:
        assert "Bruno Bianchi" in reset.findChild(QLabel, "intro_label").text()
        reset.password_edit.setText("temporanea1")
        reset.repeat_edit.setText("temporanea1")
        reset.ok_button.click()
        return reset.result()

    monkeypatch.setattr(ResetPasswordDialog, "exec", fill_and_accept)
    _select(dialog, "bruno")
    dialog.reset_button.click()
    assert _row(dialog, "bruno")[4] == "Sì"
    assert "dovrà sceglierne una nuova" in message_boxes[0].text


def test_reset_dialog_checks_the_repeat(coordinator, operator, qtbot) -> None:
    reset = ResetPasswordDialog(coordinator, operator.operator)
    qtbot.addWidget(reset)
    reset.password_edit.setText("temporanea1")
    reset.repeat_edit.setText("temporanea2")
    reset.ok_button.click()
    assert reset.errors.message("password_repeat") == "Le due password non coincidono."


def test_every_control_is_named(dialog, coordinator, qtbot, unnamed_widgets) -> None:
    assert unnamed_widgets(dialog) == []
    add = AddOperatorDialog(coordinator)
    qtbot.addWidget(add)
    assert unnamed_widgets(add) == []
