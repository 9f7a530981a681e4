"""The Associazioni tab: instant search, filters, remembered search, keys, export."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.services.associations import change_status
from casedesk.ui.app import start_main_window
from casedesk.ui.associations.form import AssociationForm
from casedesk.ui.associations.import_dialog import ImportDialog
from casedesk.ui.associations.model import AssociationsTableModel as M
from casedesk.ui.associations.tab import AssociationsTab


def shown(tab: AssociationsTab) -> list[str]:
    return sorted(tab.model.index(r, M.NAME).data() for r in range(tab.model.rowCount()))


def type_text(qtbot, widget, text: str) -> None:
    """Key by key; QTest cannot type accented letters, so those go as raw key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def type_search(qtbot, tab: AssociationsTab, text: str) -> None:
    tab.search_box.clear()
    type_text(qtbot, tab.search_box, text)


def test_the_table_lists_the_register(tab) -> None:
    assert tab.search_box.objectName() == "associationsSearch"
    assert tab.search_box.placeholderText() == (
        "Cerca per nome, codice fiscale, referente, settore, note…"
    )
    assert tab.search_box.isClearButtonEnabled()
    assert tab.model.rowCount() == 4
    assert tab.count_label.text() == "4 associazioni"
    assert tab.stack.currentWidget() is tab.table
    assert tab.table.isSortingEnabled()
    assert tab.table.alternatingRowColors()
    assert tab.table.horizontalHeader().sortIndicatorSection() == M.NAME
    assert tab.selected_id() is not None  # Enter opens something at once


def test_typing_narrows_the_rows_at_once(qtbot, tab) -> None:
    type_search(qtbot, tab, "liberta")
    assert shown(tab) == ["Associazione Libertà", "Gruppo Sole e Libertà"]
    assert tab.count_label.text() == "2 associazioni su 4"
    type_search(qtbot, tab, "larca")
    assert shown(tab) == ["L'Arca ODV"]
    assert tab.count_label.text() == "1 associazione su 4"
    type_search(qtbot, tab, "libertà SOLE")
    assert shown(tab) == ["Gruppo Sole e Libertà"]
    type_search(qtbot, tab, "chiara neri")  # the contact person
    assert shown(tab) == ["L'Arca ODV"]
    type_search(qtbot, tab, "zzz")
    assert shown(tab) == []
    assert tab.count_label.text() == "0 associazioni su 4"
    assert tab.visible_ids() == []


def test_filters(qtbot, tab, register) -> None:
    tab.volunteers_filter.setChecked(True)
    assert shown(tab) == ["Gruppo Sole e Libertà", "L'Arca ODV"]
    tab.sector_filter.setCurrentIndex(tab.sector_filter.findData("anziani"))
    assert shown(tab) == ["L'Arca ODV"]
    tab.volunteers_filter.setChecked(False)
    tab.sector_filter.setCurrentIndex(0)
    tab.legal_form_filter.setCurrentIndex(tab.legal_form_filter.findData(LegalForm.COMITATO.value))
    assert shown(tab) == ["Comitato Quartiere Isola"]
    tab.legal_form_filter.setCurrentIndex(0)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(AssociationStatus.BOZZA.value))
    assert len(shown(tab)) == 4
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(AssociationStatus.CESSATA.value))
    assert shown(tab) == []
    # The sectors offered are the ones the register uses.
    sectors = [tab.sector_filter.itemText(i) for i in range(tab.sector_filter.count())]
    assert sectors == ["Tutti i settori", "ambientale", "anziani", "diritti", "giovani", "sociale"]


