"""«Da completare»: who has mandatory papers missing or out of date; open; print."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from casedesk.domain.enums import DocumentStatus
from casedesk.services.documents import get_checklist, record_document, worklist
from casedesk.ui.documents.tab import PAGE_CHECKLIST, PAGE_WORKLIST
from casedesk.ui.documents.worklist import WorklistModel, worklist_html


def show_worklist(qtbot, tab) -> None:
    """To the «Da completare» page, and wait for the list read off the UI thread."""
    with qtbot.waitSignal(tab.worklist.load_worker.finished):
        tab.pages.setCurrentIndex(PAGE_WORKLIST)


def test_lists_associations_with_missing_papers_and_opens_one(
    new_association, qtbot, operator, make_tab
) -> None:
    missing = new_association(operator, "Comitato Senza Carte")
    complete = new_association(operator, "Comitato In Regola")
    for entry in get_checklist(operator, complete).entries:
        record_document(operator, complete, entry.requirement.id, DocumentStatus.DELIVERED)

    tab = make_tab(operator)
    show_worklist(qtbot, tab)
    view = tab.worklist
    assert view.model.rowCount() == 1
    assert view.model.index(0, WorklistModel.NAME).data() == "Comitato Senza Carte"
    since = view.model.index(0, WorklistModel.SINCE).data()
    assert since == f"{operator.today():%d/%m/%Y}"
    assert "Statuto (mancante)" in view.model.index(0, WorklistModel.MISSING).data()
    assert "1 associazione" in view.summary_label.text()

    rect = view.table.visualRect(view.model.index(0, WorklistModel.NAME))
    # A real double click: press and release first (Qt's item views check the press).
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.pages.currentIndex() == PAGE_CHECKLIST
    assert tab.current_association_id() == missing
    assert tab.name_label.text() == "Comitato Senza Carte"


def test_enter_opens_too_and_the_list_follows_the_changes(
    new_association, qtbot, operator, make_tab
) -> None:
    first = new_association(operator, "Comitato Uno")
    tab = make_tab(operator)
    show_worklist(qtbot, tab)
    assert tab.worklist.model.rowCount() == 1
    tab.worklist.table.setFocus()
    qtbot.keyClick(tab.worklist.table, Qt.Key.Key_Return)
    assert tab.current_association_id() == first

    for entry in get_checklist(operator, first).entries:
        record_document(operator, first, entry.requirement.id, DocumentStatus.DELIVERED)
    show_worklist(qtbot, tab)  # read again when shown
    assert tab.worklist.model.rowCount() == 0
    assert tab.worklist.stack.currentWidget() is tab.worklist.empty_label
    assert not tab.worklist.print_button.isEnabled()


def test_the_demo_worklist_is_oldest_first(qtbot, demo, make_tab) -> None:
    tab = make_tab(demo)
    show_worklist(qtbot, tab)
    rows = tab.worklist.model.rows()
    assert rows == worklist(demo)
    assert len(rows) >= 3
    assert [r.since for r in rows] == sorted(r.since for r in rows)
    assert any("scaduto il" in m for r in rows for m in r.missing)


def test_print_the_worklist(qtbot, new_association, operator, make_tab, printed) -> None:
    from pypdf import PdfReader

    new_association(operator, "Comitato <Stampa> & Co")
    tab = make_tab(operator)
    show_worklist(qtbot, tab)
    assert tab.print_current()  # Ctrl+P on this page prints the list
    [pdf] = printed.files
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Documenti da completare" in text
    assert "Comitato <Stampa> & Co" in text

    printed.accept = False
    assert not tab.worklist.print_list()
    assert len(printed.files) == 1


def test_the_printed_html_escapes_names(new_association, operator) -> None:
    new_association(operator, "Comitato <b>grassetto</b>")
    body = worklist_html(worklist(operator), date(2026, 3, 1))
    assert "&lt;b&gt;grassetto&lt;/b&gt;" in body and "<b>grassetto" not in body
    assert "01/03/2026" in body
