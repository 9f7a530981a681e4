"""The rows editor: rows keep their saved ids; contact persons move up and down."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from casedesk.ui.associations.rows_editor import Column, RowsEditor


def names(editor: RowsEditor) -> list[str]:
    return [values["name"] for _row, values in editor.rows()]


def ids(editor: RowsEditor) -> list[int | None]:
    return [values["id"] for _row, values in editor.rows()]


@pytest.fixture
def editor(qtbot) -> RowsEditor:
    editor = RowsEditor(
        "contacts",
        "Referenti",
        [Column("name", "Nome"), Column("meets_citizens", "Incontra", "check", 100)],
        "Aggiungi",
        movable=True,
    )
    qtbot.addWidget(editor)
    editor.set_rows(
        [
            {"id": 7, "name": "Anna", "meets_citizens": True},
            {"id": 8, "name": "Bruno", "meets_citizens": False},
            {"id": 9, "name": "Carla", "meets_citizens": True},
        ]
    )
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_the_buttons_move_the_selected_row_with_its_id_and_checks(qtbot, editor) -> None:
    editor.table.selectRow(1)
    assert editor.up_button.isEnabled() and editor.down_button.isEnabled()
    with qtbot.waitSignal(editor.changed):
        editor.up_button.click()
    assert names(editor) == ["Bruno", "Anna", "Carla"]
    assert ids(editor) == [8, 7, 9]
    assert [values["meets_citizens"] for _r, values in editor.rows()] == [False, True, True]
    assert editor.table.currentRow() == 0  # the moved row stays selected
    assert not editor.up_button.isEnabled()  # already first
    editor.down_button.click()
    editor.down_button.click()
    assert names(editor) == ["Anna", "Carla", "Bruno"]
    assert not editor.down_button.isEnabled()  # already last


def test_ctrl_up_and_down_move_the_row_in_the_table(qtbot, editor) -> None:
    editor.table.setFocus()
    editor.table.setCurrentCell(2, 0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(editor) == ["Anna", "Carla", "Bruno"]
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(editor) == ["Carla", "Anna", "Bruno"]
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(editor) == ["Carla", "Anna", "Bruno"]  # the first stays first
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert ids(editor) == [7, 9, 8]


def test_nothing_selected_moves_nothing(qtbot, editor) -> None:
    editor.table.clearSelection()
    assert not editor.up_button.isEnabled() and not editor.down_button.isEnabled()
    editor.move_selected(1)
    assert names(editor) == ["Anna", "Bruno", "Carla"]


def test_a_table_whose_order_means_nothing_has_no_move_buttons(qtbot) -> None:
    editor = RowsEditor("board", "Consiglio", [Column("name", "Nome")], "Aggiungi")
    qtbot.addWidget(editor)
    assert not hasattr(editor, "up_button")
    assert editor.findChildren(type(editor.add_button), "up_board_button") == []


def test_rows_skip_blank_ones_and_name_their_table_row(qtbot, editor) -> None:
    editor.add_row()
    editor.table.item(3, 0).setText("")
    editor.add_row()
    editor.table.item(4, 0).setText("Dario")
    assert [row for row, _values in editor.rows()] == [0, 1, 2, 4]
    assert ids(editor)[-1] is None  # a new row: no saved id yet


def test_a_fixed_column_widens_to_its_longest_cell(qtbot) -> None:
    editor = RowsEditor(
        "contacts",
        "Referenti",
        [Column("name", "Nome"), Column("email", "Email", "text", 60)],
        "Aggiungi",
    )
    qtbot.addWidget(editor)
    long_email = "giacomo.dellacqua@quartiere-affori.example.org"
    editor.set_rows([{"id": 1, "name": "Giacomo", "email": long_email}])
    needed = editor.table.fontMetrics().horizontalAdvance(long_email)
    assert editor.table.columnWidth(1) > needed
    editor.set_rows([{"id": 2, "name": "Ada", "email": "a@b.it"}])
    assert editor.table.columnWidth(1) >= 60  # never narrower than designed
