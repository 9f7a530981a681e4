"""The demo's rooms and calendar: closures, the house's events, weekly series, bookings.

Holds what is taken, so that appointments in the interview room fit around bookings.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from dateutil.rrule import weekdays as rrule_weekdays

from casedesk.domain.demo_data.records import (
    AssociationData,
    BookingData,
    BookingSeriesData,
    ClosureData,
    RoomData,
)
from casedesk.domain.demo_data.words import Words
from casedesk.domain.enums import AssociationStatus, BookingStatus, RoomKind
from casedesk.domain.holidays import holidays_between
from casedesk.domain.opening_hours import OpeningHours, within_opening_hours

# Lengths, in half hours, a booking of each kind of room usually takes.
_BOOKING_HALF_HOURS = {
    RoomKind.COWORKING: (4, 6, 8),
    RoomKind.TRAINING: (4, 5, 6),
    RoomKind.MEETING: (2, 3, 4),
    RoomKind.EVENTS: (4, 6, 8),
}
# Chance that a room is booked in an opening interval.
_BOOKING_CHANCE = {
    RoomKind.COWORKING: 0.7,
    RoomKind.TRAINING: 0.45,
    RoomKind.MEETING: 0.6,
    RoomKind.EVENTS: 0.2,
}


def days_between(start: date, end: date) -> list[date]:
    """The days from `start` to `end`, `end` excluded."""
    return [start + timedelta(days=n) for n in range((end - start).days)]


class HouseCalendar:
    def __init__(self, rng: random.Random, words: Words, hours: OpeningHours, today: date) -> None:
        self.rng = rng
        self.words = words
        self.hours = hours
        self.today = today
        self.rooms: list[RoomData] = []
        self.closures: list[ClosureData] = []
        self.series: list[BookingSeriesData] = []
        self.bookings: list[BookingData] = []
        self.house_closed: set[date] = set()
        self.room_closed: set[tuple[int, date]] = set()
        # (room id, day) -> taken [start, end) ranges, bookings and appointments alike.
        self.occupied: dict[tuple[int, date], list[tuple[datetime, datetime]]] = {}

    def make_rooms(self) -> None:
        self.rooms = [
            RoomData(i + 1, room.name, room.kind, room.capacity, room.equipment, True)
            for i, room in enumerate(self.words.rooms)
        ]

    def make_closures(self, first: date, last: date) -> None:
        """Holidays on opening days between `first` and `last`, and a room under maintenance."""
        closure_id = 0
        for day, reason in holidays_between(first, last).items():
            if self.hours.get(day.weekday()):
                closure_id += 1
                self.closures.append(ClosureData(closure_id, None, day, day, reason))
                self.house_closed.add(day)
        open_days = [
            d for d in days_between(self.today + timedelta(days=8), last) if self.is_open(d)
        ]
        if closure_id == 0 and open_days:
            day = open_days[min(len(open_days) - 1, 5)]
            closure_id += 1
            self.closures.append(
                ClosureData(closure_id, None, day, day, "Chiusura per formazione del personale")
            )
            self.house_closed.add(day)
            open_days.remove(day)
        # A room closed for a few days, starting early in a week.
        starts = [d for d in open_days if d.weekday() <= 2] or open_days
        if starts:
            events_room = next(r for r in self.rooms if r.kind is RoomKind.EVENTS)
            start = starts[0]
            end = start + timedelta(days=2)
            closure_id += 1
            self.closures.append(
                ClosureData(
                    closure_id,
                    events_room.id,
                    start,
                    end,
                    "Manutenzione: tinteggiatura e revisione dell'impianto audio",
                )
            )
            for day in days_between(start, end + timedelta(days=1)):
                self.room_closed.add((events_room.id, day))

    def is_open(self, day: date, room_id: int | None = None) -> bool:
        if not self.hours.get(day.weekday()) or day in self.house_closed:
            return False
        return room_id is None or (room_id, day) not in self.room_closed

    def is_free(self, room_id: int, start: datetime, end: datetime) -> bool:
        taken = self.occupied.get((room_id, start.date()), ())
        return all(end <= a or b <= start for a, b in taken)

    def take(self, room_id: int, start: datetime, end: datetime) -> None:
        self.occupied.setdefault((room_id, start.date()), []).append((start, end))

    def can_book(self, room_id: int, start: datetime, end: datetime) -> bool:
        return (
            self.is_open(start.date(), room_id)
            and within_opening_hours(self.hours, start, end)
            and self.is_free(room_id, start, end)
        )

    def book(
        self,
        room: RoomData,
        association_id: int | None,
        title: str,
        start: datetime,
        end: datetime,
        people: int | None,
        series_id: int | None = None,
    ) -> None:
        rng = self.rng
        cancelled = series_id is None and association_id is not None and rng.random() < 0.05
        self.take(room.id, start, end)
        self.bookings.append(
            BookingData(
                id=len(self.bookings) + 1,
                room_id=room.id,
                association_id=association_id,
                title=title,
                start_at=start,
                end_at=end,
                expected_people=people,
                status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
                series_id=series_id,
                notes=(
                    "Annullata dall'associazione."
                    if cancelled
                    else (rng.choice(self.words.booking_notes) if rng.random() < 0.15 else "")
                ),
            )
        )

    def make_bookings(self, first: date, end: date, associations: list[AssociationData]) -> None:
        rng = self.rng
        days = days_between(first, end)
        active = [a for a in associations if a.status is AssociationStatus.ISCRITTA]

        # Events of the house itself.
        open_days = [d for d in days if self.is_open(d)]
        for event in self.words.house_events:
            title, offset, t0, t1, people = (
                event.title,
                event.offset,
                event.start,
                event.end,
                event.people,
            )
            room = self.rooms[event.room]
            candidates = [
                d for d in open_days[offset:] + open_days[:offset] if self.is_open(d, room.id)
            ]
            for day in candidates:
                start, stop = datetime.combine(day, t0), datetime.combine(day, t1)
                if self.can_book(room.id, start, stop):
                    self.book(room, None, title, start, stop, min(people, room.capacity))
                    break

        # Weekly series (materialised as bookings; closed days are exceptions).
        for weekly in self.words.series:
            if not active:
                break
            title, weekday, t0, t1, people = (
                weekly.title,
                weekly.weekday,
                weekly.start,
                weekly.end,
                weekly.people,
            )
            sector = weekly.sector
            room = self.rooms[weekly.room]
            fitting = [a for a in active if sector in a.sectors] or active
            owner = rng.choice(fitting)
            dates = [d for d in days if d.weekday() == weekday]
            if not dates:
                continue
            series_id = len(self.series) + 1
            exceptions: list[str] = []
            for day in dates:
                start, stop = datetime.combine(day, t0), datetime.combine(day, t1)
                if self.can_book(room.id, start, stop):
                    self.book(
                        room, owner.id, title, start, stop, min(people, room.capacity), series_id
                    )
                else:
                    exceptions.append(start.isoformat())
            byday = str(rrule_weekdays[weekday])
            self.series.append(
                BookingSeriesData(
                    id=series_id,
                    room_id=room.id,
                    association_id=owner.id,
                    title=title,
                    first_start=datetime.combine(dates[0], t0),
                    first_end=datetime.combine(dates[0], t1),
                    rrule=f"FREQ=WEEKLY;BYDAY={byday};COUNT={len(dates)}",
                    exceptions=tuple(exceptions),
                    expected_people=min(people, room.capacity),
                )
            )

        # Everyday bookings by enrolled associations.
        if not active:
            return
        half_hour = timedelta(minutes=30)
        for day in days:
            for index, room in enumerate(self.rooms):
                if index == self.words.interview_room or not self.is_open(day, room.id):
                    continue
                for a, b in self.hours.get(day.weekday(), []):
                    if rng.random() > _BOOKING_CHANCE[room.kind]:
                        continue
                    cursor, limit = datetime.combine(day, a), datetime.combine(day, b)
                    while cursor + 2 * half_hour <= limit:
                        if rng.random() < 0.35:
                            cursor += half_hour * rng.randint(1, 2)
                            continue
                        stop = min(
                            limit, cursor + half_hour * rng.choice(_BOOKING_HALF_HOURS[room.kind])
                        )
                        if stop - cursor < 2 * half_hour:
                            break
                        if not self.is_free(room.id, cursor, stop):
                            cursor += half_hour
                            continue
                        owner = rng.choice(active)
                        people = rng.randint(max(1, room.capacity // 4), room.capacity)
                        self.book(
                            room,
                            owner.id,
                            rng.choice(self.words.booking_titles[room.kind]),
                            cursor,
                            stop,
                            people,
                        )
                        cursor = stop
                        if rng.random() < 0.5:
                            break
