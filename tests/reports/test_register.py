"""The printed register («Elenco delle associazioni»), read back with pypdf."""

from __future__ import annotations

import re
from datetime import date

from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.domain.receipt import ReceiptHouse
from casedesk.domain.register_list import RegisterLine
from casedesk.reports.register import HEADINGS, NO_ASSOCIATIONS, TITLE, render_register
from reports.pdf_helpers import all_text, page_texts, reader, squash

HOUSE = ReceiptHouse(
    name="Casa delle associazioni e del volontariato Municipio 3",
    address="Via Ventura 3, 20134 Milano",
    phone="02 8844 1234",
    email="casa.associazioni3@comune.milano.it",
)
DAY = date(2026, 12, 2)
LONG_NAME = (
    "Associazione di promozione sociale per la cura dei giardini condivisi, degli orti "
    "urbani e della biodiversità del Parco Lambro e dei quartieri vicini"
)


def line(n: int, name: str | None = None) -> RegisterLine:
    return RegisterLine(
        name=name or f"Associazione numero {n:04d}",
        legal_form=list(LegalForm)[n % len(LegalForm)],
        status=list(AssociationStatus)[n % len(AssociationStatus)],
        tax_code=f"{97000000000 + n:011d}",
        contact_person=f"Referente {n:04d}",
        phone=f"02 {1000 + n:04d} {n:04d}",
    )


def test_title_house_date_filter_and_columns() -> None:
    lines = [line(1), line(2, LONG_NAME), line(3)]
    pdf = render_register(HOUSE, lines, "Associazioni con stato «Iscritta».", DAY)
    text = all_text(pdf)
    squashed = squash(text)
    assert TITLE in text
    assert HOUSE.name in text
    assert "02/12/2026" in text
    assert squash("Associazioni con stato «Iscritta».") in squashed
    assert "3 associazioni" in text
    for heading in HEADINGS:
        assert heading in text
    for item in lines:
        for value in (
            item.name,
            item.legal_form.label,
            item.status.label,
            item.tax_code,
            item.contact_person,
            item.phone,
        ):
            assert squash(value) in squashed, value  # wrapped, never cut
    info = reader(pdf).metadata
    assert info is not None and info.title == f"{TITLE} — {HOUSE.name}"
    assert info.author == HOUSE.name


def test_rows_keep_the_order_given() -> None:
    names = ["Zorro Volante", "alfieri", "Musica Viva"]
    pdf = render_register(HOUSE, [line(i, n) for i, n in enumerate(names)], "x", DAY)
    squashed = squash(all_text(pdf))
    positions = [squashed.index(squash(n)) for n in names]
    assert positions == sorted(positions)


def test_500_rows_paginate_with_the_headings_on_every_page() -> None:
    lines = [line(n) for n in range(500)]
    pdf = render_register(HOUSE, lines, "Tutte le associazioni del registro.", DAY)
    pages = page_texts(pdf)
    total = len(pages)
    assert total > 5
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} di {total}" in text
        assert all(heading in text for heading in HEADINGS), number
    assert "500 associazioni" in pages[0]
    found = re.findall(r"Associazionenumero(\d{4})", squash("".join(pages)))
    assert found == [f"{n:04d}" for n in range(500)]  # each once, in order


def test_an_empty_list_says_so() -> None:
    pdf = render_register(HOUSE, [], "Associazioni con stato «Cessata».", DAY)
    text = all_text(pdf)
    assert NO_ASSOCIATIONS in text
    assert "0 associazioni" in text
    assert "Pagina 1 di 1" in text


def test_a_house_without_a_name_prints_the_generic_one() -> None:
    nameless = ReceiptHouse(name=" ", address="", phone="", email="")
    pdf = render_register(nameless, [line(1)], "x", DAY)
    assert "Casa delle associazioni e del volontariato" in all_text(pdf)
