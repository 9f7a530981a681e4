"""Spreadsheet rows <-> association drafts: headers, cell values, whole rows."""

from dataclasses import replace
from datetime import date

import pytest

from casedesk.domain import association_rows as rows
from casedesk.domain.associations import (
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
    as_plain,
    normalise,
    validate,
)
from casedesk.domain.enums import LegalForm, RuntsSection

ODV_CODE = "97012340150"  # valid check digit, ordinary tax office
OTHER_CODE = "80001230152"

EXPECTED_HEADERS = [
    "Denominazione",
    "Forma giuridica",
    "Codice fiscale",
    "Sezione RUNTS",
    "Numero RUNTS",
    "Indirizzo",
    "Email",
    "PEC",
    "Telefono",
    "Sito web",
    "Settori",
    "Legale rappresentante",
    "Referente",
    "Telefono referente",
    "Email referente",
    "Descrizione",
    "Cerca volontari",
    "Note",
]


def full_row(**changes: str) -> dict[str, str]:
    row = {
        "Denominazione": "Libertà ODV",
        "Forma giuridica": "Ente del Terzo settore iscritto al RUNTS",
        "Codice fiscale": ODV_CODE,
        "Sezione RUNTS": "a",
        "Numero RUNTS": "12345",
        "Indirizzo": "Via dell'Unità 3, Milano",
        "Email": "info@liberta.it",
        "PEC": "liberta@pec.it",
        "Telefono": "02 1234 5678",
        "Sito web": "www.liberta.it",
        "Settori": "sociale, culturale",
        "Legale rappresentante": "Maria Rossi",
        "Referente": "Luca Bianchi",
        "Telefono referente": "347 123 4567",
        "Email referente": "luca@liberta.it",
        "Descrizione": "Doposcuola\nper ragazzi",
        "Cerca volontari": "sì",
        "Note": "",
    }
    row.update(changes)
    return row


# --- headers -------------------------------------------------------------------------


def test_headers_in_order():
    assert list(rows.HEADERS) == EXPECTED_HEADERS
    assert set(rows.COLUMN_WIDTHS) == set(rows.HEADERS)


@pytest.mark.parametrize(
    ("text", "header"),
    [
        ("Denominazione", "Denominazione"),
        ("  DENOMINAZIONE ", "Denominazione"),
        ("codice  fiscale", "Codice fiscale"),
        ("CodiceFiscale", "Codice fiscale"),
        ("Sezione\u00a0RUNTS", "Sezione RUNTS"),
        ("E-mail", "Email"),
        ("sito_web", "Sito web"),
        ("Cerca volontàri", "Cerca volontari"),
        ("\ufeffDenominazione", "Denominazione"),
        ("Nome", None),
        ("Codice", None),
    ],
)
def test_canonical_header(text, header):
    assert rows.canonical_header(text) == header


def test_match_headers_reports_unknown_repeated_and_missing_columns():
    match = rows.match_headers(["Denominazione", "Colore preferito", "denominazione", "", "Note"])
    assert match.columns == ["Denominazione", None, None, None, "Note"]
    assert [(p.column, p.message) for p in match.problems] == [
        ("Colore preferito", "Colonna sconosciuta: «Colore preferito»."),
        ("denominazione", "La colonna «Denominazione» compare più di una volta."),
        ("Forma giuridica", "Manca la colonna obbligatoria «Forma giuridica»."),
    ]
    assert match.missing_required
    assert not rows.match_headers(["Forma giuridica", "Denominazione"]).missing_required


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (17, "R"), (25, "Z"), (26, "AA"), (701, "ZZ")]
)
def test_column_letter(index, letter):
    assert rows.column_letter(index) == letter


@pytest.mark.parametrize(
    ("field", "header"),
    [
        ("name", "Denominazione"),
        ("tax_code", "Codice fiscale"),
        ("runts_section", "Sezione RUNTS"),
        ("runts_number", "Numero RUNTS"),
        ("pec", "PEC"),
        ("website", "Sito web"),
        ("contact_persons[0].name", "Referente"),
        ("contact_persons[0].phone", "Telefono referente"),
        ("contact_persons[0].email", "Email referente"),
        ("contact_persons[1].phone", "Referente"),
        ("board_members[0].name", "Consiglio direttivo"),
        ("seeking_volunteers", "Cerca volontari"),
    ],
)
def test_column_for_field(field, header):
    assert rows.column_for(field) == header


