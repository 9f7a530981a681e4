"""The fonts of the documents and user text made safe for ReportLab's Paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from casedesk.reports import fonts
from casedesk.reports.fonts import (
    BOLD,
    FALLBACK,
    REGULAR,
    clean,
    markup,
    register_fonts,
    runs,
    subset_tag,
)


def test_fonts_ship_with_their_licences() -> None:
    folder = fonts.fonts_dir()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf"):
        assert (folder / name).is_file()
    assert (folder / "LICENSE-DejaVu.txt").is_file()
    assert (folder / "LICENSE-DroidSansFallback.txt").is_file()


def test_register_fonts_is_idempotent() -> None:
    register_fonts()
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    for name in (REGULAR, BOLD, FALLBACK):
        assert name in pdfmetrics.getRegisteredFontNames()


def test_markup_escapes_what_paragraph_would_parse() -> None:
    assert markup("Caffè & <Cultura> \"sì\" 'no'") == "Caffè &amp; &lt;Cultura&gt; \"sì\" 'no'"
    assert markup("&amp; <b>x</b>") == "&amp;amp; &lt;b&gt;x&lt;/b&gt;"


def test_main_font_covers_italian_euro_quotes_greek_cyrillic() -> None:
    text = "àèéìòùÀÈÉ € “” ‘’ «» – — … Ωμέγα Жизнь"
    assert runs(text) == ((REGULAR, text),)
    assert runs(text, bold=True) == ((BOLD, text),)


def test_cjk_runs_use_the_fallback_font() -> None:
    assert runs("Coro 中文 e 日本語") == (
        (REGULAR, "Coro "),
        (FALLBACK, "中文"),
        (REGULAR, " e "),
        (FALLBACK, "日本語"),
    )
    assert markup("A中<") == f'A<font name="{FALLBACK}">中</font>&lt;'


def test_line_breaks_are_kept_only_when_asked() -> None:
    assert markup("Via Roma 1\nMilano", multiline=True) == "Via Roma 1<br/>Milano"
    assert markup("Via Roma 1\nMilano") == "Via Roma 1 Milano"


def test_clean_drops_control_characters_keeps_the_rest() -> None:
    assert clean("a\tb\x00c\r\nd\u200be") == "a bc\nd\u200be"
    assert clean("\ud800x") == "x"  # a lone surrogate cannot go into a PDF


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_any_text_becomes_valid_paragraph_markup(text: str) -> None:
    register_fonts()
    for bold in (False, True):
        paragraph = Paragraph(markup(text, bold=bold, multiline=True))
        paragraph.wrap(300, 1000)


def test_subset_tags_are_six_capitals_stable_and_never_repeated() -> None:
    used: set[bytes] = set()
    first = subset_tag("CaseDeskSans", [65, 66, 67], used)
    assert len(first) == 6 and first.isalpha() and first.isupper()
    assert subset_tag("CaseDeskSans", [65, 66, 67], set()) == first  # same input, same tag
    # The same font and characters again in one file: still a tag of its own.
    again = subset_tag("CaseDeskSans", [65, 66, 67], used)
    assert again != first and used == {first, again}
    assert subset_tag("CaseDeskSans-Bold", [65, 66, 67], set()) != first
