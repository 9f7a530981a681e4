"""Import of a 10,000-row CSV with full validation, into a fresh database.

The CSV is the program's own export of 10,000 demo associations (UTF-8 with BOM,
semicolons, Italian headers: what Excel saves), kept with the dataset. Each run
imports it into a new copy of a freshly migrated database holding only the house
and a signed-in coordinator (so no tax code is already there and nothing is
skipped); only `import_associations` is timed.

Baseline: `csv.reader` over the same file, parse only.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from bench.core import BenchEnv, Result, median, time_calls

MAX_SECONDS = 3.0


def parse_only(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle, delimiter=";"))


def run(env: BenchEnv) -> list[Result]:
    from bench.data import fresh_database, settle
    from casedesk.services.association_import import import_associations

    source = env.dataset.csv
    rows = env.dataset.csv_rows
    runs = env.repetitions(full=3, smoke=1)

    scratch = env.scratch("import")
    template = scratch / "template.sqlite3"
    fresh_database(template).db.dispose()
    settle(template)

    times = []
    for i in range(runs):
        ctx = fresh_database_copy(template, scratch / f"run{i}" / "casedesk.sqlite3")
        try:
            start = time.perf_counter()
            report = import_associations(ctx, source)
            times.append(time.perf_counter() - start)
        finally:
            ctx.db.dispose()
        if report.problems or report.added != rows:
            problems = "; ".join(str(p) for p in report.problems[:5])
            raise RuntimeError(
                f"import added {report.added} of {rows} rows, skipped {len(report.skipped)}, "
                f"{len(report.problems)} problems: {problems}"
            )
    warnings = len(report.warnings)

    parsed = parse_only(source)
    if parsed != rows + 1:
        raise RuntimeError(f"csv.reader saw {parsed} lines, expected {rows + 1}")
    baseline = time_calls(lambda: parse_only(source), runs=max(runs, 5))

    return [
        Result(
            metric=f"import_csv_{rows}_rows",
            value=median(times),
            baseline=median(baseline),
            unit="s",
            max_value=MAX_SECONDS,
            samples=runs,
            note=(
                f"{rows} rows added per run ({warnings} warnings); "
                f"runs {', '.join(f'{t:.3f}' for t in times)} s"
            ),
        )
    ]


def fresh_database_copy(template: Path, target: Path):  # -> ServiceContext
    """A context on a copy of the fresh template, its coordinator already signed in."""
    from sqlalchemy import select

    from bench.data import copy_database, open_context
    from casedesk.db.models import Operator
    from casedesk.services.operators import info

    copy_database(template, target)
    ctx = open_context(target)
    with ctx.db.read() as session:
        operator = session.scalars(select(Operator)).one()
        return ctx.signed_in(info(operator))
