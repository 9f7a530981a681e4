"""Column types and mapper behaviour the rest of the program relies on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm.exc import StaleDataError

from casedesk.db.engine import Database
from casedesk.db.models import Association, AuditEvent, BoardMember, Enrollment
from casedesk.domain.enums import AssociationStatus, BoardRole, LegalForm

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def _association(**kw: object) -> Association:
    values: dict[str, object] = {
        "name": "Amici del quartiere",
        "legal_form": LegalForm.COMITATO,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(kw)
    return Association(**values)


# --- UTCDateTime ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        # Milan, winter (UTC+1) and summer (UTC+2) time, with microseconds.
        datetime(2026, 1, 15, 10, 45, 12, 345678, tzinfo=ZoneInfo("Europe/Rome")),
        datetime(2026, 7, 15, 0, 30, tzinfo=ZoneInfo("Europe/Rome")),
        datetime(2026, 3, 1, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
    ],
    ids=["milan-winter", "milan-summer-day-before-in-utc", "utc-5", "utc"],
)
def test_utc_datetime_round_trips_as_aware_utc(db: Database, moment: datetime) -> None:
    with db.write() as s:
        event = AuditEvent(at=moment, action="test", entity_type="test")
        s.add(event)
        s.flush()
        event_id = event.id

    with db.read() as s:
        loaded = s.get(AuditEvent, event_id)
        assert loaded is not None
        raw = s.execute(
            text("SELECT at FROM audit_event WHERE id = :id"), {"id": event_id}
        ).scalar_one()

    assert loaded.at == moment  # the same instant
    assert loaded.at.tzinfo is UTC
    assert loaded.at.utcoffset() == timedelta(0)
    expected_utc = moment.astimezone(UTC)
    assert (loaded.at.year, loaded.at.month, loaded.at.day, loaded.at.hour) == (
        expected_utc.year,
        expected_utc.month,
        expected_utc.day,
        expected_utc.hour,
    )
    assert loaded.at.microsecond == moment.microsecond
    # Stored as naive UTC wall-clock time on both backends.
    if isinstance(raw, str):  # SQLite
        raw = datetime.fromisoformat(raw)
    assert raw.tzinfo is None
    assert raw == expected_utc.replace(tzinfo=None)


def test_utc_datetime_rejects_naive_datetimes(db: Database) -> None:
    with pytest.raises(StatementError) as excinfo, db.write() as s:
        s.add(AuditEvent(at=datetime(2026, 11, 28, 9, 0), action="test", entity_type="test"))
        s.flush()
    assert isinstance(excinfo.value.orig, ValueError)
    assert "aware" in str(excinfo.value)
    with db.read() as s:
        assert s.scalar(select(AuditEvent)) is None


def test_utc_datetime_keeps_none(db: Database) -> None:
    from casedesk.db.base import UTCDateTime

    column_type = UTCDateTime()
    dialect = db.engine.dialect
    assert column_type.process_bind_param(None, dialect) is None
    assert column_type.process_result_value(None, dialect) is None


# --- enums are stored by value -----------------------------------------------------------


def test_enums_are_stored_as_their_values(db: Database) -> None:
    with db.write() as s:
        assoc = _association(legal_form=LegalForm.ETS_RUNTS, status=AssociationStatus.ISCRITTA)
        assoc.board_members.append(BoardMember(name="Carla", role=BoardRole.VICEPRESIDENTE))
        s.add(assoc)
        s.flush()
        assoc_id = assoc.id
    with db.read() as s:
        raw = s.execute(
            text("SELECT legal_form, status FROM association WHERE id = :id"), {"id": assoc_id}
        ).one()
        role = s.execute(text("SELECT role FROM board_member")).scalar_one()
        loaded = s.get(Association, assoc_id)
        assert loaded is not None
        assert loaded.legal_form is LegalForm.ETS_RUNTS
    assert tuple(raw) == ("ets_runts", "iscritta")
    assert role == "vicepresidente"


# --- optimistic locking -----------------------------------------------------------------


def test_association_version_increments_on_each_update(db: Database) -> None:
    with db.write() as s:
        assoc = _association()
        s.add(assoc)
        s.flush()
        assoc_id = assoc.id
    assert assoc.version_id == 1

    for expected, name in [(2, "Nome due"), (3, "Nome tre")]:
        with db.write() as s:
            loaded = s.get(Association, assoc_id)
            assert loaded is not None
            loaded.name = name
        assert loaded.version_id == expected

    with db.read() as s:
        version = s.execute(
            text("SELECT version_id FROM association WHERE id = :id"), {"id": assoc_id}
        ).scalar_one()
    assert version == 3


def test_a_stale_copy_cannot_overwrite_a_newer_save(db: Database) -> None:
    """Two desks open the same association; the second to save is refused."""
    with db.write() as s:
        assoc = _association(name="Originale")
        s.add(assoc)
        s.flush()
        assoc_id = assoc.id

    # Both desks load the record (each in its own session) ...
    with db.read() as s:
        desk_a = s.get(Association, assoc_id)
    with db.read() as s:
        desk_b = s.get(Association, assoc_id)
    assert desk_a is not None and desk_b is not None
    assert desk_a is not desk_b

    # ... desk A saves first ...
    with db.write() as s:
        s.add(desk_a)
        desk_a.name = "Salvato da A"
    assert desk_a.version_id == 2

    # ... desk B saves its stale copy: refused, not silently overwriting A.
    with pytest.raises(StaleDataError), db.write() as s:
        s.add(desk_b)
        desk_b.name = "Salvato da B"

    with db.read() as s:
        row = s.execute(
            text("SELECT name, version_id FROM association WHERE id = :id"), {"id": assoc_id}
        ).one()
    assert tuple(row) == ("Salvato da A", 2)


def test_a_stale_delete_is_refused_too(db: Database) -> None:
    with db.write() as s:
        assoc = _association()
        s.add(assoc)
        s.flush()
        assoc_id = assoc.id
    with db.read() as s:
        stale = s.get(Association, assoc_id)
    with db.write() as s:
        fresh = s.get(Association, assoc_id)
        assert fresh is not None
        fresh.notes = "modificata"
    with pytest.raises(StaleDataError), db.write() as s:
        s.add(stale)
        s.delete(stale)
    with db.read() as s:
        assert s.get(Association, assoc_id) is not None


# --- enrollment receipt numbers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "number", "expected"),
    [
        (2026, 7, "2026/0007"),
        (2026, 1, "2026/0001"),
        (2027, 123, "2027/0123"),
        (2026, 12345, "2026/12345"),
    ],
)
def test_receipt_number_format(year: int, number: int, expected: str) -> None:
    assert Enrollment(year=year, number=number).receipt_number == expected
