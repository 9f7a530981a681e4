"""Bring a database to the program's schema, safely.

- a new database is created by running the migrations (never `create_all`);
- an older one is first copied to a timestamped backup, then upgraded;
- one whose revision the program does not know (written by a newer CaseDesk)
  is refused and left untouched;
- anything that is not a CaseDesk database is refused and left untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from casedesk.db.engine import Database, make_engine
from casedesk.db.errors import DatabaseError, DatabaseMissingError, DatabaseTooNewError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_SQLITE_HEADER = b"SQLite format 3\x00"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL; None for other backends and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _check_sqlite_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise DatabaseError(f"«{path}» è una cartella, non un file di database.")
    if not path.exists():
        if not create:
            raise DatabaseMissingError(f"Il database «{path}» non esiste.")
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Impossibile creare la cartella «{folder}»: {exc.strerror or exc}."
            ) from exc
        if not os.access(folder, os.W_OK):
            raise DatabaseError(f"Permesso negato: impossibile scrivere nella cartella «{folder}».")
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"Impossibile leggere «{path}»: {exc.strerror or exc}.") from exc
    if header and header != _SQLITE_HEADER:
        raise DatabaseError(f"«{path}» non è un database SQLite: il file non è stato toccato.")
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            f"Permesso negato: impossibile scrivere il database «{path}» o la sua cartella."
        )


def _read_only_sqlite_engine(path: Path) -> Engine:
    """An engine for looking at an existing file without changing it.

    The program's own connections switch the file to WAL, which rewrites its
    header: a file not yet in WAL mode (a foreign database, a copy) is opened
    read-only without those pragmas. A file already in WAL mode is opened the
    usual way, since read-only WAL readers leave -wal/-shm files behind.
    """
    with path.open("rb") as fh:
        header = fh.read(20)
    if len(header) == 20 and header[18] == 2:  # file format version 2: WAL
        return make_engine(f"sqlite:///{path}")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def describe_connection_error(url: URL, exc: BaseException) -> str:
    target = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "postgresql":
        return (
            f"Impossibile collegarsi al database PostgreSQL «{target}». "
            "Controlla che il server sia acceso e raggiungibile, e che nome utente, "
            f"password e nome del database siano giusti.\nDettaglio: {_first_line(exc)}"
        )
    return f"Il database «{target}» non è utilizzabile: {_first_line(exc)}"


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@dataclass(frozen=True)
class MigrationResult:
    revision: str
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _backup(engine: Engine, backup_dir: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = sqlite_path(engine.url)
    if path is not None:
        target = path.with_name(f"{path.stem}.backup-{stamp}-{revision}{path.suffix}")
        # sqlite3's online backup copies a consistent image, WAL included.
        src = sqlite3.connect(path)
        try:
            dst = sqlite3.connect(target)
            with dst:
                src.backup(dst)
            dst.close()
        finally:
            src.close()
        return target
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DatabaseError(
            "Il database va aggiornato, ma prima va salvata una copia e il programma pg_dump "
            "non è installato. Fai una copia del database PostgreSQL e poi esegui "
            "«casedesk migrate --no-backup»."
        )
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"casedesk-{stamp}-{revision}.sql"
    dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run([pg_dump, "--file", str(target), dsn], check=True)
    return target


def prepare(
    url: str | URL,
    *,
    create: bool = True,
    backup_dir: Path | None = None,
    backup: bool = True,
    progress: Callable[[str], None] | None = None,
) -> MigrationResult:
    """Create or upgrade the database at `url` to the program's schema."""
    url = make_url(url)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path, create)
    engine = make_engine(url)
    # Look before touching: the program's own connections switch SQLite to WAL.
    probe = _read_only_sqlite_engine(path) if path is not None and path.exists() else engine
    try:
        return _prepare(engine, probe, backup_dir or Path("."), backup, progress)
    except DatabaseError:
        raise
    except (DBAPIError, SQLAlchemyError, OSError, sqlite3.Error) as exc:
        if "file is not a database" in str(exc) or "malformed" in str(exc):
            raise DatabaseError(
                f"Il file «{path}» è danneggiato o non è un database: non è stato toccato."
            ) from exc
        raise DatabaseError(describe_connection_error(url, exc)) from exc
    finally:
        probe.dispose()
        engine.dispose()


def _prepare(
    engine: Engine,
    probe: Engine,
    backup_dir: Path,
    backup: bool,
    progress: Callable[[str], None] | None,
) -> MigrationResult:
    head = head_revision()
    with probe.connect() as connection:
        revision = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
    if revision == head:
        return MigrationResult(revision=head)
    if revision is None:
        if tables:
            raise DatabaseError(
                "Il database contiene già delle tabelle ma non è un database di CaseDesk: "
                "non è stato toccato."
            )
        _upgrade(engine)
        return MigrationResult(revision=head, created=True)
    if revision not in _known_revisions():
        raise DatabaseTooNewError(
            f"Il database è stato aggiornato da una versione più recente di CaseDesk "
            f"(revisione {revision}). Installa la versione più recente del programma: "
            "il database non è stato toccato."
        )
    backup_path = None
    if backup:
        if progress:
            progress("Copia di sicurezza del database prima dell'aggiornamento…")
        backup_path = _backup(engine, backup_dir, revision)
        log.info("database backed up to %s before upgrading from %s", backup_path, revision)
    _upgrade(engine)
    return MigrationResult(revision=head, upgraded_from=revision, backup=backup_path)


def _upgrade(engine: Engine, target: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), target)


def upgrade_to(url: str | URL, revision: str) -> None:
    """Upgrade to a given revision (tests use it to make an older database)."""
    engine = make_engine(url)
    try:
        _upgrade(engine, revision)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    problems: list[str]


def check(url: str | URL) -> CheckReport:
    """Integrity (SQLite) and migration state, without creating or changing anything."""
    url = make_url(url)
    path = sqlite_path(url)
    problems: list[str] = []
    if path is not None:
        if not path.exists():
            return CheckReport(False, [f"Il database «{path}» non esiste."])
        with path.open("rb") as fh:
            if fh.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
                return CheckReport(False, [f"«{path}» non è un database SQLite."])
        engine = _read_only_sqlite_engine(path)
    else:
        engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if path is not None:
                rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
                if rows != ["ok"]:
                    problems.extend(f"Integrità: {row}" for row in rows)
            revision = current_revision(connection)
    except (DBAPIError, SQLAlchemyError) as exc:
        return CheckReport(False, [*problems, describe_connection_error(url, exc)])
    finally:
        engine.dispose()
    head = head_revision()
    if revision is None:
        problems.append("Il database non è stato creato da CaseDesk (nessuna revisione).")
    elif revision not in _known_revisions():
        problems.append(f"Revisione {revision} più recente del programma ({head}).")
    elif revision != head:
        problems.append(f"Revisione {revision}: va aggiornato a {head} con «casedesk migrate».")
    return CheckReport(not problems, problems)


def open_database(url: str | URL, *, backup_dir: Path, create: bool = True) -> Database:
    """Prepare the schema, then open the database for the program's use."""
    prepare(url, create=create, backup_dir=backup_dir)
    return Database.open(url)
