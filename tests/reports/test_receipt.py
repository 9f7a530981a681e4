"""The enrollment receipt PDF, read back with pypdf."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from casedesk.domain.receipt import (
    ReceiptAssociation,
    ReceiptDocument,
    ReceiptHouse,
    ReceiptSnapshot,
    receipt_number,
)
from casedesk.reports.receipt import render_receipt
from reports.pdf_helpers import (
    all_text,
    fonts,
    image_count,
    page_texts,
    reader,
    squash,
    subset_tags,
)

HOUSE = ReceiptHouse(
    name="Casa delle associazioni e del volontariato Municipio 3",
    address="Via Ventura 3, 20134 Milano",
    phone="02 8844 1234",
    email="casa.associazioni3@comune.milano.it",
)
ASSOCIATION = ReceiptAssociation(
    name="Amici del Parco Lambro APS",
    legal_form="Ente del Terzo settore (ETS)",
    tax_code="97123450153",
    runts_section="b) Associazioni di promozione sociale (APS)",
    runts_number="123456",
    address="Via Feltre 100, 20134 Milano",
    legal_representative="Giulia Bianchi",
)


def snapshot(**changes: object) -> ReceiptSnapshot:
    base = ReceiptSnapshot(
        number=receipt_number(2026, 1),
        enrolled_on="2026-11-28",
        house=HOUSE,
        association=ASSOCIATION,
        delivered=(
            ReceiptDocument("Statuto", "2026-11-20"),
            ReceiptDocument("Atto costitutivo", "2026-11-21"),
            ReceiptDocument("Elenco del Consiglio direttivo", "2026-11-22"),
            ReceiptDocument("Relazione sulle attività", "2026-11-23"),
        ),
        not_applicable=(
            ReceiptDocument("Estremi di iscrizione al RUNTS", "", "Iscrizione in corso"),
        ),
        operator_name="Marco Rossi",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def many_documents(count: int) -> tuple[ReceiptDocument, ...]:
    return tuple(
        ReceiptDocument(f"Verbale di assemblea n. {i}", f"2026-10-{i % 28 + 1:02d}")
        for i in range(1, count + 1)
    )


# --- the content -----------------------------------------------------------------------


def test_a_receipt_shows_every_field() -> None:
    text = all_text(render_receipt(snapshot()))
    flat = squash(text)
    for expected in (
        "Ricevuta di iscrizione",
        "N. 2026/0001",
        "Data: 28/11/2026",
        "Operatore: Marco Rossi",
        HOUSE.name,
        HOUSE.address,
        HOUSE.phone,
        HOUSE.email,
        *(getattr(ASSOCIATION, f.name) for f in dataclasses.fields(ASSOCIATION)),
        "Documenti consegnati".upper(),
        "Statuto",
        "20/11/2026",
        "Relazione sulle attività",
        "23/11/2026",
        "Documenti non applicabili".upper(),
        "Estremi di iscrizione al RUNTS",
        "Iscrizione in corso",
        "Per l'associazione, il legale rappresentante",
        "Per la Casa, l'operatore",
        "Ricevuta N. 2026/0001 — Pagina 1 di 1",
    ):
        assert squash(expected) in flat, expected
    snap = snapshot()
    assert squash(snap.services_intro) in flat
    for service in snap.services:
        assert squash(service) in flat
    assert squash(snap.privacy_note) in flat
    assert "DUPLICATO" not in text
    assert "nonostante documenti mancanti" not in text


def test_override_reason_is_printed() -> None:
    text = squash(
        all_text(render_receipt(snapshot(override_reason="Statuto in arrivo dal notaio.")))
    )
    assert (
        squash(
            "Iscrizione disposta dal coordinatore nonostante documenti mancanti: Statuto in arrivo dal notaio."
        )
        in text
    )


def test_runts_rows_only_when_present() -> None:
    association = dataclasses.replace(ASSOCIATION, runts_section="", runts_number="")
    text = all_text(render_receipt(snapshot(association=association)))
    assert "RUNTS" not in text.replace("Estremi di iscrizione al RUNTS", "")


def test_empty_lists_are_said_in_words() -> None:
    text = all_text(render_receipt(snapshot(delivered=(), not_applicable=())))
    assert "Nessun documento consegnato." in text
    assert "DOCUMENTI NON APPLICABILI" not in text


# Short values (one line each), from the alphabet users type: accents, €, quotes,
# markup characters, Cyrillic, Greek, Chinese, Japanese.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
    "àèéìòùÀÈÉÌÒÙçÇñÑäöüßÆæøØ€$£%&<>\"'“”‘’«»„-–—.,;:!?()[]{}/\\#@*+=_~^|"
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯабвгдежзийклмнопрстуфхцчшщыьэюяё"
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω"
    "中文协会王小明北京上海日本語の会ひらがなカタカナ"
)
short_text = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=24).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    house=st.builds(
        ReceiptHouse, name=short_text, address=short_text, phone=short_text, email=short_text
    ),
    association=st.builds(
        ReceiptAssociation,
        name=short_text,
        legal_form=short_text,
        tax_code=short_text,
        runts_section=short_text,
        runts_number=short_text,
        address=short_text,
        legal_representative=short_text,
    ),
    delivered=st.lists(short_text, min_size=1, max_size=4),
    not_applicable=st.lists(st.tuples(short_text, short_text), max_size=2),
    override=short_text,
    operator=short_text,
    services=st.lists(short_text, min_size=1, max_size=4),
    intro=short_text,
    privacy=short_text,
)
def test_every_field_appears_exactly_as_typed(
    house: ReceiptHouse,
    association: ReceiptAssociation,
    delivered: list[str],
    not_applicable: list[tuple[str, str]],
    override: str,
    operator: str,
    services: list[str],
    intro: str,
    privacy: str,
) -> None:
    snap = ReceiptSnapshot(
        number=receipt_number(2026, 7),
        enrolled_on="2026-02-03",
        house=house,
        association=association,
        delivered=tuple(ReceiptDocument(title, "2026-01-15") for title in delivered),
        not_applicable=tuple(ReceiptDocument(t, "", reason) for t, reason in not_applicable),
        override_reason=override,
        services_intro=intro,
        services=tuple(services),
        privacy_note=privacy,
        operator_name=operator,
    )
    flat = squash(all_text(render_receipt(snap)))
    values = [
        *(getattr(house, f.name) for f in dataclasses.fields(house) if f.name != "logo_path"),
        *(getattr(association, f.name) for f in dataclasses.fields(association)),
        *delivered,
        *(part for pair in not_applicable for part in pair),
        override,
        operator,
        *services,
        intro,
        privacy,
    ]
    for value in values:
        assert squash(value) in flat, value
    assert "N.2026/0007" in flat
    assert "Data:03/02/2026" in flat
    assert "15/01/2026" in flat


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=120))
def test_any_text_renders_without_crashing(text: str) -> None:
    """Control characters, emoji, combining marks, scripts no font covers."""
    association = dataclasses.replace(ASSOCIATION, name=text, address=text)
    pdf = render_receipt(
        snapshot(
            association=association,
            override_reason=text,
            operator_name=text,
            delivered=(ReceiptDocument(text, "2026-01-01"),),
        )
    )
    assert pdf.startswith(b"%PDF")
    assert len(reader(pdf).pages) >= 1


def test_characters_no_font_has_are_kept_in_the_text() -> None:
    name = "Coro 한국어 🦄 😀 中文"
    association = dataclasses.replace(ASSOCIATION, name=name)
    assert squash(name) in squash(all_text(render_receipt(snapshot(association=association))))


def test_a_very_long_name_wraps_inside_its_cell() -> None:
    name = "Associazione " + " ".join(["Culturale Ricreativa Sportiva “Sociale” & Solidale"] * 6)
    cjk = "中文协会" * 40  # no spaces at all: split anywhere rather than overflow
    for long_name, piece in ((name, "Ricreativa"), (cjk, "协会")):
        association = dataclasses.replace(ASSOCIATION, name=long_name)
        first_page = page_texts(render_receipt(snapshot(association=association)))[0]
        assert squash(long_name) in squash(first_page)
        lines = first_page.splitlines()
        assert long_name not in lines  # it spans several lines
        pieces = [line for line in lines if piece in line]
        assert len(pieces) >= 3
        assert max(len(line) for line in pieces) < len(long_name) // 2


# --- duplicates --------------------------------------------------------------------------


def test_a_reprint_is_marked_duplicate_with_the_reprint_date() -> None:
    original = all_text(render_receipt(snapshot()))
    reprint = all_text(render_receipt(snapshot(), duplicate_on=date(2026, 12, 3)))
    assert "DUPLICATO" not in original
    assert "Ristampa" not in original
    assert "DUPLICATO" in reprint
    assert "Ristampa del 03/12/2026" in reprint
    # the receipt itself is the stored one: same number and date
    assert "N. 2026/0001" in reprint
    assert "Data: 28/11/2026" in reprint


def test_every_page_of_a_long_reprint_says_duplicate() -> None:
    pdf = render_receipt(snapshot(delivered=many_documents(60)), duplicate_on=date(2027, 1, 2))
    texts = page_texts(pdf)
    assert len(texts) >= 2
    for text in texts:
        assert "DUPLICATO" in text
    # the diagonal watermark is drawn as shapes: it does not pollute the text
    assert all_text(pdf).count("DUPLICATO") == len(texts)  # stamp on page 1, headers after


def test_the_watermark_is_on_every_page_of_a_duplicate_only() -> None:
    def has_watermark(pdf: bytes) -> list[bool]:
        # the translucent fill (an ExtGState with /ca) is used by the watermark only
        out = []
        for page in reader(pdf).pages:
            states = page["/Resources"].get("/ExtGState")
            states = states.get_object() if states is not None else {}
            out.append(any("/ca" in s.get_object() for s in states.values()))
        return out

    docs = many_documents(40)
    assert not any(has_watermark(render_receipt(snapshot(delivered=docs))))
    marks = has_watermark(render_receipt(snapshot(delivered=docs), duplicate_on=date(2027, 1, 2)))
    assert len(marks) >= 2 and all(marks)


# --- pages -------------------------------------------------------------------------------


def test_a_long_document_list_flows_onto_a_second_page() -> None:
    pdf = render_receipt(snapshot(delivered=many_documents(30)))
    texts = page_texts(pdf)
    assert len(texts) == 2
    assert "Ricevuta N. 2026/0001 — Pagina 1 di 2" in texts[0]
    assert "Ricevuta N. 2026/0001 — Pagina 2 di 2" in texts[1]
    flat = squash("".join(texts))
    for document in many_documents(30):
        assert squash(document.title) in flat


def test_sixty_documents_every_page_numbered() -> None:
    texts = page_texts(render_receipt(snapshot(delivered=many_documents(60))))
    total = len(texts)
    assert total >= 2
    for number, text in enumerate(texts, start=1):
        assert f"Pagina {number} di {total}" in text
    # the table's header repeats on the following pages
    assert all("Consegnato il" in text for text in texts[:2])


def test_a_typical_receipt_fits_on_one_page() -> None:
    assert len(page_texts(render_receipt(snapshot()))) == 1
    assert len(page_texts(render_receipt(snapshot(), duplicate_on=date(2026, 12, 3)))) == 1


# --- the file ----------------------------------------------------------------------------


def test_fonts_are_embedded_truetype_only() -> None:
    association = dataclasses.replace(ASSOCIATION, name="Общество «Дружба» 中文协会")
    found = fonts(render_receipt(snapshot(association=association), duplicate_on=date(2026, 12, 3)))
    assert found
    for font in found:
        assert font["subtype"] == "/TrueType", font
        assert font["embedded_truetype"], font
    bases = " ".join(font["base"] for font in found)
    assert "DejaVuSans" in bases
    assert "DejaVuSans-Bold" in bases
    assert "DroidSansFallback" in bases


def test_latin_only_receipt_does_not_embed_the_cjk_font() -> None:
    bases = " ".join(font["base"] for font in fonts(render_receipt(snapshot())))
    assert "DroidSansFallback" not in bases


def test_metadata() -> None:
    metadata = reader(render_receipt(snapshot())).metadata
    assert metadata is not None
    assert metadata.title == "Ricevuta di iscrizione 2026/0001"
    assert metadata.author == HOUSE.name
    # The receipt's own date, not ReportLab's invariant 1 January 2000.
    assert metadata["/CreationDate"] == "D:20261128"
    assert metadata.creation_date == datetime(2026, 11, 28)
    assert metadata.modification_date == metadata.creation_date


def test_metadata_of_a_reprint() -> None:
    other = snapshot(number=receipt_number(2025, 7), enrolled_on="2025-03-04")
    assert reader(render_receipt(other)).metadata["/CreationDate"] == "D:20250304"
    metadata = reader(render_receipt(other, duplicate_on=date(2026, 12, 3))).metadata
    assert metadata.title == "Ricevuta di iscrizione 2025/0007 (DUPLICATO)"
    assert metadata.author == HOUSE.name
    assert metadata["/CreationDate"] == "D:20261203"  # made the day of the reprint


def test_each_font_subset_has_its_own_tag() -> None:
    association = dataclasses.replace(ASSOCIATION, name="Общество «Дружба» 中文协会")
    pdf = render_receipt(snapshot(association=association), duplicate_on=date(2026, 12, 3))
    tags = subset_tags(pdf)
    assert len(tags) == 3  # regular, bold, fallback
    assert len(set(tags)) == len(tags)
    # A font with more characters than one subset holds (256) is written as several.
    many = "".join(chr(c) for c in range(0x400, 0x500)) + "àèéìòù€ΑΒΓΔαβγδ"
    big = render_receipt(snapshot(override_reason=many))
    assert [f["base"].endswith("+DejaVuSans") for f in fonts(big)].count(True) == 2
    big_tags = subset_tags(big)
    assert len(set(big_tags)) == len(big_tags)
    assert big == render_receipt(snapshot(override_reason=many))


def test_same_input_same_bytes() -> None:
    assert render_receipt(snapshot()) == render_receipt(snapshot())
    day = date(2026, 12, 3)
    assert render_receipt(snapshot(), duplicate_on=day) == render_receipt(
        snapshot(), duplicate_on=day
    )
    assert render_receipt(snapshot(), duplicate_on=day) != render_receipt(
        snapshot(), duplicate_on=date(2026, 12, 4)
    )


# --- the logo ----------------------------------------------------------------------------


def _logo(path: Path, mode: str = "RGBA") -> Path:
    image = Image.new(mode, (300, 180), (31, 58, 95, 255) if mode == "RGBA" else (31, 58, 95))
    image.save(path)
    return path


@pytest.mark.parametrize("filename,mode", [("logo.png", "RGBA"), ("logo.jpg", "RGB")])
def test_logo_is_drawn_when_set(tmp_path: Path, filename: str, mode: str) -> None:
    house = dataclasses.replace(HOUSE, logo_path=str(_logo(tmp_path / filename, mode)))
    assert image_count(render_receipt(snapshot(house=house))) == 1


def test_a_changed_logo_is_read_again(tmp_path: Path) -> None:
    path = _logo(tmp_path / "logo.png")
    house = dataclasses.replace(HOUSE, logo_path=str(path))
    first = render_receipt(snapshot(house=house))
    Image.new("RGB", (120, 120), (200, 40, 40)).save(path)
    second = render_receipt(snapshot(house=house))
    assert first != second


@pytest.mark.parametrize("content", [None, b"", b"not an image at all"])
def test_missing_or_unreadable_logo_is_left_out(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "logo.png"
    if content is not None:
        path.write_bytes(content)
    house = dataclasses.replace(HOUSE, logo_path=str(path))
    pdf = render_receipt(snapshot(house=house))
    assert image_count(pdf) == 0
    assert HOUSE.name in all_text(pdf)
