"""Checks that the root conftest keeps its contract."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url


def test_user_data_is_isolated(tmp_path: Path) -> None:
    data_dir = Path(os.environ["CASEDESK_DATA_DIR"])
    assert data_dir == tmp_path / "data"
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        assert Path(os.environ[var]).is_relative_to(tmp_path), var
    assert "CASEDESK_DB" not in os.environ
    assert os.environ["QT_QPA_PLATFORM"]


def test_qsettings_are_isolated(tmp_path: Path) -> None:
    qtcore = pytest.importorskip("PySide6.QtCore")
    settings = qtcore.QSettings("CaseDesk-test", "sanity")
    settings.setValue("k", "v")
    settings.sync()
    assert Path(settings.fileName()).is_relative_to(tmp_path)


def test_db_url_gives_an_empty_connectable_database(db_url: str, tmp_path: Path) -> None:
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        assert Path(url.database).parent == tmp_path
        assert not Path(url.database).exists()
    else:
        assert url.get_backend_name() == "postgresql"
        assert url.database is not None and url.database.startswith("casedesk_t_")
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar_one() == 1
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
