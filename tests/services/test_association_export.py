"""Exporting the register to CSV and XLSX, and importing the export back."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from casedesk.db.migrate import open_database
from casedesk.db.models import Association, ContactPerson
from casedesk.domain.association_rows import HEADERS
from casedesk.domain.associations import (
    AssociationDraft,
    ContactPersonDraft,
    as_plain,
    normalise,
)
from casedesk.domain.enums import LegalForm, Role, RuntsSection
from casedesk.domain.operators import OperatorInfo
from casedesk.services import association_export, associations
from casedesk.services.association_export import export_associations
from casedesk.services.association_import import import_associations, read_table
from casedesk.services.context import ServiceContext, Settings
from casedesk.services.errors import PermissionDenied, ServiceError

# Reads the fresh database, where nobody is set up (get_association needs someone).
READER = OperatorInfo(id=0, username="lettore", full_name="Lettore", role=Role.OPERATORE)

CODE_A = "97012340150"
CODE_B = "80001230152"

DRAFTS = [
    AssociationDraft(
        name='Zeta "L\'Àncora" & <amici> — Дружба 友谊',
        legal_form=LegalForm.ETS_RUNTS,
        tax_code=CODE_A,
        runts_section=RuntsSection.B,
        runts_number="R-0042",
        address="Piazza dell'Unità d'Italia 1, Milano",
        email="info@ancora.it",
        pec="ancora@pec.it",
        phone="+39 02 1234 5678",
        website="https://www.ancora.it/chi-siamo",
        sectors=["intercultura", "giovani"],
        description="Prima riga; \"seconda\", 'terza'\nA & B < C > D\n中文说明",
        seeking_volunteers=True,
        legal_representative="Zoë O'Brien",
        notes="=SOMMA(A1:A3)",
        contact_persons=[ContactPersonDraft("Иван Петров", "+39 347 123 4567", "ivan@ancora.it")],
    ),
    AssociationDraft(name="Amici del parco", legal_form=LegalForm.GRUPPO_INFORMALE),
    AssociationDraft(
        name="Comitato Via Padova",
        legal_form=LegalForm.COMITATO,
        tax_code=CODE_B,
        sectors=["diritti"],
        notes="  spazi iniziali e finali  ",
    ),
]


def add_association(ctx: ServiceContext, draft: AssociationDraft) -> int:
    """Straight into the database, as the register's form would save it."""
    d = normalise(draft)
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    with ctx.db.write() as s:
        a = Association(
            name=d.name,
            legal_form=d.legal_form,
            tax_code=d.tax_code or None,
            runts_section=d.runts_section,
            runts_number=d.runts_number or None,
            address=d.address,
            email=d.email,
            pec=d.pec,
            phone=d.phone,
            website=d.website,
            sectors=d.sectors,
            description=d.description,
            seeking_volunteers=d.seeking_volunteers,
            legal_representative=d.legal_representative,
            notes=d.notes,
            created_at=now,
            updated_at=now,
            contact_persons=[
                ContactPerson(name=c.name, phone=c.phone, email=c.email) for c in d.contact_persons
            ],
        )
        s.add(a)
        s.flush()
        return a.id


@pytest.fixture
def filled(operator):
    ids = [add_association(operator, d) for d in DRAFTS]
    return operator, ids


def comparable(draft: AssociationDraft) -> dict[str, object]:
    """What an export carries: no ids, no board, only the first contact person."""
    contacts = [replace(c, id=None) for c in draft.contact_persons[:1]]
    return as_plain(replace(draft, board_members=[], contact_persons=contacts))


def fresh_context(tmp_path: Path, name: str) -> ServiceContext:
    db = open_database(f"sqlite:///{tmp_path / name}", backup_dir=tmp_path / "backups")
    return ServiceContext(db=db, settings=Settings.from_environment())


def all_drafts(ctx: ServiceContext) -> list[AssociationDraft]:
    """Every association as the register's form loads it (get_association)."""
    reader = ctx if ctx.operator else ctx.signed_in(READER)
    with ctx.db.read() as s:
        ids = s.scalars(select(Association.id).order_by(Association.id)).all()
    return [associations.get_association(reader, i).draft for i in ids]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_into_a_fresh_database_gives_the_same_data(filled, tmp_path, fmt):
    desk, _ids = filled
    path = tmp_path / f"elenco.{fmt}"
    assert export_associations(desk, path, fmt) == len(DRAFTS)
    fresh = fresh_context(tmp_path, "nuovo.sqlite3")
    try:
        report = import_associations(fresh, path, as_system=True)
        assert report.problems == []
        assert report.added == len(DRAFTS)
        exported = sorted((comparable(d) for d in all_drafts(desk)), key=lambda p: p["name"])
        imported = sorted((comparable(d) for d in all_drafts(fresh)), key=lambda p: p["name"])
        assert imported == exported
        assert [p["name"] for p in imported] == sorted(d.name for d in DRAFTS)
        # And the same file into the same register: every row is already there.
        again = import_associations(desk, path)
        assert (again.added, len(again.skipped), again.problems) == (0, len(DRAFTS), [])
    finally:
        fresh.db.dispose()


