"""«Informazioni su CaseDesk»: version, house, where the data and the log are."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

import casedesk
from casedesk.services.context import ServiceContext
from casedesk.services.errors import NotFound
from casedesk.services.house import get_house
from casedesk.ui.icons import icon
from casedesk.ui.widgets.database import describe_database
from casedesk.ui.widgets.forms import fit_to_contents, named


class AboutDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("Informazioni su CaseDesk"))
        try:
            house = get_house(ctx).name
        except NotFound:
            house = ""
        rows = [
            (self.tr("Versione"), casedesk.__version__),
            (self.tr("Casa"), house),
            (self.tr("Database"), describe_database(ctx.db.url)),
            (self.tr("Cartella dei dati"), str(ctx.settings.data_dir)),
            (self.tr("Registro degli errori"), str(ctx.settings.log_file)),
        ]
        table = "".join(
            f"<tr><td style='padding-right:12px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
            for k, v in rows
            if v
        )
        text = (
            f"<h2>CaseDesk {escape(casedesk.__version__)}</h2>"
            f"<p>{escape(self.tr('Lo sportello delle Case delle associazioni e del volontariato del Comune di Milano.'))}</p>"
            f"<table>{table}</table>"
        )
        label = QLabel(text)
        label.setObjectName("about_text")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        body = QHBoxLayout()
        body.addWidget(logo)
        body.addWidget(label, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("&Chiudi"))
        named(close, "close_button", self.tr("Chiudi"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        fit_to_contents(self)
        self.text = label.text()
