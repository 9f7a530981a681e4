"""The house's details, for coordinators: name, contacts, opening hours, logo, and how
long an enrollment lasts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enrollment import DEFAULT_VALIDITY_MONTHS, MAX_VALIDITY_MONTHS
from casedesk.domain.house import HouseDetails, validate_house
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError, ValidationFailed
from casedesk.services.house import get_house, update_house
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets.buttons import dialog_buttons
from casedesk.ui.widgets.forms import FieldErrors, named
from casedesk.ui.widgets.opening_hours import OpeningHoursEditor

LOGO_PREVIEW = 28


class LogoChooser(QWidget):
    """The logo file: a preview, its path, «Scegli…» and «Rimuovi»."""

    def __init__(self, path: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logo_chooser")
        self.preview = QLabel()
        self.preview.setObjectName("logo_preview")
        self.preview.setFixedSize(LOGO_PREVIEW, LOGO_PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.path_edit = named(QLineEdit(), "logo_path_edit", self.tr("File del logo"))
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("nessun logo"))
        self.choose_button = named(
            QPushButton(icon("open_file"), self.tr("Sce&gli…")),
            "choose_logo_button",
            self.tr("Scegli il file del logo"),
        )
        self.remove_button = named(
            QPushButton(icon("remove_file"), self.tr("&Rimuovi")),
            "remove_logo_button",
            self.tr("Rimuovi il logo"),
        )
        for button in (self.choose_button, self.remove_button):
            button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._choose)
        self.remove_button.clicked.connect(lambda: self.set_path(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.preview)
        self.setFocusProxy(self.choose_button)
        self.set_path(path)

    def path(self) -> str | None:
        return self.path_edit.text() or None

    def set_path(self, path: str | None) -> None:
        self.path_edit.setText(path or "")
        self.remove_button.setEnabled(bool(path))
        pixmap = QPixmap(path) if path and Path(path).is_file() else QPixmap()
        if not path:
            self.preview.clear()
            self.preview.setToolTip("")
        elif pixmap.isNull():
            self.preview.setPixmap(icon("error").pixmap(LOGO_PREVIEW, LOGO_PREVIEW))
            self.preview.setToolTip(self.tr("Il file del logo non si trova o non è un'immagine."))
        else:
            self.preview.setPixmap(
                pixmap.scaled(
                    LOGO_PREVIEW,
                    LOGO_PREVIEW,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.preview.setToolTip(path)

    def _choose(self) -> None:
        current = self.path()
        start = str(Path(current).parent) if current else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Scegli il logo della Casa"),
            start,
            self.tr("Immagini (*.png *.jpg *.jpeg *.svg)"),
        )
        if path:
            self.set_path(path)


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
        self.errors = FieldErrors()
        current = get_house(ctx)
        self.details: HouseDetails = current

        self.name_edit = named(
            QLineEdit(current.name), "house_name_edit", self.tr("Nome della Casa")
        )
        self.address_edit = named(
            QLineEdit(current.address), "house_address_edit", self.tr("Indirizzo")
        )
        self.phone_edit = named(QLineEdit(current.phone), "house_phone_edit", self.tr("Telefono"))
        self.email_edit = named(QLineEdit(current.email), "house_email_edit", self.tr("Email"))
        self.logo = LogoChooser(current.logo_path)
        self.validity = ValidityEditor(current.enrollment_validity_months)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Nome della Casa:"), self.errors.wrap("name", self.name_edit))
        form.addRow(self.tr("In&dirizzo:"), self.errors.wrap("address", self.address_edit))
        form.addRow(self.tr("&Telefono:"), self.errors.wrap("phone", self.phone_edit))
        form.addRow(self.tr("&Email:"), self.errors.wrap("email", self.email_edit))
        form.addRow(self.tr("&Logo:"), self.errors.wrap("logo_path", self.logo))
        form.addRow(
            self.tr("Durata dell'&iscrizione:"),
            self.errors.wrap("enrollment_validity_months", self.validity),
        )
        self.hours_editor = OpeningHoursEditor(current.opening_hours)
        hours_box = QGroupBox(self.tr("Orari di apertura"))
        hours_box.setObjectName("hours_box")
        QVBoxLayout(hours_box).addWidget(self.hours_editor)

        buttons, self.save_button, self.cancel_button = dialog_buttons(
            self.tr("&Salva"), "save_button", "save"
        )
        self.save_button.setToolTip(self.tr("Salva i dati della Casa (Ctrl+S)"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self._save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hours_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.name_edit.setFocus()

    def _save(self) -> None:
        hours = self.hours_editor.hours()
        details = HouseDetails(
            name=self.name_edit.text(),
            address=self.address_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            logo_path=self.logo.path(),
            enrollment_validity_months=self.validity.months(),
        )
        self.errors.show(validate_house(details))
        if self.errors.has_errors() or hours is None:
            return
        details.opening_hours = hours
        try:
            self.details = update_house(self.ctx, details)
        except ValidationFailed as exc:
            unplaced = self.errors.show(exc.errors)
            if unplaced:
                show_service_error(self, ValidationFailed(unplaced))
            return
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        self.accept()
