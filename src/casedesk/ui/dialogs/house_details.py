"""The house's details, for coordinators: name, contacts, opening hours, logo, and how
long an enrollment lasts."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from casedesk.domain.enrollment import DEFAULT_VALIDITY_MONTHS, MAX_VALIDITY_MONTHS
from casedesk.domain.house import HouseDetails
from casedesk.services.context import ServiceContext
from casedesk.services.house import get_house, update_house
from casedesk.ui.widgets.buttons import dialog_buttons
from casedesk.ui.widgets.forms import named, submit
from casedesk.ui.widgets.house_form import HouseForm, LogoChooser

__all__ = ["HouseDetailsDialog", "LogoChooser"]


class ValidityEditor(QWidget):
    """How long an enrollment lasts: some months, or «fino a revoca»."""

    def __init__(self, months: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("validity_editor")
        self.months_spin = named(
            QSpinBox(), "validity_months_spin", self.tr("Durata dell'iscrizione in mesi")
        )
        self.months_spin.setRange(1, MAX_VALIDITY_MONTHS)
        self.months_spin.setSuffix(self.tr(" mesi"))
        self.until_revoked_check = named(
            QCheckBox(self.tr("fino a re&voca")),
            "until_revoked_check",
            self.tr("L'iscrizione vale fino a revoca"),
        )
        self.until_revoked_check.setToolTip(
            self.tr(
                "Se è spuntato l'iscrizione non scade; altrimenti dopo i mesi indicati "
                "l'associazione risulta «da rinnovare» e si rinnova con una nuova ricevuta."
            )
        )
        self.until_revoked_check.toggled.connect(lambda on: self.months_spin.setEnabled(not on))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.months_spin)
        row.addWidget(self.until_revoked_check)
        row.addStretch(1)
        self.setFocusProxy(self.months_spin)
        self.set_months(months)

    def months(self) -> int | None:
        return None if self.until_revoked_check.isChecked() else self.months_spin.value()

    def set_months(self, months: int | None) -> None:
        self.months_spin.setValue(months or DEFAULT_VALIDITY_MONTHS)
        self.until_revoked_check.setChecked(months is None)
        self.months_spin.setEnabled(months is not None)


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
        self.validity = ValidityEditor(current.enrollment_validity_months)
        self.form.rows.addRow(
            self.tr("Durata dell'&iscrizione:"),
            self.errors.wrap("enrollment_validity_months", self.validity),
        )

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
        details.enrollment_validity_months = self.validity.months()
        saved = submit(lambda: update_house(self.ctx, details), self.errors, self)
        if saved is not None:
            self.details = saved
            self.accept()
