"""The main window's status bar and message strip: who is signed in, which database,
and where a tab's message goes (the bar if it fits, the strip above the content if not)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from casedesk.domain.operators import OperatorInfo
from casedesk.ui.widgets.message_strip import MessageKind, MessageStrip

STATUS_TIMEOUT_MS = 8000


class StatusArea(QObject):
    def __init__(
        self, window: QMainWindow, operator: OperatorInfo, database: str, strip: MessageStrip
    ) -> None:
        super().__init__(window)
        self.bar = window.statusBar()
        self.bar.setObjectName("status_bar")
        self.strip = strip
        self.operator_label = QLabel(
            self.tr("Operatore: {name} ({role})").format(
                name=operator.full_name, role=operator.role.label.lower()
            )
        )
        self.operator_label.setObjectName("operator_label")
        self.database_label = QLabel(self.tr("Database: {where}").format(where=database))
        self.database_label.setObjectName("database_label")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.operator_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
            # Permanent: temporary messages appear on the left, beside them.
            self.bar.addPermanentWidget(label)

    def room(self) -> int:
        """The width left for a temporary message beside the permanent labels."""
        used = sum(w.width() for w in (self.operator_label, self.database_label) if w.isVisible())
        return self.bar.width() - used - 40

    def show_message(self, text: str, kind: object = MessageKind.INFO) -> None:
        """A short information in the status bar; anything longer, or a warning, in the strip."""
        fits = self.bar.fontMetrics().horizontalAdvance(text) <= self.room()
        if kind in (MessageKind.INFO, None) and fits:
            self.bar.showMessage(text, STATUS_TIMEOUT_MS)
            return
        self.bar.clearMessage()
        self.strip.show_message(text, kind if isinstance(kind, MessageKind) else MessageKind.INFO)
