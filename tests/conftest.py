"""Root test configuration for CaseDesk.

Contract (other tests rely on it):

* ``QT_QPA_PLATFORM`` defaults to ``offscreen`` before anything imports Qt.
* Every test runs with user data isolated under its ``tmp_path``
  (``CASEDESK_DATA_DIR``, ``HOME``, ``XDG_*``, QSettings); ``CASEDESK_DB`` is unset.
  ``CASEDESK_DATA_DIR`` itself is not created: the app must create it.
* ``db_url`` is parametrized ``sqlite`` / ``pg``: a SQLAlchemy URL for an empty,
  not yet created database. ``pg`` needs ``CASEDESK_TEST_PG_URL`` (a role with
  CREATEDB) and is skipped without it; each test gets its own database, dropped
  afterwards.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from casedesk.db.engine import Database
    from casedesk.services.context import ServiceContext

PG_URL_ENV = "CASEDESK_TEST_PG_URL"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    dirs = {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    runtime_dir = tmp_path / "runtime"
    runtime_dir.mkdir(mode=0o700, exist_ok=True)
    runtime_dir.chmod(0o700)  # Qt warns (and so fails the test) on looser permissions
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime_dir))
    monkeypatch.setenv("CASEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CASEDESK_DB", raising=False)

    try:
        from PySide6.QtCore import QSettings
    except ImportError:
        return
    settings_dir = str(tmp_path / "settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, settings_dir)


def _psycopg_url(sqlalchemy_url: str) -> str:
    """``postgresql+psycopg://...`` -> ``postgresql://...`` (libpq form)."""
    scheme, sep, rest = sqlalchemy_url.partition("://")
    if not sep or not scheme.startswith("postgresql"):
        raise pytest.UsageError(f"{PG_URL_ENV} is not a postgresql URL: {sqlalchemy_url!r}")
    return f"postgresql://{rest}"


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("pg", id="pg", marks=pytest.mark.pg),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return

    base_url = os.environ.get(PG_URL_ENV)
    if not base_url:
        pytest.skip(f"{PG_URL_ENV} not set")

    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    name = f"casedesk_t_{uuid.uuid4().hex[:12]}"
    admin_url = _psycopg_url(base_url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_pg_database(admin_url, name)


def _drop_pg_database(admin_url: str, name: str) -> None:
    """Drop a test database; an autovacuum worker may briefly hold it, so retry."""
    import time

    import psycopg
    from psycopg import sql

    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    for attempt in range(10):
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(statement)
            return
        except psycopg.Error:
            if attempt == 9:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """A PostgreSQL database migrated to head once per run, cloned by the `db` fixture.

    CREATE DATABASE … TEMPLATE copies files: much faster than migrating every test.
    """
    base_url = os.environ.get(PG_URL_ENV)
    if not base_url:
        yield None
        return
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    from casedesk.db.migrate import prepare

    name = f"casedesk_tpl_{uuid.uuid4().hex[:12]}"
    admin_url = _psycopg_url(base_url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        prepare(make_url(base_url).set(database=name), create=True)
        yield name
    finally:
        _drop_pg_database(admin_url, name)


def _clone_pg_template(db_url: str, template: str) -> None:
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    name = make_url(db_url).database
    admin_url = _psycopg_url(os.environ[PG_URL_ENV])
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )


# --- Application fixtures -------------------------------------------------------------
# `db`: a migrated, empty database on each backend; `ctx`: a ServiceContext with
# nobody signed in; `coordinator` / `operator`: contexts signed in after the
# first-run set-up (house "Casa di prova", coordinator "anna", operator "bruno").

from support import COORDINATOR_PASSWORD, OPERATOR_PASSWORD  # noqa: E402


@pytest.fixture
def db(db_url: str, tmp_path: Path, pg_template: str | None) -> Iterator[Database]:
    from casedesk.db.migrate import open_database

    if pg_template and db_url.startswith("postgresql"):
        _clone_pg_template(db_url, pg_template)

    database = open_database(db_url, backup_dir=tmp_path / "backups")
    yield database
    database.dispose()


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    from casedesk.services.context import ServiceContext, Settings

    return ServiceContext(db=db, settings=Settings.from_environment())


@pytest.fixture
def coordinator(ctx: ServiceContext) -> ServiceContext:
    from casedesk.domain.house import HouseDetails
    from casedesk.domain.operators import NewOperator
    from casedesk.services.setup import complete_setup

    anna = complete_setup(
        ctx,
        HouseDetails(name="Casa di prova", address="Via Esempio 1, Milano"),
        NewOperator("Anna Rossi", "anna", COORDINATOR_PASSWORD),
    )
    return ctx.signed_in(anna)


@pytest.fixture
def operator(coordinator: ServiceContext) -> ServiceContext:
    from casedesk.domain.enums import Role
    from casedesk.domain.operators import NewOperator
    from casedesk.services.operators import add_operator

    bruno = add_operator(
        coordinator, NewOperator("Bruno Bianchi", "bruno", OPERATOR_PASSWORD, Role.OPERATORE)
    )
    return coordinator.signed_in(bruno)
