"""The sign-in throttle, driven by a fake clock."""

from __future__ import annotations

import pytest

from casedesk.domain.signin import LOCKOUT_SECONDS, MAX_FAILED_ATTEMPTS, SignInThrottle


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def throttle(clock: FakeClock) -> SignInThrottle:
    return SignInThrottle(clock=clock)


def test_defaults_are_five_tries_and_thirty_seconds() -> None:
    assert MAX_FAILED_ATTEMPTS == 5
    assert LOCKOUT_SECONDS == 30


def test_a_new_throttle_lets_you_try(throttle: SignInThrottle) -> None:
    assert throttle.seconds_to_wait() == 0


def test_four_failures_do_not_make_you_wait(throttle: SignInThrottle, clock: FakeClock) -> None:
    for _ in range(4):
        throttle.record_failure()
        assert throttle.seconds_to_wait() == 0
        clock.advance(1)


def test_the_fifth_failure_makes_you_wait_thirty_seconds(throttle: SignInThrottle) -> None:
    for _ in range(4):
        throttle.record_failure()
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 30


def test_the_wait_counts_down_then_ends(throttle: SignInThrottle, clock: FakeClock) -> None:
    for _ in range(5):
        throttle.record_failure()
    clock.advance(0.4)
    assert throttle.seconds_to_wait() == 30  # 29.6 s left: rounded up
    clock.advance(9.6)
    assert throttle.seconds_to_wait() == 20
    clock.advance(19.5)
    assert throttle.seconds_to_wait() == 1  # 0.5 s left still means wait
    clock.advance(0.5)
    assert throttle.seconds_to_wait() == 0
    clock.advance(100)
    assert throttle.seconds_to_wait() == 0


def test_after_the_wait_you_get_five_fresh_tries(
    throttle: SignInThrottle, clock: FakeClock
) -> None:
    for _ in range(5):
        throttle.record_failure()
    clock.advance(30)
    assert throttle.seconds_to_wait() == 0
    for _ in range(4):
        throttle.record_failure()
    assert throttle.seconds_to_wait() == 0
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 30


def test_failures_need_not_be_quick_to_count(throttle: SignInThrottle, clock: FakeClock) -> None:
    for _ in range(5):
        clock.advance(600)  # ten minutes between tries
        throttle.record_failure()
    assert throttle.seconds_to_wait() == 30


def test_a_success_resets_the_count(throttle: SignInThrottle) -> None:
    for _ in range(4):
        throttle.record_failure()
    throttle.record_success()
    for _ in range(4):
        throttle.record_failure()
    assert throttle.seconds_to_wait() == 0
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 30


def test_custom_limits(clock: FakeClock) -> None:
    throttle = SignInThrottle(clock=clock, max_failures=2, lockout_seconds=5)
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 0
    throttle.record_failure()
    assert throttle.seconds_to_wait() == 5
    clock.advance(5)
    assert throttle.seconds_to_wait() == 0


def test_the_real_clock_is_monotonic_by_default() -> None:
    import time

    assert SignInThrottle().clock is time.monotonic
