"""Loading the demo data (domain.demo_data) into an empty database, in one transaction.

Rows go in with bulk INSERTs and the generator's explicit ids, so that 20,000
associations load in seconds; on PostgreSQL the id sequences are then moved past
the highest id, so that the desk's own inserts keep working afterwards.

Every enrollment gets its receipt snapshot, built as enroll() builds it. Only a few
receipts (the most recent, and the cancelled one) are also rendered as archived PDFs,
whatever the size of the demo; the others have no archived file, and a reprint
renders their snapshot anyway. An existing file is never overwritten.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from casedesk.db.base import Base
from casedesk.db.models import (
    Appointment,
    Association,
    AssociationDocument,
    BoardMember,
    Booking,
    BookingSeries,
    Citizen,
    Closure,
    ContactPerson,
    DocumentRequirement,
    Enrollment,
    House,
    Operator,
    Room,
)
from casedesk.domain import demo_data, opening_hours
from casedesk.domain.associations import AssociationDraft, BoardMemberDraft, ContactPersonDraft
from casedesk.domain.calendar_time import milan_now
from casedesk.domain.enums import EnrollmentStatus, Role
from casedesk.domain.passwords import hash_password
from casedesk.domain.receipt import ReceiptSnapshot, pdf_filename
from casedesk.services import audit
from casedesk.services.associations import NewAssociation, add_associations
from casedesk.services.context import ServiceContext
from casedesk.services.enrollment import (
    build_snapshot,
    receipt_association,
    receipt_house,
    render_pdf,
)
from casedesk.services.errors import ServiceError
from casedesk.services.files import write_atomically
from casedesk.services.house import HOUSE_ID

# At most this many demo receipts are rendered as archived PDFs, whatever the size.
DEMO_RECEIPT_PDFS = 15

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
    with_pdfs: bool = True,
) -> list[DemoCredential]:
    """Fill an empty database with a demo house; returns the demo operators' credentials.

    Refuses (ServiceError) when the database already holds a house, operators,
    associations, rooms or citizens; in that case nothing is written.
    `with_pdfs`: also render a few receipts into the receipts folder (at most
    DEMO_RECEIPT_PDFS); if the transaction fails they are removed.
    """
    # A cheap look first, so a refusal does not wait for the generator.
    with ctx.db.read() as session:
        if _has_data(session):
            raise ServiceError(NOT_EMPTY)
        catalogue = {
            code: (rid, title)
            for rid, code, title in session.execute(
                select(DocumentRequirement.id, DocumentRequirement.code, DocumentRequirement.title)
            )
        }
    data = demo_data.generate(
        associations, seed, today=today if today is not None else milan_now().date()
    )
    hashes = [hash_password(op.password) for op in data.operators]
    now = ctx.clock()
    snapshots = _snapshots(data, catalogue)
    archived: dict[int, tuple[str, str]] = {}
    written: list[Path] = []
    try:
        if with_pdfs:
            archived, written = _archive_some(ctx, data, snapshots)
        _fill(ctx, data, seed, hashes, now, catalogue, snapshots, archived)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return [
        DemoCredential(op.username, op.password, op.full_name, op.role) for op in data.operators
    ]


def _snapshots(
    data: demo_data.DemoData, catalogue: dict[str, tuple[int, str]]
) -> dict[int, ReceiptSnapshot]:
    """Each enrollment's receipt snapshot (enrollment id -> snapshot), as enroll() makes it."""
    house = receipt_house(
        data.house.name, data.house.address, data.house.phone, data.house.email, None
    )
    associations = {a.id: a for a in data.associations}
    operators = {op.id: op.full_name for op in data.operators}

    def title(code: str) -> str | None:
        found = catalogue.get(code)
        return found[1] if found else None

    out = {}
    for e in data.enrollments:
        a = associations[e.association_id]
        out[e.id] = build_snapshot(
            year=e.year,
            number=e.number,
            enrolled_on=e.enrolled_on,
            house=house,
            association=receipt_association(
                name=a.name,
                legal_form=a.legal_form,
                tax_code=a.tax_code,
                runts_section=a.runts_section,
                runts_number=a.runts_number,
                address=a.address,
                legal_representative=a.legal_representative,
            ),
            delivered=[(t, on) for code, on in e.delivered if (t := title(code))],
            not_applicable=[(t, why) for code, why in e.not_applicable if (t := title(code))],
            override_reason=e.override_reason,
            house_settings={},
            operator_name=operators[e.operator_id],
        )
    return out


