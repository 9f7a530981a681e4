"""«Prossimi orari liberi»: the next free slots with a contact person, or with an association.

Plain data in, plain data out, so that the service can read everything it needs in one
transaction and the same rules can be tested without a database:

- `ContactSchedule`: one contact person's windows, absences and other appointments
  (the caller passes the non-cancelled ones only: a cancelled meeting frees its time);
- `DeskCalendar`: the house's desk hours, its closures and whether public holidays
  count (they do at the house);
- optionally `room_free(start, end) -> room id | None` for a meeting held at the house.
  The room rules (bookings, buffers, room hours) belong to the room calendar; this
  module only asks it. `rooms_from_busy` builds such a callable from busy intervals;
  with the room calendar's domain, a service can instead ask
  `rooms.room_finder.find_rooms(rooms, [(start, end)], people, (), index=…,
  closures=…)` and return the first offer's room id (its smallest fitting room).

All times are naive Milan wall-clock datetimes (calendar_time): slots are built by
combining a date with a time of day, never by adding hours across midnight, so a
window «10-13» gives 10:00, 10:30, … on both sides of a daylight-saving change.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from casedesk.domain.availability import (
    AvailabilityException,
    AvailabilityWindow,
    normalise_windows,
)
from casedesk.domain.holidays import is_holiday
from casedesk.domain.opening_hours import OpeningHours

DEFAULT_APPOINTMENT_MINUTES = 30
"""An association's appointment length when it has not chosen one (issue 9)."""

# The bounds of an association's appointment length setting: shorter is not a meeting,
# longer does not fit a window of the desk's morning.
MIN_APPOINTMENT_MINUTES = 10
MAX_APPOINTMENT_MINUTES = 180

DEFAULT_WEEKS = 4
DEFAULT_COUNT = 10

RoomFree = Callable[[datetime, datetime], int | None]
"""Asked for each candidate slot: the id of a room free for [start, end), or None."""


def appointment_length(minutes: int | None) -> timedelta:
    """An association's appointment length; None (not set) is the default 30 minutes."""
    return timedelta(minutes=DEFAULT_APPOINTMENT_MINUTES if minutes is None else minutes)


def check_appointment_minutes(minutes: int) -> str | None:
    """The Italian message for a bad appointment length setting, or None."""
    if not MIN_APPOINTMENT_MINUTES <= minutes <= MAX_APPOINTMENT_MINUTES or minutes % 5:
        return (
            f"La durata di un appuntamento va da {MIN_APPOINTMENT_MINUTES} a "
            f"{MAX_APPOINTMENT_MINUTES} minuti, a multipli di 5."
        )
    return None


@dataclass(frozen=True, order=True)
class Interval:
    """[start, end), wall-clock."""

    start: datetime
    end: datetime

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class ContactSchedule:
    """What the slot finder needs to know about one contact person.

    `busy` are their other appointments that still hold the time (not cancelled);
    any order. Built once per search; the finder sorts them itself.
    """

    contact_person_id: int
    windows: Sequence[AvailabilityWindow]
    exceptions: Sequence[AvailabilityException] = ()
    busy: Sequence[Interval] = ()


@dataclass(frozen=True)
class DeskCalendar:
    """When the house receives people: desk hours per weekday and days it is closed.

    `closed_dates` are the house's closures (whole days); public holidays are added
    from `holidays.is_holiday` unless `closed_on_holidays` is False (a test, or a
    meeting at the association's premises on a day the house is closed is still not
    booked by the desk: the desk is closed too).
    """

    desk_hours: OpeningHours
    closed_dates: frozenset[date] = field(default_factory=frozenset)
    closed_on_holidays: bool = True

    def is_closed(self, day: date) -> bool:
        return day in self.closed_dates or (self.closed_on_holidays and is_holiday(day))


@dataclass(frozen=True, order=True)
class Slot:
    """A free time with one contact person; `room_id` when a room was asked for and found."""

    start: datetime
    contact_person_id: int
    end: datetime
    room_id: int | None = None


def _intersect(
    a: Sequence[tuple[time, time]], b: Sequence[tuple[time, time]]
) -> list[tuple[time, time]]:
    """The parts of one day's windows that lie inside desk hours (both sorted)."""
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            start, end = max(a0, b0), min(a1, b1)
            if start < end:
                out.append((start, end))
    return sorted(out)


