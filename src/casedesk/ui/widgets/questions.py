"""Questions to the desk: yes or no, and "why?" (a written reason).

Module functions, so that tests answer them without a modal window
(monkeypatch `ask` / `ask_reason` where they are looked up, as module attributes).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from casedesk.ui.errors import use_program_icon
from casedesk.ui.widgets.buttons import dialog_buttons
from casedesk.ui.widgets.forms import fit_to_contents, named


def _tr(text: str) -> str:
    return QCoreApplication.translate("questions", text)


def ask(
    parent: QWidget | None,
    text: str,
    yes: str,
    no: str,
    title: str = "CaseDesk",
    icon_kind: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """A question with two Italian buttons; True when the desk chose `yes` (Esc: `no`)."""
    box = QMessageBox(icon_kind, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("question_box")
    use_program_icon(box, icon_kind)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    named(yes_button, "yes_button", yes.replace("&", ""))
    named(no_button, "no_button", no.replace("&", ""))
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


class ReasonDialog(QDialog):
    """A multi-line reason; OK only once something is written."""

    def __init__(
        self,
        title: str,
        prompt: str,
        ok_text: str,
        parent: QWidget | None = None,
        *,
        min_width: int = 460,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle(title)
        label = QLabel(prompt)
        label.setObjectName("reason_prompt")
        label.setWordWrap(True)
        self.reason_edit = named(QPlainTextEdit(), "reason_edit", _tr("Motivo"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(_tr("Scrivi il motivo: resterà nel registro."))
        label.setBuddy(self.reason_edit)
        buttons, self.ok_button, _cancel = dialog_buttons(ok_text, "reason_ok_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(buttons)
        self.setMinimumWidth(min_width)
        fit_to_contents(self)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText()


def ask_reason(
    parent: QWidget | None, title: str, prompt: str, ok_text: str, *, min_width: int = 460
) -> str | None:
    """The reason the desk typed (stripped), or None if it cancelled."""
    dialog = ReasonDialog(title, prompt, ok_text, parent, min_width=min_width)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    reason = dialog.reason().strip()
    dialog.deleteLater()
    return reason if accepted and reason else None


def choose(
    parent: QWidget | None,
    text: str,
    choices: list[tuple[str, str]],
    escape: str,
    default: str | None = None,
    title: str = "CaseDesk",
) -> str:
    """A question with one button per choice (key, Italian label); the key clicked.

    Esc and closing the box give `escape`; Enter presses `default` (else `escape`).
    """
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("choice_box")
    use_program_icon(box, QMessageBox.Icon.Question)
    buttons = {}
    for key, label in choices:
        role = (
            QMessageBox.ButtonRole.RejectRole
            if key == escape
            else QMessageBox.ButtonRole.AcceptRole
        )
        button = box.addButton(label, role)
        named(button, f"{key}_button", label.replace("&", ""))
        buttons[key] = button
    box.setDefaultButton(buttons[default or escape])
    box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in buttons.items() if button is clicked), escape)
