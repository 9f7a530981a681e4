"""Printing: the system's printer dialog, and lists printed from HTML.

`choose_printer` opens the printer dialog (tests replace `QPrintDialog.exec`, which
may point the printer at a PDF file); `print_html` lays an HTML text out on pages
with QTextDocument, which numbers the pages itself.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def new_printer() -> QPrinter:
    """A high-resolution printer set to A4 portrait (the dialog may change it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def choose_printer(
    parent: QWidget | None, title: str, pages: int | None = None, document_name: str = ""
) -> QPrinter | None:
    """The printer the desk chose in the system dialog, or None if it cancelled.

    `pages`: how many pages there are, so that the dialog offers a page range.
    """
    printer = new_printer()
    if document_name:
        printer.setDocName(document_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("print_dialog")
    dialog.setWindowTitle(title)
    if pages:
        dialog.setMinMax(1, pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return printer if accepted else None


def html_document(body: str, title: str = "") -> QTextDocument:
    """An HTML text as a QTextDocument ready to print (10 pt, the program's font)."""
    document = QTextDocument()
    font = QFont(QApplication.font())
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    if title:
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.setHtml(body)
    return document


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Lay `document` out on the printer's pages and print it, numbering the pages.

    QTextDocument adds 2 cm margins of its own around the printer's page rectangle,
    so the printer's margins are set to nothing (a printer keeps its own minimum)."""
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    document.print_(printer)


def print_html(parent: QWidget | None, body: str, title: str) -> bool:
    """Ask for a printer and print `body`; False if the desk cancelled."""
    printer = choose_printer(parent, title, document_name=title)
    if printer is None:
        return False
    print_document(html_document(body, title), printer)
    return True


def html_table(
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    footer: str = "",
) -> str:
    """A plain printable table; every text is escaped (names may hold < > &)."""
    esc = html.escape
    head = "".join(
        f'<th align="left" style="border-bottom: 1px solid #000; padding: 4px;">{esc(h)}</th>'
        for h in headers
    )
    body = "".join(
        "<tr>"
        + "".join(
            '<td valign="top" style="border-bottom: 1px solid #999; padding: 4px;">'
            + esc(cell).replace("\n", "<br>")
            + "</td>"
            for cell in row
        )
        + "</tr>"
        for row in rows
    )
    parts = [
        f'<h2 style="margin-bottom: 2px;">{esc(title)}</h2>',
        f'<p style="margin-top: 0; color: #444;">{esc(subtitle)}</p>' if subtitle else "",
        f'<table width="100%" cellspacing="0" cellpadding="4"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>",
        f"<p>{esc(footer)}</p>" if footer else "",
    ]
    return "".join(parts)
