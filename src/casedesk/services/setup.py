"""First run: the house's details and the first coordinator, in one transaction."""

from __future__ import annotations

from sqlalchemy import func, select

from casedesk.db.models import Operator
from casedesk.domain.enums import Role
from casedesk.domain.house import HouseDetails
from casedesk.domain.operators import NewOperator, OperatorInfo
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.errors import Conflict
from casedesk.services.house import create_house, house_exists
from casedesk.services.operators import info, insert_operator


def needs_setup(ctx: ServiceContext) -> bool:
    with ctx.db.read() as session:
        has_operator = (session.scalar(select(func.count()).select_from(Operator)) or 0) > 0
        return not (has_operator and house_exists(session))


def complete_setup(
    ctx: ServiceContext, house: HouseDetails, coordinator: NewOperator
) -> OperatorInfo:
    coordinator = NewOperator(
        full_name=coordinator.full_name,
        username=coordinator.username,
        password=coordinator.password,
        role=Role.COORDINATORE,
    )
    with ctx.db.write() as session:
        # Another desk may have finished the set-up while this wizard was open.
        if house_exists(session) or session.scalar(select(func.count()).select_from(Operator)):
            raise Conflict(
                "La configurazione iniziale è già stata completata da un'altra postazione."
            )
        create_house(session, ctx, house)
        op = insert_operator(session, ctx, coordinator)
        audit.record(
            session,
            ctx,
            "setup.complete",
            "house",
            1,
            None,
            {"house": house.name, "coordinator": op.username},
            operator_id=op.id,
        )
        return info(op)
