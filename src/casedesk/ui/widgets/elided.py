"""Cut cells show their whole text on hover.

A view elides a text wider than its cell («Associazione Ortinsiem…»). The
`ElidedToolTipDelegate` shows the full text as a tooltip only when the cell is cut;
a cell that fits keeps its model's own tooltip, if any.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex


def text_room(option: QStyleOptionViewItem, index: _Index, widget: QWidget | None) -> int:
    """The width, in pixels, that the cell `index` drawn with `option` gives its text."""
    delegate = QStyledItemDelegate()
    full = QStyleOptionViewItem(option)
    delegate.initStyleOption(full, index)
    style = widget.style() if widget is not None else full.widget.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, full, widget)
    # Qt's item views draw the text inside the rectangle less a margin on each side.
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return rect.width() - 2 * margin


def is_elided(view: QAbstractItemView, index: _Index) -> bool:
    """True when the view cuts the text of `index` at its current width (elided, or
    running past the visible part of the view)."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text:
        return False
    option = QStyleOptionViewItem()
    option.initFrom(view)
    rect = view.visualRect(index)
    visible = view.viewport().rect()
    # Only the horizontal extent matters: a row scrolled out of sight is not cut.
    left, right = max(rect.left(), visible.left()), min(rect.right(), visible.right())
    rect.setLeft(left)
    rect.setRight(max(right, left))
    option.rect = rect
    size = view.iconSize()
    if size.isValid():
        option.decorationSize = size
    font = index.data(Qt.ItemDataRole.FontRole)
    option.font = font if isinstance(font, QFont) else view.font()
    needed = QFontMetrics(option.font).horizontalAdvance(text)
    return needed > text_room(option, index, view)


class ElidedToolTipDelegate(QStyledItemDelegate):
    """Install on a view (`view.setItemDelegate(ElidedToolTipDelegate(view))`)."""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        if not is_elided(view, index):
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), self.tooltip_for(view, index), view)
        return True

    def tooltip_for(self, view: QAbstractItemView, index: _Index) -> str:
        """What hovering `index` would show (for tests and screen readers)."""
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        own_text = own if isinstance(own, str) else ""
        if not is_elided(view, index):
            return own_text
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        if own_text and text in own_text:
            return own_text
        return "\n".join(part for part in (text, own_text) if part)


def width_for_texts(view: QAbstractItemView, texts: Iterable[str]) -> int:
    """How wide a one-column list `view` must be to show every one of `texts` uncut:
    the widest text plus the cell's margins, the frame and a vertical scroll bar."""
    metrics = QFontMetrics(view.font())
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    scroll_bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    return widest + 2 * margin + 2 * view.frameWidth() + scroll_bar + 4
