"""Start-up: process start to the main window shown with the Associazioni tab filled.

Each measurement starts a fresh Python process (`bench.probe`): CaseDesk's main window
through the program's own start function, with the demo coordinator signed in, on a
copy of the 20,000-association database; the baseline is a bare PySide6 window with
four empty table tabs. The clock runs from just before the process is started to the
moment it writes "shown". Both run offscreen, with their own empty settings and data
folders; the runs alternate (app, bare, bare, app, …) so that drift in the machine's
load hits both alike, after one discarded warm-up pair (it fills the OS file cache).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.core import BenchEnv, Result, median

REPO = Path(__file__).resolve().parents[1]
CHILD_TIMEOUT_S = 180
MAX_SECONDS = 1.5
MAX_RATIO = 1.5
_PHASES = ("imported", "application", "database", "signed_in", "window", "shown")


def child_environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    platform = env.get("QT_QPA_PLATFORM", "")  # bench.__main__'s desk-sized screen
    env["QT_QPA_PLATFORM"] = platform if platform.startswith("offscreen") else "offscreen"
    env["CASEDESK_DATA_DIR"] = str(scratch / "data")
    env["XDG_CONFIG_HOME"] = str(scratch / "config")  # QSettings: no saved geometry/search
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def launch(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, object]]:
    """Seconds from just before the child starts to its "shown" line, and its phases."""
    command = [sys.executable, "-m", "bench.probe", *args]
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    try:
        _, errors = child.communicate(timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        _, errors = child.communicate()
    if not line.startswith("shown ") or child.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:1])} probe failed (exit {child.returncode}): {line!r}\n{errors}"
        )
    return elapsed, json.loads(line[len("shown ") :])


def run(env: BenchEnv) -> list[Result]:
    runs = env.repetitions(full=9, smoke=1)
    warmup = 0 if env.smoke else 1
    database = env.working_copy("startup")
    scratch = database.parent
    who = env.dataset.coordinator
    child_env = child_environment(scratch)
    app_args = ["app", str(database), who.username, who.password]

    app_times: list[float] = []
    bare_times: list[float] = []
    phases: list[dict[str, object]] = []
    for i in range(warmup + runs):
        order = ("app", "bare") if i % 2 == 0 else ("bare", "app")
        for which in order:
            elapsed, child_phases = launch(app_args if which == "app" else ["bare"], child_env)
            if i < warmup:
                continue
            if which == "app":
                app_times.append(elapsed)
                phases.append(child_phases)
            else:
                bare_times.append(elapsed)

    app_median = median(app_times)
    rows = phases[-1].get("rows")
    if rows is None:
        filled = "Associazioni tab not built yet (placeholder): nothing to fill"
    else:
        filled = f"tab filled with {rows} rows"
    steps = []
    previous = 0.0
    for name in _PHASES:
        values = [float(p[name]) for p in phases if isinstance(p.get(name), int | float)]
        if values:
            at = median(values)
            steps.append(f"{name} +{at - previous:.3f}")
            previous = at
    note = (
        f"{filled}; app min/max {min(app_times):.3f}/{max(app_times):.3f} s, "
        f"bare min/max {min(bare_times):.3f}/{max(bare_times):.3f} s; "
        f"app child phases (median s): interpreter start +{app_median - previous:.3f} "
        f"(total minus in-process), {', '.join(steps)}"
    )
    return [
        Result(
            metric="startup_to_main_window",
            value=app_median,
            baseline=median(bare_times),
            unit="s",
            max_value=MAX_SECONDS,
            max_ratio=MAX_RATIO,
            samples=runs,
            note=note,
        )
    ]
