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

import hashlib
import os
import secrets
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

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
from casedesk.domain.enums import (
    AssociationStatus,
    DocumentStatus,
    EnrollmentStatus,
    LabelledEnum,
    LegalForm,
)
from casedesk.domain.receipt import receipt_number
from casedesk.domain.validation import FieldError
from casedesk.services import audit
from casedesk.services.catalogue import load_requirements, to_requirement
from casedesk.services.context import ServiceContext
from casedesk.services.errors import Conflict, NotFound, ServiceError, ValidationFailed

# Files up to this size are hashed when a checklist is opened (a few milliseconds);
# bigger ones only on request.
HASH_ON_OPEN_LIMIT = 4 * 1024 * 1024
MAX_FILE_SIZE = 50 * 1024 * 1024
_CHUNK = 1024 * 1024

# extension -> (kind shown to the user, magic bytes the file starts with)
_ACCEPTED: dict[str, tuple[str, bytes]] = {
    ".pdf": ("PDF", b"%PDF-"),
    ".jpg": ("JPG", b"\xff\xd8\xff"),
    ".jpeg": ("JPG", b"\xff\xd8\xff"),
    ".png": ("PNG", b"\x89PNG\r\n\x1a\n"),
}


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

    @property
    def items(self) -> list[ChecklistItem]:
        return [e.item for e in self.entries]

    @property
    def can_enroll(self) -> bool:
        """«Iscrivi» enabled: status allows it and every mandatory paper is in order."""
        return self.status_message is None and self.gate_message is None

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


def today_in_milan(ctx: ServiceContext) -> date:
    return ctx.today()


def enroll_refusal(status: AssociationStatus, valid_this_year: str | None, year: int) -> str | None:
    """Why an association in `status` cannot be enrolled now; None if it can.

    `valid_this_year`: the number of a valid receipt it already has for `year`, if any.
    A `bozza` enrolls; an `iscritta` renews once a year (a second receipt in the same
    year is refused: cancel the wrong one first); `sospesa` and `cessata` do not.
    """
    if status is AssociationStatus.SOSPESA:
        return "L'associazione è sospesa: riattivala prima di rinnovare l'iscrizione."
    if status is AssociationStatus.CESSATA:
        return "L'associazione è cessata: riaprila come bozza per iscriverla di nuovo."
    if status is AssociationStatus.ISCRITTA and valid_this_year is not None:
        return (
            f"L'associazione è già iscritta per il {year} con la ricevuta {valid_this_year}; "
            "se quella ricevuta è sbagliata, un coordinatore la può annullare."
        )
    return None


def valid_receipt_of_year(session: Session, association_id: int, year: int) -> str | None:
    number = session.scalar(
        select(Enrollment.number)
        .where(
            Enrollment.association_id == association_id,
            Enrollment.year == year,
            Enrollment.status == EnrollmentStatus.VALIDA,
        )
        .order_by(Enrollment.number.desc())
        .limit(1)
    )
    return receipt_number(year, number) if number is not None else None


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
    refusal = enroll_refusal(
        association.status,
        valid_receipt_of_year(session, association.id, today.year),
        today.year,
    )
    return ChecklistView(
        association_id=association.id,
        association_name=association.name,
        legal_form=association.legal_form,
        association_status=association.status,
        today=today,
        entries=entries,
        gate_message=gate_message(items),
        status_message=refusal,
    )


def get_checklist(
    ctx: ServiceContext, association_id: int, today: date | None = None
) -> ChecklistView:
    ctx.require_operator()
    day = today or today_in_milan(ctx)
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
    day = today or today_in_milan(ctx)
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


# absolute path -> (size, mtime_ns, sha256) of files hashed by this process
_hash_cache: dict[str, tuple[int, int, str]] = {}
_hash_lock = threading.Lock()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _remember(path: Path, sha: str) -> None:
    st = path.stat()
    with _hash_lock:
        _hash_cache[str(path)] = (st.st_size, st.st_mtime_ns, sha)


def _current_hash(path: Path, *, force: bool) -> str | None:
    """The file's SHA-256 (cached by size and mtime); None if too big to hash now."""
    st = path.stat()
    key = str(path)
    with _hash_lock:
        cached = _hash_cache.get(key)
    if cached and cached[:2] == (st.st_size, st.st_mtime_ns):
        return cached[2]
    if not force and st.st_size > HASH_ON_OPEN_LIMIT:
        return None
    sha = sha256_of(path)
    with _hash_lock:
        _hash_cache[key] = (st.st_size, st.st_mtime_ns, sha)
    return sha


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
        sha = _current_hash(path, force=force)
    except (OSError, ServiceError):
        return FileState.MISSING
    if sha is None:
        return FileState.UNCHECKED
    return FileState.OK if sha == record.file_sha256 else FileState.CHANGED


