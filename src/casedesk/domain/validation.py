"""Field validation shared by the forms: each check returns an Italian message or None."""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


@dataclass(frozen=True)
class FieldError:
    """A problem with one field: `field` names it in code, `message` tells the user."""

    field: str
    message: str
    # For duplicates: the id of the existing record the message is about.
    ref_id: int | None = None


def required(value: str | None, what: str) -> str | None:
    if value is None or not value.strip():
        return f"{what}: campo obbligatorio."
    return None


def email(value: str | None) -> str | None:
    if value and not _EMAIL_RE.match(value.strip()):
        return f"«{value.strip()}» non è un indirizzo email valido."
    return None


def username(value: str) -> str | None:
    if not _USERNAME_RE.match(value):
        return (
            "Il nome utente deve avere da 2 a 32 caratteri: lettere minuscole, cifre, "
            "punto, trattino o trattino basso, e iniziare con una lettera o una cifra."
        )
    return None


def password(value: str, min_length: int) -> str | None:
    if len(value) < min_length:
        return f"La password deve avere almeno {min_length} caratteri."
    if value.strip() != value:
        return "La password non può iniziare o finire con uno spazio."
    return None
