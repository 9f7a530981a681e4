"""The association form: identity, description, legal representative and board, contacts.

Every edit is checked (after a short pause) with the same rules the services apply;
problems appear in red under their field, things worth a look in amber (a similar
name links to the existing association), and the Save button says what blocks it.
Ctrl+S saves, Esc closes (asking first if something would be lost). When another
desk saved the same association meanwhile, the form says what changed and can
reload it, keeping the desk's own typing at hand to apply again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain import associations as rules
from casedesk.domain.association_rows import parse_date
from casedesk.domain.association_status import ACTION_LABELS, STATUS_ACTIONS, allowed_actions
from casedesk.domain.associations import (
    DEFAULT_SECTORS,
    FIELD_LABELS,
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
    Validation,
)
from casedesk.domain.calendar_time import MILAN
from casedesk.domain.enums import AssociationStatus, LegalForm, RuntsSection
from casedesk.domain.text_search import fold
from casedesk.domain.validation import FieldError
from casedesk.services.associations import (
    AssociationRecord,
    StaleRecord,
    change_status,
    check_association,
    create_association,
    delete_association,
    get_association,
    update_association,
)
from casedesk.services.context import ServiceContext
from casedesk.services.enrollment import enrollment_history
from casedesk.services.errors import ServiceError, ValidationFailed
from casedesk.ui.associations.model import STATUS_COLORS
from casedesk.ui.associations.rows_editor import Column, RowsEditor
from casedesk.ui.associations.widgets import FieldMessages, tab_icon
from casedesk.ui.errors import show_service_error
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import ERROR_COLOR, named

CHECK_DELAY_MS = 300

_ROW_FIELD = re.compile(r"^(board_members|contact_persons)\[(\d+)\]\.(\w+)$")

PAGE_IDENTITY, PAGE_DESCRIPTION, PAGE_BOARD, PAGE_CONTACTS = range(4)
_PAGE_OF = {
    "description": PAGE_DESCRIPTION,
    "notes": PAGE_DESCRIPTION,
    "legal_representative": PAGE_BOARD,
    "board_members": PAGE_BOARD,
    "contact_persons": PAGE_CONTACTS,
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def _format_moment(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(MILAN)
    return moment.strftime("%d/%m/%Y alle %H:%M")


# --- the form --------------------------------------------------------------------------


class AssociationForm(QDialog):
    """A new association (`association_id` None) or an existing one.

    Signals: `saved(id)` after a save, `status_changed(id)`, `deleted(id)`,
    `open_requested(id)` for an «Apri «…»» link to another association,
    `documents_requested(id)` for its papers and enrollment (the form closes first).
    """

    saved = Signal(int)
    status_changed = Signal(int)
    deleted = Signal(int)
    open_requested = Signal(int)
    documents_requested = Signal(int)

    def __init__(
        self,
        ctx: ServiceContext,
        association_id: int | None = None,
        *,
        sectors: Iterable[str] = (),
        initial: AssociationDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: AssociationRecord | None = (
            get_association(ctx, association_id) if association_id is not None else None
        )
        self.setObjectName("association_form")
        self._loading = False
        self._touched: set[str] = set()
        self._validation = Validation()
        self._ui_errors: list[FieldError] = []
        self._register_errors: list[FieldError] = []
        self._register_warnings: list[FieldError] = []
        self._sector_order: list[str] = []
        self._register_key: tuple[Any, ...] | None = None
        self._board_rows: list[int] = []
        self._contact_rows: list[int] = []
        self._baseline: dict[str, object] = {}
        self._mine: AssociationDraft | None = None  # the desk's typing kept after a reload
        self._mine_fields: list[str] = []
        self._known_sectors = list(DEFAULT_SECTORS)
        for sector in sorted(sectors, key=fold):
            self._add_known_sector(sector)
        self.messages = FieldMessages(self.open_requested.emit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)

        self._build_header()
        self._build_pages()
        self._build_footer()
        layout = QVBoxLayout(self)
        layout.addLayout(self._header)
        layout.addWidget(self.stale_banner)
        layout.addWidget(self.pages, 1)
        layout.addLayout(self._footer)
        self._connect_edits()

        draft = self.record.draft if self.record else initial
        self._load(draft)
        if self.record is not None:
            self._touched = set(self.messages.names())
        elif initial is not None:
            self._touched = {"name", "tax_code"} & {
                k for k, v in rules.as_plain(initial).items() if v
            }
        self._baseline = self._snapshot()
        self._show_record()
        self.validate_now()
        screen = self.screen().availableGeometry()
        self.resize(min(1000, screen.width() * 95 // 100), min(720, screen.height() * 9 // 10))
        self.name_edit.setFocus()

    # --- building ----------------------------------------------------------------------

    def _line(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = named(QLineEdit(), f"{name}_edit", accessible)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return edit

    def _build_header(self) -> None:
        self.title_label = QLabel()
        self.title_label.setObjectName("form_title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setObjectName("status_label")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setWordWrap(True)
        self.times_label = QLabel()
        self.times_label.setObjectName("times_label")
        self.times_label.setWordWrap(True)
        # The enrollments, read-only (they are made in the «Documenti» tab).
        self.enrollments_label = QLabel()
        self.enrollments_label.setObjectName("enrollments_label")
        self.enrollments_label.setWordWrap(True)
        self.enrollments_label.setTextFormat(Qt.TextFormat.RichText)
        self.enrollments_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info = QVBoxLayout()
        info.setSpacing(2)
        info.addWidget(self.title_label)
        info.addWidget(self.status_label)
        info.addWidget(self.times_label)
        info.addWidget(self.enrollments_label)
        self._header = QHBoxLayout()
        self._header.addLayout(info, 1)

        # After a reload caused by another desk's save: what was kept, and a way back.
        self.stale_banner = QFrame()
        self.stale_banner.setObjectName("stale_banner")
        self.stale_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.stale_banner.setStyleSheet(
            "#stale_banner { background: #fff4e0; border: 1px solid #e0b060; border-radius: 4px; }"
        )
        self.stale_label = QLabel()
        self.stale_label.setObjectName("stale_label")
        self.stale_label.setWordWrap(True)
        self.stale_label.setTextFormat(Qt.TextFormat.RichText)
        self.stale_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reapply_button = named(
            QPushButton(self.tr("Ri&applica le mie modifiche")),
            "reapply_button",
            self.tr("Riapplica le mie modifiche"),
        )
        self.reapply_button.setAutoDefault(False)
        self.reapply_button.clicked.connect(self.reapply_mine)
        banner = QHBoxLayout(self.stale_banner)
        banner.addWidget(self.stale_label, 1)
        banner.addWidget(self.reapply_button, 0, Qt.AlignmentFlag.AlignTop)
        self.stale_banner.hide()

    def _build_pages(self) -> None:
        self.pages = named(QTabWidget(), "form_pages", self.tr("Sezioni della scheda"))
        self.pages.tabBar().setObjectName("form_pages_bar")
        self.pages.tabBar().setAccessibleName(self.tr("Sezioni della scheda"))
        self.pages.addTab(self._identity_page(), self.tr("Identità e recapiti"))
        self.pages.addTab(self._description_page(), self.tr("Descrizione e note"))
        self.pages.addTab(
            self._board_page(), self.tr("Legale rappresentante e Consiglio direttivo")
        )
        self.pages.addTab(self._contacts_page(), self.tr("Referenti"))

    def _form_layout(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def _identity_page(self) -> QWidget:
        m = self.messages
        self.name_edit = self._line("name", self.tr("Denominazione"))
        self.legal_form_combo = named(QComboBox(), "legal_form_combo", self.tr("Forma giuridica"))
        self.runts_section_combo = named(
            QComboBox(), "runts_section_combo", self.tr("Sezione RUNTS")
        )
        self.runts_section_combo.addItem(self.tr("—"), None)
        for section in RuntsSection:
            self.runts_section_combo.addItem(section.label, section.value)
        self.runts_number_edit = self._line("runts_number", self.tr("Numero di repertorio RUNTS"))
        self.tax_code_edit = self._line(
            "tax_code",
            self.tr("Codice fiscale"),
            self.tr("11 cifre per un ente, 16 caratteri per una persona"),
        )
        self.address_edit = self._line(
            "address", self.tr("Indirizzo"), self.tr("via, numero civico, CAP, città")
        )
        self.email_edit = self._line("email", self.tr("Email"))
        self.pec_edit = self._line("pec", self.tr("PEC"))
        self.phone_edit = self._line("phone", self.tr("Telefono"), self.tr("es. 02 1234 5678"))
        self.website_edit = self._line(
            "website", self.tr("Sito web"), self.tr("es. www.esempio.it")
        )
        form = self._form_layout()
        form.addRow(self.tr("&Denominazione:"), m.wrap("name", self.name_edit))
        form.addRow(self.tr("&Forma giuridica:"), m.wrap("legal_form", self.legal_form_combo))
        form.addRow(self.tr("Sezione &RUNTS:"), m.wrap("runts_section", self.runts_section_combo))
        form.addRow(self.tr("N&umero RUNTS:"), m.wrap("runts_number", self.runts_number_edit))
        form.addRow(self.tr("&Codice fiscale:"), m.wrap("tax_code", self.tax_code_edit))
        form.addRow(self.tr("&Indirizzo:"), m.wrap("address", self.address_edit))
        form.addRow(self.tr("&Email:"), m.wrap("email", self.email_edit))
        form.addRow(self.tr("&PEC:"), m.wrap("pec", self.pec_edit))
        form.addRow(self.tr("&Telefono:"), m.wrap("phone", self.phone_edit))
        form.addRow(self.tr("Sito &web:"), m.wrap("website", self.website_edit))

        self.sectors_list = named(QListWidget(), "sectors_list", self.tr("Settori di attività"))
        self.sectors_list.setToolTip(self.tr("Spazio o clic: segna o togli un settore"))
        self.new_sector_edit = self._line(
            "new_sector", self.tr("Altro settore"), self.tr("Altro settore…")
        )
        self.add_sector_button = named(
            QPushButton(tab_icon("add"), self.tr("Aggiungi")),
            "add_sector_button",
            self.tr("Aggiungi il settore"),
        )
        self.add_sector_button.setAutoDefault(False)
        self.add_sector_button.clicked.connect(self._add_sector)
        self.new_sector_edit.returnPressed.connect(self._add_sector)
        self.seeking_volunteers_check = named(
            QCheckBox(self.tr("Cerca &volontari")),
            "seeking_volunteers_check",
            self.tr("Cerca volontari"),
        )
        sectors_box = QGroupBox(self.tr("Settori di attività"))
        sectors_box.setObjectName("sectors_box")
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_sector_edit, 1)
        add_row.addWidget(self.add_sector_button)
        box = QVBoxLayout(sectors_box)
        box.addWidget(m.wrap("sectors", self.sectors_list), 1)
        box.addLayout(add_row)
        side = QVBoxLayout()
        side.addWidget(sectors_box, 1)
        side.addWidget(m.wrap("seeking_volunteers", self.seeking_volunteers_check))

        page = QWidget()
        page.setObjectName("identity_page")
        columns = QHBoxLayout(page)
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        return page

    def _description_page(self) -> QWidget:
        m = self.messages
        self.description_edit = named(
            QPlainTextEdit(), "description_edit", self.tr("Descrizione per i cittadini")
        )
        self.description_edit.setPlaceholderText(
            self.tr(
                "Che cosa fa l'associazione, per chi, dove e quando: il testo che si legge "
                "ai cittadini allo sportello."
            )
        )
        self.notes_edit = named(QPlainTextEdit(), "notes_edit", self.tr("Note interne"))
        self.notes_edit.setPlaceholderText(self.tr("Note per la segreteria (non per i cittadini)."))
        for edit in (self.description_edit, self.notes_edit):
            edit.setTabChangesFocus(True)
        page = QWidget()
        page.setObjectName("description_page")
        layout = QVBoxLayout(page)
        for text, name, edit, stretch in (
            (self.tr("Descrizione per i &cittadini:"), "description", self.description_edit, 3),
            (self.tr("&Note interne:"), "notes", self.notes_edit, 2),
        ):
            label = QLabel(text)
            label.setObjectName(f"{name}_label")
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(m.wrap(name, edit), stretch)
        return page

    def _board_page(self) -> QWidget:
        m = self.messages
        self.legal_representative_edit = self._line(
            "legal_representative", self.tr("Legale rappresentante"), self.tr("nome e cognome")
        )
        self.board_editor = RowsEditor(
            "board",
            self.tr("Consiglio direttivo"),
            [
                Column("name", self.tr("Nome e cognome")),
                Column("role", self.tr("Ruolo"), "role", 170),
                Column("since", self.tr("In carica dal"), "date", 130),
            ],
            self.tr("Aggiungi &componente"),
        )
        form = self._form_layout()
        form.addRow(
            self.tr("&Legale rappresentante:"),
            m.wrap("legal_representative", self.legal_representative_edit),
        )
        board_label = QLabel(self.tr("Consiglio &direttivo:"))
        board_label.setObjectName("board_label")
        board_label.setBuddy(self.board_editor.table)
        page = QWidget()
        page.setObjectName("board_page")
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(board_label)
        layout.addWidget(m.wrap("board_members", self.board_editor, self.board_editor.table), 1)
        return page

    def _contacts_page(self) -> QWidget:
        self.contacts_editor = RowsEditor(
            "contacts",
            self.tr("Referenti"),
            [
                Column("name", self.tr("Nome e cognome"), "text", 190),
                Column("phone", self.tr("Telefono"), "text", 140),
                Column("email", self.tr("Email"), "text", 190),
                Column("availability", self.tr("Quando si può contattare")),
                Column("meets_citizens", self.tr("Incontra i cittadini"), "check", 130),
            ],
            self.tr("Aggiungi &referente"),
        )
        intro = QLabel(
            self.tr(
                "Il primo referente è quello che compare nel registro. Chi «incontra i "
                "cittadini» può ricevere appuntamenti."
            )
        )
        intro.setObjectName("contacts_intro")
        intro.setWordWrap(True)
        page = QWidget()
        page.setObjectName("contacts_page")
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(
            self.messages.wrap("contact_persons", self.contacts_editor, self.contacts_editor.table),
            1,
        )
        return page

    def _build_footer(self) -> None:
        self.action_buttons: dict[str, QPushButton] = {}
        icons = {
            "suspend": "suspend",
            "reactivate": "reactivate",
            "cease": "cease",
            "reopen": "reopen",
        }
        self._footer = QHBoxLayout()
        for action, label in ACTION_LABELS.items():
            needs_reason = STATUS_ACTIONS[action][2]
            text = label + ("…" if needs_reason else "")
            button = named(QPushButton(tab_icon(icons[action]), text), f"{action}_button", label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self.run_action(a))
            button.hide()
            self.action_buttons[action] = button
            self._footer.addWidget(button)
        self.delete_button = named(
            QPushButton(tab_icon("delete"), self.tr("Eli&mina…")),
            "delete_button",
            self.tr("Elimina l'associazione"),
        )
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete)
        self.delete_button.hide()
        self._footer.addWidget(self.delete_button)
        self.documents_button = named(
            QPushButton(tab_icon("documents"), self.tr("Documenti e iscrizione…")),
            "documents_button",
            self.tr("Documenti e iscrizione"),
        )
        self.documents_button.setToolTip(
            self.tr("Chiudi la scheda e vai ai documenti, all'iscrizione e alle ricevute")
        )
        self.documents_button.setAutoDefault(False)
        self.documents_button.clicked.connect(self.open_documents)
        self.documents_button.hide()
        self._footer.addWidget(self.documents_button)
        self._footer.addStretch(1)
        self.blocker_label = QLabel()
        self.blocker_label.setObjectName("blocker_label")
        self.blocker_label.setTextFormat(Qt.TextFormat.RichText)
        self.blocker_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.blocker_label.setWordWrap(True)
        self.blocker_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.blocker_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.blocker_label.linkActivated.connect(self.go_to_field)
        self._footer.addWidget(self.blocker_label, 2)
        self.save_button = named(
            QPushButton(tab_icon("save"), self.tr("&Salva")), "save_button", self.tr("Salva")
        )
        self.save_button.setToolTip(self.tr("Salva la scheda (Ctrl+S)"))
        self.cancel_button = named(
            QPushButton(tab_icon("close"), self.tr("Annulla")),
            "cancel_button",
            self.tr("Annulla"),
        )
        self.cancel_button.setToolTip(self.tr("Chiudi senza salvare (Esc)"))
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must not save a half-typed form
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self._footer.addWidget(self.save_button)
        self._footer.addWidget(self.cancel_button)
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.activated.connect(self.save)

    def _connect_edits(self) -> None:
        lines = {
            "name": self.name_edit,
            "runts_number": self.runts_number_edit,
            "tax_code": self.tax_code_edit,
            "address": self.address_edit,
            "email": self.email_edit,
            "pec": self.pec_edit,
            "phone": self.phone_edit,
            "website": self.website_edit,
            "legal_representative": self.legal_representative_edit,
        }
        for key, edit in lines.items():
            edit.textEdited.connect(lambda _text, k=key: self._edited(k))
            edit.editingFinished.connect(lambda k=key: self._finished(k))
        self.legal_form_combo.currentIndexChanged.connect(self._legal_form_changed)
        self.runts_section_combo.currentIndexChanged.connect(
            lambda _i: self._edited("runts_section")
        )
        self.description_edit.textChanged.connect(lambda: self._edited("description"))
        self.notes_edit.textChanged.connect(lambda: self._edited("notes"))
        self.sectors_list.itemChanged.connect(lambda _item: self._edited("sectors"))
        self.seeking_volunteers_check.toggled.connect(
            lambda _on: self._edited("seeking_volunteers")
        )
        self.board_editor.changed.connect(lambda: self._edited("board_members"))
        self.contacts_editor.changed.connect(lambda: self._edited("contact_persons"))

    # --- loading -----------------------------------------------------------------------

    def _add_known_sector(self, sector: str) -> None:
        if sector.strip() and fold(sector) not in {fold(s) for s in self._known_sectors}:
            self._known_sectors.append(sector.strip())

    def _fill_sectors(self, checked: Sequence[str]) -> None:
        for sector in checked:
            self._add_known_sector(sector)
        wanted = {fold(s) for s in checked}
        self.sectors_list.clear()
        for sector in self._known_sectors:
            item = QListWidgetItem(sector)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if fold(sector) in wanted else Qt.CheckState.Unchecked
            )
            self.sectors_list.addItem(item)

    def _load(self, draft: AssociationDraft | None) -> None:
        """Put `draft` in the widgets (None: an empty form)."""
        self._loading = True
        try:
            d = draft or AssociationDraft(
                name="", legal_form=LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA
            )
            self._sector_order = list(d.sectors)
            self.legal_form_combo.clear()
            if self.record is None:
                # A new association: the desk chooses the form, nothing is assumed.
                self.legal_form_combo.addItem(self.tr("— scegli la forma giuridica —"), None)
            for form in LegalForm:
                self.legal_form_combo.addItem(form.label, form.value)
            if self.record is not None:
                self.legal_form_combo.setCurrentIndex(
                    self.legal_form_combo.findData(d.legal_form.value)
                )
            self.name_edit.setText(d.name)
            self.tax_code_edit.setText(d.tax_code)
            self.runts_section_combo.setCurrentIndex(
                self.runts_section_combo.findData(
                    d.runts_section.value if d.runts_section else None
                )
            )
            self.runts_number_edit.setText(d.runts_number)
            self.address_edit.setText(d.address)
            self.email_edit.setText(d.email)
            self.pec_edit.setText(d.pec)
            self.phone_edit.setText(d.phone)
            self.website_edit.setText(d.website)
            self._fill_sectors(d.sectors)
            self.seeking_volunteers_check.setChecked(d.seeking_volunteers)
            self.description_edit.setPlainText(d.description)
            self.notes_edit.setPlainText(d.notes)
            self.legal_representative_edit.setText(d.legal_representative)
            self.board_editor.set_rows(
                {"id": b.id, "name": b.name, "role": b.role, "since": b.since}
                for b in d.board_members
            )
            self.contacts_editor.set_rows(
                {
                    "id": c.id,
                    "name": c.name,
                    "phone": c.phone,
                    "email": c.email,
                    "availability": c.availability,
                    "meets_citizens": c.meets_citizens,
                }
                for c in d.contact_persons
            )
        finally:
            self._loading = False
        self._update_runts_fields()

    def _show_record(self) -> None:
        """Title, status, times and the actions the status allows."""
        record = self.record
        name = self.name_edit.text().strip()
        if record is None:
            self.setWindowTitle(self.tr("Nuova associazione"))
            self.title_label.setText(self.tr("Nuova associazione"))
            self.status_label.setText(
                self.tr("Sarà registrata come <b>bozza</b>: diventa iscritta con l'iscrizione.")
            )
            self.times_label.hide()
            self.enrollments_label.hide()
        else:
            self.setWindowTitle(self.tr("Associazione — {name}").format(name=name))
            self.title_label.setText(record.draft.name)
            color = STATUS_COLORS.get(record.status, "")
            text = self.tr("Stato: <b style='color: {color};'>{status}</b>").format(
                color=color, status=html.escape(record.status.label)
            )
            if record.status_reason and record.status is not AssociationStatus.ISCRITTA:
                text += " — " + html.escape(
                    self.tr("motivo: {reason}").format(reason=record.status_reason)
                )
            self.status_label.setText(text)
            self.times_label.setText(
                self.tr("Registrata il {created} · ultima modifica il {updated}").format(
                    created=_format_moment(record.created_at),
                    updated=_format_moment(record.updated_at),
                )
            )
            self.times_label.show()
            self._show_enrollments(record.id)
        self.documents_button.setVisible(record is not None)
        allowed = allowed_actions(record.status) if record else []
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)
        operator = self.ctx.operator
        coordinator = record is not None and operator is not None and operator.is_coordinator
        self.delete_button.setVisible(coordinator)

    def _show_enrollments(self, association_id: int) -> None:
        try:
            history = enrollment_history(self.ctx, association_id)
        except ServiceError:
            history = []
        if not history:
            self.enrollments_label.setText(self.tr("Iscrizioni: nessuna finora."))
            self.enrollments_label.show()
            return
        parts = []
        for e in history[:4]:
            text = self.tr("{number} del {day}").format(
                number=e.number_text, day=e.enrolled_on.strftime("%d/%m/%Y")
            )
            if e.cancelled:
                text = f"<s>{html.escape(text)}</s> ({html.escape(self.tr('annullata'))})"
            else:
                text = html.escape(text)
            parts.append(text)
        if len(history) > 4:
            parts.append(html.escape(self.tr("e altre {n}").format(n=len(history) - 4)))
        self.enrollments_label.setText(html.escape(self.tr("Iscrizioni: ")) + " · ".join(parts))
        self.enrollments_label.show()

    def open_documents(self) -> bool:
        """Close the form (asking if something would be lost) and go to its papers."""
        if self.record is None:
            return False
        association_id = self.record.id
        self.reject()
        if self.isVisible():
            return False  # the desk went on editing
        self.documents_requested.emit(association_id)
        return True

    # --- reading the widgets -----------------------------------------------------------

    def legal_form(self) -> LegalForm | None:
        value = self.legal_form_combo.currentData()
        return LegalForm(value) if value else None

    def _checked_sectors(self) -> list[str]:
        checked = [
            self.sectors_list.item(i).text()
            for i in range(self.sectors_list.count())
            if self.sectors_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        keys = {fold(s): s for s in checked}
        # Keep the saved order, so that an unchanged list reads as unchanged.
        ordered = [s for s in self._sector_order if fold(s) in keys]
        seen = {fold(s) for s in ordered}
        return ordered + [s for s in checked if fold(s) not in seen]

    def draft(self) -> AssociationDraft:
        """The association as the widgets show it (UI-level problems in `_ui_errors`)."""
        problems: list[FieldError] = []
        section = self.runts_section_combo.currentData()
        board: list[BoardMemberDraft] = []
        self._board_rows = []
        for row, values in self.board_editor.rows():
            since, error = parse_date(values["since"])
            if error:
                problems.append(FieldError(f"board_members[{len(board)}].since", error))
            self._board_rows.append(row)
            board.append(BoardMemberDraft(values["name"], values["role"], since, id=values["id"]))
        contacts: list[ContactPersonDraft] = []
        self._contact_rows = []
        for row, values in self.contacts_editor.rows():
            self._contact_rows.append(row)
            contacts.append(
                ContactPersonDraft(
                    values["name"],
                    values["phone"],
                    values["email"],
                    values["availability"],
                    values["meets_citizens"],
                    id=values["id"],
                )
            )
        form = self.legal_form()
        if form is None:
            problems.append(FieldError("legal_form", self.tr("Scegli la forma giuridica.")))
        self._ui_errors = problems
        return AssociationDraft(
            name=self.name_edit.text(),
            legal_form=form or LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA,
            tax_code=self.tax_code_edit.text(),
            runts_section=RuntsSection(section) if section else None,
            runts_number=self.runts_number_edit.text(),
            address=self.address_edit.text(),
            email=self.email_edit.text(),
            pec=self.pec_edit.text(),
            phone=self.phone_edit.text(),
            website=self.website_edit.text(),
            sectors=self._checked_sectors(),
            description=self.description_edit.toPlainText(),
            seeking_volunteers=self.seeking_volunteers_check.isChecked(),
            legal_representative=self.legal_representative_edit.text(),
            notes=self.notes_edit.toPlainText(),
            board_members=board,
            contact_persons=contacts,
        )

    def _snapshot(self) -> dict[str, object]:
        plain = rules.as_plain(self.draft())
        plain["legal_form"] = self.legal_form_combo.currentData()
        return plain

    def is_dirty(self) -> bool:
        """Something typed and not saved (also changes kept aside and not applied again)."""
        return bool(self._mine is not None and self._mine_fields) or (
            self._snapshot() != self._baseline
        )

    # --- checking ----------------------------------------------------------------------

    def _edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self._timer.start()

    def _finished(self, key: str) -> None:
        if self._timer.isActive() and key in self._touched:
            self.validate_now()

    def _legal_form_changed(self, _index: int) -> None:
        self._update_runts_fields()
        self._edited("legal_form")

    def _update_runts_fields(self) -> None:
        is_ets = self.legal_form() is LegalForm.ETS_RUNTS
        tip = "" if is_ets else self.tr("Solo per gli enti iscritti al RUNTS.")
        for widget in (self.runts_section_combo, self.runts_number_edit):
            widget.setEnabled(is_ets)
            widget.setToolTip(tip)

    def validate_now(self) -> Validation:
        """Check the form now (the pause after typing does it by itself)."""
        self._timer.stop()
        draft = self.draft()
        local = rules.validate(draft)
        key = (
            rules.name_key(draft.name),
            rules.normalise_tax_code(draft.tax_code),
            self.legal_form(),
        )
        if key != self._register_key:
            exclude = self.record.id if self.record else None
            try:
                full = check_association(self.ctx, draft, exclude)
            except ServiceError:
                full = Validation()  # the register could not be read: the rules still apply
            # What only the register knows: a duplicate tax code, a similar name.
            self._register_errors = [f for f in full.errors if f.ref_id is not None]
            self._register_warnings = [f for f in full.warnings if f.ref_id is not None]
            self._register_key = key
        self._validation = Validation(
            self._ui_errors + local.errors + self._register_errors,
            local.warnings + self._register_warnings,
        )
        self._show_validation()
        return self._validation

    def _row_messages(
        self, found: list[FieldError]
    ) -> tuple[list[FieldError], dict[str, dict[tuple[int, str], str]]]:
        """Row problems of the tables as "Riga n: …" under the table, plus cell tints."""
        out: list[FieldError] = []
        cells: dict[str, dict[tuple[int, str], str]] = {"board_members": {}, "contact_persons": {}}
        for f in found:
            m = _ROW_FIELD.match(f.field)
            if not m:
                out.append(f)
                continue
            table, index, column = m[1], int(m[2]), m[3]
            rows = self._board_rows if table == "board_members" else self._contact_rows
            row = rows[index] if index < len(rows) else index
            cells[table][(row, column)] = f.message
            out.append(
                FieldError(
                    table, self.tr("Riga {n}: {message}").format(n=row + 1, message=f.message)
                )
            )
        return out, cells

    def _show_validation(self) -> None:
        errors, cells = self._row_messages(self._validation.errors)
        warnings, _ = self._row_messages(self._validation.warnings)
        shown = [e for e in errors if e.field in self._touched]
        self.messages.show(shown, [w for w in warnings if w.field in self._touched])
        self.board_editor.mark(cells["board_members"] if "board_members" in self._touched else {})
        self.contacts_editor.mark(
            cells["contact_persons"] if "contact_persons" in self._touched else {}
        )
        pages_in_error = {_PAGE_OF.get(e.field, PAGE_IDENTITY) for e in shown}
        for page in range(self.pages.count()):
            self.pages.setTabIcon(page, tab_icon("error") if page in pages_in_error else QIcon())
        blocking = self._blocking(errors)
        self.save_button.setEnabled(not blocking)
        if blocking:
            links = ", ".join(
                f'<a href="{name}" style="color: {ERROR_COLOR};">'
                f"{html.escape(field_label(name))}</a>"
                for name in blocking
            )
            self.blocker_label.setText(self.tr("Da correggere: {fields}").format(fields=links))
            self.blocker_label.setToolTip(
                self.tr("Clic su un nome per andare al campo e vedere che cosa non va.")
            )
        else:
            self.blocker_label.clear()
            self.blocker_label.setToolTip("")

    def _blocking(self, errors: list[FieldError]) -> list[str]:
        """The fields in error, once each, in the order the form shows them."""
        order = {name: i for i, name in enumerate(self.messages.names())}
        fields = {e.field for e in errors}
        return sorted(fields, key=lambda name: order.get(name, len(order)))

    def blocking_fields(self) -> list[str]:
        """The labels the blocker names, in order (for tests and screen readers)."""
        errors = self._row_messages(self._validation.errors)[0]
        return [field_label(name) for name in self._blocking(errors)]

    def go_to_field(self, name: str) -> None:
        """Show the page of field `name`, its message and put the cursor in it."""
        if name not in self.messages.names():
            return
        self._touched.add(name)
        self._show_validation()
        self.pages.setCurrentIndex(_PAGE_OF.get(name, PAGE_IDENTITY))
        self.messages.widget(name).setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal_all(self) -> None:
        """Show every problem, also in the fields not touched yet."""
        self._touched = set(self.messages.names())
        self._show_validation()
        blocking = self._blocking(self._row_messages(self._validation.errors)[0])
        if blocking:
            self.go_to_field(blocking[0])

    # --- sectors -----------------------------------------------------------------------

    def _add_sector(self) -> None:
        text = self.new_sector_edit.text().strip()
        if not text:
            return
        for i in range(self.sectors_list.count()):
            item = self.sectors_list.item(i)
            if fold(item.text()) == fold(text):
                item.setCheckState(Qt.CheckState.Checked)
                self.sectors_list.setCurrentItem(item)
                break
        else:
            self._known_sectors.append(text)
            item = QListWidgetItem(text)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Checked)
            self.sectors_list.addItem(item)
            self.sectors_list.setCurrentItem(item)
        self.new_sector_edit.clear()

    # --- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Check and save; True when saved (the dialog then closes)."""
        validation = self.validate_now()
        if not validation.ok:
            self.reveal_all()
            return False
        draft = self.draft()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.record is None:
                record = create_association(self.ctx, draft)
            else:
                record = update_association(self.ctx, self.record, draft)
        except StaleRecord as stale:
            QApplication.restoreOverrideCursor()
            self._stale(stale, draft)
            return False
        except ValidationFailed as exc:
            QApplication.restoreOverrideCursor()
            self._touched = set(self.messages.names())
            self._validation = Validation(list(exc.errors), self._validation.warnings)
            self._show_validation()
            known = set(self.messages.names())
            unplaced = [
                e for e in exc.errors if e.field not in known and not _ROW_FIELD.match(e.field)
            ]
            if unplaced:
                show_service_error(self, ValidationFailed(unplaced))
            else:
                self.reveal_all()
            return False
        except ServiceError as exc:
            QApplication.restoreOverrideCursor()
            show_service_error(self, exc)
            return False
        QApplication.restoreOverrideCursor()
        self.record = record
        self._baseline = self._snapshot()
        self.saved.emit(record.id)
        self.accept()
        return True

    def _stale(self, stale: StaleRecord, mine: AssociationDraft) -> None:
        what = ", ".join(stale.changed_fields) if stale.changed_fields else self.tr("lo stato")
        reload = questions.ask(
            self,
            self.tr(
                "Nel frattempo un'altra postazione ha modificato questa associazione ({what}).\n"
                "Le tue modifiche non sono state salvate.\n\n"
                "Ricarico la scheda con i dati aggiornati? Le tue modifiche restano da parte: "
                "potrai riapplicarle con un clic e poi salvare."
            ).format(what=what),
            self.tr("&Ricarica i dati aggiornati"),
            self.tr("&Continua a modificare"),
            title=self.tr("Scheda modificata da un'altra postazione"),
            icon_kind=QMessageBox.Icon.Warning,
        )
        if reload:
            self.reload_from(stale.current, mine, stale.changed_fields)

    def reload_from(
        self, current: AssociationRecord, mine: AssociationDraft, theirs: Sequence[str]
    ) -> None:
        """Show `current` (saved elsewhere), keeping `mine` to apply again."""
        loaded = self.record.draft if self.record else current.draft
        self._mine = mine
        self._mine_fields = _changed_keys(loaded, mine)
        self.record = current
        self._load(current.draft)
        self._baseline = self._snapshot()
        self._register_key = None
        self._show_record()
        self.validate_now()
        mine_labels = [field_label(k) for k in self._mine_fields]
        both = [label for label in mine_labels if label in theirs]
        parts = [
            html.escape(
                self.tr(
                    "La scheda mostra ora i dati salvati dall'altra postazione ({what})."
                ).format(what=", ".join(theirs) if theirs else self.tr("lo stato"))
            )
        ]
        if mine_labels:
            parts.append(
                html.escape(
                    self.tr("Le tue modifiche non salvate sono da parte: {fields}.").format(
                        fields=", ".join(mine_labels)
                    )
                )
            )
            if both:
                parts.append(
                    "<b>"
                    + html.escape(
                        self.tr("Modificati da entrambe le postazioni: {fields}.").format(
                            fields=", ".join(both)
                        )
                    )
                    + "</b>"
                )
            details = _comparison(self._mine_fields, mine, current.draft)
            if details:
                parts.append(details)
        self.stale_label.setText("<br>".join(parts))
        self.reapply_button.setVisible(bool(mine_labels))
        self.stale_banner.show()

    def reapply_mine(self) -> None:
        """Put the desk's kept changes back on top of the data now saved."""
        if self._mine is None or self.record is None:
            return
        current = self.record.draft
        merged = replace(current, **{k: getattr(self._mine, k) for k in self._mine_fields})
        self._load(merged)
        self._touched |= set(self._mine_fields) & set(self.messages.names())
        self._register_key = None
        self.validate_now()
        self.stale_label.setText(
            html.escape(
                self.tr(
                    "Le tue modifiche ({fields}) sono di nuovo nella scheda, sopra i dati "
                    "aggiornati: controlla e salva (Ctrl+S)."
                ).format(fields=", ".join(field_label(k) for k in self._mine_fields))
            )
        )
        self.reapply_button.hide()
        self._mine = None

    # --- status and deletion ---------------------------------------------------------------

    def run_action(self, action: str) -> bool:
        """Suspend, reactivate, cease or reopen, asking the reason where one is needed."""
        if self.record is None:
            return False
        label = ACTION_LABELS[action]
        name = self.record.draft.name
        if STATUS_ACTIONS[action][2]:
            reason = questions.ask_reason(
                self,
                label,
                self.tr("Perché «{name}» va {what}? Il motivo resta nel registro.").format(
                    name=name, what=_ACTION_PAST.get(action, label.lower())
                ),
                label,
                min_width=440,
            )
            if reason is None:
                return False
        else:
            reason = ""
            if not questions.ask(
                self,
                self.tr("{action}: «{name}»?").format(action=label, name=name),
                label,
                self.tr("Annulla"),
                title=label,
            ):
                return False
        try:
            record = change_status(self.ctx, self.record.id, action, reason, self.record.version_id)
        except StaleRecord as stale:
            self._stale(stale, self.draft())
            return False
        except ServiceError as exc:
            show_service_error(self, exc)
            return False
        # Only the status changed: the desk's typing in the form stays as it is.
        self.record = record
        self._show_record()
        self.status_changed.emit(record.id)
        return True

    def delete(self) -> bool:
        if self.record is None:
            return False
        name = self.record.draft.name
        if not questions.ask(
            self,
            self.tr(
                "Eliminare definitivamente «{name}» dal registro?\n\n"
                "Si può eliminare solo un'associazione senza iscrizioni, prenotazioni e "
                "appuntamenti; altrimenti segnala come cessata."
            ).format(name=name),
            self.tr("&Elimina"),
            self.tr("Annulla"),
            title=self.tr("Eliminare l'associazione?"),
            icon_kind=QMessageBox.Icon.Warning,
        ):
            return False
        try:
            delete_association(self.ctx, self.record.id)
        except ServiceError as exc:
            show_service_error(self, exc)
            return False
        self.deleted.emit(self.record.id)
        self._baseline = self._snapshot()
        self.accept()
        return True

    # --- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        if self.is_dirty() and not questions.ask(
            self,
            self.tr("Chiudere la scheda senza salvare le modifiche?"),
            self.tr("Chiudi &senza salvare"),
            self.tr("&Continua a modificare"),
            title=self.tr("Modifiche non salvate"),
        ):
            return
        self._timer.stop()
        super().reject()

    def message_for(self, name: str) -> str:
        """The red message under field `name` ("" if none), for tests."""
        return self.messages.error(name)

    def warning_for(self, name: str) -> str:
        return self.messages.warning(name)


_ACTION_PAST = {"suspend": "sospesa", "cease": "segnata come cessata"}


def _without_id(value: object) -> object:
    if isinstance(value, list):
        return [
            {k: v for k, v in row.items() if k != "id"} if isinstance(row, dict) else row
            for row in value
        ]
    return value


def _changed_keys(before: AssociationDraft, after: AssociationDraft) -> list[str]:
    a, b = rules.as_plain(before), rules.as_plain(after)
    return [k for k in FIELD_LABELS if _without_id(a.get(k)) != _without_id(b.get(k))]


def _comparison(keys: Sequence[str], mine: AssociationDraft, current: AssociationDraft) -> str:
    """For the plain fields the desk changed: its version and the one saved now."""
    a, b = rules.as_plain(mine), rules.as_plain(current)
    lines = []
    for key in keys:
        ours, theirs = a.get(key), b.get(key)
        if isinstance(ours, list | dict) or isinstance(theirs, list | dict):
            continue
        lines.append(
            html.escape(
                f"{field_label(key)} — la tua: «{_shown(ours)}»; quella salvata: «{_shown(theirs)}»"
            )
        )
    return "<br>".join(lines)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "vuoto"
    if isinstance(value, bool):
        return "sì" if value else "no"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"
