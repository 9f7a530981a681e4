"""The association form: identity, description, legal representative and board, contacts.

Every edit is checked (after a short pause) with the same rules the services apply;
problems appear in red under their field, things worth a look in amber (a similar
name links to the existing association), and the Save button says what blocks it.
Ctrl+S saves, Esc closes (asking first if something would be lost). When another
desk saved the same association meanwhile, the form says what changed and can
reload it, keeping the desk's own typing at hand to apply again.

The dialog itself (building, loading and reading the widgets, saving, deleting,
closing) is here; its parts are in the `form_*` modules next to it: the identity
page (`form_identity`), the other pages (`form_sections`), the checking and its
messages (`form_checking`), the stale-save banner (`form_stale`), the status actions
(`form_status`) and the enrollment-history line (`form_enrollments`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain import associations as rules
from casedesk.domain.association_rows import parse_date
from casedesk.domain.associations import (
    DEFAULT_SECTORS,
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
    create_association,
    delete_association,
    get_association,
    update_association,
)
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError, ValidationFailed
from casedesk.ui import palette
from casedesk.ui.associations import (
    form_checking,
    form_enrollments,
    form_identity,
    form_sections,
    form_stale,
    form_status,
)
from casedesk.ui.associations.form_checking import (
    CHECK_DELAY_MS,
    PAGE_BOARD,
    PAGE_CONTACTS,
    PAGE_DESCRIPTION,
    PAGE_IDENTITY,
    ROW_FIELD,
    field_label,
)
from casedesk.ui.associations.form_identity import (
    add_known_sector,
    checked_sectors,
    fill_sectors,
    update_runts_fields,
)
from casedesk.ui.associations.rows_editor import RowsEditor
from casedesk.ui.associations.widgets import FieldMessages
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import named

__all__ = [
    "CHECK_DELAY_MS",
    "PAGE_BOARD",
    "PAGE_CONTACTS",
    "PAGE_DESCRIPTION",
    "PAGE_IDENTITY",
    "AssociationForm",
    "field_label",
]


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

    # Made by the `form_*` modules (declared here for the type checker).
    name_edit: QLineEdit
    legal_form_combo: QComboBox
    runts_section_combo: QComboBox
    runts_number_edit: QLineEdit
    tax_code_edit: QLineEdit
    address_edit: QLineEdit
    email_edit: QLineEdit
    pec_edit: QLineEdit
    phone_edit: QLineEdit
    website_edit: QLineEdit
    sectors_list: QListWidget
    new_sector_edit: QLineEdit
    add_sector_button: QPushButton
    seeking_volunteers_check: QCheckBox
    description_edit: QPlainTextEdit
    notes_edit: QPlainTextEdit
    legal_representative_edit: QLineEdit
    board_editor: RowsEditor
    contacts_editor: RowsEditor
    stale_banner: QFrame
    stale_label: QLabel
    reapply_button: QPushButton

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
            add_known_sector(self._known_sectors, sector)
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
        form_checking.connect_edits(self)

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
        self.enrollments_label = form_enrollments.build_enrollments_label()
        info = QVBoxLayout()
        info.setSpacing(2)
        info.addWidget(self.title_label)
        info.addWidget(self.status_label)
        info.addWidget(self.times_label)
        info.addWidget(self.enrollments_label)
        self._header = QHBoxLayout()
        self._header.addLayout(info, 1)
        form_stale.build_stale_banner(self)

    def _build_pages(self) -> None:
        self.pages = named(QTabWidget(), "form_pages", self.tr("Sezioni della scheda"))
        self.pages.tabBar().setObjectName("form_pages_bar")
        self.pages.tabBar().setAccessibleName(self.tr("Sezioni della scheda"))
        self.pages.addTab(form_identity.build_identity_page(self), self.tr("Identità e recapiti"))
        self.pages.addTab(form_sections.build_description_page(self), self.tr("Descrizione e note"))
        self.pages.addTab(
            form_sections.build_board_page(self),
            self.tr("Legale rappresentante e Consiglio direttivo"),
        )
        self.pages.addTab(form_sections.build_contacts_page(self), self.tr("Referenti"))

    def _build_footer(self) -> None:
        self._footer = QHBoxLayout()
        self.action_buttons = form_status.add_action_buttons(self, self._footer)
        self.delete_button = named(
            QPushButton(icon("delete"), self.tr("Eli&mina…")),
            "delete_button",
            self.tr("Elimina l'associazione"),
        )
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete)
        self.delete_button.hide()
        self._footer.addWidget(self.delete_button)
        self.documents_button = named(
            QPushButton(icon("documents"), self.tr("Documenti e iscrizione…")),
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
        self.blocker_label = form_checking.build_blocker_label(self)
        self._footer.addWidget(self.blocker_label, 2)
        self.save_button = named(
            QPushButton(icon("save"), self.tr("&Salva")), "save_button", self.tr("Salva")
        )
        self.save_button.setToolTip(self.tr("Salva la scheda (Ctrl+S)"))
        self.cancel_button = named(
            QPushButton(icon("close"), self.tr("Annulla")),
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

    def _add_sector(self) -> None:
        form_identity.add_sector(self)

    # --- loading -----------------------------------------------------------------------

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
            fill_sectors(self, d.sectors)
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
        update_runts_fields(self)

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
            color = palette.ASSOCIATION_STATUS.get(record.status, "")
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
            form_enrollments.show_enrollments(self, record.id)
        self.documents_button.setVisible(record is not None)
        form_status.show_allowed_actions(self, record.status if record else None)
        operator = self.ctx.operator
        coordinator = record is not None and operator is not None and operator.is_coordinator
        self.delete_button.setVisible(coordinator)

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
            sectors=checked_sectors(self),
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

    # --- checking (form_checking) ------------------------------------------------------

    def validate_now(self) -> Validation:
        """Check the form now (the pause after typing does it by itself)."""
        return form_checking.validate_now(self)

    def _show_validation(self) -> None:
        form_checking.show_validation(self)

    def blocking_fields(self) -> list[str]:
        """The labels the blocker names, in order (for tests and screen readers)."""
        return [field_label(name) for name in form_checking.blocking_now(self)]

    def go_to_field(self, name: str) -> None:
        """Show the page of field `name`, its message and put the cursor in it."""
        form_checking.go_to_field(self, name)

    def reveal_all(self) -> None:
        """Show every problem, also in the fields not touched yet."""
        form_checking.reveal_all(self)

    def message_for(self, name: str) -> str:
        """The red message under field `name` ("" if none), for tests."""
        return self.messages.error(name)

    def warning_for(self, name: str) -> str:
        return self.messages.warning(name)

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
                e for e in exc.errors if e.field not in known and not ROW_FIELD.match(e.field)
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

    # --- another desk saved meanwhile (form_stale) -------------------------------------

    def _stale(self, stale: StaleRecord, mine: AssociationDraft) -> None:
        form_stale.ask_to_reload(self, stale, mine)

    def reload_from(
        self, current: AssociationRecord, mine: AssociationDraft, theirs: Sequence[str]
    ) -> None:
        """Show `current` (saved elsewhere), keeping `mine` to apply again."""
        form_stale.reload_from(self, current, mine, theirs)

    def reapply_mine(self) -> None:
        """Put the desk's kept changes back on top of the data now saved."""
        form_stale.reapply_mine(self)

    # --- status (form_status) and deletion ---------------------------------------------

    def run_action(self, action: str) -> bool:
        """Suspend, reactivate, cease or reopen, asking the reason where one is needed."""
        return form_status.run_action(self, action)

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
