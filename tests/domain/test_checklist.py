"""The checklist rules: which papers each legal form needs, expiry, the enrollment gate;
receipt numbers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.domain.checklist import (
    DocumentRecord,
    Requirement,
    blocking_items,
    build_checklist,
    effective_status,
    expiry,
    gate_message,
)
from casedesk.domain.enums import DocumentStatus, LegalForm
from casedesk.domain.receipt import (
    ReceiptAssociation,
    ReceiptDocument,
    ReceiptHouse,
    ReceiptSnapshot,
    parse_receipt_number,
    pdf_filename,
    receipt_number,
)

F = LegalForm
FORMAL = frozenset(
    {F.ASSOCIAZIONE_RICONOSCIUTA, F.ASSOCIAZIONE_NON_RICONOSCIUTA, F.COMITATO, F.ETS_RUNTS}
)
INFORMAL = frozenset({F.GRUPPO_INFORMALE})
# The catalogue as migration 0002 seeds it.
CATALOGUE = [
    Requirement(1, "statute", "Statuto", FORMAL, True, None, 10),
    Requirement(2, "founding_act", "Atto costitutivo", FORMAL, True, None, 20),
    Requirement(
        3,
        "community_purpose_statement",
        "Dichiarazione di finalità a favore della collettività",
        INFORMAL,
        True,
        None,
        30,
    ),
    Requirement(4, "board_list", "Elenco del Consiglio direttivo", FORMAL, True, 12, 40),
    Requirement(5, "member_list", "Elenco dei componenti del gruppo", INFORMAL, True, 12, 50),
    Requirement(
        6,
        "activity_report",
        "Relazione sulle attività svolte o da realizzare",
        FORMAL | INFORMAL,
        True,
        12,
        60,
    ),
    Requirement(
        7,
        "runts_registration",
        "Estremi di iscrizione al RUNTS",
        frozenset({F.ETS_RUNTS}),
        True,
        None,
        70,
    ),
]
BY_CODE = {r.code: r for r in CATALOGUE}
TODAY = date(2026, 12, 1)


def delivered(code: str, on: date = date(2026, 11, 2)) -> DocumentRecord:
    return DocumentRecord(BY_CODE[code].id, DocumentStatus.DELIVERED, on, "Anna Rossi")


def codes(form: LegalForm, records: Sequence[DocumentRecord] = ()) -> list[str]:
    return [i.requirement.code for i in build_checklist(form, CATALOGUE, records, TODAY)]


@pytest.mark.parametrize(
    "form",
    [F.ASSOCIAZIONE_RICONOSCIUTA, F.ASSOCIAZIONE_NON_RICONOSCIUTA, F.COMITATO],
)
def test_associations_and_committees_need_the_four_papers(form: LegalForm) -> None:
    assert codes(form) == ["statute", "founding_act", "board_list", "activity_report"]


def test_ets_also_need_the_runts_registration() -> None:
    assert codes(F.ETS_RUNTS) == [
        "statute",
        "founding_act",
        "board_list",
        "activity_report",
        "runts_registration",
    ]


def test_informal_groups_sign_a_statement_instead_of_statute_and_founding_act() -> None:
    assert codes(F.GRUPPO_INFORMALE) == [
        "community_purpose_statement",
        "member_list",
        "activity_report",
    ]


def test_records_of_papers_that_no_longer_apply_are_ignored_not_lost() -> None:
    records = [delivered("statute"), delivered("member_list")]
    items = build_checklist(F.COMITATO, CATALOGUE, records, TODAY)
    assert {i.requirement.code: i.status for i in items}["statute"] is DocumentStatus.DELIVERED
    informal = build_checklist(F.GRUPPO_INFORMALE, CATALOGUE, records, TODAY)
    assert {i.requirement.code: i.status for i in informal}["member_list"] is (
        DocumentStatus.DELIVERED
    )


def test_an_inactive_requirement_is_not_listed() -> None:
    retired = Requirement(9, "old", "Vecchio modulo", FORMAL, True, None, 5, active=False)
    items = build_checklist(F.COMITATO, [*CATALOGUE, retired], [], TODAY)
    assert "old" not in [i.requirement.code for i in items]


def test_missing_without_a_record() -> None:
    assert effective_status(None, BY_CODE["statute"], TODAY) is DocumentStatus.MISSING


def test_delivered_thirteen_months_ago_with_twelve_months_validity_is_outdated() -> None:
    record = delivered("board_list", date(2025, 11, 1))
    assert effective_status(record, BY_CODE["board_list"], TODAY) is DocumentStatus.OUTDATED
    # A paper with no validity never expires.
    old_statute = delivered("statute", date(2001, 1, 1))
    assert effective_status(old_statute, BY_CODE["statute"], TODAY) is DocumentStatus.DELIVERED


def test_the_expiry_boundary() -> None:
    req = BY_CODE["board_list"]
    record = delivered("board_list", date(2025, 12, 1))
    assert expiry(record, 12) == date(2026, 12, 1)
    # Valid through the day before; out of date on the expiry day itself.
    assert effective_status(record, req, date(2026, 11, 30)) is DocumentStatus.DELIVERED
    assert effective_status(record, req, date(2026, 12, 1)) is DocumentStatus.OUTDATED


def test_expiry_at_the_end_of_a_month() -> None:
    record = delivered("board_list", date(2024, 1, 31))
    assert expiry(record, 1) == date(2024, 2, 29)
    assert expiry(record, 13) == date(2025, 2, 28)


def test_describe_says_the_last_valid_day() -> None:
    items = build_checklist(
        F.COMITATO, CATALOGUE, [delivered("board_list", date(2025, 12, 2))], TODAY
    )
    board = next(i for i in items if i.requirement.code == "board_list")
    assert board.expires_on == date(2026, 12, 2)
    assert board.describe(TODAY) == "Consegnato il 02/12/2025, valido fino al 01/12/2026."
    expired = build_checklist(
        F.COMITATO, CATALOGUE, [delivered("board_list", date(2025, 1, 10))], TODAY
    )
    board = next(i for i in expired if i.requirement.code == "board_list")
    assert board.status is DocumentStatus.OUTDATED
    assert board.describe(TODAY).startswith("Scaduto il 10/01/2026")


def test_the_gate_lists_exactly_what_is_missing() -> None:
    records = [
        delivered("statute"),
        DocumentRecord(2, DocumentStatus.NOT_APPLICABLE, note="Comitato senza atto scritto"),
        delivered("board_list", date(2025, 6, 1)),  # out of date
    ]
    items = build_checklist(F.COMITATO, CATALOGUE, records, TODAY)
    assert [i.requirement.code for i in blocking_items(items)] == [
        "board_list",
        "activity_report",
    ]
    assert gate_message(items) == (
        "Per iscrivere mancano: Elenco del Consiglio direttivo (da aggiornare); "
        "Relazione sulle attività svolte o da realizzare (mancante)."
    )


def test_the_gate_opens_with_everything_delivered_or_not_applicable() -> None:
    records = [
        delivered("statute"),
        DocumentRecord(2, DocumentStatus.NOT_APPLICABLE, note="Comitato senza atto scritto"),
        delivered("board_list"),
        delivered("activity_report"),
    ]
    assert gate_message(build_checklist(F.COMITATO, CATALOGUE, records, TODAY)) is None


def test_an_optional_paper_does_not_block() -> None:
    optional = Requirement(8, "logo", "Logo dell'associazione", FORMAL, False, None, 80)
    records = [delivered(c) for c in ("statute", "founding_act", "board_list", "activity_report")]
    items = build_checklist(F.COMITATO, [*CATALOGUE, optional], records, TODAY)
    assert items[-1].status is DocumentStatus.MISSING
    assert items[-1].describe(TODAY) == "Facoltativo, non consegnato."
    assert gate_message(items) is None


@given(
    form=st.sampled_from(list(LegalForm)),
    states=st.dictionaries(
        st.sampled_from([r.id for r in CATALOGUE]),
        st.tuples(
            st.sampled_from([DocumentStatus.DELIVERED, DocumentStatus.NOT_APPLICABLE]),
            st.integers(min_value=0, max_value=800),
        ),
    ),
)
def test_the_gate_is_open_exactly_when_every_applicable_paper_is_in_order(
    form: LegalForm, states: dict[int, tuple[DocumentStatus, int]]
) -> None:
    records = [
        DocumentRecord(
            rid,
            status,
            TODAY - timedelta(days=days_ago) if status is DocumentStatus.DELIVERED else None,
            note="motivo",
        )
        for rid, (status, days_ago) in states.items()
    ]
    items = build_checklist(form, CATALOGUE, records, TODAY)
    # Twelve months before 2026-12-01 is 2025-12-01, 365 days back.
    in_order = all(
        r.id in states
        and (
            states[r.id][0] is DocumentStatus.NOT_APPLICABLE
            or r.validity_months is None
            or states[r.id][1] < 365
        )
        for r in CATALOGUE
        if form in r.legal_forms
    )
    assert (gate_message(items) is None) == in_order


# --- receipt numbers ---------------------------------------------------------------------


def test_receipt_numbers_are_padded_to_four_digits() -> None:
    assert receipt_number(2026, 7) == "2026/0007"
    assert pdf_filename(2026, 7) == "2026-0007.pdf"
    assert receipt_number(2026, 12345) == "2026/12345"


@pytest.mark.parametrize(
    "text, expected",
    [("2026/0007", (2026, 7)), (" 2026-0007 ", (2026, 7)), ("2026/7", (2026, 7))],
)
def test_receipt_numbers_are_read_as_typed(text: str, expected: tuple[int, int]) -> None:
    assert parse_receipt_number(text) == expected


@pytest.mark.parametrize("text", ["", "2026", "26/0007", "2026/", "/0007", "2026/00a7", "abcd/1"])
def test_not_a_receipt_number(text: str) -> None:
    with pytest.raises(ValueError, match="non è un numero di ricevuta"):
        parse_receipt_number(text)


@given(
    year=st.integers(min_value=1000, max_value=9999),
    number=st.integers(min_value=1, max_value=10**6),
)
def test_receipt_number_round_trip(year: int, number: int) -> None:
    assert parse_receipt_number(receipt_number(year, number)) == (year, number)
    assert parse_receipt_number(pdf_filename(year, number).removesuffix(".pdf")) == (year, number)


@given(name=st.text(), reason=st.text())
def test_the_snapshot_survives_json(name: str, reason: str) -> None:
    snapshot = ReceiptSnapshot(
        number="2026/0001",
        enrolled_on="2026-12-01",
        house=ReceiptHouse("Casa"),
        association=ReceiptAssociation(name, "Comitato"),
        delivered=(ReceiptDocument("Statuto", "2026-11-02"),),
        not_applicable=(ReceiptDocument("Atto costitutivo", not_applicable_reason=reason),),
        override_reason=reason,
    )
    assert ReceiptSnapshot.from_json(json.loads(json.dumps(snapshot.to_json()))) == snapshot
