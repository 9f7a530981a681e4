"""Loading the demo data (domain.demo_data) into an empty database, in one transaction.

Rows go in with bulk INSERTs and the generator's explicit ids, so that 20,000
associations load in seconds; on PostgreSQL the id sequences are then moved past
the highest id, so that the desk's own inserts keep working afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from casedesk.db.base import Base
from casedesk.db.models import (
    Appointment,
    Association,
    BoardMember,
    Booking,
    BookingSeries,
    Citizen,
    Closure,
    ContactPerson,
    House,
    Operator,
    Room,
)
from casedesk.domain import demo_data, opening_hours
from casedesk.domain.calendar_time import milan_now
from casedesk.domain.enums import Role
from casedesk.domain.passwords import hash_password
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.services.house import HOUSE_ID

NOT_EMPTY = (
    "Il database contiene già dei dati: i dati di esempio si caricano solo in un database vuoto."
)
# Any of these holding a row means the database is in use (the document catalogue,
# seeded by the migrations, does not count).
_IN_USE = (House, Operator, Association, Room, Citizen)


@dataclass(frozen=True)
class DemoCredential:
    username: str
    password: str
    full_name: str
    role: Role


def _has_data(session: Session) -> bool:
    return any(session.scalar(select(model.id).limit(1)) is not None for model in _IN_USE)


def _rows(items: Sequence[Any], **extra: Any) -> list[dict[str, Any]]:
    """The generator's dataclasses as column dictionaries (their field names are the columns)."""
    if not items:
        return []
    names = [f.name for f in fields(items[0])]
    return [{**{name: getattr(item, name) for name in names}, **extra} for item in items]


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    if rows:
        # Core INSERT on the table: the ORM's per-row bookkeeping is not needed here.
        session.execute(insert(Base.metadata.tables[model.__tablename__]), rows)


def fill_demo(
    ctx: ServiceContext,
    *,
    associations: int = 40,
    seed: int = 2026,
    today: date | None = None,
) -> list[DemoCredential]:
    """Fill an empty database with a demo house; returns the demo operators' credentials.

    Refuses (ServiceError) when the database already holds a house, operators,
    associations, rooms or citizens; in that case nothing is written.
    """
    # A cheap look first, so a refusal does not wait for the generator.
    with ctx.db.read() as session:
        if _has_data(session):
            raise ServiceError(NOT_EMPTY)
    data = demo_data.generate(
        associations, seed, today=today if today is not None else milan_now().date()
    )
    hashes = [hash_password(op.password) for op in data.operators]
    now = ctx.clock()

    with ctx.db.write() as session:
        # Checked again under the write lock: another desk may have started meanwhile.
        if _has_data(session):
            raise ServiceError(NOT_EMPTY)
        house = data.house
        _insert(
            session,
            House,
            [
                {
                    "id": HOUSE_ID,
                    "name": house.name,
                    "address": house.address,
                    "phone": house.phone,
                    "email": house.email,
                    "opening_hours": opening_hours.to_json(house.opening_hours),
                    "logo_path": None,
                    "settings": {},
                }
            ],
        )
        _insert(
            session,
            Operator,
            [
                {
                    "id": op.id,
                    "full_name": op.full_name,
                    "username": op.username,
                    "role": op.role,
                    "password_hash": password_hash,
                    "active": True,
                    "must_change_password": False,
                    "created_at": now,
                    "notes": "",
                }
                for op, password_hash in zip(data.operators, hashes)
            ],
        )
        association_rows = _rows(data.associations, version_id=1)
        for row in association_rows:
            row["sectors"] = list(row["sectors"])
        _insert(session, Association, association_rows)
        _insert(session, BoardMember, _rows(data.board_members))
        _insert(session, ContactPerson, _rows(data.contact_persons))
        _insert(session, Room, _rows(data.rooms))
        series_rows = _rows(data.booking_series)
        for row in series_rows:
            row["exceptions"] = list(row["exceptions"])
        _insert(session, BookingSeries, series_rows)
        _insert(session, Booking, _rows(data.bookings))
        _insert(session, Closure, _rows(data.closures))
        _insert(session, Citizen, _rows(data.citizens))
        _insert(session, Appointment, _rows(data.appointments))

        if session.get_bind().dialect.name == "postgresql":
            _advance_sequences(
                session,
                [
                    House,
                    Operator,
                    Association,
                    BoardMember,
                    ContactPerson,
                    Room,
                    BookingSeries,
                    Booking,
                    Closure,
                    Citizen,
                    Appointment,
                ],
            )

        audit.record(
            session,
            replace(ctx, operator=None),
            "demo.fill",
            "house",
            HOUSE_ID,
            None,
            {"seed": seed, "today": data.today, **data.counts()},
        )

    return [
        DemoCredential(op.username, op.password, op.full_name, op.role) for op in data.operators
    ]


def _advance_sequences(session: Session, models: Sequence[type[Base]]) -> None:
    """Move each table's id sequence to its highest id (rows were inserted with explicit ids)."""
    for model in models:
        table = Base.metadata.tables[model.__tablename__]
        highest = select(func.max(table.c.id)).scalar_subquery()
        sequence = func.pg_get_serial_sequence(table.name, "id")
        session.execute(select(func.setval(sequence, highest)))
