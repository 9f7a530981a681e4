"""The editable tables of the association form: board members and contact persons.

Each row remembers the id of the saved row it shows, so that saving updates that row
in place (appointments keep pointing at the same contact person). Where the order
means something (the first contact person is the one the register shows), rows move
up and down with «Su» / «Giù» or Ctrl+Up / Ctrl+Down.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import BoardRole
from casedesk.ui import palette
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole


class RoleDelegate(QStyledItemDelegate):
    """Edits a board member's role with a combo box."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("role_editor")
        combo.setAccessibleName(self.tr("Ruolo"))
        for role in BoardRole:
            combo.addItem(role.label, role.value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(VALUE_ROLE))
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), VALUE_ROLE)
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class PlaceholderDelegate(QStyledItemDelegate):
    """A line editor with a hint (e.g. the date format)."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placeholder = placeholder

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("cell_editor")
        editor.setAccessibleName(self._placeholder)
        editor.setPlaceholderText(self._placeholder)
        return editor


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | role | date | check
    width: int = 0  # 0: stretch


class RowsEditor(QWidget):
    """A table of people (board members, contact persons) with «Aggiungi» and «Rimuovi»,
    and with «Su» and «Giù» when `movable`.

    Each row remembers the id of the saved row it shows, so saving updates that row.
    """

    changed = Signal()

    def __init__(
        self,
        name: str,
        accessible: str,
        columns: Sequence[Column],
        add_text: str,
        parent: QWidget | None = None,
        *,
        movable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_editor")
        self.movable = movable
        self.columns = list(columns)
        self.table = named(QTableWidget(0, len(self.columns)), f"{name}_table", accessible)
        self.table.setHorizontalHeaderLabels([c.header for c in self.columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.columns):
            if column.width:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(i, column.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            if column.kind == "role":
                self.table.setItemDelegateForColumn(i, RoleDelegate(self.table))
            elif column.kind == "date":
                self.table.setItemDelegateForColumn(
                    i, PlaceholderDelegate(self.tr("gg/mm/aaaa"), self.table)
                )
        self.add_button = named(
            QPushButton(icon("add"), add_text), f"add_{name}_button", add_text.replace("&", "")
        )
        remove_text = self.tr("Rimuovi la riga selezionata")
        self.remove_button = named(
            QPushButton(icon("remove"), self.tr("Rimuovi")),
            f"remove_{name}_button",
            remove_text,
        )
        self.remove_button.setToolTip(remove_text)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        if movable:
            up_text = self.tr("Sposta su la riga selezionata (Ctrl+↑)")
            down_text = self.tr("Sposta giù la riga selezionata (Ctrl+↓)")
            self.up_button = named(
                QPushButton(icon("move_up"), self.tr("S&u")), f"up_{name}_button", up_text
            )
            self.down_button = named(
                QPushButton(icon("move_down"), self.tr("&Giù")), f"down_{name}_button", down_text
            )
            for button, text, step, key in (
                (self.up_button, up_text, -1, Qt.Key.Key_Up),
                (self.down_button, down_text, 1, Qt.Key.Key_Down),
            ):
                button.setToolTip(text)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _checked=False, s=step: self.move_selected(s))
                buttons.addWidget(button)
                shortcut = QShortcut(
                    QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self.table
                )
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda s=step: self.move_selected(s))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self._update_buttons()

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.remove_button.setEnabled(row is not None)
        if self.movable:
            self.up_button.setEnabled(row is not None and row > 0)
            self.down_button.setEnabled(row is not None and row < self.table.rowCount() - 1)

    def move_selected(self, step: int) -> None:
        """Move the selected row `step` places (-1 up, 1 down), keeping it selected."""
        row = self._selected_row()
        if row is None or not 0 <= row + step < self.table.rowCount():
            return
        target = row + step
        column = max(self.table.currentColumn(), 0)
        # Whole items move (ids, roles and check states travel with them).
        blocked = self.table.blockSignals(True)
        count = self.table.columnCount()
        moving = [self.table.takeItem(row, c) for c in range(count)]
        other = [self.table.takeItem(target, c) for c in range(count)]
        for c in range(count):
            self.table.setItem(target, c, moving[c])
            self.table.setItem(row, c, other[c])
        self.table.blockSignals(blocked)
        self.table.setCurrentCell(target, column)
        self._update_buttons()
        self.changed.emit()

    def _item(self, column: Column, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        if column.kind == "check":
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        elif column.kind == "role":
            role = value if isinstance(value, BoardRole) else BoardRole.CONSIGLIERE
            item.setData(VALUE_ROLE, role.value)
            item.setText(role.label)
        elif column.kind == "date":
            item.setText(value.strftime("%d/%m/%Y") if isinstance(value, date) else "")
        else:
            item.setText(str(value or ""))
        return item

    def set_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        for values in rows:
            self._append(values)
        self.table.blockSignals(blocked)
        self._fit_columns()
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Widen a fixed-width column to its longest cell, so that no e-mail is cut;
        the stretching column gives up the room."""
        for i, column in enumerate(self.columns):
            if column.width and column.kind != "check":
                self.table.setColumnWidth(i, max(column.width, self.table.sizeHintForColumn(i)))

    def _append(self, values: dict[str, Any]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for i, column in enumerate(self.columns):
            item = self._item(column, values.get(column.key))
            if i == 0:
                item.setData(ID_ROLE, values.get("id"))
            self.table.setItem(row, i, item)
        return row

    def cell(self, row: int, column: int) -> QTableWidgetItem:
        """The item at (row, column); every cell gets one when its row is added."""
        item = self.table.item(row, column)
        if item is None:
            raise IndexError(f"no cell at {row}, {column}")
        return item

    def add_row(self) -> None:
        defaults = {c.key: True for c in self.columns if c.kind == "check"}
        blocked = self.table.blockSignals(True)
        row = self._append(defaults)
        self.table.blockSignals(blocked)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.cell(row, 0))
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), 0)
        self._update_buttons()
        self.changed.emit()

    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        """(table row, values) for each row with something written in it."""
        out = []
        for row in range(self.table.rowCount()):
            values: dict[str, Any] = {"id": self.cell(row, 0).data(ID_ROLE)}
            blank = True
            for i, column in enumerate(self.columns):
                item = self.cell(row, i)
                if column.kind == "check":
                    values[column.key] = item.checkState() == Qt.CheckState.Checked
                elif column.kind == "role":
                    values[column.key] = BoardRole(item.data(VALUE_ROLE))
                else:
                    values[column.key] = item.text()
                    blank = blank and not item.text().strip()
            if not blank:
                out.append((row, values))
        return out

    def mark(self, problems: dict[tuple[int, str], str]) -> None:
        """Tint the cells with a problem, (table row, column key) -> message as tooltip."""
        blocked = self.table.blockSignals(True)
        keys = [c.key for c in self.columns]
        tint = QBrush(QColor(palette.ERROR).lighter(190))
        for row in range(self.table.rowCount()):
            for i, key in enumerate(keys):
                item = self.cell(row, i)
                message = problems.get((row, key))
                item.setBackground(tint if message else QBrush())
                item.setToolTip(message or "")
        self.table.blockSignals(blocked)
