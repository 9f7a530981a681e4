"""CaseDesk's benchmarks: `make bench` (`python -m bench [--smoke] [--repeat N]`).

Each benchmark measures one thing on a cached database of 20,000 demo associations
(see `bench.data`), together with its baseline measured in the same run, and returns
`bench.core.Result` rows; `bench.__main__` prints them as a table and writes
`bench/results.json`.

Adding a row (later issues)
---------------------------
1. Write `bench/<name>.py` with `run(env: bench.core.BenchEnv) -> list[Result]`.
   `env.dataset` is the demo database (copy it with `env.working_copy(...)` before
   writing to it: `bench.data.signed_in_context` does both), `env.smoke` asks for a
   few repetitions only, `env.repeat` is the user's `--repeat` (or None).
   `bench.core.time_calls` times a warm callable; `median` and `p95` summarise.
2. List it in `bench.suite.BENCHMARKS`.

This package must stay cheap to import: `python -m bench.probe` (the start-up
benchmark's child process) imports it before anything is measured.
"""
