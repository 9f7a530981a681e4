"""At 1366×768, the smallest screen at the desks, no demo association's name is cut in
either tab's list (the register and the Documenti list); a cut cell shows its full text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView

from casedesk.domain.signin import SignInThrottle
from casedesk.services.auth import sign_in
from casedesk.services.demo import fill_demo
from casedesk.ui.associations.model import AssociationsTableModel
from casedesk.ui.main_window import MainWindow
from casedesk.ui.widgets.elided import ElidedToolTipDelegate, is_elided

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def demo_window(ctx, qtbot) -> MainWindow:
    credentials = fill_demo(ctx, associations=40)
    first = credentials[0]
    operator = sign_in(ctx, SignInThrottle(), first.username, first.password)
    window = MainWindow(ctx.signed_in(operator))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def names(view: QAbstractItemView, column: int) -> list[QModelIndex]:
    model = view.model()
    return [model.index(row, column) for row in range(model.rowCount())]


def text_width(view: QAbstractItemView, index: QModelIndex) -> int:
    return QFontMetrics(view.font()).horizontalAdvance(index.data())


def test_no_demo_name_is_cut_in_the_register(demo_window) -> None:
    table = demo_window.tabs.tab("associations").table
    cells = names(table, AssociationsTableModel.NAME)
    assert len(cells) == 40
    cut = [i.data() for i in cells if is_elided(table, i)]
    assert cut == []
    # The measure means something: the widest name nearly fills its column.
    widest = max(text_width(table, i) for i in cells)
    assert widest > table.columnWidth(AssociationsTableModel.NAME) // 2


def test_no_demo_name_is_cut_in_the_documents_list(demo_window, qtbot) -> None:
    demo_window.tabs.setCurrentIndex(1)
    tab = demo_window.tabs.tab("documents")
    # Built when first shown, the tab reads its list off the UI thread.
    qtbot.waitUntil(lambda: tab._list_loaded and not tab.list_worker.is_busy())
    view = tab.picker.list
    cells = names(view, 0)
    assert len(cells) == 40
    assert [i.data() for i in cells if is_elided(view, i)] == []


def test_a_cut_name_shows_whole_on_hover(demo_window) -> None:
    table = demo_window.tabs.tab("associations").table
    delegate = table.itemDelegate()
    assert isinstance(delegate, ElidedToolTipDelegate)
    index = max(names(table, AssociationsTableModel.NAME), key=lambda i: text_width(table, i))
    assert not is_elided(table, index)
    header = table.horizontalHeader()
    header.setSectionResizeMode(AssociationsTableModel.NAME, header.ResizeMode.Interactive)
    table.setColumnWidth(AssociationsTableModel.NAME, 60)
    assert is_elided(table, index)
    assert index.data() in delegate.tooltip_for(table, index)
