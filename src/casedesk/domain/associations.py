"""An association as the desk edits it, its normalisation and its validation rules.

Blocking problems are `errors`; things the desk should look at but may accept
(an odd tax-office code, an ODV without "ODV" in its name, a similar name already
in the register) are `warnings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

import phonenumbers
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale, iva

from casedesk.domain import validation
from casedesk.domain.enums import BoardRole, LegalForm, RuntsSection
from casedesk.domain.plain import plain_dict
from casedesk.domain.text_search import fold
from casedesk.domain.validation import FieldError

DEFAULT_SECTORS = (
    "sociale",
    "culturale",
    "sportivo",
    "ambientale",
    "educativo",
    "sanitario",
    "diritti",
    "protezione civile",
    "intercultura",
    "anziani",
    "giovani",
)


@dataclass
class BoardMemberDraft:
    name: str
    role: BoardRole = BoardRole.CONSIGLIERE
    since: date | None = None
    id: int | None = None  # None until saved


@dataclass
class ContactPersonDraft:
    name: str
    phone: str = ""
    email: str = ""
    availability: str = ""
    meets_citizens: bool = True
    id: int | None = None  # None until saved


@dataclass
class AssociationDraft:
    name: str
    legal_form: LegalForm
    tax_code: str = ""
    runts_section: RuntsSection | None = None
    runts_number: str = ""
    address: str = ""
    email: str = ""
    pec: str = ""
    phone: str = ""
    website: str = ""
    sectors: list[str] = field(default_factory=list)
    description: str = ""
    seeking_volunteers: bool = False
    legal_representative: str = ""
    notes: str = ""
    board_members: list[BoardMemberDraft] = field(default_factory=list)
    contact_persons: list[ContactPersonDraft] = field(default_factory=list)


@dataclass
class Validation:
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_for(self, name: str) -> str | None:
        return next((e.message for e in self.errors if e.field == name), None)

    def warning_for(self, name: str) -> str | None:
        return next((w.message for w in self.warnings if w.field == name), None)


# --- tax code ------------------------------------------------------------------------


def normalise_tax_code(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value).upper()


# Digits 8-10 of an entity's tax code name the provincial tax office (015 = Milano).
MILAN_OFFICE_CODE = "015"


def entity_tax_code(serial: int, office: str = MILAN_OFFICE_CODE) -> str:
    """An entity's 11-digit tax code: 7-digit serial, 3-digit office, check digit."""
    first_ten = f"{serial:07d}{office}"
    return first_ten + luhn.calc_check_digit(first_ten)


def check_tax_code(code: str, legal_form: LegalForm) -> tuple[str | None, str | None]:
    """(error, warning) for a normalised tax code."""
    if not code:
        if legal_form is LegalForm.GRUPPO_INFORMALE:
            return None, None
        return "Codice fiscale obbligatorio (può mancare solo per un gruppo informale).", None
    if code.isdigit() and len(code) == 11:
        if int(code[:7]) == 0 or not luhn.is_valid(code):
            return f"Il codice fiscale {code} non è valido: la cifra di controllo non torna.", None
        if not iva.is_valid(code):
            return None, (
                f"Il codice fiscale {code} ha un codice di ufficio ({code[7:10]}) insolito: "
                "controlla che sia trascritto bene."
            )
        return None, None
    if len(code) == 16:
        try:
            codicefiscale.validate(code)
        except StdnumError:
            return (
                f"Il codice fiscale {code} non è valido: il carattere di controllo non torna.",
                None,
            )
        return None, None
    return (
        "Il codice fiscale deve avere 11 cifre (ente) oppure 16 caratteri (persona).",
        None,
    )


# --- phones --------------------------------------------------------------------------


def normalise_phone(value: str) -> tuple[str, str | None]:
    """(formatted number, error): Italian numbers written the usual international way."""
    text = value.strip()
    if not text:
        return "", None
    try:
        number = phonenumbers.parse(text, "IT")
    except phonenumbers.NumberParseException:
        return text, f"«{text}» non è un numero di telefono."
    if not phonenumbers.is_valid_number(number):
        return text, f"«{text}» non è un numero di telefono valido."
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), None


_WEBSITE_RE = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


def _names_odv(name: str) -> bool:
    folded = fold(name)
    return bool(re.search(r"\bodv\b", folded)) or "organizzazione di volontariato" in folded


