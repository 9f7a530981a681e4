"""Opening a database: create, upgrade (after a backup), or refuse and leave it untouched."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from casedesk.db import migrate
from casedesk.db.base import Base
from casedesk.db.errors import DatabaseError, DatabaseMissingError, DatabaseTooNewError
from casedesk.db.migrate import check, head_revision, open_database, prepare, upgrade_to

only_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
only_pg = pytest.mark.parametrize(
    "db_url", [pytest.param("pg", marks=pytest.mark.pg)], indirect=True
)

# Written out, not imported: migration 0002 must keep producing exactly these.
CATALOGUE_CODES = [
    "statute",
    "founding_act",
    "community_purpose_statement",
    "board_list",
    "member_list",
    "activity_report",
    "runts_registration",
]
UNREACHABLE_PG = "postgresql+psycopg://u:segreta@127.0.0.1:1/x?connect_timeout=2"


# --- helpers ----------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sqlite_file(url: str) -> Path | None:
    return migrate.sqlite_path(make_url(url))


def _sql(url: str, *statements: str, **params: Any) -> list[Any]:
    """Run statements in one transaction with a plain engine; the last one's rows."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = None
            for statement in statements:
                result = conn.execute(text(statement), params)
            return list(result) if result is not None and result.returns_rows else []
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return migrate.current_revision(conn)
    finally:
        engine.dispose()