def _day_windows(windows: Iterable[AvailabilityWindow]) -> dict[int, list[tuple[time, time]]]:
    # Merged first: overlapping windows typed by hand would otherwise offer a slot twice.
    by_day: dict[int, list[tuple[time, time]]] = {}
    for w in normalise_windows(windows):
        by_day.setdefault(w.weekday, []).append((w.start, w.end))
    return {day: sorted(v) for day, v in by_day.items()}


class _Blocker:
    """Sorted [start, end) intervals with a fast «does anything overlap?» question.

    Appointments do not overlap each other (the rule this module helps enforce), but
    absences may, and a long absence can cover many later starts: the running maximum
    of the ends answers the question with one bisect instead of a scan.
    """

    def __init__(self, intervals: Iterable[tuple[datetime, datetime]]) -> None:
        ordered = sorted(intervals)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[datetime] = []
        for _, e in ordered:
            self._max_end.append(max(e, self._max_end[-1]) if self._max_end else e)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        # Intervals starting before `end`; the latest end among them decides.
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._max_end[i - 1] > start


def _candidates(
    schedule: ContactSchedule,
    desk: DeskCalendar,
    *,
    now: datetime,
    until: date,
    length: timedelta,
    grid: timedelta,
) -> Iterator[Slot]:
    """One contact person's free slots in time order, without the room question."""
    by_day = _day_windows(schedule.windows)
    blocker = _Blocker(
        [(b.start, b.end) for b in schedule.busy] + [(e.start, e.end) for e in schedule.exceptions]
    )
    day = now.date()
    while day < until:
        hours = by_day.get(day.weekday())
        if hours and not desk.is_closed(day):
            for w0, w1 in _intersect(hours, desk.desk_hours.get(day.weekday(), [])):
                # The grid starts at the (clipped) window's start, so a window «9:30-12:30»
                # offers 9:30, 10:00, … as the desk would read it aloud.
                start = datetime.combine(day, w0)
                last_end = datetime.combine(day, w1)
                while start + length <= last_end:
                    end = start + length
                    if start >= now and not blocker.overlaps(start, end):
                        yield Slot(start, schedule.contact_person_id, end)
                    start += grid
        day += timedelta(days=1)


def next_free_slots(
    schedules: Sequence[ContactSchedule],
    desk: DeskCalendar,
    *,
    now: datetime,
    length: timedelta = timedelta(minutes=DEFAULT_APPOINTMENT_MINUTES),
    count: int = DEFAULT_COUNT,
    weeks: int = DEFAULT_WEEKS,
    grid: timedelta | None = None,
    room_free: RoomFree | None = None,
) -> list[Slot]:
    """The first `count` free slots of `length` from `now` over the next `weeks` weeks.

    `schedules` holds one contact person, or every contact person of an association who
    meets citizens: the slots of all of them are merged in order of (start, contact
    person id), so the same answer comes back for the same data. A slot lies inside
    one of the person's windows and inside one desk-hours interval of its day (not
    across the lunch break), on a day the house is open, starts at or after `now`,
    and overlaps none of the person's appointments or absences. Starts step by `grid`
    (default: the length) from the start of each window. With `room_free`, only slots
    for which it names a room are kept, with that room.
    """
    if length <= timedelta(0):
        raise ValueError("length must be positive")
    step = grid or length
    if step <= timedelta(0):
        raise ValueError("grid must be positive")
    if count <= 0 or not schedules:
        return []
    until = now.date() + timedelta(weeks=weeks)
    streams = [
        _candidates(s, desk, now=now, until=until, length=length, grid=step)
        for s in sorted(schedules, key=lambda s: s.contact_person_id)
    ]
    found: list[Slot] = []
    for slot in heapq.merge(*streams):
        if room_free is not None:
            room = room_free(slot.start, slot.end)
            if room is None:
                continue
            slot = Slot(slot.start, slot.contact_person_id, slot.end, room)
        found.append(slot)
        if len(found) == count:
            break
    return found


def rooms_from_busy(busy: Mapping[int, Iterable[tuple[datetime, datetime]]]) -> RoomFree:
    """A `room_free` from each room's busy intervals: the lowest room id free, or None.

    For callers that read the room calendar once (bookings with their buffers already
    added) rather than asking it per slot. Lowest id first so the answer is stable.
    """
    blockers = {room: _Blocker(intervals) for room, intervals in sorted(busy.items())}

    def room_free(start: datetime, end: datetime) -> int | None:
        for room, blocker in blockers.items():
            if not blocker.overlaps(start, end):
                return room
        return None

    return room_free
