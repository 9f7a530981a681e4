"""The «Calendario sale» tab of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from casedesk.services.context import ServiceContext
from casedesk.ui.tab import MainTab
from casedesk.ui.widgets.placeholder import add_placeholder


class CalendarTab(MainTab):
    """A placeholder that keeps the tab contract: no actions yet."""

    key = "calendar"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("calendar_tab")
        self.placeholder = add_placeholder(
            self,
            self.tr(
                "Qui comparirà il calendario delle sale: prenotazioni, serie e chiusure, settimana per settimana."
            ),
        )
