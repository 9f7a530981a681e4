import pytest
from sqlalchemy import func, select

from casedesk.db.models import AuditEvent, House, Operator
from casedesk.domain.enums import Role
from casedesk.domain.house import HouseDetails
from casedesk.domain.operators import NewOperator
from casedesk.services.errors import Conflict, ValidationFailed
from casedesk.services.setup import complete_setup, needs_setup


def test_empty_database_needs_setup(ctx):
    assert needs_setup(ctx)


def test_setup_creates_house_and_coordinator_with_audit(ctx):
    op = complete_setup(
        ctx,
        HouseDetails(name="Casa Municipio 8", email="casa8@example.org"),
        # Whatever role is asked for, the first operator is a coordinator.
        NewOperator("Anna Rossi", " Anna ", "segreta123", Role.OPERATORE),
    )
    assert op.role is Role.COORDINATORE
    assert op.username == "anna"
    assert not needs_setup(ctx)
    with ctx.db.read() as s:
        assert s.get(House, 1).name == "Casa Municipio 8"
        event = s.scalars(select(AuditEvent)).one()
    assert event.action == "setup.complete"
    assert event.operator_id == op.id
    assert event.at.tzinfo is not None


def test_invalid_setup_writes_nothing(ctx):
    with pytest.raises(ValidationFailed) as info:
        complete_setup(ctx, HouseDetails(name="  "), NewOperator("Anna", "anna", "segreta123"))
    assert info.value.for_field("name")
    with pytest.raises(ValidationFailed) as info:
        complete_setup(ctx, HouseDetails(name="Casa"), NewOperator("Anna", "anna", "corta"))
    assert info.value.for_field("password")
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(House)) == 0
        assert s.scalar(select(func.count()).select_from(Operator)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0
    assert needs_setup(ctx)


def test_second_setup_is_refused(coordinator):
    with pytest.raises(Conflict):
        complete_setup(
            coordinator, HouseDetails(name="Altra"), NewOperator("X", "xx", "segreta123")
        )
