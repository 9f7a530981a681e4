"""Associations as spreadsheet rows: the columns, reading a row, writing a row.

Pure Python: the services read and write the files (CSV, XLSX) and the database;
this module knows the Italian column headers, turns the text of one row into an
`AssociationDraft` (or says, column by column, what is wrong with it) and turns a
draft back into the text of a row, so that an export imports back unchanged.

Cell text is kept exactly as written (apostrophes, accents, quotes, any script);
only what `domain.associations.normalise` trims is trimmed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import phonenumbers

from casedesk.domain import associations as rules
from casedesk.domain.associations import AssociationDraft, ContactPersonDraft
from casedesk.domain.enums import LegalForm, RuntsSection
from casedesk.domain.text_search import fold

# --- the columns ---------------------------------------------------------------------

NAME = "Denominazione"
LEGAL_FORM = "Forma giuridica"
TAX_CODE = "Codice fiscale"
RUNTS_SECTION = "Sezione RUNTS"
RUNTS_NUMBER = "Numero RUNTS"
ADDRESS = "Indirizzo"
EMAIL = "Email"
PEC = "PEC"
PHONE = "Telefono"
WEBSITE = "Sito web"
SECTORS = "Settori"
LEGAL_REPRESENTATIVE = "Legale rappresentante"
CONTACT_NAME = "Referente"
CONTACT_PHONE = "Telefono referente"
CONTACT_EMAIL = "Email referente"
DESCRIPTION = "Descrizione"
SEEKING_VOLUNTEERS = "Cerca volontari"
NOTES = "Note"

# Header -> the draft's field it fills, in the order files are written.
COLUMN_FIELDS: dict[str, str] = {
    NAME: "name",
    LEGAL_FORM: "legal_form",
    TAX_CODE: "tax_code",
    RUNTS_SECTION: "runts_section",
    RUNTS_NUMBER: "runts_number",
    ADDRESS: "address",
    EMAIL: "email",
    PEC: "pec",
    PHONE: "phone",
    WEBSITE: "website",
    SECTORS: "sectors",
    LEGAL_REPRESENTATIVE: "legal_representative",
    CONTACT_NAME: "contact_persons[0].name",
    CONTACT_PHONE: "contact_persons[0].phone",
    CONTACT_EMAIL: "contact_persons[0].email",
    DESCRIPTION: "description",
    SEEKING_VOLUNTEERS: "seeking_volunteers",
    NOTES: "notes",
}
HEADERS: tuple[str, ...] = tuple(COLUMN_FIELDS)
REQUIRED_HEADERS: tuple[str, ...] = (NAME, LEGAL_FORM)
CONTACT_HEADERS: tuple[str, ...] = (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL)

# Column widths (in characters) for the XLSX template and export.
COLUMN_WIDTHS: dict[str, int] = {
    NAME: 40,
    LEGAL_FORM: 34,
    TAX_CODE: 18,
    RUNTS_SECTION: 14,
    RUNTS_NUMBER: 14,
    ADDRESS: 36,
    EMAIL: 28,
    PEC: 28,
    PHONE: 18,
    WEBSITE: 28,
    SECTORS: 30,
    LEGAL_REPRESENTATIVE: 26,
    CONTACT_NAME: 24,
    CONTACT_PHONE: 18,
    CONTACT_EMAIL: 28,
    DESCRIPTION: 50,
    SEEKING_VOLUNTEERS: 15,
    NOTES: 40,
}
# Columns whose content looks like a number but is text (leading zeros, "+39").
TEXT_COLUMNS: tuple[str, ...] = (TAX_CODE, RUNTS_NUMBER, PHONE, CONTACT_PHONE)

_FIELD_HEADERS = {f: h for h, f in COLUMN_FIELDS.items()}


@dataclass(frozen=True)
class CellProblem:
    """What is wrong in one column of a row; `column` is one of HEADERS."""

    column: str
    message: str


# --- headers -------------------------------------------------------------------------

_HEADER_NOISE = re.compile(r"[\s\-_.\ufeff]+")


def header_key(text: str) -> str:
    """A header as it is compared: no case, accents, spaces, hyphens, underscores, dots."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _HEADER_NOISE.sub("", stripped.casefold())


