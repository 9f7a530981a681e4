"""Signing in at the desk: username and password, with a pause after too many tries."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.operators import OperatorInfo
from casedesk.domain.signin import SignInThrottle
from casedesk.services.auth import SignInError, sign_in
from casedesk.services.context import ServiceContext
from casedesk.services.errors import NotFound
from casedesk.services.house import get_house
from casedesk.ui import palette
from casedesk.ui.dialogs.change_password import ChangePasswordDialog, password_field
from casedesk.ui.icons import icon
from casedesk.ui.widgets.buttons import dialog_buttons
from casedesk.ui.widgets.forms import fit_to_contents, grow_to_fit, named


class SignInDialog(QDialog):
    """Accedi / Esci. After acceptance `operator` is who signed in.

    The throttle is shared by every sign-in of the running program: when it says to
    wait, the Accedi button stays disabled and a label counts the seconds down.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        throttle: SignInThrottle,
        parent: QWidget | None = None,
        username: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.throttle = throttle
        self.operator: OperatorInfo | None = None
        self.setObjectName("sign_in_dialog")
        self.setWindowTitle(self.tr("CaseDesk — Accesso"))
        self.setWindowIcon(icon("app"))

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        header = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(48, 48))
        header.addWidget(logo)
        title = QLabel(self._title_text())
        title.setObjectName("title_label")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(title, 1)
        layout.addLayout(header)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.username_edit = named(QLineEdit(username), "username_edit", self.tr("Nome utente"))
        self.password_edit = password_field("password_edit", self.tr("Password"))
        form.addRow(self.tr("&Nome utente:"), self.username_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout.addLayout(form)

        self.message_label = QLabel()
        self.message_label.setObjectName("message_label")
        self.message_label.setAccessibleName(self.tr("Messaggio"))
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {palette.ERROR};")
        self.message_label.hide()
        layout.addWidget(self.message_label)

        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("countdown_label")
        self.countdown_label.setAccessibleName(self.tr("Attesa prima di riprovare"))
        self.countdown_label.setWordWrap(True)
        self.countdown_label.hide()
        layout.addWidget(self.countdown_label)

        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("hint_label")
            hint_label.setAccessibleName(self.tr("Suggerimento"))
            hint_label.setWordWrap(True)
            hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            hint_label.setFrameShape(QFrame.Shape.StyledPanel)
            hint_label.setMargin(8)
            layout.addWidget(hint_label)

        buttons, self.sign_in_button, self.quit_button = dialog_buttons(
            self.tr("&Accedi"), "sign_in_button", "sign_in", cancel_text=self.tr("&Esci")
        )
        buttons.accepted.connect(self._try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        fit_to_contents(self)

        self._timer = QTimer(self)
        self._timer.setObjectName("countdown_timer")
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

        (self.password_edit if username else self.username_edit).setFocus()
        if self.throttle.seconds_to_wait():
            self._start_countdown()

    def _title_text(self) -> str:
        try:
            house = get_house(self.ctx).name
        except NotFound:
            house = ""
        heading = self.tr("Accesso a CaseDesk")
        if house:
            return f"<b>{heading}</b><br>{house.replace('<', '&lt;')}"
        return f"<b>{heading}</b>"

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        grow_to_fit(self)

    def _try_sign_in(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        username = self.username_edit.text().strip()
        if not username:
            self._show_message(self.tr("Scrivi il tuo nome utente."))
            self.username_edit.setFocus()
            return
        try:
            operator = sign_in(self.ctx, self.throttle, username, self.password_edit.text())
        except SignInError as exc:
            self.password_edit.clear()
            if exc.wait_seconds:
                self._show_message("")
                self._start_countdown()
            else:
                self._show_message(str(exc))
                self.password_edit.setFocus()
            return
        if operator.must_change_password:
            changed = self._change_password(operator)
            if changed is None:
                return
            operator = changed
        self.operator = operator
        self.accept()

    def _change_password(self, operator: OperatorInfo) -> OperatorInfo | None:
        dialog = ChangePasswordDialog(
            self.ctx.signed_in(operator),
            forced=True,
            current_password=self.password_edit.text(),
            parent=self,
        )
        self.password_edit.clear()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.operator is None:
            self.password_edit.setFocus()
            self._show_message(self.tr("Per entrare devi prima scegliere una nuova password."))
            return None
        return dialog.operator

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)

    def _start_countdown(self) -> None:
        self.sign_in_button.setEnabled(False)
        self.countdown_label.show()
        self._update_countdown()
        grow_to_fit(self)
        self._timer.start()

    def _tick(self) -> None:
        self._update_countdown()

    def _update_countdown(self) -> None:
        seconds = self.throttle.seconds_to_wait()
        if seconds:
            if seconds == 1:
                text = self.tr("Troppi tentativi non riusciti. Puoi riprovare tra 1 secondo.")
            else:
                text = self.tr(
                    "Troppi tentativi non riusciti. Puoi riprovare tra {n} secondi."
                ).format(n=seconds)
            self.countdown_label.setText(text)
            return
        self._timer.stop()
        self.countdown_label.hide()
        self.sign_in_button.setEnabled(True)
        self.password_edit.setFocus()
