import pytest

from casedesk.domain.signin import SignInThrottle
from casedesk.services.auth import WRONG_CREDENTIALS, SignInError, sign_in
from casedesk.services.operators import set_active
from support import COORDINATOR_PASSWORD, OPERATOR_PASSWORD


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_right_password_signs_in(coordinator):
    op = sign_in(coordinator, SignInThrottle(), "ANNA", COORDINATOR_PASSWORD)
    assert op.username == "anna"
    assert op.is_coordinator


def test_wrong_password_and_unknown_user_get_the_same_message(coordinator):
    throttle = SignInThrottle()
    messages = []
    for username in ("anna", "nessuno"):
        with pytest.raises(SignInError) as info:
            sign_in(coordinator, throttle, username, "sbagliata")
        messages.append(str(info.value))
    assert messages == [WRONG_CREDENTIALS, WRONG_CREDENTIALS]


def test_fifth_wrong_try_imposes_a_wait(coordinator):
    clock = FakeClock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(4):
        with pytest.raises(SignInError) as info:
            sign_in(coordinator, throttle, "anna", "sbagliata")
        assert info.value.wait_seconds == 0
    with pytest.raises(SignInError) as info:
        sign_in(coordinator, throttle, "anna", "sbagliata")
    assert info.value.wait_seconds == 30
    # Even the right password waits.
    clock.now += 10
    with pytest.raises(SignInError) as info:
        sign_in(coordinator, throttle, "anna", COORDINATOR_PASSWORD)
    assert info.value.wait_seconds == 20
    assert "20 secondi" in str(info.value)
    clock.now += 20
    assert sign_in(coordinator, throttle, "anna", COORDINATOR_PASSWORD).username == "anna"


def test_deactivated_operator_cannot_sign_in(operator, coordinator):
    set_active(coordinator, operator.operator.id, False)
    with pytest.raises(SignInError) as info:
        sign_in(coordinator, SignInThrottle(), "bruno", OPERATOR_PASSWORD)
    assert str(info.value) == WRONG_CREDENTIALS
