"""Operators (staff who sign in): what a new one needs, and the rules on roles."""

from __future__ import annotations

from dataclasses import dataclass

from casedesk.domain import validation
from casedesk.domain.enums import Role
from casedesk.domain.passwords import MIN_PASSWORD_LENGTH
from casedesk.domain.validation import FieldError


@dataclass(frozen=True)
class OperatorInfo:
    """Who is signed in, as every layer sees it."""

    id: int
    username: str
    full_name: str
    role: Role
    active: bool = True
    must_change_password: bool = False

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATORE


@dataclass(frozen=True)
class NewOperator:
    full_name: str
    username: str
    password: str
    role: Role = Role.OPERATORE


def normalise_username(username: str) -> str:
    return username.strip().lower()


def validate_new_operator(op: NewOperator, password_repeat: str | None = None) -> list[FieldError]:
    errors: list[FieldError] = []
    if msg := validation.required(op.full_name, "Nome e cognome"):
        errors.append(FieldError("full_name", msg))
    if msg := validation.username(normalise_username(op.username)):
        errors.append(FieldError("username", msg))
    errors.extend(validate_password(op.password, password_repeat))
    return errors


def validate_password(password: str, repeat: str | None = None) -> list[FieldError]:
    errors: list[FieldError] = []
    if msg := validation.password(password, MIN_PASSWORD_LENGTH):
        errors.append(FieldError("password", msg))
    elif repeat is not None and repeat != password:
        errors.append(FieldError("password_repeat", "Le due password non coincidono."))
    return errors
