"""The register of associations: listing, reading, saving, status changes, deleting."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import String, Table, Text, delete, exists, func, insert, select, type_coerce
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from casedesk.db.base import Base
from casedesk.db.models import (
    Appointment,
    Association,
    AssociationDocument,
    AuditEvent,
    BoardMember,
    Booking,
    ContactPerson,
    DocumentRequirement,
    Enrollment,
)
from casedesk.domain import associations as rules
from casedesk.domain.association_status import StatusChangeError, apply_action
from casedesk.domain.associations import (
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
    Validation,
)
from casedesk.domain.checklist import expires_on
from casedesk.domain.enrollment import renewal_due
from casedesk.domain.enums import (
    AssociationStatus,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
)
from casedesk.domain.plain import to_plain
from casedesk.domain.text_search import haystack
from casedesk.domain.validation import FieldError
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.errors import (
    Conflict,
    NotFound,
    ServiceError,
    ValidationFailed,
)
from casedesk.services.house import enrollment_validity


@dataclass(frozen=True)
class AssociationSummary:
    """One row of the register, with the folded text the instant search looks in."""

    id: int
    name: str
    legal_form: LegalForm
    tax_code: str
    status: AssociationStatus
    sectors: tuple[str, ...]
    main_contact: str
    enrolled_since: date | None
    missing_documents: int
    seeking_volunteers: bool
    search_text: str
    # An `iscritta` whose last receipt has run out (domain.enrollment): shown «da rinnovare».
    renewal_due: bool = False


@dataclass(frozen=True)
class AssociationRecord:
    id: int
    version_id: int
    status: AssociationStatus
    status_reason: str
    draft: AssociationDraft
    created_at: datetime
    updated_at: datetime


_Row = TypeVar("_Row", Association, BoardMember, ContactPerson)


class StaleRecord(Conflict):
    """The association changed on another desk since it was opened here."""

    def __init__(self, current: AssociationRecord, changed_fields: list[str]) -> None:
        self.current = current
        self.changed_fields = changed_fields
        what = ", ".join(changed_fields) if changed_fields else "lo stato"
        super().__init__(
            "Nel frattempo un'altra postazione ha modificato questa associazione "
            f"({what}). Le tue modifiche non sono state salvate: ricarica la scheda "
            "per vedere i dati aggiornati."
        )


# --- reading -------------------------------------------------------------------------


def list_associations(ctx: ServiceContext) -> list[AssociationSummary]:
    """Every association, with what the register shows; a handful of set-based queries."""
    ctx.require_operator()
    with ctx.db.read() as session:
        # Core rows, not ORM ones: this reads the whole register at start-up.
        conn = session.connection()
        contacts: dict[int, list[str]] = defaultdict(list)
        for assoc_id, name in conn.execute(
            select(ContactPerson.association_id, ContactPerson.name).order_by(
                ContactPerson.position, ContactPerson.id
            )
        ):
            contacts[assoc_id].append(name)
        enrolled = dict(
            conn.execute(
                select(Enrollment.association_id, func.max(Enrollment.enrolled_on))
                .where(Enrollment.status == EnrollmentStatus.VALIDA)
                .group_by(Enrollment.association_id)
            ).all()
        )
        today = ctx.today()
        missing = _missing_counts(session, today)
        validity = enrollment_validity(session)
        rows = conn.execute(
            select(
                Association.id,
                Association.name,
                Association.legal_form,
                Association.tax_code,
                Association.status,
                # Raw JSON text: decoded below in one call for all rows, not one per row.
                type_coerce(Association.sectors, Text),
                Association.legal_representative,
                Association.notes,
                Association.seeking_volunteers,
            ).order_by(Association.name, Association.id)
        ).all()
        all_sectors = _decode_json_lists([row[5] for row in rows])
        out = []
        for (aid, name, form, tax, status, _, rep, notes, seeking), sector_list in zip(
            rows, all_sectors, strict=True
        ):
            people = contacts.get(aid, [])
            sectors = tuple(sector_list or ())
            out.append(
                AssociationSummary(
                    id=aid,
                    name=name,
                    legal_form=form,
                    tax_code=tax or "",
                    status=status,
                    sectors=sectors,
                    main_contact=people[0] if people else "",
                    enrolled_since=enrolled.get(aid),
                    missing_documents=missing(aid, form),
                    seeking_volunteers=seeking,
                    search_text=haystack([name, tax, rep, notes, *people, *sectors]),
                    renewal_due=renewal_due(status, enrolled.get(aid), validity, today),
                )
            )
        return out


def _decode_json_lists(values: list[Any]) -> list[Any]:
    """JSON list columns read as raw text, decoded in one call (SQLite gives text;
    PostgreSQL's driver already decodes json, so those pass through)."""
    if all(v is None or isinstance(v, str) for v in values):
        decoded: list[Any] = json.loads("[" + ",".join(v or "[]" for v in values) + "]")
        return decoded
    return [json.loads(v) if isinstance(v, str) else v for v in values]


def _missing_counts(session: Session, today: date) -> Callable[[int, LegalForm], int]:
    """A function (association id, legal form) -> mandatory documents not in order today.

    A delivered copy whose validity has run out counts as missing, as in the checklist.
    """
    required: dict[str, set[int]] = defaultdict(set)
    validity: dict[int, int] = {}
    for req_id, forms, months in session.execute(
        select(
            DocumentRequirement.id,
            DocumentRequirement.legal_forms,
            DocumentRequirement.validity_months,
        ).where(DocumentRequirement.active.is_(True), DocumentRequirement.mandatory.is_(True))
    ):
        for form in forms:
            required[form].add(req_id)
        if months:
            validity[req_id] = months
    in_order: dict[int, set[int]] = defaultdict(set)
    mandatory = {req_id for ids in required.values() for req_id in ids}
    delivered = DocumentStatus.DELIVERED.value
    # Core rows with the status and date as stored: this runs over every document
    # of the register at start-up, and most rows need no date arithmetic.
    for assoc_id, req_id, status, received_on in session.connection().execute(
        select(
            AssociationDocument.association_id,
            AssociationDocument.requirement_id,
            type_coerce(AssociationDocument.status, String),
            type_coerce(AssociationDocument.received_on, String),
        ).where(
            AssociationDocument.status.in_(
                [DocumentStatus.DELIVERED, DocumentStatus.NOT_APPLICABLE]
            ),
            AssociationDocument.requirement_id.in_(mandatory),
        )
    ):
        months = validity.get(req_id)
        if status == delivered and months and received_on is not None:
            day = received_on if isinstance(received_on, date) else date.fromisoformat(received_on)
            if today >= expires_on(day, months):
                continue
        in_order[assoc_id].add(req_id)

    def count(assoc_id: int, form: LegalForm) -> int:
        return len(required.get(form.value, set()) - in_order.get(assoc_id, set()))

    return count


def draft_of(a: Association) -> AssociationDraft:
    """The stored association as the form edits it (board and contacts with their ids)."""
    return AssociationDraft(
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
        sectors=list(a.sectors or []),
        description=a.description,
        seeking_volunteers=a.seeking_volunteers,
        legal_representative=a.legal_representative,
        notes=a.notes,
        board_members=[BoardMemberDraft(m.name, m.role, m.since, id=m.id) for m in a.board_members],
        contact_persons=[
            ContactPersonDraft(c.name, c.phone, c.email, c.availability, c.meets_citizens, id=c.id)
            for c in a.contact_persons
        ],
    )


def _record(a: Association) -> AssociationRecord:
    return AssociationRecord(
        id=a.id,
        version_id=a.version_id,
        status=a.status,
        status_reason=a.status_reason,
        draft=draft_of(a),
        created_at=a.created_at,
        updated_at=a.updated_at,
    )


def _load(session: Session, association_id: int) -> Association:
    a = session.get(
        Association,
        association_id,
        options=[
            selectinload(Association.board_members),
            selectinload(Association.contact_persons),
        ],
    )
    if a is None:
        raise NotFound("Associazione non trovata: forse è stata eliminata da un'altra postazione.")
    return a


def get_association(ctx: ServiceContext, association_id: int) -> AssociationRecord:
    ctx.require_operator()
    with ctx.db.read() as session:
        return _record(_load(session, association_id))


# --- checking ------------------------------------------------------------------------


def _register_checks(
    session: Session, draft: AssociationDraft, exclude_id: int | None, result: Validation
) -> None:
    """Duplicates: the same tax code blocks, a very similar name warns."""
    if draft.tax_code:
        query = select(Association.id, Association.name).where(
            Association.tax_code == draft.tax_code,
            Association.status != AssociationStatus.CESSATA,
        )
        if exclude_id is not None:
            query = query.where(Association.id != exclude_id)
        twin = session.execute(query).first()
        if twin is not None:
            result.errors.append(
                FieldError(
                    "tax_code",
                    f"Il codice fiscale {draft.tax_code} è già di «{twin.name}».",
                    ref_id=twin.id,
                )
            )
    candidates = [
        (aid, name)
        for aid, name in session.execute(select(Association.id, Association.name))
        if aid != exclude_id
    ]
    for aid, name in rules.similar_names(draft.name, candidates)[:3]:
        result.warnings.append(
            FieldError("name", f"Esiste già un'associazione con un nome simile: «{name}».", aid)
        )


def check_association(
    ctx: ServiceContext, draft: AssociationDraft, exclude_id: int | None = None
) -> Validation:
    """Everything the form shows beside the fields: rules, duplicates, warnings."""
    ctx.require_operator()
    clean = rules.normalise(draft)
    result = rules.validate(draft)
    with ctx.db.read() as session:
        _register_checks(session, clean, exclude_id, result)
    return result


def _validated(
    session: Session, draft: AssociationDraft, exclude_id: int | None
) -> AssociationDraft:
    result = rules.validate(draft)
    clean = rules.normalise(draft)
    _register_checks(session, clean, exclude_id, result)
    if result.errors:
        raise ValidationFailed(result.errors)
    return clean


# --- writing -------------------------------------------------------------------------


def association_columns(d: AssociationDraft) -> dict[str, Any]:
    """A (normalised, validated) draft as the association's own columns: the one place
    where a draft becomes a row (the form, the import and the demo data all go through it)."""
    return {
        "name": d.name,
        "legal_form": d.legal_form,
        "tax_code": d.tax_code or None,
        "runts_section": d.runts_section,
        "runts_number": d.runts_number or None,
        "address": d.address,
        "email": d.email,
        "pec": d.pec,
        "phone": d.phone,
        "website": d.website,
        "sectors": list(d.sectors),
        "description": d.description,
        "seeking_volunteers": d.seeking_volunteers,
        "legal_representative": d.legal_representative,
        "notes": d.notes,
    }


def _board_columns(m: BoardMemberDraft) -> dict[str, Any]:
    return {"name": m.name, "role": m.role, "since": m.since}


def _contact_columns(c: ContactPersonDraft) -> dict[str, Any]:
    return {
        "name": c.name,
        "phone": c.phone,
        "email": c.email,
        "availability": c.availability,
        "meets_citizens": c.meets_citizens,
    }


def apply_draft(a: Association, d: AssociationDraft) -> None:
    """Write a (normalised, validated) draft into a loaded association."""
    _fill(a, **association_columns(d))
    # Rows are updated in place, matched by id, so appointments keep pointing at
    # the same contact person across saves.
    members: dict[int | None, BoardMember] = {m.id: m for m in a.board_members}
    a.board_members = [
        _fill(members.get(m.id) or BoardMember(), **_board_columns(m)) for m in d.board_members
    ]
    contacts: dict[int | None, ContactPerson] = {c.id: c for c in a.contact_persons}
    a.contact_persons = [
        _fill(contacts.get(c.id) or ContactPerson(), **_contact_columns(c), position=position)
        for position, c in enumerate(d.contact_persons)  # the desk's order
    ]


@dataclass(frozen=True)
class NewAssociation:
    """A draft to add, with what a new row otherwise takes from the moment: the demo
    data brings its own ids (for the board's and contacts' ids too, set them on the
    draft's members), statuses and times."""

    draft: AssociationDraft
    id: int | None = None
    status: AssociationStatus = AssociationStatus.BOZZA
    status_reason: str = ""
    created_at: datetime | None = None  # None: the context's clock
    updated_at: datetime | None = None  # None: created_at


def add_associations(
    session: Session,
    ctx: ServiceContext,
    new: Sequence[AssociationDraft | NewAssociation],
    action: str,
) -> list[int]:
    """Insert (normalised, validated) associations with their board and contact persons,
    and one audit event each (`action`, the draft as it was saved); returns their ids.

    In the caller's transaction. Core executemany INSERTs with ids chosen first: an
    import of 10,000 rows or a demo of 20,000 takes seconds, not minutes.
    """
    items = [n if isinstance(n, NewAssociation) else NewAssociation(n) for n in new]
    if not items:
        return []
    now = ctx.clock()
    given = [n.id for n in items if n.id is not None]
    if given and len(given) != len(items):
        raise ValueError("add_associations: give an id to every association or to none")
    ids = [n.id for n in items if n.id is not None] if given else _new_ids(session, len(items))
    rows: list[dict[str, Any]] = []
    for aid, n in zip(ids, items, strict=True):
        created = n.created_at or now
        rows.append(
            {
                "id": aid,
                **association_columns(n.draft),
                "status": n.status,
                "status_reason": n.status_reason,
                "created_at": created,
                "updated_at": n.updated_at or created,
                "version_id": 1,
            }
        )
    session.execute(insert(_table(Association)), rows)
    _insert_children(
        session,
        BoardMember,
        [
            (aid, m.id, _board_columns(m))
            for aid, n in zip(ids, items)
            for m in n.draft.board_members
        ],
    )
    _insert_children(
        session,
        ContactPerson,
        [
            (aid, c.id, {**_contact_columns(c), "position": position})
            for aid, n in zip(ids, items)
            for position, c in enumerate(n.draft.contact_persons)
        ],
    )
    operator_id = ctx.operator.id if ctx.operator else None
    session.execute(
        insert(_table(AuditEvent)),
        [
            {
                "at": now,
                "operator_id": operator_id,
                "action": action,
                "entity_type": "association",
                "entity_id": aid,
                "before": None,
                "after": to_plain(n.draft),
            }
            for aid, n in zip(ids, items)
        ],
    )
    return ids


def _table(model: type[Base]) -> Table:
    # Core inserts (executemany) skip the ORM's per-row bookkeeping.
    return cast(Table, model.__table__)


def _insert_children(
    session: Session,
    model: type[BoardMember | ContactPerson],
    rows: list[tuple[int, int | None, dict[str, Any]]],
) -> None:
    # One executemany takes rows of the same keys: rows with a given id apart.
    with_id = [{"id": rid, "association_id": aid, **v} for aid, rid, v in rows if rid is not None]
    without = [{"association_id": aid, **v} for aid, rid, v in rows if rid is None]
    for batch in (with_id, without):
        if batch:
            session.execute(insert(_table(model)), batch)


def _new_ids(session: Session, count: int) -> list[int]:
    """Ids for `count` new associations, chosen before inserting them.

    With RETURNING, SQLAlchemy can only pair each returned id with its row by
    inserting row by row (and gathering the results costs quadratic time): 10,000
    rows took seconds. Knowing the ids first, one executemany does.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # The column's own sequence: concurrent desks never get the same ids.
        sequence = func.pg_get_serial_sequence(Association.__tablename__, "id")
        series = func.generate_series(1, count).table_valued("n")
        return list(session.scalars(select(func.nextval(sequence)).select_from(series)))
    if dialect == "sqlite":
        # The write transaction (BEGIN IMMEDIATE) has the database to itself:
        # the highest id plus one, as SQLite itself would choose.
        highest = session.scalar(select(func.coalesce(func.max(Association.id), 0))) or 0
        return list(range(highest + 1, highest + 1 + count))
    raise NotImplementedError(dialect)


def _fill(row: _Row, **values: object) -> _Row:
    for key, value in values.items():
        setattr(row, key, value)
    return row


def create_association(ctx: ServiceContext, draft: AssociationDraft) -> AssociationRecord:
    ctx.require_operator()
    with ctx.db.write() as session:
        clean = _validated(session, draft, None)
        (new_id,) = add_associations(session, ctx, [clean], "association.create")
        return _record(_load(session, new_id))


def update_association(
    ctx: ServiceContext, original: AssociationRecord, draft: AssociationDraft
) -> AssociationRecord:
    """Save the form; `original` is the record the form was loaded from."""
    ctx.require_operator()
    association_id = original.id
    try:
        with ctx.db.write() as session:
            a = _load(session, association_id)
            if a.version_id != original.version_id:
                raise _stale(a, original.draft)
            clean = _validated(session, draft, association_id)
            _check_removed_contacts(session, a, clean)
            before = rules.as_plain(draft_of(a))
            apply_draft(a, clean)
            after = rules.as_plain(clean)
            old, new = audit.changed(before, after)
            if not new:
                return _record(a)
            a.updated_at = ctx.clock()
            session.flush()
            audit.record(session, ctx, "association.update", "association", a.id, old, new)
            return _record(a)
    except StaleDataError:
        # Another desk committed between our read and our write.
        with ctx.db.read() as session:
            raise _stale(_load(session, association_id), original.draft) from None


def _check_removed_contacts(session: Session, a: Association, d: AssociationDraft) -> None:
    kept = {c.id for c in d.contact_persons}
    removed = [c for c in a.contact_persons if c.id not in kept]
    for contact in removed:
        if session.scalar(select(exists().where(Appointment.contact_person_id == contact.id))):
            raise ServiceError(
                f"Il referente «{contact.name}» ha degli appuntamenti con i cittadini e non "
                "si può togliere: segna invece che non incontra più i cittadini."
            )


def _stale(current: Association, loaded: AssociationDraft) -> StaleRecord:
    """What the other desk changed: the form as it was loaded against the record now."""
    record = _record(current)
    return StaleRecord(record, rules.differences(loaded, record.draft))


def change_status(
    ctx: ServiceContext,
    association_id: int,
    action: str,
    reason: str = "",
    version_id: int | None = None,
) -> AssociationRecord:
    """Suspend, reactivate, cease or reopen (see domain.association_status)."""
    ctx.require_operator()
    with ctx.db.write() as session:
        a = _load(session, association_id)
        if version_id is not None and a.version_id != version_id:
            raise _stale(a, draft_of(a))
        try:
            target = apply_action(a.status, action, reason)
        except StatusChangeError as exc:
            raise ServiceError(str(exc)) from None
        if target is not AssociationStatus.CESSATA and a.tax_code:
            # Reopening must not give two living associations the same tax code.
            clash = session.scalar(
                select(Association.name).where(
                    Association.tax_code == a.tax_code,
                    Association.status != AssociationStatus.CESSATA,
                    Association.id != a.id,
                )
            )
            if clash:
                raise ServiceError(f"Il codice fiscale {a.tax_code} è già di «{clash}».")
        before = {"status": a.status.value, "status_reason": a.status_reason}
        a.status = target
        a.status_reason = reason.strip()
        a.updated_at = ctx.clock()
        session.flush()
        audit.record(
            session,
            ctx,
            f"association.{action}",
            "association",
            a.id,
            before,
            {"status": target.value, "status_reason": a.status_reason},
        )
        return _record(a)


def delete_association(ctx: ServiceContext, association_id: int) -> None:
    """Only a coordinator, only with no enrollment, booking or appointment."""
    ctx.require_coordinator()
    with ctx.db.write() as session:
        a = _load(session, association_id)
        for model, what in (
            (Enrollment, "iscrizioni"),
            (Booking, "prenotazioni"),
            (Appointment, "appuntamenti"),
        ):
            if session.scalar(select(exists().where(model.association_id == a.id))):
                raise ServiceError(
                    f"«{a.name}» ha delle {what} registrate e non si può eliminare: "
                    "segnala invece come cessata."
                )
        before = rules.as_plain(draft_of(a))
        session.execute(
            delete(AssociationDocument).where(AssociationDocument.association_id == a.id)
        )
        session.delete(a)
        audit.record(
            session, ctx, "association.delete", "association", association_id, before, None
        )
