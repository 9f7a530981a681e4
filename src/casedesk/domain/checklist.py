"""The document checklist: which papers apply to an association, their state, the gate.

A delivered paper with a validity (e.g. the board list: 12 months) turns
«da aggiornare» by itself once that time has passed; nobody has to mark it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from casedesk.domain.enums import DocumentStatus, LegalForm

IN_ORDER = frozenset({DocumentStatus.DELIVERED, DocumentStatus.NOT_APPLICABLE})


@dataclass(frozen=True)
class Requirement:
    id: int
    code: str
    title: str
    legal_forms: frozenset[LegalForm]
    mandatory: bool = True
    validity_months: int | None = None
    sort_order: int = 0
    active: bool = True

    def applies_to(self, form: LegalForm) -> bool:
        return self.active and form in self.legal_forms


@dataclass(frozen=True)
class DocumentRecord:
    """What the desk recorded for one requirement (as stored)."""

    requirement_id: int
    status: DocumentStatus
    received_on: date | None = None
    received_by: str = ""
    note: str = ""
    file_path: str | None = None
    file_sha256: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    requirement: Requirement
    record: DocumentRecord | None
    status: DocumentStatus  # effective: «da aggiornare» once expired
    expires_on: date | None

    @property
    def in_order(self) -> bool:
        return self.status in IN_ORDER

    @property
    def blocks_enrollment(self) -> bool:
        return self.requirement.mandatory and not self.in_order

    def describe(self, today: date) -> str:
        """The state in words, as the checklist shows it."""
        if self.status is DocumentStatus.OUTDATED and self.expires_on:
            return f"Scaduto il {self.expires_on:%d/%m/%Y}: va consegnata una copia aggiornata."
        if self.status is DocumentStatus.DELIVERED and self.record and self.record.received_on:
            text = f"Consegnato il {self.record.received_on:%d/%m/%Y}"
            if self.expires_on:
                # `expires_on` is the first day it is out of date.
                last_valid = self.expires_on - timedelta(days=1)
                text += f", valido fino al {last_valid:%d/%m/%Y}"
            return text + "."
        if self.status is DocumentStatus.NOT_APPLICABLE:
            reason = self.record.note if self.record else ""
            return f"Non applicabile: {reason}" if reason else "Non applicabile."
        return "Da consegnare." if self.requirement.mandatory else "Facoltativo, non consegnato."


def expiry(record: DocumentRecord, validity_months: int | None) -> date | None:
    if validity_months is None or record.received_on is None:
        return None
    return _months_after(record.received_on, validity_months)


def expires_on(received_on: date, validity_months: int) -> date:
    """The day a copy received on `received_on` stops being valid."""
    return _months_after(received_on, validity_months)


@lru_cache(maxsize=16384)
def _months_after(day: date, months: int) -> date:
    # Cached: the worklist computes this for every paper of every association, and
    # relativedelta is slow; there are few distinct (day, months) pairs.
    return day + relativedelta(months=months)


def effective_status(
    record: DocumentRecord | None, req: Requirement, today: date
) -> DocumentStatus:
    if record is None:
        return DocumentStatus.MISSING
    if record.status is DocumentStatus.DELIVERED:
        until = expiry(record, req.validity_months)
        if until is not None and today >= until:
            return DocumentStatus.OUTDATED
    return record.status


def build_checklist(
    form: LegalForm,
    requirements: Iterable[Requirement],
    records: Iterable[DocumentRecord],
    today: date,
) -> list[ChecklistItem]:
    """The items that apply to `form`, in catalogue order.

    Records of requirements that no longer apply (the legal form changed) are kept
    in the database but not listed: they come back if the form changes back.
    """
    by_req = {r.requirement_id: r for r in records}
    items = []
    for req in sorted(requirements, key=lambda r: (r.sort_order, r.id)):
        if not req.applies_to(form):
            continue
        record = by_req.get(req.id)
        status = effective_status(record, req, today)
        until = expiry(record, req.validity_months) if record else None
        items.append(ChecklistItem(req, record, status, until))
    return items


def blocking_items(items: Iterable[ChecklistItem]) -> list[ChecklistItem]:
    return [item for item in items if item.blocks_enrollment]


def gate_message(items: Iterable[ChecklistItem]) -> str | None:
    """None when the association can be enrolled; otherwise exactly what is missing."""
    blocking = blocking_items(items)
    if not blocking:
        return None
    parts = [f"{item.requirement.title} ({item.status.label.lower()})" for item in blocking]
    return "Per iscrivere mancano: " + "; ".join(parts) + "."
