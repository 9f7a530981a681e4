"""The house's details as the desk edits them, and their validation."""

from __future__ import annotations

from dataclasses import dataclass, field

from casedesk.domain import validation
from casedesk.domain.opening_hours import DEFAULT_OPENING_HOURS, OpeningHours
from casedesk.domain.validation import FieldError


@dataclass
class HouseDetails:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    opening_hours: OpeningHours = field(
        default_factory=lambda: {day: list(hours) for day, hours in DEFAULT_OPENING_HOURS.items()}
    )
    logo_path: str | None = None


def validate_house(details: HouseDetails) -> list[FieldError]:
    errors: list[FieldError] = []
    if msg := validation.required(details.name, "Nome della Casa"):
        errors.append(FieldError("name", msg))
    if msg := validation.email(details.email):
        errors.append(FieldError("email", msg))
    return errors
