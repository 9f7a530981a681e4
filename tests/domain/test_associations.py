"""Association drafts: normalisation, validation rules, similar names, differences."""

from datetime import date

import pytest
from stdnum import luhn
from stdnum.it import codicefiscale, iva

from casedesk.domain.associations import (
    FIELD_LABELS,
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
    as_plain,
    changed_fields,
    check_tax_code,
    differences,
    name_key,
    normalise,
    normalise_phone,
    normalise_tax_code,
    similar_names,
    validate,
)
from casedesk.domain.enums import BoardRole, LegalForm, RuntsSection


def entity_code(first_ten: str) -> str:
    """An 11-digit code with the right Luhn check digit."""
    assert len(first_ten) == 10 and first_ten.isdigit()
    return first_ten + luhn.calc_check_digit(first_ten)


# Office (digits 8-10) 012: a code stdnum accepts in full.
GOOD_ENTITY = entity_code("8012345012")
# Right Luhn digit, but an office code (000, 555) that does not exist.
ODD_OFFICE_000 = entity_code("9876543000")
ODD_OFFICE_555 = entity_code("9876543555")
GOOD_PERSON = "RSSMRA85T10A562S"
OTHER_PERSON = "BNCGNN80A01F205" + codicefiscale.calc_check_digit("BNCGNN80A01F205")


def wrong_check_digit(code: str) -> str:
    last = code[-1]
    if last.isdigit():
        return code[:-1] + str((int(last) + 1) % 10)
    return code[:-1] + ("A" if last != "A" else "B")


def draft(**kw) -> AssociationDraft:
    kw.setdefault("name", "Amici del Parco")
    kw.setdefault("legal_form", LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA)
    kw.setdefault("tax_code", GOOD_ENTITY)
    return AssociationDraft(**kw)


def ets(**kw) -> AssociationDraft:
    kw.setdefault("legal_form", LegalForm.ETS_RUNTS)
    kw.setdefault("runts_section", RuntsSection.B)
    kw.setdefault("runts_number", "12345")
    return draft(**kw)


# --- the examples themselves ---------------------------------------------------------


def test_examples_are_what_the_tests_say():
    assert iva.is_valid(GOOD_ENTITY)
    assert luhn.is_valid(ODD_OFFICE_000) and not iva.is_valid(ODD_OFFICE_000)
    assert luhn.is_valid(ODD_OFFICE_555) and not iva.is_valid(ODD_OFFICE_555)
    assert ODD_OFFICE_000[7:10] == "000" and ODD_OFFICE_555[7:10] == "555"
    assert codicefiscale.is_valid(GOOD_PERSON)
    assert codicefiscale.is_valid(OTHER_PERSON)
    assert not luhn.is_valid(wrong_check_digit(GOOD_ENTITY))
    assert not codicefiscale.is_valid(wrong_check_digit(GOOD_PERSON))


# --- tax code ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("rssmra85t10a562s", "RSSMRA85T10A562S"),
        (" RSS MRA 85T10 A562S ", "RSSMRA85T10A562S"),
        ("801 234 500 12", "80123450012"),
        ("801.234.500-12", "80123450012"),
        ("\t80123450012\n", "80123450012"),
        ("", ""),
    ],
)
def test_normalise_tax_code(raw, clean):
    assert normalise_tax_code(raw) == clean


@pytest.mark.parametrize(
    "code", [GOOD_ENTITY, entity_code("1234567012"), GOOD_PERSON, OTHER_PERSON]
)
def test_valid_tax_codes(code):
    assert check_tax_code(code, LegalForm.ASSOCIAZIONE_RICONOSCIUTA) == (None, None)
    result = validate(draft(tax_code=code))
    assert result.ok
    assert result.error_for("tax_code") is None
    assert result.warning_for("tax_code") is None