def file_kind(path: Path) -> str:
    """'PDF', 'JPG' or 'PNG'; ServiceError (in Italian) for anything else."""
    extension = path.suffix.lower()
    accepted = _ACCEPTED.get(extension)
    if accepted is None:
        raise ServiceError(
            f"«{path.name}» non è un file accettato: si possono allegare solo PDF, JPG o PNG."
        )
    kind, magic = accepted
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise ServiceError(f"Il file «{path}» non esiste.") from None
    except OSError as exc:
        raise ServiceError(f"Impossibile leggere «{path}»: {exc.strerror or exc}.") from exc
    if not head:
        raise ServiceError(f"«{path.name}» è vuoto.")
    # A PDF may have a few bytes of junk before its header; images start with theirs.
    ok = magic in head if kind == "PDF" else head.startswith(magic)
    if not ok:
        raise ServiceError(
            f"«{path.name}» non è un vero file {kind}: il contenuto non corrisponde "
            "all'estensione. Scansiona di nuovo il documento o salvalo come PDF, JPG o PNG."
        )
    return kind


def temp_beside(target_dir: Path, name: str, *, create: bool = True) -> tuple[BinaryIO, Path]:
    """An open temporary file in `target_dir` (created if needed), to be renamed later."""
    if create:
        target_dir.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target_dir)
    return os.fdopen(handle, "wb"), Path(temp_name)


def write_atomically(path: Path, data: bytes, *, create_folder: bool = False) -> None:
    """Write `data` to `path` through a temporary file and a rename (never half a file).

    A file the user named goes into an existing folder (`create_folder` for the
    program's own folders)."""
    try:
        fh, temp = temp_beside(path.parent, path.name, create=create_folder)
    except OSError as exc:
        raise ServiceError(
            f"Impossibile scrivere nella cartella «{path.parent}»: {exc.strerror or exc}."
        ) from exc
    try:
        with fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ServiceError(
            f"Impossibile scrivere «{path}»: {exc.strerror or exc}. Se il file è aperto in "
            "un altro programma, chiudilo e riprova."
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _copy_in(source: Path, folder: Path, stem: str, extension: str) -> tuple[Path, str]:
    """Copy `source` to a new file in `folder`; its path and SHA-256."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ServiceError(f"Impossibile leggere «{source}»: {exc.strerror or exc}.") from exc
    if size > MAX_FILE_SIZE:
        raise ServiceError(
            f"«{source.name}» è troppo grande ({size // (1024 * 1024)} MB): al massimo "
            f"{MAX_FILE_SIZE // (1024 * 1024)} MB. Scansiona a una risoluzione più bassa."
        )
    try:
        fh, temp = temp_beside(folder, stem)
    except OSError as exc:
        raise ServiceError(
            f"Impossibile scrivere nella cartella dei documenti «{folder}»: {exc.strerror or exc}."
        ) from exc
    digest = hashlib.sha256()
    try:
        with fh, source.open("rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        # A name nobody has: the requirement, the moment, a random part.
        while True:
            final = folder / f"{stem}-{secrets.token_hex(4)}{extension}"
            if not final.exists():
                break
        os.replace(temp, final)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ServiceError(
            f"Impossibile copiare «{source.name}» nella cartella dei documenti: "
            f"{exc.strerror or exc}."
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return final, digest.hexdigest()


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
    day = today or today_in_milan(ctx)
    source = Path(source_path)
    kind = file_kind(source)
    extension = ".jpg" if kind == "JPG" else source.suffix.lower()
    # Check what is asked before copying anything.
    with ctx.db.read() as session:
        association = load_association(session, association_id)
        requirement = _requirement(session, requirement_id, association.legal_form)
        code = requirement.code
    folder = ctx.settings.documents_dir / str(association_id)
    stamp = ctx.clock().astimezone(MILAN).strftime("%Y%m%d-%H%M%S")
    final, sha = _copy_in(source, folder, f"{code}-{stamp}", extension)
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
            _remember(final.resolve(), sha)
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
    day = today or today_in_milan(ctx)
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