_HEADER_BY_KEY = {header_key(h): h for h in HEADERS}


def canonical_header(text: str) -> str | None:
    """The known header `text` stands for ("codice  FISCALE" -> "Codice fiscale")."""
    return _HEADER_BY_KEY.get(header_key(text))


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class HeaderMatch:
    """Which known column each position of the header row holds (None: ignored)."""

    columns: list[str | None]
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def present(self) -> set[str]:
        return {c for c in self.columns if c is not None}

    @property
    def missing_required(self) -> bool:
        return any(h not in self.present for h in REQUIRED_HEADERS)


def match_headers(headers: list[str]) -> HeaderMatch:
    """Match the header row; unknown, repeated and missing required columns are problems.

    A column without a header is ignored (the service complains if it holds data).
    """
    columns: list[str | None] = []
    problems: list[CellProblem] = []
    seen: set[str] = set()
    for raw in headers:
        text = raw.strip()
        if not text:
            columns.append(None)
            continue
        known = canonical_header(text)
        if known is None:
            problems.append(CellProblem(text, f"Colonna sconosciuta: «{text}»."))
            columns.append(None)
        elif known in seen:
            problems.append(CellProblem(text, f"La colonna «{known}» compare più di una volta."))
            columns.append(None)
        else:
            seen.add(known)
            columns.append(known)
    for required in REQUIRED_HEADERS:
        if required not in seen:
            problems.append(CellProblem(required, f"Manca la colonna obbligatoria «{required}»."))
    return HeaderMatch(columns, problems)


def column_for(field_name: str) -> str:
    """The column header a FieldError's field belongs to ("tax_code" -> "Codice fiscale")."""
    if field_name in _FIELD_HEADERS:
        return _FIELD_HEADERS[field_name]
    base = field_name.split("[", 1)[0].split(".", 1)[0]
    if base == "contact_persons":
        return CONTACT_NAME
    return rules.FIELD_LABELS.get(base, field_name)


# --- cell values ---------------------------------------------------------------------

_YES = {"si", "x", "vero", "true", "1"}
_NO = {"no", "falso", "false", "0", ""}


def parse_yes_no(text: str) -> tuple[bool, str | None]:
    """(value, error) for sì/si/x/vero/1 and no/falso/0/empty, in any case."""
    key = fold(text)
    if key in _YES:
        return True, None
    if key in _NO:
        return False, None
    return False, f"«{text.strip()}» non è un valore valido: scrivi «sì» oppure «no»."


def format_yes_no(value: bool) -> str:
    return "sì" if value else "no"


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")


def parse_date(text: str) -> tuple[date | None, str | None]:
    """(date, error) for dd/mm/yyyy (also with . or -) or ISO yyyy-mm-dd; empty is None."""
    value = text.strip()
    if not value:
        return None, None
    if m := _DMY.match(value):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _ISO.match(value):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        return None, f"«{value}» non è una data: scrivila come gg/mm/aaaa."
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"«{value}» non è una data esistente."


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _enum_key(text: str) -> str:
    return " ".join(fold(text).split())


_LEGAL_FORMS = {_enum_key(k): m for m in LegalForm for k in (m.label, m.value)}
_RUNTS_SECTIONS = {_enum_key(k): m for m in RuntsSection for k in (m.label, m.value)}


def parse_legal_form(text: str) -> tuple[LegalForm | None, str | None]:
    value = text.strip()
    if not value:
        return None, f"{LEGAL_FORM}: campo obbligatorio."
    member = _LEGAL_FORMS.get(_enum_key(value))
    if member is not None:
        return member, None
    labels = ", ".join(f"«{m.label}»" for m in LegalForm)
    return None, f"Forma giuridica sconosciuta: «{value}». Usa una di queste: {labels}."


_SECTION_LETTER = re.compile(r"^([a-g])\s*\)?$", re.IGNORECASE)


