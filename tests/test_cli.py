import hashlib
from pathlib import Path

import pytest

from casedesk import __version__, paths
from casedesk.cli import database_url, main


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_database_url_precedence(monkeypatch):
    assert database_url(None) == paths.default_db_url()
    assert paths.default_db_url().endswith("casedesk.sqlite3")
    monkeypatch.setenv("CASEDESK_DB", "sqlite:///env.sqlite3")
    assert database_url(None) == "sqlite:///env.sqlite3"
    assert database_url("sqlite:///cli.sqlite3") == "sqlite:///cli.sqlite3"


def test_default_database_lives_in_the_data_folder(tmp_path):
    # conftest points CASEDESK_DATA_DIR under tmp_path: tests never touch real data.
    assert paths.data_dir() == tmp_path / "data"
    assert main(["migrate"]) == 0
    assert (tmp_path / "data" / "casedesk.sqlite3").exists()


def test_migrate_then_check(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'casa.sqlite3'}"
    assert main(["--db", url, "migrate"]) == 0
    assert "creato" in capsys.readouterr().out
    assert main(["--db", url, "migrate"]) == 0
    assert "già aggiornato" in capsys.readouterr().out
    assert main(["--db", url, "check"]) == 0
    assert capsys.readouterr().out.strip() == "OK"


def test_check_does_not_create_a_missing_database(tmp_path, capsys):
    target = tmp_path / "manca.sqlite3"
    assert main(["--db", f"sqlite:///{target}", "check"]) == 1
    assert "non esiste" in capsys.readouterr().out
    assert not target.exists()


def test_not_a_database_is_refused_and_left_alone(tmp_path, capsys):
    target = tmp_path / "lettera.sqlite3"
    target.write_text("Gentile segreteria, …")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    assert main(["--db", f"sqlite:///{target}", "migrate"]) == 1
    assert "non è un database SQLite" in capsys.readouterr().err
    assert main(["--db", f"sqlite:///{target}", "check"]) == 1
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_unwritable_location_is_refused(tmp_path, capsys):
    blocker = tmp_path / "un-file"
    blocker.write_text("x")
    assert main(["--db", f"sqlite:///{blocker / 'casa.sqlite3'}", "migrate"]) == 1
    assert "cartella" in capsys.readouterr().err


def test_unreachable_postgresql(capsys):
    url = "postgresql+psycopg://u:segreto@127.0.0.1:1/casa?connect_timeout=2"
    assert main(["--db", url, "check"]) == 1
    out = capsys.readouterr().out
    assert "PostgreSQL" in out
    assert "segreto" not in out


def test_demo_with_a_command_is_a_usage_error(capsys):
    assert main(["--demo", "check"]) == 2


def test_corrupt_database_is_reported(tmp_path, capsys):
    target = tmp_path / "rotto.sqlite3"
    assert main(["--db", f"sqlite:///{target}", "migrate"]) == 0
    data = bytearray(target.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    target.write_bytes(bytes(data))
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    assert main(["--db", f"sqlite:///{target}", "check"]) == 1
    assert main(["--db", f"sqlite:///{target}", "migrate"]) == 1
    assert hashlib.sha256(Path(target).read_bytes()).hexdigest() == before


def test_demo_loads_once_and_then_refuses(tmp_path, capsys, monkeypatch):
    from casedesk.db.engine import Database

    disposed: list[Database] = []
    real_dispose = Database.dispose

    def dispose(self: Database) -> None:
        disposed.append(self)
        real_dispose(self)

    monkeypatch.setattr(Database, "dispose", dispose)
    url = f"sqlite:///{tmp_path / 'casa.sqlite3'}"
    assert main(["--db", url, "demo", "--associations", "3"]) == 0
    assert "Credenziali di prova" in capsys.readouterr().out
    # The second time the service refuses: the message, exit 1, and the engine let go.
    assert main(["--db", url, "demo", "--associations", "3"]) == 1
    assert "contiene già dei dati" in capsys.readouterr().err
    assert len(disposed) == 2
