"""Enrolling an association: the gate, the gapless receipt number, the snapshot, the PDF.

Enrolling is one transaction. The receipt number is taken inside it, after the
write lock: on SQLite the write transaction starts with BEGIN IMMEDIATE, so two
desks are serialised; on PostgreSQL the house row is locked first (SELECT … FOR
UPDATE), so the next desk reads `max(number)` only after this one committed. The
unique (year, number) constraint is the backstop. A rolled-back enrollment uses no
number; a cancelled receipt keeps its number (it was handed out).

The PDF is rendered inside the transaction, written to a temporary file beside its
final name and renamed just before the commit: if writing fails nothing is committed,
and if the commit fails the file is removed.

Which associations may enroll: a `bozza` (first enrollment, after a cancelled receipt,
or after `cessata` → reopened); an `iscritta` once per calendar year (the yearly
renewal, with the papers as they are now); never a `sospesa` or `cessata` one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casedesk.db.models import Enrollment, House, Operator
from casedesk.domain.checklist import ChecklistItem, gate_message
from casedesk.domain.enums import (
    AssociationStatus,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
    RuntsSection,
)
from casedesk.domain.receipt import (
    DEFAULT_PRIVACY_NOTE,
    DEFAULT_SERVICES,
    DEFAULT_SERVICES_INTRO,
    ReceiptAssociation,
    ReceiptDocument,
    ReceiptHouse,
    ReceiptSnapshot,
    parse_receipt_number,
    pdf_filename,
    receipt_number,
)
from casedesk.domain.validation import FieldError
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.documents import (
    checklist_items,
    enroll_refusal,
    load_association,
    sha256_of,
    temp_beside,
    today_in_milan,
    valid_receipt_of_year,
)
from casedesk.services.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from casedesk.services.house import HOUSE_ID


@dataclass(frozen=True)
class EnrollmentInfo:
    id: int
    association_id: int
    association_name: str  # as printed on the receipt
    year: int
    number: int
    enrolled_on: date
    operator_name: str  # who enrolled, as printed on the receipt
    status: EnrollmentStatus
    cancel_reason: str
    override_reason: str
    pdf_path: str | None  # relative to the receipts folder; None: not archived as a file
    pdf_sha256: str | None

    @property
    def number_text(self) -> str:
        return receipt_number(self.year, self.number)

    @property
    def cancelled(self) -> bool:
        return self.status is EnrollmentStatus.ANNULLATA


# --- the snapshot (shared with the demo data) ---------------------------------------------


def receipt_house(
    name: str, address: str, phone: str, email: str, logo_path: str | None
) -> ReceiptHouse:
    return ReceiptHouse(
        name=name, address=address, phone=phone, email=email, logo_path=logo_path or None
    )


def receipt_association(
    *,
    name: str,
    legal_form: LegalForm,
    tax_code: str | None,
    runts_section: RuntsSection | None,
    runts_number: str | None,
    address: str,
    legal_representative: str,
) -> ReceiptAssociation:
    """The association as the receipt prints it: labels, not codes."""
    return ReceiptAssociation(
        name=name,
        legal_form=legal_form.label,
        tax_code=tax_code or "",
        runts_section=runts_section.label if runts_section else "",
        runts_number=runts_number or "",
        address=address,
        legal_representative=legal_representative,
    )


def papers_for_receipt(
    items: Iterable[ChecklistItem],
) -> tuple[list[tuple[str, date]], list[tuple[str, str]]]:
    """(title, date received) of papers delivered and in order; (title, reason) of those
    not applicable. Out-of-date copies are not printed as delivered."""
    delivered: list[tuple[str, date]] = []
    not_applicable: list[tuple[str, str]] = []
    for item in items:
        record = item.record
        if record is None:
            continue
        if item.status is DocumentStatus.DELIVERED and record.received_on:
            delivered.append((item.requirement.title, record.received_on))
        elif item.status is DocumentStatus.NOT_APPLICABLE:
            not_applicable.append((item.requirement.title, record.note))
    return delivered, not_applicable


def _text_setting(settings: Mapping[str, Any], key: str, default: str) -> str:
    value = settings.get(key)
    return value if isinstance(value, str) and value.strip() else default


def _list_setting(
    settings: Mapping[str, Any], key: str, default: tuple[str, ...]
) -> tuple[str, ...]:
    value = settings.get(key)
    if isinstance(value, list | tuple):
        items = tuple(str(v) for v in value if str(v).strip())
        if items:
            return items
    return default


def build_snapshot(
    *,
    year: int,
    number: int,
    enrolled_on: date,
    house: ReceiptHouse,
    association: ReceiptAssociation,
    delivered: Sequence[tuple[str, date]],
    not_applicable: Sequence[tuple[str, str]],
    override_reason: str,
    house_settings: Mapping[str, Any],
    operator_name: str,
) -> ReceiptSnapshot:
    """Everything the receipt prints, from plain data (enroll() and the demo data use it).

    The services text and the privacy note come from the house's settings
    (`receipt_services_intro`, `receipt_services`, `receipt_privacy_note`), or the defaults.
    """
    return ReceiptSnapshot(
        number=receipt_number(year, number),
        enrolled_on=enrolled_on.isoformat(),
        house=house,
        association=association,
        delivered=tuple(
            ReceiptDocument(title=title, received_on=on.isoformat()) for title, on in delivered
        ),
        not_applicable=tuple(
            ReceiptDocument(title=title, not_applicable_reason=reason)
            for title, reason in not_applicable
        ),
        override_reason=override_reason,
        services_intro=_text_setting(
            house_settings, "receipt_services_intro", DEFAULT_SERVICES_INTRO
        ),
        services=_list_setting(house_settings, "receipt_services", DEFAULT_SERVICES),
        privacy_note=_text_setting(house_settings, "receipt_privacy_note", DEFAULT_PRIVACY_NOTE),
        operator_name=operator_name,
    )


def render_pdf(snapshot: ReceiptSnapshot, duplicate_on: date | None = None) -> bytes:
    # Imported here: ReportLab is only loaded when a receipt is printed.
    from casedesk.reports.receipt import render_receipt

    return render_receipt(snapshot, duplicate_on=duplicate_on)


# --- reading ------------------------------------------------------------------------------


def _info(row: Enrollment) -> EnrollmentInfo:
    snapshot = row.snapshot or {}
    return EnrollmentInfo(
        id=row.id,
        association_id=row.association_id,
        association_name=str(snapshot.get("association", {}).get("name", "")),
        year=row.year,
        number=row.number,
        enrolled_on=row.enrolled_on,
        operator_name=str(snapshot.get("operator_name", "")),
        status=row.status,
        cancel_reason=row.cancel_reason,
        override_reason=row.override_reason,
        pdf_path=row.pdf_path,
        pdf_sha256=row.pdf_sha256,
    )


def _by_number(session: Session, number_text: str) -> Enrollment:
    try:
        year, number = parse_receipt_number(number_text)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    row = session.scalar(
        select(Enrollment).where(Enrollment.year == year, Enrollment.number == number)
    )
    if row is None:
        raise NotFound(f"Non esiste una ricevuta numero {receipt_number(year, number)}.")
    return row


def _get(session: Session, enrollment_id: int) -> Enrollment:
    row = session.get(Enrollment, enrollment_id)
    if row is None:
        raise NotFound("Iscrizione non trovata.")
    return row


def get_enrollment(ctx: ServiceContext, enrollment_id: int) -> EnrollmentInfo:
    ctx.require_operator()
    with ctx.db.read() as session:
        return _info(_get(session, enrollment_id))


def find_receipt(
    ctx: ServiceContext, number_text: str, *, as_system: bool = False
) -> EnrollmentInfo:
    """The enrollment of receipt «2026/0007» (also «2026-0007», «2026/7»)."""
    if not as_system:
        ctx.require_operator()
    with ctx.db.read() as session:
        return _info(_by_number(session, number_text))


def enrollment_history(ctx: ServiceContext, association_id: int) -> list[EnrollmentInfo]:
    """The association's enrollments, newest first (cancelled ones included)."""
    ctx.require_operator()
    with ctx.db.read() as session:
        rows = session.scalars(
            select(Enrollment)
            .where(Enrollment.association_id == association_id)
            .order_by(
                Enrollment.enrolled_on.desc(), Enrollment.year.desc(), Enrollment.number.desc()
            )
        )
        return [_info(r) for r in rows]


