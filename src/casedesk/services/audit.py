"""Writing audit events, always inside the transaction of the change they describe."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casedesk.db.models import AuditEvent
from casedesk.domain.plain import to_plain
from casedesk.services.context import ServiceContext


def fields_of(obj: object, names: list[str]) -> dict[str, Any]:
    """The named attributes of a model as JSON-ready values."""
    return {name: to_plain(getattr(obj, name)) for name in names}


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields whose value differs, before and after."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    session: Session,
    ctx: ServiceContext,
    action: str,
    entity_type: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    operator_id: int | None = None,
) -> AuditEvent:
    event = AuditEvent(
        at=ctx.clock(),
        operator_id=operator_id
        if operator_id is not None
        else (ctx.operator.id if ctx.operator else None),
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=to_plain(before) if before is not None else None,
        after=to_plain(after) if after is not None else None,
    )
    session.add(event)
    return event