# --- cell values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sì", True),
        ("SÌ", True),
        ("si", True),
        ("Si ", True),
        ("x", True),
        ("X", True),
        ("vero", True),
        ("VERO", True),
        ("1", True),
        ("no", False),
        ("NO", False),
        ("falso", False),
        ("0", False),
        ("", False),
        ("  ", False),
    ],
)
def test_yes_no(text, value):
    assert rows.parse_yes_no(text) == (value, None)


@pytest.mark.parametrize("text", ["forse", "2", "yes please"])
def test_yes_no_refuses_anything_else(text):
    _value, error = rows.parse_yes_no(text)
    assert error is not None and text in error


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("01/02/2026", date(2026, 2, 1)),
        ("1/2/2026", date(2026, 2, 1)),
        ("29.02.2024", date(2024, 2, 29)),
        ("2026-02-01", date(2026, 2, 1)),
        ("2026-02-01 00:00:00", date(2026, 2, 1)),
        ("", None),
    ],
)
def test_parse_date(text, value):
    assert rows.parse_date(text) == (value, None)


@pytest.mark.parametrize("text", ["31/02/2026", "2026/02/01", "1/2/26", "domani", "02/01"])
def test_parse_date_refuses(text):
    value, error = rows.parse_date(text)
    assert value is None and error


def test_format_date_reads_back():
    assert rows.parse_date(rows.format_date(date(2026, 3, 9))) == (date(2026, 3, 9), None)
    assert rows.format_date(None) == ""


@pytest.mark.parametrize("form", list(LegalForm))
def test_legal_form_by_label_or_code_any_case(form):
    assert rows.parse_legal_form(form.label) == (form, None)
    assert rows.parse_legal_form(form.label.upper()) == (form, None)
    assert rows.parse_legal_form(f"  {form.value} ") == (form, None)


def test_legal_form_unknown_or_empty():
    form, error = rows.parse_legal_form("Cooperativa")
    assert form is None and "Cooperativa" in error and "Gruppo informale" in error
    form, error = rows.parse_legal_form("")
    assert form is None and "obbligatorio" in error


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("a", RuntsSection.A),
        ("B", RuntsSection.B),
        ("a)", RuntsSection.A),
        ("g )", RuntsSection.G),
        ("b) Associazioni di promozione sociale (APS)", RuntsSection.B),
        ("F) SOCIETÀ DI MUTUO SOCCORSO", RuntsSection.F),
        ("", None),
    ],
)
def test_runts_section(text, section):
    assert rows.parse_runts_section(text) == (section, None)


@pytest.mark.parametrize("text", ["h", "ODV", "a b"])
def test_runts_section_unknown(text):
    section, error = rows.parse_runts_section(text)
    assert section is None and error


# --- whole rows ----------------------------------------------------------------------


def test_full_row_reads_into_a_normalised_draft():
    parsed = rows.parse_row(full_row())
    assert parsed.errors == []
    assert parsed.draft == AssociationDraft(
        name="Libertà ODV",
        legal_form=LegalForm.ETS_RUNTS,
        tax_code=ODV_CODE,
        runts_section=RuntsSection.A,
        runts_number="12345",
        address="Via dell'Unità 3, Milano",
        email="info@liberta.it",
        pec="liberta@pec.it",
        phone="+39 02 1234 5678",
        website="www.liberta.it",
        sectors=["sociale", "culturale"],
        description="Doposcuola\nper ragazzi",
        seeking_volunteers=True,
        legal_representative="Maria Rossi",
        contact_persons=[ContactPersonDraft("Luca Bianchi", "+39 347 123 4567", "luca@liberta.it")],
    )


def test_minimal_row_and_missing_columns():
    parsed = rows.parse_row({"Denominazione": "Amici", "Forma giuridica": "Gruppo informale"})
    assert parsed.errors == []
    assert parsed.draft == AssociationDraft("Amici", LegalForm.GRUPPO_INFORMALE)


