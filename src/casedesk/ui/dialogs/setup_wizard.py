"""First run: the house's details and the first coordinator, in three pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from casedesk.domain.house import HouseDetails
from casedesk.domain.operators import NewOperator, OperatorInfo, validate_new_operator
from casedesk.domain.passwords import MIN_PASSWORD_LENGTH
from casedesk.services.context import ServiceContext
from casedesk.services.errors import Conflict
from casedesk.services.setup import complete_setup
from casedesk.ui.dialogs.change_password import password_field
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets.database import describe_database
from casedesk.ui.widgets.forms import FieldErrors, named, submit
from casedesk.ui.widgets.house_form import HouseForm


class WelcomePage(QWizardPage):
    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__()
        self.setObjectName("welcome_page")
        self.setTitle(self.tr("Benvenuti in CaseDesk"))
        self.setSubTitle(self.tr("Configurazione iniziale, da fare una volta sola."))
        text = QLabel(
            self.tr(
                "<p>Prima di iniziare servono due cose:</p>"
                "<ol><li>i <b>dati della Casa</b>: nome, recapiti e orari di apertura;</li>"
                "<li>il <b>primo coordinatore</b>, che potrà poi aggiungere gli altri "
                "operatori dello sportello.</li></ol>"
                "<p>Tutto si potrà cambiare in seguito dal menu <i>Strumenti</i>.</p>"
                "<p>I dati verranno salvati in: <br><tt>{database}</tt></p>"
            ).format(database=describe_database(ctx.db.url).replace("<", "&lt;"))
        )
        text.setObjectName("welcome_text")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)


class HousePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("house_page")
        self.setTitle(self.tr("Dati della Casa"))
        self.setSubTitle(
            self.tr("Compaiono sulle ricevute e sui documenti. Il nome è obbligatorio.")
        )
        # The logo waits for «Dati della Casa»: the first run asks only what receipts need.
        self.form = HouseForm(with_logo=False)
        self.errors = self.form.errors
        self.name_edit = self.form.name_edit
        self.address_edit = self.form.address_edit
        self.phone_edit = self.form.phone_edit
        self.email_edit = self.form.email_edit
        self.hours_editor = self.form.hours_editor
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def initializePage(self) -> None:
        self.name_edit.setFocus()

    def details(self) -> HouseDetails | None:
        """The details typed, or None after showing what is wrong beside the fields."""
        return self.form.read()

    def validatePage(self) -> bool:
        return self.details() is not None


class CoordinatorPage(QWizardPage):
    def __init__(self, ctx: ServiceContext, house_page: HousePage) -> None:
        super().__init__()
        self.ctx = ctx
        self.house_page = house_page
        self.operator: OperatorInfo | None = None
        self.setObjectName("coordinator_page")
        self.setTitle(self.tr("Primo coordinatore"))
        self.setSubTitle(
            self.tr(
                "Chi userà questo account potrà aggiungere gli altri operatori e cambiare "
                "i dati della Casa."
            )
        )
        self.errors = FieldErrors()
        self.full_name_edit = named(QLineEdit(), "full_name_edit", self.tr("Nome e cognome"))
        self.username_edit = named(QLineEdit(), "username_edit", self.tr("Nome utente"))
        self.username_edit.setPlaceholderText(self.tr("es. anna.rossi"))
        self.password_edit = password_field("password_edit", self.tr("Password"))
        self.password_edit.setPlaceholderText(
            self.tr("almeno {n} caratteri").format(n=MIN_PASSWORD_LENGTH)
        )
        self.repeat_edit = password_field("password_repeat_edit", self.tr("Ripeti la password"))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("N&ome e cognome:"), self.errors.wrap("full_name", self.full_name_edit))
        form.addRow(self.tr("Nome &utente:"), self.errors.wrap("username", self.username_edit))
        form.addRow(self.tr("&Password:"), self.errors.wrap("password", self.password_edit))
        form.addRow(
            self.tr("&Ripeti la password:"), self.errors.wrap("password_repeat", self.repeat_edit)
        )

    def initializePage(self) -> None:
        self.full_name_edit.setFocus()

    def validatePage(self) -> bool:
        coordinator = NewOperator(
            full_name=self.full_name_edit.text(),
            username=self.username_edit.text(),
            password=self.password_edit.text(),
        )
        problems = validate_new_operator(coordinator, self.repeat_edit.text())
        if problems:
            self.errors.show(problems)
            return False
        house = self.house_page.details()
        if house is None:
            self.wizard().back()
            return False
        try:
            self.operator = submit(
                lambda: complete_setup(self.ctx, house, coordinator),
                [self.errors, self.house_page.errors],
                self,
                passthrough=(Conflict,),
            )
        except Conflict as exc:
            # Another desk finished the set-up meanwhile: the program goes on to sign-in.
            show_service_error(self, exc)
            self.wizard().reject()
            return False
        return self.operator is not None
        return True


class SetupWizard(QWizard):
    """After acceptance, `operator` is the coordinator just created."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.setWindowTitle(self.tr("CaseDesk — Configurazione iniziale"))
        self.setWindowIcon(icon("app"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon("app").pixmap(48, 48))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        texts = {
            QWizard.WizardButton.BackButton: (self.tr("< &Indietro"), "back_button"),
            QWizard.WizardButton.NextButton: (self.tr("&Avanti >"), "next_button"),
            QWizard.WizardButton.FinishButton: (self.tr("&Fine"), "finish_button"),
            QWizard.WizardButton.CancelButton: (self.tr("Annulla"), "cancel_button"),
        }
        for which, (text, name) in texts.items():
            self.setButtonText(which, text)
            named(self.button(which), name, text.replace("&", "").strip("<> "))
        self.welcome_page = WelcomePage(ctx)
        self.house_page = HousePage()
        self.coordinator_page = CoordinatorPage(ctx, self.house_page)
        for page in (self.welcome_page, self.house_page, self.coordinator_page):
            self.addPage(page)
        self.resize(660, 640)

    @property
    def operator(self) -> OperatorInfo | None:
        return self.coordinator_page.operator