def parse_runts_section(text: str) -> tuple[RuntsSection | None, str | None]:
    """The letter a..g, also written "a)", or the section's full name."""
    value = text.strip()
    if not value:
        return None, None
    if m := _SECTION_LETTER.match(value):
        return RuntsSection(m[1].lower()), None
    member = _RUNTS_SECTIONS.get(_enum_key(value))
    if member is not None:
        return member, None
    return None, f"Sezione RUNTS sconosciuta: «{value}». Scrivi la lettera, da «a» a «g»."


def parse_sectors(text: str) -> list[str]:
    return [s.strip() for s in text.split(",") if s.strip()]


def format_sectors(sectors: Iterable[str]) -> str:
    return ", ".join(sectors)


# --- numbers that were text ----------------------------------------------------------

PHONE_COLUMNS: tuple[str, ...] = (PHONE, CONTACT_PHONE)


def _plain_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def restore_leading_zeros(
    cells: Mapping[str, str], numeric: Collection[str]
) -> tuple[dict[str, str], list[CellProblem]]:
    """The row with the leading zeros a spreadsheet dropped, and a warning for each.

    LibreOffice and Excel store a tax code or a phone typed as a number without
    its leading zeros (05260180152 becomes 5260180152). Only the columns in
    `numeric`, whose cells the file stored as numbers, are looked at: a cell stored
    as text is as its author wrote it and is never padded. A tax code is padded
    to 11 digits when that gives a valid code; a phone gets back its leading 0
    when with it it is a valid number and without it it is not (landlines start
    with 0, mobiles with 3: a mobile is left alone), or it is only a 9-digit mobile.
    """
    out = dict(cells)
    warnings: list[CellProblem] = []
    code = out.get(TAX_CODE, "").strip()
    if TAX_CODE in numeric and _plain_digits(code) and len(code) < 11:
        padded = code.zfill(11)
        # The form only matters for an empty code, and this one is not empty.
        error, _warning = rules.check_tax_code(padded, LegalForm.ASSOCIAZIONE_RICONOSCIUTA)
        if error is None:
            out[TAX_CODE] = padded
            warnings.append(CellProblem(TAX_CODE, _restored(code, padded)))
    for header in PHONE_COLUMNS:
        phone = out.get(header, "").strip()
        if header not in numeric or not _plain_digits(phone):
            continue
        padded = f"0{phone}"
        if rules.normalise_phone(padded)[1] is not None:
            continue  # a zero would not make it a number
        if rules.normalise_phone(phone)[1] is None:
            if not _short_mobile(phone):
                continue  # a number as it is: a mobile, a toll-free number
            # 391234567 is an old 9-digit mobile or Monza's 039 123 4567: the
            # landline is likelier near Milan, and the warning names both.
            message = (
                f"Nel file la cella contiene il numero {phone}: un cellulare di 9 cifre "
                f"oppure un fisso a cui il foglio di calcolo ha tolto lo zero iniziale. "
                f"Importato come fisso, {padded}: se era un cellulare, correggilo nella "
                "scheda (nel foglio, formatta la colonna come testo)."
            )
        else:
            message = _restored(phone, padded)
        out[header] = padded
        warnings.append(CellProblem(header, message))
    return out, warnings


def _short_mobile(digits: str) -> bool:
    """A valid mobile number shorter than today's 10 digits (a few old ones are 9)."""
    try:
        number = phonenumbers.parse(digits, "IT")
    except phonenumbers.NumberParseException:
        return False
    return (
        phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
        and len(str(number.national_number)) < 10
    )


def _restored(number: str, text: str) -> str:
    zeros = "lo zero iniziale" if len(text) - len(number) == 1 else "gli zeri iniziali"
    return (
        f"Nel file la cella contiene il numero {number}, a cui il foglio di calcolo "
        f"ha tolto {zeros}: importato come {text}. Controlla che sia giusto "
        "(nel foglio, formatta la colonna come testo)."
    )


# --- row -> draft --------------------------------------------------------------------


@dataclass
class ParsedRow:
    """A row read: the normalised draft, or None when `errors` is not empty."""

    draft: AssociationDraft | None
    errors: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)


