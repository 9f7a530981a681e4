"""What the printed documents share: page, colours, paragraph styles, page numbers, logo."""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, TableStyle

from casedesk.reports.fonts import BOLD, REGULAR, clean, draw_text, fit_text, markup, text_width

# ReportLab wraps every binary stream in ASCII85 by default (7-bit-clean files, a
# concern of the 1990s): files 25 % bigger and, without ReportLab's C accelerator,
# several milliseconds slower per document. Plain binary streams are valid PDF.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3a5f")  # a sober institutional blue
MUTED = colors.HexColor("#5a6270")
RULE = colors.HexColor("#b8c0cc")
LABEL_FILL = colors.HexColor("#eef1f5")
ZEBRA_FILL = colors.HexColor("#f6f8fa")
WARNING_FILL = colors.HexColor("#fff4e0")
WARNING_LINE = colors.HexColor("#c77c00")
DUPLICATE_RED = colors.HexColor("#b3261e")
HIGHLIGHT_FILL = colors.HexColor("#e3f1e5")
HIGHLIGHT_INK = colors.HexColor("#1e6b34")


def _style(name: str, **kwargs: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": REGULAR,
        "fontSize": 9.5,
        "leading": 12.5,
        "textColor": INK,
        "bulletFontName": REGULAR,
        "splitLongWords": 1,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)


class Styles:
    body = _style("body")
    body_justified = _style("body_justified", alignment=4)
    small = _style("small", fontSize=7.5, leading=9.5, textColor=MUTED, alignment=4)
    muted = _style("muted", fontSize=8.5, leading=11, textColor=MUTED)
    label = _style("label", fontSize=8.5, leading=12.5, textColor=MUTED)
    value = _style("value", fontSize=9.5, leading=12.5)
    value_bold = _style("value_bold", fontName=BOLD, fontSize=10, leading=13)
    table_head = _style(
        "table_head", fontName=BOLD, fontSize=8.5, leading=11, textColor=colors.white
    )
    house_name = _style("house_name", fontName=BOLD, fontSize=12, leading=15, textColor=ACCENT)
    house_line = _style("house_line", fontSize=9, leading=12, textColor=MUTED)
    title = _style(
        "title",
        fontName=BOLD,
        fontSize=18,
        leading=22,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )
    heading = _style(
        "heading",
        fontName=BOLD,
        fontSize=10.5,
        leading=13,
        textColor=ACCENT,
        spaceBefore=3.3 * mm,
        spaceAfter=1.8 * mm,
    )
    bullet = _style("bullet", leftIndent=13, bulletIndent=3, spaceAfter=1)
    left = _style("left", alignment=TA_LEFT)
    right = _style("right", alignment=TA_RIGHT)
    centre = _style("centre", alignment=TA_CENTER)


def para(
    text: str,
    style: ParagraphStyle,
    *,
    bold: bool = False,
    multiline: bool = False,
    bullet: str | None = None,
) -> Flowable:
    """A paragraph of user text (escaped, with font fallback)."""
    return TextBlock(text, style, bold=bold, multiline=multiline, bullet=bullet)


