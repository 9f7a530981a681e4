"""The register as printed from the «Associazioni» tab: the list as filtered on screen.

A table, one line per association (name, legal form, status, tax code, contact
person and phone), under a title that says which house, when, and which filter; the
column headings repeat on every page, long names wrap, every page is numbered.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.flowables import HRFlowable

from casedesk.domain.enums import AssociationStatus
from casedesk.domain.receipt import ReceiptHouse
from casedesk.domain.register_list import RegisterLine
from casedesk.reports.fonts import REGULAR, register_fonts, text_width
from casedesk.reports.layout import (
    ACCENT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    ZEBRA_FILL,
    Styles,
    canvas_maker,
    draw_footer,
    draw_running_header,
    it_date,
    para,
    table_style,
)

TITLE = "Elenco delle associazioni"
DEFAULT_HOUSE = "Casa delle associazioni e del volontariato"
NO_ASSOCIATIONS = "Nessuna associazione corrisponde ai filtri scelti."
HEADINGS = (
    "Denominazione",
    "Forma giuridica",
    "Stato",
    "Codice fiscale",
    "Referente",
    "Telefono",
)
_PADDING = 3  # points, each side of a cell

_title = Styles.title.clone("register_title", alignment=0, spaceAfter=1 * mm)
_cell = Styles.body.clone("register_cell", fontSize=8.5, leading=10.5)
_cell_name = Styles.value_bold.clone("register_name", fontSize=8.5, leading=10.5)
_head = Styles.table_head.clone("register_head", fontSize=8, leading=10)


def render_register(
    house: ReceiptHouse,
    lines: Sequence[RegisterLine],
    filter_text: str,
    printed_on: date,
) -> bytes:
    """The list as PDF bytes, `lines` in the order given (the screen's)."""
    register_fonts()
    house_name = house.name.strip() or DEFAULT_HOUSE
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{TITLE} — {house_name}",
        author=house_name,
        subject=f"{TITLE} al {it_date(printed_on)}: {filter_text}",
        creator="CaseDesk",
        producer="CaseDesk (ReportLab)",
        invariant=1,
        initialFontName=REGULAR,
        lang="it-IT",
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )

    def later_page(canvas: Canvas, _doc: Any) -> None:
        draw_running_header(canvas, house_name, f"{TITLE} al {it_date(printed_on)}")

    # The house's name only: with its contacts a long name would be cut with «…».
    def decorate(canvas: Canvas, page: int, total: int) -> None:
        draw_footer(canvas, house_name, f"Pagina {page} di {total}")

    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[frame], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame], onPage=later_page),
        ]
    )
    story = _story(house_name, house, lines, filter_text, printed_on)
    doc.build(story, canvasmaker=canvas_maker(decorate))
    return buffer.getvalue()


def _count(n: int) -> str:
    return "1 associazione" if n == 1 else f"{n:,} associazioni".replace(",", ".")


def _story(
    house_name: str,
    house: ReceiptHouse,
    lines: Sequence[RegisterLine],
    filter_text: str,
    printed_on: date,
) -> list[Flowable]:
    story: list[Flowable] = [
        para(TITLE, _title),
        para(house_name, Styles.house_name),
    ]
    if house.address.strip():
        story.append(para(house.address, Styles.house_line, multiline=True))
    story += [
        Spacer(1, 2 * mm),
        para(f"Situazione al {it_date(printed_on)} · {_count(len(lines))}", Styles.body),
        para(filter_text, Styles.muted),
        HRFlowable(
            width="100%", thickness=1.2, color=ACCENT, spaceBefore=2 * mm, spaceAfter=3 * mm
        ),
    ]
    if not lines:
        story.append(para(NO_ASSOCIATIONS, Styles.body))
        return story
    story.append(_table(lines))
    return story


def _column_widths() -> list[float]:
    """Status, tax code and phone as wide as their usual texts (a status never wraps; a
    16-character personal tax code or a long phone number may); the name, the legal form
    and the contact person share the rest, the name the most."""

    def fit(heading: str, *samples: str) -> float:
        widest = max(
            text_width(heading, _head.fontSize, bold=True),
            *(text_width(text, _cell.fontSize) for text in samples),
        )
        return widest + 2 * _PADDING + 1

    status = fit(HEADINGS[2], *(s.label for s in AssociationStatus))
    tax_code = fit(HEADINGS[3], "00000000000")
    phone = fit(HEADINGS[5], "+39 02 0000 0000")  # as the services store numbers
    rest = FRAME_WIDTH - status - tax_code - phone
    return [rest * 0.45, rest * 0.28, status, tax_code, rest * 0.27, phone]


def _table(lines: Sequence[RegisterLine]) -> LongTable:
    head = [para(text, _head) for text in HEADINGS]
    body = [
        [
            para(line.name, _cell_name),
            para(line.legal_form.label, _cell),
            para(line.status.label, _cell),
            para(line.tax_code, _cell),
            para(line.contact_person, _cell),
            para(line.phone, _cell),
        ]
        for line in lines
    ]
    widths = _column_widths()
    # LongTable: splitting page after page stays linear (a Table re-measures the rest).
    table = LongTable([head, *body], colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    commands += [
        ("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL) for row in range(2, len(body) + 1, 2)
    ]
    table.setStyle(table_style(commands))
    return table
