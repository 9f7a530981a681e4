"""Enumerated values: stored code names, Italian labels, lookup by either."""

from __future__ import annotations

import pytest

from casedesk.domain import enums
from casedesk.domain.enums import (
    AssociationStatus,
    BookingStatus,
    DocumentStatus,
    EnrollmentStatus,
    LabelledEnum,
    LegalForm,
    Role,
    RoomKind,
    RuntsSection,
)

ALL_ENUMS = [
    obj
    for obj in vars(enums).values()
    if isinstance(obj, type) and issubclass(obj, LabelledEnum) and obj is not LabelledEnum
]


def test_all_enums_are_found() -> None:
    assert len(ALL_ENUMS) == 12


def test_labels() -> None:
    assert Role.COORDINATORE.label == "Coordinatore"
    assert LegalForm.ETS_RUNTS.label == "Ente del Terzo settore iscritto al RUNTS"
    assert DocumentStatus.MISSING.label == "Mancante"
    assert DocumentStatus.OUTDATED.label == "Da aggiornare"
    assert RoomKind.EVENTS.label == "Spazio espositivo e per eventi"
    assert BookingStatus.CANCELLED.label == "Annullata"
    assert RuntsSection.B.label.startswith("b) ")


def test_members_are_their_values() -> None:
    assert Role.OPERATORE == "operatore"
    assert str(AssociationStatus.CESSATA) == "cessata"
    assert f"{EnrollmentStatus.ANNULLATA}" == "annullata"
    assert Role("coordinatore") is Role.COORDINATORE
    with pytest.raises(ValueError):
        Role("Coordinatore")  # a label is not a value


def test_values_in_declaration_order() -> None:
    assert AssociationStatus.values() == ["bozza", "iscritta", "sospesa", "cessata"]
    assert Role.values() == ["operatore", "coordinatore"]
    assert RuntsSection.values() == list("abcdefg")
    assert all(isinstance(v, str) and type(v) is str for v in LegalForm.values())


@pytest.mark.parametrize(
    ("enum_cls", "text", "expected"),
    [
        (RoomKind, "Sala riunioni", RoomKind.MEETING),
        (RoomKind, "sala RIUNIONI", RoomKind.MEETING),
        (RoomKind, "  Co-working  ", RoomKind.COWORKING),
        (RoomKind, "meeting", RoomKind.MEETING),
        (RoomKind, "MEETING", RoomKind.MEETING),
        (LegalForm, "gruppo informale", LegalForm.GRUPPO_INFORMALE),
        (DocumentStatus, "da aggiornare", DocumentStatus.OUTDATED),
        (DocumentStatus, "not_applicable", DocumentStatus.NOT_APPLICABLE),
        (AssociationStatus, "CESSATA", AssociationStatus.CESSATA),
    ],
)
def test_from_label_ignores_case_and_outer_spaces(
    enum_cls: type[LabelledEnum], text: str, expected: LabelledEnum
) -> None:
    assert enum_cls.from_label(text) is expected


@pytest.mark.parametrize("text", ["", "banana", "Sala", "sala  riunioni"])
def test_from_label_returns_none_when_nothing_matches(text: str) -> None:
    assert RoomKind.from_label(text) is None


def test_from_label_is_per_enum() -> None:
    # "Annullata" is a booking status and an enrollment status, not an appointment one.
    assert BookingStatus.from_label("Annullata") is BookingStatus.CANCELLED
    assert EnrollmentStatus.from_label("Annullata") is EnrollmentStatus.ANNULLATA
    assert enums.AppointmentStatus.from_label("Annullata") is None


@pytest.mark.parametrize("enum_cls", ALL_ENUMS, ids=lambda c: c.__name__)
def test_every_member_has_an_unambiguous_label(enum_cls: type[LabelledEnum]) -> None:
    members = list(enum_cls)
    assert members
    for member in members:
        assert member.label.strip() == member.label and member.label
        assert len(member.value) <= 32  # the database column is VARCHAR(32)
        assert enum_cls.from_label(member.label) is member
        assert enum_cls.from_label(member.value) is member
    # A label or value may match its own member only, never another one.
    owners: dict[str, LabelledEnum] = {}
    for member in members:
        for key in {member.label.casefold(), member.value.casefold()}:
            assert owners.setdefault(key, member) is member, key
