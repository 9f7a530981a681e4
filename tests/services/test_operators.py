import pytest
from sqlalchemy import select

from casedesk.db.models import AuditEvent
from casedesk.domain.enums import Role
from casedesk.domain.operators import NewOperator
from casedesk.domain.signin import SignInThrottle
from casedesk.services import operators
from casedesk.services.auth import sign_in
from casedesk.services.errors import PermissionDenied, ServiceError, ValidationFailed
from support import OPERATOR_PASSWORD


def test_coordinator_adds_operator(coordinator):
    op = operators.add_operator(coordinator, NewOperator("Carla Verdi", "carla", "password99"))
    assert op.role is Role.OPERATORE
    names = [o.username for o in operators.list_operators(coordinator)]
    assert names == ["anna", "carla"]
    with coordinator.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "operator.add")).one()
    assert event.after["username"] == "carla"
    assert "password_hash" not in event.after


def test_duplicate_username_is_refused(coordinator):
    with pytest.raises(ValidationFailed) as info:
        operators.add_operator(coordinator, NewOperator("Anna Due", "ANNA", "password99"))
    assert "esiste già" in info.value.for_field("username")


def test_operator_cannot_administer(operator):
    with pytest.raises(PermissionDenied):
        operators.add_operator(operator, NewOperator("X Y", "xy", "password99"))
    with pytest.raises(PermissionDenied):
        operators.reset_password(operator, operator.operator.id, "password99")


def test_cannot_deactivate_self_or_last_coordinator(coordinator):
    with pytest.raises(ServiceError, match="tuo stesso"):
        operators.set_active(coordinator, coordinator.operator.id, False)


def test_last_active_coordinator_stays(coordinator):
    second = operators.add_operator(
        coordinator, NewOperator("Dario Neri", "dario", "password99", Role.COORDINATORE)
    )
    operators.set_active(coordinator.signed_in(second), coordinator.operator.id, False)
    # Anna's desk has not noticed yet that she was deactivated meanwhile.
    with pytest.raises(ServiceError, match="almeno un coordinatore"):
        operators.set_active(coordinator, second.id, False)


def test_deactivate_and_reactivate(coordinator, operator):
    assert not operators.set_active(coordinator, operator.operator.id, False).active
    assert operators.set_active(coordinator, operator.operator.id, True).active


def test_reset_password_forces_a_change(coordinator, operator):
    operators.reset_password(coordinator, operator.operator.id, "temporanea1")
    me = sign_in(coordinator, SignInThrottle(), "bruno", "temporanea1")
    assert me.must_change_password
    ctx = coordinator.signed_in(me)
    with pytest.raises(ValidationFailed) as info:
        operators.change_own_password(ctx, "temporanea1", "nuovapass1", "diversa111")
    assert info.value.for_field("password_repeat")
    with pytest.raises(ValidationFailed) as info:
        operators.change_own_password(ctx, "sbagliata", "nuovapass1", "nuovapass1")
    assert info.value.for_field("current")
    after = operators.change_own_password(ctx, "temporanea1", "nuovapass1", "nuovapass1")
    assert not after.must_change_password
    assert sign_in(coordinator, SignInThrottle(), "bruno", "nuovapass1").username == "bruno"


def test_old_password_stops_working_after_reset(coordinator, operator):
    operators.reset_password(coordinator, operator.operator.id, "temporanea1")
    with pytest.raises(ServiceError):
        sign_in(coordinator, SignInThrottle(), "bruno", OPERATOR_PASSWORD)
