"""Choosing the association: a search box over a filtered list of the register.

Typing narrows the list at once (every word must match, accents and case ignored:
the same search text as the register); ↓ goes to the list, Enter opens the first
match; moving in the list shows that association's papers. Names are in the
register's alphabetical order (domain.text_search.sort_key); each shows its status
by colour and by an icon, so that colour is never the only sign.
"""

from __future__ import annotations

import heapq
import html
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import AssociationStatus
from casedesk.domain.text_search import sort_key, terms
from casedesk.services.associations import AssociationSummary
from casedesk.ui import palette
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named

_Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class AssociationListModel(QAbstractListModel):
    """The associations whose search text holds every word of the query, by name
    (the register's order: case and accents ignored)."""

    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AssociationSummary] = []
        self._visible: list[int] = []
        self._terms: list[str] = []
        self._colors = {status: QColor(color) for status, color in palette.ASSOCIATION_STATUS.items()}
        self._icons: dict[AssociationStatus, QIcon] = {}
        self._sort_keys: dict[str, str] = {}  # name -> sort_key(name), kept across reloads

    def set_rows(self, rows: Sequence[AssociationSummary]) -> None:
        self.beginResetModel()
        # Stable on the services' order (by name, then id): the register's order exactly.
        keys = self._sort_keys
        for a in rows:
            if a.name not in keys:
                keys[a.name] = sort_key(a.name)
        self._rows = sorted(rows, key=lambda a: keys[a.name])
        self._visible = self._matching(self._terms)
        self.endResetModel()

    def set_query(self, query: str) -> None:
        new_terms = terms(query)
        if new_terms == self._terms:
            return
        visible = self._matching(new_terms)
        self._terms = new_terms
        if visible == self._visible:
            return
        self.beginResetModel()
        self._visible = visible
        self.endResetModel()

    def _matching(self, query_terms: list[str]) -> list[int]:
        found = list(range(len(self._rows)))
        rows = self._rows
        for term in sorted(query_terms, key=len, reverse=True):
            found = [i for i in found if term in rows[i].search_text]
        return found

    def update(self, association_id: int, status: AssociationStatus, missing: int) -> None:
        """One association's status and count of missing papers changed."""
        position = next((i for i, a in enumerate(self._rows) if a.id == association_id), None)
        if position is None:
            return
        old = self._rows[position]
        if old.status is status and old.missing_documents == missing:
            return
        self._rows[position] = replace(old, status=status, missing_documents=missing)
        row = self.row_of(association_id)
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def status_icon(self, status: AssociationStatus) -> QIcon:
        found = self._icons.get(status)
        if found is None:
            found = self._icons[status] = icon(
                palette.ASSOCIATION_STATUS_ICONS[status], palette.ASSOCIATION_STATUS[status]
            )
        return found

    def total_count(self) -> int:
        return len(self._rows)

    def rows(self) -> list[AssociationSummary]:
        """Every association, shown or not, in the list's order."""
        return list(self._rows)

    def summary(self, row: int) -> AssociationSummary:
        return self._rows[self._visible[row]]

    def find(self, association_id: int) -> AssociationSummary | None:
        return next((a for a in self._rows if a.id == association_id), None)

    def row_of(self, association_id: int) -> int | None:
        rows = self._rows
        return next((r for r, i in enumerate(self._visible) if rows[i].id == association_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        a = self._rows[self._visible[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return a.name
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colors.get(a.status)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.status_icon(a.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if a.missing_documents == 1:
                missing = self.tr("1 documento obbligatorio mancante")
            elif a.missing_documents:
                missing = self.tr("{n} documenti obbligatori mancanti").format(
                    n=a.missing_documents
                )
            else:
                missing = self.tr("documenti in regola")
            return f"{a.name}\n{a.legal_form.label} · {a.status.label} · {missing}"
        if role == self.ID_ROLE:
            return a.id
        return None


class AssociationPicker(QWidget):
    """The search box and the list. `chosen(id)`: the desk moved to another association.

    `guard`, if set, is asked before moving away (e.g. unsaved edits): False keeps
    the current association selected.
    """

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("association_picker")
        self.guard: Callable[[], bool] | None = None
        self._current: int | None = None
        self._reverting = False
        self.model = AssociationListModel(self)

        self.search_box = named(QLineEdit(), "documents_search", self.tr("Cerca l'associazione"))
        self.search_box.setPlaceholderText(self.tr("Cerca per nome o codice fiscale…"))
        self.search_box.setClearButtonEnabled(True)
        search_icon = self.search_box.addAction(
            icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        for button in self.search_box.findChildren(QToolButton):
            if button.defaultAction() is search_icon:
                named(button, "documents_search_icon", self.tr("Cerca"))
            else:
                named(button, "documents_clear_search_button", self.tr("Svuota la ricerca"))
        self.search_box.setToolTip(
            self.tr(
                "Ctrl+F per tornare qui; più parole restringono la ricerca; Esc la svuota; "
                "↓ passa all'elenco, Invio apre la prima associazione trovata."
            )
        )
        self.search_box.textChanged.connect(self._query_changed)
        self.search_box.returnPressed.connect(self._open_first)
        self.search_box.installEventFilter(self)

        self.list = named(QListView(), "associations_list", self.tr("Associazioni"))
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)  # 20,000 rows: never measure them
        self.list.setAlternatingRowColors(True)
        height = self.fontMetrics().height()
        self.list.setIconSize(QSize(height, height))
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.count_label = QLabel()
        self.count_label.setObjectName("picker_count_label")
        # What the icons and colours of the names say.
        self.legend = QWidget()
        self.legend.setObjectName("picker_legend")
        self.legend.setToolTip(
            self.tr("L'icona e il colore del nome dicono lo stato dell'associazione")
        )
        legend_layout = QHBoxLayout(self.legend)
        legend_layout.setContentsMargins(0, 0, 0, 0)
        legend_layout.setSpacing(4)
        size = self.fontMetrics().height()
        for status in AssociationStatus:
            picture = QLabel()
            picture.setObjectName(f"picker_legend_icon_{status.value}")
            picture.setPixmap(self.model.status_icon(status).pixmap(size, size))
            legend_layout.addWidget(picture)
            word = QLabel(
                f"<span style='color: {palette.ASSOCIATION_STATUS[status]};'>"
                f"{html.escape(status.label.lower())}</span>"
            )
            word.setTextFormat(Qt.TextFormat.RichText)
            legend_layout.addWidget(word)
            legend_layout.addSpacing(6)
        legend_layout.addStretch(1)
        # The legend in words, for the tests and the screen readers.
        self.legend.setAccessibleName(
            self.tr("Stati: {states}").format(
                states=", ".join(status.label.lower() for status in AssociationStatus)
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.count_label)
        self.setFocusProxy(self.search_box)

    # --- data --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[AssociationSummary]) -> None:
        self.model.set_rows(rows)
        self._reselect()

    def wanted_width(self) -> int:
        """The width that shows the longest name whole (icon, margins and scroll bar included)."""
        metrics = self.list.fontMetrics()
        # The longest names by characters are the widest in pixels, give or take a few:
        # measuring 50 of them, not 20,000, keeps the first showing quick.
        names = heapq.nlargest(50, (a.name for a in self.model.rows()), key=len)
        longest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        scroll_bar = self.list.verticalScrollBar().sizeHint().width()
        return longest + self.list.iconSize().width() + scroll_bar + 4 * metrics.height()

    def current_id(self) -> int | None:
        return self._current

    def select_id(self, association_id: int | None) -> bool:
        """Make `association_id` the current one without asking (the tab decided)."""
        self._current = association_id
        hidden = association_id is not None and self.model.row_of(association_id) is None
        if (
            association_id is not None
            and hidden
            and self.model.find(association_id) is not None
            and self.search_box.text()
        ):
            # The search hides it: empty the search rather than show nothing selected.
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            self.model.set_query("")
        self._reselect()
        return association_id is None or self.model.row_of(association_id) is not None

    def _reselect(self) -> None:
        row = self.model.row_of(self._current) if self._current is not None else None
        self._reverting = True
        try:
            if row is None:
                self.list.selectionModel().clear()
            else:
                index = self.model.index(row, 0)
                self.list.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.list.scrollTo(index)
        finally:
            self._reverting = False
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if shown == total:
            text = self.tr("{n} associazioni").format(n=total) if total != 1 else ""
            text = text or self.tr("1 associazione")
        else:
            text = self.tr("{n} su {total}").format(n=shown, total=total)
        self.count_label.setText(text)

    # --- the desk moving ---------------------------------------------------------------

    def _query_changed(self, text: str) -> None:
        self.model.set_query(text)
        self._reselect()

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting or not current.isValid():
            return
        new_id = self.model.summary(current.row()).id
        if new_id == self._current:
            return
        if self.guard is not None and not self.guard():
            self._reselect()
            return
        self._current = new_id
        self.chosen.emit(new_id)

    def _open_first(self) -> None:
        if self.model.rowCount() == 0:
            return
        row = self.model.row_of(self._current) if self._current is not None else None
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.list.setCurrentIndex(self.model.index(row if row is not None else 0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                self._open_first()
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
