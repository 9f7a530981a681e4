"""Importing associations from CSV and XLSX files: all or nothing, row by row."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from casedesk.db.models import Association, AuditEvent, BoardMember, ContactPerson
from casedesk.domain.associations import (
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
    as_plain,
    normalise,
)
from casedesk.domain.enums import AssociationStatus, BoardRole, LegalForm, RuntsSection
from casedesk.services import associations
from casedesk.services.association_import import (
    ACTION_CREATE,
    ACTION_UPDATE,
    ImportProblem,
    import_associations,
    read_sheet,
    read_table,
    write_template,
)
from casedesk.services.errors import PermissionDenied

CODE_A = "97012340150"
CODE_B = "80001230152"
CODE_C = "97123450153"
CODE_BAD = "97012340151"  # wrong check digit

HEADER = ["Denominazione", "Forma giuridica", "Codice fiscale", "Telefono", "Cerca volontari"]
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


@pytest.fixture
def desk(operator):
    """An operator's desk with a fixed clock."""
    return replace(operator, clock=lambda: NOW)


def csv_bytes(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_csv(path: Path, rows: list[list[str]], **kw: str) -> Path:
    path.write_bytes(csv_bytes(rows, **kw))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def add_association(
    ctx, draft: AssociationDraft, status: AssociationStatus = AssociationStatus.BOZZA
) -> int:
    """Straight into the database, as the register's form would save it."""
    d = normalise(draft)
    with ctx.db.write() as s:
        a = Association(
            name=d.name,
            legal_form=d.legal_form,
            tax_code=d.tax_code or None,
            address=d.address,
            notes=d.notes,
            status=status,
            created_at=NOW,
            updated_at=NOW,
            board_members=[BoardMember(name=m.name, role=m.role) for m in d.board_members],
            contact_persons=[
                ContactPerson(
                    name=c.name, phone=c.phone, email=c.email, availability=c.availability
                )
                for c in d.contact_persons
            ],
        )
        s.add(a)
        s.flush()
        return a.id


def counts(ctx) -> dict[str, int]:
    with ctx.db.read() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model))
            for model in (Association, ContactPerson, BoardMember, AuditEvent)
        }


def stored(ctx) -> list[AssociationDraft]:
    with ctx.db.read() as s:
        ids = s.scalars(select(Association.id).order_by(Association.id)).all()
    return [associations.get_association(ctx, i).draft for i in ids]


def by_name(ctx) -> dict[str, AssociationDraft]:
    return {d.name: d for d in stored(ctx)}


# --- reading -------------------------------------------------------------------------

NAMES = ["Libertà e Solidarietà", "L'Arca"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [";", ","])
def test_csv_encodings_and_separators(desk, tmp_path, encoding, sep):
    path = write_csv(
        tmp_path / "elenco.csv",
        [
            HEADER,
            [NAMES[0], "Associazione riconosciuta", CODE_A, "02 1234 5678", "sì"],
            [NAMES[1], "comitato", CODE_B, "", "no"],
            # Typographic quotes: bytes 0x91-0x94 in Windows-1252, not in Latin-1.
            ["Opera “San Francesco” – L’Àncora", "Gruppo informale", "", "", ""],
        ],
        sep=sep,
        encoding=encoding,
    )
    report = import_associations(desk, path)
    assert report.problems == []
    assert report.added == 3
    found = by_name(desk)
    assert set(found) == {*NAMES, "Opera “San Francesco” – L’Àncora"}
    assert found["Libertà e Solidarietà"].phone == "+39 02 1234 5678"
    assert found["Libertà e Solidarietà"].seeking_volunteers is True
    assert found["L'Arca"].legal_form is LegalForm.COMITATO


def test_cp1252_is_not_mistaken_for_utf8(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("Denominazione;Note\r\nPerché sì;€ 5\r\n".encode("cp1252"))
    assert read_table(path) == (["Denominazione", "Note"], [["Perché sì", "€ 5"]])


def test_excel_separator_hint_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"sep=,\r\nDenominazione,Note\r\nUno;due,tre\r\n")
    assert read_table(path) == (["Denominazione", "Note"], [["Uno;due", "tre"]])


