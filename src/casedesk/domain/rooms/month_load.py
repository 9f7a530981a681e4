"""Each day's load per room: booked minutes and their share of the room hours.

For the month view (a bar per room per day) and the statistics (booked, and used,
hours per room per month). Booked minutes are the time the room is taken: where
co-working bookings overlap, the time counts once, because the question is how much
of the opening the room was in use, not how many seats. The share counts only the
minutes inside the room hours, against the minutes the rooms were open that day (none
on a closure): an evening booked outside the hours still shows in the minutes but
cannot push the share above one.
For the used hours, pass only the bookings marked as used.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from casedesk.domain.rooms.room_hours import Closure, RoomHours, closures_on
from casedesk.domain.rooms.schedule import BookedSlot


@dataclass(frozen=True, slots=True)
class DayLoad:
    booked_minutes: int
    booked_in_hours_minutes: int
    open_minutes: int  # by the room hours, 0 on a closure

    @property
    def share(self) -> float | None:
        """Booked share of the room hours (0–1); None when the room was not open."""
        if self.open_minutes == 0:
            return None
        return self.booked_in_hours_minutes / self.open_minutes


def _union_minutes(ranges: list[tuple[datetime, datetime]]) -> int:
    total = timedelta(0)
    current: tuple[datetime, datetime] | None = None
    for start, end in sorted(ranges):
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += current[1] - current[0]
    return int(total.total_seconds() // 60)


def _clip(
    ranges: Iterable[tuple[datetime, datetime]], lo: datetime, hi: datetime
) -> list[tuple[datetime, datetime]]:
    return [(max(s, lo), min(e, hi)) for s, e in ranges if s < hi and e > lo]


def day_load(
    bookings: Sequence[BookedSlot],
    room_id: int,
    day: date,
    hours: RoomHours,
    closures: Sequence[Closure],
) -> DayLoad:
    """One room on one day; `bookings` may hold other rooms and days (they are ignored)."""
    midnight = datetime.combine(day, time())
    ranges = _clip(
        ((b.start, b.end) for b in bookings if b.room_id == room_id),
        midnight,
        midnight + timedelta(days=1),
    )
    booked = _union_minutes(ranges)
    if closures_on(closures, room_id, day):
        return DayLoad(booked, 0, 0)
    intervals = [
        (datetime.combine(day, a), datetime.combine(day, b))
        for a, b in hours.get(day.weekday(), [])
    ]
    open_min = sum(int((b - a).total_seconds() // 60) for a, b in intervals)
    in_hours = sum(_union_minutes(_clip(ranges, a, b)) for a, b in intervals)
    return DayLoad(booked, in_hours, open_min)


def month_load(
    year: int,
    month: int,
    room_ids: Iterable[int],
    bookings: Iterable[BookedSlot],
    hours: RoomHours,
    closures: Sequence[Closure],
) -> dict[tuple[int, date], DayLoad]:
    """(room id, day) → DayLoad for every day of the month and every room asked for.

    Bookings are grouped by room and day once, so a month of a busy house is one pass.
    """
    by_key: dict[tuple[int, date], list[BookedSlot]] = defaultdict(list)
    for b in bookings:
        day = b.start.date()
        while datetime.combine(day, time()) < b.end:  # a booking ending at 24:00 stays on its day
            by_key[(b.room_id, day)].append(b)
            day += timedelta(days=1)
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    return {
        (room_id, day): day_load(by_key.get((room_id, day), []), room_id, day, hours, closures)
        for room_id in room_ids
        for day in days
    }


@dataclass(frozen=True, slots=True)
class MonthTotal:
    booked_minutes: int
    open_minutes: int
    booked_in_hours_minutes: int

    @property
    def share(self) -> float | None:
        return None if self.open_minutes == 0 else self.booked_in_hours_minutes / self.open_minutes


def month_totals(loads: dict[tuple[int, date], DayLoad]) -> dict[int, MonthTotal]:
    """Per room, the month's sums (the statistics' booked hours and share)."""
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (room_id, _), load in loads.items():
        s = sums[room_id]
        s[0] += load.booked_minutes
        s[1] += load.open_minutes
        s[2] += load.booked_in_hours_minutes
    return {room_id: MonthTotal(*s) for room_id, s in sums.items()}
