"""The associations directory (catalogo delle associazioni): a booklet for citizens.

The enrolled associations grouped by sector, each with its description, whether it
looks for volunteers, and the names of its contact persons who meet citizens. Citizens
book an appointment through the desk: the only phone number and e-mail printed are
the house's.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import HRFlowable

from casedesk.domain.directory import DirectoryEntry, group_by_sector
from casedesk.domain.receipt import ReceiptHouse
from casedesk.reports.fonts import BOLD, REGULAR, markup, register_fonts
from casedesk.reports.layout import (
    ACCENT,
    FRAME_WIDTH,
    HIGHLIGHT_FILL,
    HIGHLIGHT_INK,
    LABEL_FILL,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    Logo,
    Styles,
    canvas_maker,
    draw_footer,
    draw_running_header,
    house_contacts,
    it_date,
    load_logo,
    para,
    table_style,
)

TITLE = "Catalogo delle associazioni"
SEEKING_VOLUNTEERS = "Cerca volontari"
BOOK_THROUGH_DESK = "per un appuntamento rivolgiti alla segreteria della Casa"
NO_ASSOCIATIONS = "Nessuna associazione è ancora iscritta alla Casa."
DEFAULT_HOUSE = "Casa delle associazioni e del volontariato"

_cover_title = Styles.title.clone(
    "cover_title", fontSize=24, leading=29, alignment=0, spaceBefore=0, spaceAfter=0
)
_cover_house = Styles.house_name.clone("cover_house", fontSize=13, leading=16)
_sector = Styles.heading.clone(
    "sector",
    fontSize=12,
    leading=15,
    textColor=colors.white,
    backColor=ACCENT,
    borderPadding=(4, 6, 5, 6),
    leftIndent=6,
    rightIndent=6,
    spaceBefore=8 * mm,
    spaceAfter=4 * mm,
)
_entry_name = Styles.value_bold.clone("entry_name", fontSize=11, leading=14, textColor=ACCENT)
_entry_text = Styles.body_justified.clone("entry_text", spaceBefore=1.5 * mm)
_entry_contacts = Styles.body.clone(
    "entry_contacts", fontSize=9, leading=12, textColor=MUTED, spaceBefore=1.5 * mm
)


def render_directory(house: ReceiptHouse, entries: list[DirectoryEntry], printed_on: date) -> bytes:
    """The booklet as PDF bytes, dated `printed_on` (also the file's creation date)."""
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
        subject=f"{TITLE} iscritte alla {house_name}, aggiornato al {it_date(printed_on)}",
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
    contacts = house_contacts(house.phone, house.email)

    def later_page(canvas: Canvas, _doc: Any) -> None:
        draw_running_header(canvas, house_name, f"{TITLE} — {it_date(printed_on)}")

    footer = f"Segreteria della Casa: {contacts}" if contacts else house_name

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        draw_footer(canvas, footer, f"Pagina {page} di {total}")

    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[frame], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame], onPage=later_page),
        ]
    )
    doc.build(
        _story(house, house_name, entries, printed_on),
        canvasmaker=canvas_maker(decorate, created=printed_on),
    )
    return buffer.getvalue()


def _story(
    house: ReceiptHouse, house_name: str, entries: list[DirectoryEntry], printed_on: date
) -> list[Flowable]:
    story: list[Flowable] = [*_cover(house, house_name, printed_on)]
    groups = group_by_sector(entries)
    if not groups:
        story.append(Spacer(1, 12 * mm))
        story.append(para(NO_ASSOCIATIONS, Styles.body.clone("empty", fontSize=11, leading=15)))
        story.append(Spacer(1, 2 * mm))
        story.append(
            Paragraph(
                "Per conoscere le associazioni che frequentano la Casa e i servizi offerti, "
                "rivolgiti alla segreteria.",
                Styles.body,
            )
        )
        return story
    for sector, sector_entries in groups:
        story.append(CondPageBreak(45 * mm))
        heading = para(_sector_title(sector), _sector)
        heading.keepWithNext = True
        story.append(heading)
        for index, entry in enumerate(sector_entries):
            if index:
                story.append(
                    HRFlowable(
                        width="100%",
                        thickness=0.4,
                        color=RULE,
                        spaceBefore=3 * mm,
                        spaceAfter=3 * mm,
                    )
                )
            story.append(_entry(entry))
    return story


def _sector_title(sector: str) -> str:
    """«sociale» -> «Sociale» (sectors are configured in lower case, as in running text)."""
    sector = sector.strip()
    return sector[:1].upper() + sector[1:] if sector[:1].islower() else sector


def _cover(house: ReceiptHouse, house_name: str, printed_on: date) -> list[Flowable]:
    lines: list[Flowable] = [para(house_name, _cover_house)]
    if house.address.strip():
        lines.append(para(house.address, Styles.house_line, multiline=True))
    contacts = house_contacts(house.phone, house.email)
    if contacts:
        lines.append(para(contacts, Styles.house_line))
    lines.append(Spacer(1, 2 * mm))
    lines.append(para(f"Aggiornato al {it_date(printed_on)}", Styles.muted))
    logo = load_logo(house.logo_path)
    if logo is not None:
        image = Logo(logo, 38 * mm, 26 * mm)
        cells: list[Any] = [[lines, image]]
        widths = [FRAME_WIDTH - image.width - 6 * mm, image.width + 6 * mm]
    else:
        cells = [[lines]]
        widths = [FRAME_WIDTH]
    header = Table(cells, colWidths=widths)
    header.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (-1, 0), (-1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    how_to = (
        "Le associazioni di questo catalogo sono iscritte alla Casa e vi svolgono le loro "
        "attività. Per incontrare un referente di un'associazione, o per offrirti come "
        "volontario, rivolgiti alla segreteria della Casa"
        + (f" ({markup(contacts)})" if contacts else "")
        + ": fisserà per te un appuntamento."
    )
    intro = Table([[Paragraph(how_to, Styles.body_justified)]], colWidths=[FRAME_WIDTH])
    intro.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), LABEL_FILL),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return [
        para(TITLE, _cover_title),
        Spacer(1, 3 * mm),
        header,
        Spacer(1, 4 * mm),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceAfter=4 * mm),
        intro,
    ]


def _entry(entry: DirectoryEntry) -> Flowable:
    name = markup(entry.name, bold=True)
    if entry.seeking_volunteers:
        name += (
            f'&nbsp;&nbsp;<font name="{BOLD}" size="8.5" color="{HIGHLIGHT_INK.hexval()}" '
            f'backColor="{HIGHLIGHT_FILL.hexval()}">&nbsp;{SEEKING_VOLUNTEERS}&nbsp;</font>'
        )
    parts: list[Flowable] = [Paragraph(name, _entry_name)]
    if entry.description.strip():
        parts.append(para(entry.description, _entry_text, multiline=True))
    contacts = [c.strip() for c in entry.contacts if c.strip()]
    if contacts:
        who = ", ".join(markup(c) for c in contacts)
        label = "Referente" if len(contacts) == 1 else "Referenti"
        text = f"<b>{label}:</b> {who} — {BOOK_THROUGH_DESK}."
    else:
        text = "Per informazioni e appuntamenti rivolgiti alla segreteria della Casa."
    parts.append(Paragraph(text, _entry_contacts))
    return KeepTogether(parts)
