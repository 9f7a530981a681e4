"""The associations directory (catalogo) PDF, read back with pypdf."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.domain.directory import DirectoryEntry
from casedesk.domain.receipt import ReceiptHouse
from casedesk.reports.directory import (
    BOOK_THROUGH_DESK,
    NO_ASSOCIATIONS,
    SEEKING_VOLUNTEERS,
    render_directory,
)
from reports.pdf_helpers import all_text, fonts, page_texts, reader, squash, subset_tags

HOUSE = ReceiptHouse(
    name="Casa delle associazioni e del volontariato Municipio 3",
    address="Via Ventura 3, 20134 Milano",
    phone="02 8844 1234",
    email="casa.associazioni3@comune.milano.it",
)
DAY = date(2026, 11, 28)

ENTRIES = [
    DirectoryEntry(
        "Amici del Parco Lambro APS",
        ("ambientale", "sociale"),
        "Cura del verde e orti condivisi.",
        True,
        ("Anna", "Bruno"),
    ),
    DirectoryEntry(
        "Coro «Voci di Lambrate»",
        ("culturale",),
        "Coro amatoriale polifonico.",
        False,
        ("Carla Fumagalli",),
    ),
    DirectoryEntry("Sportello Diritti & Doveri", ("diritti",), "Orientamento gratuito.", True, ()),
    DirectoryEntry("Gruppo di cammino", (), "Passeggiate il sabato.", False, ("Elena",)),
]


def test_cover_and_page_numbers() -> None:
    texts = page_texts(render_directory(HOUSE, ENTRIES, DAY))
    first = texts[0]
    for expected in (
        "Catalogo delle associazioni",
        HOUSE.name,
        HOUSE.address,
        "Aggiornato al 28/11/2026",
    ):
        assert expected in first
    assert HOUSE.phone in first and HOUSE.email in first
    for number, text in enumerate(texts, start=1):
        assert f"Pagina {number} di {len(texts)}" in text


def test_grouped_by_sector_in_order() -> None:
    flat = squash(all_text(render_directory(HOUSE, ENTRIES, DAY)))
    # sectors in alphabetical order, «Altro» (no sector) last; one in two sectors twice
    order = [
        "Ambientale",
        "AmicidelParcoLambroAPS",
        "Culturale",
        "Coro«VocidiLambrate»",
        "Diritti",
        "SportelloDiritti&Doveri",
        "Sociale",
        "AmicidelParcoLambroAPS",
        "Altro",
        "Gruppodicammino",
    ]
    position = 0
    for item in order:
        found = flat.find(item, position)
        assert found >= 0, item
        position = found + len(item)
    assert flat.count("AmicidelParcoLambroAPS") == 2


def test_seeking_volunteers_is_shown_only_when_true() -> None:
    text = all_text(render_directory(HOUSE, ENTRIES, DAY))
    # Amici (twice: two sectors) and the Sportello
    assert text.count(SEEKING_VOLUNTEERS) == 3


def test_contact_persons_and_how_to_book() -> None:
    flat = squash(all_text(render_directory(HOUSE, ENTRIES, DAY)))
    assert squash(f"Referenti: Anna, Bruno — {BOOK_THROUGH_DESK}.") in flat
    assert squash(f"Referente: Carla Fumagalli — {BOOK_THROUGH_DESK}.") in flat
    assert squash("Referente: Elena") in flat
    # no contact person: the desk
    assert squash("Per informazioni e appuntamenti rivolgiti alla segreteria della Casa.") in flat


def test_only_the_house_phone_number_is_printed() -> None:
    text = all_text(render_directory(HOUSE, ENTRIES, DAY))
    phones = {re.sub(r"\s", "", m) for m in re.findall(r"\+?\d[\d .]{6,}\d", text)}
    assert phones == {re.sub(r"\s", "", HOUSE.phone)}


def test_no_associations_yet() -> None:
    pdf = render_directory(HOUSE, [], DAY)
    texts = page_texts(pdf)
    assert len(texts) == 1
    assert NO_ASSOCIATIONS in texts[0]
    assert "Pagina 1 di 1" in texts[0]


def test_a_long_directory_flows_over_pages() -> None:
    entries = [
        DirectoryEntry(
            f"Associazione n. {i:02d}",
            ("sociale",),
            "Doposcuola e sostegno. " * 8,
            i % 2 == 0,
            ("Maria",),
        )
        for i in range(40)
    ]
    texts = page_texts(render_directory(HOUSE, entries, DAY))
    assert len(texts) >= 3
    flat = squash("".join(texts))
    for entry in entries:
        assert squash(entry.name) in flat


def test_fonts_embedded_and_deterministic() -> None:
    entries = [
        *ENTRIES,
        DirectoryEntry(
            "Шахматный клуб 中文象棋俱乐部", ("sportivo",), "Scacchi.", False, ("王小明",)
        ),
    ]
    pdf = render_directory(HOUSE, entries, DAY)
    assert pdf == render_directory(HOUSE, entries, DAY)
    for font in fonts(pdf):
        assert font["subtype"] == "/TrueType" and font["embedded_truetype"], font
    metadata = reader(pdf).metadata
    assert metadata is not None and metadata.author == HOUSE.name
    assert metadata.title == f"Catalogo delle associazioni — {HOUSE.name}"
    assert metadata["/CreationDate"] == "D:20261128"  # DAY, the day it is printed
    tags = subset_tags(pdf)
    assert len(tags) == 3 and len(set(tags)) == 3
    later = render_directory(HOUSE, entries, date(2027, 1, 15))
    assert reader(later).metadata["/CreationDate"] == "D:20270115"


ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ àèéòù€&<>\"'“”«»-–ЖжДдΩω中文协会日本語"
short_text = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=20).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.builds(
            DirectoryEntry,
            name=short_text,
            sectors=st.lists(short_text, max_size=2).map(tuple),
            description=short_text,
            seeking_volunteers=st.booleans(),
            contacts=st.lists(short_text, max_size=2).map(tuple),
        ),
        max_size=5,
    )
)
def test_every_entry_appears_as_typed(entries: list[DirectoryEntry]) -> None:
    flat = squash(all_text(render_directory(HOUSE, entries, DAY)))
    for entry in entries:
        for value in (entry.name, entry.description, *entry.contacts):
            assert squash(value) in flat, value