def test_utf16_tab_separated(desk, tmp_path):
    # Excel's "Testo Unicode".
    path = write_csv(
        tmp_path / "unicode.txt",
        [HEADER, ["Дружба 友谊", "Gruppo informale", "", "", ""]],
        sep="\t",
        encoding="utf-16",
    )
    report = import_associations(desk, path)
    assert report.problems == [] and report.added == 1
    assert stored(desk)[0].name == "Дружба 友谊"


def test_xlsx_with_numbers_and_booleans(desk, tmp_path):
    path = write_xlsx(
        tmp_path / "elenco.xlsx",
        [
            HEADER,
            ["Libertà", "Comitato", int(CODE_A), 3471234567, True],
            [],
            ["Seconda", "Comitato", float(CODE_B), None, False],
        ],
    )
    report = import_associations(desk, path)
    assert report.problems == []
    assert report.added == 2
    found = by_name(desk)
    assert found["Libertà"].tax_code == CODE_A
    assert found["Libertà"].phone == "+39 347 123 4567"
    assert found["Libertà"].seeking_volunteers is True
    assert found["Seconda"].tax_code == CODE_B
    assert found["Seconda"].seeking_volunteers is False


def test_xlsx_number_loses_leading_zero_and_says_so(desk, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ["Zero", "Comitato", 1234567890, None, None]])
    report = import_associations(desk, path)
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "Codice fiscale")
    assert "1234567890" in problem.message and "zeri iniziali" in problem.message


ZERO_CODE = "05260180152"  # valid; a spreadsheet turns it into the number 5260180152
ZEROS_HEADER = [*HEADER, "Referente", "Telefono referente"]


def test_xlsx_numbers_get_back_the_leading_zeros_with_a_warning(desk, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ZEROS_HEADER,
            ["Zero", "Comitato", int(ZERO_CODE), 212345678, None, "Ada", 612345678.0],
            ["Cellulare", "Comitato", int(CODE_A), 3471234567, None, None, None],
        ],
    )
    report = import_associations(desk, path)
    assert report.problems == []
    assert report.added == 2
    assert [(w.row, w.column) for w in report.warnings] == [
        (2, "Codice fiscale"),
        (2, "Telefono"),
        (2, "Telefono referente"),
    ]
    assert "5260180152" in report.warnings[0].message
    assert f"importato come {ZERO_CODE}" in report.warnings[0].message
    found = by_name(desk)
    assert found["Zero"].tax_code == ZERO_CODE
    assert found["Zero"].phone == "+39 02 1234 5678"
    assert found["Zero"].contact_persons[0].phone == "+39 06 1234 5678"
    assert found["Cellulare"].phone == "+39 347 123 4567"


def test_read_sheet_says_which_xlsx_cells_were_numbers(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", [[1, "Nome"], [], ["Testo", 3.5, True, None, 7], ["", "0"]]
    )
    sheet = read_sheet(path)
    assert sheet.rows == [[], ["Testo", "3.5", "sì", "", "7"], ["", "0"]]
    assert sheet.numbers == {(1, 1), (1, 4)}  # not the header, booleans or text
    csv_path = write_csv(tmp_path / "a.csv", [["Nome"], ["5260180152"]])
    assert read_sheet(csv_path).numbers == frozenset()


def test_xlsx_text_cells_are_never_padded(desk, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", [HEADER, ["Testo", "Comitato", ZERO_CODE[1:], "212345678", None]]
    )
    report = import_associations(desk, path)
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "Codice fiscale"),
        (2, "Telefono"),
    ]
    assert report.added == 0


def test_csv_cells_are_text_and_never_padded(desk, tmp_path):
    # Excel writes a number-formatted tax code to CSV without its zero: a CSV cell has
    # no type, so nothing says it was a number. The problem suggests the lost zero.
    path = write_csv(tmp_path / "a.csv", [HEADER, ["Testo", "Comitato", ZERO_CODE[1:], "", ""]])
    report = import_associations(desk, path)
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "Codice fiscale")
    assert "zeri iniziali" in problem.message
    assert report.warnings == []


