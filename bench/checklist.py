"""Checklist: opening an association's document checklist on the 20,000-association database.

What the Documenti tab does when the desk picks an association: `get_checklist`, which
reads the catalogue, the association and its documents. Timed over many associations
spread through the register (warm: the first few are discarded). Baseline: reading
the same association by primary key alone, the cheapest query on that database.

Target (issue 4, "Speed"): median ≤ 50 ms.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from bench.core import Result, median
from bench.data import signed_in_context

if TYPE_CHECKING:
    from bench.core import BenchEnv

RUNS = 200
SMOKE_RUNS = 5
WARMUP = 5


def run(env: BenchEnv) -> list[Result]:
    from casedesk.db.models import Association
    from casedesk.services.associations import list_associations
    from casedesk.services.documents import get_checklist

    ctx = signed_in_context(env.dataset, env.working_copy("checklist"))
    ids = [s.id for s in list_associations(ctx)]
    runs = env.repetitions(RUNS, SMOKE_RUNS)
    step = max(1, len(ids) // (runs + WARMUP))
    picks = ids[::step][: runs + WARMUP]

    def timed(fn) -> list[float]:  # type: ignore[no-untyped-def]
        samples = []
        for association_id in picks:
            start = time.perf_counter()
            fn(association_id)
            samples.append((time.perf_counter() - start) * 1000)
        return samples[WARMUP:] or samples

    def by_key(association_id: int) -> None:
        with ctx.db.read() as session:
            session.get(Association, association_id)

    checklist = timed(lambda aid: get_checklist(ctx, aid))
    baseline = timed(by_key)
    ctx.db.dispose()
    return [
        Result(
            metric="open_checklist",
            value=median(checklist),
            unit="ms",
            baseline=median(baseline),
            max_value=50,
            samples=len(checklist),
            note=f"{len(picks)} associations across the register",
        )
    ]
