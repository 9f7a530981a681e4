"""The «Associazioni» tab: the register, the instant search, the form, import and export.

Typing filters the table at once (no pause: the model narrows 20,000 rows well
within a frame); Ctrl+F goes to the search, Esc empties it, ↓ goes to the table,
Enter or a double click opens the selected association, Ctrl+N registers a new one.
The search and the filters are remembered across restarts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.associations import AssociationDraft
from casedesk.domain.enrollment import RENEWAL_DUE_LABEL
from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.services.associations import AssociationSummary, list_associations
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.ui import settings
from casedesk.ui.associations.form import AssociationForm
from casedesk.ui.associations.model import RENEWAL_DUE, AssociationsTableModel, italian_number
from casedesk.ui.errors import show_information, show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.tab import ASSOCIATIONS, MainTab, TabAction
from casedesk.ui.widgets.elided import ElidedToolTipDelegate
from casedesk.ui.widgets.forms import named
from casedesk.ui.widgets.table_model import rows_table
from casedesk.ui.widgets.worker import Worker

_TAX_CODE_LIKE = re.compile(r"^(\d{11}|[A-Za-z0-9]{16})$")
# Starting widths, in average characters; the name column takes the rest.
_COLUMN_SAMPLES = {
    AssociationsTableModel.LEGAL_FORM: "Associazione non riconosciuta",
    AssociationsTableModel.TAX_CODE: "RSSMRA80A01F205X",
    AssociationsTableModel.STATUS: RENEWAL_DUE_LABEL,  # the longest status shown
    AssociationsTableModel.SECTORS: "ambientale, educativo",
    AssociationsTableModel.CONTACT: "Alessandra Dell'Acqua",
    AssociationsTableModel.ENROLLED: "00/00/0000",
    AssociationsTableModel.MISSING: "000",
}
EXPORT_FILTERS = {"xlsx": "Excel (*.xlsx)", "csv": "CSV per Excel (*.csv)"}


class AssociationsTab(MainTab):
    """The register (a `MainTab`). `documents_requested(id)`: that association's papers,
    passed on as `navigate("documents", id)` for the main window to show."""

    key = "associations"
    documents_requested = Signal(int)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("associations_tab")
        self.form: AssociationForm | None = None
        self.import_dialog: QDialog | None = None
        self._selected_id: int | None = None
        self._restoring = False
        self._stale = False
        self._header_pressed = -1  # the header section last pressed

        self.model = AssociationsTableModel(parent=self)
        self._build()
        self._restore_header()  # before the first load, which the model then sorts once
        # Later reads of the register run off the UI thread (most of a second at
        # 20,000 associations); the first stays here, so that the tab is shown filled
        # (what the start-up benchmark measures) and tests find the rows at once.
        self._after_refresh: list[Callable[[], object]] = []
        self._refresh_again = False
        self.refresh_worker = Worker(self)  # a ServiceError is shown over the tab
        self.refresh_worker.setObjectName("refresh_worker")
        self.refresh_worker.succeeded.connect(self._show_rows)
        self.refresh_worker.finished.connect(self._refresh_done)
        self.print_worker = Worker(self)
        self.print_worker.setObjectName("print_worker")
        self.print_worker.succeeded.connect(self._show_printout)
        self.print_worker.started.connect(self.actions_changed)
        self.print_worker.finished.connect(self.actions_changed)
        try:
            self._show_rows(list_associations(ctx))
        except ServiceError as exc:
            show_service_error(self, exc)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.setFocusProxy(self.search_box)
        self.documents_requested.connect(lambda some_id: self.navigate.emit("documents", some_id))
        self._menu_actions = [
            self._menu_action("import_associations_action", self.tr("&Importa associazioni…"),
                              "import", self.import_associations),
            self._menu_action("export_associations_action", self.tr("&Esporta…"), "export",
                              self.export_associations),
        ]  # fmt: skip

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.search_box = named(
            QLineEdit(), "associationsSearch", self.tr("Cerca tra le associazioni")
        )
        self.search_box.setPlaceholderText(
            self.tr("Cerca per nome, codice fiscale, referente, settore, note…")
        )
        self.search_box.setClearButtonEnabled(True)
        search_icon = self.search_box.addAction(
            icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        for button in self.search_box.findChildren(QToolButton):
            if button.defaultAction() is search_icon:
                named(button, "search_icon", self.tr("Cerca"))
            else:
                named(button, "clear_search_button", self.tr("Svuota la ricerca"))
        self.search_box.setToolTip(
            self.tr(
                "Ctrl+F per tornare qui; più parole restringono la ricerca; in cima "
                "i nomi che iniziano con il testo scritto (un clic su un'intestazione "
                "ordina per quella colonna); Esc la svuota; ↓ passa all'elenco, Invio "
                "apre la scheda selezionata."
            )
        )
        self.search_box.installEventFilter(self)
        self.search_box.textChanged.connect(self._filter_changed)
        self.search_box.returnPressed.connect(self.open_selected)

        self.new_button = named(
            QPushButton(icon("new_association"), self.tr("&Nuova associazione…")),
            "new_association_button",
            self.tr("Nuova associazione"),
        )
        self.new_button.setToolTip(self.tr("Registra una nuova associazione (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_association)
        self.documents_button = named(
            QPushButton(icon("documents"), self.tr("&Documenti…")),
            "documents_button",
            self.tr("Documenti e iscrizione"),
        )
        self.documents_button.setToolTip(
            self.tr("Documenti, iscrizione e ricevute dell'associazione selezionata")
        )
        self.documents_button.clicked.connect(self.open_documents)

        self.status_filter = self._combo(
            "status_filter", self.tr("Filtra per stato"), self.tr("Tutti gli stati")
        )
        for status in AssociationStatus:
            self.status_filter.addItem(status.label, status.value)
            if status is AssociationStatus.ISCRITTA:
                self.status_filter.addItem(self.tr("Da rinnovare"), RENEWAL_DUE)
        self.legal_form_filter = self._combo(
            "legal_form_filter",
            self.tr("Filtra per forma giuridica"),
            self.tr("Tutte le forme giuridiche"),
        )
        for form in LegalForm:
            self.legal_form_filter.addItem(form.label, form.value)
        self.sector_filter = self._combo(
            "sector_filter", self.tr("Filtra per settore"), self.tr("Tutti i settori")
        )
        self.volunteers_filter = named(
            QCheckBox(self.tr("Cerca vo&lontari")),
            "volunteers_filter",
            self.tr("Solo chi cerca volontari"),
        )
        self.volunteers_filter.setToolTip(self.tr("Solo le associazioni che cercano volontari"))
        self.volunteers_filter.toggled.connect(self._filter_changed)

        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.table = rows_table(
            self.model, "associations_table", self.tr("Elenco delle associazioni")
        )
        # Fixed row heights and no content-based column sizing: with 20,000 rows the
        # view must never measure them.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setObjectName("associations_header")
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # set once the rows are in
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AssociationsTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        # Wide enough for a typical value and for the header with its sort arrow.
        cells, headings = self.table.fontMetrics(), header.fontMetrics()
        for column, sample in _COLUMN_SAMPLES.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(headings.horizontalAdvance(line) for line in title.splitlines())
            width = max(cells.horizontalAdvance(sample), widest + 20)
            self.table.setColumnWidth(column, width + 16)
        self.table.setSortingEnabled(True)
        self.table.setItemDelegate(ElidedToolTipDelegate(self.table))
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for name, text, slot in (
            ("open_association_action", self.tr("Apri la scheda"), self.open_selected),
            ("open_documents_action", self.tr("Documenti e iscrizione…"), self.open_documents),
        ):
            action = QAction(text, self.table)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, f=slot: f())
            self.table.addAction(action)
        self.table.installEventFilter(self)

        self.empty_label = QLabel(
            self.tr(
                "Qui compariranno le associazioni della Casa. Registra la prima con "
                "«Nuova associazione» (Ctrl+N) oppure porta un elenco da Excel con "
                "File › Importa associazioni…"
            )
        )
        # The name the main window's tests look for, as for the other tabs' notes.
        self.empty_label.setObjectName("placeholder_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.setObjectName("associations_stack")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        top.addSpacing(8)
        top.addWidget(self.documents_button)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        for text, combo, stretch in (
            (self.tr("S&tato:"), self.status_filter, 2),
            (self.tr("F&orma giuridica:"), self.legal_form_filter, 3),
            (self.tr("S&ettore:"), self.sector_filter, 2),
        ):
            label = QLabel(text)
            label.setObjectName(f"{combo.objectName()}_label")
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, stretch)
            filters.addSpacing(8)
        filters.addWidget(self.volunteers_filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)

    def _combo(self, name: str, accessible: str, everything: str) -> QComboBox:
        combo = named(QComboBox(), name, accessible)
        combo.addItem(everything, None)
        # Narrow when the window is, wider (up to their texts) when there is room.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(5)
        combo.setMaximumWidth(320)
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    # --- settings ----------------------------------------------------------------------

    def _restore_header(self) -> None:
        # A session starts clean: column widths and sort order come back, search and filters do not.
        state = settings.ASSOCIATIONS_HEADER.get()
        header = self.table.horizontalHeader()
        if not state.isEmpty():
            header.restoreState(state)
        else:
            header.setSortIndicator(AssociationsTableModel.NAME, Qt.SortOrder.AscendingOrder)
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sectionResized.connect(self._save_header)
        header.sortIndicatorChanged.connect(self._save_header)
        header.sectionPressed.connect(self._remember_header_press)
        header.viewport().installEventFilter(self)

    def _remember_header_press(self, section: int) -> None:
        self._header_pressed = section

    def _header_released(self, event: QMouseEvent) -> None:
        """A header clicked during a ranked search sorts by it A→Z, as a first click
        does: the header would otherwise flip its hidden order (Z→A) for its own
        column. Runs before the header sees the release (and flips), and only for
        a release that is a click on the column of the (hidden) sort."""
        header = self.table.horizontalHeader()
        section = header.logicalIndexAt(event.position().toPoint())
        if (
            self.model.ranked
            and section == self._header_pressed
            and section == header.sortIndicatorSection()
        ):
            blocked = header.blockSignals(True)
            header.setSortIndicator(section, Qt.SortOrder.DescendingOrder)
            header.blockSignals(blocked)

    def _sync_sort_indicator(self) -> None:
        # No arrow while the search ranks the rows: no column orders them.
        self.table.horizontalHeader().setSortIndicatorShown(not self.model.ranked)

    def _save_header(self, *_args: object) -> None:
        settings.ASSOCIATIONS_HEADER.set(self.table.horizontalHeader().saveState())

    # --- filtering ---------------------------------------------------------------------

    def _filter_changed(self, *_args: object) -> None:
        if self._restoring:
            return
        self._apply_filter()

    def _apply_filter(self) -> None:
        status = self.status_filter.currentData()
        form = self.legal_form_filter.currentData()
        renewal_due = status == RENEWAL_DUE
        self.model.set_filter(
            self.search_box.text(),
            AssociationStatus(status) if status and not renewal_due else None,
            LegalForm(form) if form else None,
            self.sector_filter.currentData() or None,
            self.volunteers_filter.isChecked(),
            renewal_due=renewal_due,
        )
        self._sync_sort_indicator()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.visible_count(), self.model.total_count()
        if not self.model.filters.active:
            text = (
                self.tr("1 associazione")
                if total == 1
                else self.tr("{n} associazioni").format(n=italian_number(total))
            )
        elif shown == 1:
            text = self.tr("1 associazione su {total}").format(total=italian_number(total))
        else:
            text = self.tr("{n} associazioni su {total}").format(
                n=italian_number(shown), total=italian_number(total)
            )
        self.count_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label if total == 0 else self.table)

    def _fill_sector_filter(self, sectors: Sequence[str]) -> None:
        wanted = self.sector_filter.currentData()
        self._restoring = True
        try:
            self.sector_filter.clear()
            self.sector_filter.addItem(self.tr("Tutti i settori"), None)
            for sector in sectors:
                self.sector_filter.addItem(sector, sector)
            self.sector_filter.setCurrentIndex(max(self.sector_filter.findData(wanted), 0))
        finally:
            self._restoring = False

    # --- selection -----------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.association_id(index.row())
        return None

    def _remember_selection(self) -> None:
        self._selected_id = self.selected_id()

    def _after_reset(self) -> None:
        if self.model.ranked:
            row = 0 if self.model.visible_count() else None  # the top hit: Enter opens it
        else:
            row = self.model.row_of(self._selected_id) if self._selected_id is not None else None
            if row is None and self.model.visible_count():
                row = 0
        if row is not None:
            self.select_row(row)
        self._sync_sort_indicator()
        self._update_count()

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select_id(self, association_id: int) -> bool:
        row = self.model.row_of(association_id)
        if row is not None:
            self.select_row(row)
        return row is not None

    # --- keys ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and watched is self.table.horizontalHeader().viewport()
        ):
            self._header_released(event)
            return super().eventFilter(watched, event)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if watched is self.search_box and plain:
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.visible_count():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.selected_id() is None:
                    self.select_row(0)
                return True
        if watched is self.table and plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_selected()
            return True
        return super().eventFilter(watched, event)

    # --- the tab contract (ui/tab.py) ----------------------------------------------------

    def _menu_action(
        self, name: str, text: str, purpose: str, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(icon(purpose), text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def supported(self) -> TabAction:
        actions = TabAction.SEARCH | TabAction.NEW | TabAction.PRINT
        if self.print_worker.is_busy():
            actions &= ~TabAction.PRINT  # Ctrl+P waits for the printout being made
        return actions

    def new_item_text(self) -> str:
        return self.tr("&Nuova associazione…")

    def menu_actions(self) -> list[QAction]:
        return self._menu_actions

    def new_item(self) -> None:
        self.new_association()

    def can_leave(self) -> bool:
        form = self.form
        if form is None or not shiboken6.isValid(form) or not form.isVisible():
            return True  # the form deletes itself when closed
        form.reject()  # asks about unsaved changes
        return not form.isVisible()

    def status_text(self) -> str:
        return self.count_label.text()

    def data_changed(self, kinds: frozenset[str]) -> None:
        # Papers and enrollments change the status and the missing count shown here.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and not event.spontaneous():
            self._stale = False
            self.refresh()

    # --- public, for the main window -----------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def visible_ids(self) -> list[int]:
        return self.model.visible_ids()

    def refresh(self, then: Callable[[], object] | None = None) -> None:
        """Read the register again off the UI thread, keeping the search, the filters and
        the selection; `then()` runs once the rows are shown (also if the read failed).

        The table stays usable with the rows it has meanwhile. A refresh asked for while
        one runs reads again after it: what changed may have missed the running read.
        """
        if then is not None:
            self._after_refresh.append(then)
        if self.refresh_worker.is_busy():
            self._refresh_again = True
            return
        ctx = self.ctx
        self.refresh_worker.start(lambda: list_associations(ctx))

    def _refresh_done(self) -> None:
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
            return
        waiting, self._after_refresh = self._after_refresh, []
        for then in waiting:
            then()

    def _show_rows(self, rows: list[AssociationSummary]) -> None:
        keep = self.selected_id()
        self.model.set_rows(rows)
        self._fill_sector_filter(self.model.sectors())
        self._apply_filter()
        if keep is not None:
            self.select_id(keep)
        elif self.selected_id() is None and self.model.visible_count():
            self.select_row(0)
        self._update_count()

    def new_association(self) -> AssociationForm | None:
        """Open an empty form; a search that found nothing fills in the name or tax code."""
        text = self.search_box.text().strip()
        initial = None
        if text and self.model.visible_count() == 0:
            if _TAX_CODE_LIKE.match(text):
                initial = AssociationDraft(
                    name="", legal_form=LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA, tax_code=text
                )
            else:
                initial = AssociationDraft(
                    name=text, legal_form=LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA
                )
        return self._open_form(None, initial=initial)

    def open_selected(self) -> AssociationForm | None:
        association_id = self.selected_id()
        if association_id is None and self.model.visible_count() == 1:
            association_id = self.model.association_id(0)
        if association_id is None:
            return None
        return self.open_association(association_id)

    def open_documents(self) -> bool:
        """The selected association's papers, enrollment and receipts (Documenti tab)."""
        association_id = self.selected_id()
        if association_id is None and self.model.visible_count() == 1:
            association_id = self.model.association_id(0)
        if association_id is None:
            self.status_message.emit(self.tr("Scegli prima un'associazione nell'elenco."))
            return False
        self.documents_requested.emit(association_id)
        return True

    def open_association(
        self, association_id: int, parent: QWidget | None = None
    ) -> AssociationForm | None:
        return self._open_form(association_id, parent=parent)

    def _open_form(
        self,
        association_id: int | None,
        *,
        initial: AssociationDraft | None = None,
        parent: QWidget | None = None,
    ) -> AssociationForm | None:
        try:
            form = AssociationForm(
                self.ctx,
                association_id,
                sectors=self.model.sectors(),
                initial=initial if association_id is None else None,
                parent=parent or self,
            )
        except ServiceError as exc:
            show_service_error(self, exc)
            self.refresh()
            return None
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._saved)
        form.status_changed.connect(lambda _id: self._changed())
        form.deleted.connect(self._deleted)
        form.documents_requested.connect(self.documents_requested)
        form.open_requested.connect(lambda other, f=form: self.open_association(other, f))
        self.form = form
        form.open()  # window-modal, without a nested event loop
        return form

    def _changed(self, then: Callable[[], object] | None = None) -> None:
        self.refresh(then)
        self.changed.emit(frozenset({ASSOCIATIONS}))

    def _saved(self, association_id: int) -> None:
        self._changed(lambda: self._show_saved(association_id))

    def _show_saved(self, association_id: int) -> None:
        if not self.select_id(association_id):
            # Saved, but the search hides it: say so rather than leave the desk wondering.
            self.status_message.emit(
                self.tr("Associazione salvata (la ricerca attuale non la mostra).")
            )
            return
        name = self.model.summary(self.model.row_of(association_id) or 0).name
        self.status_message.emit(self.tr("Associazione «{name}» salvata.").format(name=name))
        self.table.setFocus()

    def _deleted(self, _association_id: int) -> None:
        self._changed()
        self.status_message.emit(self.tr("Associazione eliminata dal registro."))

    # --- import and export -----------------------------------------------------------------

    def import_associations(self) -> QDialog:
        """File › Importa associazioni…: the dialog; the register is read again after it."""
        # Imported here: spreadsheet support (openpyxl) is not needed to start up.
        from casedesk.ui.associations.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _report: self._changed())
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def export_associations(self, trigger: QAction | None = None) -> Path | None:
        """File › Esporta…: what the search and filters show, to CSV or XLSX.

        The file is written off the UI thread: this returns the path chosen at once,
        the message comes when it is written; meanwhile `trigger` (the menu action)
        is disabled and a second export is refused.
        """
        from casedesk.services.association_export import export_associations

        worker = self.findChild(Worker, "export_worker")
        if worker is not None and worker.is_busy():
            self.status_message.emit(self.tr("Esportazione già in corso…"))
            return None
        ids = self.visible_ids()
        if not ids:
            show_information(
                self,
                self.tr("Nessuna associazione da esportare: la ricerca non ne mostra nessuna."),
            )
            return None
        folder = settings.EXPORT_FOLDER.folder()
        suggested = Path(folder) / f"associazioni-{date.today():%Y-%m-%d}.xlsx"
        path_text, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Esporta le associazioni"),
            str(suggested),
            ";;".join(EXPORT_FILTERS.values()),
            EXPORT_FILTERS["xlsx"],
        )
        if not path_text:
            return None
        path = Path(path_text)
        fmt = next((k for k, v in EXPORT_FILTERS.items() if v == chosen), "xlsx")
        if path.suffix.lower().lstrip(".") in EXPORT_FILTERS:
            fmt = path.suffix.lower().lstrip(".")
        else:
            path = path.with_name(f"{path.name}.{fmt}")

        def exported(result: tuple[Path, int]) -> None:
            written, count = result
            settings.EXPORT_FOLDER.remember(written)
            what = (
                self.tr("1 associazione esportata")
                if count == 1
                else self.tr("{n} associazioni esportate").format(n=italian_number(count))
            )
            self.status_message.emit(f"{what}: {written}")
            show_information(self, self.tr("{what} in\n{path}").format(what=what, path=written))

        if worker is None:
            worker = Worker(self)  # a ServiceError is shown over the tab
            worker.setObjectName("export_worker")
            worker.succeeded.connect(exported)
        worker.triggers = [trigger] if trigger is not None else []
        ctx = self.ctx
        worker.start(lambda: (path, export_associations(ctx, path, fmt, ids=ids)))
        self.status_message.emit(self.tr("Esportazione in corso: {path}").format(path=path))
        return path

    print_preview: QWidget | None = None  # the last printed list shown

    def print_current(self) -> bool:
        """Stampa… (Ctrl+P): the list as the search, filters and sort show it, as a PDF
        in the preview, to print or save.

        The PDF is made off the UI thread (20,000 rows take a while): this returns True
        when it started; the preview opens when it is ready, and meanwhile the main
        window's «Stampa…» is disabled (see `supported`) and a second one is refused.
        """
        from casedesk.domain.register_list import describe_filter
        from casedesk.services.register_list import register_pdf

        if self.print_worker.is_busy():
            self.status_message.emit(self.tr("La stampa dell'elenco è già in preparazione…"))
            return False
        f = self.model.filters
        described = describe_filter(
            f.query, f.status, f.legal_form, f.sector, f.seeking_volunteers
        )
        ctx, ids = self.ctx, self.visible_ids()
        started = self.print_worker.start(lambda: register_pdf(ctx, ids, described))
        if started:
            self.status_message.emit(self.tr("Preparazione dell'elenco da stampare…"))
        return started

    def _show_printout(self, data: bytes) -> None:
        from casedesk.ui.widgets.pdf_preview import show_pdf

        self.print_preview = show_pdf(
            self.window(),
            data,
            self.tr("Elenco delle associazioni"),
            f"elenco-associazioni-{self.ctx.today():%Y-%m-%d}.pdf",
        )
