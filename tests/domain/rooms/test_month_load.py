"""The month view's load: booked minutes per room per day, share of the room hours."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from casedesk.domain.rooms.month_load import DayLoad, day_load, month_load, month_totals
from casedesk.domain.rooms.room_hours import Closure, parse_week
from casedesk.domain.rooms.schedule import BookedSlot

HOURS = parse_week(["9-13, 14-22"] * 5 + ["9-13", "chiuso"])  # 12 h on weekdays
WEDNESDAY = date(2026, 12, 9)


def booking(
    room: int, day: date, start: tuple[int, int], end: tuple[int, int], people: int = 1
) -> BookedSlot:
    return BookedSlot(
        None,
        room,
        datetime.combine(day, datetime.min.time()).replace(hour=start[0], minute=start[1]),
        datetime.combine(day, datetime.min.time()).replace(hour=end[0], minute=end[1]),
        people,
    )


def test_overlapping_coworking_time_counts_once() -> None:
    bookings = [
        booking(1, WEDNESDAY, (9, 0), (11, 0), 3),
        booking(1, WEDNESDAY, (10, 0), (12, 0), 4),
    ]
    load = day_load(bookings, 1, WEDNESDAY, HOURS, [])
    assert load == DayLoad(booked_minutes=180, booked_in_hours_minutes=180, open_minutes=720)
    assert load.share == pytest.approx(180 / 720)


def test_time_outside_the_hours_counts_as_booked_but_not_in_the_share() -> None:
    bookings = [booking(1, WEDNESDAY, (12, 0), (15, 0)), booking(1, WEDNESDAY, (21, 0), (23, 0))]
    load = day_load(bookings, 1, WEDNESDAY, HOURS, [])
    assert load.booked_minutes == 300
    assert load.booked_in_hours_minutes == 60 + 60 + 60  # 12-13, 14-15, 21-22


def test_a_closed_day_has_no_share() -> None:
    closure = Closure(WEDNESDAY, WEDNESDAY, "Manutenzione", room_id=1)
    load = day_load([booking(1, WEDNESDAY, (9, 0), (10, 0))], 1, WEDNESDAY, HOURS, [closure])
    assert (load.booked_minutes, load.open_minutes, load.share) == (60, 0, None)
    assert day_load([], 2, WEDNESDAY, HOURS, [closure]).open_minutes == 720


def test_the_month_has_every_day_of_every_room() -> None:
    bookings = [
        booking(1, WEDNESDAY, (9, 0), (13, 0)),
        booking(2, WEDNESDAY, (18, 0), (20, 0)),
        booking(1, date(2026, 11, 30), (9, 0), (13, 0)),  # another month: ignored
        booking(1, date(2026, 12, 12), (9, 0), (13, 0)),  # a Saturday: 4 of 4 hours
    ]
    loads = month_load(2026, 12, [1, 2, 3], bookings, HOURS, [])
    assert len(loads) == 31 * 3
    assert loads[(1, WEDNESDAY)].share == pytest.approx(4 / 12)
    assert loads[(2, WEDNESDAY)].booked_minutes == 120
    assert loads[(1, date(2026, 12, 12))].share == 1
    assert loads[(1, date(2026, 12, 13))].share is None  # Sunday: closed
    assert loads[(3, WEDNESDAY)].booked_minutes == 0
    totals = month_totals(loads)
    weekdays = sum(1 for d in range(1, 32) if date(2026, 12, d).weekday() < 5)
    saturdays = sum(1 for d in range(1, 32) if date(2026, 12, d).weekday() == 5)
    assert totals[1].open_minutes == weekdays * 720 + saturdays * 240
    assert totals[1].booked_minutes == 480
    assert totals[1].share == pytest.approx(480 / totals[1].open_minutes)


def test_a_booking_ending_at_midnight_stays_on_its_day() -> None:
    late = BookedSlot(None, 1, datetime(2026, 12, 9, 22), datetime(2026, 12, 10, 0, 0))
    loads = month_load(2026, 12, [1], [late], HOURS, [])
    assert loads[(1, WEDNESDAY)].booked_minutes == 120
    assert loads[(1, date(2026, 12, 10))].booked_minutes == 0
