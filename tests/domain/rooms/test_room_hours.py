"""Room hours (their own setting, the desk hours' shape) and closures."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from casedesk.domain.opening_hours import OpeningHoursError
from casedesk.domain.rooms.room_hours import (
    DEFAULT_ROOM_HOURS,
    Closure,
    closures_on,
    day_end_minute,
    open_minutes,
    parse_week,
    within_room_hours,
)

WEEK = ["9-13, 14-22", "9-22", "9-22", "9-22", "9-22", "9:30-18", "chiuso"]
MONDAY = date(2026, 12, 7)
SATURDAY = date(2026, 12, 12)
SUNDAY = date(2026, 12, 13)


def test_parse_week_reuses_the_desk_hours_syntax() -> None:
    hours = parse_week(WEEK)
    assert hours[0] == [(time(9), time(13)), (time(14), time(22))]
    assert hours[5] == [(time(9, 30), time(18))]
    assert hours[6] == []


def test_parse_week_names_the_weekday_of_a_mistake() -> None:
    with pytest.raises(OpeningHoursError, match=r"^Mercoledì: .*9-25"):
        parse_week(["9-22", "9-22", "9-25", "", "", "", ""])
    with pytest.raises(OpeningHoursError, match="sette"):
        parse_week(["9-22"])


def test_the_default_room_hours_include_evenings_and_saturday() -> None:
    assert within_room_hours(
        DEFAULT_ROOM_HOURS, datetime(2026, 12, 9, 20), datetime(2026, 12, 9, 22)
    )
    assert within_room_hours(
        DEFAULT_ROOM_HOURS, datetime(2026, 12, 12, 10), datetime(2026, 12, 12, 12)
    )
    assert not within_room_hours(
        DEFAULT_ROOM_HOURS, datetime(2026, 12, 13, 10), datetime(2026, 12, 13, 12)
    )


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        (time(9), time(13), True),
        (time(14), time(22), True),
        (time(8, 45), time(10), False),
        (time(12), time(15), False),  # across the lunch break: the house is closed then
        (time(21), time(22, 30), False),
    ],
)
def test_within_room_hours_needs_one_interval(start: time, end: time, inside: bool) -> None:
    hours = parse_week(WEEK)
    assert (
        within_room_hours(hours, datetime.combine(MONDAY, start), datetime.combine(MONDAY, end))
        is inside
    )


def test_midnight_as_an_end() -> None:
    start = datetime(2026, 12, 7, 22)
    assert day_end_minute(start, datetime(2026, 12, 8, 0, 0)) == 24 * 60
    assert day_end_minute(start, datetime(2026, 12, 8, 0, 30)) is None
    assert day_end_minute(start, datetime(2026, 12, 7, 23)) == 23 * 60
    assert not within_room_hours(parse_week(WEEK), start, datetime(2026, 12, 8, 0, 30))


def test_open_minutes_per_weekday() -> None:
    hours = parse_week(WEEK)
    assert open_minutes(hours, MONDAY) == 4 * 60 + 8 * 60
    assert open_minutes(hours, SATURDAY) == 8 * 60 + 30
    assert open_minutes(hours, SUNDAY) == 0


def test_closures_of_the_house_and_of_one_room() -> None:
    holiday = Closure(date(2026, 12, 8), date(2026, 12, 8), "Immacolata Concezione")
    maintenance = Closure(date(2026, 12, 7), date(2026, 12, 11), "Tinteggiatura", room_id=2)
    closures = [holiday, maintenance]
    assert closures_on(closures, 1, date(2026, 12, 8)) == [holiday]
    assert closures_on(closures, 2, date(2026, 12, 8)) == [holiday, maintenance]
    assert closures_on(closures, 1, date(2026, 12, 9)) == []
    assert closures_on(closures, 2, date(2026, 12, 11)) == [maintenance]
    assert closures_on(closures, 2, date(2026, 12, 12)) == []
    assert holiday.describe() == "Chiusura: Immacolata Concezione (08/12/2026)"
    assert maintenance.describe() == "Chiusura: Tinteggiatura (dal 07/12/2026 al 11/12/2026)"


def test_a_new_closure_lists_the_bookings_it_falls_on() -> None:
    from casedesk.domain.rooms.room_hours import hit_by
    from casedesk.domain.rooms.schedule import BookedSlot

    summer = Closure(date(2027, 8, 2), date(2027, 8, 13), "Chiusura estiva")
    painting = Closure(date(2027, 8, 2), date(2027, 8, 3), "Tinteggiatura", room_id=1)
    bookings = [
        BookedSlot(3, 2, datetime(2027, 8, 13, 18), datetime(2027, 8, 13, 20)),
        BookedSlot(1, 1, datetime(2027, 8, 2, 9), datetime(2027, 8, 2, 10)),
        BookedSlot(2, 2, datetime(2027, 8, 2, 9), datetime(2027, 8, 2, 10)),
        BookedSlot(4, 1, datetime(2027, 8, 14, 9), datetime(2027, 8, 14, 10)),
    ]
    assert [b.id for b in hit_by(summer, bookings)] == [1, 2, 3]
    assert [b.id for b in hit_by(painting, bookings)] == [1]