def test_text_kept_exactly_only_outer_spaces_trimmed():
    name = '  Circolo "L\'Àncora" & <amici> — Дружба 友谊  '
    parsed = rows.parse_row(full_row(Denominazione=name, Note=' 5 > 3 & "ok" '))
    assert parsed.draft.name == name.strip()
    assert parsed.draft.notes == ' 5 > 3 & "ok" '  # notes are kept as typed


def test_every_problem_of_a_row_is_reported_under_its_column():
    parsed = rows.parse_row(
        full_row(
            Denominazione=" ",
            **{
                "Codice fiscale": "97012340151",
                "Sezione RUNTS": "z",
                "Email": "non-una-mail",
                "Telefono referente": "12",
                "Cerca volontari": "forse",
            },
        )
    )
    assert parsed.draft is None
    columns = [p.column for p in parsed.errors]
    assert sorted(columns) == sorted(
        [
            "Sezione RUNTS",
            "Cerca volontari",
            "Denominazione",
            "Codice fiscale",
            "Email",
            "Telefono referente",
        ]
    )
    tax = next(p for p in parsed.errors if p.column == "Codice fiscale")
    assert "cifra di controllo" in tax.message


def test_unknown_legal_form_still_checks_the_other_columns():
    parsed = rows.parse_row(full_row(**{"Forma giuridica": "Cooperativa", "Email": "x@"}))
    assert parsed.draft is None
    assert {p.column for p in parsed.errors} == {"Forma giuridica", "Email"}


def test_ets_needs_section_and_number():
    parsed = rows.parse_row(full_row(**{"Sezione RUNTS": "", "Numero RUNTS": ""}))
    assert {p.column for p in parsed.errors} == {"Sezione RUNTS", "Numero RUNTS"}


def test_runts_details_for_a_form_outside_the_runts_are_not_dropped_silently():
    parsed = rows.parse_row(full_row(**{"Forma giuridica": "Comitato"}))
    assert parsed.draft is None
    assert {p.column for p in parsed.errors} == {"Sezione RUNTS", "Numero RUNTS"}


def test_contact_phone_without_a_name_is_a_problem():
    parsed = rows.parse_row(full_row(Referente=""))
    assert [p.column for p in parsed.errors] == ["Referente"]


def test_no_contact_columns_no_contact_person():
    parsed = rows.parse_row(
        full_row(Referente="", **{"Telefono referente": "", "Email referente": " "})
    )
    assert parsed.errors == []
    assert parsed.draft.contact_persons == []


def test_tax_code_without_leading_zero_gets_a_hint():
    parsed = rows.parse_row(full_row(**{"Codice fiscale": "1234567890"}))
    (problem,) = parsed.errors
    assert problem.column == "Codice fiscale" and "zeri iniziali" in problem.message


def test_warnings_do_not_block():
    parsed = rows.parse_row(full_row(Denominazione="Amici del parco"))  # section a without ODV
    assert parsed.errors == []
    assert parsed.draft is not None
    assert [w.column for w in parsed.warnings] == ["Denominazione"]


def test_too_long():
    draft = rows.parse_row(full_row(Denominazione="x" * 301, Referente="y" * 5)).draft
    problems = rows.too_long(draft, {"name": 300, "contact_persons[0].name": 4, "email": 200})
    assert [p.column for p in problems] == ["Denominazione", "Referente"]
    assert "300" in problems[0].message and "301" in problems[0].message


DRAFTS = [
    rows.parse_row(full_row()).draft,
    AssociationDraft("Amici", LegalForm.GRUPPO_INFORMALE),
    AssociationDraft(
        'Circolo "L\'Àncora" & <amici> Дружба 友谊',
        LegalForm.ASSOCIAZIONE_RICONOSCIUTA,
        tax_code=OTHER_CODE,
        sectors=["sociale", "anziani"],
        description='  righe\r\nmultiple "e" ; virgole, ',
        notes="=SOMMA(A1)",
        contact_persons=[ContactPersonDraft("Anna", email="anna@x.it")],
    ),
]