# --- enrolling ------------------------------------------------------------------------------


def _lock_numbering(session: Session) -> House:
    """Serialise enrollments: on PostgreSQL lock the house row (SQLite already holds the
    database's write lock, from BEGIN IMMEDIATE)."""
    house = session.scalar(select(House).where(House.id == HOUSE_ID).with_for_update())
    if house is None:
        raise NotFound("I dati della Casa non sono ancora stati inseriti.")
    return house


def next_number(session: Session, year: int) -> int:
    """The next receipt number of `year`; call it only while holding the numbering lock."""
    highest = session.scalar(select(func.max(Enrollment.number)).where(Enrollment.year == year))
    return (highest or 0) + 1


def receipt_path(ctx: ServiceContext, year: int, number: int) -> Path:
    return ctx.settings.receipts_dir / str(year) / pdf_filename(year, number)


def _set_aside(path: Path) -> None:
    """A PDF already at the place of a new receipt belongs to no enrollment in this
    database (e.g. a database restored from an older backup): keep it, renamed."""
    if path.exists():
        k = 1
        while (aside := path.with_name(f"{path.stem}.orfano-{k}{path.suffix}")).exists():
            k += 1
        os.replace(path, aside)


def enroll(
    ctx: ServiceContext,
    association_id: int,
    override_reason: str = "",
    today: date | None = None,
) -> EnrollmentInfo:
    """Enroll the association and archive its receipt; returns the new enrollment.

    Allowed when every mandatory paper is in order; otherwise only a coordinator, with
    a written `override_reason` (audited and printed on the receipt). A reason given
    when the papers are in order overrides nothing and is not stored.
    """
    me = ctx.require_operator()
    reason = override_reason.strip()
    if reason and not me.is_coordinator:
        raise PermissionDenied(
            "Solo un coordinatore può iscrivere un'associazione senza tutti i documenti."
        )
    day = today or today_in_milan(ctx)
    year = day.year
    written: Path | None = None
    try:
        with ctx.db.write() as session:
            house = _lock_numbering(session)
            association = load_association(session, association_id, lock=True)
            refusal = enroll_refusal(
                association.status, valid_receipt_of_year(session, association.id, year), year
            )
            if refusal:
                raise ServiceError(refusal)
            items = checklist_items(session, association, day)
            missing = gate_message(items)
            if missing and not reason:
                if me.is_coordinator:
                    missing += " Per iscrivere comunque scrivi il motivo."
                raise ServiceError(missing)
            stored_reason = reason if missing else ""
            operator = session.get(Operator, me.id)
            number = next_number(session, year)
            delivered, not_applicable = papers_for_receipt(items)
            snapshot = build_snapshot(
                year=year,
                number=number,
                enrolled_on=day,
                house=receipt_house(
                    house.name, house.address, house.phone, house.email, house.logo_path
                ),
                association=receipt_association(
                    name=association.name,
                    legal_form=association.legal_form,
                    tax_code=association.tax_code,
                    runts_section=association.runts_section,
                    runts_number=association.runts_number,
                    address=association.address,
                    legal_representative=association.legal_representative,
                ),
                delivered=delivered,
                not_applicable=not_applicable,
                override_reason=stored_reason,
                house_settings=house.settings or {},
                operator_name=operator.full_name if operator else me.full_name,
            )
            pdf = render_pdf(snapshot)
            final = receipt_path(ctx, year, number)
            row = Enrollment(
                association_id=association.id,
                year=year,
                number=number,
                enrolled_on=day,
                operator_id=me.id,
                status=EnrollmentStatus.VALIDA,
                cancel_reason="",
                override_reason=stored_reason,
                snapshot=snapshot.to_json(),
                pdf_path=final.relative_to(ctx.settings.receipts_dir).as_posix(),
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            )
            session.add(row)
            before_status = association.status
            association.status = AssociationStatus.ISCRITTA
            association.status_reason = ""
            association.updated_at = ctx.clock()
            session.flush()
            audit.record(
                session,
                ctx,
                "enrollment.create",
                "enrollment",
                row.id,
                None,
                {
                    "association_id": association.id,
                    "number": row.receipt_number,
                    "enrolled_on": day,
                    "override_reason": stored_reason,
                    "missing": missing or "",
                },
            )
            audit.record(
                session,
                ctx,
                "association.enroll",
                "association",
                association.id,
                {"status": before_status},
                {"status": association.status, "receipt": row.receipt_number},
            )
            written = _archive(final, pdf)
            info = _info(row)
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return info


