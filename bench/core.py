"""What every benchmark shares: the result row, the run's environment, statistics."""

from __future__ import annotations

import json
import math
import shutil
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.data import Dataset


@dataclass
class Result:
    """One row of the table and of results.json.

    `value` and `baseline` are in `unit`; `ratio` is value / baseline. A target is
    `max_value` (value ≤ it) and/or `max_ratio` (ratio ≤ it); `met` is None when
    there is no target or nothing could be measured (then `value` is None and
    `note` says why).
    """

    metric: str
    value: float | None
    unit: str
    baseline: float | None = None
    max_value: float | None = None
    max_ratio: float | None = None
    samples: int = 0
    note: str = ""
    ratio: float | None = field(init=False, default=None)
    met: bool | None = field(init=False, default=None)
    target: str = field(init=False, default="")

    def __post_init__(self) -> None:
        if self.value is not None and self.baseline:
            self.ratio = self.value / self.baseline
        parts = []
        if self.max_value is not None:
            parts.append(f"≤ {self.max_value:g} {self.unit}")
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g} × baseline")
        self.target = " and ".join(parts)
        if self.value is None or not parts:
            return
        met = True
        if self.max_value is not None:
            met = met and self.value <= self.max_value
        if self.max_ratio is not None:
            met = met and self.ratio is not None and self.ratio <= self.max_ratio
        self.met = met

    def misses(self) -> list[str]:
        """The parts of the target not met, in words."""
        out = []
        if self.value is not None and self.max_value is not None and self.value > self.max_value:
            out.append(
                f"{_number(self.value, self.unit)} {self.unit} > {self.max_value:g} {self.unit}"
            )
        if self.ratio is not None and self.max_ratio is not None and self.ratio > self.max_ratio:
            out.append(f"{self.ratio:.2f} × baseline > {self.max_ratio:g} ×")
        return out

    def as_json(self) -> dict[str, Any]:
        row = asdict(self)
        order = ["metric", "value", "baseline", "ratio", "target", "met", "unit"]
        return {key: row[key] for key in order} | {key: row[key] for key in row if key not in order}


@dataclass
class BenchEnv:
    """What a benchmark gets: the dataset, a scratch folder, and how hard to try."""

    dataset: Dataset
    workdir: Path
    smoke: bool = False
    repeat: int | None = None

    def repetitions(self, full: int, smoke: int = 1) -> int:
        if self.repeat is not None:
            return max(1, self.repeat)
        return smoke if self.smoke else full

    def scratch(self, name: str) -> Path:
        """A new empty folder under the run's scratch folder."""
        path = self.workdir / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path

    def working_copy(self, name: str) -> Path:
        """A private copy of the dataset's database (benchmarks may write to it)."""
        from bench.data import copy_database

        return copy_database(self.dataset.database, self.scratch(name) / "casedesk.sqlite3")


# A desk's screen: the offscreen platform's own is 800×800, which would shrink the main
# window (it takes 90 % of a small screen) and the rows the search has to repaint.
SCREEN = {"name": "desk", "x": 0, "y": 0, "width": 1920, "height": 1080}


def offscreen_platform(folder: Path) -> str:
    """A QT_QPA_PLATFORM value: offscreen, with one 1920×1080 screen at 96 dpi."""
    config = folder / "offscreen.json"
    screen = SCREEN | {"logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """The 95th percentile, nearest-rank (the smallest value ≥ 95 % of the samples)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def time_calls(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Seconds per call of `fn`, after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


# --- the table ---------------------------------------------------------------------------


def _number(value: float, unit: str) -> str:
    if unit == "ms" or value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"  # 0.902 s, 0.0981 s, 0.000123 s


def _cell(value: float | None, unit: str) -> str:
    return "n/a" if value is None else f"{_number(value, unit)} {unit}"


def format_table(results: Sequence[Result]) -> str:
    header = ["metric", "value", "baseline", "ratio", "target", "met"]
    rows = [
        [
            r.metric,
            _cell(r.value, r.unit),
            "—" if r.baseline is None else _cell(r.baseline, r.unit),
            "—" if r.ratio is None else f"{r.ratio:.2f}×",
            r.target or "—",
            {True: "yes", False: "NO", None: "—"}[r.met],
        ]
        for r in results
    ]
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    notes = [f"  {r.metric}: {r.note}" for r in results if r.note]
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out)
