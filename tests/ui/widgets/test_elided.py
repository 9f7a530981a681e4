"""A cut cell shows its full text on hover; one that fits keeps its model's tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView

from casedesk.ui.widgets.elided import ElidedToolTipDelegate, is_elided, width_for_texts

LONG = "Associazione di promozione sociale Amici del Parco Lampugnano e dintorni"


def make_view(qtbot, width: int, texts: list[str], tip: str = "") -> QListView:
    model = QStandardItemModel()
    for text in texts:
        item = QStandardItem(text)
        if tip:
            item.setToolTip(tip)
        model.appendRow(item)
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(ElidedToolTipDelegate(view))
    qtbot.addWidget(view)
    view.resize(width, 200)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_only_a_cut_cell_gets_its_text_as_tooltip(qtbot) -> None:
    view = make_view(qtbot, 160, [LONG, "Il Faro"])
    delegate = view.itemDelegate()
    long, short = view.model().index(0, 0), view.model().index(1, 0)
    assert is_elided(view, long) and not is_elided(view, short)
    assert delegate.tooltip_for(view, long) == LONG
    assert delegate.tooltip_for(view, short) == ""


def test_the_models_own_tooltip_is_kept(qtbot) -> None:
    view = make_view(qtbot, 160, [LONG, "Il Faro"], tip="Bozza")
    delegate = view.itemDelegate()
    long, short = view.model().index(0, 0), view.model().index(1, 0)
    assert delegate.tooltip_for(view, long) == f"{LONG}\nBozza"
    assert delegate.tooltip_for(view, short) == "Bozza"


def test_width_for_texts_is_enough_and_not_much_more(qtbot) -> None:
    view = make_view(qtbot, 100, [LONG])
    needed = width_for_texts(view, [LONG])
    view.resize(needed, 200)
    assert not is_elided(view, view.model().index(0, 0))
    view.resize(needed - 30, 200)
    assert is_elided(view, view.model().index(0, 0))


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen tooltip
def test_hovering_shows_the_tooltip(qtbot) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    view = make_view(qtbot, 160, [LONG, "Il Faro"])
    for row, expected in ((0, LONG), (1, "")):
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        rect = view.visualRect(view.model().index(row, 0))
        point = rect.center()
        point.setX(20)
        event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
        QApplication.sendEvent(view.viewport(), event)
        assert (QToolTip.text() if QToolTip.isVisible() else "") == expected
