"""The database itself refuses bad rows, on SQLite and on PostgreSQL.

Rows are written with plain SQL so nothing in Python (ORM enum validation, the
services' checks) stands between the bad value and the database. Each test first
shows the valid row is accepted, so a rejection is due to the value under test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casedesk.db.engine import Database
from casedesk.domain.enums import (
    AppointmentStatus,
    AssociationStatus,
    BoardRole,
    BookingStatus,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
    Role,
    RoomKind,
    RuntsSection,
)

# --- rows written with plain SQL -----------------------------------------------------

# Calendar/audit datetimes as SQLAlchemy writes them on SQLite; PostgreSQL casts them.
T0 = "2026-11-28 09:00:00.000000"
T1 = "2026-11-28 10:00:00.000000"

_DEFAULTS: dict[str, dict[str, Any]] = {
    "house": {
        "id": 1,
        "name": "Casa di prova",
        "address": "",
        "phone": "",
        "email": "",
        "opening_hours": "{}",
        "settings": "{}",
    },
    "operator": {
        "full_name": "Anna Rossi",
        "username": "anna",
        "role": "coordinatore",
        "password_hash": "x",
        "active": True,
        "must_change_password": False,
        "created_at": T0,
        "notes": "",
    },
    "association": {
        "name": "Amici del quartiere",
        "legal_form": "comitato",
        "runts_section": None,
        "runts_number": None,
        "tax_code": None,
        "address": "",
        "email": "",
        "pec": "",
        "phone": "",
        "website": "",
        "sectors": "[]",
        "description": "",
        "seeking_volunteers": False,
        "legal_representative": "",
        "status": "bozza",
        "status_reason": "",
        "notes": "",
        "created_at": T0,
        "updated_at": T0,
        "version_id": 1,
    },
    "board_member": {"name": "Carla Verdi", "role": "presidente", "since": None},
    "contact_person": {
        "name": "Dario Neri",
        "phone": "",
        "email": "",
        "availability": "",
        "meets_citizens": True,
    },
    "room": {"name": "Sala A", "kind": "meeting", "capacity": 10, "equipment": "", "active": True},
    "booking_series": {
        "association_id": None,
        "title": "Corso",
        "first_start": T0,
        "first_end": T1,
        "rrule": "FREQ=WEEKLY",
        "exceptions": "[]",
        "expected_people": None,
    },
    "booking": {
        "association_id": None,
        "title": "Riunione",
        "start_at": T0,
        "end_at": T1,
        "expected_people": None,
        "status": "confirmed",
        "series_id": None,
        "notes": "",
    },
    "closure": {
        "room_id": None,
        "start_date": "2026-12-24",
        "end_date": "2026-12-26",
        "reason": "Natale",
    },
    "citizen": {"name": "Elena Gialli", "phone": "", "email": ""},
    "appointment": {
        "contact_person_id": None,
        "start_at": T0,
        "end_at": T1,
        "room_id": None,
        "status": "scheduled",
        "outcome": "",
        "notes": "",
    },
    "document_requirement": {
        "code": "test_requirement",
        "title": "Documento di prova",
        "legal_forms": "[]",
        "mandatory": True,
        "validity_months": None,
        "sort_order": 0,
        "active": True,
    },
    "association_document": {
        "status": "missing",
        "received_on": None,
        "received_by_id": None,
        "note": "",
    },
    "enrollment": {
        "year": 2026,
        "number": 1,
        "enrolled_on": "2026-11-28",
        "status": "valida",
        "cancel_reason": "",
        "override_reason": "",
        "snapshot": "{}",
    },
    "audit_event": {
        "at": T0,
        "operator_id": None,
        "action": "test",
        "entity_type": "test",
        "entity_id": None,
    },
}


def insert(session: Session, table: str, **values: Any) -> int | None:
    """INSERT one row with plain SQL: the table's valid defaults, overridden by `values`."""
    row = {**_DEFAULTS[table], **values}
    columns = ", ".join(row)
    params = ", ".join(f":{name}" for name in row)
    returning = "" if table == "house" else " RETURNING id"
    result = session.execute(
        text(f"INSERT INTO {table} ({columns}) VALUES ({params}){returning}"), row
    )
    return None if table == "house" else result.scalar_one()


