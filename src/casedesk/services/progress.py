"""How a long service call says how far it has got, for a progress bar.

A service that works in steps takes an optional `progress: Progress | None` and
calls `progress(done, total)` as it goes (from whatever thread it runs in; the UI
side makes that safe and keeps only the latest step, see ui/widgets/worker.py). `total` may
change between calls when the service learns more (e.g. after reading a file).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


def report(progress: Progress | None, done: int, total: int) -> None:
    """Call `progress` when there is one (saves every service an `if`)."""
    if progress is not None:
        progress(done, total)
