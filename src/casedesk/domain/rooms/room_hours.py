"""When the rooms may be used: the weekly room hours, and closures.

Room hours are a setting of their own, apart from the desk's opening hours: an
evening course at 20:00 is normal even though the desk closes at 18:00. They have
the same weekday shape, so they reuse domain.opening_hours (parsing «9-13, 14-22»,
JSON, description). Closures come as plain data (the holidays, stored as whole-house
closure rows, and a room's maintenance days): this module does not know where they
come from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol, TypeVar

from casedesk.domain.calendar_time import WEEKDAYS_IT, format_date
from casedesk.domain.opening_hours import OpeningHours, OpeningHoursError, parse_day


class _Placed(Protocol):
    @property
    def room_id(self) -> int: ...
    @property
    def start(self) -> datetime: ...


T = TypeVar("T", bound=_Placed)

RoomHours = OpeningHours  # weekday (0 = Monday) → ordered [start, end) intervals

# Weekdays 9–22 (evening courses), Saturday 9–18, Sunday closed: the usual house.
DEFAULT_ROOM_HOURS: RoomHours = {
    **{day: [(time(9, 0), time(22, 0))] for day in range(5)},
    5: [(time(9, 0), time(18, 0))],
    6: [],
}


def parse_week(texts: Sequence[str]) -> RoomHours:
    """Seven texts as the coordinator types them (Monday first) → room hours.

    Raises OpeningHoursError naming the weekday, so the message fits beside the field.
    """
    if len(texts) != 7:
        raise OpeningHoursError("Servono gli orari di tutti e sette i giorni.")
    hours: RoomHours = {}
    for day, text in enumerate(texts):
        try:
            hours[day] = parse_day(text)
        except OpeningHoursError as exc:
            raise OpeningHoursError(f"{WEEKDAYS_IT[day]}: {exc}") from None
    return hours


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def day_end_minute(start: datetime, end: datetime) -> int | None:
    """`end` in minutes from the midnight that begins `start`'s day: 1440 for a booking
    ending at midnight, None when it ends later than that (across midnight)."""
    if end.date() == start.date():
        return _minutes(end.time())
    if end == datetime.combine(start.date() + timedelta(days=1), time()):
        return 24 * 60
    return None


def open_minutes(hours: RoomHours, day: date) -> int:
    """Minutes the rooms may be used on `day` by the weekly hours (closures aside)."""
    return sum(_minutes(b) - _minutes(a) for a, b in hours.get(day.weekday(), []))


def within_room_hours(hours: RoomHours, start: datetime, end: datetime) -> bool:
    """Whether [start, end) lies inside one interval of its day's room hours.

    A booking that spans a lunch break between two intervals is outside: the house is
    closed in between. A booking ending at midnight counts as ending at 24:00.
    """
    end_min = day_end_minute(start, end)
    if end_min is None:
        return False
    start_min = _minutes(start.time())
    return any(
        _minutes(a) <= start_min and end_min <= _minutes(b)
        for a, b in hours.get(start.weekday(), [])
    )


@dataclass(frozen=True, slots=True)
class Closure:
    """The whole house (`room_id` None) or one room closed from `first_day` to
    `last_day` included, with the reason the desk shows and tells associations."""

    first_day: date
    last_day: date
    reason: str
    room_id: int | None = None
    id: int | None = None

    def covers(self, room_id: int, day: date) -> bool:
        return self.first_day <= day <= self.last_day and self.room_id in (None, room_id)

    def describe(self) -> str:
        """«Chiusura: Natale (25/12/2026)» or with a range of dates."""
        when = (
            format_date(self.first_day)
            if self.first_day == self.last_day
            else f"dal {format_date(self.first_day)} al {format_date(self.last_day)}"
        )
        return f"Chiusura: {self.reason} ({when})"


def closures_on(closures: Iterable[Closure], room_id: int, day: date) -> list[Closure]:
    """The closures that close `room_id` on `day` (the whole house's and its own)."""
    return [c for c in closures if c.covers(room_id, day)]


def hit_by(closure: Closure, bookings: Iterable[T]) -> list[T]:
    """The bookings a new closure falls on (any object with room_id and start), in order
    of start: the desk cancels them with the closure's reason and tells the associations."""
    return sorted(
        (b for b in bookings if closure.covers(b.room_id, b.start.date())),
        key=lambda b: b.start,
    )
