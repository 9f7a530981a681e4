"""The tab contract (ui/tab.py) as the main window uses it: every tab a MainTab, built
when first shown; Ctrl+N/F/P on the current tab only; closing asks every tab; data
changes fanned out; messages that do not fit the status bar go to the message strip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from casedesk.domain.associations import AssociationDraft
from casedesk.domain.enums import LegalForm
from casedesk.services.associations import create_association
from casedesk.ui.app import start_main_window
from casedesk.ui.associations.tab import AssociationsTab
from casedesk.ui.documents.tab import DocumentsTab
from casedesk.ui.main_window import MainWindow
from casedesk.ui.tab import ENROLLMENTS, MainTab, TabAction
from casedesk.ui.widgets.message_strip import MessageKind

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def window(coordinator, qtbot) -> MainWindow:
    window = start_main_window(coordinator)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.tabs.setCurrentIndex(0)
    return window


@sqlite_only
def test_every_tab_is_a_main_tab_with_its_key(window) -> None:
    for index, spec in enumerate(window.tabs.specs):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.widget(index)
        assert isinstance(tab, MainTab)
        assert tab.key == spec.key
        assert window.tabs.current_tab() is tab


@sqlite_only
def test_tabs_are_built_when_first_shown(window) -> None:
    assert [t.key for t in window.tabs.built_tabs()] == ["associations"]
    stand_in = window.tabs.widget(1)
    assert not isinstance(stand_in, MainTab) and isinstance(stand_in, QWidget)
    window.tabs.setCurrentIndex(1)
    assert isinstance(window.tabs.widget(1), DocumentsTab)
    assert window.tabs.currentIndex() == 1
    assert [t.key for t in window.tabs.built_tabs()] == ["associations", "documents"]
    assert [window.tabs.tabText(i) for i in range(4)] == [
        "Associazioni",
        "Documenti",
        "Calendario sale",
        "Appuntamenti",
    ]


@sqlite_only
def test_the_new_action_follows_the_tab(window) -> None:
    assert window.new_action.text() == "&Nuova associazione…"
    assert window.new_action.isEnabled()
    window.tabs.setCurrentIndex(1)
    assert not window.new_action.isEnabled()
    assert window.print_action.isEnabled() and window.find_action.isEnabled()
    window.tabs.setCurrentIndex(2)
    assert not window.new_action.isEnabled()
    assert not window.print_action.isEnabled() and not window.find_action.isEnabled()
    assert window.tabs.current_tab().supported() == TabAction.NONE


@sqlite_only
def test_ctrl_n_on_documenti_does_not_open_a_new_association(window, qtbot) -> None:
    register = window.tabs.tab("associations")
    window.tabs.setCurrentIndex(1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert register.form is None
    assert window.tabs.currentIndex() == 1
    window.new_action.trigger()  # even triggered by hand: disabled, nothing happens
    assert register.form is None


@sqlite_only
def test_ctrl_f_goes_to_the_current_tabs_search(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentIndex(1)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.tabs.tab("documents").picker.search_box.hasFocus)
    assert window.tabs.currentIndex() == 1


@sqlite_only
def test_closing_asks_every_built_tab(window, monkeypatch) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    asked: list[str] = []
    answer = {"documents": False}

    def can_leave(tab: MainTab) -> bool:
        asked.append(tab.key)
        return answer.get(tab.key, True)

    monkeypatch.setattr(MainTab, "can_leave", can_leave)
    monkeypatch.setattr(AssociationsTab, "can_leave", can_leave)
    monkeypatch.setattr(DocumentsTab, "can_leave", can_leave)
    window.close()
    assert window.isVisible()  # the Documenti tab said no
    assert asked[:2] == ["associations", "documents"]
    asked.clear()
    answer["documents"] = True
    window.close()
    assert not window.isVisible()
    assert asked == ["associations", "documents", "calendar", "appointments"]


@sqlite_only
def test_a_change_in_one_tab_reaches_the_others(window, monkeypatch) -> None:
    documents = window.tabs.tab("documents")
    heard: list[tuple[str, frozenset[str]]] = []
    monkeypatch.setattr(
        AssociationsTab, "data_changed", lambda tab, kinds: heard.append((tab.key, kinds))
    )
    monkeypatch.setattr(
        DocumentsTab, "data_changed", lambda tab, kinds: heard.append((tab.key, kinds))
    )
    documents.changed.emit(frozenset({ENROLLMENTS}))
    assert heard == [("associations", frozenset({ENROLLMENTS}))]  # not back to the sender


@sqlite_only
def test_the_register_reads_again_when_told(window, coordinator, qtbot) -> None:
    register = window.tabs.tab("associations")
    before = register.model.total_count()
    create_association(coordinator, AssociationDraft("Gruppo Nuovo", LegalForm.GRUPPO_INFORMALE))
    with qtbot.waitSignal(register.refresh_worker.finished):
        register.data_changed(frozenset({ENROLLMENTS}))
    assert register.model.total_count() == before + 1


@sqlite_only
def test_short_messages_in_the_status_bar_long_ones_in_the_strip(window, qtbot) -> None:
    window.resize(900, 600)
    window.show_message("Salvato.")
    assert window.statusBar().currentMessage() == "Salvato."
    assert not window.message_strip.isVisible()
    long = (
        "Della ricevuta 2024/0002 non è archiviato il PDF: viene mostrato un duplicato, "
        "ricostruito dai dati registrati al momento dell'iscrizione."
    )
    window.tabs.tab("associations").status_message.emit(long)
    assert window.message_strip.isVisible()
    assert window.message_strip.text() == long
    assert window.message_strip.timer.isActive()  # information goes away by itself
    assert window.statusBar().currentMessage() == ""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.message_strip.isVisible()


@sqlite_only
def test_a_warning_stays_until_closed(window, qtbot) -> None:
    window.tabs.tab("associations").notify("Attenzione.", MessageKind.WARNING)
    strip = window.message_strip
    assert strip.isVisible() and strip.kind is MessageKind.WARNING
    assert not strip.timer.isActive()
    qtbot.mouseClick(strip.close_button, Qt.MouseButton.LeftButton)
    assert not strip.isVisible()


@sqlite_only
def test_first_run_opens_maximised_later_runs_as_left(coordinator, qtbot) -> None:
    first = start_main_window(coordinator)
    qtbot.addWidget(first)
    assert first.first_run and first.windowState() & Qt.WindowState.WindowMaximized
    first.showNormal()
    first.resize(700, 500)
    first.close()
    second = start_main_window(coordinator)
    qtbot.addWidget(second)
    assert not second.first_run
    assert not second.windowState() & Qt.WindowState.WindowMaximized
    assert (second.width(), second.height()) == (700, 500)


def test_no_tab_module_names_another() -> None:
    """Cross-tab navigation goes through signals: the window's module alone names tabs."""
    import inspect

    import casedesk.ui.associations.tab as register
    import casedesk.ui.documents.tab as documents
    import casedesk.ui.main_window as main_window

    assert "casedesk.ui.documents" not in inspect.getsource(register)
    assert "casedesk.ui.associations" not in inspect.getsource(documents)
    assert "tab_icon" not in inspect.getsource(main_window)
    assert "getattr(" not in inspect.getsource(main_window)


@sqlite_only
def test_a_hidden_register_reads_again_when_shown(window, coordinator, qtbot) -> None:
    register = window.tabs.tab("associations")
    before = register.model.total_count()
    window.tabs.setCurrentIndex(1)
    create_association(coordinator, AssociationDraft("Gruppo Nascosto", LegalForm.GRUPPO_INFORMALE))
    window.tabs.tab("documents").changed.emit(frozenset({ENROLLMENTS}))  # e.g. an enrollment
    assert register.model.total_count() == before  # not read while hidden
    assert not register.refresh_worker.is_busy()
    with qtbot.waitSignal(register.refresh_worker.finished):
        window.tabs.setCurrentIndex(0)
    assert register.model.total_count() == before + 1