def test_a_new_session_starts_clean_but_keeps_the_sort(qtbot, tab, make_tab) -> None:
    """Search and filters belong to one session (perhaps another operator's); the layout stays."""
    type_search(qtbot, tab, "liberta")
    tab.sector_filter.setCurrentIndex(tab.sector_filter.findData("giovani"))
    tab.volunteers_filter.setChecked(True)
    tab.legal_form_filter.setCurrentIndex(
        tab.legal_form_filter.findData(LegalForm.GRUPPO_INFORMALE.value)
    )
    tab.table.sortByColumn(M.TAX_CODE, Qt.SortOrder.DescendingOrder)
    again = make_tab()
    assert again.search_box.text() == ""
    assert again.sector_filter.currentIndex() == 0
    assert not again.volunteers_filter.isChecked()
    assert again.legal_form_filter.currentIndex() == 0
    assert again.status_filter.currentIndex() == 0
    assert again.count_label.text() == "4 associazioni"
    header = again.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        M.TAX_CODE,
        Qt.SortOrder.DescendingOrder,
    )


def test_escape_empties_the_search_and_down_goes_to_the_table(qtbot, tab) -> None:
    type_search(qtbot, tab, "larca")
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Escape)
    assert tab.search_box.text() == ""
    assert tab.model.rowCount() == 4
    tab.search_box.setFocus()
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Down)
    assert tab.table.hasFocus() or tab.table.isAncestorOf(tab.focusWidget())
    assert tab.selected_id() is not None


def test_enter_in_the_search_opens_the_association_found(qtbot, tab, register) -> None:
    type_search(qtbot, tab, "larca")
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Return)
    form = tab.form
    assert isinstance(form, AssociationForm) and form.isVisible()
    assert form.record is not None and form.record.id == register.ids["arca"]
    assert form.name_edit.text() == "L'Arca ODV"
    form.reject()  # nothing changed: closes without asking
    assert not form.isVisible()


def test_enter_and_double_click_in_the_table_open_the_selected_row(qtbot, tab, register) -> None:
    tab.select_id(register.ids["isola"])
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.form.record.id == register.ids["isola"]
    tab.form.reject()
    tab.select_id(register.ids["liberta"])
    row = tab.model.row_of(register.ids["liberta"])
    rect = tab.table.visualRect(tab.model.index(row, M.NAME))
    # A real double click: press and release first (Qt's item views check the press).
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.form.record.id == register.ids["liberta"]
    tab.form.reject()


def test_refresh_keeps_the_selection_and_shows_changes(qtbot, tab, coordinator, register) -> None:
    tab.select_id(register.ids["arca"])
    change_status(coordinator, register.ids["isola"], "cease", "Sciolto")
    with qtbot.waitSignal(tab.refresh_worker.finished):
        tab.refresh()
    assert tab.selected_id() == register.ids["arca"]
    row = tab.model.row_of(register.ids["isola"])
    assert tab.model.index(row, M.STATUS).data() == "Cessata"


def test_a_search_that_finds_nothing_prefills_the_new_form(qtbot, tab) -> None:
    type_search(qtbot, tab, "Nuovi Orizzonti")
    form = tab.new_association()
    assert form is not None and form.record is None
    assert form.name_edit.text() == "Nuovi Orizzonti"
    assert form.legal_form() is None  # to be chosen, never assumed
    form.reject()
    type_search(qtbot, tab, "12345678903")
    form = tab.new_association()
    assert form.tax_code_edit.text() == "12345678903"
    assert form.name_edit.text() == ""


def test_an_empty_register_says_what_to_do(coordinator, make_tab) -> None:
    tab = make_tab()
    assert tab.model.rowCount() == 0
    assert tab.stack.currentWidget() is tab.empty_label
    assert "Ctrl+N" in tab.empty_label.text()
    assert tab.count_label.text() == "0 associazioni"


def test_every_control_is_named(tab, unnamed_widgets) -> None:
    assert unnamed_widgets(tab) == []


# --- through the main window ------------------------------------------------------------


@pytest.fixture
def window(register, coordinator, qtbot):
    window = start_main_window(coordinator)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_f_focuses_and_selects_the_search(qtbot, window) -> None:
    tab = window.tabs.tab("associations")
    tab.search_box.setText("liberta")
    window.tabs.setCurrentIndex(2)
    tab.setFocus()
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is tab
    qtbot.waitUntil(tab.search_box.hasFocus)
    assert tab.search_box.selectedText() == "liberta"