@pytest.mark.parametrize("draft", DRAFTS)
def test_row_from_draft_reads_back_the_same(draft):
    row = rows.row_from_draft(draft)
    assert list(row) == list(rows.HEADERS)
    assert all(isinstance(v, str) for v in row.values())
    parsed = rows.parse_row(row)
    assert parsed.errors == []
    assert as_plain(parsed.draft) == as_plain(draft)


def test_row_from_draft_values():
    row = rows.row_from_draft(DRAFTS[0])
    assert row["Forma giuridica"] == "Ente del Terzo settore iscritto al RUNTS"
    assert row["Sezione RUNTS"] == "a"
    assert row["Settori"] == "sociale, culturale"
    assert row["Cerca volontari"] == "sì"
    assert rows.row_from_draft(DRAFTS[1])["Cerca volontari"] == "no"


CHECK_CASES = [
    *DRAFTS,
    AssociationDraft("X", LegalForm.COMITATO, tax_code=OTHER_CODE, phone="123"),
    AssociationDraft(
        "X",
        LegalForm.COMITATO,
        tax_code=OTHER_CODE,
        contact_persons=[ContactPersonDraft("", phone="347 1234567")],
    ),
    AssociationDraft(
        "X",
        LegalForm.COMITATO,
        tax_code=OTHER_CODE,
        contact_persons=[
            ContactPersonDraft("", "", ""),
            ContactPersonDraft("Bea", phone="0039 02 12345678"),
            ContactPersonDraft("Ciro", phone="02 1"),
        ],
    ),
    AssociationDraft("", LegalForm.ETS_RUNTS, phone=" +39 347 1234567 "),
]


@pytest.mark.parametrize("draft", CHECK_CASES)
def test_check_draft_agrees_with_validate_and_normalise(draft):
    checked = rows.check_draft(draft)
    result = validate(draft)
    assert sorted((rows.column_for(e.field), e.message) for e in result.errors) == sorted(
        (p.column, p.message) for p in checked.errors
    )
    assert [(rows.column_for(w.field), w.message) for w in result.warnings] == [
        (p.column, p.message) for p in checked.warnings
    ]
    if result.ok:
        assert checked.draft == normalise(draft)
    else:
        assert checked.draft is None


# --- updating an existing association ------------------------------------------------


def existing() -> AssociationDraft:
    return AssociationDraft(
        name="Vecchio nome",
        legal_form=LegalForm.COMITATO,
        tax_code=OTHER_CODE,
        address="Via Vecchia 1",
        notes="nota interna",
        board_members=[BoardMemberDraft("Presidente P", id=7)],
        contact_persons=[
            ContactPersonDraft("Primo", "+39 02 1111 1111", "primo@x.it", "lun 9-12", False, id=1),
            ContactPersonDraft("Secondo", id=2),
        ],
    )


def test_merge_takes_the_file_columns_and_keeps_the_rest():
    row = rows.parse_row(
        {
            "Denominazione": "Nuovo nome",
            "Forma giuridica": "Comitato",
            "Codice fiscale": OTHER_CODE,
            "Referente": "Nuovo referente",
            "Telefono referente": "",
        }
    ).draft
    present = {
        "Denominazione",
        "Forma giuridica",
        "Codice fiscale",
        "Referente",
        "Telefono referente",
    }
    merged = rows.merge_into(existing(), row, present)
    assert merged.name == "Nuovo nome"
    assert merged.address == "Via Vecchia 1"  # no such column in the file
    assert merged.notes == "nota interna"
    assert merged.board_members == existing().board_members
    first, second = merged.contact_persons
    assert (first.id, first.name, first.phone, first.email) == (
        1,
        "Nuovo referente",
        "",
        "primo@x.it",
    )
    assert (first.availability, first.meets_citizens) == ("lun 9-12", False)
    assert second == existing().contact_persons[1]


def test_merge_with_an_empty_contact_keeps_the_contact_persons():
    row = rows.parse_row(
        full_row(Referente="", **{"Telefono referente": "", "Email referente": ""})
    ).draft
    assert row.contact_persons == []
    merged = rows.merge_into(existing(), row, set(rows.HEADERS))
    assert merged.contact_persons == existing().contact_persons
    assert merged.name == "Libertà ODV"