def is_blank(cells: Iterable[str]) -> bool:
    return all(not c.strip() for c in cells)


def parse_row(cells: Mapping[str, str]) -> ParsedRow:
    """Read one row, given as {header: cell text} for the columns the file has.

    Every problem of the row is reported, not just the first; a missing column
    reads as an empty cell.
    """

    def cell(header: str) -> str:
        return cells.get(header, "")

    errors: list[CellProblem] = []
    legal_form, form_error = parse_legal_form(cell(LEGAL_FORM))
    if form_error:
        errors.append(CellProblem(LEGAL_FORM, form_error))
    section, section_error = parse_runts_section(cell(RUNTS_SECTION))
    if section_error:
        errors.append(CellProblem(RUNTS_SECTION, section_error))
    seeking, seeking_error = parse_yes_no(cell(SEEKING_VOLUNTEERS))
    if seeking_error:
        errors.append(CellProblem(SEEKING_VOLUNTEERS, seeking_error))
    if legal_form is not None and legal_form is not LegalForm.ETS_RUNTS:
        # normalise() would drop them: say so rather than lose what the file says.
        for header in (RUNTS_SECTION, RUNTS_NUMBER):
            if cell(header).strip() and not (header == RUNTS_SECTION and section_error):
                errors.append(
                    CellProblem(
                        header,
                        f"Solo un «{LegalForm.ETS_RUNTS.label}» ha sezione e numero "
                        "RUNTS: correggi la forma giuridica o svuota la cella.",
                    )
                )

    contact = ContactPersonDraft(
        name=cell(CONTACT_NAME), phone=cell(CONTACT_PHONE), email=cell(CONTACT_EMAIL)
    )
    draft = AssociationDraft(
        name=cell(NAME),
        # Without a known form the other columns are still checked: an informal group
        # is the form with no rule of its own (tax code optional, no RUNTS).
        legal_form=legal_form or LegalForm.GRUPPO_INFORMALE,
        tax_code=cell(TAX_CODE),
        runts_section=section,
        runts_number=cell(RUNTS_NUMBER),
        address=cell(ADDRESS),
        email=cell(EMAIL),
        pec=cell(PEC),
        phone=cell(PHONE),
        website=cell(WEBSITE),
        sectors=parse_sectors(cell(SECTORS)),
        description=cell(DESCRIPTION),
        seeking_volunteers=seeking,
        legal_representative=cell(LEGAL_REPRESENTATIVE),
        notes=cell(NOTES),
        contact_persons=[contact]
        if not is_blank(cells.get(h, "") for h in CONTACT_HEADERS)
        else [],
    )
    checked = check_draft(draft)
    if section_error:
        # "Indica la sezione" would repeat the same problem in other words.
        checked.errors = [e for e in checked.errors if e.column != RUNTS_SECTION]
    errors.extend(checked.errors)
    if errors or legal_form is None:
        return ParsedRow(None, errors, checked.warnings)
    return checked


def check_draft(draft: AssociationDraft) -> ParsedRow:
    """validate() with its findings under column headers; the draft comes back normalised.

    The same as `rules.validate` then `rules.normalise`, but each phone number is
    parsed once instead of twice (parsing phones is most of an import's time):
    validate and normalise see the draft without phones, which are checked and
    formatted here with the very same `rules.normalise_phone`.
    """
    phone, phone_error = rules.normalise_phone(draft.phone)
    contact_phones = [rules.normalise_phone(c.phone) for c in draft.contact_persons]
    bare = replace(
        draft,
        phone="",
        contact_persons=[replace(c, phone="") for c in draft.contact_persons],
    )
    result = rules.validate(bare)
    errors = [
        CellProblem(column_for(e.field), _explain(e.field, e.message, draft)) for e in result.errors
    ]
    if phone_error:
        errors.append(CellProblem(PHONE, phone_error))
    for i, (_, contact_error) in enumerate(contact_phones):
        if contact_error:
            errors.append(CellProblem(column_for(f"contact_persons[{i}].phone"), contact_error))
    warnings = [CellProblem(column_for(w.field), w.message) for w in result.warnings]
    if errors:
        return ParsedRow(None, errors, warnings)
    # normalise() drops the contact persons with no name, phone or email; without
    # errors, a contact person with a phone has a name, so both keep the same ones.
    kept_phones = [
        formatted
        for c, (formatted, _) in zip(draft.contact_persons, contact_phones)
        if c.name.strip() or c.phone.strip() or c.email.strip()
    ]
    clean = rules.normalise(bare)
    clean = replace(
        clean,
        phone=phone,
        contact_persons=[replace(c, phone=p) for c, p in zip(clean.contact_persons, kept_phones)],
    )
    return ParsedRow(clean, [], warnings)


