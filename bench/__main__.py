"""python -m bench [--smoke] [--repeat N] [--only NAME ...] [--output FILE]

Runs the benchmarks (bench.suite), prints the table and writes bench/results.json
(smoke and --only runs write a temporary file instead, see SMOKE_RESULTS).
The exit status is 0 whether or not targets are met (missed ones are listed); it is
1 only when a benchmark could not run, so `--smoke` (a tiny dataset, a single
repetition, results in a temporary file) keeps the machinery from rotting. A smoke
run prints one line, what ran: its numbers, on tiny data, say nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
# Smoke and partial runs' results: a temporary file (overwritten by the next one).
SMOKE_RESULTS = Path(tempfile.gettempdir()) / "casedesk-bench-partial.json"


def _arguments(argv: list[str]) -> argparse.Namespace:
    from bench.suite import BENCHMARKS

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[2])
    parser.add_argument(
        "--smoke", action="store_true", help="tiny dataset, one repetition, no targets"
    )
    parser.add_argument("--repeat", type=int, metavar="N", help="repetitions per benchmark")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=sorted(BENCHMARKS),
        metavar="NAME",
        help=f"run only these ({', '.join(BENCHMARKS)})",
    )
    parser.add_argument("--output", type=Path, help="where to write the results (JSON)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    from bench.core import offscreen_platform

    args = _arguments(argv)
    with tempfile.TemporaryDirectory(prefix="casedesk-bench-") as scratch:
        workdir = Path(scratch)
        # Offscreen, and with this run's own settings and data folders: the benchmark
        # neither opens windows on the desk nor reads or writes the desk's settings.
        os.environ["QT_QPA_PLATFORM"] = offscreen_platform(workdir)
        os.environ["XDG_CONFIG_HOME"] = str(workdir / "config")
        os.environ["CASEDESK_DATA_DIR"] = str(workdir / "data")
        return _run(args, workdir)


def _run(args: argparse.Namespace, workdir: Path) -> int:
    from bench import data
    from bench.core import BenchEnv, Result, format_table
    from bench.suite import BENCHMARKS

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    dataset = data.smoke_dataset(workdir) if args.smoke else data.full_dataset()
    env = BenchEnv(dataset=dataset, workdir=workdir, smoke=args.smoke, repeat=args.repeat)
    what = f"{dataset.associations:,} associations, {dataset.csv_rows:,}-row CSV"
    # A smoke run (make test) says only what ran: a table of numbers on tiny data, on a
    # machine busy with the tests, would read as alarms where there are none.
    say = _silent if args.smoke else print
    say(f"CaseDesk benchmarks: {what}")

    results: list[Result] = []
    failed: list[str] = []
    ran: list[str] = []
    for name, bench in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        say(f"  {name} …", flush=True)
        began = time.perf_counter()
        try:
            results.extend(bench(env))
            ran.append(name)
        except Exception:
            traceback.print_exc()
            failed.append(name)
        say(f"  {name}: {time.perf_counter() - began:.1f} s", flush=True)

    if args.smoke:  # tiny data: the numbers say nothing about the targets
        for r in results:
            r.met = None
    # bench/results.json holds full runs only; smoke and --only runs go to a temp file.
    output = args.output or (SMOKE_RESULTS if args.smoke or args.only else RESULTS)
    output.write_text(
        json.dumps([r.as_json() for r in results], indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    if args.smoke:
        print(
            f"Benchmark smoke run ({what}, one repetition, numbers not judged): "
            f"{', '.join(ran) or 'nothing'} ran in {time.perf_counter() - started:.0f} s"
            + (f"; {', '.join(failed)} FAILED." if failed else f"; details in {output}.")
        )
        return 1 if failed else 0
    print()
    print(format_table(results))
    print(f"\nResults written to {output} ({time.perf_counter() - started:.0f} s in all).")
    load_after = os.getloadavg()[0]
    half = 0.5 * (os.cpu_count() or 1)
    busy = load_before > half or load_after > half + 1  # at the end: + this run's own
    print(
        f"Load average (1 min) at start {load_before:.2f}, at end {load_after:.2f}, "
        f"on {os.cpu_count()} CPUs"
        + (": THE MACHINE WAS BUSY, other work skews these numbers." if busy else ".")
    )
    if failed:
        print(f"FAILED to run: {', '.join(failed)}", file=sys.stderr)
        return 1
    missed = [r for r in results if r.met is False]
    unmeasured = [r for r in results if r.value is None]
    for r in missed:
        print(f"TARGET MISSED: {r.metric}: {'; '.join(r.misses())} (target {r.target})")
    for r in unmeasured:
        print(f"NOT MEASURED: {r.metric}: {r.note}")
    if not missed and not unmeasured:
        print("All targets met.")
    return 0


def _silent(*_args: object, **_kwargs: object) -> None:
    pass


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
