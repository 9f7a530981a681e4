"""Keys a clerk types in the Associazioni search until the association she wants is
the first row (median and 90th percentile over every name of a big house's register).

A register of 500 associations from the demo generator (a big house) goes into a
fresh database; the rows the tab shows come from the service, into the tab's own
table model, sorted by name as the tab starts. For each association the simulated
clerk of `casedesk.domain.search_clerk` types into the model's search (the rarest
word of the name first, up to three letters of each word — fewer when no other
word of the names on screen begins the same way — then a space and the next word; the whole of
the last one if needed) and the keys until that
association is the first row are counted. An association that never gets there
counts as more keys than any other.

Baseline: the same clerk and the same words with the hits in alphabetical order,
as the register listed them before ranking.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.core import BenchEnv, Result

ASSOCIATIONS = 500
SMOKE_ASSOCIATIONS = 40
SEED = 2026
MAX_MEDIAN = 4.0
MAX_P90 = 7.0


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value at least `share` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def register(env: BenchEnv, associations: int) -> Any:  # -> list[AssociationSummary]
    """The rows the register tab shows, of a new demo house of `associations`."""
    from bench.data import open_context
    from casedesk.domain.enums import Role
    from casedesk.domain.signin import SignInThrottle
    from casedesk.services.associations import list_associations
    from casedesk.services.auth import sign_in
    from casedesk.services.demo import fill_demo

    ctx = open_context(env.scratch("search-keys") / "casedesk.sqlite3")
    try:
        credentials = fill_demo(ctx, associations=associations, seed=SEED, with_pdfs=False)
        who = next(c for c in credentials if c.role is Role.COORDINATORE)
        signed = ctx.signed_in(sign_in(ctx, SignInThrottle(), who.username, who.password))
        return list_associations(signed)
    finally:
        ctx.db.dispose()


Shown = Callable[[str], list[tuple[int, str]]]  # search text -> (id, name) on screen


def ranked_shown(model: Any) -> Shown:
    """The rows the tab's model shows on screen for a search text."""
    from casedesk.domain.search_clerk import SCREEN

    def shown(text: str) -> list[tuple[int, str]]:
        model.set_filter(text)
        count = min(model.visible_count(), SCREEN)
        return [
            (model.association_id(r), model.index(r, model.NAME).data()) for r in range(count)
        ]

    return shown


def alphabetical_shown(rows: Sequence[Any]) -> Shown:
    """The hits on screen in the register's alphabetical order (before ranking)."""
    from casedesk.domain.search_clerk import SCREEN
    from casedesk.domain.text_search import fold, matches, terms

    keys = [(fold(r.name), i) for i, r in enumerate(rows)]

    def shown(text: str) -> list[tuple[int, str]]:
        query_terms = terms(text)
        hits = sorted(keys[i] for i, r in enumerate(rows) if matches(r.search_text, query_terms))
        return [(rows[i].id, rows[i].name) for _key, i in hits[:SCREEN]]

    return shown


def keys_per_association(
    rows: Sequence[Any], shown: Shown, reset: Callable[[], None]
) -> list[float]:
    from casedesk.domain.search_clerk import NameWords, keys_to_first, word_settled

    known = NameWords([r.name for r in rows])
    counts: list[float] = []
    for row in rows:
        reset()  # the box is empty when the clerk starts on the next name
        keys = keys_to_first(
            known.word_order(row.name),
            lambda text, r=row: (shown(text)[:1] or [(None, "")])[0][0] == r.id,
            settled=lambda text, word: word_settled([n for _id, n in shown(text)], text, word),
        )
        counts.append(math.inf if keys is None else keys)
    return counts


def _finite(keys: float) -> float | None:
    """None (shown as n/a, target not met) when the association was never first."""
    return None if keys == math.inf else keys


def _summary(counts: list[float]) -> str:
    finite = [c for c in counts if c != math.inf]
    never = len(counts) - len(finite)
    mean = statistics.mean(finite) if finite else math.nan
    within = sum(1 for c in counts if c <= MAX_MEDIAN) / len(counts)
    return f"mean {mean:.1f}, ≤ 4 keys for {within:.0%}, never first: {never}"


def run(env: BenchEnv) -> list[Result]:
    from PySide6.QtCore import Qt

    from casedesk.ui.app import ensure_application
    from casedesk.ui.associations.model import AssociationsTableModel

    ensure_application()
    rows = register(env, SMOKE_ASSOCIATIONS if env.smoke else ASSOCIATIONS)
    model = AssociationsTableModel(rows)
    model.sort(AssociationsTableModel.NAME, Qt.SortOrder.AscendingOrder)
    started = time.perf_counter()
    ranked = keys_per_association(rows, ranked_shown(model), lambda: model.set_filter(""))
    seconds = time.perf_counter() - started
    before = keys_per_association(rows, alphabetical_shown(rows), lambda: None)
    note = (
        f"{len(rows)} associations, each typed for by the simulated clerk "
        f"(domain.search_clerk); ranked: {_summary(ranked)}; alphabetical (baseline): "
        f"{_summary(before)}; {seconds:.1f} s of searching"
    )
    return [
        _row("search_keys_to_first_row_median", 0.5, MAX_MEDIAN, ranked, before, note),
        _row("search_keys_to_first_row_p90", 0.9, MAX_P90, ranked, before, ""),
    ]


def _row(
    metric: str, share: float, most: float, ranked: list[float], before: list[float], note: str
) -> Result:
    value, baseline = percentile(ranked, share), percentile(before, share)
    for what, keys in (("ranked", value), ("alphabetical", baseline)):
        if keys == math.inf:
            note = f"{note}; " if note else ""
            note += f"{what}: more than {1 - share:.0%} of the associations never first"
    return Result(
        metric=metric,
        value=_finite(value),
        baseline=_finite(baseline),
        unit="keys",
        max_value=most,
        samples=len(ranked),
        note=note,
    )
