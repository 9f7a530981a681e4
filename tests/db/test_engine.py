"""SQLite tuning: pragmas on every connection, write transactions take the lock up front."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError

from casedesk.db.engine import Database, make_engine
from casedesk.db.migrate import open_database
from casedesk.db.models import Room
from casedesk.domain.enums import RoomKind


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite3"


@pytest.fixture
def sqlite_db(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{db_path}", backup_dir=tmp_path / "backups")
    yield database
    database.dispose()


def _pragmas(session_or_conn: object) -> dict[str, object]:
    execute = session_or_conn.execute  # type: ignore[attr-defined]
    return {
        name: execute(text(f"PRAGMA {name}")).scalar_one()
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    }


def _assert_tuned(pragmas: dict[str, object]) -> None:
    assert pragmas["foreign_keys"] == 1
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["synchronous"] == 2  # FULL
    assert isinstance(pragmas["busy_timeout"], int) and pragmas["busy_timeout"] >= 5000


def test_read_and_write_sessions_are_tuned(sqlite_db: Database) -> None:
    with sqlite_db.read() as s:
        _assert_tuned(_pragmas(s))
    with sqlite_db.write() as s:
        _assert_tuned(_pragmas(s))


def test_every_new_connection_is_tuned(sqlite_db: Database) -> None:
    # Several connections at once, then fresh ones after the pool is emptied.
    with sqlite_db.engine.connect() as c1, sqlite_db.engine.connect() as c2:
        _assert_tuned(_pragmas(c1))
        _assert_tuned(_pragmas(c2))
    sqlite_db.engine.dispose()
    with sqlite_db.engine.connect() as c3:
        _assert_tuned(_pragmas(c3))


def test_a_brand_new_file_is_put_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            _assert_tuned(_pragmas(conn))
    finally:
        engine.dispose()
    # WAL is persistent: a plain connection sees it too.
    plain = sqlite3.connect(path)
    try:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        plain.close()


# --- BEGIN IMMEDIATE --------------------------------------------------------------------


def _other_desk(db_path: Path) -> sqlite3.Connection:
    """A second, independent connection that will not wait for a lock."""
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    conn.execute("PRAGMA busy_timeout = 0")
    return conn


def test_write_session_emits_begin_immediate_and_read_session_plain_begin(
    sqlite_db: Database,
) -> None:
    statements: list[str] = []

    @event.listens_for(sqlite_db.engine, "before_cursor_execute")
    def _log(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement.strip().upper())

    with sqlite_db.read() as s:
        s.execute(text("SELECT 1"))
    assert [st for st in statements if st.startswith("BEGIN")] == ["BEGIN"]
    statements.clear()
    with sqlite_db.write() as s:
        s.execute(text("SELECT 1"))
    assert [st for st in statements if st.startswith("BEGIN")] == ["BEGIN IMMEDIATE"]


def test_write_transaction_holds_the_write_lock_from_its_first_statement(
    sqlite_db: Database, db_path: Path
) -> None:
    """While a write() transaction has only *read*, another writer is already locked out.

    A deferred BEGIN would only take the write lock at the first write, so the other
    desk's BEGIN IMMEDIATE would succeed: that is exactly what read() shows below.
    """
    opened = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def desk_one(session_factory: str) -> None:
        try:
            ctx = sqlite_db.write() if session_factory == "write" else sqlite_db.read()
            with ctx as s:
                s.scalar(select(Room).limit(1))  # reads only
                opened.set()
                assert release.wait(10)
        except BaseException as exc:
            errors.append(exc)
            opened.set()

    other = _other_desk(db_path)
    try:
        # 1. write(): the lock is taken at BEGIN, another BEGIN IMMEDIATE fails at once.
        thread = threading.Thread(target=desk_one, args=("write",))
        thread.start()
        try:
            assert opened.wait(10)
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            release.set()
            thread.join(10)
        assert not thread.is_alive()
        assert errors == []

        # Once the write transaction has ended, the other desk can write.
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")

        # 2. read(): a reader does not block a writer.
        opened.clear()
        release.clear()
        thread = threading.Thread(target=desk_one, args=("read",))
        thread.start()
        try:
            assert opened.wait(10)
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            release.set()
            thread.join(10)
        assert not thread.is_alive()
        assert errors == []
    finally:
        other.close()


def test_write_waits_for_another_writer_instead_of_failing(
    sqlite_db: Database, db_path: Path
) -> None:
    """The busy timeout: a write() started while another desk writes waits its turn."""
    with sqlite_db.write() as s:
        s.add(Room(name="Sala A", kind=RoomKind.MEETING, capacity=5))

    other = _other_desk(db_path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE room SET capacity = 6")
    done = threading.Event()
    errors: list[BaseException] = []

    def second_desk() -> None:
        try:
            with sqlite_db.write() as s:
                room = s.scalars(select(Room)).one()
                room.capacity += 10
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=second_desk)
    thread.start()
    try:
        # Still waiting for the lock while the other desk's transaction is open.
        assert not done.wait(0.3)
        other.execute("COMMIT")
        assert done.wait(10)
    finally:
        thread.join(10)
        other.close()
    assert errors == []
    with sqlite_db.read() as s:
        assert s.scalars(select(Room.capacity)).one() == 16  # saw the other desk's 6


# --- concurrent read-modify-write -------------------------------------------------------

INCREMENTS = 50


def test_two_desks_incrementing_concurrently_lose_no_update(
    sqlite_db: Database, db_path: Path
) -> None:
    with sqlite_db.write() as s:
        room = Room(name="Contatore", kind=RoomKind.MEETING, capacity=1)
        s.add(room)
        s.flush()
        room_id = room.id

    # Two desks: two independent engines on the same file, one thread each.
    desks = [sqlite_db, Database.open(f"sqlite:///{db_path}")]
    start = threading.Barrier(len(desks))
    errors: list[BaseException] = []

    def work(db: Database) -> None:
        try:
            start.wait(10)
            for _ in range(INCREMENTS):
                with db.write() as s:
                    current = s.execute(
                        select(Room.capacity).where(Room.id == room_id)
                    ).scalar_one()
                    time.sleep(0.0005)  # widen the read-then-write window
                    s.execute(
                        text("UPDATE room SET capacity = :v WHERE id = :id"),
                        {"v": current + 1, "id": room_id},
                    )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in desks]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        desks[1].dispose()

    assert not any(t.is_alive() for t in threads)
    assert errors == [], [str(e) for e in errors]
    assert not any(isinstance(e, OperationalError) for e in errors)
    with sqlite_db.read() as s:
        total = s.execute(select(Room.capacity).where(Room.id == room_id)).scalar_one()
    assert total == 1 + len(desks) * INCREMENTS
