"""Text drawn as filled outlines (vector shapes), not as text.

For the DUPLICATO watermark: drawn as text, it would be picked up by text extraction
(`pdftotext`, copy and paste, search) and land in the middle of the page's real text.
As shapes it looks the same and stays out of the way. The glyph outlines are read from
the embedded TrueType font itself (the `glyf` table ReportLab has already loaded).
"""

from __future__ import annotations

import functools
import struct
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_NON_ZERO
from reportlab.pdfgen.pathobject import PDFPathObject

# One drawing operation, in thousandths of the font size: ("M", x, y), ("L", x, y),
# ("C", x1, y1, x2, y2, x3, y3), ("Z",).
Operation = tuple[Any, ...]


class OutlineError(ValueError):
    """The text has a glyph this reader does not handle (missing, or a composite glyph)."""


@functools.lru_cache(maxsize=32)
def text_outline(text: str, font_name: str) -> tuple[tuple[Operation, ...], float]:
    """The outline of `text` in `font_name` (a registered TTFont): operations and advance
    width, both in 1/1000 of the font size (the origin is the start of the baseline)."""
    face = pdfmetrics.getFont(font_name).face
    scale = 1000 / face.unitsPerEm
    glyf_start = face.get_table_pos("glyf")[0]
    data: bytes = face._ttf_data
    operations: list[Operation] = []
    x_offset = 0.0
    for char in text:
        glyph = face.charToGlyph.get(ord(char))
        if glyph is None:
            raise OutlineError(f"{font_name} has no glyph for {char!r}")
        start = glyf_start + face.glyphPos[glyph]
        end = glyf_start + face.glyphPos[glyph + 1]
        if end > start:
            for contour in _contours(data, start):
                operations.extend(
                    _contour_path([(x_offset + x * scale, y * scale, on) for x, y, on in contour])
                )
        x_offset += face.charWidths.get(ord(char), face.defaultWidth)
    return tuple(operations), x_offset


def draw_outline(
    canvas: Any,
    text: str,
    font_name: str,
    size: float,
    x: float,
    y: float,
    *,
    centred: bool = False,
) -> None:
    """Fill `text` as shapes at (x, y) in the canvas's current fill colour."""
    canvas.drawPath(
        _path(text, font_name, size, x, y, centred), stroke=0, fill=1, fillMode=FILL_NON_ZERO
    )


@functools.lru_cache(maxsize=16)
def _path(
    text: str, font_name: str, size: float, x: float, y: float, centred: bool
) -> PDFPathObject:
    # Cached: the path's PDF code is formatted once, not for every page of every document.
    operations, advance = text_outline(text, font_name)
    factor = size / 1000
    if centred:
        x -= advance * factor / 2
    path = PDFPathObject()
    for operation in operations:
        kind, coordinates = operation[0], operation[1:]
        points = [
            x + value * factor if i % 2 == 0 else y + value * factor
            for i, value in enumerate(coordinates)
        ]
        if kind == "M":
            path.moveTo(*points)
        elif kind == "L":
            path.lineTo(*points)
        elif kind == "C":
            path.curveTo(*points)
        else:
            path.close()
    return path


def _contours(data: bytes, offset: int) -> list[list[tuple[int, int, bool]]]:
    """The contours of the simple glyph at `offset`: lists of (x, y, on_curve)."""
    (contour_count,) = struct.unpack_from(">h", data, offset)
    if contour_count < 0:
        raise OutlineError("composite glyph")
    if contour_count == 0:
        return []
    position = offset + 10
    end_points = struct.unpack_from(f">{contour_count}H", data, position)
    position += 2 * contour_count
    (instruction_length,) = struct.unpack_from(">H", data, position)
    position += 2 + instruction_length
    point_count = end_points[-1] + 1

    flags: list[int] = []
    while len(flags) < point_count:
        flag = data[position]
        position += 1
        flags.append(flag)
        if flag & 0x08:  # repeat
            flags.extend([flag] * data[position])
            position += 1
    flags = flags[:point_count]

    def coordinates(short_bit: int, same_bit: int) -> list[int]:
        nonlocal position
        values: list[int] = []
        value = 0
        for flag in flags:
            if flag & short_bit:
                delta = data[position]
                position += 1
                value += delta if flag & same_bit else -delta
            elif not flag & same_bit:
                (delta,) = struct.unpack_from(">h", data, position)
                position += 2
                value += delta
            values.append(value)
        return values

    xs = coordinates(0x02, 0x10)
    ys = coordinates(0x04, 0x20)
    contours = []
    first = 0
    for last in end_points:
        contours.append([(xs[i], ys[i], bool(flags[i] & 0x01)) for i in range(first, last + 1)])
        first = last + 1
    return contours


def _contour_path(points: list[tuple[float, float, bool]]) -> list[Operation]:
    """A closed TrueType contour (quadratic B-splines) as lines and cubic curves."""
    if not points:
        return []
    if points[0][2]:
        start = points[0][:2]
        rest = points[1:]
    elif points[-1][2]:
        start = points[-1][:2]
        rest = points[:-1]
    else:  # both ends off the curve: start half-way between them
        start = ((points[0][0] + points[-1][0]) / 2, (points[0][1] + points[-1][1]) / 2)
        rest = points
    operations: list[Operation] = [("M", *start)]
    current = start
    control: tuple[float, float] | None = None

    def quad_to(q: tuple[float, float], end: tuple[float, float]) -> None:
        nonlocal current
        c1 = (current[0] + 2 / 3 * (q[0] - current[0]), current[1] + 2 / 3 * (q[1] - current[1]))
        c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
        operations.append(("C", *c1, *c2, *end))
        current = end

    for x, y, on_curve in rest:
        if on_curve:
            if control is None:
                operations.append(("L", x, y))
                current = (x, y)
            else:
                quad_to(control, (x, y))
                control = None
        else:
            if control is not None:
                quad_to(control, ((control[0] + x) / 2, (control[1] + y) / 2))
            control = (x, y)
    if control is not None:
        quad_to(control, start)
    operations.append(("Z",))
    return operations
