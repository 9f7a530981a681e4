"""The sign-in throttle: after too many wrong passwords the desk waits a while.

Kept per running program (not per username), so trying other usernames does not
get around it and the message never reveals whether a username exists.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_FAILED_ATTEMPTS = 5
LOCKOUT_SECONDS = 30.0


@dataclass
class SignInThrottle:
    clock: Callable[[], float] = time.monotonic
    max_failures: int = MAX_FAILED_ATTEMPTS
    lockout_seconds: float = LOCKOUT_SECONDS
    _failures: int = 0
    _locked_until: float = field(default=0.0)

    def seconds_to_wait(self) -> int:
        """Whole seconds left before another try is allowed (0: go ahead)."""
        left = self._locked_until - self.clock()
        return max(0, int(left + 0.999)) if left > 0 else 0

    def record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self.max_failures:
            self._locked_until = self.clock() + self.lockout_seconds
            self._failures = 0

    def record_success(self) -> None:
        self._failures = 0
        self._locked_until = 0.0