class TextBlock(Flowable):
    """Plain text in a paragraph style, as `Paragraph(markup(text))` would show it.

    Most values on a receipt fit on one line: those are drawn directly (no markup
    parsing, no line breaking), which is several times cheaper than a `Paragraph`;
    the others become a real `Paragraph` when laid out.
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        bold: bool = False,
        multiline: bool = False,
        bullet: str | None = None,
    ) -> None:
        super().__init__()
        self.text = clean(text)
        self.style = style
        self.bold = bold or style.fontName == BOLD
        self.multiline = multiline
        self.bullet = bullet
        self._paragraph: Paragraph | None = None
        # background, border: Paragraph draws those
        self._single = "\n" not in self.text and not (style.backColor or style.borderWidth)
        self._text_width = (
            text_width(self.text, style.fontSize, bold=self.bold) if self._single else 0.0
        )

    def paragraph(self) -> Paragraph:
        if self._paragraph is None:
            body = markup(self.text, bold=self.bold, multiline=self.multiline)
            if self.bold and self.style.fontName != BOLD:
                body = f"<b>{body}</b>"
            self._paragraph = Paragraph(body, self.style, bulletText=self.bullet)
        return self._paragraph

    def _fits(self, available_width: float) -> bool:
        style = self.style
        room = available_width - style.leftIndent - style.rightIndent
        return self._paragraph is None and self._single and self._text_width <= room

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._fits(available_width):
            self.width, self.height = available_width, self.style.leading
            return self.width, self.height
        self.width, self.height = self.paragraph().wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._fits(available_width):
            return []
        return self.paragraph().split(available_width, available_height)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(canvas, x, y, _sW)
            return
        # Drawn in place, without the translation Flowable.drawOn would add: text blocks
        # are the bulk of a receipt, and every operator counts.
        x = self._hAlignAdjust(x, _sW)
        style = self.style
        baseline = y + self.height - style.fontSize
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.bulletFontSize or style.fontSize)
            canvas.drawString(x + style.bulletIndent, baseline, self.bullet)
        left = x + style.leftIndent
        right = x + self.width - style.rightIndent
        size = style.fontSize
        if style.alignment == TA_CENTER:
            draw_text(
                canvas,
                (left + right) / 2,
                baseline,
                self.text,
                size,
                bold=self.bold,
                align="centre",
            )
        elif style.alignment == TA_RIGHT:
            draw_text(canvas, right, baseline, self.text, size, bold=self.bold, align="right")
        else:
            draw_text(canvas, left, baseline, self.text, size, bold=self.bold)
        canvas.restoreState()

    def draw(self) -> None:  # only reached through Flowable.drawOn (not used above)
        self.drawOn(self.canv, 0, 0)


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells use the embedded font (not Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def it_date(value: date | str) -> str:
    """dd/mm/yyyy; an ISO string that is not a date is printed as it is."""
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def house_contacts(phone: str, email: str) -> str:
    parts = []
    if phone.strip():
        parts.append(f"Tel. {phone.strip()}")
    if email.strip():
        parts.append(f"Email {email.strip()}")
    return " · ".join(parts)


# --- page numbers: "Pagina X di Y" needs Y, known only once every page is laid out ----


PageDecorator = Callable[[Canvas, int, int], None]


class NumberedCanvas(Canvas):
    """Keeps each page until the end, then draws `decorate(canvas, page, total)` on each.

    With `created`, the file's creation (and modification) date is that day.
    """

    def __init__(
        self, *args: Any, decorate: PageDecorator, created: date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._page_states: list[dict[str, Any]] = []
        if created is not None:
            self.setDateFormatter(pdf_date_formatter(created))

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


def canvas_maker(
    decorate: PageDecorator, *, created: date | None = None
) -> Callable[..., NumberedCanvas]:
    return functools.partial(NumberedCanvas, decorate=decorate, created=created)


def pdf_date_formatter(day: date) -> Callable[..., str]:
    """A ReportLab date formatter that writes `day` as the PDF date "D:YYYYMMDD".

    Documents are made in ReportLab's invariant mode (the same data gives the same
    bytes), whose clock is stopped at 1 January 2000; the document's own day, from
    its data, replaces it. The day alone: the PDF date format lets the time of day
    go unsaid, and the data does not know it.
    """
    text = f"D:{day.year:04d}{day.month:02d}{day.day:02d}"

    def formatter(*_ignored: int) -> str:
        return text

    return formatter


def draw_footer(canvas: Canvas, text: str, right: str | None = None) -> None:
    """The footer: `text` centred; with `right`, `text` at the left (cut with "…" if too
    long) and `right` (the page number, never cut) at the right."""
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    y = MARGIN_BOTTOM - 9.5 * mm
    canvas.line(MARGIN_X, y + 4 * mm, PAGE_WIDTH - MARGIN_X, y + 4 * mm)
    canvas.setFillColor(MUTED)
    if right is None:
        draw_text(canvas, PAGE_WIDTH / 2, y, fit_text(text, 8, FRAME_WIDTH), 8, align="centre")
    else:
        right_width = text_width(right, 8)
        draw_text(canvas, PAGE_WIDTH - MARGIN_X, y, right, 8, align="right")
        left = fit_text(text, 8, FRAME_WIDTH - right_width - 8 * mm)
        draw_text(canvas, MARGIN_X, y, left, 8)
    canvas.restoreState()


def draw_running_header(canvas: Canvas, left: str, right: str) -> None:
    """The thin header of the pages after the first."""
    canvas.saveState()
    y = PAGE_HEIGHT - MARGIN_TOP + 5 * mm
    canvas.setFillColor(MUTED)
    right_width = min(FRAME_WIDTH * 0.5, 80 * mm)
    right = fit_text(right, 8, right_width)
    used = text_width(right, 8)
    draw_text(canvas, PAGE_WIDTH - MARGIN_X, y, right, 8, align="right")
    draw_text(canvas, MARGIN_X, y, fit_text(left, 8, FRAME_WIDTH - used - 8 * mm), 8, bold=True)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y - 2 * mm, PAGE_WIDTH - MARGIN_X, y - 2 * mm)
    canvas.restoreState()


# --- the house logo -------------------------------------------------------------------

_LOGO_MAX_PIXELS = 400  # 40 mm at 250 dpi: plenty for print; bigger logos are scaled down once


def load_logo(path: str | None) -> ImageReader | None:
    """The logo as an image ready to draw, or None if unset, missing or not an image.

    Cached by path, modification time and size: read and scaled once, not per receipt.
    """
    if not path:
        return None
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return _load_logo(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_logo(path: str, mtime_ns: int, size: int) -> ImageReader | None:
    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as opened:
            opened.load()
            image = opened.convert("RGBA")
        image.thumbnail((_LOGO_MAX_PIXELS, _LOGO_MAX_PIXELS), PILImage.Resampling.LANCZOS)
        # Flattened onto the white page and kept as JPEG: ReportLab embeds JPEG data as it
        # is, where a PNG would be decoded and compressed again for every document.
        flat = PILImage.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        buffer = io.BytesIO()
        flat.save(buffer, format="JPEG", quality=92, subsampling=0)
        reader = ImageReader(io.BytesIO(buffer.getvalue()))
        width, height = reader.getSize()
        if width <= 0 or height <= 0:
            return None
        return reader
    except Exception:  # any unreadable file: print the receipt without a logo
        return None


class Logo(Flowable):
    """An image scaled to fit (max_width, max_height), keeping its proportions."""

    def __init__(self, reader: ImageReader, max_width: float, max_height: float) -> None:
        super().__init__()
        self.reader = reader
        pixel_width, pixel_height = reader.getSize()
        scale = min(max_width / pixel_width, max_height / pixel_height)
        self.width = pixel_width * scale
        self.height = pixel_height * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height)
