"""The «Associazioni» tab of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from casedesk.services.context import ServiceContext
from casedesk.ui.widgets.placeholder import add_placeholder


class AssociationsTab(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("associations_tab")
        self.placeholder = add_placeholder(
            self,
            self.tr(
                "Qui comparirà il registro delle associazioni: ricerca, schede e importazione."
            ),
        )
