"""The fonts of the printed documents, and user text made safe for `Paragraph`.

ReportLab shows only what the embedded fonts hold. The main font (DejaVu Sans) covers
Latin with accents, €, typographic quotes, Greek and Cyrillic; what it lacks (Chinese,
Japanese) is drawn with a CJK fallback (Droid Sans Fallback). The switch happens
character by character: `markup()` escapes the text for `Paragraph`'s markup and wraps
every run the main font lacks in `<font name="…">`; `draw_text()` does the same on a
bare canvas. A character no font covers stays in the text (in the fallback font), so
nothing is dropped: the PDF can still be searched and copied.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from casedesk.paths import resources_dir

REGULAR = "CaseDeskSans"
BOLD = "CaseDeskSans-Bold"
FALLBACK = "CaseDeskFallback"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}

# Whitespace is always drawn in the main font: it keeps runs long and words together.
_ALWAYS_MAIN = frozenset(" \n")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


@dataclass(frozen=True)
class _Coverage:
    regular: frozenset[int]
    bold: frozenset[int]
    fallback: dict[int, int]  # the fallback face's own character map (see _keep_uncovered)


_lock = threading.Lock()
_coverage: _Coverage | None = None


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register the three fonts with ReportLab, once per process (thread-safe, idempotent)."""
    _get_coverage()


def _get_coverage() -> _Coverage:
    global _coverage
    coverage = _coverage
    if coverage is not None:
        return coverage
    with _lock:
        if _coverage is None:
            faces: dict[str, TTFont] = {}
            registered = set(pdfmetrics.getRegisteredFontNames())
            for name, filename in _FILES.items():
                if name in registered:
                    font = pdfmetrics.getFont(name)
                else:
                    font = _TaggedTTFont(name, str(fonts_dir() / filename))
                    pdfmetrics.registerFont(font)
                faces[name] = font
            # Font families, so <b> inside a paragraph finds a bold face, and <b> around a
            # fallback run keeps the fallback (which has no bold face).
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
                    addMapping(BOLD, bold, italic, BOLD)
                    addMapping(FALLBACK, bold, italic, FALLBACK)
            _coverage = _Coverage(
                regular=frozenset(faces[REGULAR].face.charToGlyph),
                bold=frozenset(faces[BOLD].face.charToGlyph),
                fallback=faces[FALLBACK].face.charToGlyph,
            )
            _fix_astral_to_unicode()
            _tag_subsets_by_font()
        return _coverage


def _keep_uncovered(text: str) -> None:
    """Characters no font has: map them to the fallback's "missing glyph" (glyph 0).

    ReportLab otherwise turns every such character into character code 0, and the text
    loses it. Mapped, each gets its own code and its own ToUnicode entry: it still
    shows as the missing-glyph shape, but search, copy and text extraction keep it.
    """
    cmap = _get_coverage().fallback
    for char in text:
        if ord(char) not in cmap:
            cmap[ord(char)] = 0


def _fix_astral_to_unicode() -> None:
    """ReportLab writes a ToUnicode entry above U+FFFF as `<1F600>`: an odd number of
    hex digits, which readers reject (the emoji is lost). PDF wants UTF-16BE there,
    a surrogate pair: `<D83DDE00>`. Same entries as ReportLab's for everything else."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_casedesk_fixed", False):
        return

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        text = original(fontname, [v if v <= 0xFFFF else 0 for v in subset])
        if all(v <= 0xFFFF for v in subset):
            return text
        lines = text.split("\n")
        first = lines.index(f"{len(subset)} beginbfchar") + 1
        for index, value in enumerate(subset):
            if value > 0xFFFF:
                lines[first + index] = (
                    f"<{index:02X}> <{chr(value).encode('utf-16-be').hex().upper()}>"
                )
        return "\n".join(lines)

    make_to_unicode_cmap._casedesk_fixed = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


# --- subset tags --------------------------------------------------------------------
#
# An embedded font subset is named TAG+FontName, where TAG is six capital letters that
# must differ between the subsets of one file (ISO 32000-1, 9.6.4). ReportLab numbers
# the subsets of each font from AAAAAA, so the regular, bold and fallback fonts of a
# receipt were all AAAAAA+, which validators flag. Here the tag is a hash of the font
# and the characters of its subset: distinct in practice, made distinct when two
# collide, and the same for the same text, so the same data still gives the same bytes.

# The tags of the subsets of the font being written (set only inside its addObjects).
_current_tags: contextvars.ContextVar[list[bytes] | None] = contextvars.ContextVar(
    "casedesk_subset_tags", default=None
)


class _TaggedTTFont(TTFont):
    """A TrueType font whose subsets get tags of their own (see above)."""

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets: list[list[int]] = list(state.subsets) if state is not None else []
        used: set[bytes] = doc.__dict__.setdefault("_casedesk_subset_tags", set())
        tags = [subset_tag(self.fontName, codes, used) for codes in subsets]
        token = _current_tags.set(tags)
        try:
            super().addObjects(doc)
        finally:
            _current_tags.reset(token)


def subset_tag(font_name: str, codes: list[int], used: set[bytes]) -> bytes:
    """Six capital letters for a subset of `font_name` holding `codes`, not in `used`
    (which it joins)."""
    seed = f"{font_name}:{','.join(map(str, codes))}".encode()
    attempt = 0
    while True:
        digest = hashlib.sha256(seed + attempt.to_bytes(4, "big")).digest()
        value = int.from_bytes(digest[:8], "big")
        tag = bytes(65 + (value // 26**i) % 26 for i in range(6))
        if tag not in used:
            used.add(tag)
            return tag
        attempt += 1


def _tag_subsets_by_font() -> None:
    """ReportLab names subset n of every font SUBSETN(n) (AAAAAA, AAAAAB, …): while a
    _TaggedTTFont writes its subsets, the tags come from it instead."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.SUBSETN
    if getattr(original, "_casedesk_fixed", False):
        return

    def subset_name(n: int) -> bytes:
        tags = _current_tags.get()
        if tags is not None and n < len(tags):
            return tags[n]
        return bytes(original(n))

    subset_name._casedesk_fixed = True  # type: ignore[attr-defined]
    ttfonts.SUBSETN = subset_name


