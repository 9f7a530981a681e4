"""The catalogue of document requirements (`Strumenti › Documenti richiesti`).

Everyone signed in reads it; only a coordinator changes it. A requirement for which
some association has a document recorded is never deleted, only deactivated: the
records stay, and come back into the checklists if it is reactivated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from casedesk.db.models import AssociationDocument, DocumentRequirement
from casedesk.domain.checklist import Requirement
from casedesk.domain.enums import LegalForm
from casedesk.domain.validation import FieldError
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.errors import NotFound, ServiceError, ValidationFailed

MAX_VALIDITY_MONTHS = 120
_AUDITED = ["code", "title", "legal_forms", "mandatory", "validity_months", "sort_order", "active"]


@dataclass(frozen=True)
class RequirementDraft:
    """What the coordinator edits; the code is made from the title when added."""

    title: str
    legal_forms: frozenset[LegalForm] = field(default_factory=frozenset)
    mandatory: bool = True
    validity_months: int | None = None


def to_requirement(row: DocumentRequirement) -> Requirement:
    return Requirement(
        id=row.id,
        code=row.code,
        title=row.title,
        legal_forms=_forms(row.legal_forms),
        mandatory=row.mandatory,
        validity_months=row.validity_months,
        sort_order=row.sort_order,
        active=row.active,
    )


def _forms(values: Iterable[str]) -> frozenset[LegalForm]:
    known = set(LegalForm.values())
    return frozenset(LegalForm(v) for v in values if v in known)


def load_requirements(session: Session) -> list[Requirement]:
    """All requirements, active or not, in catalogue order (for other services)."""
    rows = session.scalars(
        select(DocumentRequirement).order_by(DocumentRequirement.sort_order, DocumentRequirement.id)
    )
    return [to_requirement(r) for r in rows]


def list_requirements(ctx: ServiceContext, include_inactive: bool = True) -> list[Requirement]:
    ctx.require_operator()
    with ctx.db.read() as session:
        found = load_requirements(session)
    return [r for r in found if include_inactive or r.active]


def validate_requirement(draft: RequirementDraft) -> list[FieldError]:
    errors = []
    title = draft.title.strip()
    if not title:
        errors.append(FieldError("title", "Titolo del documento: campo obbligatorio."))
    elif len(title) > 300:
        errors.append(FieldError("title", "Il titolo è troppo lungo: al massimo 300 caratteri."))
    if not draft.legal_forms:
        errors.append(
            FieldError("legal_forms", "Indica almeno una forma giuridica a cui si applica.")
        )
    months = draft.validity_months
    if months is not None and not 1 <= months <= MAX_VALIDITY_MONTHS:
        errors.append(
            FieldError(
                "validity_months",
                f"La validità va da 1 a {MAX_VALIDITY_MONTHS} mesi; lasciala vuota se il "
                "documento non scade.",
            )
        )
    return errors


def _code_for(session: Session, title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    ascii_only = "".join(ch for ch in decomposed if ch.isascii())
    base = re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_")[:50] or "documento"
    taken = set(
        session.scalars(
            select(DocumentRequirement.code).where(DocumentRequirement.code.like(f"{base}%"))
        )
    )
    code, k = base, 1
    while code in taken:
        k += 1
        code = f"{base}_{k}"
    return code


def _plain(row: DocumentRequirement) -> dict[str, Any]:
    values = audit.fields_of(row, _AUDITED)
    values["legal_forms"] = sorted(values["legal_forms"] or [])
    return values


def _apply(row: DocumentRequirement, draft: RequirementDraft) -> None:
    row.title = draft.title.strip()
    row.legal_forms = sorted(f.value for f in draft.legal_forms)
    row.mandatory = draft.mandatory
    row.validity_months = draft.validity_months


def _get(session: Session, requirement_id: int) -> DocumentRequirement:
    row = session.get(DocumentRequirement, requirement_id)
    if row is None:
        raise NotFound("Documento richiesto non trovato: forse è stato eliminato.")
    return row


def add_requirement(ctx: ServiceContext, draft: RequirementDraft) -> Requirement:
    ctx.require_coordinator()
    errors = validate_requirement(draft)
    if errors:
        raise ValidationFailed(errors)
    with ctx.db.write() as session:
        last = session.scalar(select(func.max(DocumentRequirement.sort_order))) or 0
        row = DocumentRequirement(
            code=_code_for(session, draft.title), sort_order=last + 10, active=True
        )
        _apply(row, draft)
        session.add(row)
        session.flush()
        audit.record(
            session, ctx, "requirement.add", "document_requirement", row.id, None, _plain(row)
        )
        return to_requirement(row)


def update_requirement(
    ctx: ServiceContext, requirement_id: int, draft: RequirementDraft
) -> Requirement:
    """Title, legal forms, mandatory, validity: checklists follow at once (they are computed)."""
    ctx.require_coordinator()
    errors = validate_requirement(draft)
    if errors:
        raise ValidationFailed(errors)
    with ctx.db.write() as session:
        row = _get(session, requirement_id)
        before = _plain(row)
        _apply(row, draft)
        old, new = audit.changed(before, _plain(row))
        if new:
            audit.record(
                session, ctx, "requirement.update", "document_requirement", row.id, old, new
            )
        return to_requirement(row)


def _set_active(ctx: ServiceContext, requirement_id: int, active: bool) -> Requirement:
    ctx.require_coordinator()
    with ctx.db.write() as session:
        row = _get(session, requirement_id)
        if row.active != active:
            row.active = active
            audit.record(
                session,
                ctx,
                "requirement.activate" if active else "requirement.deactivate",
                "document_requirement",
                row.id,
                {"active": not active},
                {"active": active},
            )
        return to_requirement(row)


def deactivate_requirement(ctx: ServiceContext, requirement_id: int) -> Requirement:
    """No longer asked of anyone; what was recorded for it is kept."""
    return _set_active(ctx, requirement_id, False)


def reactivate_requirement(ctx: ServiceContext, requirement_id: int) -> Requirement:
    return _set_active(ctx, requirement_id, True)


def delete_requirement(ctx: ServiceContext, requirement_id: int) -> None:
    """Only a requirement nobody has a document recorded for (one added by mistake)."""
    ctx.require_coordinator()
    with ctx.db.write() as session:
        row = _get(session, requirement_id)
        used = session.scalar(select(exists().where(AssociationDocument.requirement_id == row.id)))
        if used:
            raise ServiceError(
                f"Per «{row.title}» ci sono documenti registrati e non si può eliminare: "
                "disattivalo, così non viene più richiesto e quanto registrato resta."
            )
        before = _plain(row)
        session.delete(row)
        audit.record(
            session, ctx, "requirement.delete", "document_requirement", requirement_id, before
        )