def test_spaces_and_lowercase_are_accepted_and_normalised():
    spaced = f" {GOOD_PERSON[:6].lower()} {GOOD_PERSON[6:11].lower()} {GOOD_PERSON[11:]} "
    result = validate(draft(tax_code=spaced))
    assert result.ok and not result.warnings
    assert normalise(draft(tax_code=spaced)).tax_code == GOOD_PERSON
    entity = f"{GOOD_ENTITY[:3]} {GOOD_ENTITY[3:7]} {GOOD_ENTITY[7:]}"
    assert validate(draft(tax_code=entity)).ok
    assert normalise(draft(tax_code=entity)).tax_code == GOOD_ENTITY


@pytest.mark.parametrize("code", [GOOD_ENTITY, entity_code("1234567012"), GOOD_PERSON])
def test_wrong_check_digit_is_an_error(code):
    bad = wrong_check_digit(code)
    error, warning = check_tax_code(bad, LegalForm.COMITATO)
    assert error is not None and "controllo" in error
    assert warning is None
    result = validate(draft(tax_code=bad))
    assert not result.ok
    assert result.error_for("tax_code")


def test_all_zero_entity_code_is_an_error():
    assert check_tax_code("00000000000", LegalForm.COMITATO)[0]


@pytest.mark.parametrize("code", [ODD_OFFICE_000, ODD_OFFICE_555])
def test_odd_office_code_is_only_a_warning(code):
    error, warning = check_tax_code(code, LegalForm.COMITATO)
    assert error is None
    assert warning is not None and code[7:10] in warning
    result = validate(draft(tax_code=code))
    assert result.ok
    assert result.warning_for("tax_code")


@pytest.mark.parametrize(
    "code",
    [
        "1234567",  # too short
        GOOD_ENTITY[:10],  # 10 digits
        GOOD_ENTITY + "0",  # 12 digits
        GOOD_PERSON[:15],  # 15 characters
        GOOD_PERSON + "X",  # 17 characters
        "8012345001A",  # 11 characters, not all digits
        "X",
    ],
)
def test_wrong_length_is_an_error(code):
    error, warning = check_tax_code(normalise_tax_code(code), LegalForm.COMITATO)
    assert error is not None and "11 cifre" in error and "16 caratteri" in error
    assert warning is None
    assert validate(draft(tax_code=code)).error_for("tax_code")


def test_informal_group_may_have_no_tax_code():
    result = validate(draft(legal_form=LegalForm.GRUPPO_INFORMALE, tax_code=""))
    assert result.ok and not result.warnings
    assert validate(draft(legal_form=LegalForm.GRUPPO_INFORMALE, tax_code="   ")).ok


def test_informal_group_with_a_tax_code_is_still_checked():
    assert validate(draft(legal_form=LegalForm.GRUPPO_INFORMALE, tax_code=GOOD_PERSON)).ok
    bad = validate(
        draft(legal_form=LegalForm.GRUPPO_INFORMALE, tax_code=wrong_check_digit(GOOD_PERSON))
    )
    assert bad.error_for("tax_code")


@pytest.mark.parametrize("form", [f for f in LegalForm if f is not LegalForm.GRUPPO_INFORMALE])
def test_other_forms_need_a_tax_code(form):
    result = validate(
        draft(legal_form=form, tax_code="", runts_section=RuntsSection.B, runts_number="1")
    )
    assert not result.ok
    assert "obbligatorio" in result.error_for("tax_code")


# --- RUNTS ---------------------------------------------------------------------------


def test_ets_needs_runts_section_and_number():
    result = validate(ets(runts_section=None, runts_number="  "))
    assert result.error_for("runts_section")
    assert result.error_for("runts_number")
    assert validate(ets()).ok


def test_ets_needs_runts_number_alone():
    result = validate(ets(runts_number=""))
    assert result.error_for("runts_number")
    assert result.error_for("runts_section") is None


@pytest.mark.parametrize("form", [f for f in LegalForm if f is not LegalForm.ETS_RUNTS])
def test_other_forms_need_no_runts_details_and_lose_them(form):
    d = draft(
        legal_form=form,
        tax_code=GOOD_PERSON,
        runts_section=RuntsSection.A,
        runts_number="999",
    )
    result = validate(d)
    assert result.ok and not result.warnings
    clean = normalise(d)
    assert clean.runts_section is None
    assert clean.runts_number == ""
    # Without RUNTS details it is valid too.
    assert validate(draft(legal_form=form, tax_code=GOOD_PERSON)).ok


