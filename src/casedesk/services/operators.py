"""Operators: adding, deactivating, resetting passwords (coordinators), own password."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casedesk.db.models import Operator
from casedesk.domain.enums import Role
from casedesk.domain.operators import (
    NewOperator,
    OperatorInfo,
    normalise_username,
    validate_new_operator,
    validate_password,
)
from casedesk.domain.passwords import hash_password, verify_password
from casedesk.domain.validation import FieldError
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.errors import NotFound, ServiceError, ValidationFailed

_AUDITED = ["full_name", "username", "role", "active", "must_change_password"]


def info(op: Operator) -> OperatorInfo:
    return OperatorInfo(
        id=op.id,
        username=op.username,
        full_name=op.full_name,
        role=op.role,
        active=op.active,
        must_change_password=op.must_change_password,
    )


def insert_operator(session: Session, ctx: ServiceContext, new: NewOperator) -> Operator:
    """Validate and add an operator inside the caller's transaction."""
    errors = validate_new_operator(new)
    if errors:
        raise ValidationFailed(errors)
    username = normalise_username(new.username)
    if session.scalar(select(Operator.id).where(Operator.username == username)) is not None:
        raise ValidationFailed([FieldError("username", f"Il nome utente «{username}» esiste già.")])
    op = Operator(
        full_name=new.full_name.strip(),
        username=username,
        role=new.role,
        password_hash=hash_password(new.password),
        active=True,
        must_change_password=False,
        created_at=ctx.clock(),
    )
    session.add(op)
    session.flush()
    return op


def list_operators(ctx: ServiceContext) -> list[OperatorInfo]:
    ctx.require_operator()
    with ctx.db.read() as session:
        ops = session.scalars(select(Operator).order_by(Operator.full_name, Operator.id))
        return [info(op) for op in ops]


def add_operator(ctx: ServiceContext, new: NewOperator) -> OperatorInfo:
    ctx.require_coordinator()
    with ctx.db.write() as session:
        op = insert_operator(session, ctx, new)
        audit.record(
            session, ctx, "operator.add", "operator", op.id, None, audit.fields_of(op, _AUDITED)
        )
        return info(op)


def _get(session: Session, operator_id: int) -> Operator:
    op = session.get(Operator, operator_id)
    if op is None:
        raise NotFound("Operatore non trovato.")
    return op


def set_active(ctx: ServiceContext, operator_id: int, active: bool) -> OperatorInfo:
    me = ctx.require_coordinator()
    with ctx.db.write() as session:
        op = _get(session, operator_id)
        if op.active == active:
            return info(op)
        if not active:
            if op.id == me.id:
                raise ServiceError("Non puoi disattivare il tuo stesso account.")
            if op.role is Role.COORDINATORE and _active_coordinators(session) <= 1:
                raise ServiceError("Deve restare almeno un coordinatore attivo.")
        op.active = active
        audit.record(
            session,
            ctx,
            "operator.activate" if active else "operator.deactivate",
            "operator",
            op.id,
            {"active": not active},
            {"active": active},
        )
        return info(op)


def _active_coordinators(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Operator)
            .where(Operator.role == Role.COORDINATORE, Operator.active.is_(True))
        )
        or 0
    )


def reset_password(ctx: ServiceContext, operator_id: int, new_password: str) -> OperatorInfo:
    """A coordinator sets a temporary password; the operator must change it at sign-in."""
    ctx.require_coordinator()
    errors = validate_password(new_password)
    if errors:
        raise ValidationFailed(errors)
    with ctx.db.write() as session:
        op = _get(session, operator_id)
        op.password_hash = hash_password(new_password)
        op.must_change_password = True
        # The password itself never goes into the audit log.
        audit.record(
            session,
            ctx,
            "operator.reset_password",
            "operator",
            op.id,
            None,
            {"must_change_password": True},
        )
        return info(op)


def change_own_password(
    ctx: ServiceContext, current: str, new_password: str, repeat: str
) -> OperatorInfo:
    me = ctx.require_operator()
    errors = validate_password(new_password, repeat)
    if errors:
        raise ValidationFailed(errors)
    with ctx.db.write() as session:
        op = _get(session, me.id)
        if not verify_password(current, op.password_hash):
            raise ValidationFailed([FieldError("current", "La password attuale non è corretta.")])
        if verify_password(new_password, op.password_hash):
            raise ValidationFailed(
                [FieldError("password", "La nuova password deve essere diversa da quella attuale.")]
            )
        op.password_hash = hash_password(new_password)
        op.must_change_password = False
        audit.record(
            session,
            ctx,
            "operator.change_password",
            "operator",
            op.id,
            None,
            {"must_change_password": False},
        )
        return info(op)