def _explain(field_name: str, message: str, draft: AssociationDraft) -> str:
    code = rules.normalise_tax_code(draft.tax_code)
    if field_name == "tax_code" and code.isdigit() and len(code) < 11:
        return (
            f"{message} Se il file è passato da Excel, forse a {code} sono stati tolti "
            "gli zeri iniziali: formatta la colonna come testo."
        )
    return message


def too_long(draft: AssociationDraft, limits: Mapping[str, int]) -> list[CellProblem]:
    """Texts longer than the database holds; `limits` maps field names to lengths."""
    contact = draft.contact_persons[0] if draft.contact_persons else None
    problems = []
    for field_name, limit in limits.items():
        if field_name.startswith("contact_persons[0]."):
            value = getattr(contact, field_name.rsplit(".", 1)[1]) if contact else ""
        else:
            value = getattr(draft, field_name)
        if isinstance(value, str) and len(value) > limit:
            problems.append(
                CellProblem(
                    column_for(field_name),
                    f"Testo troppo lungo: al massimo {limit} caratteri (qui {len(value)}).",
                )
            )
    return problems


def merge_into(
    existing: AssociationDraft, row: AssociationDraft, present: set[str]
) -> AssociationDraft:
    """`existing` with the values of the columns the file has; the rest is kept.

    The first contact person is updated (or added) from the contact columns, only
    when the row names one; the other contact persons and the board stay as they are.
    """
    changes: dict[str, object] = {}
    for header in present:
        name = COLUMN_FIELDS[header]
        if not name.startswith("contact_persons"):
            changes[name] = getattr(row, name)
    merged = replace(existing, **changes)  # type: ignore[arg-type]
    if present.isdisjoint(CONTACT_HEADERS) or not row.contact_persons:
        return merged
    new = row.contact_persons[0]
    contacts = list(existing.contact_persons)
    if contacts:
        first = contacts[0]
        contacts[0] = replace(
            first,
            name=new.name if CONTACT_NAME in present else first.name,
            phone=new.phone if CONTACT_PHONE in present else first.phone,
            email=new.email if CONTACT_EMAIL in present else first.email,
        )
    else:
        contacts = [ContactPersonDraft(name=new.name, phone=new.phone, email=new.email)]
    return replace(merged, contact_persons=contacts)


# --- draft -> row --------------------------------------------------------------------


def row_from_draft(draft: AssociationDraft) -> dict[str, str]:
    """The text of every column, as parse_row reads it back."""
    contact = draft.contact_persons[0] if draft.contact_persons else None
    return {
        NAME: draft.name,
        LEGAL_FORM: draft.legal_form.label,
        TAX_CODE: draft.tax_code,
        RUNTS_SECTION: draft.runts_section.value if draft.runts_section else "",
        RUNTS_NUMBER: draft.runts_number,
        ADDRESS: draft.address,
        EMAIL: draft.email,
        PEC: draft.pec,
        PHONE: draft.phone,
        WEBSITE: draft.website,
        SECTORS: format_sectors(draft.sectors),
        LEGAL_REPRESENTATIVE: draft.legal_representative,
        CONTACT_NAME: contact.name if contact else "",
        CONTACT_PHONE: contact.phone if contact else "",
        CONTACT_EMAIL: contact.email if contact else "",
        DESCRIPTION: draft.description,
        SEEKING_VOLUNTEERS: format_yes_no(draft.seeking_volunteers),
        NOTES: draft.notes,
    }