def test_a_restored_tax_code_is_the_same_code_as_its_text(desk, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [HEADER, ["Uno", "Comitato", int(ZERO_CODE), None, None], ["Due", "Comitato", ZERO_CODE]],
    )
    report = import_associations(desk, path)
    assert [(p.row, p.column) for p in report.problems] == [(3, "Codice fiscale")]
    assert "compare già alla riga 2" in report.problems[0].message

    add_association(desk, AssociationDraft("Zero", LegalForm.COMITATO, tax_code=ZERO_CODE))
    path = write_xlsx(tmp_path / "b.xlsx", [HEADER, ["Zero bis", "Comitato", int(ZERO_CODE)]])
    report = import_associations(desk, path)
    assert report.added == 0
    assert report.skipped == [
        f"Riga 2: «Zero bis» (codice fiscale {ZERO_CODE}) è già nel registro come «Zero»."
    ]


def test_blank_rows_are_ignored_but_counted(desk, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [
            HEADER,
            ["Prima", "Comitato", CODE_A, "", ""],
            [],
            ["", "", "", "", ""],
            ["Quarta", "Comitato", CODE_BAD, "", ""],
            [],
        ],
    )
    report = import_associations(desk, path)
    assert [(p.row, p.column) for p in report.problems] == [(5, "Codice fiscale")]


def test_multiline_cells_count_as_one_row(desk, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [
            ["Denominazione", "Forma giuridica", "Descrizione"],
            ["Prima", "Gruppo informale", "riga uno\nriga due\nriga tre"],
            ["", "Gruppo informale", ""],
        ],
    )
    report = import_associations(desk, path)
    assert [(p.row, p.column) for p in report.problems] == [(3, "Denominazione")]


def test_headers_match_ignoring_case_accents_and_spaces(desk, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [[" DENOMINAZIONE", "forma  giuridica", "CERCA VOLONTÀRI"], ["Uno", "Comitato", "x"]],
    )
    path.write_bytes(path.read_bytes().replace(CODE_A.encode(), b""))
    report = import_associations(desk, path)
    # A comitato needs a tax code: the headers were understood, the row was read.
    assert [(p.row, p.column) for p in report.problems] == [(2, "Codice fiscale")]


# --- broken files: nothing written ---------------------------------------------------

GOOD = ["Buona", "Comitato", CODE_C, "", ""]


def _zip_not_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("ciao.txt", "non sono un foglio di calcolo")
    return buffer.getvalue()


BROKEN = {
    "wrong check digit": (
        "a.csv",
        csv_bytes([HEADER, GOOD, ["Seconda", "Comitato", CODE_BAD, "", ""]]),
        (3, "Codice fiscale", "cifra di controllo"),
    ),
    "missing name": (
        "a.csv",
        csv_bytes([HEADER, GOOD, ["  ", "Comitato", CODE_A, "", ""]]),
        (3, "Denominazione", "obbligatorio"),
    ),
    "unknown legal form": (
        "a.csv",
        csv_bytes([HEADER, ["Coop", "Cooperativa sociale", CODE_A, "", ""], GOOD]),
        (2, "Forma giuridica", "Cooperativa sociale"),
    ),
    "duplicate tax code in the file": (
        "a.csv",
        csv_bytes(
            [
                HEADER,
                ["Uno", "Comitato", CODE_A, "", ""],
                GOOD,
                ["Due", "Comitato", "970 1234 0150", "", ""],
            ]
        ),
        (4, "Codice fiscale", "alla riga 2"),
    ),
    "bad phone": (
        "a.csv",
        csv_bytes([HEADER, GOOD, ["Uno", "Comitato", CODE_A, "12", ""]]),
        (3, "Telefono", "12"),
    ),
    "bad yes/no": (
        "a.csv",
        csv_bytes([HEADER, GOOD, ["Uno", "Comitato", CODE_A, "", "forse"]]),
        (3, "Cerca volontari", "forse"),
    ),
    "empty file": ("a.csv", b"", (0, "", "vuoto")),
    "only a BOM and blank lines": ("a.csv", b"\xef\xbb\xbf\r\n\r\n", (0, "", "vuoto")),
    "header only": (
        "a.csv",
        csv_bytes([HEADER, [], ["", ""]]),
        (0, "", "solo la riga di intestazione"),
    ),
    "header not in the first row": (
        "a.csv",
        csv_bytes([[], HEADER, GOOD]),
        (1, "", "intestazioni"),
    ),
    "pdf renamed csv": (
        "a.csv",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02",
        (0, "", "non è un foglio di calcolo"),
    ),
    "binary garbage": ("a.csv", bytes(range(256)) * 4, (0, "", "non è un foglio di calcolo")),
    "xlsx that is not a zip": (
        "a.xlsx",
        csv_bytes([HEADER, GOOD]),
        (0, "", "non è un foglio di calcolo"),
    ),
    "zip that is not xlsx": ("a.xlsx", _zip_not_xlsx(), (0, "", "non è un foglio di calcolo")),
    "old xls": ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, (0, "", ".xls")),
    "unknown column": (
        "a.csv",
        csv_bytes([[*HEADER, "Colore"], [*GOOD, "blu"]]),
        (1, "Colore", "Colonna sconosciuta: «Colore»"),
    ),
    "missing required column": (
        "a.csv",
        csv_bytes([["Denominazione", "Codice fiscale"], ["Uno", CODE_A]]),
        (1, "Forma giuridica", "Manca la colonna obbligatoria «Forma giuridica»"),
    ),
    "data under no header": (
        "a.csv",
        csv_bytes([HEADER, GOOD, ["Uno", "Comitato", CODE_A, "", "", "", "chi sono?"]]),
        (1, "G", "non ha intestazione"),
    ),
    "text too long": (
        "a.csv",
        csv_bytes([HEADER, ["x" * 301, "Comitato", CODE_A, "", ""]]),
        (2, "Denominazione", "al massimo 300"),
    ),
}