def test_ets_keeps_runts_details_trimmed():
    clean = normalise(ets(runts_section=RuntsSection.C, runts_number="  4567 "))
    assert clean.runts_section is RuntsSection.C
    assert clean.runts_number == "4567"


def test_odv_without_odv_in_its_name_gets_a_warning():
    result = validate(ets(name="Amici del Parco", runts_section=RuntsSection.A))
    assert result.ok
    assert "ODV" in result.warning_for("name")


@pytest.mark.parametrize(
    "name",
    [
        "Amici del Parco ODV",
        "Amici del Parco odv",
        "Amici del Parco O.D.V.",
        "Amici del Parco - ODV",
        "ODV Amici del Parco",
        "Amici del Parco organizzazione di volontariato",
        "Amici del Parco Organizzazione di Volontariato",
    ],
)
def test_odv_with_odv_in_its_name_gets_no_warning(name):
    result = validate(ets(name=name, runts_section=RuntsSection.A))
    assert result.ok
    assert result.warning_for("name") is None


def test_odv_inside_another_word_does_not_count():
    result = validate(ets(name="Godvin Amici", runts_section=RuntsSection.A))
    assert result.warning_for("name")


@pytest.mark.parametrize("section", [s for s in RuntsSection if s is not RuntsSection.A])
def test_other_sections_need_no_odv_in_the_name(section):
    assert validate(ets(name="Amici del Parco", runts_section=section)).warning_for("name") is None


def test_odv_warning_only_for_ets():
    # Section a left over on a form that is not in the RUNTS: no ODV warning.
    d = draft(legal_form=LegalForm.COMITATO, runts_section=RuntsSection.A, runts_number="1")
    assert validate(d).warning_for("name") is None


# --- name, email, PEC, phone, website ------------------------------------------------


@pytest.mark.parametrize("name", ["", "   "])
def test_name_is_required(name):
    assert validate(draft(name=name)).error_for("name")


@pytest.mark.parametrize("value", ["info@amici.it", " info@amici.it ", "a.b+c@sub.example.org"])
def test_valid_email_and_pec(value):
    result = validate(draft(email=value, pec=value))
    assert result.ok


@pytest.mark.parametrize(
    "value", ["info", "info@", "@amici.it", "info@amici", "in fo@amici.it", "a@b@c.it"]
)
def test_invalid_email_and_pec(value):
    result = validate(draft(email=value, pec=value))
    assert result.error_for("email")
    assert result.error_for("pec")


def test_email_and_pec_are_trimmed():
    clean = normalise(draft(email="  info@amici.it ", pec=" amici@pec.it\n"))
    assert clean.email == "info@amici.it"
    assert clean.pec == "amici@pec.it"


