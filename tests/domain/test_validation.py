"""Field checks shared by the forms: None when fine, an Italian message otherwise."""

from __future__ import annotations

import pytest

from casedesk.domain import validation
from casedesk.domain.validation import FieldError


@pytest.mark.parametrize("value", [None, "", "   ", "\t\n"])
def test_required_rejects_empty(value: str | None) -> None:
    assert validation.required(value, "Nome della Casa") == "Nome della Casa: campo obbligatorio."


@pytest.mark.parametrize("value", ["x", " Casa ", "0"])
def test_required_accepts_any_text(value: str) -> None:
    assert validation.required(value, "Nome") is None


@pytest.mark.parametrize(
    "value",
    [None, "", "casa@comune.milano.it", "  info@casa-associazioni.it  ", "a.b+c@d.co"],
)
def test_email_accepts_valid_or_empty(value: str | None) -> None:
    assert validation.email(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "casa",
        "casa@",
        "@comune.it",
        "casa@comune",
        "casa @comune.it",
        "a@b@c.it",
        "casa@comune.it x",
    ],
)
def test_email_rejects_invalid(value: str) -> None:
    message = validation.email(value)
    assert message is not None
    assert f"«{value.strip()}»" in message
    assert "email" in message


@pytest.mark.parametrize(
    "value",
    ["anna", "a1", "bruno.bianchi", "c_d-e", "0operatore", "x" * 32, "ab"],
)
def test_username_accepts(value: str) -> None:
    assert validation.username(value) is None


@pytest.mark.parametrize(
    "value",
    ["", "a", "x" * 33, "Anna", "anna rossi", "-anna", ".anna", "_anna", "anna!", "annà", " anna"],
)
def test_username_rejects(value: str) -> None:
    message = validation.username(value)
    assert message is not None and "nome utente" in message.lower()


@pytest.mark.parametrize("value", ["12345678", "una password lunga", "pässwörd"])
def test_password_accepts(value: str) -> None:
    assert validation.password(value, 8) is None


def test_password_too_short() -> None:
    assert validation.password("1234567", 8) == "La password deve avere almeno 8 caratteri."
    assert validation.password("", 8) is not None
    assert validation.password("123456789", 10) is not None


@pytest.mark.parametrize("value", [" 12345678", "12345678 ", "\t12345678"])
def test_password_cannot_start_or_end_with_a_space(value: str) -> None:
    message = validation.password(value, 8)
    assert message is not None and "spazio" in message


def test_field_error_is_an_immutable_value() -> None:
    err = FieldError("name", "Nome: campo obbligatorio.")
    assert err == FieldError("name", "Nome: campo obbligatorio.")
    with pytest.raises(AttributeError):
        err.field = "email"  # type: ignore[misc]
