"""The message strip: wraps what the status bar would cut; kinds; closing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from casedesk.ui import palette
from casedesk.ui.widgets.message_strip import MessageKind, MessageStrip


def test_kinds_colours_and_timer(qtbot) -> None:
    content = QLabel("contenuto")
    strip = MessageStrip()
    page = strip.above(content)
    qtbot.addWidget(page)
    page.resize(400, 200)
    page.show()
    assert not strip.isVisible()
    long = "Permesso negato: impossibile scrivere nella cartella «/srv/casa/ricevute/2026». " * 2
    for kind, background, timed in (
        (MessageKind.INFO, palette.INFO_BACKGROUND, True),
        (MessageKind.WARNING, palette.WARNING_BACKGROUND, False),
        (MessageKind.ERROR, palette.ERROR_BACKGROUND, False),
    ):
        strip.show_message(long, kind)
        assert strip.isVisible() and strip.text() == long
        assert background in strip.styleSheet()
        assert strip.timer.isActive() is timed
        assert not strip.icon_label.pixmap().isNull()
    # Wrapped, not cut: the label is taller than one line at this width.
    assert strip.text_label.wordWrap()
    assert strip.text_label.heightForWidth(300) > strip.fontMetrics().height() * 1.5
    strip.close_button.click()
    assert not strip.isVisible() and not strip.timer.isActive()
    assert isinstance(page, QWidget) and content.isVisible()
