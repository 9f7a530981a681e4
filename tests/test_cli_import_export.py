"""`casedesk import associations` and `casedesk export associations`: exit codes and output."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from casedesk.cli import main
from casedesk.domain.association_rows import HEADERS

CODE_A = "97012340150"
CODE_B = "80001230152"
CODE_BAD = "97012340151"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


GOOD_ROWS = [
    ["Denominazione", "Forma giuridica", "Codice fiscale", "Referente"],
    ["Libertà", "Comitato", CODE_A, "Anna"],
    ["L'Arca", "Associazione riconosciuta", CODE_B, ""],
]


@pytest.fixture
def url(tmp_path, capsys) -> str:
    db_url = f"sqlite:///{tmp_path / 'casa.sqlite3'}"
    assert main(["--db", db_url, "migrate"]) == 0
    capsys.readouterr()
    return db_url


def rows_of(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_import_then_skip_then_update(url, tmp_path, capsys):
    path = write_csv(tmp_path / "elenco.csv", GOOD_ROWS)
    assert main(["--db", url, "import", "associations", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Associazioni aggiunte: 2" in out
    assert "saltate perché già nel registro: 0" in out
    assert rows_of(url, "select name from association order by id") == [("Libertà",), ("L'Arca",)]
    # Run from the command line: nobody signed in, the audit says so.
    assert rows_of(url, "select count(*), count(operator_id) from audit_event") == [(2, 0)]

    assert main(["--db", url, "import", "associations", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Associazioni aggiunte: 0" in out
    assert "saltate perché già nel registro: 2" in out
    assert f"Riga 2: «Libertà» (codice fiscale {CODE_A}) è già nel registro." in out
    assert "Riga 3: «L'Arca»" in out

    changed = [GOOD_ROWS[0], ["Libertà e Pace", "Comitato", CODE_A, "Anna"], GOOD_ROWS[2]]
    write_csv(path, changed)
    assert main(["--db", url, "import", "associations", str(path), "--update-existing"]) == 0
    out = capsys.readouterr().out
    assert "Associazioni aggiunte: 0" in out
    assert "Associazioni aggiornate: 1" in out
    assert "Associazioni già uguali al file: 1" in out
    assert rows_of(url, "select name from association order by id")[0] == ("Libertà e Pace",)


def test_problems_exit_2_and_nothing_is_written(url, tmp_path, capsys):
    path = write_csv(
        tmp_path / "elenco.csv",
        [
            [*GOOD_ROWS[0], "Colore"],
            ["Libertà", "Comitato", CODE_BAD, "Anna", ""],
            ["", "Cooperativa", CODE_B, "", ""],
        ],
    )
    assert main(["--db", url, "import", "associations", str(path)]) == 2
    out = capsys.readouterr().out
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == f"Nessuna associazione importata: 4 problemi nel file {path}."
    assert lines[1] == "Riga 1, colonna Colore: Colonna sconosciuta: «Colore»."
    assert lines[2].startswith("Riga 2, colonna Codice fiscale: Il codice fiscale 97012340151")
    assert lines[3].startswith("Riga 3, colonna Denominazione: ")
    assert lines[4].startswith("Riga 3, colonna Forma giuridica: Forma giuridica sconosciuta")
    assert rows_of(url, "select count(*) from association") == [(0,)]
    assert rows_of(url, "select count(*) from audit_event") == [(0,)]


def test_lost_leading_zeros_are_warnings_not_problems(url, tmp_path, capsys):
    path = tmp_path / "elenco.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Denominazione", "Forma giuridica", "Codice fiscale", "Telefono"])
    book.active.append(["Zero", "Comitato", 5260180152, 212345678])
    book.save(path)
    assert main(["--db", url, "import", "associations", str(path)]) == 0
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    assert "Associazioni aggiunte: 1" in lines
    warnings = lines[lines.index("Avvisi (importate comunque, da controllare):") + 1 :]
    assert [w.split(":", 1)[0] for w in warnings] == [
        "Riga 2, colonna Codice fiscale",
        "Riga 2, colonna Telefono",
    ]
    assert "importato come 05260180152" in warnings[0]
    assert rows_of(url, "select tax_code, phone from association") == [
        ("05260180152", "+39 02 1234 5678")
    ]


def test_not_a_spreadsheet_exits_2(url, tmp_path, capsys):
    path = tmp_path / "lettera.csv"
    path.write_bytes(b"%PDF-1.4\n\x00\x01binary")
    assert main(["--db", url, "import", "associations", str(path)]) == 2
    assert "non è un foglio di calcolo" in capsys.readouterr().out


def test_missing_database_exits_1_and_is_not_created(tmp_path, capsys):
    target = tmp_path / "manca.sqlite3"
    path = write_csv(tmp_path / "elenco.csv", GOOD_ROWS)
    assert main(["--db", f"sqlite:///{target}", "import", "associations", str(path)]) == 1
    assert "non esiste" in capsys.readouterr().err
    assert main(["--db", f"sqlite:///{target}", "export", "associations", "-o", "x.csv"]) == 1
    assert not target.exists()


def test_not_a_database_exits_1(tmp_path, capsys):
    target = tmp_path / "lettera.sqlite3"
    target.write_text("Gentile segreteria")
    path = write_csv(tmp_path / "elenco.csv", GOOD_ROWS)
    assert main(["--db", f"sqlite:///{target}", "import", "associations", str(path)]) == 1
    assert "non è un database SQLite" in capsys.readouterr().err


def test_unreachable_postgresql_exits_1(tmp_path, capsys):
    url = "postgresql+psycopg://u:segreto@127.0.0.1:1/casa?connect_timeout=2"
    path = write_csv(tmp_path / "elenco.csv", GOOD_ROWS)
    assert main(["--db", url, "import", "associations", str(path)]) == 1
    err = capsys.readouterr().err
    assert "PostgreSQL" in err and "segreto" not in err


def test_database_error_during_the_import_exits_1(url, tmp_path, capsys, monkeypatch):
    from casedesk.services import association_import

    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(association_import, "import_associations", broken)
    path = write_csv(tmp_path / "elenco.csv", GOOD_ROWS)
    assert main(["--db", url, "import", "associations", str(path)]) == 1
    assert "disk I/O error" in capsys.readouterr().err


def test_template(tmp_path, capsys):
    path = tmp_path / "modello.xlsx"
    assert main(["import", "associations", "--template", str(path)]) == 0
    assert str(path) in capsys.readouterr().out
    sheet = openpyxl.load_workbook(path).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [list(HEADERS)]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize(
    "args",
    [
        ["import", "associations"],
        ["import", "associations", "--template", "modello.csv"],
        ["import", "associations", "elenco.csv", "--template", "modello.xlsx"],
        ["export", "associations", "-o", "elenco.ods"],
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert capsys.readouterr().err
    assert list(tmp_path.glob("modello*")) == []


def test_argparse_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["import", "sale"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["export", "associations"])  # --output is required
    assert info.value.code == 2


def test_export_csv_and_xlsx(url, tmp_path, capsys):
    write_csv(tmp_path / "elenco.csv", GOOD_ROWS)
    assert main(["--db", url, "import", "associations", str(tmp_path / "elenco.csv")]) == 0
    capsys.readouterr()

    out_csv = tmp_path / "uscita.csv"
    assert main(["--db", url, "export", "associations", "--output", str(out_csv)]) == 0
    assert "Associazioni esportate: 2" in capsys.readouterr().out
    lines = out_csv.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(HEADERS)
    assert [line.split(";")[0] for line in lines[1:]] == ["L'Arca", "Libertà"]

    out_xlsx = tmp_path / "uscita.dati"
    args = ["--db", url, "export", "associations", "--format", "xlsx", "--output", str(out_xlsx)]
    assert main(args) == 0
    sheet = openpyxl.load_workbook(io.BytesIO(out_xlsx.read_bytes())).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "Denominazione",
        "L'Arca",
        "Libertà",
    ]

    # The export imports back (recognised by its content, whatever its name): every
    # association is already there.
    assert main(["--db", url, "import", "associations", str(out_xlsx)]) == 0
    assert "saltate perché già nel registro: 2" in capsys.readouterr().out


def test_export_to_an_unwritable_place_exits_1(url, tmp_path, capsys):
    blocker = tmp_path / "un-file"
    blocker.write_text("x")
    target = blocker / "uscita.csv"
    assert main(["--db", url, "export", "associations", "-o", str(target)]) == 1
    assert "cartella" in capsys.readouterr().err