def _archive_some(
    ctx: ServiceContext, data: demo_data.DemoData, snapshots: dict[int, ReceiptSnapshot]
) -> tuple[dict[int, tuple[str, str]], list[Path]]:
    """Render the most recent receipts (and the cancelled ones) into the receipts folder.

    Returns enrollment id -> (path relative to the folder, SHA-256), and the files written.
    A file already there (another database's receipt) is left alone: that enrollment
    then has no archived file.
    """
    cancelled = [e for e in data.enrollments if e.status is EnrollmentStatus.ANNULLATA]
    recent = sorted(
        (e for e in data.enrollments if e.status is EnrollmentStatus.VALIDA),
        key=lambda e: (e.enrolled_on, e.id),
        reverse=True,
    )
    chosen = (cancelled + recent)[:DEMO_RECEIPT_PDFS]
    archived: dict[int, tuple[str, str]] = {}
    written: list[Path] = []
    try:
        for e in chosen:
            path = ctx.settings.receipts_dir / str(e.year) / pdf_filename(e.year, e.number)
            if path.exists():
                continue
            pdf = render_pdf(snapshots[e.id])
            write_atomically(path, pdf, create_folder=True)
            written.append(path)
            archived[e.id] = (
                path.relative_to(ctx.settings.receipts_dir).as_posix(),
                hashlib.sha256(pdf).hexdigest(),
            )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return archived, written


def _fill(
    ctx: ServiceContext,
    data: demo_data.DemoData,
    seed: int,
    hashes: list[str],
    now: datetime,
    catalogue: dict[str, tuple[int, str]],
    snapshots: dict[int, ReceiptSnapshot],
    archived: dict[int, tuple[str, str]],
) -> None:
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
                    "enrollment_validity_months": house.enrollment_validity_months,
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
        add_associations(
            session, replace(ctx, operator=None), _new_associations(data), "association.demo"
        )
        _insert(session, Room, _rows(data.rooms))
        series_rows = _rows(data.booking_series)
        for row in series_rows:
            row["exceptions"] = list(row["exceptions"])
        _insert(session, BookingSeries, series_rows)
        _insert(session, Booking, _rows(data.bookings))
        _insert(session, Closure, _rows(data.closures))
        _insert(session, Citizen, _rows(data.citizens))
        _insert(session, Appointment, _rows(data.appointments))
        _insert(
            session,
            AssociationDocument,
            [
                {
                    "id": d.id,
                    "association_id": d.association_id,
                    "requirement_id": catalogue[d.requirement_code][0],
                    "status": d.status,
                    "received_on": d.received_on,
                    "received_by_id": d.received_by_id,
                    "note": d.note,
                    "file_path": None,
                    "file_sha256": None,
                }
                for d in data.documents
                if d.requirement_code in catalogue
            ],
        )
        _insert(
            session,
            Enrollment,
            [
                {
                    "id": e.id,
                    "association_id": e.association_id,
                    "year": e.year,
                    "number": e.number,
                    "enrolled_on": e.enrolled_on,
                    "operator_id": e.operator_id,
                    "status": e.status,
                    "cancel_reason": e.cancel_reason,
                    "override_reason": e.override_reason,
                    "snapshot": snapshots[e.id].to_json(),
                    "pdf_path": archived.get(e.id, (None, None))[0],
                    "pdf_sha256": archived.get(e.id, (None, None))[1],
                }
                for e in data.enrollments
            ],
        )

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
                    AssociationDocument,
                    Enrollment,
                ],
            )

        audit.record(
            session,
            replace(ctx, operator=None),
            "demo.fill",
            "house",
            HOUSE_ID,
            None,
            {"seed": seed, "today": data.today, **data.counts(), "receipt_pdfs": len(archived)},
        )


def _new_associations(data: demo_data.DemoData) -> list[NewAssociation]:
    """The generator's associations as drafts, with their own ids, statuses and times."""
    board: dict[int, list[BoardMemberDraft]] = defaultdict(list)
    for m in data.board_members:
        board[m.association_id].append(BoardMemberDraft(m.name, m.role, m.since, id=m.id))
    contacts: dict[int, list[ContactPersonDraft]] = defaultdict(list)
    for c in data.contact_persons:
        contacts[c.association_id].append(
            ContactPersonDraft(c.name, c.phone, c.email, c.availability, c.meets_citizens, id=c.id)
        )
    return [
        NewAssociation(
            AssociationDraft(
                name=a.name,
                legal_form=a.legal_form,
                tax_code=a.tax_code or "",
                runts_section=a.runts_section,
                runts_number=a.runts_number or "",
                address=a.address,
                email=a.email,
                pec=a.pec,
                phone=a.phone,
                website=a.website,
                sectors=list(a.sectors),
                description=a.description,
                seeking_volunteers=a.seeking_volunteers,
                legal_representative=a.legal_representative,
                notes=a.notes,
                board_members=board.get(a.id, []),
                contact_persons=contacts.get(a.id, []),
            ),
            id=a.id,
            status=a.status,
            status_reason=a.status_reason,
            created_at=a.created_at,
            updated_at=a.updated_at,
        )
        for a in data.associations
    ]


def _advance_sequences(session: Session, models: Sequence[type[Base]]) -> None:
    """Move each table's id sequence to its highest id (rows were inserted with explicit ids)."""
    for model in models:
        table = Base.metadata.tables[model.__tablename__]
        highest = select(func.max(table.c.id)).scalar_subquery()
        sequence = func.pg_get_serial_sequence(table.name, "id")
        session.execute(select(func.setval(sequence, highest)))