@pytest.mark.parametrize(
    ("raw", "formatted"),
    [
        ("02 1234 5678", "+39 02 1234 5678"),
        ("0212345678", "+39 02 1234 5678"),
        ("3331234567", "+39 333 123 4567"),
        ("333 123 4567", "+39 333 123 4567"),
        ("+39 333 1234567", "+39 333 123 4567"),
        ("0039 333 1234567", "+39 333 123 4567"),
        ("  02-1234-5678 ", "+39 02 1234 5678"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_italian_phone_numbers_are_normalised(raw, formatted):
    assert normalise_phone(raw) == (formatted, None)
    assert validate(draft(phone=raw)).error_for("phone") is None
    assert normalise(draft(phone=raw)).phone == formatted


@pytest.mark.parametrize("raw", ["12", "abc", "02 12", "1234567890123456789", "telefono"])
def test_invalid_phone_is_an_error(raw):
    formatted, error = normalise_phone(raw)
    assert error is not None
    assert formatted == raw.strip()  # kept as typed, for the user to fix
    assert validate(draft(phone=raw)).error_for("phone")


@pytest.mark.parametrize(
    "site", ["www.amici.it", "https://www.amici.it", "http://amici.org/chi-siamo", "amici.it/"]
)
def test_valid_website(site):
    assert validate(draft(website=site)).error_for("website") is None


@pytest.mark.parametrize("site", ["amici", "http://", "www amici it", "ftp://amici.it"])
def test_invalid_website(site):
    assert validate(draft(website=site)).error_for("website")


# --- board members and contact persons -----------------------------------------------


def test_board_member_names_are_required():
    d = draft(
        board_members=[
            BoardMemberDraft("Carla Verdi", BoardRole.PRESIDENTE),
            BoardMemberDraft("  ", BoardRole.TESORIERE),
        ]
    )
    result = validate(d)
    assert result.error_for("board_members[1].name")
    assert result.error_for("board_members[0].name") is None


def test_contact_person_name_is_required():
    d = draft(contact_persons=[ContactPersonDraft("", phone="3331234567")])
    assert validate(d).error_for("contact_persons[0].name")


def test_contact_person_phone_and_email_are_checked():
    d = draft(
        contact_persons=[
            ContactPersonDraft("Dario Neri", phone="3331234567", email="dario@amici.it"),
            ContactPersonDraft("Elena Gialli", phone="12", email="elena"),
        ]
    )
    result = validate(d)
    assert result.error_for("contact_persons[0].phone") is None
    assert result.error_for("contact_persons[0].email") is None
    assert result.error_for("contact_persons[1].phone")
    assert result.error_for("contact_persons[1].email")


def test_more_than_one_president_is_a_warning():
    d = draft(
        board_members=[
            BoardMemberDraft("Carla Verdi", BoardRole.PRESIDENTE),
            BoardMemberDraft("Dario Neri", BoardRole.PRESIDENTE),
        ]
    )
    result = validate(d)
    assert result.ok
    assert result.warning_for("board_members")


def test_one_president_is_fine():
    d = draft(
        board_members=[
            BoardMemberDraft("Carla Verdi", BoardRole.PRESIDENTE),
            BoardMemberDraft("Dario Neri", BoardRole.VICEPRESIDENTE),
            BoardMemberDraft("Elena Gialli"),
        ]
    )
    result = validate(d)
    assert result.ok and not result.warnings


def test_normalise_people():
    d = draft(
        board_members=[
            BoardMemberDraft("  Carla Verdi ", BoardRole.PRESIDENTE, date(2024, 5, 1), id=7),
            BoardMemberDraft("   "),
        ],
        contact_persons=[
            ContactPersonDraft(
                " Dario Neri ", phone="3331234567", email=" d@amici.it ", availability=" lun ", id=3
            ),
            ContactPersonDraft("", "", "", "solo disponibilità"),
        ],
    )
    clean = normalise(d)
    assert clean.board_members == [
        BoardMemberDraft("Carla Verdi", BoardRole.PRESIDENTE, date(2024, 5, 1), id=7)
    ]
    assert clean.contact_persons == [
        ContactPersonDraft("Dario Neri", "+39 333 123 4567", "d@amici.it", "lun", True, id=3)
    ]


# --- normalisation of the rest -------------------------------------------------------


def test_normalise_trims_but_keeps_text_as_typed():
    text = 'Nota con "virgolette", <tag> & Привет 你好  '
    d = draft(
        name='  L\'Arca & <Amici> "Лада" 文化  ',
        address="  Via Esempio 1, Milano ",
        description=text,
        notes=text,
        legal_representative="  Mario Rossi ",
        website=" www.amici.it ",
    )
    clean = normalise(d)
    assert clean.name == 'L\'Arca & <Amici> "Лада" 文化'
    assert clean.address == "Via Esempio 1, Milano"
    assert clean.description == text
    assert clean.notes == text
    assert clean.legal_representative == "Mario Rossi"
    assert clean.website == "www.amici.it"
    assert d.name.startswith("  ")  # the draft itself is untouched


def test_normalise_cleans_sectors():
    clean = normalise(draft(sectors=[" sociale ", "Sociale", "", "  ", "culturale", "sociale"]))
    assert clean.sectors == ["sociale", "culturale"]


def test_normalise_is_idempotent():
    d = ets(
        name=" Amici ODV ",
        tax_code="rss mra85t10a562s",
        phone="02 1234 5678",
        contact_persons=[ContactPersonDraft("Dario", phone="3331234567")],
    )
    once = normalise(d)
    assert normalise(once) == once
    assert validate(once).ok


# --- similar names -------------------------------------------------------------------


def test_name_key_drops_generic_words():
    assert name_key("Associazione L'Arca") == "larca"
    assert name_key("L'arca APS") == "larca"
    assert name_key("Associazione di promozione sociale") == "promozione sociale"
    # A name made only of generic words keeps them.
    assert name_key("Associazione") == "associazione"


def test_similar_names_found():
    candidates = [(1, "Associazione L'Arca"), (2, "Banda di Affori"), (3, "Amici del Parco")]
    assert similar_names("L'arca APS", candidates) == [(1, "Associazione L'Arca")]
    assert similar_names("Associazione L'Arca", [(5, "L'arca APS")]) == [(5, "L'arca APS")]


def test_nearly_identical_names_are_similar():
    found = similar_names("Amici del Parco Nord", [(1, "Amici del parco nord ODV")])
    assert found == [(1, "Amici del parco nord ODV")]
    found = similar_names("Libertà e Solidarietà", [(2, "Liberta e solidarieta onlus")])
    assert found == [(2, "Liberta e solidarieta onlus")]
    # A typo in a long name.
    assert similar_names("Amici del Parco Lambro", [(3, "Amici del Parco Lanbro")])


def test_exact_duplicates_are_found():
    candidates = [(1, "Amici del Parco"), (2, "Amici del Parco"), (3, "Banda di Affori")]
    assert similar_names("Amici del Parco", candidates) == [
        (1, "Amici del Parco"),
        (2, "Amici del Parco"),
    ]


@pytest.mark.parametrize(
    "other",
    [
        "Banda di Affori",
        "Gruppo Cammino Niguarda",
        "Associazione Il Sole",
        "Comitato Inquilini Via Padova",
        "L'Arca di Noè Teatro",
    ],
)
def test_different_names_are_not_similar(other):
    assert similar_names("Associazione L'Arca", [(1, other)]) == []


def test_similar_names_with_no_candidates():
    assert similar_names("Amici", []) == []
    assert similar_names("", [(1, "Amici")]) == []


# --- comparing versions --------------------------------------------------------------


def test_as_plain_is_json_ready():
    d = ets(
        board_members=[BoardMemberDraft("Carla", BoardRole.PRESIDENTE, date(2024, 5, 1))],
        sectors=["sociale"],
    )
    plain = as_plain(d)
    assert plain["legal_form"] == "ets_runts"
    assert plain["runts_section"] == "b"
    assert plain["board_members"] == [
        {"name": "Carla", "role": "presidente", "since": "2024-05-01", "id": None}
    ]
    assert plain["sectors"] == ["sociale"]
    assert set(plain) == set(FIELD_LABELS)


def test_differences_lists_labels_in_form_order():
    before = draft()
    after = draft(notes="nuova nota", name="Amici del Parco Nord", phone="3331234567")
    assert differences(before, after) == ["Denominazione", "Telefono", "Note"]
    assert differences(before, draft()) == []


def test_differences_ignore_row_ids():
    before = draft(contact_persons=[ContactPersonDraft("Dario", id=1)])
    same = draft(contact_persons=[ContactPersonDraft("Dario", id=None)])
    assert differences(before, same) == []
    other = draft(contact_persons=[ContactPersonDraft("Dario Neri", id=1)])
    assert differences(before, other) == ["Referenti"]


def test_changed_fields_names_the_fields_and_a_new_order_of_contacts_is_a_change():
    first, second = ContactPersonDraft("Dario", id=1), ContactPersonDraft("Elsa", id=2)
    before = draft(contact_persons=[first, second])
    after = draft(phone="3331234567", contact_persons=[second, first])
    assert changed_fields(before, after) == ["phone", "contact_persons"]
    assert differences(before, after) == [FIELD_LABELS[k] for k in changed_fields(before, after)]
