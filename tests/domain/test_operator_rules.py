"""What a new operator needs, and the password rules."""

from __future__ import annotations

import pytest

from casedesk.domain.enums import Role
from casedesk.domain.operators import (
    NewOperator,
    OperatorInfo,
    normalise_username,
    validate_new_operator,
    validate_password,
)


def _fields(errors: list) -> list[str]:
    return [e.field for e in errors]


def test_a_complete_new_operator_is_valid() -> None:
    new = NewOperator("Bruno Bianchi", "bruno", "operatore1", Role.OPERATORE)
    assert validate_new_operator(new) == []
    assert validate_new_operator(new, password_repeat="operatore1") == []


def test_the_default_role_is_operatore() -> None:
    assert NewOperator("Bruno", "bruno", "operatore1").role is Role.OPERATORE


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [(" Anna ", "anna"), ("ANNA.ROSSI", "anna.rossi"), ("bruno", "bruno"), ("\tCarla\n", "carla")],
)
def test_usernames_are_normalised(typed: str, normalised: str) -> None:
    assert normalise_username(typed) == normalised
    assert validate_new_operator(NewOperator("Nome", typed, "password1")) == []


@pytest.mark.parametrize("username", ["", " ", "a", "anna rossi", "-anna", "anna!", "x" * 33])
def test_bad_usernames_are_reported(username: str) -> None:
    errors = validate_new_operator(NewOperator("Anna Rossi", username, "password1"))
    assert _fields(errors) == ["username"]
    assert "nome utente" in errors[0].message.lower()


@pytest.mark.parametrize("full_name", ["", "   "])
def test_full_name_is_required(full_name: str) -> None:
    errors = validate_new_operator(NewOperator(full_name, "anna", "password1"))
    assert _fields(errors) == ["full_name"]
    assert "Nome e cognome" in errors[0].message


def test_short_password_is_reported() -> None:
    errors = validate_new_operator(NewOperator("Anna", "anna", "corta"))
    assert _fields(errors) == ["password"]
    assert "8" in errors[0].message


def test_password_with_outer_spaces_is_reported() -> None:
    errors = validate_new_operator(NewOperator("Anna", "anna", " password1 "))
    assert _fields(errors) == ["password"]


def test_password_repeat_must_match() -> None:
    new = NewOperator("Anna", "anna", "password1")
    errors = validate_new_operator(new, password_repeat="password2")
    assert _fields(errors) == ["password_repeat"]
    assert "non coincidono" in errors[0].message
    assert validate_new_operator(new, password_repeat="password1") == []
    # No repeat given (e.g. the set-up wizard checked it already): not compared.
    assert validate_new_operator(new, password_repeat=None) == []


def test_an_invalid_password_is_reported_once_not_also_as_mismatch() -> None:
    errors = validate_password("corta", "diversa")
    assert _fields(errors) == ["password"]


def test_every_problem_is_reported_at_once() -> None:
    errors = validate_new_operator(NewOperator("", "A B", "x"), password_repeat="y")
    assert _fields(errors) == ["full_name", "username", "password"]


def test_validate_password_alone() -> None:
    assert validate_password("password1") == []
    assert validate_password("password1", "password1") == []
    assert _fields(validate_password("password1", "Password1")) == ["password_repeat"]


def test_operator_info_knows_coordinators() -> None:
    anna = OperatorInfo(1, "anna", "Anna Rossi", Role.COORDINATORE)
    bruno = OperatorInfo(2, "bruno", "Bruno Bianchi", Role.OPERATORE)
    assert anna.is_coordinator is True
    assert bruno.is_coordinator is False
    assert anna.active is True and anna.must_change_password is False