@pytest.mark.parametrize(("name", "content", "expected"), list(BROKEN.values()), ids=list(BROKEN))
def test_broken_file_writes_nothing(desk, tmp_path, name, content, expected):
    add_association(desk, AssociationDraft("Già presente", LegalForm.COMITATO, tax_code=CODE_B))
    before = counts(desk)
    path = tmp_path / name
    path.write_bytes(content)
    report = import_associations(desk, path)
    assert counts(desk) == before
    assert report.added == report.updated == 0
    row, column, text = expected
    assert any(
        p.row == row and p.column == column and text in p.message for p in report.problems
    ), report.problems


def test_problems_are_listed_all_and_in_order(desk, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [
            [*HEADER, "Boh"],
            ["", "Cooperativa", CODE_BAD, "", "forse"],
            GOOD,
            ["Tre", "Comitato", CODE_C, "12", ""],
        ],
    )
    report = import_associations(desk, path)
    assert [(p.row, p.column) for p in report.problems] == [
        (1, "Boh"),
        (2, "Denominazione"),
        (2, "Forma giuridica"),
        (2, "Codice fiscale"),
        (2, "Cerca volontari"),
        (4, "Codice fiscale"),
        (4, "Telefono"),
    ]
    assert str(report.problems[0]) == "Riga 1, colonna Boh: Colonna sconosciuta: «Boh»."
    assert counts(desk)["association"] == 0


def test_problem_text():
    assert str(ImportProblem(3, "Codice fiscale", "No.")) == "Riga 3, colonna Codice fiscale: No."
    assert str(ImportProblem(1, "", "No.")) == "Riga 1: No."
    assert str(ImportProblem(0, "", "Il file è vuoto.")) == "Il file è vuoto."


def test_missing_file(desk, tmp_path):
    report = import_associations(desk, tmp_path / "manca.csv")
    assert [(p.row, p.column) for p in report.problems] == [(0, "")]
    assert "non esiste" in report.problems[0].message


# --- what is written -----------------------------------------------------------------

ALL_COLUMNS_ROW = {
    "Denominazione": "Libertà ODV",
    "Forma giuridica": "Ente del Terzo settore iscritto al RUNTS",
    "Codice fiscale": "970 1234 0150",
    "Sezione RUNTS": "a)",
    "Numero RUNTS": "12345",
    "Indirizzo": "Via dell'Unità 3, Milano",
    "Email": "info@liberta.it",
    "PEC": "liberta@pec.it",
    "Telefono": "02 1234 5678",
    "Sito web": "www.liberta.it",
    "Settori": "sociale, culturale, sociale",
    "Legale rappresentante": "Maria Rossi",
    "Referente": "Luca Bianchi",
    "Telefono referente": "347 123 4567",
    "Email referente": "luca@liberta.it",
    "Descrizione": "Doposcuola",
    "Cerca volontari": "x",
    "Note": "",
}


