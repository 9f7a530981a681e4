"""A message strip above the content, for what does not fit the status bar.

The status bar cuts a long message at its width; the strip wraps it. Kinds use the
palette's banner colours and the program's icons; a close button and Esc dismiss it;
an information goes away by itself after a while, a warning or error stays until closed.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from casedesk.ui import palette
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import named

INFO_TIMEOUT_MS = 15_000


class MessageKind(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# kind: (icon purpose, text colour, background, border)
_LOOKS = {
    MessageKind.INFO: ("information", palette.INFO, palette.INFO_BACKGROUND, palette.INFO_BORDER),
    MessageKind.WARNING: (
        "warning",
        palette.WARNING,
        palette.WARNING_BACKGROUND,
        palette.WARNING_BORDER,
    ),
    MessageKind.ERROR: ("error", palette.ERROR, palette.ERROR_BACKGROUND, palette.ERROR_BORDER),
}


class MessageStrip(QFrame):
    """`show_message(text, kind)`; hidden until then."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_strip")
        self.kind = MessageKind.INFO
        self.icon_label = QLabel()
        self.icon_label.setObjectName("message_strip_icon")
        self.text_label = QLabel()
        self.text_label.setObjectName("message_strip_text")
        self.text_label.setAccessibleName(self.tr("Messaggio"))
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = named(
            QToolButton(), "message_strip_close", self.tr("Chiudi il messaggio")
        )
        self.close_button.setIcon(icon("close"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Chiudi il messaggio (Esc)"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        # Esc anywhere in the window while the strip shows (a hidden strip's shortcut is off).
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.activated.connect(self.dismiss)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.dismiss)
        self.hide()

    def show_message(self, text: str, kind: MessageKind = MessageKind.INFO) -> None:
        self.kind = kind
        purpose, color, background, border = _LOOKS[kind]
        size = self.fontMetrics().height() + 4
        self.icon_label.setPixmap(icon(purpose, color=color).pixmap(size, size))
        self.setStyleSheet(palette.banner_style("message_strip", background, border))
        self.text_label.setText(text)
        self.show()
        if kind is MessageKind.INFO:
            self.timer.start(INFO_TIMEOUT_MS)
        else:
            self.timer.stop()

    def above(self, content: QWidget) -> QWidget:
        """A page with the strip above `content` (for a window's central widget)."""
        page = QWidget()
        page.setObjectName("message_strip_page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self)
        layout.addWidget(content, 1)
        return page

    def text(self) -> str:
        return self.text_label.text()

    def dismiss(self) -> None:
        self.timer.stop()
        self.hide()
