"""«Modifica»: standard editing actions that act on the focused field or table."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from casedesk.ui.edit_actions import EditActions


@pytest.fixture
def window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.edit = QLineEdit("ciao mondo")
    window.password = QLineEdit("segreta")
    window.password.setEchoMode(QLineEdit.EchoMode.Password)
    model = QStandardItemModel(2, 2, window)
    for row in range(2):
        for column in range(2):
            model.setItem(row, column, QStandardItem(f"r{row}c{column}"))
    window.table = QTableView()
    window.table.setModel(model)
    window.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    layout = QVBoxLayout(window)
    for widget in (window.edit, window.password, window.table):
        layout.addWidget(widget)
    window.actions_ = EditActions(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def _enabled(actions: EditActions) -> set[str]:
    return {name for name, action in actions.actions.items() if action.isEnabled()}


def test_copy_and_paste_in_a_text_field(window, qtbot) -> None:
    actions = window.actions_
    window.edit.setFocus()
    qtbot.waitUntil(window.edit.hasFocus)
    assert "copy" not in _enabled(actions)  # nothing selected yet
    window.edit.setSelection(0, 4)
    assert {"cut", "copy", "select_all"} <= _enabled(actions)
    actions.actions["copy"].trigger()
    assert QGuiApplication.clipboard().text() == "ciao"
    window.edit.setCursorPosition(len(window.edit.text()))
    actions.actions["paste"].trigger()
    assert window.edit.text() == "ciao mondociao"
    actions.actions["undo"].trigger()
    assert window.edit.text() == "ciao mondo"


def test_password_fields_cannot_be_copied(window, qtbot) -> None:
    window.password.setFocus()
    qtbot.waitUntil(window.password.hasFocus)
    window.password.selectAll()
    enabled = _enabled(window.actions_)
    assert "copy" not in enabled and "cut" not in enabled


def test_copy_from_a_table_is_tab_separated(window, qtbot) -> None:
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    window.actions_.actions["select_all"].trigger()
    assert "copy" in _enabled(window.actions_)
    window.actions_.actions["copy"].trigger()
    assert QGuiApplication.clipboard().text() == "r0c0\tr0c1\nr1c0\tr1c1"


def test_menu_lists_the_actions(window) -> None:
    menu = QMenu()
    window.actions_.fill(menu)
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == [
        "undo_action",
        "redo_action",
        "cut_action",
        "copy_action",
        "paste_action",
        "select_all_action",
    ]
    assert [a.text() for a in menu.actions() if not a.isSeparator()][3] == "&Copia"
