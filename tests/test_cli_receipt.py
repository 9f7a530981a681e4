"""`casedesk receipt NUMBER --output FILE.pdf`: a duplicate from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casedesk.cli import main

pypdf = pytest.importorskip("pypdf")

TODAY = date(2026, 12, 1)


@pytest.fixture
def url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A database with two receipts: 2026/0001 valid, 2026/0002 cancelled."""
    from casedesk.db.migrate import open_database
    from casedesk.domain.associations import AssociationDraft
    from casedesk.domain.demo_data import entity_tax_code
    from casedesk.domain.enums import LegalForm
    from casedesk.domain.house import HouseDetails
    from casedesk.domain.operators import NewOperator
    from casedesk.services.associations import create_association
    from casedesk.services.context import ServiceContext, Settings
    from casedesk.services.enrollment import cancel_enrollment, enroll
    from casedesk.services.setup import complete_setup

    db_url = f"sqlite:///{tmp_path / 'casa.sqlite3'}"
    assert main(["--db", db_url, "migrate"]) == 0
    capsys.readouterr()
    db = open_database(db_url, backup_dir=tmp_path / "backups", create=False)
    try:
        ctx = ServiceContext(db=db, settings=Settings.from_environment())
        anna = complete_setup(
            ctx,
            HouseDetails(name="Casa di via Padova"),
            NewOperator("Anna Rossi", "anna", "x" * 10),
        )
        coordinator = ctx.signed_in(anna)
        for k, name in enumerate(["Comitato Naviglio Pulito", "Comitato Sbagliato"]):
            a = create_association(
                coordinator,
                AssociationDraft(name, LegalForm.COMITATO, tax_code=entity_tax_code(9_500_000 + k)),
            )
            info = enroll(coordinator, a.id, override_reason="Documenti in arrivo", today=TODAY)
        cancel_enrollment(coordinator, info.id, "Emessa per errore")
    finally:
        db.dispose()
    return db_url


def test_writes_a_duplicate(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "duplicato.pdf"
    assert main(["--db", url, "receipt", "2026/1", "--output", str(output)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Duplicato della ricevuta 2026/0001 scritto in {output}."
    )
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(output).pages)
    assert "DUPLICATO" in text and "2026/0001" in text
    assert "Comitato Naviglio Pulito" in text


def test_unknown_number_exits_1(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "duplicato.pdf"
    assert main(["--db", url, "receipt", "2026/0042", "-o", str(output)]) == 1
    assert "Non esiste una ricevuta numero 2026/0042" in capsys.readouterr().err
    assert main(["--db", url, "receipt", "settima", "-o", str(output)]) == 1
    assert "non è un numero di ricevuta" in capsys.readouterr().err
    assert not output.exists()


def test_a_cancelled_receipt_is_not_reprinted(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "duplicato.pdf"
    assert main(["--db", url, "receipt", "2026/0002", "-o", str(output)]) == 1
    assert "è stata annullata" in capsys.readouterr().err
    assert not output.exists()


def test_the_database_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "manca.sqlite3"
    output = tmp_path / "duplicato.pdf"
    assert main(["--db", f"sqlite:///{target}", "receipt", "2026/0001", "-o", str(output)]) == 1
    assert "non esiste" in capsys.readouterr().err
    assert not target.exists() and not output.exists()


def test_unreachable_postgresql_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://u:segreto@127.0.0.1:1/casa?connect_timeout=2"
    assert main(["--db", url, "receipt", "2026/0001", "-o", str(tmp_path / "d.pdf")]) == 1
    err = capsys.readouterr().err
    assert "PostgreSQL" in err and "segreto" not in err


def test_an_output_folder_that_does_not_exist(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "manca" / "duplicato.pdf"
    assert main(["--db", url, "receipt", "2026/0001", "-o", str(output)]) == 1
    assert "Impossibile scrivere nella cartella" in capsys.readouterr().err


def test_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["receipt", "2026/0001"])
    assert exited.value.code == 2
    assert "--output" in capsys.readouterr().err