def test_new_associations_are_drafts_with_one_audit_event_each(desk, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [list(ALL_COLUMNS_ROW), list(ALL_COLUMNS_ROW.values()), ["Amici", "Gruppo informale"]],
    )
    report = import_associations(desk, path)
    assert report.problems == [] and report.added == 2
    with desk.db.read() as s:
        rows = s.scalars(select(Association).order_by(Association.id)).all()
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        events = [e for e in events if e.action == ACTION_CREATE]
        assert [(a.status, a.version_id, a.created_at, a.updated_at) for a in rows] == [
            (AssociationStatus.BOZZA, 1, NOW, NOW)
        ] * 2
        assert [(e.entity_type, e.entity_id, e.operator_id, e.at) for e in events] == [
            ("association", a.id, desk.operator.id, NOW) for a in rows
        ]
    first = associations.get_association(desk, rows[0].id).draft
    assert first == AssociationDraft(
        name="Libertà ODV",
        legal_form=LegalForm.ETS_RUNTS,
        tax_code=CODE_A,
        runts_section=RuntsSection.A,
        runts_number="12345",
        address="Via dell'Unità 3, Milano",
        email="info@liberta.it",
        pec="liberta@pec.it",
        phone="+39 02 1234 5678",
        website="www.liberta.it",
        sectors=["sociale", "culturale"],
        description="Doposcuola",
        seeking_volunteers=True,
        legal_representative="Maria Rossi",
        contact_persons=[
            ContactPersonDraft(
                "Luca Bianchi",
                "+39 347 123 4567",
                "luca@liberta.it",
                id=first.contact_persons[0].id,
            )
        ],
    )
    after = as_plain(replace(first, contact_persons=[replace(first.contact_persons[0], id=None)]))
    assert events[0].after == after
    assert events[0].before is None


def test_exact_text_round_trip(desk, tmp_path):
    tricky = {
        "Denominazione": 'Circolo "L\'Àncora" & <amici> — Дружба 友谊',
        "Forma giuridica": "Associazione non riconosciuta",
        "Codice fiscale": CODE_A,
        "Indirizzo": "Piazza dell'Unità d'Italia, 1 – «interno» <B>",
        "Legale rappresentante": "Zoë O'Brien-Łukasz",
        "Referente": "Иван Петров",
        "Descrizione": "Prima riga; \"seconda\", 'terza'\nA & B < C > D\n中文说明",
        "Note": "  =SOMMA(A1:A3) +39 @nota  ",
        "Settori": "intercultura, diritti",
    }
    for maker in ("csv", "xlsx"):
        folder = tmp_path / maker
        folder.mkdir()
        if maker == "csv":
            path = write_csv(folder / "a.csv", [list(tricky), list(tricky.values())])
        else:
            path = write_xlsx(folder / "a.xlsx", [list(tricky), list(tricky.values())])
        report = import_associations(desk, path, update_existing=True)
        assert report.problems == []
        (draft,) = stored(desk)
        assert draft.name == tricky["Denominazione"]
        assert draft.address == tricky["Indirizzo"]
        assert draft.legal_representative == tricky["Legale rappresentante"]
        assert draft.contact_persons[0].name == tricky["Referente"]
        assert draft.description == tricky["Descrizione"]
        assert draft.notes == tricky["Note"]
        assert draft.sectors == ["intercultura", "diritti"]


def test_import_needs_an_operator_unless_run_as_system(ctx, tmp_path):
    path = write_csv(tmp_path / "a.csv", [HEADER, GOOD])
    with pytest.raises(PermissionDenied):
        import_associations(ctx, path)
    report = import_associations(ctx, path, as_system=True)
    assert report.added == 1
    with ctx.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == ACTION_CREATE)).one()
    assert event.operator_id is None


def test_many_rows(desk, tmp_path):
    from stdnum import luhn

    rows = [HEADER]
    for i in range(1500):
        base = f"97{i:05d}015"
        rows.append([f"Associazione {i}", "Comitato", base + luhn.calc_check_digit(base), "", ""])
    report = import_associations(desk, write_csv(tmp_path / "a.csv", rows))
    assert report.added == 1500
    with desk.db.read() as s:
        pairs = s.execute(select(Association.id, Association.name)).all()
        events = dict(
            s.execute(
                select(AuditEvent.entity_id, AuditEvent.after).where(
                    AuditEvent.action == ACTION_CREATE
                )
            ).all()
        )
    # Every audit event describes its own association.
    assert len(events) == 1500
    assert all(events[aid]["name"] == name for aid, name in pairs)


