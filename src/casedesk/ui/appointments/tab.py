"""The «Appuntamenti» tab of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from casedesk.services.context import ServiceContext
from casedesk.ui.tab import MainTab
from casedesk.ui.widgets.placeholder import add_placeholder


class AppointmentsTab(MainTab):
    """A placeholder that keeps the tab contract: no actions yet."""

    key = "appointments"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("appointments_tab")
        self.placeholder = add_placeholder(
            self,
            self.tr(
                "Qui compariranno gli appuntamenti tra cittadini e associazioni, con il loro esito."
            ),
        )
