"""A list dialog's body: a table with a column of buttons on its right.

Operators, documents required (and the rooms and equipment lists to come) all show
a table of rows with «Aggiungi…», «Modifica…», «Disattiva» beside it::

    self.panel = TableWithButtons(self.table)
    self.add_button = self.panel.add_button(
        "add_button", "add", self.tr("&Aggiungi…"), self._add,
        shortcut=QKeySequence.StandardKey.New, tooltip=self.tr("Aggiungi (Ctrl+N)"))
    self.edit_button = self.panel.add_button(
        "edit_button", "edit", self.tr("&Modifica…"), self._edit, needs_selection=True)
    self.panel.selection_changed.connect(self._update_buttons)

Buttons made with `needs_selection=True` are enabled only while a row is selected;
`selection_changed` then lets the dialog apply its own rules (e.g. «Riattiva» for
an inactive row, with `relabel`). Buttons are never pressed by Enter (no
autoDefault): Enter belongs to the table or the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named


def relabel(button: QPushButton, text: str, icon_name: str, tooltip: str = "") -> None:
    """Change a button's text, icon and tooltip, and the name screen readers say."""
    button.setText(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setIcon(icon(icon_name))
    button.setToolTip(tooltip)


class TableWithButtons(QWidget):
    """`table` on the left, taking the spare width; the buttons stacked on the right."""

    selection_changed = Signal()

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("table_with_buttons")
        self.table = table
        self._needing_selection: list[QPushButton] = []
        self._side = QVBoxLayout()
        self._side.addStretch(1)
        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(table, 1)
        body.addLayout(self._side)
        self.setFocusProxy(table)
        table.selectionModel().selectionChanged.connect(lambda *_args: self._update())

    def add_button(
        self,
        object_name: str,
        icon_name: str,
        text: str,
        on_click: Callable[[], object] | None = None,
        *,
        needs_selection: bool = False,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        tooltip: str = "",
    ) -> QPushButton:
        """A button under the previous ones; `shortcut` works anywhere in the window."""
        button = named(
            QPushButton(icon(icon_name), text), object_name, text.replace("&", "").rstrip("…")
        )
        button.setAutoDefault(False)
        if tooltip:
            button.setToolTip(tooltip)
        if on_click is not None:
            button.clicked.connect(lambda _checked=False: on_click())
        if shortcut is not None:
            # A window shortcut, so that the button keeps its Alt+letter mnemonic too.
            QShortcut(QKeySequence(shortcut), self).activated.connect(button.click)
        if needs_selection:
            self._needing_selection.append(button)
            button.setEnabled(self.selected_row() is not None)
        self._side.insertWidget(self._side.count() - 1, button)  # above the stretch
        return button

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int | None) -> None:
        """Select `row` (None: nothing) and bring the buttons up to date."""
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
        else:
            selection.setCurrentIndex(
                self.table.model().index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update()

    def _update(self) -> None:
        selected = self.selected_row() is not None
        for button in self._needing_selection:
            button.setEnabled(selected)
        self.selection_changed.emit()
