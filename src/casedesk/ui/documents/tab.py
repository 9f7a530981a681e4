"""The «Documenti» tab: an association's papers, its enrollment and its receipts.

On the left the register, searchable (Ctrl+F); on the right the chosen
association's checklist, the panel to record the selected paper, «Iscrivi» with
exactly what is missing, and its enrollments with their receipts. The sub-tab
«Da completare» lists every association whose mandatory papers are not in order.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import DocumentStatus
from casedesk.services import enrollment as enrollments
from casedesk.services.associations import AssociationSummary, list_associations
from casedesk.services.context import ServiceContext
from casedesk.services.documents import ChecklistView, get_checklist
from casedesk.services.enrollment import EnrollmentInfo
from casedesk.services.errors import NotFound, ServiceError
from casedesk.ui import palette
from casedesk.ui.documents.checklist_model import ChecklistModel
from casedesk.ui.documents.history import EnrollmentsPanel
from casedesk.ui.documents.item_editor import DocumentEditor
from casedesk.ui.documents.picker import AssociationPicker
from casedesk.ui.documents.style import day_text
from casedesk.ui.documents.worklist import WorklistView
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.tab import ASSOCIATIONS, DOCUMENTS, ENROLLMENTS, MainTab, TabAction
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.elided import ElidedToolTipDelegate
from casedesk.ui.widgets.forms import named
from casedesk.ui.widgets.printing import html_table, print_html
from casedesk.ui.widgets.table_model import rows_table
from casedesk.ui.widgets.worker import Worker

PAGE_CHECKLIST, PAGE_WORKLIST = range(2)


class DocumentsTab(MainTab):
    """A `MainTab`: Ctrl+F searches the list, Ctrl+P prints; `changed` after recording
    papers or enrolling."""

    key = "documents"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("documents_tab")
        self.coordinator = bool(ctx.operator and ctx.operator.is_coordinator)
        self.view: ChecklistView | None = None
        self._list_loaded = False
        self._reverting = False
        self.model = ChecklistModel(self)
        self._build()
        # The register for the list on the left is read off the UI thread (at 20,000
        # associations most of a second); the rest of the tab stays usable meanwhile.
        self._after_list: list[Callable[[], object]] = []
        self._list_again = False
        self.list_worker = Worker(self)
        self.list_worker.setObjectName("documents_list_worker")
        self.list_worker.succeeded.connect(self._show_list)
        self.list_worker.finished.connect(self._list_done)
        # Enrolling makes and archives the receipt PDF (the first of a session loads the
        # fonts: a third of a second): off the UI thread, the two buttons waiting.
        self.enroll_worker = Worker(self, triggers=[self.enroll_button, self.override_button])
        self.enroll_worker.setObjectName("enroll_worker")
        self.enroll_worker.succeeded.connect(self._enrolled)
        self.enroll_worker.failed.connect(lambda _error: self.reload_checklist())
        self._enrolling: ChecklistView | None = None
        self.picker.guard = self.may_leave_item
        self.picker.chosen.connect(self._chosen)
        self.setFocusProxy(self.picker)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.picker = AssociationPicker()
        self.picker.list.setItemDelegate(ElidedToolTipDelegate(self.picker.list))

        self.placeholder = QLabel(
            self.tr(
                "Qui compariranno i documenti dell'associazione che scegli nell'elenco: "
                "cercala per nome o codice fiscale (Ctrl+F), oppure apri «Da completare» "
                "per vedere chi ha documenti mancanti."
            )
        )
        # The name the main window's tests look for, as for the other tabs' notes.
        self.placeholder.setObjectName("placeholder_label")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.detail = QWidget()
        self.detail.setObjectName("documents_detail")
        self._build_header()
        self._build_checklist()
        self.editor = DocumentEditor(self.ctx)
        self.editor.view_changed.connect(self._apply_view)
        self.editor.refresh_requested.connect(self.reload_checklist)
        self.editor.status_message.connect(self.status_message)
        self.history = EnrollmentsPanel(self.ctx)
        self.history.changed.connect(self._after_enrollment_change)
        self.history.changed.connect(lambda: self.changed.emit(frozenset({ENROLLMENTS})))
        self.history.status_message.connect(self.status_message)

        # Below the checklist, one at a time: the selected paper, or the enrollments and
        # their receipts. Side by side with the checklist they do not fit a 1366×768 screen.
        self.editor.setTitle("")
        self.editor.setFlat(True)
        self.history.setTitle("")
        self.history.setFlat(True)
        self.lower = named(QTabWidget(), "documents_lower_pages", self.tr("Documento e iscrizioni"))
        self.lower.tabBar().setObjectName("documents_lower_pages_bar")
        self.lower.tabBar().setAccessibleName(self.tr("Documento e iscrizioni"))
        self.lower.addTab(self.editor, icon("edit"), self.tr("Documento selezionato"))
        self.lower.addTab(self.history, icon("receipt"), self.tr("Iscrizioni e ricevute"))
        self.history.model.modelReset.connect(self._update_history_tab)

        self.parts = QSplitter(Qt.Orientation.Vertical)
        self.parts.setObjectName("documents_parts")
        self.parts.setChildrenCollapsible(False)
        self.parts.addWidget(self.table)
        self.parts.addWidget(self.lower)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4 + 30)
        self.lower.setMinimumHeight(self.lower.minimumSizeHint().height())
        self.parts.setStretchFactor(0, 1)
        self.parts.setStretchFactor(1, 0)

        # On a small screen the papers scroll; the association's name and «Iscrivi» stay
        # above them, always in sight.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("documents_detail_scroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setWidget(self.parts)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(self._header)
        detail_layout.addLayout(self._gate)
        detail_layout.addWidget(self.detail_scroll, 1)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self.detail)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.editor.save)

        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("documents_detail_stack")
        self.detail_stack.addWidget(self.placeholder)
        self.detail_stack.addWidget(self.detail)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("documents_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.picker)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 850])

        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self.splitter)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.reload)

        self.worklist = WorklistView(self.ctx)
        self.worklist.open_requested.connect(self.show_association)
        self.worklist.status_message.connect(self.status_message)

        self.pages = named(QTabWidget(), "documents_pages", self.tr("Viste dei documenti"))
        self.pages.setDocumentMode(True)
        self.pages.tabBar().setObjectName("documents_pages_bar")
        self.pages.tabBar().setAccessibleName(self.tr("Viste dei documenti"))
        self.pages.addTab(
            self.splitter, icon("checklist"), self.tr("Documenti dell'associazione")
        )
        self.pages.addTab(self.worklist, icon("worklist"), self.tr("Da completare"))
        self.pages.currentChanged.connect(self._page_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

    def _build_header(self) -> None:
        self.name_label = QLabel()
        self.name_label.setObjectName("association_name_label")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label = QLabel()
        self.info_label.setObjectName("association_info_label")
        self.info_label.setTextFormat(Qt.TextFormat.RichText)
        self.info_label.setWordWrap(True)
        header_text = QVBoxLayout()
        header_text.setSpacing(2)
        header_text.addWidget(self.name_label)
        header_text.addWidget(self.info_label)
        self._header = QHBoxLayout()
        self._header.addLayout(header_text, 1)

        self.enroll_button = named(
            QPushButton(icon("enroll"), self.tr("&Iscrivi…")),
            "enroll_button",
            self.tr("Iscrivi"),
        )
        self.enroll_button.clicked.connect(self.enroll)
        self.override_button = named(
            QPushButton(icon("override"), self.tr("Iscrivi comun&que…")),
            "enroll_anyway_button",
            self.tr("Iscrivi comunque"),
        )
        self.override_button.setToolTip(
            self.tr(
                "Solo per i coordinatori: iscrive anche senza tutti i documenti, con il motivo "
                "scritto (resta nel registro ed è stampato sulla ricevuta)"
            )
        )
        self.override_button.clicked.connect(self.enroll_anyway)
        self.override_button.hide()
        for button in (self.enroll_button, self.override_button):
            button.setAutoDefault(False)
        self.gate_label = QLabel()
        self.gate_label.setObjectName("gate_label")
        self.gate_label.setWordWrap(True)
        self.gate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._gate = QHBoxLayout()
        self._gate.addWidget(self.enroll_button, 0, Qt.AlignmentFlag.AlignTop)
        self._gate.addWidget(self.override_button, 0, Qt.AlignmentFlag.AlignTop)
        self._gate.addWidget(self.gate_label, 1)

    def _build_checklist(self) -> None:
        self.table = rows_table(self.model, "checklist_table", self.tr("Documenti richiesti"))
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setObjectName("checklist_header")
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ChecklistModel.NOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("File") + 24)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _index: self._edit_selected())

    # --- the tab contract (ui/tab.py) ----------------------------------------------------

    def supported(self) -> TabAction:
        return TabAction.SEARCH | TabAction.PRINT

    def can_leave(self) -> bool:
        return self.may_leave_item()

    def show_item(self, item_id: int) -> bool:
        return self.show_association(item_id)

    def status_text(self) -> str:
        return self.view.association_name if self.view is not None else ""

    def data_changed(self, kinds: frozenset[str]) -> None:
        if ASSOCIATIONS in kinds:
            self._list_loaded = False  # read again when next needed or shown
        if not self.isVisible():
            return  # showEvent reads the checklist again
        if ASSOCIATIONS in kinds:
            self.reload()
        else:
            self.reload_checklist()

    # --- public, for the main window -----------------------------------------------------

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(PAGE_CHECKLIST)
        self.picker.focus_search()

    def current_association_id(self) -> int | None:
        return self.view.association_id if self.view else None

    def show_association(self, association_id: int) -> bool:
        """Show `association_id`'s papers (from the register, the worklist, a link)."""
        self.pages.setCurrentIndex(PAGE_CHECKLIST)
        if association_id != self.current_association_id() and not self.may_leave_item():
            return False
        if not self._load(association_id):
            return False
        # The list's line is selected once the list holds it (read again if it lacks it).
        self._ensure_list(lambda: self.picker.select_id(association_id), association_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_enrollments(self) -> None:
        """The «Iscrizioni e ricevute» page below the checklist."""
        self.lower.setCurrentWidget(self.history)

    def _update_history_tab(self) -> None:
        count = self.history.model.rowCount()
        text = self.tr("Iscrizioni e ricevute")
        self.lower.setTabText(
            self.lower.indexOf(self.history), f"{text} ({count})" if count else text
        )

    def print_current(self) -> bool:
        """Ctrl+P: the worklist, or the chosen association's checklist."""
        if self.pages.currentIndex() == PAGE_WORKLIST:
            return self.worklist.print_list()
        if self.view is None:
            return False
        return print_html(self, checklist_html(self.view), self.tr("Documenti per l'iscrizione"))

    def confirm_leave(self) -> bool:
        """Before the window closes: unsaved edits are registered, dropped or kept."""
        return self.may_leave_item()

    def reload(self) -> None:
        """F5: read the register and the checklist again (also after the catalogue changed)."""
        self.reload_list()
        self.reload_checklist()
        if self.pages.currentIndex() == PAGE_WORKLIST:
            self.worklist.reload()

    # --- loading -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            # Coming back to the tab: other tabs or desks may have changed the papers.
            # The register itself is read once (at 20,000 associations that takes most
            # of a second): F5 reads it again, and so does asking for one it lacks.
            self._ensure_list()
            self.reload_checklist()
            if self.pages.currentIndex() == PAGE_WORKLIST:
                self.worklist.reload()

    def _ensure_list(
        self, then: Callable[[], object] | None = None, needed: int | None = None
    ) -> None:
        """The list read (once), then `then()`; read again if it lacks `needed`."""
        if self.list_worker.is_busy():
            if then is not None:
                self._after_list.append(then)  # the read under way brings it
            return
        lacking = needed is not None and self.picker.model.find(needed) is None
        if self._list_loaded and not lacking:
            if then is not None:
                then()
            return
        self.reload_list(then)

    def reload_list(self, then: Callable[[], object] | None = None) -> None:
        """Read the register for the list off the UI thread; `then()` once it is shown
        (or the read failed). Asked while a read runs, it reads once more after it."""
        if then is not None:
            self._after_list.append(then)
        if self.list_worker.is_busy():
            self._list_again = True
            return
        ctx = self.ctx
        self.list_worker.start(lambda: list_associations(ctx))

    def _show_list(self, rows: list[AssociationSummary]) -> None:
        self.picker.set_rows(rows)
        if not self._list_loaded:
            self._fit_picker()
        self._list_loaded = True

    def _list_done(self) -> None:
        if self._list_again:
            self._list_again = False
            self.reload_list()
            return
        waiting, self._after_list = self._after_list, []
        for then in waiting:
            then()

    def _fit_picker(self) -> None:
        """The list as wide as its longest name (so none is cut), at most 40% of the tab."""
        room = max(self.splitter.width(), 1000)
        width = min(max(self.picker.wanted_width(), self.splitter.sizes()[0]), room * 2 // 5)
        self.splitter.setSizes([width, room - width])

    def reload_checklist(self) -> None:
        if self.view is not None:
            self._load(self.view.association_id)

    def _load(self, association_id: int) -> bool:
        try:
            view = get_checklist(self.ctx, association_id)
            history = enrollments.enrollment_history(self.ctx, association_id)
        except NotFound as exc:
            show_service_error(self, exc)
            self._show_view(None, [])
            self.reload_list()
            self.picker.select_id(None)
            return False
        except ServiceError as exc:
            show_service_error(self, exc)
            return False
        self._show_view(view, history)
        return True

    def _chosen(self, association_id: int) -> None:
        self._load(association_id)

    def _page_changed(self, index: int) -> None:
        if index == PAGE_WORKLIST:
            self.worklist.reload()

    def _after_enrollment_change(self) -> None:
        self.reload_checklist()  # the list's line follows (status colour)

    def _apply_view(self, view: ChecklistView) -> None:
        """A service returned the association's new checklist (after recording)."""
        self._show_view(view, None)
        self.changed.emit(frozenset({DOCUMENTS}))

    # --- showing ---------------------------------------------------------------------------

    def _show_view(self, view: ChecklistView | None, history: list[EnrollmentInfo] | None) -> None:
        keep = self._selected_requirement()
        self.view = view
        self._reverting = True
        try:
            self.model.set_view(view)
        finally:
            self._reverting = False
        if history is not None:
            self.history.set_history(history)
        if view is None:
            self.detail_stack.setCurrentWidget(self.placeholder)
            self.editor.set_entry(None, None, self.ctx.today())
            return
        self.detail_stack.setCurrentWidget(self.detail)
        self._show_header(view)
        # The list's line for it (status colour, papers missing) without reading it all.
        self.picker.model.update(
            view.association_id,
            view.association_status,
            sum(1 for e in view.entries if e.item.blocks_enrollment),
        )
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and view.entries:
            row = 0
        if row is not None:
            self._select_row(row)
        self._fit_columns()
        self._show_editor()

    def _fit_columns(self) -> None:
        """Columns as wide as their texts (a handful of rows), «Documento» at most 40%;
        «Note» takes the rest."""
        for column in range(self.model.columnCount()):
            if column != ChecklistModel.NOTE:
                self.table.resizeColumnToContents(column)
        cap = max(self.table.viewport().width() * 2 // 5, 200)
        if self.table.columnWidth(ChecklistModel.DOCUMENT) > cap:
            self.table.setColumnWidth(ChecklistModel.DOCUMENT, cap)

    def _show_header(self, view: ChecklistView) -> None:
        self.name_label.setText(view.association_name)
        color = palette.ASSOCIATION_STATUS.get(view.association_status, "")
        self.info_label.setText(
            self.tr("{form} · Stato: <b style='color: {color};'>{status}</b>").format(
                form=html.escape(view.legal_form.label),
                color=color,
                status=html.escape(view.association_status.label),
            )
            + (html.escape(self.tr(" · da rinnovare")) if view.renewal_due else "")
        )
        # Renewing is enrolling again (a new receipt): the same button, its own words.
        if view.renewal:
            self.enroll_button.setText(self.tr("R&innova iscrizione…"))
            self.enroll_button.setAccessibleName(self.tr("Rinnova iscrizione"))
            self.override_button.setText(self.tr("Rinnova comun&que…"))
        else:
            self.enroll_button.setText(self.tr("&Iscrivi…"))
            self.enroll_button.setAccessibleName(self.tr("Iscrivi"))
            self.override_button.setText(self.tr("Iscrivi comun&que…"))
        self.enroll_button.setEnabled(view.can_enroll)
        show_override = self.coordinator and view.can_override
        self.override_button.setVisible(show_override)
        self.override_button.setEnabled(show_override)
        if view.can_enroll and view.renewal and view.last_receipt is not None:
            text = self.tr(
                "L'iscrizione con la ricevuta {number} del {day} è scaduta e tutti i documenti "
                "obbligatori sono in regola: si può rinnovare. Il rinnovo assegna il prossimo "
                "numero di ricevuta."
            ).format(
                number=view.last_receipt.number,
                day=view.last_receipt.enrolled_on.strftime("%d/%m/%Y"),
            )
            color = palette.OK
            tip = self.tr("Rinnova l'iscrizione e prepara la nuova ricevuta da stampare")
        elif view.can_enroll:
            text = self.tr(
                "Tutti i documenti obbligatori sono in regola: si può iscrivere. "
                "L'iscrizione assegna il prossimo numero di ricevuta."
            )
            color = palette.OK
            tip = self.tr("Iscrivi l'associazione e prepara la ricevuta da stampare")
        elif view.status_message:
            text = view.status_message
            color = palette.WARNING
            tip = text
        else:
            text = view.gate_message or ""
            color = palette.DOCUMENT_STATUS[DocumentStatus.MISSING]
            tip = text
            if show_override:
                text += " " + self.tr(
                    "Come coordinatore puoi iscriverla comunque, scrivendo il motivo."
                )
        self.gate_label.setText(text)
        self.gate_label.setStyleSheet(f"color: {color};")
        self.enroll_button.setToolTip(tip)

    def _selected_requirement(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and 0 <= index.row() < self.model.rowCount():
            return self.model.entry(index.row()).requirement.id
        return None

    def _select_row(self, row: int) -> None:
        self._reverting = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._reverting = False

    def _show_editor(self) -> None:
        view = self.view
        index = self.table.currentIndex()
        if view is None or not index.isValid():
            self.editor.set_entry(None, None, self.ctx.today())
            return
        self.editor.set_entry(view.association_id, self.model.entry(index.row()), view.today)

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        if previous.isValid() and not self.may_leave_item():
            self._select_row(previous.row())
            return
        self._show_editor()
        self.lower.setCurrentWidget(self.editor)  # choosing a paper shows it

    def _edit_selected(self) -> None:
        """Enter on a paper: to the status buttons of the panel."""
        self.lower.setCurrentWidget(self.editor)
        checked = self.editor.status_group.checkedButton()
        (checked or self.editor.delivered_radio).setFocus(Qt.FocusReason.OtherFocusReason)

    def select_requirement(self, requirement_id: int) -> bool:
        row = self.model.row_of(requirement_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return self._selected_requirement() == requirement_id

    # --- unsaved edits ---------------------------------------------------------------------

    def may_leave_item(self) -> bool:
        """True when the panel holds nothing unsaved (after asking what to do with it)."""
        if not self.editor.is_dirty() or self.editor.entry is None:
            return True
        choice = questions.choose(
            self,
            self.tr("Le modifiche a «{title}» non sono ancora registrate.").format(
                title=self.editor.entry.requirement.title
            ),
            [
                ("save", self.tr("&Registra")),
                ("discard", self.tr("&Non registrare")),
                ("stay", self.tr("&Continua a modificare")),
            ],
            escape="stay",
            default="save",
            title=self.tr("Modifiche non registrate"),
        )
        if choice == "save":
            return self.editor.save()
        if choice == "discard":
            self.editor.revert()
            return True
        return False

    # --- enrolling ---------------------------------------------------------------------------

    def enroll(self) -> bool:
        """Iscrivi…: every mandatory paper is in order; asks, enrolls, shows the receipt.

        True when the enrollment started (`enroll_worker` reports the end)."""
        view = self.view
        if view is None or not view.can_enroll or not self.may_leave_item():
            return False
        if view.renewal:
            question = self.tr(
                "Rinnovare l'iscrizione di «{name}» alla Casa? Le sarà assegnato il prossimo "
                "numero di ricevuta del {year} e la nuova ricevuta sarà pronta da stampare."
            )
            confirm, title = self.tr("R&innova"), self.tr("Rinnovo dell'iscrizione")
        else:
            question = self.tr(
                "Iscrivere «{name}» alla Casa? Le sarà assegnato il prossimo numero di ricevuta "
                "del {year} e la ricevuta sarà pronta da stampare."
            )
            confirm, title = self.tr("&Iscrivi"), self.tr("Iscrizione")
        if not questions.ask(
            self,
            question.format(name=view.association_name, year=view.today.year),
            confirm,
            self.tr("&Non ora"),
            title=title,
        ):
            return False
        return self._enroll(view, "")

    def enroll_anyway(self) -> bool:
        """Iscrivi comunque… (coordinators): papers are missing; a written reason.

        True when the enrollment started (`enroll_worker` reports the end)."""
        view = self.view
        if view is None or not self.coordinator or not view.can_override:
            return False
        if not self.may_leave_item():
            return False
        reason = questions.ask_reason(
            self,
            self.tr("Iscrivi comunque «{name}»").format(name=view.association_name),
            self.tr(
                "{missing}\n\nScrivi perché la iscrivi comunque: il motivo resta nel registro "
                "ed è stampato sulla ricevuta."
            ).format(missing=view.gate_message or ""),
            self.tr("&Iscrivi comunque"),
        )
        if reason is None:
            return False
        return self._enroll(view, reason)

    def _enroll(self, view: ChecklistView, reason: str) -> bool:
        """Enroll off the UI thread: True when started; the receipt shows when it is made."""
        ctx, association_id = self.ctx, view.association_id
        self._enrolling = view
        return self.enroll_worker.start(
            lambda: enrollments.enroll(ctx, association_id, override_reason=reason)
        )

    def _enrolled(self, info: EnrollmentInfo) -> None:
        view = self._enrolling
        self.reload_checklist()
        self.show_enrollments()
        self.history.select_enrollment(info.id)
        self.changed.emit(frozenset({ENROLLMENTS}))
        done = (
            self.tr("L'iscrizione di «{name}» è rinnovata: ricevuta n. {number}.")
            if view is not None and view.renewal
            else self.tr("«{name}» è iscritta: ricevuta n. {number}.")
        )
        self.status_message.emit(done.format(name=info.association_name, number=info.number_text))
        self.history.open_receipt(info)


def checklist_html(view: ChecklistView) -> str:
    """The association's papers as a printable list (to hand over, or to keep)."""
    tr = QApplication.translate
    rows = []
    for entry in view.entries:
        when = ""
        if entry.status in (DocumentStatus.DELIVERED, DocumentStatus.OUTDATED):
            when = day_text(entry.received_on)
        note = entry.note
        rows.append(
            [
                entry.requirement.title,
                tr("documents", "Sì") if entry.requirement.mandatory else tr("documents", "No"),
                entry.status.label,
                when,
                note,
            ]
        )
    footer = (
        view.gate_message
        or view.status_message
        or tr("documents", "Tutti i documenti obbligatori sono in regola.")
    )
    return html_table(
        tr("documents", "Documenti per l'iscrizione — {name}").format(name=view.association_name),
        tr("documents", "{form} · stato: {status} · situazione al {day}").format(
            form=view.legal_form.label,
            status=view.association_status.label.lower(),
            day=day_text(view.today),
        ),
        [
            tr("documents", "Documento"),
            tr("documents", "Obbligatorio"),
            tr("documents", "Stato"),
            tr("documents", "Consegnato il"),
            tr("documents", "Note"),
        ],
        rows,
        footer,
    )
