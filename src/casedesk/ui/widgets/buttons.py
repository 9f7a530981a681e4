"""The OK / Annulla row every dialog ends with, in Italian whatever Qt's translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named


def dialog_buttons(
    ok_text: str,
    ok_name: str = "ok_button",
    ok_icon: str | None = None,
    cancel_text: str | None = None,
    parent: QWidget | None = None,
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """A button box with a default OK button and a Cancel button (Esc).

    Connect `accepted` to the dialog's own check-and-save slot and `rejected` to
    `reject`; the OK button is the default, so Enter presses it.
    """
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent
    )
    box.setObjectName("dialog_buttons")
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    ok.setText(ok_text)
    named(ok, ok_name, ok_text.replace("&", "").rstrip("…"))
    ok.setDefault(True)
    if ok_icon:
        ok.setIcon(icon(ok_icon))
    cancel_text = cancel_text or QCoreApplication.translate("dialog_buttons", "Annulla")
    cancel.setText(cancel_text)
    named(cancel, "cancel_button", cancel_text.replace("&", ""))
    cancel.setAutoDefault(False)
    return box, ok, cancel