def _snapshot(url: str) -> dict[str, Any]:
    """What a refusal must leave exactly as it was: tables, their rows, the revision."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = sorted(inspect(conn).get_table_names())
            return {
                "tables": tables,
                "rows": {
                    t: sorted(map(repr, conn.execute(text(f"SELECT * FROM {t}")))) for t in tables
                },
            }
    finally:
        engine.dispose()


def _state(url: str) -> Any:
    """The bytes of a SQLite file (and its folder's listing), or a PostgreSQL snapshot."""
    path = _sqlite_file(url)
    if path is not None:
        return _sha256(path), sorted(os.listdir(path.parent))
    return _snapshot(url)


def _insert_operator(url: str, username: str = "anna") -> None:
    _sql(
        url,
        "INSERT INTO operator (full_name, username, role, password_hash, active,"
        " must_change_password, created_at, notes) VALUES ('Anna Rossi', :u, 'coordinatore',"
        " 'x', :t, :f, '2026-01-10 08:00:00.000000', '')",
        u=username,
        t=True,
        f=False,
    )


def _plain_sqlite(path: Path, *statements: str) -> None:
    """A SQLite file written by some other program (default rollback journal)."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


# --- a new database ---------------------------------------------------------------------


def test_a_new_database_is_created_by_the_migrations(db_url: str, tmp_path: Path) -> None:
    result = prepare(db_url, backup_dir=tmp_path / "backups")

    assert result.created is True
    assert result.upgraded_from is None and result.backup is None
    assert result.revision == head_revision()
    assert _revision(db_url) == head_revision()
    engine = create_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert not (tmp_path / "backups").exists()  # nothing to back up


def test_a_new_database_has_the_document_catalogue(db_url: str, tmp_path: Path) -> None:
    prepare(db_url, backup_dir=tmp_path)
    rows = _sql(
        db_url,
        "SELECT code, title, mandatory, validity_months, active, legal_forms"
        " FROM document_requirement ORDER BY sort_order",
    )
    assert [r.code for r in rows] == CATALOGUE_CODES
    assert all(r.title and r.mandatory and r.active for r in rows)
    by_code = {r.code: r for r in rows}
    assert by_code["board_list"].validity_months == 12
    assert by_code["statute"].validity_months is None
    forms = by_code["runts_registration"].legal_forms
    if isinstance(forms, str):  # SQLite returns the JSON text
        forms = json.loads(forms)
    assert forms == ["ets_runts"]


def test_the_migrations_start_from_0001(db_url: str) -> None:
    upgrade_to(db_url, "0001")
    assert _revision(db_url) == "0001"
    assert _sql(db_url, "SELECT count(*) FROM document_requirement") == [(0,)]
    upgrade_to(db_url, "head")
    assert _revision(db_url) == head_revision()
    assert _sql(db_url, "SELECT count(*) FROM document_requirement") == [(len(CATALOGUE_CODES),)]


def test_an_empty_existing_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "vuoto.sqlite3"
    path.touch()  # e.g. created by hand: SQLite treats it as an empty database
    result = prepare(f"sqlite:///{path}", backup_dir=tmp_path)
    assert result.created is True
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


# --- an up-to-date database -------------------------------------------------------------


def test_prepare_on_an_up_to_date_database_changes_nothing(db_url: str, tmp_path: Path) -> None:
    prepare(db_url, backup_dir=tmp_path / "backups")
    _insert_operator(db_url)
    before = _state(db_url)

    result = prepare(db_url, backup_dir=tmp_path / "backups")

    assert result.created is False
    assert result.upgraded_from is None and result.backup is None
    assert result.revision == head_revision()
    assert _state(db_url) == before
    assert not (tmp_path / "backups").exists()


def test_open_database_opens_an_up_to_date_database(db_url: str, tmp_path: Path) -> None:
    prepare(db_url, backup_dir=tmp_path)
    _insert_operator(db_url, "bruno")
    db = open_database(db_url, backup_dir=tmp_path, create=False)
    try:
        with db.read() as s:
            assert s.execute(text("SELECT username FROM operator")).scalar_one() == "bruno"
    finally:
        db.dispose()


# --- an older database ------------------------------------------------------------------


@only_sqlite
def test_an_older_sqlite_database_is_backed_up_then_upgraded(db_url: str, tmp_path: Path) -> None:
    path = _sqlite_file(db_url)
    assert path is not None
    upgrade_to(db_url, "0001")
    _insert_operator(db_url)
    original = _sha256(path)
    messages: list[str] = []

    result = prepare(db_url, backup_dir=tmp_path / "unused", progress=messages.append)

    assert result.upgraded_from == "0001"
    assert result.created is False
    assert result.revision == head_revision()
    assert len(messages) == 1 and "Copia di sicurezza" in messages[0]

    # The backup: next to the database, named after the old revision, a full copy.
    backup = result.backup
    assert backup is not None and backup.exists()
    assert backup.parent == path.parent
    assert backup != path
    assert "0001" in backup.name and backup.name.startswith(path.stem)
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert conn.execute("SELECT username FROM operator").fetchall() == [("anna",)]
        assert conn.execute("SELECT count(*) FROM document_requirement").fetchone() == (0,)
    finally:
        conn.close()

    # The database itself: upgraded, the data kept.
    assert _sha256(path) != original
    assert _revision(db_url) == head_revision()
    assert _sql(db_url, "SELECT username FROM operator") == [("anna",)]
    assert len(_sql(db_url, "SELECT code FROM document_requirement")) == len(CATALOGUE_CODES)
    assert check(db_url).ok


@only_pg
def test_an_older_postgresql_database_is_dumped_then_upgraded(db_url: str, tmp_path: Path) -> None:
    if migrate.shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    upgrade_to(db_url, "0001")
    _insert_operator(db_url)
    backup_dir = tmp_path / "backups"

    result = prepare(db_url, backup_dir=backup_dir)

    assert result.upgraded_from == "0001"
    assert result.backup is not None and result.backup.parent == backup_dir
    assert "0001" in result.backup.name
    dump = result.backup.read_text(encoding="utf-8")
    assert "alembic_version" in dump and "0001" in dump
    assert "anna" in dump
    assert "document_requirement" in dump and "statute" not in dump  # taken before 0002
    assert _revision(db_url) == head_revision()
    assert _sql(db_url, "SELECT username FROM operator") == [("anna",)]


def test_upgrade_without_backup_makes_no_copy(db_url: str, tmp_path: Path) -> None:
    upgrade_to(db_url, "0001")
    _insert_operator(db_url)
    before = set(tmp_path.rglob("*"))

    result = prepare(db_url, backup_dir=tmp_path / "backups", backup=False)

    assert result.upgraded_from == "0001" and result.backup is None
    assert _revision(db_url) == head_revision()
    new_files = {p for p in set(tmp_path.rglob("*")) - before if p.is_file()}
    assert not [p for p in new_files if "backup" in p.name]
    assert not (tmp_path / "backups").exists()


# --- databases that are refused and left untouched -------------------------------------


def test_a_database_from_a_newer_casedesk_is_refused_untouched(db_url: str, tmp_path: Path) -> None:
    prepare(db_url, backup_dir=tmp_path / "backups")
    _insert_operator(db_url)
    _sql(db_url, "UPDATE alembic_version SET version_num = '9999'")
    before = _state(db_url)

    with pytest.raises(DatabaseTooNewError) as excinfo:
        prepare(db_url, backup_dir=tmp_path / "backups")

    message = str(excinfo.value)
    assert "9999" in message and "più recente" in message and "non è stato toccato" in message
    assert _state(db_url) == before
    assert _revision(db_url) == "9999"
    assert not (tmp_path / "backups").exists()
    with pytest.raises(DatabaseTooNewError):
        open_database(db_url, backup_dir=tmp_path / "backups")


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "appunti.sqlite3"
    path.write_text("Lista della spesa: pane, latte, uova.\n" * 20, encoding="utf-8")
    before = _state(f"sqlite:///{path}")

    with pytest.raises(DatabaseError) as excinfo:
        prepare(f"sqlite:///{path}", backup_dir=tmp_path)

    assert type(excinfo.value) is DatabaseError
    message = str(excinfo.value)
    assert "non è un database SQLite" in message
    assert str(path) in message and "non è stato toccato" in message
    assert _state(f"sqlite:///{path}") == before


def test_a_corrupt_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "rotto.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    before = _state(f"sqlite:///{path}")

    with pytest.raises(DatabaseError) as excinfo:
        prepare(f"sqlite:///{path}", backup_dir=tmp_path)

    assert not isinstance(excinfo.value, (DatabaseMissingError, DatabaseTooNewError))
    assert "danneggiato" in str(excinfo.value)
    assert _state(f"sqlite:///{path}") == before


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "altro_programma.sqlite3"
    _plain_sqlite(
        path,
        "CREATE TABLE clienti (id INTEGER PRIMARY KEY, nome TEXT)",
        "INSERT INTO clienti (nome) VALUES ('Mario')",
    )
    before = _state(f"sqlite:///{path}")

    with pytest.raises(DatabaseError) as excinfo:
        prepare(f"sqlite:///{path}", backup_dir=tmp_path)

    assert "non è un database di CaseDesk" in str(excinfo.value)
    assert _state(f"sqlite:///{path}") == before


def test_a_foreign_database_is_refused_and_gets_no_casedesk_tables(
    db_url: str, tmp_path: Path
) -> None:
    """Same as above, on both backends, comparing the content (not the bytes)."""
    _sql(
        db_url,
        "CREATE TABLE clienti (id INTEGER PRIMARY KEY, nome VARCHAR(50))",
        "INSERT INTO clienti (id, nome) VALUES (1, 'Mario')",
    )
    before = _snapshot(db_url)

    with pytest.raises(DatabaseError) as excinfo:
        prepare(db_url, backup_dir=tmp_path / "backups")

    assert type(excinfo.value) is DatabaseError
    assert "non è un database di CaseDesk" in str(excinfo.value)
    assert _snapshot(db_url) == before
    assert not (tmp_path / "backups").exists()


def test_a_foreign_wal_sqlite_database_is_refused_byte_for_byte_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "altro_programma.sqlite3"
    _plain_sqlite(path, "PRAGMA journal_mode = WAL", "CREATE TABLE clienti (id INTEGER)")
    before = _state(f"sqlite:///{path}")
    with pytest.raises(DatabaseError, match="non è un database di CaseDesk"):
        prepare(f"sqlite:///{path}", backup_dir=tmp_path)
    assert _state(f"sqlite:///{path}") == before


def test_a_missing_database_is_not_created_when_create_is_false(tmp_path: Path) -> None:
    path = tmp_path / "cartella" / "casedesk.sqlite3"
    with pytest.raises(DatabaseMissingError) as excinfo:
        prepare(f"sqlite:///{path}", create=False, backup_dir=tmp_path)
    assert "non esiste" in str(excinfo.value)
    assert not path.exists()
    assert not path.parent.exists()
    with pytest.raises(DatabaseMissingError):
        open_database(f"sqlite:///{path}", backup_dir=tmp_path, create=False)
    assert not path.parent.exists()


def test_a_missing_database_is_created_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "nuova" / "cartella" / "casedesk.sqlite3"
    assert prepare(f"sqlite:///{path}", backup_dir=tmp_path).created
    assert path.exists()


def test_a_folder_under_a_regular_file_cannot_hold_the_database(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("non sono una cartella", encoding="utf-8")
    path = blocker / "casedesk.sqlite3"

    with pytest.raises(DatabaseError) as excinfo:
        prepare(f"sqlite:///{path}", backup_dir=tmp_path)

    assert "cartella" in str(excinfo.value)
    assert blocker.read_text(encoding="utf-8") == "non sono una cartella"


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores directory permissions"
)
def test_an_unwritable_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "sola_lettura"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseError) as excinfo:
            prepare(f"sqlite:///{folder / 'casedesk.sqlite3'}", backup_dir=tmp_path)
        assert "permesso" in str(excinfo.value)
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "casedesk.sqlite3"
    folder.mkdir()
    with pytest.raises(DatabaseError, match="cartella"):
        prepare(f"sqlite:///{folder}", backup_dir=tmp_path)
    assert os.listdir(folder) == []


def test_an_unreachable_postgresql_server_gives_a_clear_message(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseError) as excinfo:
        prepare(UNREACHABLE_PG, backup_dir=tmp_path)
    message = str(excinfo.value)
    assert "PostgreSQL" in message
    assert "127.0.0.1" in message
    assert "segreta" not in message  # the password is never shown
    assert time.monotonic() - started < 15


# --- check ------------------------------------------------------------------------------


def test_check_is_ok_on_a_fresh_database(db_url: str, tmp_path: Path) -> None:
    prepare(db_url, backup_dir=tmp_path)
    before = _state(db_url)
    report = check(db_url)
    assert report.ok is True
    assert report.problems == []
    if _sqlite_file(db_url) is not None:
        assert _state(db_url)[0] == before[0]  # the database file is not changed


def test_check_reports_a_missing_file_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "manca" / "casedesk.sqlite3"
    report = check(f"sqlite:///{path}")
    assert report.ok is False
    assert any("non esiste" in p for p in report.problems)
    assert not path.exists() and not path.parent.exists()


def test_check_reports_an_older_revision(db_url: str) -> None:
    upgrade_to(db_url, "0001")
    report = check(db_url)
    assert report.ok is False
    assert len(report.problems) == 1
    assert "0001" in report.problems[0] and head_revision() in report.problems[0]
    assert _revision(db_url) == "0001"  # check never upgrades


def test_check_reports_a_newer_revision(db_url: str, tmp_path: Path) -> None:
    prepare(db_url, backup_dir=tmp_path)
    _sql(db_url, "UPDATE alembic_version SET version_num = '9999'")
    report = check(db_url)
    assert report.ok is False
    assert any("9999" in p for p in report.problems)


def test_check_reports_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "appunti.sqlite3"
    path.write_text("non sono un database", encoding="utf-8")
    before = _state(f"sqlite:///{path}")
    report = check(f"sqlite:///{path}")
    assert report.ok is False
    assert any("non è un database SQLite" in p for p in report.problems)
    assert _state(f"sqlite:///{path}") == before


def test_check_reports_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "rotto.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    before = _sha256(path)
    report = check(f"sqlite:///{path}")
    assert report.ok is False and report.problems
    assert _sha256(path) == before


def test_check_reports_a_database_without_revision(tmp_path: Path) -> None:
    path = tmp_path / "altro.sqlite3"
    _plain_sqlite(path, "PRAGMA journal_mode = WAL", "CREATE TABLE clienti (id INTEGER)")
    report = check(f"sqlite:///{path}")
    assert report.ok is False
    assert any("nessuna revisione" in p for p in report.problems)


def test_check_reports_an_unreachable_postgresql_server() -> None:
    report = check(UNREACHABLE_PG)
    assert report.ok is False
    assert any("PostgreSQL" in p for p in report.problems)
    assert not any("segreta" in p for p in report.problems)


def test_check_handles_a_hash_sign_in_the_folder_name(tmp_path: Path) -> None:
    folder = tmp_path / "Casa #2"
    path = folder / "casedesk.sqlite3"
    prepare(f"sqlite:///{path}", backup_dir=tmp_path)
    listing = sorted(os.listdir(tmp_path))

    report = check(f"sqlite:///{path}")

    assert sorted(os.listdir(tmp_path)) == listing  # no stray "Casa " database created
    assert report.ok, report.problems


def test_check_reads_a_casedesk_database_not_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "copia.sqlite3"
    prepare(f"sqlite:///{path}", backup_dir=tmp_path)
    _plain_sqlite(path, "PRAGMA journal_mode = DELETE")
    report = check(f"sqlite:///{path}")
    assert report.ok, report.problems


def test_an_upgraded_house_keeps_a_yearly_enrollment(db_url: str) -> None:
    # Before 0003 an enrolled association renewed once a year: 12 months is that meaning.
    upgrade_to(db_url, "0002")
    _sql(
        db_url,
        "INSERT INTO house (id, name, address, phone, email, opening_hours, settings) "
        "VALUES (1, 'Casa', '', '', '', '{}', '{}')",
    )
    upgrade_to(db_url, "head")
    assert _sql(db_url, "SELECT enrollment_validity_months FROM house") == [(12,)]


def test_0004_numbers_existing_contact_persons_in_the_order_they_had(db_url: str) -> None:
    upgrade_to(db_url, "0002")
    moment = "2026-01-10 08:00:00.000000"
    for association_id, name in ((1, "Prima"), (2, "Seconda")):
        _sql(
            db_url,
            "INSERT INTO association (id, name, legal_form, address, email, pec, phone, website,"
            " sectors, description, seeking_volunteers, legal_representative, status,"
            " status_reason, notes, created_at, updated_at, version_id) VALUES (:id, :name,"
            " 'comitato', '', '', '', '', '', '[]', '', :f, '', 'bozza', '', '', :t, :t, 1)",
            id=association_id,
            name=name,
            f=False,
            t=moment,
        )
    # Interleaved ids, as contacts added to two associations over time get them.
    for contact_id, association_id, name in (
        (10, 1, "Anna"),
        (11, 2, "Bruno"),
        (12, 1, "Carla"),
        (13, 1, "Dario"),
        (14, 2, "Elsa"),
    ):
        _sql(
            db_url,
            "INSERT INTO contact_person (id, association_id, name, phone, email, availability,"
            " meets_citizens) VALUES (:id, :a, :name, '', '', '', :m)",
            id=contact_id,
            a=association_id,
            name=name,
            m=True,
        )
    upgrade_to(db_url, "0004")
    rows = _sql(
        db_url,
        "SELECT association_id, position, name FROM contact_person"
        " ORDER BY association_id, position",
    )
    assert [tuple(r) for r in rows] == [
        (1, 0, "Anna"),
        (1, 1, "Carla"),
        (1, 2, "Dario"),
        (2, 0, "Bruno"),
        (2, 1, "Elsa"),
    ]