def _archive(final: Path, pdf: bytes) -> Path:
    """Write the receipt's PDF at its place (temporary file, then rename)."""
    try:
        fh, temp = temp_beside(final.parent, final.name)
    except OSError as exc:
        raise ServiceError(
            f"Impossibile scrivere la ricevuta nella cartella «{final.parent}»: "
            f"{exc.strerror or exc}. L'iscrizione non è stata registrata."
        ) from exc
    try:
        with fh:
            fh.write(pdf)
            fh.flush()
            os.fsync(fh.fileno())
        _set_aside(final)
        os.replace(temp, final)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ServiceError(
            f"Impossibile scrivere la ricevuta «{final}»: {exc.strerror or exc}. "
            "L'iscrizione non è stata registrata."
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return final


# --- cancelling -----------------------------------------------------------------------------


def cancel_enrollment(ctx: ServiceContext, enrollment_id: int, reason: str) -> EnrollmentInfo:
    """A coordinator cancels a receipt, with a reason; it keeps its number.

    The association goes back to `bozza` unless another receipt of it is still valid
    (a ceased association stays ceased). The archived PDF is kept as handed out.
    """
    ctx.require_coordinator()
    reason = reason.strip()
    if not reason:
        raise ValidationFailed([FieldError("reason", "Scrivi il motivo dell'annullamento.")])
    with ctx.db.write() as session:
        row = _get(session, enrollment_id)
        if row.status is EnrollmentStatus.ANNULLATA:
            raise ServiceError(f"La ricevuta {row.receipt_number} è già annullata.")
        association = load_association(session, row.association_id, lock=True)
        row.status = EnrollmentStatus.ANNULLATA
        row.cancel_reason = reason
        session.flush()
        audit.record(
            session,
            ctx,
            "enrollment.cancel",
            "enrollment",
            row.id,
            {"status": EnrollmentStatus.VALIDA},
            {
                "status": row.status,
                "cancel_reason": reason,
                "number": row.receipt_number,
                "association_id": association.id,
            },
        )
        others = session.scalar(
            select(func.count())
            .select_from(Enrollment)
            .where(
                Enrollment.association_id == association.id,
                Enrollment.status == EnrollmentStatus.VALIDA,
            )
        )
        if not others and association.status in (
            AssociationStatus.ISCRITTA,
            AssociationStatus.SOSPESA,
        ):
            before = {"status": association.status, "status_reason": association.status_reason}
            association.status = AssociationStatus.BOZZA
            association.status_reason = f"Ricevuta {row.receipt_number} annullata: {reason}"
            association.updated_at = ctx.clock()
            session.flush()
            audit.record(
                session,
                ctx,
                "association.unenroll",
                "association",
                association.id,
                before,
                {"status": association.status, "status_reason": association.status_reason},
            )
        return _info(row)


# --- reprints and the archive -------------------------------------------------------------


def reprint(
    ctx: ServiceContext, number_text: str, today: date | None = None, *, as_system: bool = False
) -> bytes:
    """A duplicate of receipt `number_text`: the stored snapshot (never today's data),
    marked DUPLICATO with today's date. A cancelled receipt is not reprinted."""
    if not as_system:
        ctx.require_operator()
    day = today or today_in_milan(ctx)
    with ctx.db.read() as session:
        row = _by_number(session, number_text)
        if row.status is EnrollmentStatus.ANNULLATA:
            raise ServiceError(
                f"La ricevuta {row.receipt_number} è stata annullata ({row.cancel_reason}): "
                "non se ne stampa un duplicato."
            )
        snapshot = ReceiptSnapshot.from_json(row.snapshot)
    return render_pdf(snapshot, duplicate_on=day)


def receipt_snapshot(ctx: ServiceContext, enrollment_id: int) -> ReceiptSnapshot:
    ctx.require_operator()
    with ctx.db.read() as session:
        return ReceiptSnapshot.from_json(_get(session, enrollment_id).snapshot)


def _archived(ctx: ServiceContext, enrollment_id: int) -> tuple[Path, str | None]:
    with ctx.db.read() as session:
        row = _get(session, enrollment_id)
        relative, sha, number = row.pdf_path, row.pdf_sha256, row.receipt_number
    if not relative:
        raise NotFound(
            f"Della ricevuta {number} non è archiviato il PDF: se ne può stampare un duplicato."
        )
    root = ctx.settings.receipts_dir.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise ServiceError(
            f"Il percorso registrato «{relative}» è fuori dalla cartella delle ricevute."
        )
    return path, sha


def archived_pdf(ctx: ServiceContext, enrollment_id: int) -> Path:
    """The PDF handed out at enrollment, as archived; ServiceError if it is gone."""
    ctx.require_operator()
    path, _ = _archived(ctx, enrollment_id)
    if not path.is_file():
        raise ServiceError(
            f"Il PDF archiviato «{path}» non si trova più: se ne può stampare un duplicato."
        )
    return path


def verify_archive(ctx: ServiceContext, enrollment_id: int) -> bool:
    """True when the archived PDF is there and its SHA-256 is the one recorded."""
    ctx.require_operator()
    path, sha = _archived(ctx, enrollment_id)
    try:
        return sha256_of(path) == sha
    except OSError:
        return False
