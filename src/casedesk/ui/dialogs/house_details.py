"""The house's details, for coordinators: name, contacts, opening hours, logo."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from casedesk.domain.house import HouseDetails
from casedesk.services.context import ServiceContext
from casedesk.services.house import get_house, update_house
from casedesk.ui.widgets.buttons import dialog_buttons
from casedesk.ui.widgets.forms import submit
from casedesk.ui.widgets.house_form import HouseForm, LogoChooser

__all__ = ["HouseDetailsDialog", "LogoChooser"]


class HouseDetailsDialog(QDialog):
    """Edit and save the house's details (Ctrl+S or Enter saves, Esc cancels)."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("house_details_dialog")
        self.setWindowTitle(self.tr("Dati della Casa"))
        current = get_house(ctx)
        self.details: HouseDetails = current

        self.form = HouseForm(with_logo=True)
        self.form.load(current)
        # The fields by their old names, for callers and tests.
        self.errors = self.form.errors
        self.name_edit = self.form.name_edit
        self.address_edit = self.form.address_edit
        self.phone_edit = self.form.phone_edit
        self.email_edit = self.form.email_edit
        self.hours_editor = self.form.hours_editor
        assert self.form.logo is not None
        self.logo: LogoChooser = self.form.logo

        buttons, self.save_button, self.cancel_button = dialog_buttons(
            self.tr("&Salva"), "save_button", "save"
        )
        self.save_button.setToolTip(self.tr("Salva i dati della Casa (Ctrl+S)"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self._save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.name_edit.setFocus()

    def _save(self) -> None:
        details = self.form.read()
        if details is None:
            return
        saved = submit(lambda: update_house(self.ctx, details), self.errors, self)
        if saved is not None:
            self.details = saved
            self.accept()