def clean(text: str) -> str:
    """User text as it is printed: tabs become spaces, other control characters and
    lone surrogates (which no PDF can hold) are removed; line breaks are kept."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n")
    out = []
    for char in text:
        if char == "\n" or char.isprintable():
            out.append(char)
        elif char in "\t\r\x0b\x0c\u2028\u2029\x85":
            out.append("\n" if char in "\u2028\u2029\x85\x0b\x0c" else " ")
        elif unicodedata.category(char) in ("Cc", "Cs"):
            continue
        else:  # format characters (Cf, e.g. zero-width joiner, soft hyphen), spaces (Z*)
            out.append(char)
    return "".join(out)


def runs(text: str, *, bold: bool = False) -> tuple[tuple[str, str], ...]:
    """Split `text` into (font name, piece): main-font runs and fallback runs."""
    return _runs(text, bold)


@functools.lru_cache(maxsize=4096)
def _runs(text: str, bold: bool) -> tuple[tuple[str, str], ...]:
    coverage = _get_coverage()
    covered = coverage.bold if bold else coverage.regular
    main = BOLD if bold else REGULAR
    if all(ord(char) in covered for char in text):
        return ((main, text),) if text else ()
    pieces: list[tuple[str, str]] = []
    current = main
    start = 0
    for index, char in enumerate(text):
        font = main if (char in _ALWAYS_MAIN or ord(char) in covered) else FALLBACK
        if font != current:
            if index > start:
                pieces.append((current, text[start:index]))
            current, start = font, index
    if len(text) > start:
        pieces.append((current, text[start:]))
    for font, piece in pieces:
        if font == FALLBACK:
            _keep_uncovered(piece)
    return tuple(pieces)


def escape(text: str) -> str:
    """`&`, `<`, `>` as entities: Paragraph markup shows them as typed."""
    return "".join(_ESCAPES.get(c, c) for c in text) if any(c in text for c in "&<>") else text


def markup(text: str, *, bold: bool = False, multiline: bool = False) -> str:
    """User text as Paragraph markup: escaped, fallback runs wrapped in `<font>`.

    `bold` says the paragraph (or the enclosing tag) is bold, so coverage is checked
    against the bold face. With `multiline`, line breaks are kept (`<br/>`); otherwise
    they become spaces (as Paragraph would do anyway).
    """
    text = clean(text)
    parts = []
    for font, piece in runs(text, bold=bold):
        escaped = escape(piece)
        if font == FALLBACK:
            parts.append(f'<font name="{FALLBACK}">{escaped}</font>')
        else:
            parts.append(escaped)
    result = "".join(parts)
    if "\n" in result:
        result = result.replace("\n", "<br/>" if multiline else " ")
    return result


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    return sum(
        pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(clean(text), bold=bold)
    )


def draw_text(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: str = "left",
) -> None:
    """Draw one line of user text on a bare canvas, switching font where needed.

    `align`: "left" (x is the start), "centre" (x is the middle), "right" (x is the end).
    """
    text = clean(text).replace("\n", " ")
    pieces = runs(text, bold=bold)
    if align == "left" and len(pieces) == 1:  # the common case: no widths needed
        canvas.setFont(pieces[0][0], size)
        canvas.drawString(x, y, pieces[0][1])
        return
    widths = [pdfmetrics.stringWidth(piece, font, size) for font, piece in pieces]
    total = sum(widths)
    if align == "centre":
        x -= total / 2
    elif align == "right":
        x -= total
    for (font, piece), width in zip(pieces, widths):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += width


def fit_text(text: str, size: float, max_width: float, *, bold: bool = False) -> str:
    """`text` cut with "…" so it fits in `max_width` (for running headers and footers)."""
    text = clean(text).replace("\n", " ")
    if text_width(text, size, bold=bold) <= max_width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", size, bold=bold) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
