"""The enrollment receipt (ricevuta di iscrizione): A4, Italian, from the frozen snapshot.

`render_receipt(snapshot)` is the original; `render_receipt(snapshot, duplicate_on=day)`
is a reprint of the same snapshot, marked DUPLICATO with the reprint date. The same
input gives the same bytes (ReportLab's invariant mode), so tests and archives can
compare files; the file's creation date is the receipt's date (a reprint's: the
reprint's), its title the receipt's number and its author the house.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

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

from casedesk.domain.receipt import ReceiptDocument, ReceiptSnapshot
from casedesk.reports.fonts import BOLD, REGULAR, markup, register_fonts
from casedesk.reports.layout import (
    ACCENT,
    DUPLICATE_RED,
    FRAME_WIDTH,
    LABEL_FILL,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    WARNING_FILL,
    WARNING_LINE,
    ZEBRA_FILL,
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
from casedesk.reports.outlines import OutlineError, draw_outline

TITLE = "Ricevuta di iscrizione"
OVERRIDE_LEAD = "Iscrizione disposta dal coordinatore nonostante documenti mancanti:"
OPERATOR_SIGNATURE = "Per la Casa, l'operatore"
REPRESENTATIVE_SIGNATURE = "Per l'associazione, il legale rappresentante"
DUPLICATE = "DUPLICATO"
NONE = "—"


def render_receipt(snapshot: ReceiptSnapshot, *, duplicate_on: date | None = None) -> bytes:
    """The receipt as PDF bytes; with `duplicate_on`, a reprint marked DUPLICATO."""
    register_fonts()
    number = snapshot.number
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{TITLE} {number}" + (f" ({DUPLICATE})" if duplicate_on else ""),
        author=snapshot.house.name,
        subject=f"{TITLE} di {snapshot.association.name} alla {snapshot.house.name}",
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
    running_right = f"{TITLE} N. {number}" + (f" — {DUPLICATE}" if duplicate_on else "")

    def later_page(canvas: Canvas, _doc: Any) -> None:
        draw_running_header(canvas, snapshot.house.name, running_right)

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        draw_footer(canvas, f"Ricevuta N. {number} — Pagina {page} di {total}")
        if duplicate_on:
            _draw_watermark(canvas)  # last, over the table fills: translucent

    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[frame], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame], onPage=later_page),
        ]
    )
    # A reprint is a new file, made on the day of the reprint.
    created = duplicate_on or snapshot.enrolled_date
    doc.build(_story(snapshot, duplicate_on), canvasmaker=canvas_maker(decorate, created=created))
    return buffer.getvalue()


# --- the story --------------------------------------------------------------------------


def _story(snapshot: ReceiptSnapshot, duplicate_on: date | None) -> list[Flowable]:
    story: list[Flowable] = [*_house_header(snapshot)]
    story.append(Spacer(1, 2 * mm))
    story.append(_title(duplicate_on))
    story.append(Spacer(1, 2 * mm))
    story.append(_number_and_date(snapshot))
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            "Si attesta l'iscrizione alla "
            + (markup(snapshot.house.name.strip()) or "Casa delle associazioni e del volontariato")
            + f" dell'associazione sotto indicata, con decorrenza dal {it_date(snapshot.enrolled_on)}.",
            Styles.body_justified,
        )
    )

    story.extend(_heading("Associazione"))
    story.append(_association_table(snapshot))

    story.extend(_heading("Documenti consegnati"))
    if snapshot.delivered:
        story.append(_delivered_table(snapshot.delivered))
    else:
        story.append(para("Nessun documento consegnato.", Styles.body))

    if snapshot.not_applicable:
        story.extend(_heading("Documenti non applicabili"))
        story.append(_not_applicable_table(snapshot.not_applicable))

    if snapshot.override_reason.strip():
        story.append(Spacer(1, 4 * mm))
        story.append(_override_box(snapshot.override_reason))

    story.extend(_heading("Servizi della Casa", 40 * mm))
    if snapshot.services_intro.strip():
        story.append(para(snapshot.services_intro, Styles.body_justified, multiline=True))
        story.append(Spacer(1, 1.5 * mm))
    if snapshot.services:
        story.append(_services(snapshot.services))

    story.append(Spacer(1, 5 * mm))
    story.append(KeepTogether([_signatures(snapshot)]))

    if snapshot.privacy_note.strip():
        story.append(Spacer(1, 3 * mm))
        story.append(
            KeepTogether(
                [
                    HRFlowable(width="100%", thickness=0.4, color=RULE, spaceAfter=2 * mm),
                    Paragraph(
                        "<b>Trattamento dei dati personali.</b> "
                        + markup(snapshot.privacy_note, multiline=True),
                        Styles.small,
                    ),
                ]
            )
        )
    return story


def _heading(text: str, room: float = 28 * mm) -> list[Flowable]:
    """A section heading, moved to the next page unless `room` is left below it.

    (Not `keepWithNext`: ReportLab would then move a long table whole to the next page.)
    """
    return [CondPageBreak(room), para(text.upper(), Styles.heading)]


def _house_header(snapshot: ReceiptSnapshot) -> list[Flowable]:
    house = snapshot.house
    lines: list[Flowable] = [
        para(house.name or "Casa delle associazioni e del volontariato", Styles.house_name)
    ]
    if house.address.strip():
        lines.append(para(house.address, Styles.house_line, multiline=True))
    contacts = house_contacts(house.phone, house.email)
    if contacts:
        lines.append(para(contacts, Styles.house_line))
    logo = load_logo(house.logo_path)
    if logo is not None:
        image = Logo(logo, 38 * mm, 20 * mm)
        logo_column = image.width + 6 * mm
        cells: list[Any] = [[image, lines]]
        widths = [logo_column, FRAME_WIDTH - logo_column]
    else:
        cells = [[lines]]
        widths = [FRAME_WIDTH]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 2.5 * mm), HRFlowable(width="100%", thickness=1.2, color=ACCENT)]


def _number_and_date(snapshot: ReceiptSnapshot) -> Flowable:
    operator = snapshot.operator_name.strip()
    table = Table(
        [
            [
                Paragraph(f"<b>N. {markup(snapshot.number, bold=True)}</b>", Styles.left),
                Paragraph(
                    f"Operatore: <b>{markup(operator, bold=True) if operator else NONE}</b>",
                    Styles.centre,
                ),
                Paragraph(f"Data: <b>{it_date(snapshot.enrolled_on)}</b>", Styles.right),
            ]
        ],
        colWidths=[FRAME_WIDTH * 0.25, FRAME_WIDTH * 0.5, FRAME_WIDTH * 0.25],
    )
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), LABEL_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _title(duplicate_on: date | None) -> Flowable:
    """The title, centred; a reprint carries a red DUPLICATO stamp at its right."""
    side = 46 * mm
    stamp: Any = ""
    if duplicate_on:
        stamp = Table(
            [
                [para(DUPLICATE, _stamp_big)],
                [para(f"Ristampa del {it_date(duplicate_on)}", _stamp_small)],
            ],
            colWidths=[side - 2 * mm],
        )
        stamp.setStyle(
            table_style(
                [
                    ("BOX", (0, 0), (-1, -1), 1.4, DUPLICATE_RED),
                    ("TOPPADDING", (0, 0), (-1, 0), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                    ("TOPPADDING", (0, 1), (-1, 1), 0),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 3),
                ]
            )
        )
    table = Table(
        [["", para(TITLE, Styles.title), stamp]],
        colWidths=[side, FRAME_WIDTH - 2 * side, side],
        rowHeights=[_TITLE_ROW],
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


_TITLE_ROW = 11 * mm  # as high as the stamp: an original and its duplicate lay out alike
_stamp_big = Styles.centre.clone(
    "stamp_big", fontName=BOLD, fontSize=12, leading=14, textColor=DUPLICATE_RED
)
_stamp_small = Styles.centre.clone("stamp_small", fontSize=7.5, leading=9, textColor=DUPLICATE_RED)


def _association_table(snapshot: ReceiptSnapshot) -> Flowable:
    association = snapshot.association
    rows: list[tuple[str, str]] = [
        ("Denominazione", association.name),
        ("Forma giuridica", association.legal_form),
        ("Codice fiscale", association.tax_code),
    ]
    if association.runts_section.strip():
        rows.append(("Sezione RUNTS", association.runts_section))
    if association.runts_number.strip():
        rows.append(("Numero di repertorio RUNTS", association.runts_number))
    rows.append(("Sede", association.address))
    rows.append(("Legale rappresentante", association.legal_representative))

    data = []
    for index, (label, value) in enumerate(rows):
        style = Styles.value_bold if index == 0 else Styles.value
        shown = value if value.strip() else NONE
        data.append([para(label, Styles.label), para(shown, style, multiline=True)])
    label_width = 48 * mm
    table = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width], splitInRow=1)
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                # the smaller label font: lower it onto the value's baseline
                ("TOPPADDING", (0, 0), (0, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (0, -1), 2.5),
            ]
        )
    )
    return table


def _list_table(
    header: tuple[str, str], rows: list[list[Flowable]], widths: list[float]
) -> Flowable:
    data: list[list[Any]] = [
        [para(header[0], Styles.table_head), para(header[1], Styles.table_head)]
    ]
    data.extend(rows)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands.extend(
        ("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL) for row in range(2, len(data), 2)
    )
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(table_style(commands))
    return table


def _delivered_table(documents: tuple[ReceiptDocument, ...]) -> Flowable:
    date_width = 32 * mm
    rows = [
        [
            para(document.title, Styles.value),
            para(it_date(document.received_on) or NONE, Styles.value),
        ]
        for document in documents
    ]
    return _list_table(("Documento", "Consegnato il"), rows, [FRAME_WIDTH - date_width, date_width])


def _not_applicable_table(documents: tuple[ReceiptDocument, ...]) -> Flowable:
    title_width = 70 * mm
    rows = [
        [
            para(document.title, Styles.value),
            para(document.not_applicable_reason or NONE, Styles.value, multiline=True),
        ]
        for document in documents
    ]
    return _list_table(("Documento", "Motivo"), rows, [title_width, FRAME_WIDTH - title_width])


def _override_box(reason: str) -> Flowable:
    text = f"<b>{OVERRIDE_LEAD}</b> {markup(reason, multiline=True)}"
    table = Table([[Paragraph(text, Styles.body)]], colWidths=[FRAME_WIDTH], splitInRow=1)
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_FILL),
                ("BOX", (0, 0), (-1, -1), 0.8, WARNING_LINE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, WARNING_LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _services(services: tuple[str, ...]) -> Flowable:
    """The services as a bulleted list in two columns (filled down, then across)."""
    bullets = [para(service, Styles.bullet, bullet="•") for service in services]
    half = (len(bullets) + 1) // 2
    left, right = bullets[:half], bullets[half:]
    rows = [[left[i], right[i] if i < len(right) else ""] for i in range(half)]
    table = Table(rows, colWidths=[FRAME_WIDTH / 2, FRAME_WIDTH / 2], splitInRow=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    return table


def _signatures(snapshot: ReceiptSnapshot) -> Flowable:
    gap = 14 * mm
    column = (FRAME_WIDTH - gap) / 2
    operator = snapshot.operator_name.strip()
    representative = snapshot.association.legal_representative.strip()
    data = [
        [para(OPERATOR_SIGNATURE, Styles.muted), "", para(REPRESENTATIVE_SIGNATURE, Styles.muted)],
        ["", "", ""],
        [
            para(operator, Styles.value) if operator else "",
            "",
            para(representative, Styles.value) if representative else "",
        ],
    ]
    table = Table(data, colWidths=[column, gap, column], rowHeights=[None, 12 * mm, None])
    table.setStyle(
        table_style(
            [
                ("LINEABOVE", (0, 2), (0, 2), 0.6, ACCENT),
                ("LINEABOVE", (2, 2), (2, 2), 0.6, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 2), (-1, 2), 3),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


# --- page decorations -------------------------------------------------------------------


def _draw_watermark(canvas: Canvas) -> None:
    """A light, translucent diagonal DUPLICATO across the page."""
    canvas.saveState()
    canvas.setFillColor(DUPLICATE_RED)
    canvas.setFillAlpha(0.08)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    try:
        # shapes, not text: kept out of the page's text (search, copy, pdftotext)
        draw_outline(canvas, DUPLICATE, BOLD, 96, 0, -34, centred=True)
    except OutlineError:
        canvas.setFont(BOLD, 96)
        canvas.drawCentredString(0, -34, DUPLICATE)
    canvas.restoreState()
