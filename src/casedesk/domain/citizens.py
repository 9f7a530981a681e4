"""Citizens: only what the desk needs, checked, and recognised when they come back.

- `split_name`: the migration from one `name` column to first and last name.
- `check_citizen`: Italian messages per field (a phone or an email, a valid phone,
  a valid email, the privacy notice recorded).
- `normalise_phone`, `similar_citizens`: «is this someone we already have?»
- `initials`: what the ICS feed shows of a citizen («M. R.»).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import phonenumbers

from casedesk.domain import validation
from casedesk.domain.text_search import fold
from casedesk.domain.validation import FieldError

PHONE_REGION = "IT"

# --- the name split ---------------------------------------------------------------------

# Common first names (folded) seen at a Milan desk. Only used to recognise «Rossi
# Mario», written surname first as on forms and registers; a name not listed here
# falls back to the desk's usual order «Mario Rossi», which is also the demo's.
_FIRST_NAME_WORDS = """
    alessandra alessandro alessia alice andrea angela anna antonella antonio arianna
    barbara beatrice bruno camilla carla carlo caterina chiara claudia claudio cristina
    daniela daniele davide diego elena elisa emanuele emma enrico fabio federica
    federico filippo francesca francesco gabriele giacomo gianluca giorgia giorgio
    giovanna giovanni giulia giulio giuseppe giuseppina grazia greta ilaria laura
    leonardo lorenzo luca lucia luigi manuela marco maria mario marta martina massimo matteo
    mattia michela michele monica nicola noemi paola paolo pietro roberta roberto rosa
    sara serena silvia simona simone sofia stefania stefano teresa tommaso valentina
    valeria vincenzo viola
    fatima mohamed ahmed oksana jose wei li maria mariam olga yusuf omar ana juan
