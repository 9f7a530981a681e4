"""Appointment rules: what may be booked, the status changes, the ones left to close."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime, time

import pytest

from casedesk.domain.appointments import (
    TRANSITIONS,
    AppointmentFacts,
    AppointmentRow,
    OtherAppointment,
    StatusChange,
    TransitionError,
    change_status,
    check_appointment,
    clashes,
    stale_scheduled,
)
from casedesk.domain.availability import AvailabilityException, AvailabilityWindow
from casedesk.domain.enums import AppointmentResult, AppointmentStatus, CancelledBy

S = AppointmentStatus
NOW = datetime(2026, 12, 2, 9, 0)  # Wednesday
THU_WINDOW = AvailabilityWindow(3, time(10), time(13))

GOOD = AppointmentFacts(
    start=datetime(2026, 12, 3, 10, 0),
    end=datetime(2026, 12, 3, 10, 30),
    now=NOW,
    association_enrolled=True,
    contact_meets_citizens=True,
    windows=[THU_WINDOW],
    citizen_phone="333 123 4567",
    citizen_email=None,
    citizen_consent_on=date(2026, 12, 1),
)


def fields(facts: AppointmentFacts) -> list[str]:
    return [e.field for e in check_appointment(facts).errors]


def test_a_good_appointment_passes_without_warnings() -> None:
    check = check_appointment(GOOD)
    assert check.ok and check.errors == () and check.warnings == ()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"association_enrolled": False}, "association"),
        ({"contact_meets_citizens": False}, "contact_person"),
        ({"now": datetime(2026, 12, 3, 10, 1)}, "start"),
        ({"citizen_phone": "  ", "citizen_email": None}, "citizen"),
        ({"citizen_consent_on": None}, "citizen"),
        ({"end": datetime(2026, 12, 3, 10, 0)}, "start"),
        ({"end": datetime(2026, 12, 4, 10, 0)}, "start"),
    ],
)
def test_each_rule_names_its_field(change: dict[str, object], field: str) -> None:
    facts = replace(GOOD, **change)  # type: ignore[arg-type]
    errors = check_appointment(facts).errors
    assert [e.field for e in errors] == [field]
    assert errors[0].message.endswith(".")


def test_an_email_alone_is_enough() -> None:
    assert check_appointment(replace(GOOD, citizen_phone=None, citizen_email="a@b.it")).ok


def test_outside_the_windows_warns_and_needs_a_reason() -> None:
    late = replace(GOOD, start=datetime(2026, 12, 3, 13, 0), end=datetime(2026, 12, 3, 13, 30))
    check = check_appointment(late)
    assert [w.field for w in check.warnings] == ["start"]
    assert (
        "martedì" not in check.warnings[0].message and "giovedì 10-13" in check.warnings[0].message
    )
    assert [e.field for e in check.errors] == ["outside_reason"]
    with_reason = check_appointment(replace(late, outside_reason="Concordato al telefono"))
    assert with_reason.ok and len(with_reason.warnings) == 1


def test_an_absence_also_warns() -> None:
    away = replace(
        GOOD,
        exceptions=[AvailabilityException(datetime(2026, 12, 3), datetime(2026, 12, 4))],
        outside_reason="Ha spostato le ferie",
    )
    check = check_appointment(away)
    assert check.ok
    assert "assente" in check.warnings[0].message


def test_no_windows_at_all_warns_too() -> None:
    check = check_appointment(replace(GOOD, windows=[]))
    assert [e.field for e in check.errors] == ["outside_reason"]
    assert "non ha orari" in check.warnings[0].message


def _other(
    id_: int, start: str, end: str, status: AppointmentStatus = S.SCHEDULED
) -> OtherAppointment:
    day = date(2026, 12, 3)
    return OtherAppointment(
        id_,
        datetime.combine(day, time.fromisoformat(start)),
        datetime.combine(day, time.fromisoformat(end)),
        status,
    )


def test_a_contact_person_never_has_two_appointments_at_once() -> None:
    facts = replace(GOOD, others=[_other(9, "10:15", "10:45"), _other(8, "09:50", "10:10")])
    errors = check_appointment(facts).errors
    assert [(e.field, e.ref_id) for e in errors] == [("start", 8)]
    assert "09:50" in errors[0].message


@pytest.mark.parametrize(
    ("other", "clash"),
    [
        (_other(1, "09:30", "10:00"), False),  # touching before
        (_other(1, "10:30", "11:00"), False),  # touching after
        (_other(1, "10:29", "11:00"), True),
        (_other(1, "09:00", "12:00"), True),  # around
        (_other(1, "10:10", "10:20"), True),  # inside
        (_other(1, "10:00", "10:30", S.CANCELLED), False),  # a cancellation frees the time
        (_other(1, "10:00", "10:30", S.HELD), True),
        (_other(1, "10:00", "10:30", S.NO_SHOW), True),
    ],
)
def test_what_counts_as_a_double_booking(other: OtherAppointment, clash: bool) -> None:
    assert bool(clashes(GOOD.start, GOOD.end, [other])) is clash
    assert ("start" in fields(replace(GOOD, others=[other]))) is clash


def test_an_appointment_does_not_clash_with_itself_when_edited() -> None:
    itself = _other(5, "10:00", "10:30")
    assert check_appointment(replace(GOOD, others=[itself], appointment_id=5)).ok
    assert not check_appointment(replace(GOOD, others=[itself], appointment_id=6)).ok


# --- status ------------------------------------------------------------------------------

START = datetime(2026, 12, 1, 10, 0)
AFTER = datetime(2026, 12, 1, 10, 30)


def test_the_transition_table_is_scheduled_to_the_three_ends_and_nothing_else() -> None:
    assert TRANSITIONS[S.SCHEDULED] == {S.HELD, S.NO_SHOW, S.CANCELLED}
    for final in (S.HELD, S.NO_SHOW, S.CANCELLED):
        assert TRANSITIONS[final] == set()
    assert set(TRANSITIONS) == set(S)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_every_pair_outside_the_table_is_refused(
    current: AppointmentStatus, target: AppointmentStatus
) -> None:
    extra: dict[str, object] = {}
    if target is S.HELD:
        extra = {"result": AppointmentResult.INTERESTED}
    if target is S.CANCELLED:
        extra = {"cancelled_by": CancelledBy.CITIZEN, "reason": "Malattia"}
    if target in TRANSITIONS[current]:
        change = change_status(current, target, start=START, now=AFTER, **extra)  # type: ignore[arg-type]
        assert change.status is target
    else:
        with pytest.raises(TransitionError) as caught:
            change_status(current, target, start=START, now=AFTER, **extra)  # type: ignore[arg-type]
        assert caught.value.field_error.field == "status"


def test_held_needs_a_result_and_keeps_it() -> None:
    with pytest.raises(TransitionError) as caught:
        change_status(S.SCHEDULED, S.HELD, start=START, now=AFTER)
    assert caught.value.field_error.field == "result"
    change = change_status(
        S.SCHEDULED, S.HELD, start=START, now=AFTER, result=AppointmentResult.STARTED
    )
    assert change == StatusChange(S.HELD, result=AppointmentResult.STARTED)


def test_a_result_only_for_held() -> None:
    with pytest.raises(TransitionError) as caught:
        change_status(
            S.SCHEDULED, S.NO_SHOW, start=START, now=AFTER, result=AppointmentResult.INTERESTED
        )
    assert caught.value.field_error.field == "result"


@pytest.mark.parametrize(
    ("by", "reason", "field"),
    [(None, "Malattia", "cancelled_by"), (CancelledBy.HOUSE, "  ", "cancel_reason")],
)
def test_cancelling_needs_who_and_why(by: CancelledBy | None, reason: str, field: str) -> None:
    with pytest.raises(TransitionError) as caught:
        change_status(
            S.SCHEDULED, S.CANCELLED, start=START, now=AFTER, cancelled_by=by, reason=reason
        )
    assert caught.value.field_error.field == field


def test_cancelling_before_the_appointment_records_who_and_why() -> None:
    change = change_status(
        S.SCHEDULED,
        S.CANCELLED,
        start=START,
        now=datetime(2026, 11, 30),
        cancelled_by=CancelledBy.ASSOCIATION,
        reason=" Referente malato ",
    )
    assert change == StatusChange(
        S.CANCELLED, cancelled_by=CancelledBy.ASSOCIATION, cancel_reason="Referente malato"
    )


def test_who_cancelled_is_refused_on_other_statuses() -> None:
    with pytest.raises(TransitionError) as caught:
        change_status(
            S.SCHEDULED, S.NO_SHOW, start=START, now=AFTER, cancelled_by=CancelledBy.CITIZEN
        )
    assert caught.value.field_error.field == "cancelled_by"


@pytest.mark.parametrize("target", [S.HELD, S.NO_SHOW])
def test_held_or_no_show_only_once_it_has_begun(target: AppointmentStatus) -> None:
    result = AppointmentResult.INTERESTED if target is S.HELD else None
    with pytest.raises(TransitionError) as caught:
        change_status(
            S.SCHEDULED, target, start=START, now=datetime(2026, 12, 1, 9, 59), result=result
        )
    assert "non è ancora avvenuto" in str(caught.value)
    assert (
        change_status(S.SCHEDULED, target, start=START, now=START, result=result).status is target
    )


def test_stale_scheduled_lists_past_days_still_scheduled_oldest_first() -> None:
    today = date(2026, 12, 2)
    rows = [
        AppointmentRow(1, datetime(2026, 12, 1, 15), S.SCHEDULED),
        AppointmentRow(2, datetime(2026, 12, 1, 10), S.SCHEDULED),
        AppointmentRow(3, datetime(2026, 11, 20, 10), S.SCHEDULED),  # forgotten last week
        AppointmentRow(4, datetime(2026, 12, 1, 11), S.HELD),
        AppointmentRow(5, datetime(2026, 12, 2, 8), S.SCHEDULED),  # today: not yet
        AppointmentRow(6, datetime(2026, 11, 30, 10), S.CANCELLED),
    ]
    assert [a.id for a in stale_scheduled(rows, today)] == [3, 2, 1]
