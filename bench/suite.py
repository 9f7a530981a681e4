"""The benchmarks `python -m bench` runs, in this order (each name selects it with --only).

Start-up runs first, before this process has a QApplication of its own; the
in-process Qt benchmarks follow.

A new row is a module with `run(env: BenchEnv) -> list[Result]`, listed here.
"""

from __future__ import annotations

from collections.abc import Callable

from bench import (
    calendar_conflicts,
    checklist,
    import_csv,
    keystroke,
    receipt,
    search_keys,
    slots,
    startup,
)
from bench.core import BenchEnv, Result

Benchmark = Callable[[BenchEnv], list[Result]]

BENCHMARKS: dict[str, Benchmark] = {
    "startup": startup.run,
    "keystroke": keystroke.run,
    "search_keys": search_keys.run,
    "import": import_csv.run,
    "receipt": receipt.run,
    "checklist": checklist.run,
    "calendar_conflicts": calendar_conflicts.run,
    "slots": slots.run,
}
