"""The main window's wiring of the «Documenti» tab: the register's entry point, menus,
Ctrl+P, unsaved edits at closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from casedesk.domain.enums import DocumentStatus
from casedesk.ui.app import start_main_window
from casedesk.ui.dialogs.requirements import RequirementsDialog
from casedesk.ui.main_window import MainWindow
from casedesk.ui.widgets.pdf_preview import PdfPreviewDialog


def open_window(ctx, qtbot) -> MainWindow:
    window = start_main_window(ctx)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(coordinator, qtbot) -> MainWindow:
    return open_window(coordinator, qtbot)


def test_the_documents_tab_replaces_the_placeholder(window) -> None:
    tab = window.tabs.tab("documents")  # built on first use
    assert window.tabs.widget(1) is tab
    assert window.tabs.tab("documents").placeholder.text().startswith("Qui compar")


def test_from_the_register_to_the_papers(new_association, qtbot, coordinator, window) -> None:
    first = new_association(coordinator, "Comitato Porta Venezia")
    second = new_association(coordinator, "Comitato Bovisa")
    register = window.tabs.tab("associations")
    with qtbot.waitSignal(register.refresh_worker.finished):
        register.refresh()
    register.select_id(second)
    qtbot.mouseClick(register.documents_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.tabs.tab("documents")
    assert window.tabs.tab("documents").current_association_id() == second
    assert window.tabs.tab("documents").name_label.text() == "Comitato Bovisa"
    # The list on the left is read off the UI thread; its line is selected then.
    qtbot.waitUntil(lambda: window.tabs.tab("documents").picker.current_id() == second)

    window.tabs.setCurrentWidget(register)
    register.select_id(first)
    [action] = [a for a in register.table.actions() if a.objectName() == "open_documents_action"]
    action.trigger()
    assert window.tabs.tab("documents").current_association_id() == first


def test_from_the_association_form_to_the_papers(
    new_association, qtbot, coordinator, window
) -> None:
    association = new_association(coordinator, "Comitato Isola")
    with qtbot.waitSignal(window.tabs.tab("associations").refresh_worker.finished):
        window.tabs.tab("associations").refresh()
    form = window.tabs.tab("associations").open_association(association)
    qtbot.waitExposed(form)
    assert form.documents_button.isVisible()
    assert form.enrollments_label.text() == "Iscrizioni: nessuna finora."
    qtbot.mouseClick(form.documents_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert window.tabs.currentWidget() is window.tabs.tab("documents")
    assert window.tabs.tab("documents").current_association_id() == association


def test_menus_and_shortcuts(window) -> None:
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.directory_action.text() == "Stampa &catalogo delle associazioni…"
    assert window.requirements_action.isVisible() and window.requirements_action.isEnabled()
    window.tabs.setCurrentWidget(window.tabs.tab("associations"))
    assert window.print_action.isEnabled()  # the register prints its list as filtered
    window.tabs.setCurrentWidget(window.tabs.tab("documents"))
    assert window.print_action.isEnabled()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_operator_has_no_catalogue_tool(operator, qtbot) -> None:
    window = open_window(operator, qtbot)
    assert not window.requirements_action.isVisible()
    assert not window.requirements_action.isEnabled()


def test_ctrl_p_prints_the_current_tab(
    new_association, qtbot, coordinator, window, printed
) -> None:
    association = new_association(coordinator, "Comitato Stampa")
    window.navigate("documents", association)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printed.files) == 1 and printed.files[0].is_file()


def test_the_catalogue_dialog_refreshes_the_checklist(
    new_association, coordinator, window, monkeypatch
) -> None:
    from casedesk.services.catalogue import deactivate_requirement, list_requirements

    association = new_association(coordinator, "Comitato Catalogo")
    window.navigate("documents", association)
    before = window.tabs.tab("documents").model.rowCount()

    def run(dialog: RequirementsDialog) -> int:
        statute = next(q for q in list_requirements(coordinator) if q.code == "statute")
        deactivate_requirement(coordinator, statute.id)
        dialog.changed.emit()
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(RequirementsDialog, "exec", run)
    window.requirements_action.trigger()
    assert window.tabs.tab("documents").model.rowCount() == before - 1


def test_print_the_directory_from_the_file_menu(qtbot, window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_a: (str(tmp_path / "catalogo.pdf"), "")),
    )
    window.directory_action.trigger()
    assert not window.directory_action.isEnabled()  # while it is written off the UI thread
    qtbot.waitUntil(window.directory_action.isEnabled, timeout=20_000)
    assert (tmp_path / "catalogo.pdf").is_file()
    previews = [w for w in window.findChildren(PdfPreviewDialog) if w.isVisible()]
    assert len(previews) == 1


def test_closing_with_an_unsaved_paper_asks(
    new_association, qtbot, coordinator, window, answers
) -> None:
    association = new_association(coordinator, "Comitato Chiusura")
    window.navigate("documents", association)
    window.tabs.tab("documents").editor.set_status(DocumentStatus.DELIVERED)
    answers.choices = ["stay"]
    window.close()
    assert window.isVisible()
    answers.choices = ["save"]
    window.close()
    assert not window.isVisible()
    from casedesk.services.documents import get_checklist

    assert get_checklist(coordinator, association).entries[0].status is DocumentStatus.DELIVERED


def test_every_control_is_named(new_association, coordinator, window, unnamed_widgets) -> None:
    window.navigate("documents", new_association(coordinator, "Comitato Nomi"))
    assert unnamed_widgets(window) == []
