"""The house's details form: what is required and what is checked."""

from __future__ import annotations

from datetime import time

from casedesk.domain.house import HouseDetails, validate_house
from casedesk.domain.opening_hours import DEFAULT_OPENING_HOURS


def test_a_house_with_a_name_is_valid() -> None:
    assert validate_house(HouseDetails(name="Casa delle associazioni Zona 4")) == []


def test_all_fields_filled_in_is_valid() -> None:
    details = HouseDetails(
        name="Casa Zona 4",
        address="Via Oglio 18, Milano",
        phone="02 1234567",
        email="casa.zona4@comune.milano.it",
    )
    assert validate_house(details) == []


def test_the_name_is_required() -> None:
    errors = validate_house(HouseDetails(name="   "))
    assert [e.field for e in errors] == ["name"]
    assert "Nome della Casa" in errors[0].message and "obbligatorio" in errors[0].message


def test_a_wrong_email_is_reported() -> None:
    errors = validate_house(HouseDetails(name="Casa", email="casa-at-comune"))
    assert [e.field for e in errors] == ["email"]
    assert "casa-at-comune" in errors[0].message


def test_both_problems_are_reported_together() -> None:
    errors = validate_house(HouseDetails(name="", email="no"))
    assert {e.field for e in errors} == {"name", "email"}


def test_new_details_start_with_the_default_hours() -> None:
    details = HouseDetails(name="Casa")
    assert details.opening_hours == DEFAULT_OPENING_HOURS
    assert details.logo_path is None
    assert details.address == details.phone == details.email == ""


def test_replacing_a_day_does_not_change_the_defaults_or_other_houses() -> None:
    first, second = HouseDetails(name="Prima"), HouseDetails(name="Seconda")
    first.opening_hours[0] = [(time(10, 0), time(12, 0))]
    first.opening_hours[5] = [(time(9, 0), time(12, 0))]
    assert DEFAULT_OPENING_HOURS[0] == [(time(9, 0), time(13, 0)), (time(14, 0), time(18, 0))]
    assert DEFAULT_OPENING_HOURS[5] == []
    assert second.opening_hours == DEFAULT_OPENING_HOURS


def test_enrollment_validity_defaults_to_a_year_and_is_checked() -> None:
    assert HouseDetails(name="Casa").enrollment_validity_months == 12
    assert validate_house(HouseDetails(name="Casa", enrollment_validity_months=None)) == []
    errors = validate_house(HouseDetails(name="Casa", enrollment_validity_months=0))
    assert [e.field for e in errors] == ["enrollment_validity_months"]
    assert "fino a revoca" in errors[0].message
