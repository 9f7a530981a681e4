"""The main window: tabs, menus by role, status bar, title, remembered geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDialog, QLabel

from casedesk.ui.app import start_main_window
from casedesk.ui.dialogs.about import AboutDialog
from casedesk.ui.dialogs.change_password import ChangePasswordDialog
from casedesk.ui.dialogs.house_details import HouseDetailsDialog
from casedesk.ui.dialogs.operators import OperatorsDialog
from casedesk.ui.main_window import MainWindow


@pytest.fixture
def window(coordinator, qtbot) -> MainWindow:
    window = start_main_window(coordinator)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_four_tabs_each_with_one_line_saying_what_comes(window) -> None:
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Associazioni",
        "Documenti",
        "Calendario sale",
        "Appuntamenti",
    ]
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)  # tabs are built when first shown
        placeholder = tabs.widget(i).findChild(QLabel, "placeholder_label")
        assert placeholder.text().startswith("Qui compar")
        assert placeholder.alignment() & Qt.AlignmentFlag.AlignCenter


def test_status_bar_shows_operator_and_database(window, coordinator) -> None:
    assert window.operator_label.text() == "Operatore: Anna Rossi (coordinatore)"
    url = coordinator.db.url
    expected = (
        url.database
        if url.get_backend_name() == "sqlite"
        else url.render_as_string(hide_password=True)
    )
    assert window.database_label.text() == f"Database: {expected}"
    assert "casedesk:casedesk@" not in window.database_label.text()  # no password shown


def test_title_names_the_house(window) -> None:
    assert window.windowTitle() == "CaseDesk — Casa di prova"


def test_ctrl_1_to_4_switch_tabs(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for key, index in ((Qt.Key.Key_3, 2), (Qt.Key.Key_2, 1), (Qt.Key.Key_4, 3), (Qt.Key.Key_1, 0)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index
        assert window.tab_actions.actions()[index].isChecked()


def test_menus(window) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Modifica", "&Visualizza", "&Strumenti", "&Aiuto"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.about_action.text() == "&Informazioni su CaseDesk…"
    # Modifica holds only real editing actions, disabled while nothing can be edited.
    assert [a.objectName() for a in window.edit_actions.actions.values()] == [
        "undo_action",
        "redo_action",
        "cut_action",
        "copy_action",
        "paste_action",
        "select_all_action",
    ]


def test_coordinator_tools(window) -> None:
    assert window.house_action.isVisible() and window.house_action.isEnabled()
    assert window.operators_action.isVisible() and window.operators_action.isEnabled()
    assert window.password_action.isVisible()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_operator_sees_only_the_password_tool(operator, qtbot) -> None:
    window = start_main_window(operator)
    qtbot.addWidget(window)
    assert not window.house_action.isVisible()
    assert not window.house_action.isEnabled()
    assert not window.operators_action.isVisible()
    assert not window.operators_action.isEnabled()
    assert window.password_action.isVisible() and window.password_action.isEnabled()
    assert window.operator_label.text() == "Operatore: Bruno Bianchi (operatore)"


def test_ctrl_q_closes(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_geometry_and_tab_are_remembered(coordinator, qtbot) -> None:
    first = start_main_window(coordinator)
    qtbot.addWidget(first)
    first.showNormal()  # the first run opens maximised
    first.setGeometry(QRect(40, 50, 700, 500))
    first.tabs.setCurrentIndex(2)
    first.close()
    second = start_main_window(coordinator)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (700, 500)
    assert second.tabs.currentIndex() == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_house_dialog_updates_the_title(window, qtbot, monkeypatch) -> None:
    def rename(dialog: HouseDetailsDialog) -> int:
        dialog.name_edit.setText("Casa rinominata")
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(HouseDetailsDialog, "exec", rename)
    window.house_action.trigger()
    assert window.windowTitle() == "CaseDesk — Casa rinominata"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_menu_actions_open_their_dialogs(window, monkeypatch) -> None:
    opened = []
    for cls in (OperatorsDialog, AboutDialog, ChangePasswordDialog):
        monkeypatch.setattr(
            cls,
            "exec",
            lambda self: opened.append(type(self).__name__) or QDialog.DialogCode.Rejected,
        )
    window.operators_action.trigger()
    window.about_action.trigger()
    window.password_action.trigger()
    assert opened == ["OperatorsDialog", "AboutDialog", "ChangePasswordDialog"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_password_change_is_confirmed_in_the_status_bar(window, monkeypatch) -> None:
    def change(dialog: ChangePasswordDialog) -> int:
        dialog.current_edit.setText("coordinatrice1")
        dialog.new_edit.setText("nuovapassword1")
        dialog.repeat_edit.setText("nuovapassword1")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    window.password_action.trigger()
    assert window.statusBar().currentMessage() == "Password cambiata."


def test_main_window_module_stays_small() -> None:
    import inspect

    import casedesk.ui.main_window as module

    assert len(inspect.getsource(module).splitlines()) < 300


def test_every_control_is_named(window, unnamed_widgets) -> None:
    assert unnamed_widgets(window) == []