def test_csv_is_what_italian_excel_opens(filled, tmp_path):
    desk, _ = filled
    path = tmp_path / "elenco.csv"
    export_associations(desk, path, "csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(HEADERS)
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert [r["Denominazione"] for r in rows] == sorted(d.name for d in DRAFTS)  # by name
    first = rows[2]
    assert first["Forma giuridica"] == "Ente del Terzo settore iscritto al RUNTS"
    assert first["Sezione RUNTS"] == "b"
    assert first["Settori"] == "intercultura, giovani"
    assert first["Cerca volontari"] == "sì"
    assert first["Referente"] == "Иван Петров"
    assert first["Descrizione"] == DRAFTS[0].description
    assert rows[0]["Cerca volontari"] == "no"


def test_xlsx_layout_and_text_cells(filled, tmp_path):
    desk, _ = filled
    path = tmp_path / "elenco.xlsx"
    export_associations(desk, path, "xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 30
    zeta = sheet[4]
    assert zeta[0].value == DRAFTS[0].name
    notes = zeta[HEADERS.index("Note")]
    assert notes.value == "=SOMMA(A1:A3)" and notes.data_type == "s"  # text, not a formula
    tax = zeta[HEADERS.index("Codice fiscale")]
    assert tax.value == CODE_A and tax.data_type == "s"


def test_all_by_name_as_a_person_reads_it(operator, tmp_path):
    for name in ["zeta", "Àncora", "L'Arca", "Ancora", "amici", "Beta"]:
        add_association(operator, AssociationDraft(name, LegalForm.GRUPPO_INFORMALE))
    path = tmp_path / "elenco.csv"
    export_associations(operator, path, "csv")
    assert [r[0] for r in read_table(path)[1]] == [
        "amici",
        "Ancora",
        "Àncora",
        "Beta",
        "L'Arca",
        "zeta",
    ]


def test_only_the_given_ids_in_the_given_order(filled, tmp_path):
    desk, ids = filled
    path = tmp_path / "scelte.csv"
    assert export_associations(desk, path, "csv", ids=[ids[2], 999_999, ids[0], ids[2]]) == 2
    _headers, rows = read_table(path)
    assert [r[0] for r in rows] == [DRAFTS[2].name, DRAFTS[0].name]
    assert export_associations(desk, path, "xlsx", ids=[]) == 0
    assert read_table(path) == (list(HEADERS), [])


def test_many_ids(operator, tmp_path):
    ids = [
        add_association(operator, AssociationDraft(f"Gruppo {i:04d}", LegalForm.GRUPPO_INFORMALE))
        for i in range(1200)
    ]
    path = tmp_path / "tanti.csv"
    assert export_associations(operator, path, "csv", ids=list(reversed(ids))) == 1200
    _headers, rows = read_table(path)
    assert rows[0][0] == "Gruppo 1199" and rows[-1][0] == "Gruppo 0000"


def test_export_needs_an_operator_unless_run_as_system(ctx, tmp_path):
    path = tmp_path / "a.csv"
    with pytest.raises(PermissionDenied):
        export_associations(ctx, path, "csv")
    assert not path.exists()
    assert export_associations(ctx, path, "csv", as_system=True) == 0


def test_unknown_format(operator, tmp_path):
    with pytest.raises(ServiceError, match="Formato"):
        export_associations(operator, tmp_path / "a.ods", "ods")


def test_a_failed_export_leaves_the_old_file_and_no_half_file(filled, tmp_path, monkeypatch):
    desk, _ = filled
    folder = tmp_path / "esportazioni"
    folder.mkdir()
    path = folder / "elenco.csv"
    path.write_text("versione precedente")

    class Boom(Exception):
        pass

    real_writer = csv.writer

    def failing_writer(fh, **kw):
        writer = real_writer(fh, **kw)

        class Half:
            def writerow(self, row):
                writer.writerow(row)
                fh.flush()

            def writerows(self, rows):
                raise Boom

        return Half()

    monkeypatch.setattr(association_export.csv, "writer", failing_writer)
    with pytest.raises(Boom):
        export_associations(desk, path, "csv")
    assert path.read_text() == "versione precedente"
    assert [p.name for p in folder.iterdir()] == ["elenco.csv"]


def test_unwritable_folder(operator, tmp_path):
    blocker = tmp_path / "un-file"
    blocker.write_text("x")
    with pytest.raises(ServiceError, match="cartella"):
        export_associations(operator, blocker / "elenco.csv", "csv")


def test_existing_file_is_replaced_keeping_its_permissions(operator, tmp_path):
    path = tmp_path / "elenco.xlsx"
    path.write_text("vecchio")
    path.chmod(0o640)
    export_associations(operator, path, "xlsx")
    assert read_table(path)[0] == list(HEADERS)
    assert path.stat().st_mode & 0o777 == 0o640
