"""A read-only table over a list of rows: what the desk's small tables have in common.

A subclass fills `headers` in its `__init__` (with its own `tr`), says how a row is
found by id (`row_key`, for `row_of`) and what a cell shows for a role (`cell`);
`header_tooltip` adds a tooltip to a column header. `rows_table` is the view they go in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

from casedesk.ui.widgets.forms import named

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """Rows in, one table row each; selectable, not editable."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self._rows: list[T] = []

    # --- data in and out -------------------------------------------------------------------

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_key(self, item: T) -> int:
        """The id `row_of` looks for."""
        raise NotImplementedError

    def row_of(self, key: int) -> int | None:
        return next((r for r, item in enumerate(self._rows) if self.row_key(item) == key), None)

    def cell(self, item: T, column: int, role: int) -> Any:
        """What `data` gives for this row's `column` in `role` (None: nothing)."""
        raise NotImplementedError

    def header_tooltip(self, section: int) -> str | None:
        return None

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        return None


def rows_table(
    model: QAbstractItemModel,
    object_name: str,
    accessible_name: str,
    *,
    word_wrap: bool = False,
    tab_key_navigation: bool = False,
) -> QTableView:
    """A read-only table view of `model`: one row selected at a time, no row numbers."""
    table = named(QTableView(), object_name, accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(word_wrap)
    table.setTabKeyNavigation(tab_key_navigation)
    table.verticalHeader().hide()
    return table