def test_ids_chosen_by_the_import_do_not_clash_with_later_ones(desk, tmp_path):
    first = add_association(desk, AssociationDraft("Prima", LegalForm.GRUPPO_INFORMALE))
    path = write_csv(tmp_path / "a.csv", [HEADER, GOOD, ["Altra", "Gruppo informale", "", "", ""]])
    assert import_associations(desk, path).added == 2
    later = add_association(desk, AssociationDraft("Dopo", LegalForm.GRUPPO_INFORMALE))
    with desk.db.read() as s:
        ids = s.scalars(select(Association.id).order_by(Association.id)).all()
        contact_ids = s.scalars(select(ContactPerson.association_id)).all()
    assert len(set(ids)) == 4 and ids[0] == first and ids[-1] == later
    assert contact_ids == []


# --- already in the register ---------------------------------------------------------


@pytest.fixture
def registered(desk):
    """An association with a board and two contact persons."""
    association_id = add_association(
        desk,
        AssociationDraft(
            "Vecchio nome",
            LegalForm.COMITATO,
            tax_code=CODE_A,
            address="Via Vecchia 1",
            notes="nota interna",
            board_members=[BoardMemberDraft("Paola Presidente", BoardRole.PRESIDENTE)],
            contact_persons=[
                ContactPersonDraft("Primo", "02 1111 1111", "primo@x.it", "lun 9-12"),
                ContactPersonDraft("Secondo", email="secondo@x.it"),
            ],
        ),
    )
    return associations.get_association(desk, association_id)


UPDATE_FILE = [
    [
        "Denominazione",
        "Forma giuridica",
        "Codice fiscale",
        "Indirizzo",
        "Referente",
        "Telefono referente",
    ],
    ["Nuovo nome", "Comitato", "970.1234.0150", "Via Nuova 2", "Primo Aggiornato", "347 123 4567"],
    ["Nuova", "Comitato", CODE_B, "", "", ""],
]


def test_existing_tax_code_is_skipped_and_listed(desk, tmp_path, registered):
    path = write_csv(tmp_path / "a.csv", UPDATE_FILE)
    before = associations.get_association(desk, registered.id)
    report = import_associations(desk, path)
    assert report.problems == []
    assert (report.added, report.updated) == (1, 0)
    assert len(report.skipped) == 1
    assert "Riga 2" in report.skipped[0] and CODE_A in report.skipped[0]
    assert "Vecchio nome" in report.skipped[0]
    assert associations.get_association(desk, registered.id) == before


def test_update_existing(desk, tmp_path, registered):
    path = write_csv(tmp_path / "a.csv", UPDATE_FILE)
    later = replace(desk, clock=lambda: datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    report = import_associations(later, path, update_existing=True)
    assert report.problems == []
    assert (report.added, report.updated, report.skipped) == (1, 1, [])
    after = associations.get_association(desk, registered.id)
    assert after.version_id == registered.version_id + 1
    assert after.updated_at == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    d = after.draft
    assert (d.name, d.address, d.notes) == ("Nuovo nome", "Via Nuova 2", "nota interna")
    # The board is untouched (same rows), the first contact updated in place.
    assert d.board_members == registered.draft.board_members
    first, second = d.contact_persons
    old_first = registered.draft.contact_persons[0]
    assert first.id == old_first.id
    assert (first.name, first.phone, first.email, first.availability) == (
        "Primo Aggiornato",
        "+39 347 123 4567",
        "primo@x.it",
        "lun 9-12",
    )
    assert second == registered.draft.contact_persons[1]
    with desk.db.read() as s:
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == ACTION_UPDATE)).all()
    assert event.entity_id == registered.id
    assert event.operator_id == desk.operator.id
    assert set(event.after) == {"name", "address", "contact_persons"}
    assert event.before["name"] == "Vecchio nome"
    assert event.after["name"] == "Nuovo nome"
    assert event.after["contact_persons"][0]["name"] == "Primo Aggiornato"

    # The same file again: nothing changes, no new event.
    report = import_associations(desk, path, update_existing=True)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (0, 0, 2, [])
    with desk.db.read() as s:
        assert (
            len(s.scalars(select(AuditEvent).where(AuditEvent.action == ACTION_UPDATE)).all()) == 1
        )


