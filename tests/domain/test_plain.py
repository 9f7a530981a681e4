"""The one conversion to plain JSON values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from casedesk.domain.associations import (
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
    as_plain,
)
from casedesk.domain.enums import BoardRole, LegalForm, RuntsSection
from casedesk.domain.plain import plain_dict, to_plain
from casedesk.domain.receipt import ReceiptAssociation, ReceiptHouse, ReceiptSnapshot


@dataclass(frozen=True)
class Inner:
    day: date
    form: LegalForm


@dataclass(frozen=True)
class Outer:
    inners: tuple[Inner, ...]
    table: dict[int, str]
    at: datetime | None = None


def test_values_become_json_types() -> None:
    value = Outer(
        (Inner(date(2026, 1, 2), LegalForm.COMITATO),),
        {1: "uno"},
        datetime(2026, 1, 2, 9, 30, tzinfo=UTC),
    )
    plain = to_plain(value)
    assert plain == {
        "inners": [{"day": "2026-01-02", "form": "comitato"}],
        "table": {"1": "uno"},
        "at": "2026-01-02T09:30:00+00:00",
    }
    assert json.loads(json.dumps(plain)) == plain


@pytest.mark.parametrize("value", [None, True, 3, 2.5, "testo"])
def test_scalars_pass_through(value: object) -> None:
    assert to_plain(value) is value


def test_plain_dict_wants_a_dataclass() -> None:
    with pytest.raises(TypeError):
        plain_dict([1, 2])


def test_a_draft_as_the_audit_stores_it() -> None:
    draft = AssociationDraft(
        "X",
        LegalForm.ETS_RUNTS,
        runts_section=RuntsSection.B,
        sectors=["a", "b"],
        board_members=[BoardMemberDraft("P", BoardRole.PRESIDENTE, date(2026, 1, 2))],
        contact_persons=[ContactPersonDraft("C", id=3)],
    )
    plain = as_plain(draft)
    assert plain["runts_section"] == "b"
    assert plain["board_members"] == [
        {"name": "P", "role": "presidente", "since": "2026-01-02", "id": None}
    ]
    assert plain["contact_persons"][0]["id"] == 3  # type: ignore[index]


def test_a_receipt_snapshot_round_trips_through_json() -> None:
    snapshot = ReceiptSnapshot(
        number="2026/0001",
        enrolled_on="2026-03-01",
        house=ReceiptHouse("Casa"),
        association=ReceiptAssociation("Comitato", "Comitato"),
        services=("uno", "due"),
    )
    stored = json.loads(json.dumps(snapshot.to_json()))
    assert stored["services"] == ["uno", "due"]
    assert ReceiptSnapshot.from_json(stored) == snapshot
