"""The association form: identity, description, legal representative and board, contacts.

Every edit is checked (after a short pause) with the same rules the services apply;
problems appear in red under their field, things worth a look in amber (a similar
name links to the existing association), and the Save button says what blocks it.
Ctrl+S saves, Esc closes (asking first if something would be lost). When another
desk saved the same association meanwhile, the form says what changed and can
reload it, keeping the desk's own typing at hand to apply again.

The dialog composes parts that know nothing of it: four pages (`IdentityPage`,
`DescriptionPage`, `BoardPage`, `ContactsPage`: `load(draft)`, `read(reading)`,
`edited(field)`), the `FormChecker` that checks on a timer and emits the problems,
the `StaleBanner`, the `StatusActions` buttons and the `EnrollmentLine`. Here: the
header, loading and reading through the pages, showing the problems, saving,
deleting and closing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain import associations as rules
from casedesk.domain.associations import AssociationDraft, Validation
from casedesk.domain.calendar_time import MILAN
from casedesk.domain.enums import AssociationStatus, LegalForm
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
from casedesk.ui.associations.board_page import BoardPage
from casedesk.ui.associations.checker import (
    CHECK_DELAY_MS,
    ROW_FIELD,
    FormChecker,
    Problems,
    field_label,
)
from casedesk.ui.associations.contacts_page import ContactsPage
from casedesk.ui.associations.description_page import DescriptionPage
from casedesk.ui.associations.enrollment_line import EnrollmentLine
from casedesk.ui.associations.fields import Reading
from casedesk.ui.associations.identity_page import IdentityPage
from casedesk.ui.associations.stale_banner import StaleBanner, ask_to_reload
from casedesk.ui.associations.status_actions import StatusActions
from casedesk.ui.associations.widgets import BlockerLabel, FieldMessages
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

PAGE_IDENTITY, PAGE_DESCRIPTION, PAGE_BOARD, PAGE_CONTACTS = range(4)


def _format_moment(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(MILAN)
    return moment.strftime("%d/%m/%Y alle %H:%M")


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
        self._baseline: dict[str, object] = {}
        self.messages = FieldMessages(self.open_requested.emit)

        header = self._build_header()
        self.stale_banner = StaleBanner()
        self.stale_banner.reapply.connect(self._reapply)
        self._build_pages(sectors)
        footer = self._build_footer()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.stale_banner)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)

        self.checker = FormChecker(ctx, self.read, self.messages.names(), self)
        self.checker.exclude_id = self.record.id if self.record else None
        self.checker.checked.connect(self._show_problems)
        for page in (self.identity, self.description, self.board, self.contacts):
            page.edited.connect(self.checker.edited)
        self.identity.finished.connect(self.checker.finished)
        self.board.finished.connect(self.checker.finished)

        self._load(self.record.draft if self.record else initial)
        if self.record is not None:
            self.checker.touch_all()
        elif initial is not None:
            filled = {k for k, v in rules.as_plain(initial).items() if v}
            self.checker.set_touched({"name", "tax_code"} & filled)
        self._baseline = self._snapshot()
        self._show_record()
        self.validate_now()
        screen = self.screen().availableGeometry()
        self.resize(min(1000, screen.width() * 95 // 100), min(720, screen.height() * 9 // 10))
        self.identity.focus_name()

    # --- building ----------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
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
        self.enrollments_label = EnrollmentLine()
        info = QVBoxLayout()
        info.setSpacing(2)
        for label in (self.title_label, self.status_label, self.times_label):
            info.addWidget(label)
        info.addWidget(self.enrollments_label)
        header = QHBoxLayout()
        header.addLayout(info, 1)
        return header

    def _build_pages(self, sectors: Iterable[str]) -> None:
        m = self.messages
        self.identity = IdentityPage(m, sectors=sectors, choose_legal_form=self.record is None)
        self.description = DescriptionPage(m)
        self.board = BoardPage(m)
        self.contacts = ContactsPage(m)
        self.pages = named(QTabWidget(), "form_pages", self.tr("Sezioni della scheda"))
        self.pages.tabBar().setObjectName("form_pages_bar")
        self.pages.tabBar().setAccessibleName(self.tr("Sezioni della scheda"))
        self.pages.addTab(self.identity, self.tr("Identità e recapiti"))
        self.pages.addTab(self.description, self.tr("Descrizione e note"))
        self.pages.addTab(self.board, self.tr("Legale rappresentante e Consiglio direttivo"))
        self.pages.addTab(self.contacts, self.tr("Referenti"))

    def _build_footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.status_actions = StatusActions(self.ctx)
        self.status_actions.changed.connect(self._status_was_changed)
        self.status_actions.stale.connect(lambda stale: self._stale(stale, self.draft()))
        self.action_buttons = self.status_actions.buttons
        footer.addWidget(self.status_actions)
        self.delete_button = named(
            QPushButton(icon("delete"), self.tr("Eli&mina…")),
            "delete_button",
            self.tr("Elimina l'associazione"),
        )
        self.delete_button.clicked.connect(self.delete)
        self.documents_button = named(
            QPushButton(icon("documents"), self.tr("Documenti e iscrizione…")),
            "documents_button",
            self.tr("Documenti e iscrizione"),
        )
        self.documents_button.setToolTip(
            self.tr("Chiudi la scheda e vai ai documenti, all'iscrizione e alle ricevute")
        )
        self.documents_button.clicked.connect(self.open_documents)
        for button in (self.delete_button, self.documents_button):
            button.setAutoDefault(False)
            button.hide()
            footer.addWidget(button)
        footer.addStretch(1)
        self.blocker_label = BlockerLabel()
        self.blocker_label.linkActivated.connect(self.go_to_field)
        footer.addWidget(self.blocker_label, 2)
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
            footer.addWidget(button)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.activated.connect(self.save)
        return footer

    # --- the fields other parts of the program reach ----------------------------------

    @property
    def name_edit(self) -> QLineEdit:
        return self.identity.name_edit

    @property
    def tax_code_edit(self) -> QLineEdit:
        return self.identity.tax_code_edit

    def legal_form(self) -> LegalForm | None:
        return self.identity.legal_form()

    # --- showing -----------------------------------------------------------------------

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible and self.focusWidget() is self.identity.name_edit:
            # On showing, QDialog sends its focus widget a Tab focus-in, on which a line
            # edit selects all its text: the desk's first key would replace the name.
            self.identity.focus_name()

    def _load(self, draft: AssociationDraft | None) -> None:
        """Put `draft` in the pages (None: an empty form)."""
        for page in (self.identity, self.description, self.board, self.contacts):
            page.load(draft)

    def _show_record(self) -> None:
        """Title, status, times and the actions the status allows."""
        record = self.record
        if record is None:
            self.setWindowTitle(self.tr("Nuova associazione"))
            self.title_label.setText(self.tr("Nuova associazione"))
            self.status_label.setText(
                self.tr("Sarà registrata come <b>bozza</b>: diventa iscritta con l'iscrizione.")
            )
            self.times_label.hide()
        else:
            name = self.identity.name_edit.text().strip()
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
        self.enrollments_label.show_for(self.ctx, record.id if record else None)
        self.documents_button.setVisible(record is not None)
        self.status_actions.show_for(record)
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

    # --- reading the pages -------------------------------------------------------------

    def read(self) -> Reading:
        """The association as the pages show it, with what they could not read."""
        reading = Reading()
        for page in (self.identity, self.description, self.board, self.contacts):
            reading = page.read(reading)
        return reading

    def draft(self) -> AssociationDraft:
        return self.read().draft

    def _snapshot(self) -> dict[str, object]:
        reading = self.read()
        plain = rules.as_plain(reading.draft)
        plain["legal_form"] = reading.legal_form.value if reading.legal_form else None
        return plain

    def is_dirty(self) -> bool:
        """Something typed and not saved (also changes kept aside and not applied again)."""
        return self.stale_banner.has_kept() or self._snapshot() != self._baseline

    # --- checking (FormChecker) --------------------------------------------------------

    def validate_now(self) -> Validation:
        """Check the form now (the pause after typing does it by itself)."""
        return self.checker.validate_now()

    def _page_of(self, name: str) -> int:
        widget = self.messages.widget(name)
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if page is not None and page.isAncestorOf(widget):
                return index
        return PAGE_IDENTITY

    def _show_problems(self, problems: Problems) -> None:
        shown = problems.shown_errors()
        self.messages.show(shown, problems.shown_warnings())
        self.board.board_editor.mark(problems.shown_cells("board_members"))
        self.contacts.contacts_editor.mark(problems.shown_cells("contact_persons"))
        in_error = {self._page_of(e.field) for e in shown if e.field in self.messages.names()}
        for page in range(self.pages.count()):
            self.pages.setTabIcon(page, icon("error") if page in in_error else QIcon())
        self.save_button.setEnabled(not problems.blocking)
        self.blocker_label.show_fields(problems.blocking)

    def blocking_fields(self) -> list[str]:
        """The labels the blocker names, in order (for tests and screen readers)."""
        return [field_label(name) for name in self.checker.problems.blocking]

    def go_to_field(self, name: str) -> None:
        """Show the page of field `name`, its message and put the cursor in it."""
        if name not in self.messages.names():
            return
        self.checker.touch([name])
        self.pages.setCurrentIndex(self._page_of(name))
        self.messages.widget(name).setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal_all(self) -> None:
        """Show every problem, also in the fields not touched yet."""
        self.checker.touch_all()
        blocking = self.checker.problems.blocking
        if blocking:
            self.go_to_field(blocking[0])

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
            self.checker.take_errors(exc.errors)
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

    # --- another desk saved meanwhile (StaleBanner) ------------------------------------

    def _stale(self, stale: StaleRecord, mine: AssociationDraft) -> None:
        if ask_to_reload(self, stale):
            self.reload_from(stale.current, mine, stale.changed_fields)

    def reload_from(
        self, current: AssociationRecord, mine: AssociationDraft, theirs: Sequence[str]
    ) -> None:
        """Show `current` (saved elsewhere), keeping `mine` to apply again."""
        loaded = self.record.draft if self.record else current.draft
        self.record = current
        self._load(current.draft)
        self._baseline = self._snapshot()
        self.checker.forget_register()
        self._show_record()
        self.validate_now()
        self.stale_banner.keep(loaded, mine, current.draft, theirs)

    def reapply_mine(self) -> None:
        """Put the desk's kept changes back on top of the data now saved."""
        self.stale_banner.apply_kept()

    def _reapply(self, merged: AssociationDraft, fields: list[str]) -> None:
        self._load(merged)
        self.checker.touch(set(fields) & set(self.messages.names()))
        self.checker.forget_register()
        self.validate_now()

    # --- status (StatusActions) and deletion -------------------------------------------

    def run_action(self, action: str) -> bool:
        """Suspend, reactivate, cease or reopen, asking the reason where one is needed."""
        return self.status_actions.run(action)

    def _status_was_changed(self, record: AssociationRecord) -> None:
        # Only the status changed: the desk's typing in the form stays as it is.
        self.record = record
        self._show_record()
        self.status_changed.emit(record.id)

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
        self.checker.stop()
        super().reject()