def test_ctrl_n_opens_a_new_form(qtbot, window) -> None:
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    tab = window.tabs.tab("associations")
    assert window.tabs.currentWidget() is tab
    assert tab.form is not None and tab.form.isVisible() and tab.form.record is None
    tab.form.reject()


def test_file_menu_has_import_and_export(window) -> None:
    file_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "file_menu")
    names = [a.objectName() for a in file_menu.actions() if a.objectName()]
    assert names[:3] == [
        "new_item_action",
        "import_associations_action",
        "export_associations_action",
    ]
    texts = [a.text() for a in file_menu.actions()]
    assert "&Importa associazioni…" in texts and "&Esporta…" in texts


def test_import_action_opens_the_dialog(window) -> None:
    action = window.findChild(type(window.quit_action), "import_associations_action")
    action.trigger()
    dialog = window.tabs.tab("associations").import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    dialog.reject()


def test_export_writes_what_the_search_shows(
    qtbot, window, tmp_path, monkeypatch, message_boxes
) -> None:
    tab = window.tabs.tab("associations")
    type_search(qtbot, tab, "liberta")
    target = tmp_path / "elenco"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kw: (str(target), "CSV per Excel (*.csv)")),
    )
    window.findChild(type(window.quit_action), "export_associations_action").trigger()
    from casedesk.ui.widgets.worker import Worker

    worker = tab.findChild(Worker, "export_worker")
    with qtbot.waitSignal(worker.finished, timeout=20_000):
        pass  # written off the UI thread
    written = tmp_path / "elenco.csv"
    with written.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][0] == "Denominazione"
    assert sorted(r[0] for r in rows[1:]) == ["Associazione Libertà", "Gruppo Sole e Libertà"]
    assert message_boxes[-1].text == f"2 associazioni esportate in\n{written}"
    # Too long for the status bar at this width: the message strip shows it whole.
    shown = (window.statusBar().currentMessage(), window.message_strip.text())
    assert f"2 associazioni esportate: {written}" in shown


def test_export_of_nothing_says_so(qtbot, window, monkeypatch, message_boxes) -> None:
    tab = window.tabs.tab("associations")
    type_search(qtbot, tab, "nessuna")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: pytest.fail("no dialog"))
    )
    assert tab.export_associations() is None
    assert "Nessuna associazione da esportare" in message_boxes[-1].text


def test_the_window_keeps_its_hint_label_name_for_the_other_tabs(coordinator, make_tab) -> None:
    tab = make_tab()
    label = tab.findChild(QLabel, "placeholder_label")
    assert label.text().startswith("Qui compar")


def test_the_sector_filter_survives_a_refresh(qtbot, tab) -> None:
    tab.sector_filter.setCurrentIndex(tab.sector_filter.findData("giovani"))
    with qtbot.waitSignal(tab.refresh_worker.succeeded):
        tab.refresh()
    assert tab.sector_filter.currentData() == "giovani"
    tab.sector_filter.setCurrentIndex(0)
    with qtbot.waitSignal(tab.refresh_worker.succeeded):
        tab.refresh()
    assert tab.sector_filter.currentIndex() == 0
    assert tab.model.rowCount() == 4


def test_the_status_filter_offers_da_rinnovare_after_iscritta(tab) -> None:
    texts = [tab.status_filter.itemText(i) for i in range(tab.status_filter.count())]
    assert texts[texts.index("Iscritta") + 1] == "Da rinnovare"
    tab.status_filter.setCurrentIndex(texts.index("Da rinnovare"))
    assert tab.model.filters.renewal_due and tab.model.filters.status is None
    assert shown(tab) == []  # nobody in this register has enrolled yet


