"""Operators, for coordinators: the list, adding one, (de)activating, resetting a password."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import Role
from casedesk.domain.operators import (
    NewOperator,
    OperatorInfo,
    validate_new_operator,
    validate_password,
)
from casedesk.domain.passwords import MIN_PASSWORD_LENGTH
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.services.operators import add_operator, list_operators, reset_password, set_active
from casedesk.ui.dialogs.change_password import password_field
from casedesk.ui.errors import show_information, show_service_error
from casedesk.ui.widgets.buttons import close_buttons, dialog_buttons
from casedesk.ui.widgets.forms import FieldErrors, fit_to_contents, named, submit
from casedesk.ui.widgets.table_buttons import TableWithButtons, relabel
from casedesk.ui.widgets.table_model import RowsTableModel, rows_table


class OperatorsTableModel(RowsTableModel[OperatorInfo]):
    """One row per operator: name, username, role, active, must change password."""

    NAME, USERNAME, ROLE, ACTIVE, MUST_CHANGE = range(5)

    def __init__(self, operators: list[OperatorInfo] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(operators or [])
        self.headers = [
            self.tr("Nome e cognome"),
            self.tr("Nome utente"),
            self.tr("Ruolo"),
            self.tr("Attivo"),
            self.tr("Deve cambiare password"),
        ]

    set_operators = RowsTableModel.set_rows
    operator = RowsTableModel.row_at

    def row_key(self, item: OperatorInfo) -> int:
        return item.id

    def _yes_no(self, value: bool) -> str:
        return self.tr("Sì") if value else self.tr("No")

    def cell(self, op: OperatorInfo, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                self.NAME: op.full_name,
                self.USERNAME: op.username,
                self.ROLE: op.role.label,
                self.ACTIVE: self._yes_no(op.active),
                self.MUST_CHANGE: self._yes_no(op.must_change_password),
            }.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and not op.active:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole and not op.active:
            return self.tr("Account disattivato: non può accedere.")
        return None


class AddOperatorDialog(QDialog):
    """Name, username, role, password twice; `operator` is the account created."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operator: OperatorInfo | None = None
        self.setObjectName("add_operator_dialog")
        self.setWindowTitle(self.tr("Nuovo operatore"))
        self.errors = FieldErrors()
        self.full_name_edit = named(QLineEdit(), "full_name_edit", self.tr("Nome e cognome"))
        self.username_edit = named(QLineEdit(), "username_edit", self.tr("Nome utente"))
        self.username_edit.setPlaceholderText(self.tr("es. mario.bianchi"))
        self.role_combo = named(QComboBox(), "role_combo", self.tr("Ruolo"))
        for role in (Role.OPERATORE, Role.COORDINATORE):
            self.role_combo.addItem(role.label, role)
        self.password_edit = password_field("password_edit", self.tr("Password temporanea"))
        self.password_edit.setPlaceholderText(
            self.tr("almeno {n} caratteri").format(n=MIN_PASSWORD_LENGTH)
        )
        self.repeat_edit = password_field("password_repeat_edit", self.tr("Ripeti la password"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("N&ome e cognome:"), self.errors.wrap("full_name", self.full_name_edit))
        form.addRow(self.tr("Nome &utente:"), self.errors.wrap("username", self.username_edit))
        form.addRow(self.tr("&Ruolo:"), self.errors.wrap("role", self.role_combo))
        form.addRow(self.tr("&Password:"), self.errors.wrap("password", self.password_edit))
        form.addRow(
            self.tr("R&ipeti la password:"), self.errors.wrap("password_repeat", self.repeat_edit)
        )
        note = QLabel(
            self.tr("Comunica la password all'operatore: potrà cambiarla dal menu Strumenti.")
        )
        note.setObjectName("note_label")
        note.setWordWrap(True)
        buttons, self.ok_button, self.cancel_button = dialog_buttons(
            self.tr("&Aggiungi"), "add_button", "add_operator"
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        fit_to_contents(self)
        self.full_name_edit.setFocus()

    def _save(self) -> None:
        new = NewOperator(
            full_name=self.full_name_edit.text(),
            username=self.username_edit.text(),
            password=self.password_edit.text(),
            role=self.role_combo.currentData(),
        )
        self.operator = submit(
            lambda: add_operator(self.ctx, new),
            self.errors,
            self,
            precheck=validate_new_operator(new, self.repeat_edit.text()),
        )
        if self.operator is not None:
            self.accept()


class ResetPasswordDialog(QDialog):
    """A temporary password for someone who forgot theirs."""

    def __init__(
        self, ctx: ServiceContext, target: OperatorInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.target = target
        self.operator: OperatorInfo | None = None
        self.setObjectName("reset_password_dialog")
        self.setWindowTitle(self.tr("Reimposta password"))
        self.errors = FieldErrors()
        intro = QLabel(
            self.tr(
                "Scegli una password temporanea per {name} ({username}). Al prossimo "
                "accesso dovrà sceglierne una nuova."
            ).format(name=target.full_name, username=target.username)
        )
        intro.setObjectName("intro_label")
        intro.setWordWrap(True)
        self.password_edit = password_field("password_edit", self.tr("Password temporanea"))
        self.password_edit.setPlaceholderText(
            self.tr("almeno {n} caratteri").format(n=MIN_PASSWORD_LENGTH)
        )
        self.repeat_edit = password_field("password_repeat_edit", self.tr("Ripeti la password"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(
            self.tr("&Password temporanea:"), self.errors.wrap("password", self.password_edit)
        )
        form.addRow(
            self.tr("&Ripeti la password:"), self.errors.wrap("password_repeat", self.repeat_edit)
        )
        buttons, self.ok_button, self.cancel_button = dialog_buttons(
            self.tr("Reimposta"), "reset_button", "reset_password"
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_to_contents(self)
        self.password_edit.setFocus()

    def _save(self) -> None:
        password = self.password_edit.text()
        self.operator = submit(
            lambda: reset_password(self.ctx, self.target.id, password),
            self.errors,
            self,
            precheck=validate_password(password, self.repeat_edit.text()),
        )
        if self.operator is not None:
            self.accept()


class OperatorsDialog(QDialog):
    """The operators of the house; Ctrl+N adds one, Esc closes."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("operators_dialog")
        self.setWindowTitle(self.tr("Operatori"))
        self.model = OperatorsTableModel(parent=self)
        self.table = rows_table(
            self.model,
            "operators_table",
            self.tr("Elenco degli operatori"),
            word_wrap=True,
            tab_key_navigation=True,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OperatorsTableModel.NAME, QHeaderView.ResizeMode.Stretch)

        self.panel = TableWithButtons(self.table)
        self.add_button = self.panel.add_button(
            "add_button",
            "add_operator",
            self.tr("&Aggiungi…"),
            self._add,
            shortcut=QKeySequence.StandardKey.New,
            tooltip=self.tr("Aggiungi un operatore (Ctrl+N)"),
        )
        self.toggle_button = self.panel.add_button(
            "toggle_active_button",
            "deactivate",
            self.tr("&Disattiva"),
            self._toggle_active,
            needs_selection=True,
        )
        self.reset_button = self.panel.add_button(
            "reset_password_button",
            "reset_password",
            self.tr("Reimposta &password…"),
            self._reset_password,
            needs_selection=True,
        )
        self.panel.selection_changed.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close_buttons(self))
        self.resize(820, 380)
        self.refresh()
        self.table.setFocus()

    def selected(self) -> OperatorInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.operator(rows[0].row()) if rows else None

    def refresh(self, select_id: int | None = None) -> None:
        try:
            operators = list_operators(self.ctx)
        except ServiceError as exc:
            show_service_error(self, exc)
            operators = []
        self.model.set_operators(operators)
        row = self.model.row_of(select_id) if select_id is not None else None
        if row is None and operators:
            row = 0
        self.panel.select_row(row)

    def _update_buttons(self) -> None:
        op = self.selected()
        me = self.ctx.operator
        if op is None or op.active:
            relabel(self.toggle_button, self.tr("&Disattiva"), "deactivate")
        else:
            relabel(self.toggle_button, self.tr("&Riattiva"), "activate")
        if op is not None and me is not None and op.id == me.id and op.active:
            self.toggle_button.setEnabled(False)
            self.toggle_button.setToolTip(self.tr("Non puoi disattivare il tuo stesso account."))

    def _add(self) -> None:
        dialog = AddOperatorDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.operator is not None:
            self.refresh(dialog.operator.id)

    def _toggle_active(self) -> None:
        op = self.selected()
        if op is None:
            return
        try:
            set_active(self.ctx, op.id, not op.active)
        except ServiceError as exc:
            show_service_error(self, exc)
        self.refresh(op.id)
        self.table.setFocus()

    def _reset_password(self) -> None:
        op = self.selected()
        if op is None:
            return
        dialog = ResetPasswordDialog(self.ctx, op, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(op.id)
            show_information(
                self,
                self.tr(
                    "Password di {name} reimpostata. Al prossimo accesso dovrà sceglierne una nuova."
                ).format(name=op.full_name),
            )