def _clean_sectors(sectors: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for sector in sectors:
        text = sector.strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


def normalise(draft: AssociationDraft) -> AssociationDraft:
    """Trimmed text, tax code in capitals without spaces, phones in the usual form.

    RUNTS details are dropped for forms that are not registered in the RUNTS.
    Text is otherwise kept exactly as typed.
    """
    is_ets = draft.legal_form is LegalForm.ETS_RUNTS
    return replace(
        draft,
        name=draft.name.strip(),
        tax_code=normalise_tax_code(draft.tax_code),
        runts_section=draft.runts_section if is_ets else None,
        runts_number=draft.runts_number.strip() if is_ets else "",
        address=draft.address.strip(),
        email=draft.email.strip(),
        pec=draft.pec.strip(),
        phone=normalise_phone(draft.phone)[0],
        website=draft.website.strip(),
        sectors=_clean_sectors(draft.sectors),
        legal_representative=draft.legal_representative.strip(),
        board_members=[
            replace(m, name=m.name.strip()) for m in draft.board_members if m.name.strip()
        ],
        contact_persons=[
            replace(
                c,
                name=c.name.strip(),
                phone=normalise_phone(c.phone)[0],
                email=c.email.strip(),
                availability=c.availability.strip(),
            )
            for c in draft.contact_persons
            if c.name.strip() or c.phone.strip() or c.email.strip()
        ],
    )


def validate(draft: AssociationDraft) -> Validation:
    """Rules that need nothing but the draft; the register adds duplicate checks."""
    result = Validation()

    def error(name: str, message: str | None) -> None:
        if message:
            result.errors.append(FieldError(name, message))

    def warning(name: str, message: str | None) -> None:
        if message:
            result.warnings.append(FieldError(name, message))

    error("name", validation.required(draft.name, "Denominazione"))
    tax_error, tax_warning = check_tax_code(normalise_tax_code(draft.tax_code), draft.legal_form)
    error("tax_code", tax_error)
    warning("tax_code", tax_warning)

    if draft.legal_form is LegalForm.ETS_RUNTS:
        if draft.runts_section is None:
            error("runts_section", "Indica la sezione del RUNTS in cui l'ente è iscritto.")
        if not draft.runts_number.strip():
            error("runts_number", "Indica il numero di repertorio RUNTS.")
        if (
            draft.runts_section is RuntsSection.A
            and draft.name.strip()
            and not _names_odv(draft.name)
        ):
            warning(
                "name",
                "Un'organizzazione di volontariato (sezione a) deve avere «ODV» o "
                "«organizzazione di volontariato» nella denominazione.",
            )

    error("email", validation.email(draft.email))
    error("pec", validation.email(draft.pec))
    error("phone", normalise_phone(draft.phone)[1])
    if draft.website.strip() and not _WEBSITE_RE.match(draft.website.strip()):
        error("website", f"«{draft.website.strip()}» non sembra un indirizzo di sito web.")

    for i, member in enumerate(draft.board_members):
        if not member.name.strip():
            error(f"board_members[{i}].name", "Il nome del componente è obbligatorio.")
    presidents = sum(1 for m in draft.board_members if m.role is BoardRole.PRESIDENTE)
    if presidents > 1:
        warning("board_members", "Il Consiglio direttivo ha più di un presidente.")

    for i, contact in enumerate(draft.contact_persons):
        if not contact.name.strip():
            error(f"contact_persons[{i}].name", "Il nome del referente è obbligatorio.")
        error(f"contact_persons[{i}].phone", normalise_phone(contact.phone)[1])
        error(f"contact_persons[{i}].email", validation.email(contact.email))
    return result


# --- similar names -------------------------------------------------------------------

_GENERIC_WORDS = {
    "associazione",
    "ass",
    "comitato",
    "gruppo",
    "aps",
    "odv",
    "ets",
    "onlus",
    "di",
    "del",
    "della",
    "dei",
    "delle",
    "per",
    "la",
    "il",
    "lo",
    "le",
    "gli",
    "e",
}


def name_key(name: str) -> str:
    """The distinctive part of a name: folded, without generic words like "associazione"."""
    words = [w for w in fold(name).split() if w not in _GENERIC_WORDS]
    return " ".join(words) or fold(name)


def similar_names(
    name: str, candidates: list[tuple[int, str]], threshold: float = 0.88
) -> list[tuple[int, str]]:
    """Candidates (id, name) whose distinctive part is the same or nearly the same."""
    key = name_key(name)
    if not key:
        return []
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    found: list[tuple[int, str]] = []
    for cand_id, cand_name in candidates:
        other = name_key(cand_name)
        if other == key:
            found.append((cand_id, cand_name))
            continue
        matcher.set_seq1(other)
        if (
            matcher.real_quick_ratio() >= threshold
            and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold
        ):
            found.append((cand_id, cand_name))
    return found


# --- comparing two versions ----------------------------------------------------------

FIELD_LABELS = {
    "name": "Denominazione",
    "legal_form": "Forma giuridica",
    "tax_code": "Codice fiscale",
    "runts_section": "Sezione RUNTS",
    "runts_number": "Numero RUNTS",
    "address": "Indirizzo",
    "email": "Email",
    "pec": "PEC",
    "phone": "Telefono",
    "website": "Sito web",
    "sectors": "Settori",
    "description": "Descrizione",
    "seeking_volunteers": "Cerca volontari",
    "legal_representative": "Legale rappresentante",
    "notes": "Note",
    "board_members": "Consiglio direttivo",
    "contact_persons": "Referenti",
}


def as_plain(draft: AssociationDraft) -> dict[str, object]:
    """JSON-ready values (enums by value, dates in ISO form), for audit and comparison."""
    return plain_dict(draft)


def _without_ids(plain: dict[str, object]) -> dict[str, object]:
    out = dict(plain)
    for key in ("board_members", "contact_persons"):
        rows = out.get(key)
        if isinstance(rows, list):
            out[key] = [{k: v for k, v in row.items() if k != "id"} for row in rows]
    return out


def changed_fields(before: AssociationDraft, after: AssociationDraft) -> list[str]:
    """The names of the fields that differ, in form order (row ids do not count)."""
    a, b = _without_ids(as_plain(before)), _without_ids(as_plain(after))
    return [k for k in FIELD_LABELS if a.get(k) != b.get(k)]


def differences(before: AssociationDraft, after: AssociationDraft) -> list[str]:
    """The labels of the fields that differ, in form order."""
    return [FIELD_LABELS[k] for k in changed_fields(before, after)]