class Rows:
    """Valid rows committed in their own transactions (parents for the rows under test)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._n = 0

    def _unique(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def add(self, table: str, **values: Any) -> int:
        with self.db.write() as s:
            new_id = insert(s, table, **values)
        assert new_id is not None
        return new_id

    def operator(self, **values: Any) -> int:
        values.setdefault("username", self._unique("op"))
        return self.add("operator", **values)

    def association(self, **values: Any) -> int:
        return self.add("association", **values)

    def room(self, **values: Any) -> int:
        values.setdefault("name", self._unique("Sala "))
        return self.add("room", **values)

    def citizen(self, **values: Any) -> int:
        return self.add("citizen", **values)

    def accepts(self, table: str, **values: Any) -> int | None:
        with self.db.write() as s:
            return insert(s, table, **values)

    def rejects(self, table: str, **values: Any) -> None:
        """The database refuses the row (the error may come at flush or at commit)."""
        with pytest.raises(IntegrityError), self.db.write() as s:
            insert(s, table, **values)

    def count(self, table: str, where: str = "1 = 1", **params: Any) -> int:
        with self.db.read() as s:
            return int(
                s.execute(text(f"SELECT count(*) FROM {table} WHERE {where}"), params).scalar_one()
            )


@pytest.fixture
def rows(db: Database) -> Rows:
    return Rows(db)


# --- house ------------------------------------------------------------------------------


def test_house_is_a_single_row_with_id_1(db: Database, rows: Rows) -> None:
    rows.rejects("house", id=2)
    assert rows.count("house") == 0
    rows.accepts("house", id=1)
    rows.rejects("house", id=1, name="Seconda casa")
    assert rows.count("house") == 1


# --- operators --------------------------------------------------------------------------


def test_operator_username_is_unique(db: Database, rows: Rows) -> None:
    rows.operator(username="anna")
    rows.operator(username="bruno")
    rows.rejects("operator", username="anna", full_name="Un'altra Anna")
    assert rows.count("operator", "username = 'anna'") == 1


# --- enums are checked by the database ---------------------------------------------------


def _parents(rows: Rows) -> dict[str, int]:
    return {
        "association_id": rows.association(),
        "operator_id": rows.operator(),
        "room_id": rows.room(),
        "citizen_id": rows.citizen(),
    }


_ENUM_COLUMNS: list[tuple[str, str, type, Callable[[dict[str, int]], dict[str, Any]]]] = [
    ("association", "legal_form", LegalForm, lambda p: {}),
    ("association", "status", AssociationStatus, lambda p: {}),
    ("association", "runts_section", RuntsSection, lambda p: {}),
    ("board_member", "role", BoardRole, lambda p: {"association_id": p["association_id"]}),
    ("operator", "role", Role, lambda p: {}),
    ("room", "kind", RoomKind, lambda p: {}),
    ("booking", "status", BookingStatus, lambda p: {"room_id": p["room_id"]}),
    (
        "association_document",
        "status",
        DocumentStatus,
        lambda p: {"association_id": p["association_id"], "requirement_id": p["requirement_id"]},
    ),
    (
        "enrollment",
        "status",
        EnrollmentStatus,
        lambda p: {
            "association_id": p["association_id"],
            "operator_id": p["operator_id"],
            "cancel_reason": "motivo",
        },
    ),
    (
        "appointment",
        "status",
        AppointmentStatus,
        lambda p: {"association_id": p["association_id"], "citizen_id": p["citizen_id"]},
    ),
]
_ENUM_IDS = [f"{table}.{column}" for table, column, _, _ in _ENUM_COLUMNS]


def _unique_extras(table: str, i: int) -> dict[str, Any]:
    """Values keeping each accepted row distinct where the table has a unique key."""
    if table == "operator":
        return {"username": f"user{i}"}
    if table == "room":
        return {"name": f"Sala prova {i}"}
    if table == "enrollment":
        return {"number": 100 + i}
    return {}


@pytest.mark.parametrize(("table", "column", "enum_cls", "extra"), _ENUM_COLUMNS, ids=_ENUM_IDS)
def test_enum_column_rejects_unknown_values(
    db: Database, rows: Rows, table: str, column: str, enum_cls: type, extra: Callable
) -> None:
    parents = _parents(rows)
    with db.read() as s:
        parents["requirement_id"] = s.execute(
            text("SELECT id FROM document_requirement WHERE code = 'statute'")
        ).scalar_one()
    base = extra(parents)

    # Every value of the Python enum is accepted: the migration and the enum agree.
    for i, value in enumerate(enum_cls.values()):
        if table == "association_document":
            # One checklist item per (association, requirement).
            base["association_id"] = rows.association()
        rows.accepts(table, **{**base, **_unique_extras(table, i), column: value})

    first = enum_cls.values()[0]
    member = enum_cls(first)
    bad_values = ["banana", "", first.upper(), f" {first}"]
    if member.label != first and len(member.label) <= 32:  # longer: VARCHAR(32) says no first
        bad_values.append(member.label)  # the Italian label is not what is stored
    if table == "association_document":
        base["association_id"] = rows.association()
    for bad in bad_values:
        rows.rejects(table, **{**base, **_unique_extras(table, 999), column: bad})


# --- associations -----------------------------------------------------------------------


def test_two_living_associations_cannot_share_a_tax_code(db: Database, rows: Rows) -> None:
    rows.association(name="Prima", tax_code="97123450150", status="iscritta")
    rows.rejects("association", name="Seconda", tax_code="97123450150", status="bozza")
    rows.rejects("association", name="Terza", tax_code="97123450150", status="sospesa")
    assert rows.count("association", "tax_code = '97123450150'") == 1


def test_a_ceased_association_does_not_block_its_tax_code(db: Database, rows: Rows) -> None:
    rows.association(name="Vecchia", tax_code="97123450150", status="cessata")
    rows.association(name="Altra vecchia", tax_code="97123450150", status="cessata")
    rows.association(name="Nuova", tax_code="97123450150", status="iscritta")
    assert rows.count("association", "tax_code = '97123450150'") == 3


def test_reviving_a_ceased_association_with_a_taken_tax_code_is_rejected(
    db: Database, rows: Rows
) -> None:
    old = rows.association(name="Vecchia", tax_code="97123450150", status="cessata")
    rows.association(name="Nuova", tax_code="97123450150", status="iscritta")
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("UPDATE association SET status = 'iscritta' WHERE id = :id"), {"id": old})
    with db.read() as s:
        status = s.execute(
            text("SELECT status FROM association WHERE id = :id"), {"id": old}
        ).scalar_one()
    assert status == "cessata"


def test_many_associations_without_tax_code_are_allowed(db: Database, rows: Rows) -> None:
    rows.association(name="Gruppo 1", tax_code=None, status="iscritta")
    rows.association(name="Gruppo 2", tax_code=None, status="iscritta")
    rows.association(name="Gruppo 3", tax_code=None, status="bozza")
    assert rows.count("association", "tax_code IS NULL") == 3


# --- enrollments ------------------------------------------------------------------------


@pytest.fixture
def enrollment_parents(rows: Rows) -> dict[str, int]:
    return {"association_id": rows.association(), "operator_id": rows.operator()}


def test_enrollment_year_and_number_are_unique(
    db: Database, rows: Rows, enrollment_parents: dict[str, int]
) -> None:
    p = enrollment_parents
    rows.accepts("enrollment", **p, year=2026, number=7)
    rows.accepts("enrollment", **p, year=2027, number=7)  # numbers restart each year
    rows.accepts("enrollment", **p, year=2026, number=8)
    rows.rejects("enrollment", **p, year=2026, number=7)
    # Even a cancelled receipt keeps its number.
    rows.rejects("enrollment", **p, year=2026, number=8, status="annullata", cancel_reason="x")
    assert rows.count("enrollment") == 3


@pytest.mark.parametrize("number", [0, -1])
def test_enrollment_number_must_be_positive(
    rows: Rows, enrollment_parents: dict[str, int], number: int
) -> None:
    rows.rejects("enrollment", **enrollment_parents, number=number)
    rows.accepts("enrollment", **enrollment_parents, number=1)


def test_a_cancelled_enrollment_needs_a_reason(
    db: Database, rows: Rows, enrollment_parents: dict[str, int]
) -> None:
    p = enrollment_parents
    rows.rejects("enrollment", **p, number=1, status="annullata", cancel_reason="")
    rows.accepts("enrollment", **p, number=1, status="annullata", cancel_reason="Errore di stampa")
    rows.accepts("enrollment", **p, number=2, status="valida", cancel_reason="")
    # ... also when an existing one is cancelled later.
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("UPDATE enrollment SET status = 'annullata' WHERE number = 2"))
    assert rows.count("enrollment", "status = 'annullata'") == 1


# --- calendar ---------------------------------------------------------------------------


def test_booking_must_end_after_it_starts(db: Database, rows: Rows) -> None:
    room = rows.room()
    rows.rejects("booking", room_id=room, start_at=T1, end_at=T1)
    rows.rejects("booking", room_id=room, start_at=T1, end_at=T0)
    rows.accepts("booking", room_id=room, start_at=T0, end_at=T1)
    assert rows.count("booking") == 1


def test_booking_expected_people_must_be_positive(db: Database, rows: Rows) -> None:
    room = rows.room()
    rows.rejects("booking", room_id=room, expected_people=0)
    rows.accepts("booking", room_id=room, expected_people=1)
    rows.accepts("booking", room_id=room, expected_people=None)


def test_booking_series_must_end_after_it_starts(db: Database, rows: Rows) -> None:
    room = rows.room()
    rows.rejects("booking_series", room_id=room, first_start=T0, first_end=T0)
    rows.accepts("booking_series", room_id=room, first_start=T0, first_end=T1)


def test_appointment_must_end_after_it_starts(db: Database, rows: Rows) -> None:
    p = {"association_id": rows.association(), "citizen_id": rows.citizen()}
    rows.rejects("appointment", **p, start_at=T0, end_at=T0)
    rows.rejects("appointment", **p, start_at=T1, end_at=T0)
    rows.accepts("appointment", **p, start_at=T0, end_at=T1)


def test_closure_may_last_one_day_but_not_end_before_it_starts(db: Database, rows: Rows) -> None:
    rows.rejects("closure", start_date="2026-12-26", end_date="2026-12-24")
    rows.accepts("closure", start_date="2026-12-08", end_date="2026-12-08")
    rows.accepts("closure", start_date="2026-12-24", end_date="2026-12-26")
    assert rows.count("closure") == 2


@pytest.mark.parametrize("capacity", [0, -3])
def test_room_capacity_must_be_positive(db: Database, rows: Rows, capacity: int) -> None:
    rows.rejects("room", name="Sala vuota", capacity=capacity)
    rows.accepts("room", name="Sala vuota", capacity=1)


def test_room_name_is_unique(db: Database, rows: Rows) -> None:
    rows.room(name="Sala Rossa")
    rows.rejects("room", name="Sala Rossa")


# --- documents --------------------------------------------------------------------------


def test_requirement_validity_must_be_positive(rows: Rows) -> None:
    rows.rejects("document_requirement", code="x", validity_months=0)
    rows.accepts("document_requirement", code="x", validity_months=12)


def test_requirement_code_is_unique(rows: Rows) -> None:
    rows.rejects("document_requirement", code="statute")  # seeded by migration 0002


def test_one_checklist_item_per_association_and_requirement(db: Database, rows: Rows) -> None:
    assoc = rows.association()
    with db.read() as s:
        req = s.execute(
            text("SELECT id FROM document_requirement WHERE code = 'statute'")
        ).scalar_one()
    rows.accepts("association_document", association_id=assoc, requirement_id=req)
    rows.rejects(
        "association_document", association_id=assoc, requirement_id=req, status="delivered"
    )


# --- foreign keys -----------------------------------------------------------------------


def test_foreign_keys_must_point_to_existing_rows(db: Database, rows: Rows) -> None:
    rows.rejects("board_member", association_id=424242)
    rows.rejects("enrollment", association_id=rows.association(), operator_id=424242)
    rows.rejects("audit_event", operator_id=424242)


def test_an_enrolled_association_cannot_be_deleted(
    db: Database, rows: Rows, enrollment_parents: dict[str, int]
) -> None:
    assoc = enrollment_parents["association_id"]
    rows.accepts("enrollment", **enrollment_parents)
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("DELETE FROM association WHERE id = :id"), {"id": assoc})
    assert rows.count("association", "id = :id", id=assoc) == 1
    assert rows.count("enrollment") == 1


def test_an_operator_in_the_audit_log_cannot_be_deleted(db: Database, rows: Rows) -> None:
    op = rows.operator()
    rows.accepts("audit_event", operator_id=op)
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("DELETE FROM operator WHERE id = :id"), {"id": op})
    assert rows.count("operator", "id = :id", id=op) == 1


@pytest.mark.parametrize(
    ("child", "extra"),
    [
        ("appointment", lambda p: {"citizen_id": p["citizen_id"]}),
        ("booking", lambda p: {"room_id": p["room_id"]}),
        ("booking_series", lambda p: {"room_id": p["room_id"]}),
    ],
)
def test_associations_with_calendar_rows_cannot_be_deleted(
    db: Database, rows: Rows, child: str, extra: Callable
) -> None:
    p = _parents(rows)
    rows.accepts(child, association_id=p["association_id"], **extra(p))
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("DELETE FROM association WHERE id = :id"), {"id": p["association_id"]})
    assert rows.count(child) == 1


def test_deleting_an_association_removes_its_board_and_contacts(db: Database, rows: Rows) -> None:
    doomed = rows.association(name="Da cancellare")
    kept = rows.association(name="Da tenere")
    for assoc in (doomed, kept):
        rows.accepts("board_member", association_id=assoc, role="presidente")
        rows.accepts("board_member", association_id=assoc, role="tesoriere")
        rows.accepts("contact_person", association_id=assoc)
    # Plain SQL: the database cascades, not the ORM.
    with db.write() as s:
        s.execute(text("DELETE FROM association WHERE id = :id"), {"id": doomed})
    assert rows.count("board_member", "association_id = :id", id=doomed) == 0
    assert rows.count("contact_person", "association_id = :id", id=doomed) == 0
    assert rows.count("board_member", "association_id = :id", id=kept) == 2
    assert rows.count("contact_person", "association_id = :id", id=kept) == 1
