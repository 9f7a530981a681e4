"""The OK / Annulla (or «Chiudi») row dialogs end with, in Italian whatever Qt's translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

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


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A lone «Chiudi» button (also Esc) that closes `dialog`; never pressed by Enter."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = box.button(QDialogButtonBox.StandardButton.Close)
    close.setText(QCoreApplication.translate("dialog_buttons", "&Chiudi"))
    named(close, "close_button", QCoreApplication.translate("dialog_buttons", "Chiudi"))
    close.setAutoDefault(False)
    box.rejected.connect(dialog.reject)
    return box