"""
_FIRST_NAMES = frozenset(_FIRST_NAME_WORDS.split())
# Particles that begin a surname: the word after one is part of the surname even when
# it is also a first name («De Luca Maria»: Luca is the surname's).
_SURNAME_PARTICLES = frozenset(
    [
        "de",
        "di",
        "da",
        "del",
        "della",
        "dello",
        "dei",
        "degli",
        "delle",
        "lo",
        "la",
        "li",
        "d",
        "el",
        "al",
        "van",
        "von",
        "der",
        "ben",
        "abu",
    ]
)


@dataclass(frozen=True)
class NameSplit:
    """A single `name` cut into first and last name.

    `surname_first` records the order it was written in, so `joined()` gives the
    original words back in their order (the split loses nothing, and a downgrade can
    rebuild the old column exactly, spaces normalised).
    """

    first_name: str
    last_name: str
    surname_first: bool = False

    def joined(self) -> str:
        parts = (
            [self.last_name, self.first_name]
            if self.surname_first
            else [self.first_name, self.last_name]
        )
        return " ".join(p for p in parts if p)


def _is_upper_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def split_name(name: str) -> NameSplit:
    """First and last name from a single name, by this heuristic (the migration's):

    1. One word: it is the last name (first name empty; the desk completes it).
    2. A surname in capitals, as on forms: «ROSSI Mario» / «Mario ROSSI» decides.
    3. The last word is a known first name and the first is not: surname first,
       «Rossi Mario» → Mario / Rossi; «Colombo Anna Maria» → Anna Maria / Colombo;
       a word after a particle stays in the surname: «De Luca Anna» → Anna / De Luca.
    4. Otherwise first name first, the way the desk types and the demo writes:
       the leading known first names are the first name («Anna Maria Rossi» →
       Anna Maria / Rossi), else the first word («Fatou El Amrani» → Fatou / El Amrani).
    The words are never changed or dropped (`NameSplit.joined`).
    """
    words = name.split()
    if not words:
        return NameSplit("", "")
    if len(words) == 1:
        return NameSplit("", words[0])
    upper = [_is_upper_word(w) for w in words]
    if any(upper) and not all(upper):
        if upper[0]:
            k = upper.index(False)
            return NameSplit(" ".join(words[k:]), " ".join(words[:k]), surname_first=True)
        k = upper.index(True)
        return NameSplit(" ".join(words[:k]), " ".join(words[k:]))
    known = [fold(w) in _FIRST_NAMES for w in words]
    if known[-1] and not known[0]:
        k = len(words) - 1
        while k > 1 and known[k - 1] and fold(words[k - 2]) not in _SURNAME_PARTICLES:
            k -= 1
        return NameSplit(" ".join(words[k:]), " ".join(words[:k]), surname_first=True)
    k = 1
    while k < len(words) - 1 and known[k] and known[k - 1]:
        k += 1
    return NameSplit(" ".join(words[:k]), " ".join(words[k:]))


# --- checks -----------------------------------------------------------------------------


def normalise_phone(phone: str | None) -> str | None:
    """The phone in E.164 («+393331234567»), or None when it is not a valid number.

    Italian numbers may be typed without +39; foreign ones need their prefix.
    """
    if not phone or not phone.strip():
        return None
    try:
        parsed = phonenumbers.parse(phone, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def format_phone(phone: str) -> str:
    """For display: «333 123 4567» for Italian numbers, international form otherwise."""
    normal = normalise_phone(phone)
    if normal is None:
        return phone.strip()
    parsed = phonenumbers.parse(normal)
    if phonenumbers.region_code_for_number(parsed) == PHONE_REGION:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_email(email: str | None) -> str | None:
    """Lower-cased and stripped: addresses are compared case-insensitively."""
    if not email or not email.strip():
        return None
    return email.strip().casefold()


@dataclass(frozen=True)
class CitizenDraft:
    """What the desk typed for a citizen."""

    first_name: str
    last_name: str
    phone: str | None = None
    email: str | None = None
    consent_on: date | None = None
    privacy_notice_version: str | None = None


def check_citizen(draft: CitizenDraft, *, today: date) -> list[FieldError]:
    """Italian messages per field; empty when the citizen may be saved.

    The consent comes first in the rules, not last: nothing about a citizen is
    stored before they received the privacy notice.
    """
    errors: list[FieldError] = []
    for field_name, value, what in (
        ("first_name", draft.first_name, "Nome"),
        ("last_name", draft.last_name, "Cognome"),
    ):
        message = validation.required(value, what)
        if message:
            errors.append(FieldError(field_name, message))
    phone = (draft.phone or "").strip()
    email = (draft.email or "").strip()
    if not phone and not email:
        errors.append(FieldError("phone", "Indicare un telefono o un'email."))
    if phone and normalise_phone(phone) is None:
        errors.append(
            FieldError(
                "phone",
                f"«{phone}» non è un numero di telefono valido "
                "(per un numero estero indicare il prefisso, es. +33).",
            )
        )
    message = validation.email(email)
    if message:
        errors.append(FieldError("email", message))
    if draft.consent_on is None:
        errors.append(FieldError("consent_on", "Registrare la consegna dell'informativa privacy."))
    elif draft.consent_on > today:
        errors.append(FieldError("consent_on", "La data dell'informativa non può essere futura."))
    if draft.consent_on is not None and not (draft.privacy_notice_version or "").strip():
        errors.append(
            FieldError(
                "privacy_notice_version", "Indicare la versione dell'informativa consegnata."
            )
        )
    return errors


# --- «looks like an existing citizen» ------------------------------------------------------


@dataclass(frozen=True)
class KnownCitizen:
    """An existing citizen as the similarity check needs it."""

    id: int
    first_name: str
    last_name: str
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class SimilarCitizen:
    """An existing citizen that looks like the new one, and why (Italian, for the desk)."""

    id: int
    reasons: tuple[str, ...]


def name_key(first_name: str, last_name: str) -> str:
    """The folded words of a name, sorted: «Rossi Mario» and «mario rossi» meet here,
    so a name typed in the other order, or without accents, still finds the record."""
    return " ".join(sorted(fold(f"{first_name} {last_name}").split()))


def similar_citizens(draft: CitizenDraft, existing: Iterable[KnownCitizen]) -> list[SimilarCitizen]:
    """Existing citizens with the same phone (normalised), email (any case) or name (folded).

    Ordered by how many things match, then by id: the likeliest first, stably.
    """
    phone = normalise_phone(draft.phone)
    email = normalise_email(draft.email)
    name = name_key(draft.first_name, draft.last_name)
    found: list[SimilarCitizen] = []
    for known in existing:
        reasons = []
        if phone and normalise_phone(known.phone) == phone:
            reasons.append("stesso telefono")
        if email and normalise_email(known.email) == email:
            reasons.append("stessa email")
        if name and name_key(known.first_name, known.last_name) == name:
            reasons.append("stesso nome")
        if reasons:
            found.append(SimilarCitizen(known.id, tuple(reasons)))
    return sorted(found, key=lambda s: (-len(s.reasons), s.id))


def initials(first_name: str, last_name: str) -> str:
    """«M. R.» for Mario Rossi: what an association's calendar (ICS) shows of a citizen.

    One letter per name part (first name, last name), the first letter of each;
    "" when both are empty, as for an anonymised citizen.
    """
    letters = [next((c for c in part if c.isalpha()), "") for part in (first_name, last_name)]
    return " ".join(f"{c.upper()}." for c in letters if c)
