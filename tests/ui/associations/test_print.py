"""Stampa… (Ctrl+P) on the register: the list as filtered, in the PDF preview."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from casedesk.domain.enums import AssociationStatus
from casedesk.ui.widgets.pdf_preview import PdfPreviewDialog


def print_and_wait(qtbot, tab) -> None:
    """Stampa…: the PDF is made off the UI thread; the preview opens when it is ready."""
    with qtbot.waitSignal(tab.print_worker.finished, timeout=20_000):
        assert tab.print_current()


def printed_text(tab) -> str:
    preview = tab.print_preview
    assert isinstance(preview, PdfPreviewDialog)
    try:
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(preview.data)).pages)
    finally:
        preview.close()


def test_the_printout_holds_the_filtered_rows_only(tab, qtbot) -> None:
    tab.search_box.setText("liberta")
    assert tab.model.visible_count() == 2
    print_and_wait(qtbot, tab)
    text = printed_text(tab)
    assert "Associazione Libertà" in text and "Gruppo Sole e Libertà" in text
    assert "L'Arca ODV" not in text and "Comitato Quartiere Isola" not in text
    assert "trovate cercando «liberta»" in text
    assert "Giovanni Verdi" in text and "+39 02 1234 5678" in text  # contact person, phone
    assert "Pagina 1 di 1" in text

    tab.search_box.clear()
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(AssociationStatus.BOZZA.value))
    print_and_wait(qtbot, tab)
    text = printed_text(tab)
    assert "Associazioni con stato «Bozza»." in text
    assert "4 associazioni" in text


def test_the_printout_follows_the_sort_on_screen(tab, qtbot) -> None:
    header = tab.table.horizontalHeader()
    tab.table.sortByColumn(tab.model.NAME, Qt.SortOrder.DescendingOrder)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    names = [tab.model.summary(row).name for row in range(tab.model.visible_count())]
    print_and_wait(qtbot, tab)
    text = printed_text(tab)
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert names != sorted(names)  # really another order than the alphabetical one


def test_a_search_that_finds_nothing_prints_a_sheet_that_says_so(tab, qtbot) -> None:
    tab.search_box.setText("nessuna associazione ha questo nome")
    assert tab.model.visible_count() == 0
    print_and_wait(qtbot, tab)
    assert "Nessuna associazione corrisponde ai filtri scelti." in printed_text(tab)


def test_ctrl_p_in_the_main_window_prints_the_register(register, coordinator, qtbot) -> None:
    from casedesk.ui.app import start_main_window

    window = start_main_window(coordinator)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    tab = window.tabs.tab("associations")
    window.tabs.setCurrentWidget(tab)
    tab.search_box.setText("isola")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(tab.print_worker.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        # While the PDF is made, Stampa… waits: a second Ctrl+P cannot start another.
        assert not window.print_action.isEnabled()
        assert not tab.print_current()
    assert window.print_action.isEnabled()
    text = printed_text(tab)
    assert "Comitato Quartiere Isola" in text and "Libertà" not in text
