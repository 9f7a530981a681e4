"""Password hashing: salted scrypt, self-describing, and never crashing on bad input."""

from __future__ import annotations

import base64

import pytest

from casedesk.domain.passwords import (
    MIN_PASSWORD_LENGTH,
    dummy_verify,
    hash_password,
    verify_password,
)


def test_hash_is_self_describing_scrypt() -> None:
    stored = hash_password("coordinatrice1")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt"
    assert int(n) >= 2**14 and int(r) >= 8 and int(p) >= 1
    assert len(base64.b64decode(salt)) >= 16
    assert len(base64.b64decode(digest)) == 32
    assert "coordinatrice1" not in stored


def test_same_password_hashes_differently_each_time() -> None:
    first, second = hash_password("operatore1"), hash_password("operatore1")
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]  # a fresh salt
    assert verify_password("operatore1", first)
    assert verify_password("operatore1", second)


def test_verify_accepts_the_right_password_only() -> None:
    stored = hash_password("Primavera2026")
    assert verify_password("Primavera2026", stored) is True
    for wrong in ["primavera2026", "Primavera2026 ", " Primavera2026", "Primavera202", ""]:
        assert verify_password(wrong, stored) is False, wrong


@pytest.mark.parametrize(
    "password",
    ["perché-così", "città già più", "Ærøskøbing", "密码密码密码密码", "emoji 🔑🔑🔑", "ß" * 8],
)
def test_non_ascii_passwords(password: str) -> None:
    stored = hash_password(password)
    assert stored.isascii()  # storable in any column
    assert verify_password(password, stored)
    assert not verify_password(password + "x", stored)


def test_a_hash_keeps_its_own_cost_parameters() -> None:
    """Older hashes made with other parameters still verify (the cost can be raised)."""
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"vecchia-password", salt=salt, n=2**10, r=8, p=1, dklen=32)
    stored = (
        f"scrypt$1024$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    )
    assert verify_password("vecchia-password", stored)
    assert not verify_password("altra-password", stored)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "not a hash",
        "scrypt$16384$8$1$c2FsdA==",  # a part missing
        "scrypt$16384$8$1$c2FsdA==$ZGlnZXN0$extra",  # a part too many
        "bcrypt$16384$8$1$c2FsdA==$ZGlnZXN0",  # another scheme
        "scrypt$abc$8$1$c2FsdA==$ZGlnZXN0",  # non-numeric cost
        "scrypt$16384$8$1$!!!notbase64$ZGlnZXN0",
        "scrypt$16384$8$1$c2FsdA==$***",
        "scrypt$3$8$1$c2FsdA==$ZGlnZXN0",  # n not a power of two
        "scrypt$0$0$0$$",
    ],
)
def test_malformed_stored_value_is_simply_false(stored: str) -> None:
    assert verify_password("qualunque", stored) is False


def test_dummy_verify_returns_nothing_and_does_not_raise() -> None:
    assert dummy_verify("qualunque") is None


def test_minimum_length_is_at_least_eight() -> None:
    assert MIN_PASSWORD_LENGTH >= 8
