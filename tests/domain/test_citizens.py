"""Citizens: the name split of the migration, the checks, look-alikes, initials."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.domain.citizens import (
    CitizenDraft,
    KnownCitizen,
    NameSplit,
    check_citizen,
    format_phone,
    initials,
    name_key,
    normalise_email,
    normalise_phone,
    similar_citizens,
    split_name,
)
from casedesk.domain.demo_data import generate

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("name", "first", "last", "surname_first"),
    [
        ("Mario Rossi", "Mario", "Rossi", False),
        ("Rossi Mario", "Mario", "Rossi", True),
        ("Maria De Luca", "Maria", "De Luca", False),
        ("De Luca Maria", "Maria", "De Luca", True),
        ("Anna Maria Colombo", "Anna Maria", "Colombo", False),
        ("Colombo Anna Maria", "Anna Maria", "Colombo", True),
        ("ROSSI Mario", "Mario", "ROSSI", True),
        ("Mario ROSSI", "Mario", "ROSSI", False),
        ("DE LUCA Anna", "Anna", "DE LUCA", True),
        ("Fatou El Amrani", "Fatou", "El Amrani", False),  # not a listed name: first word
        ("  Giulia   Brambilla ", "Giulia", "Brambilla", False),
        ("Brambilla", "", "Brambilla", False),
        ("", "", "", False),
    ],
)
def test_split_name(name: str, first: str, last: str, surname_first: bool) -> None:
    assert split_name(name) == NameSplit(first, last, surname_first)


_word = st.text(st.characters(categories=["L"]), min_size=1, max_size=8)


@given(st.lists(st.one_of(_word, st.sampled_from(["Mario", "ROSSI", "anna", "De"])), max_size=5))
def test_split_name_loses_nothing(words: list[str]) -> None:
    name = " ".join(words)
    split = split_name(name)
    assert split.joined() == " ".join(name.split())
    assert sorted((split.first_name + " " + split.last_name).split()) == sorted(name.split())


def test_demo_citizens_split_as_the_generator_wrote_them() -> None:
    data = generate(today=TODAY)
    assert data.citizens
    for citizen in data.citizens:
        split = split_name(citizen.name)
        first, _, last = citizen.name.partition(" ")
        assert (split.first_name, split.last_name) == (first, last), citizen.name


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("333 123 4567", "+393331234567"),
        ("+39 333 1234567", "+393331234567"),
        ("0039 333-123-4567", "+393331234567"),
        ("02 1234 5678", "+390212345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("12", None),
        ("telefono", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_phone(typed: str | None, normal: str | None) -> None:
    assert normalise_phone(typed) == normal


def test_format_phone() -> None:
    assert format_phone("+393331234567") == "333 123 4567"
    assert format_phone("+33612345678").startswith("+33 ")
    assert format_phone(" boh ") == "boh"


GOOD = CitizenDraft("Mario", "Rossi", "333 123 4567", None, TODAY, "2026-01")


def _fields(draft: CitizenDraft) -> list[str]:
    return [e.field for e in check_citizen(draft, today=TODAY)]


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({}, []),
        ({"phone": None, "email": "mario@example.it"}, []),
        ({"first_name": " "}, ["first_name"]),
        ({"last_name": ""}, ["last_name"]),
        ({"phone": "", "email": None}, ["phone"]),
        ({"phone": "123"}, ["phone"]),
        ({"email": "mario@"}, ["email"]),
        ({"consent_on": None}, ["consent_on"]),
        ({"consent_on": date(2026, 12, 3)}, ["consent_on"]),
        ({"privacy_notice_version": None}, ["privacy_notice_version"]),
    ],
)
def test_check_citizen(change: dict[str, object], fields: list[str]) -> None:
    draft = replace(GOOD, **change)  # type: ignore[arg-type]
    errors = check_citizen(draft, today=TODAY)
    assert [e.field for e in errors] == fields
    assert all(e.message.endswith(".") for e in errors)


def test_email_comparison_ignores_case_and_spaces() -> None:
    assert normalise_email(" Mario.Rossi@Example.IT ") == "mario.rossi@example.it"
    assert normalise_email("  ") is None


def test_name_key_ignores_order_case_and_accents() -> None:
    assert name_key("Nicolò", "Rossi") == name_key("rossi", "NICOLO")
    assert name_key("Mario", "Rossi") != name_key("Maria", "Rossi")


def test_similar_citizens_by_phone_email_or_name_likeliest_first() -> None:
    existing = [
        KnownCitizen(1, "Luca", "Bianchi", phone="+39 333 1234567"),
        KnownCitizen(2, "Anna", "Verdi", email="MARIO@example.it"),
        KnownCitizen(3, "Rossi", "Mario"),  # typed the other way round
        KnownCitizen(4, "Mario", "Rossi", phone="3331234567", email="mario@example.it"),
        KnownCitizen(5, "Maria", "Rossi", phone="02 1234 5678"),
    ]
    draft = CitizenDraft("Mario", "Rossi", "333 123 4567", "mario@example.it")
    found = similar_citizens(draft, existing)
    assert [(s.id, s.reasons) for s in found] == [
        (4, ("stesso telefono", "stessa email", "stesso nome")),
        (1, ("stesso telefono",)),
        (2, ("stessa email",)),
        (3, ("stesso nome",)),
    ]


def test_no_phone_or_email_never_matches_an_empty_one() -> None:
    existing = [KnownCitizen(1, "Luca", "Bianchi")]
    assert similar_citizens(CitizenDraft("Anna", "Verdi"), existing) == []


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        ("Mario", "Rossi", "M. R."),
        ("anna maria", "de luca", "A. D."),
        ("Élodie", "Ñúñez", "É. Ñ."),
        ("", "Rossi", "R."),
        ("", "", ""),
    ],
)
def test_initials(first: str, last: str, text: str) -> None:
    assert initials(first, last) == text
