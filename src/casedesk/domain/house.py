"""The house's details as the desk edits them, and their validation."""

from __future__ import annotations

from dataclasses import dataclass, field

from casedesk.domain import validation
from casedesk.domain.enrollment import DEFAULT_VALIDITY_MONTHS, validity_problem
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
    # How long an enrollment lasts, in months; None: until revoked.
    enrollment_validity_months: int | None = DEFAULT_VALIDITY_MONTHS


def validate_house(details: HouseDetails) -> list[FieldError]:
    errors: list[FieldError] = []
    if msg := validation.required(details.name, "Nome della Casa"):
        errors.append(FieldError("name", msg))
    if msg := validation.email(details.email):
        errors.append(FieldError("email", msg))
    if msg := validity_problem(details.enrollment_validity_months):
        errors.append(FieldError("enrollment_validity_months", msg))
    return errors
