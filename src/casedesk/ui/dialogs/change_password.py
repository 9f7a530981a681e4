"""Changing one's own password (forced after a coordinator reset it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from casedesk.domain.operators import OperatorInfo
from casedesk.domain.passwords import MIN_PASSWORD_LENGTH
from casedesk.services.context import ServiceContext
from casedesk.services.operators import change_own_password
from casedesk.ui.widgets.buttons import dialog_buttons
from casedesk.ui.widgets.forms import FieldErrors, fit_to_contents, named, submit


def password_field(object_name: str, accessible_name: str) -> QLineEdit:
    edit = named(QLineEdit(), object_name, accessible_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ChangePasswordDialog(QDialog):
    """Current password, new password twice; `operator` holds the updated account."""

    def __init__(
        self,
        ctx: ServiceContext,
        forced: bool = False,
        current_password: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operator: OperatorInfo | None = None
        self.setObjectName("change_password_dialog")
        self.setWindowTitle(self.tr("Cambia password"))
        self.errors = FieldErrors()

        layout = QVBoxLayout(self)
        who = ctx.require_operator()
        if forced:
            intro = self.tr(
                "{name}, la tua password è stata reimpostata da un coordinatore. "
                "Per continuare scegline una nuova, che conoscerai solo tu."
            ).format(name=who.full_name)
        else:
            intro = self.tr("Cambia la password di {name} ({username}).").format(
                name=who.full_name, username=who.username
            )
        intro_label = QLabel(intro)
        intro_label.setObjectName("intro_label")
        intro_label.setWordWrap(True)
        layout.addWidget(intro_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.current_edit = password_field(
            "current_password_edit",
            self.tr("Password temporanea") if forced else self.tr("Password attuale"),
        )
        self.new_edit = password_field("new_password_edit", self.tr("Nuova password"))
        self.new_edit.setPlaceholderText(
            self.tr("almeno {n} caratteri").format(n=MIN_PASSWORD_LENGTH)
        )
        self.repeat_edit = password_field(
            "repeat_password_edit", self.tr("Ripeti la nuova password")
        )
        form.addRow(
            self.tr("Password &temporanea:") if forced else self.tr("Password &attuale:"),
            self.errors.wrap("current", self.current_edit),
        )
        form.addRow(self.tr("&Nuova password:"), self.errors.wrap("password", self.new_edit))
        form.addRow(
            self.tr("&Ripeti la nuova password:"),
            self.errors.wrap("password_repeat", self.repeat_edit),
        )
        layout.addLayout(form)

        buttons, self.ok_button, self.cancel_button = dialog_buttons(
            self.tr("Cambia password"),
            ok_icon="password",
            cancel_text=self.tr("Esci") if forced else None,
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_to_contents(self)
        self.current_edit.setText(current_password)
        first = self.new_edit if current_password else self.current_edit
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save(self) -> None:
        self.operator = submit(
            lambda: change_own_password(
                self.ctx,
                self.current_edit.text(),
                self.new_edit.text(),
                self.repeat_edit.text(),
            ),
            self.errors,
            self,
        )
        if self.operator is None:
            return
        self.accept()
