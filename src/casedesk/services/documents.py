"""Each association's papers: the checklist, recording deliveries, scanned files, the worklist.

The checklist is computed (domain.checklist): records are stored per requirement, so
changing an association's legal form changes which requirements are listed while
every record is kept.

Scanned files are copied into `documents/<association id>/` and their SHA-256 is
recorded. Opening a checklist does not read whole files: it looks at each file's
size and modification time, and hashes only files it has not hashed yet in this
process and that are small; a bigger one shows as «da verificare» until
`verify_file` hashes it.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casedesk.db.models import (
    Association,
    AssociationDocument,
    DocumentRequirement,
    Enrollment,
    Operator,
)
from casedesk.domain.calendar_time import MILAN
from casedesk.domain.checklist import (
    ChecklistItem,
    DocumentRecord,
    Requirement,
    build_checklist,
    gate_message,
)
from casedesk.domain.enrollment import (
    LastReceipt,
    enroll_refusal,
    enrollment_ends_on,
    is_renewal,
)
from casedesk.domain.enums import (
    AssociationStatus,
    DocumentStatus,
    EnrollmentStatus,
    LabelledEnum,
    LegalForm,
)
from casedesk.domain.receipt import receipt_number
from casedesk.domain.validation import FieldError
from casedesk.services import audit, files
from casedesk.services.catalogue import load_requirements, to_requirement
from casedesk.services.context import ServiceContext
from casedesk.services.errors import Conflict, NotFound, ServiceError, ValidationFailed
from casedesk.services.house import enrollment_validity


class FileState(LabelledEnum):
    NONE = "none", "Nessun file"
    OK = "file_ok", "File presente"
    MISSING = "missing", "File non trovato"
    CHANGED = "changed", "File modificato dopo la consegna"
    UNCHECKED = "unchecked", "File da verificare"


@dataclass(frozen=True)
class ChecklistEntry:
    """One line of the checklist: the domain's item plus the scanned file's state."""

    item: ChecklistItem
    file_state: FileState

    @property
    def requirement(self) -> Requirement:
        return self.item.requirement

    @property
    def status(self) -> DocumentStatus:
        return self.item.status

    @property
    def expires_on(self) -> date | None:
        return self.item.expires_on

    @property
    def received_on(self) -> date | None:
        return self.item.record.received_on if self.item.record else None

    @property
    def received_by(self) -> str:
        """The full name of the operator who recorded it."""
        return self.item.record.received_by if self.item.record else ""

    @property
    def note(self) -> str:
        return self.item.record.note if self.item.record else ""

    @property
    def file_path(self) -> str | None:
        return self.item.record.file_path if self.item.record else None

    def describe(self, today: date) -> str:
        return self.item.describe(today)


@dataclass(frozen=True)
class ChecklistView:
    association_id: int
    association_name: str
    legal_form: LegalForm
    association_status: AssociationStatus
    today: date
    entries: tuple[ChecklistEntry, ...]
    # Exactly which mandatory papers are missing or out of date (None: all in order).
    gate_message: str | None
    # Why the association's status does not allow enrolling now (None: it does).
    status_message: str | None
    # Its most recent valid receipt, and the day that enrollment runs out (None: never).
    last_receipt: LastReceipt | None = None
    enrollment_ends_on: date | None = None
    # Enrolling now renews it («Rinnova iscrizione…»): a new receipt.
    renewal: bool = False

    @property
    def items(self) -> list[ChecklistItem]:
        return [e.item for e in self.entries]

    @property
    def can_enroll(self) -> bool:
        """«Iscrivi» enabled: status allows it and every mandatory paper is in order."""
        return self.status_message is None and self.gate_message is None

    @property
    def renewal_due(self) -> bool:
        """Enrolled, and the last receipt has run out («da rinnovare»)."""
        return (
            self.renewal
            and self.enrollment_ends_on is not None
            and self.today >= self.enrollment_ends_on
        )

    @property
    def can_override(self) -> bool:
        """Only papers are missing: a coordinator may enroll anyway, with a reason."""
        return self.status_message is None and self.gate_message is not None

    def entry(self, requirement_id: int) -> ChecklistEntry | None:
        return next((e for e in self.entries if e.requirement.id == requirement_id), None)


@dataclass(frozen=True)
class WorklistEntry:
    association_id: int
    name: str
    legal_form: LegalForm
    status: AssociationStatus
    created_on: date
    # Since when its papers are not in order: the day it was registered for a missing
    # paper, the expiry day for one out of date; the worklist is sorted on it.
    since: date
    missing: tuple[str, ...]  # e.g. "Statuto (mancante)", "Elenco … (scaduto il 01/01/2026)"


# --- dates and statuses -----------------------------------------------------------------


def last_valid_receipt(session: Session, association_id: int) -> LastReceipt | None:
    """The association's most recent receipt that is not cancelled."""
    row = session.execute(
        select(Enrollment.year, Enrollment.number, Enrollment.enrolled_on)
        .where(
            Enrollment.association_id == association_id,
            Enrollment.status == EnrollmentStatus.VALIDA,
        )
        .order_by(Enrollment.enrolled_on.desc(), Enrollment.year.desc(), Enrollment.number.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    year, number, enrolled_on = row
    return LastReceipt(receipt_number(year, number), enrolled_on)


# --- reading ------------------------------------------------------------------------------


def load_association(session: Session, association_id: int, *, lock: bool = False) -> Association:
    a = session.get(Association, association_id, with_for_update=lock or None)
    if a is None:
        raise NotFound("Associazione non trovata: forse è stata eliminata da un'altra postazione.")
    return a


def load_records(session: Session, association_id: int) -> list[DocumentRecord]:
    """The association's stored records, with the name of who recorded each."""
    rows = session.execute(
        select(AssociationDocument, Operator.full_name)
        .outerjoin(Operator, Operator.id == AssociationDocument.received_by_id)
        .where(AssociationDocument.association_id == association_id)
    )
    return [
        DocumentRecord(
            requirement_id=doc.requirement_id,
            status=doc.status,
            received_on=doc.received_on,
            received_by=name or "",
            note=doc.note,
            file_path=doc.file_path,
            file_sha256=doc.file_sha256,
        )
        for doc, name in rows
    ]


def checklist_items(session: Session, association: Association, today: date) -> list[ChecklistItem]:
    return build_checklist(
        association.legal_form,
        load_requirements(session),
        load_records(session, association.id),
        today,
    )


def _view(
    session: Session, ctx: ServiceContext, association: Association, today: date
) -> ChecklistView:
    items = checklist_items(session, association, today)
    entries = tuple(
        ChecklistEntry(item, _file_state(ctx, item.record) if item.record else FileState.NONE)
        for item in items
    )
    last = last_valid_receipt(session, association.id)
    validity = enrollment_validity(session)
    refusal = enroll_refusal(association.status, last, validity, today)
    return ChecklistView(
        association_id=association.id,
        association_name=association.name,
        legal_form=association.legal_form,
        association_status=association.status,
        today=today,
        entries=entries,
        gate_message=gate_message(items),
        status_message=refusal,
        last_receipt=last,
        enrollment_ends_on=enrollment_ends_on(last.enrolled_on, validity) if last else None,
        renewal=is_renewal(association.status, last),
    )


def get_checklist(
    ctx: ServiceContext, association_id: int, today: date | None = None
) -> ChecklistView:
    ctx.require_operator()
    day = today or ctx.today()
    with ctx.db.read() as session:
        return _view(session, ctx, load_association(session, association_id), day)


# --- recording ------------------------------------------------------------------------------


def _requirement(session: Session, requirement_id: int, form: LegalForm) -> DocumentRequirement:
    row = session.get(DocumentRequirement, requirement_id)
    if row is None:
        raise NotFound("Documento richiesto non trovato: forse è stato eliminato dal catalogo.")
    if not to_requirement(row).applies_to(form):
        if not row.active:
            raise ServiceError(f"«{row.title}» non è più richiesto (disattivato nel catalogo).")
        raise ServiceError(f"«{row.title}» non è richiesto per la forma «{form.label}».")
    return row


def _record_row(
    session: Session, association_id: int, requirement_id: int
) -> AssociationDocument | None:
    return session.scalar(
        select(AssociationDocument).where(
            AssociationDocument.association_id == association_id,
            AssociationDocument.requirement_id == requirement_id,
        )
    )


_SAME_PAPER = (
    "Nel frattempo un'altra postazione ha registrato lo stesso documento: riapri la lista "
    "dei documenti e riprova."
)
_DOC_AUDITED = ["status", "received_on", "received_by_id", "note", "file_path", "file_sha256"]


def record_document(
    ctx: ServiceContext,
    association_id: int,
    requirement_id: int,
    status: DocumentStatus,
    received_on: date | None = None,
    note: str = "",
    today: date | None = None,
) -> ChecklistView:
    """Record what the desk has for one paper; returns the updated checklist.

    `delivered` needs the date received (default: today; not in the future);
    `not_applicable` needs the reason, in `note`; `missing` clears the date.
    `outdated` is never recorded: it follows from the date and the validity.
    """
    me = ctx.require_operator()
    day = today or ctx.today()
    note = note.strip()
    when: date | None = None
    if status is DocumentStatus.DELIVERED:
        when = received_on or day
        if when > day:
            raise ValidationFailed(
                [FieldError("received_on", "La data di consegna non può essere nel futuro.")]
            )
    elif status is DocumentStatus.NOT_APPLICABLE:
        if not note:
            raise ValidationFailed(
                [FieldError("note", "Scrivi perché il documento non è applicabile.")]
            )
    elif status is not DocumentStatus.MISSING:
        raise ValidationFailed(
            [
                FieldError(
                    "status",
                    "«Da aggiornare» non si segna a mano: lo diventa da solo un documento "
                    "scaduto. Registra la consegna della copia aggiornata.",
                )
            ]
        )
    try:
        with ctx.db.write() as session:
            association = load_association(session, association_id)
            requirement = _requirement(session, requirement_id, association.legal_form)
            row = _record_row(session, association_id, requirement_id)
            before = audit.fields_of(row, _DOC_AUDITED) if row else None
            if row is None:
                row = AssociationDocument(
                    association_id=association_id,
                    requirement_id=requirement_id,
                    file_path=None,
                    file_sha256=None,
                )
                session.add(row)
            row.status = status
            row.received_on = when
            row.received_by_id = None if status is DocumentStatus.MISSING else me.id
            row.note = note
            session.flush()
            after = audit.fields_of(row, _DOC_AUDITED)
            if before is None:
                old, new = None, after
            else:
                old, new = audit.changed(before, after)
            if new:
                audit.record(
                    session,
                    ctx,
                    "document.record",
                    "association",
                    association_id,
                    None if old is None else {"requirement": requirement.code, **old},
                    {"requirement": requirement.code, **new},
                )
            return _view(session, ctx, association, day)
    except IntegrityError:
        raise Conflict(_SAME_PAPER) from None


# --- files ------------------------------------------------------------------------------------


def _stored_path(ctx: ServiceContext, relative: str) -> Path:
    root = ctx.settings.documents_dir.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise ServiceError(
            f"Il percorso registrato «{relative}» è fuori dalla cartella dei documenti."
        )
    return path


def _file_state(ctx: ServiceContext, record: DocumentRecord, *, force: bool = False) -> FileState:
    if not record.file_path:
        return FileState.NONE
    try:
        path = _stored_path(ctx, record.file_path)
        sha = files.current_hash(path, force=force)
    except (OSError, ServiceError):
        return FileState.MISSING
    if sha is None:
        return FileState.UNCHECKED
    return FileState.OK if sha == record.file_sha256 else FileState.CHANGED


def attach_file(
    ctx: ServiceContext,
    association_id: int,
    requirement_id: int,
    source_path: str | os.PathLike[str],
    today: date | None = None,
) -> ChecklistView:
    """Copy a scan (PDF, JPG, PNG) into the data folder and record it with its SHA-256.

    The paper's status is not changed (record the delivery with `record_document`).
    A file attached before is left in the folder: the audit log still names it.
    """
    ctx.require_operator()
    day = today or ctx.today()
    source = Path(source_path)
    kind = files.file_kind(source)
    extension = ".jpg" if kind == "JPG" else source.suffix.lower()
    # Check what is asked before copying anything.
    with ctx.db.read() as session:
        association = load_association(session, association_id)
        requirement = _requirement(session, requirement_id, association.legal_form)
        code = requirement.code
    folder = ctx.settings.documents_dir / str(association_id)
    stamp = ctx.clock().astimezone(MILAN).strftime("%Y%m%d-%H%M%S")
    final, sha = files.copy_in(source, folder, f"{code}-{stamp}", extension)
    try:
        with ctx.db.write() as session:
            association = load_association(session, association_id)
            _requirement(session, requirement_id, association.legal_form)
            row = _record_row(session, association_id, requirement_id)
            before = audit.fields_of(row, ["file_path", "file_sha256"]) if row else None
            if row is None:
                row = AssociationDocument(
                    association_id=association_id,
                    requirement_id=requirement_id,
                    status=DocumentStatus.MISSING,
                    received_on=None,
                    received_by_id=None,
                    note="",
                )
                session.add(row)
            row.file_path = final.relative_to(ctx.settings.documents_dir).as_posix()
            row.file_sha256 = sha
            session.flush()
            audit.record(
                session,
                ctx,
                "document.attach",
                "association",
                association_id,
                {"requirement": code, **before} if before else None,
                {
                    "requirement": code,
                    "file_path": row.file_path,
                    "file_sha256": sha,
                    "source_name": source.name,
                },
            )
            files.remember_hash(final.resolve(), sha)
            view = _view(session, ctx, association, day)
    except IntegrityError:
        final.unlink(missing_ok=True)
        raise Conflict(_SAME_PAPER) from None
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    return view


def _file_record(ctx: ServiceContext, association_id: int, requirement_id: int) -> DocumentRecord:
    with ctx.db.read() as session:
        record = next(
            (
                r
                for r in load_records(session, association_id)
                if r.requirement_id == requirement_id
            ),
            None,
        )
    if record is None or not record.file_path:
        raise NotFound("Per questo documento non è stato allegato nessun file.")
    return record


def document_file_path(ctx: ServiceContext, association_id: int, requirement_id: int) -> Path:
    """Where the attached scan is, for the system viewer; ServiceError if it is gone."""
    ctx.require_operator()
    record = _file_record(ctx, association_id, requirement_id)
    assert record.file_path is not None
    path = _stored_path(ctx, record.file_path)
    if not path.is_file():
        raise ServiceError(
            f"Il file «{record.file_path}» non si trova più nella cartella dei documenti "
            f"({ctx.settings.documents_dir}): allegalo di nuovo."
        )
    return path


def verify_file(ctx: ServiceContext, association_id: int, requirement_id: int) -> FileState:
    """Hash the attached file now, whatever its size, and compare with the recorded SHA-256."""
    ctx.require_operator()
    return _file_state(ctx, _file_record(ctx, association_id, requirement_id), force=True)


# --- the worklist ------------------------------------------------------------------------------


def _outstanding(
    requirements: Iterable[Requirement],
) -> Callable[[LegalForm], list[Requirement]]:
    by_form: dict[LegalForm, list[Requirement]] = defaultdict(list)
    for req in requirements:
        if req.active and req.mandatory:
            for form in req.legal_forms:
                by_form[form].append(req)
    return lambda form: by_form.get(form, [])


def worklist(ctx: ServiceContext, today: date | None = None) -> list[WorklistEntry]:
    """Associations (not ceased) with mandatory papers missing or out of date, oldest first."""
    ctx.require_operator()
    day = today or ctx.today()
    with ctx.db.read() as session:
        required = _outstanding(load_requirements(session))
        records: dict[int, dict[int, DocumentRecord]] = defaultdict(dict)
        for aid, rid, doc_status, received_on, note in session.execute(
            select(
                AssociationDocument.association_id,
                AssociationDocument.requirement_id,
                AssociationDocument.status,
                AssociationDocument.received_on,
                AssociationDocument.note,
            )
            .join(Association, Association.id == AssociationDocument.association_id)
            .where(
                Association.status != AssociationStatus.CESSATA,
                AssociationDocument.status.in_(
                    [DocumentStatus.DELIVERED, DocumentStatus.NOT_APPLICABLE]
                ),
            )
        ):
            records[aid][rid] = DocumentRecord(rid, doc_status, received_on, note=note)
        associations = session.execute(
            select(
                Association.id,
                Association.name,
                Association.legal_form,
                Association.status,
                Association.created_at,
            ).where(Association.status != AssociationStatus.CESSATA)
        ).all()
    out = []
    for aid, name, form, status, created_at in associations:
        reqs = required(form)
        if not reqs:
            continue
        created_on = created_at.astimezone(MILAN).date()
        items = build_checklist(form, reqs, records.get(aid, {}).values(), day)
        blocking = [i for i in items if i.blocks_enrollment]
        if not blocking:
            continue
        since = min(
            i.expires_on if i.status is DocumentStatus.OUTDATED and i.expires_on else created_on
            for i in blocking
        )
        out.append(
            WorklistEntry(
                association_id=aid,
                name=name,
                legal_form=form,
                status=status,
                created_on=created_on,
                since=since,
                missing=tuple(_what_is_wrong(i) for i in blocking),
            )
        )
    out.sort(key=lambda e: (e.since, e.created_on, e.name, e.association_id))
    return out


def _what_is_wrong(item: ChecklistItem) -> str:
    if item.status is DocumentStatus.OUTDATED and item.expires_on:
        return f"{item.requirement.title} (scaduto il {item.expires_on:%d/%m/%Y})"
    return f"{item.requirement.title} ({item.status.label.lower()})"
