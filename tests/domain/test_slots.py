"""Next free slots: windows, absences, appointments, desk hours, closures, rooms, DST."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.domain.appointments import AppointmentFacts, OtherAppointment, check_appointment
from casedesk.domain.availability import (
    AvailabilityException,
    AvailabilityWindow,
    away_days,
    normalise_windows,
    within_windows,
)
from casedesk.domain.enums import AppointmentStatus
from casedesk.domain.opening_hours import DEFAULT_OPENING_HOURS, OpeningHours, fits_day
from casedesk.domain.slots import (
    ContactSchedule,
    DeskCalendar,
    Interval,
    Slot,
    appointment_length,
    check_appointment_minutes,
    next_free_slots,
    rooms_from_busy,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
ALL_DAY: OpeningHours = {d: [(time(0), time(23, 59))] for d in range(7)}
# Monday 30 November 2026, early: the week has no holiday (8 December is the next).
MONDAY = datetime(2026, 11, 30, 8, 0)
OPEN = DeskCalendar(DEFAULT_OPENING_HOURS)


def w(day: int, start: str, end: str) -> AvailabilityWindow:
    return AvailabilityWindow(day, time.fromisoformat(start), time.fromisoformat(end))


def at(day: int, hhmm: str, week: int = 0) -> datetime:
    """A time in the week of MONDAY (or `week` weeks later)."""
    d = MONDAY.date() + timedelta(days=day + 7 * week)
    return datetime.combine(d, time.fromisoformat(hhmm))


def starts(slots: list[Slot]) -> list[datetime]:
    return [s.start for s in slots]


def test_slots_fill_the_window_on_a_grid_of_the_length() -> None:
    person = ContactSchedule(1, [w(THU, "10:00", "12:00")])
    slots = next_free_slots([person], OPEN, now=MONDAY, count=5)
    assert starts(slots) == [
        at(THU, "10:00"),
        at(THU, "10:30"),
        at(THU, "11:00"),
        at(THU, "11:30"),
        at(THU, "10:00", week=1),
    ]
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)
    assert {s.contact_person_id for s in slots} == {1}


def test_length_and_grid_are_the_callers() -> None:
    person = ContactSchedule(1, [w(THU, "10:00", "11:00")])
    hour = next_free_slots([person], OPEN, now=MONDAY, count=2, length=timedelta(minutes=45))
    assert [(s.start, s.end) for s in hour] == [
        (at(THU, "10:00"), at(THU, "10:45")),
        (at(THU, "10:00", 1), at(THU, "10:45", 1)),
    ]
    quarter = next_free_slots([person], OPEN, now=MONDAY, count=3, grid=timedelta(minutes=15))
    assert starts(quarter) == [at(THU, "10:00"), at(THU, "10:15"), at(THU, "10:30")]


def test_the_desk_hours_clip_the_window_and_the_lunch_break_is_skipped() -> None:
    person = ContactSchedule(1, [w(WED, "12:00", "15:00")])
    slots = next_free_slots([person], OPEN, now=MONDAY, count=4)
    assert starts(slots) == [at(WED, "12:00"), at(WED, "12:30"), at(WED, "14:00"), at(WED, "14:30")]


def test_no_slot_on_a_day_the_desk_is_closed_or_a_closure_or_a_holiday() -> None:
    saturday = ContactSchedule(1, [w(SAT, "10:00", "12:00")])
    assert next_free_slots([saturday], OPEN, now=MONDAY) == []  # the desk is closed on Saturday
    # Monday 7 and Tuesday 8 December 2026 are Sant'Ambrogio and the Immacolata.
    person = ContactSchedule(1, [w(MON, "10:00", "10:30"), w(TUE, "10:00", "10:30")])
    closed = DeskCalendar(DEFAULT_OPENING_HOURS, frozenset({date(2026, 12, 1)}))
    slots = next_free_slots([person], closed, now=MONDAY, count=3)
    assert starts(slots) == [at(MON, "10:00"), at(MON, "10:00", 2), at(TUE, "10:00", 2)]
    no_holidays = DeskCalendar(DEFAULT_OPENING_HOURS, closed_on_holidays=False)
    assert at(MON, "10:00", 1) in starts(next_free_slots([person], no_holidays, now=MONDAY))


def test_appointments_and_absences_take_their_time() -> None:
    person = ContactSchedule(
        1,
        [w(THU, "10:00", "12:00")],
        exceptions=[AvailabilityException(at(THU, "11:30"), at(THU, "12:00"))],
        # Off the grid: 10:15-10:45 blocks both 10:00 and 10:30.
        busy=[Interval(at(THU, "10:15"), at(THU, "10:45"))],
    )
    slots = next_free_slots([person], OPEN, now=MONDAY, count=2)
    assert starts(slots) == [at(THU, "11:00"), at(THU, "10:00", 1)]


def test_a_long_absence_skips_whole_weeks() -> None:
    person = ContactSchedule(
        1,
        [w(TUE, "10:00", "10:30")],
        exceptions=[
            away_days(date(2026, 12, 1), date(2026, 12, 20)),
            # A short absence inside the long one must not hide it.
            AvailabilityException(at(TUE, "09:00", 1), at(TUE, "09:30", 1)),
        ],
    )
    assert starts(next_free_slots([person], OPEN, now=MONDAY, count=1)) == [at(TUE, "10:00", 3)]


def test_never_in_the_past() -> None:
    person = ContactSchedule(1, [w(TUE, "10:00", "12:00")])
    slots = next_free_slots([person], OPEN, now=at(TUE, "10:10"), count=1)
    assert starts(slots) == [at(TUE, "10:30")]
    slots = next_free_slots([person], OPEN, now=at(TUE, "10:30"), count=1)
    assert starts(slots) == [at(TUE, "10:30")]


def test_the_horizon_is_the_number_of_weeks() -> None:
    person = ContactSchedule(1, [w(TUE, "10:00", "10:30")])
    slots = next_free_slots([person], OPEN, now=MONDAY, count=100, weeks=4)
    assert starts(slots) == [at(TUE, "10:00", k) for k in range(4) if k != 1]  # 8/12 holiday
    assert all(s.start.date() < MONDAY.date() + timedelta(weeks=4) for s in slots)


def test_an_association_merges_its_contact_persons_in_a_stable_order() -> None:
    anna = ContactSchedule(7, [w(TUE, "10:00", "11:00")])
    marco = ContactSchedule(3, [w(TUE, "10:30", "11:30")])
    slots = next_free_slots([anna, marco], OPEN, now=MONDAY, count=4)
    assert [(s.start, s.contact_person_id) for s in slots] == [
        (at(TUE, "10:00"), 7),
        (at(TUE, "10:30"), 3),
        (at(TUE, "10:30"), 7),
        (at(TUE, "11:00"), 3),
    ]
    assert next_free_slots([marco, anna], OPEN, now=MONDAY, count=4) == slots


def test_a_room_is_asked_for_each_slot_and_kept() -> None:
    person = ContactSchedule(1, [w(TUE, "10:00", "12:00")])
    asked: list[tuple[datetime, datetime]] = []

    def room_free(start: datetime, end: datetime) -> int | None:
        asked.append((start, end))
        return None if start.time() < time(11) else 42

    slots = next_free_slots([person], OPEN, now=MONDAY, count=2, room_free=room_free)
    assert [(s.start, s.room_id) for s in slots] == [(at(TUE, "11:00"), 42), (at(TUE, "11:30"), 42)]
    assert asked[0] == (at(TUE, "10:00"), at(TUE, "10:30"))


def test_rooms_from_busy_intervals_gives_the_lowest_free_room() -> None:
    room_free = rooms_from_busy(
        {
            5: [(at(TUE, "10:00"), at(TUE, "11:00"))],
            2: [(at(TUE, "09:00"), at(TUE, "10:30")), (at(TUE, "10:30"), at(TUE, "12:00"))],
        }
    )
    assert room_free(at(TUE, "10:00"), at(TUE, "10:30")) is None
    assert room_free(at(TUE, "11:00"), at(TUE, "11:30")) == 5
    assert room_free(at(TUE, "12:00"), at(TUE, "12:30")) == 2
    person = ContactSchedule(1, [w(TUE, "10:00", "12:30")])
    slots = next_free_slots([person], OPEN, now=MONDAY, count=2, room_free=room_free)
    assert [(s.start, s.room_id) for s in slots] == [(at(TUE, "11:00"), 5), (at(TUE, "11:30"), 5)]


def test_daylight_saving_changes_keep_the_wall_clock() -> None:
    # Clocks go back on Sunday 25 October 2026 and forward on Sunday 29 March 2026.
    person = ContactSchedule(1, [w(SUN, "10:00", "11:00"), w(MON, "10:00", "11:00")])
    desk = DeskCalendar(ALL_DAY, closed_on_holidays=False)
    for before in (datetime(2026, 10, 24), datetime(2026, 3, 28)):
        slots = next_free_slots([person], desk, now=before, count=4)
        assert [s.start.time() for s in slots] == [time(10), time(10, 30)] * 2
        assert slots[0].start.date() == before.date() + timedelta(days=1)
        assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_nothing_to_offer() -> None:
    assert next_free_slots([], OPEN, now=MONDAY) == []
    assert next_free_slots([ContactSchedule(1, [])], OPEN, now=MONDAY) == []
    person = ContactSchedule(1, [w(TUE, "10:00", "12:00")])
    assert next_free_slots([person], OPEN, now=MONDAY, count=0) == []
    with pytest.raises(ValueError):
        next_free_slots([person], OPEN, now=MONDAY, length=timedelta(0))


# --- properties ----------------------------------------------------------------------------

_quarter = st.integers(min_value=28, max_value=80).map(lambda q: time(q // 4, q % 4 * 15))


@st.composite
def _schedules(draw: st.DrawFn) -> ContactSchedule:
    windows = []
    for _ in range(draw(st.integers(1, 4))):
        a, b = sorted(draw(st.lists(_quarter, min_size=2, max_size=2, unique=True)))
        windows.append(AvailabilityWindow(draw(st.integers(0, 6)), a, b))
    busy = []
    for _ in range(draw(st.integers(0, 12))):
        start = MONDAY + timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 14)))
        busy.append(Interval(start, start + timedelta(minutes=15 * draw(st.integers(1, 8)))))
    away = []
    for _ in range(draw(st.integers(0, 2))):
        start = MONDAY + timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 14)))
        away.append(
            AvailabilityException(start, start + timedelta(minutes=15 * draw(st.integers(1, 400))))
        )
    return ContactSchedule(draw(st.integers(1, 3)), windows, away, busy)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_schedules(), min_size=1, max_size=3, unique_by=lambda s: s.contact_person_id),
    st.integers(0, 4 * 24 * 3).map(lambda q: MONDAY + timedelta(minutes=15 * q)),
    st.sampled_from([15, 30, 45, 60]),
)
def test_slots_lie_inside_windows_and_desk_hours_and_never_overlap_anything(
    schedules: list[ContactSchedule], now: datetime, minutes: int
) -> None:
    length = timedelta(minutes=minutes)
    slots = next_free_slots(schedules, OPEN, now=now, length=length, count=40, weeks=2)
    by_id = {s.contact_person_id: s for s in schedules}
    assert slots == sorted(slots)
    assert len(set(slots)) == len(slots)
    for slot in slots:
        person = by_id[slot.contact_person_id]
        assert slot.start >= now
        assert slot.end - slot.start == length
        assert within_windows(person.windows, slot.start, slot.end)
        assert fits_day(OPEN.desk_hours, slot.start.weekday(), slot.start.time(), slot.end.time())
        assert not OPEN.is_closed(slot.start.date())
        assert not any(b.overlaps(slot.start, slot.end) for b in person.busy)
        assert not any(e.overlaps(slot.start, slot.end) for e in person.exceptions)


@settings(max_examples=60, deadline=None)
@given(_schedules())
def test_with_nothing_booked_every_grid_start_of_a_window_is_offered(
    schedule: ContactSchedule,
) -> None:
    free = ContactSchedule(schedule.contact_person_id, schedule.windows)
    desk = DeskCalendar(ALL_DAY, closed_on_holidays=False)
    midnight = datetime.combine(MONDAY.date(), time())
    slots = next_free_slots([free], desk, now=midnight, count=10_000, weeks=1)
    expected = sum(
        ((w.end.hour - w.start.hour) * 60 + w.end.minute - w.start.minute) // 30
        for w in normalise_windows(free.windows)
    )
    assert len(slots) == expected


def test_appointment_length_setting() -> None:
    assert appointment_length(None) == timedelta(minutes=30)
    assert appointment_length(45) == timedelta(minutes=45)
    assert check_appointment_minutes(30) is None
    assert check_appointment_minutes(180) is None
    for bad in (0, 5, 32, 185, -30):
        message = check_appointment_minutes(bad)
        assert message is not None and "minuti" in message


@settings(max_examples=60, deadline=None)
@given(_schedules(), st.integers(0, 4 * 24 * 3).map(lambda q: MONDAY + timedelta(minutes=15 * q)))
def test_every_offered_slot_passes_the_booking_check_without_a_warning(
    schedule: ContactSchedule, now: datetime
) -> None:
    others = [
        OtherAppointment(k, b.start, b.end, AppointmentStatus.SCHEDULED)
        for k, b in enumerate(schedule.busy)
    ]
    for slot in next_free_slots([schedule], OPEN, now=now, count=20, weeks=2):
        check = check_appointment(
            AppointmentFacts(
                start=slot.start,
                end=slot.end,
                now=now,
                association_enrolled=True,
                contact_meets_citizens=True,
                windows=schedule.windows,
                exceptions=schedule.exceptions,
                others=others,
                citizen_email="a@b.it",
                citizen_consent_on=now.date(),
            )
        )
        assert check.errors == () and check.warnings == ()