def test_a_second_export_waits_for_the_first(
    qtbot, tab, tmp_path, monkeypatch, message_boxes
) -> None:
    import threading

    from PySide6.QtGui import QAction

    from casedesk.services import association_export
    from casedesk.ui.widgets.worker import Worker

    release = threading.Event()
    real_export = association_export.export_associations

    def slow_export(*args, **kwargs):
        release.wait(10)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(association_export, "export_associations", slow_export)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kw: (str(tmp_path / "elenco.xlsx"), "")),
    )
    action = QAction("Esporta", tab)
    assert tab.export_associations(action) == tmp_path / "elenco.xlsx"
    worker = tab.findChild(Worker, "export_worker")
    with qtbot.waitSignal(worker.finished, timeout=20_000):
        assert not action.isEnabled()
        assert tab.export_associations(action) is None  # refused while the first runs
        release.set()
    assert action.isEnabled()
    assert (tmp_path / "elenco.xlsx").is_file()
    assert message_boxes[-1].text.startswith("4 associazioni esportate in")


def test_typing_puts_the_name_start_first_and_a_header_click_then_sorts(qtbot, tab) -> None:
    from PySide6.QtCore import QPoint

    header = tab.table.horizontalHeader()

    def rows() -> list[str]:
        return [tab.model.index(r, M.NAME).data() for r in range(tab.model.rowCount())]

    type_search(qtbot, tab, "l")
    assert rows()[0] == "L'Arca ODV"  # the name starts with the text (A→Z it is second)
    type_search(qtbot, tab, "li")
    # No name starts with «li»: first the names with a word that does, fewer words
    # first; then «Comitato Quartiere Isola» (its referente, Luca Gialli).
    assert rows() == ["Associazione Libertà", "Gruppo Sole e Libertà", "Comitato Quartiere Isola"]
    type_search(qtbot, tab, "l")
    assert tab.selected_id() == tab.model.association_id(0)  # Enter opens the top hit
    assert not header.isSortIndicatorShown()  # no column orders a ranked list

    def click(column: int) -> None:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at(column))

    def at(column: int) -> QPoint:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        return QPoint(x, header.height() // 2)

    # Pressed on one column, released on another: no click, nothing changes.
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=at(M.NAME))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=at(M.STATUS))
    assert tab.model.ranked
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click(M.NAME)  # A→Z, whatever the (hidden) order of the header before
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == M.NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert rows()[0] == "Associazione Libertà"
    assert rows() == sorted(rows(), key=str.casefold)
    click(M.STATUS)
    statuses = [tab.model.index(r, M.STATUS).data() for r in range(tab.model.rowCount())]
    order = [s.label for s in AssociationStatus]
    assert statuses == sorted(statuses, key=order.index)
    type_text(qtbot, tab.search_box, "i")  # refining the search keeps the clicked order
    assert header.sortIndicatorSection() == M.STATUS
    assert header.isSortIndicatorShown()
    tab.search_box.clear()
    type_search(qtbot, tab, "l")  # a new search is ranked again
    assert rows()[0] == "L'Arca ODV"
    assert not header.isSortIndicatorShown()


def test_a_refresh_runs_off_the_ui_thread_and_reads_again_if_asked_meanwhile(
    qtbot, tab, coordinator, register
) -> None:
    done: list[str] = []
    with qtbot.waitSignal(tab.refresh_worker.started):
        tab.refresh(lambda: done.append("first"))
    assert tab.refresh_worker.is_busy()
    # Changed while the first read runs: that read may have missed it, so a second follows.
    change_status(coordinator, register.ids["isola"], "cease", "Sciolto")
    tab.refresh(lambda: done.append("second"))
    reads: list[object] = []
    tab.refresh_worker.succeeded.connect(reads.append)
    # Both callers hear of it once, after the second read is shown.
    qtbot.waitUntil(lambda: done == ["first", "second"], timeout=10_000)
    assert len(reads) == 2
    assert not tab.refresh_worker.is_busy()
    row = tab.model.row_of(register.ids["isola"])
    assert tab.model.index(row, M.STATUS).data() == "Cessata"
