"""The benchmark's data: a SQLite database of demo associations and a CSV to import.

The full dataset (20,000 associations with their board members and contact persons,
made by the program's demo-data generator with bulk inserts, plus a 10,000-row CSV
exported from it) is built once and kept under `bench/.data/<key>/`. The key holds
the schema's head revision, `GENERATOR_VERSION` and a digest of the generator's and
the exporter's source, so a change to any of them builds a new one (old ones are
removed). A build happens in a temporary folder renamed into place at the end, so an
interrupted build never leaves a half-made cache.

`--smoke` builds a tiny dataset in the run's scratch folder, never cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Bump when the way this module builds the data changes.
GENERATOR_VERSION = "1"
SEED = 2026
FULL_ASSOCIATIONS = 20_000
FULL_CSV_ROWS = 10_000
SMOKE_ASSOCIATIONS = 200
SMOKE_CSV_ROWS = 50

CACHE_DIR = Path(__file__).resolve().parent / ".data"
_PREFIX = "associations-"
DB_NAME = "casedesk.sqlite3"
CSV_NAME = "import.csv"
META_NAME = "meta.json"


@dataclass(frozen=True)
class Credential:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class Dataset:
    """A finished dataset folder. Treat `database` as read-only: copy it first."""

    folder: Path
    associations: int
    csv_rows: int
    credentials: tuple[Credential, ...]
    built_on: str

    @property
    def database(self) -> Path:
        return self.folder / DB_NAME

    @property
    def csv(self) -> Path:
        return self.folder / CSV_NAME

    @property
    def coordinator(self) -> Credential:
        return next(c for c in self.credentials if c.role == "coordinatore")


# --- helpers shared with the benchmarks -------------------------------------------------


def sqlite_url(path: Path) -> str:
    from sqlalchemy.engine import URL

    return URL.create("sqlite", database=str(path)).render_as_string()


def settle(path: Path) -> None:
    """Fold a WAL database's log into its main file, so the file alone is the database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_size == 0:
            side.unlink()


