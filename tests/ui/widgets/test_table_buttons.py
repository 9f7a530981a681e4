"""The list dialogs' body: a table with its buttons on the right."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableView

from casedesk.ui.widgets.table_buttons import TableWithButtons, relabel


def _panel(qtbot, rows: list[str]) -> tuple[TableWithButtons, list[str]]:
    table = QTableView()
    table.setModel(QStringListModel(rows, table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    panel = TableWithButtons(table)
    qtbot.addWidget(panel)
    clicks: list[str] = []
    panel.add_button(
        "add_button",
        "add",
        "&Aggiungi…",
        lambda: clicks.append("add"),
        shortcut=QKeySequence.StandardKey.New,
    )
    panel.add_button(
        "edit_button", "edit", "&Modifica…", lambda: clicks.append("edit"), needs_selection=True
    )
    panel.show()
    qtbot.waitExposed(panel)
    return panel, clicks


def test_buttons_stand_right_of_the_table_in_order(qtbot) -> None:
    panel, _clicks = _panel(qtbot, ["a", "b"])
    add = panel.findChild(QPushButton, "add_button")
    edit = panel.findChild(QPushButton, "edit_button")
    assert add.x() > panel.table.geometry().right()
    assert add.y() < edit.y()
    assert add.accessibleName() == "Aggiungi"
    assert not add.autoDefault()


def test_selection_enables_the_buttons_that_need_it(qtbot) -> None:
    panel, clicks = _panel(qtbot, ["a", "b"])
    edit = panel.findChild(QPushButton, "edit_button")
    changes: list[int | None] = []
    panel.selection_changed.connect(lambda: changes.append(panel.selected_row()))
    assert not edit.isEnabled()
    panel.select_row(1)
    assert edit.isEnabled() and panel.selected_row() == 1
    edit.click()
    assert clicks == ["edit"]
    panel.select_row(None)
    assert not edit.isEnabled()
    assert changes[-1] is None and 1 in changes


def test_the_shortcut_presses_its_button(qtbot) -> None:
    panel, clicks = _panel(qtbot, ["a"])
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert clicks == ["add"]


def test_relabel_changes_text_icon_tooltip_and_spoken_name(qtbot) -> None:
    panel, _clicks = _panel(qtbot, ["a"])
    edit = panel.findChild(QPushButton, "edit_button")
    relabel(edit, "&Riattiva", "show", "Di nuovo richiesto")
    assert edit.text() == "&Riattiva"
    assert edit.accessibleName() == "Riattiva"
    assert edit.toolTip() == "Di nuovo richiesto"
    assert not edit.icon().isNull()