def test_update_adds_a_first_contact_person(desk, tmp_path):
    record_id = add_association(
        desk, AssociationDraft("Senza referenti", LegalForm.COMITATO, tax_code=CODE_A)
    )
    path = write_csv(tmp_path / "a.csv", UPDATE_FILE[:2])
    report = import_associations(desk, path, update_existing=True)
    assert report.updated == 1
    contacts = associations.get_association(desk, record_id).draft.contact_persons
    assert [(c.name, c.phone) for c in contacts] == [("Primo Aggiornato", "+39 347 123 4567")]


def test_ceased_association_does_not_block_a_new_one(desk, tmp_path):
    add_association(
        desk,
        AssociationDraft("Sciolta", LegalForm.COMITATO, tax_code=CODE_A),
        AssociationStatus.CESSATA,
    )
    path = write_csv(tmp_path / "a.csv", UPDATE_FILE[:2])
    report = import_associations(desk, path)
    assert (report.added, report.skipped) == (1, [])


def test_informal_group_without_tax_code_is_matched_by_name(desk, tmp_path):
    add_association(desk, AssociationDraft("Amici del Parco", LegalForm.GRUPPO_INFORMALE))
    path = write_csv(
        tmp_path / "a.csv",
        [
            ["Denominazione", "Forma giuridica", "Note"],
            ["amici del parco", "Gruppo informale", "ciao"],
        ],
    )
    report = import_associations(desk, path)
    assert (report.added, len(report.skipped)) == (0, 1)
    report = import_associations(desk, path, update_existing=True)
    assert report.updated == 1
    (draft,) = stored(desk)
    assert (draft.name, draft.notes) == ("amici del parco", "ciao")


def test_same_informal_group_twice_in_a_file(desk, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [
            ["Denominazione", "Forma giuridica"],
            ["Amici", "Gruppo informale"],
            ["AMICI", "Gruppo informale"],
        ],
    )
    report = import_associations(desk, path)
    assert [(p.row, p.column) for p in report.problems] == [(3, "Denominazione")]


def test_warnings_do_not_stop_the_import(desk, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [
            ["Denominazione", "Forma giuridica", "Codice fiscale", "Sezione RUNTS", "Numero RUNTS"],
            ["Amici del parco", "ets_runts", CODE_A, "a", "1"],
        ],
    )
    report = import_associations(desk, path)
    assert report.added == 1
    assert [(w.row, w.column) for w in report.warnings] == [(2, "Denominazione")]


# --- template ------------------------------------------------------------------------


def test_template(tmp_path):
    from casedesk.domain.association_rows import HEADERS

    path = tmp_path / "modello.xlsx"
    write_template(path)
    assert read_table(path) == (list(HEADERS), [])
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 30
    assert sheet.column_dimensions["C"].number_format == "@"  # Codice fiscale as text


def test_progress_follows_the_rows_then_the_writing(desk, tmp_path):
    rows = [[f"Associazione {n}", "Gruppo informale", "", "", ""] for n in range(5)]
    path = write_csv(tmp_path / "elenco.csv", [HEADER, *rows])
    steps: list[tuple[int, int]] = []
    report = import_associations(
        desk, path, progress=lambda done, total: steps.append((done, total))
    )
    assert report.added == len(rows)
    total = len(rows) + 1  # each row checked, then the one transaction
    assert steps == [(done, total) for done in range(total)]
    assert counts(desk)["association"] == len(rows)


def test_no_progress_on_a_broken_file_beyond_the_check(desk, tmp_path):
    path = write_csv(tmp_path / "elenco.csv", [HEADER, ["", "Comitato", "", "", ""]])
    steps: list[tuple[int, int]] = []
    report = import_associations(
        desk, path, progress=lambda done, total: steps.append((done, total))
    )
    assert report.problems
    assert steps == [(0, 2)]  # the row was checked; nothing was written