def copy_database(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def bench_settings(folder: Path):  # -> casedesk.services.context.Settings
    """Settings keeping every file the program writes inside `folder`."""
    from casedesk.services.context import Settings

    return Settings(
        data_dir=folder,
        backup_dir=folder / "backups",
        documents_dir=folder / "documents",
        receipts_dir=folder / "receipts",
        log_file=folder / "logs" / "casedesk.log",
    )


def open_context(database: Path):  # -> ServiceContext
    from casedesk.db.migrate import open_database
    from casedesk.services.context import ServiceContext

    settings = bench_settings(database.parent)
    db = open_database(sqlite_url(database), backup_dir=settings.backup_dir)
    return ServiceContext(db=db, settings=settings)


def signed_in_context(dataset: Dataset, database: Path):  # -> ServiceContext
    """A context on `database` (a copy of the dataset's) with the demo coordinator signed in."""
    from casedesk.domain.signin import SignInThrottle
    from casedesk.services.auth import sign_in

    ctx = open_context(database)
    who = dataset.coordinator
    return ctx.signed_in(sign_in(ctx, SignInThrottle(), who.username, who.password))


def fresh_database(path: Path):  # -> ServiceContext
    """A new migrated database with a house and a signed-in coordinator, nothing else."""
    from casedesk.domain.house import HouseDetails
    from casedesk.domain.operators import NewOperator
    from casedesk.services.setup import complete_setup

    ctx = open_context(path)
    operator = complete_setup(
        ctx,
        HouseDetails(name="Casa del benchmark"),
        NewOperator(full_name="Coordinatrice Benchmark", username="bench", password="bench-2026"),
    )
    return ctx.signed_in(operator)


# --- building ------------------------------------------------------------------------------


def _source_digest() -> str:
    import holidays

    import casedesk.domain.association_rows
    import casedesk.domain.demo_data
    import casedesk.domain.holidays
    import casedesk.services.association_export
    import casedesk.services.demo

    # The closures follow the holidays package's calendar.
    digest = hashlib.sha256(holidays.__version__.encode())
    # The demo generator is a package: its modules and its word lists.
    demo_folder = Path(casedesk.domain.demo_data.__file__ or "").parent
    demo_files = sorted(p for p in demo_folder.rglob("*") if p.suffix in (".py", ".json"))
    for path in (
        *demo_files,
        Path(casedesk.domain.holidays.__file__ or ""),
        Path(casedesk.services.demo.__file__ or ""),
        Path(casedesk.domain.association_rows.__file__ or ""),
        Path(casedesk.services.association_export.__file__ or ""),
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_key(associations: int, csv_rows: int) -> str:
    from casedesk.db.migrate import head_revision

    return (
        f"{_PREFIX}{associations}-csv{csv_rows}-rev{head_revision()}"
        f"-gen{GENERATOR_VERSION}-src{_source_digest()}"
    )


def _build(folder: Path, associations: int, csv_rows: int) -> None:
    from sqlalchemy import select

    from casedesk.db.models import Association
    from casedesk.services.association_export import export_associations
    from casedesk.services.demo import fill_demo

    folder.mkdir(parents=True)
    database = folder / DB_NAME
    ctx = open_context(database)
    try:
        credentials = fill_demo(ctx, associations=associations, seed=SEED)
        with ctx.db.read() as session:
            ids = list(
                session.scalars(select(Association.id).order_by(Association.id).limit(csv_rows))
            )
        written = export_associations(ctx, folder / CSV_NAME, "csv", ids=ids, as_system=True)
    finally:
        ctx.db.dispose()
    if written != csv_rows:
        raise RuntimeError(f"export wrote {written} rows, expected {csv_rows}")
    settle(database)
    for leftover in ("backups", "documents", "receipts", "logs"):
        shutil.rmtree(folder / leftover, ignore_errors=True)
    meta = {
        "associations": associations,
        "csv_rows": csv_rows,
        "seed": SEED,
        "built_on": time.strftime("%Y-%m-%d"),
        "credentials": [
            {"username": c.username, "password": c.password, "role": c.role.value}
            for c in credentials
        ],
    }
    (folder / META_NAME).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def _load(folder: Path) -> Dataset:
    meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
    return Dataset(
        folder=folder,
        associations=meta["associations"],
        csv_rows=meta["csv_rows"],
        credentials=tuple(Credential(**c) for c in meta["credentials"]),
        built_on=meta["built_on"],
    )


def smoke_dataset(workdir: Path) -> Dataset:
    folder = workdir / "smoke-data"
    _build(folder, SMOKE_ASSOCIATIONS, SMOKE_CSV_ROWS)
    return _load(folder)


def full_dataset(log: Callable[[str], object] = print) -> Dataset:
    """The cached 20,000-association dataset, built first if missing or stale."""
    key = cache_key(FULL_ASSOCIATIONS, FULL_CSV_ROWS)
    final = CACHE_DIR / key
    if (final / META_NAME).is_file():
        return _load(final)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    building = CACHE_DIR / f".building-{key}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    log(f"Building the benchmark dataset ({FULL_ASSOCIATIONS:,} associations) in {final} …")
    started = time.perf_counter()
    try:
        _build(building, FULL_ASSOCIATIONS, FULL_CSV_ROWS)
        try:
            os.rename(building, final)
        except OSError:
            if not (final / META_NAME).is_file():  # not a concurrent build that won
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    log(f"  built in {time.perf_counter() - started:.1f} s")
    for stale in CACHE_DIR.glob(f"{_PREFIX}*"):
        if stale != final and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    return _load(final)


if __name__ == "__main__":  # python -m bench.data: build (or show) the cache
    dataset = full_dataset()
    print(dataset.folder, file=sys.stdout)