def test_merge_adds_a_first_contact_person():
    row = rows.parse_row(full_row()).draft
    merged = rows.merge_into(replace(existing(), contact_persons=[]), row, set(rows.HEADERS))
    assert [(c.name, c.id) for c in merged.contact_persons] == [("Luca Bianchi", None)]


# --- leading zeros a spreadsheet dropped ---------------------------------------------

ZERO_CODE = "05260180152"  # valid, starts with one 0
TWO_ZEROS_CODE = "00123450157"  # valid, starts with two 0s
ALL_NUMERIC = {"Codice fiscale", "Telefono", "Telefono referente"}


@pytest.mark.parametrize("code", [ZERO_CODE, TWO_ZEROS_CODE])
def test_a_numeric_tax_code_gets_its_zeros_back_with_a_warning(code):
    number = code.lstrip("0")
    cells, warnings = rows.restore_leading_zeros(
        full_row(**{"Codice fiscale": number}), ALL_NUMERIC
    )
    assert cells["Codice fiscale"] == code
    (warning,) = warnings
    assert warning.column == "Codice fiscale"
    assert number in warning.message and f"importato come {code}" in warning.message
    assert rows.parse_row(cells).draft.tax_code == code


def test_a_tax_code_stored_as_text_is_never_padded():
    cells = full_row(**{"Codice fiscale": ZERO_CODE[1:]})
    restored, warnings = rows.restore_leading_zeros(cells, {"Telefono"})
    assert restored == cells and warnings == []
    assert [e.column for e in rows.parse_row(restored).errors] == ["Codice fiscale"]


@pytest.mark.parametrize(
    "number",
    [
        "1234567890",  # padded, the check digit does not match
        ODV_CODE,  # already 11 digits
        "0",  # padded to all zeros
    ],
)
def test_a_numeric_tax_code_that_padding_does_not_make_valid_is_left_alone(number):
    cells = full_row(**{"Codice fiscale": number})
    assert rows.restore_leading_zeros(cells, ALL_NUMERIC) == (cells, [])


@pytest.mark.parametrize("column", ["Telefono", "Telefono referente"])
def test_a_numeric_landline_gets_its_zero_back_with_a_warning(column):
    cells, warnings = rows.restore_leading_zeros(full_row(**{column: "212345678"}), ALL_NUMERIC)
    assert cells[column] == "0212345678"
    assert [(w.column, "212345678" in w.message) for w in warnings] == [(column, True)]
    draft = rows.parse_row(cells).draft
    phone = draft.phone if column == "Telefono" else draft.contact_persons[0].phone
    assert phone == "+39 02 1234 5678"


def test_a_numeric_9_digit_mobile_is_taken_for_a_landline_that_lost_its_zero():
    # Monza's 039 123 4567 as a number reads as the (old-style) mobile 391 234 567.
    cells, warnings = rows.restore_leading_zeros(full_row(Telefono="391234567"), ALL_NUMERIC)
    assert cells["Telefono"] == "0391234567"
    (warning,) = warnings
    assert "cellulare di 9 cifre" in warning.message and "0391234567" in warning.message
    assert rows.parse_row(cells).draft.phone == "+39 039 123 4567"


@pytest.mark.parametrize(
    "phone",
    [
        "3471234567",  # a mobile: valid as it is
        "3311234567",  # a mobile, though 03311234567 would be a landline too
        "800123456",  # a toll-free number, though 0800123456 would be a landline in Bari
        "0212345678",  # already has its zero (the cell was text after all)
        "12",  # invalid with or without a zero
    ],
)
def test_a_numeric_phone_valid_as_it_is_or_invalid_anyway_is_left_alone(phone):
    cells = full_row(Telefono=phone)
    assert rows.restore_leading_zeros(cells, ALL_NUMERIC) == (cells, [])


def test_a_phone_stored_as_text_is_never_padded():
    cells = full_row(Telefono="212345678")
    assert rows.restore_leading_zeros(cells, {"Codice fiscale"}) == (cells, [])
    assert [e.column for e in rows.parse_row(cells).errors] == ["Telefono"]
