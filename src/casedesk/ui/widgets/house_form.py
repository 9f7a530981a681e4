"""The house's details as one form: the set-up wizard and «Dati della Casa» both show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.house import HouseDetails, validate_house
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import FieldErrors, named
from casedesk.ui.widgets.opening_hours import OpeningHoursEditor

LOGO_PREVIEW = 28


class LogoChooser(QWidget):
    """The logo file: a preview, its path, «Scegli…» and «Rimuovi»."""

    def __init__(self, path: str | None = None, parent: QWidget | None = None) -> None:
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


class HouseForm(QWidget):
    """Name, address, phone, email, logo (optional) and opening hours of the house.

    `load(details)` fills the fields; `read()` returns the details typed, or None after
    showing what is wrong beside the fields. Errors from a service go to
    `errors.show(...)` (field names as in `validate_house`: name, address, phone,
    email, logo_path) and the opening hours' to `hours_editor.errors`.
    A dialog with more settings adds its rows to `rows` (a QFormLayout) and its own
    values to what `read()` returns.
    """

    def __init__(self, with_logo: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("house_form")
        self.errors = FieldErrors()
        self.name_edit = named(QLineEdit(), "house_name_edit", self.tr("Nome della Casa"))
        self.name_edit.setPlaceholderText(
            self.tr("es. Casa delle associazioni e del volontariato Municipio 1")
        )
        self.address_edit = named(QLineEdit(), "house_address_edit", self.tr("Indirizzo"))
        self.phone_edit = named(QLineEdit(), "house_phone_edit", self.tr("Telefono"))
        self.email_edit = named(QLineEdit(), "house_email_edit", self.tr("Email"))
        self.logo: LogoChooser | None = LogoChooser() if with_logo else None
        self.rows = QFormLayout()
        self.rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.rows.addRow(self.tr("&Nome della Casa:"), self.errors.wrap("name", self.name_edit))
        self.rows.addRow(self.tr("In&dirizzo:"), self.errors.wrap("address", self.address_edit))
        self.rows.addRow(self.tr("&Telefono:"), self.errors.wrap("phone", self.phone_edit))
        self.rows.addRow(self.tr("&Email:"), self.errors.wrap("email", self.email_edit))
        if self.logo is not None:
            self.rows.addRow(self.tr("&Logo:"), self.errors.wrap("logo_path", self.logo))
        self.hours_editor = OpeningHoursEditor()
        hours_box = QGroupBox(self.tr("Orari di apertura"))
        hours_box.setObjectName("hours_box")
        QVBoxLayout(hours_box).addWidget(self.hours_editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows)
        layout.addWidget(hours_box)
        self.setFocusProxy(self.name_edit)

    def load(self, details: HouseDetails) -> None:
        self.name_edit.setText(details.name)
        self.address_edit.setText(details.address)
        self.phone_edit.setText(details.phone)
        self.email_edit.setText(details.email)
        if self.logo is not None:
            self.logo.set_path(details.logo_path)
        self.hours_editor.set_hours(details.opening_hours)
        self.errors.clear()

    def read(self) -> HouseDetails | None:
        """The details typed, or None after showing the problems beside their fields."""
        hours = self.hours_editor.hours()
        details = HouseDetails(
            name=self.name_edit.text(),
            address=self.address_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            logo_path=self.logo.path() if self.logo is not None else None,
        )
        self.errors.show(validate_house(details))
        if self.errors.has_errors() or hours is None:
            return None
        details.opening_hours = hours
        return details
