"""Rooms, the bookings already taken, and the conflict check.

Two kinds of room (glossary): co-working is shared by seats, so bookings may overlap
while their people together fit the capacity at every instant; training, meeting and
events rooms are booked whole, so no two bookings may overlap, and the room's
`buffer_minutes` (set-up and cleaning) must stay free between them.

`BookingIndex` keeps each room's bookings sorted by start, so a check looks at the
few bookings near the asked time instead of all of them: a two-year weekly series
is checked against hundreds of thousands of bookings (bench/calendar_conflicts.py).
"""

from __future__ import annotations

import bisect
import operator
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from casedesk.domain.calendar_time import format_date
from casedesk.domain.enums import RoomKind


@dataclass(frozen=True, slots=True)
class RoomInfo:
    """What the calendar's rules need of a room.

    `equipment` holds the item names from the coordinator's list (proiettore,
    schermo, …), compared exactly: the finder searches it.
    """

    id: int
    name: str
    kind: RoomKind
    capacity: int
    buffer_minutes: int = 0
    active: bool = True
    equipment: frozenset[str] = frozenset()

    @property
    def shared_by_seats(self) -> bool:
        """Co-working: bookings share the room up to its capacity."""
        return self.kind is RoomKind.COWORKING

    @property
    def buffer(self) -> timedelta:
        """The gap a whole-room booking keeps free around it (none for co-working)."""
        return timedelta(0) if self.shared_by_seats else timedelta(minutes=self.buffer_minutes)


@dataclass(frozen=True, slots=True)
class BookedSlot:
    """A booking that holds its room (the service leaves cancelled ones out; provisional
    requests hold the room too, until the desk turns them down).

    `people` None (rows from before people were required) counts as one seat;
    `label` is how a conflict names it: «Corso di italiano (Associazione Alfa)».
    """

    id: int | None
    room_id: int
    start: datetime
    end: datetime
    people: int | None = None
    label: str = ""
    provisional: bool = False

    @property
    def seats(self) -> int:
        return self.people if self.people and self.people > 0 else 1

    def describe(self) -> str:
        when = f"{format_date(self.start.date())} {self.start:%H:%M}-{self.end:%H:%M}"
        if self.provisional:
            when += ", richiesta provvisoria"
        return f"{self.label} ({when})" if self.label else when


@dataclass(frozen=True, slots=True)
class Conflict:
    """Why a time cannot be booked in a room.

    For a whole room, `bookings` are those too close or overlapping. For co-working,
    `bookings` are those present at the busiest instant `peak_at`, where `peak_people`
    people were already booked and `wanted` more were asked for. `message` is the
    Italian sentence for the form, written when asked for: a preview of two years of
    dates needs the states at once, the words only for the lines on screen.
    """

    room: RoomInfo
    start: datetime
    end: datetime
    bookings: tuple[BookedSlot, ...]
    peak_at: datetime | None = None
    peak_people: int | None = None
    wanted: int | None = None

    @property
    def room_id(self) -> int:
        return self.room.id

    @property
    def message(self) -> str:
        room = self.room
        if self.peak_at is None or self.peak_people is None:
            names = "; ".join(s.describe() for s in self.bookings)
            if room.buffer and not any(
                s.start < self.end and s.end > self.start for s in self.bookings
            ):
                return (
                    f"La sala «{room.name}» deve restare libera {room.buffer_minutes} minuti "
                    f"prima e dopo ogni prenotazione (allestimento e pulizia): {names}."
                )
            return f"La sala «{room.name}» è già prenotata: {names}."
        when, peak = self.peak_at, self.peak_people
        free = max(0, room.capacity - peak)
        return (
            f"Alle {when:%H:%M} del {format_date(when.date())} nel «{room.name}» "
            f"sono già prenotati {peak} posti su {room.capacity}: "
            + (
                "nessun posto libero"
                if free == 0
                else f"ne restano {free}, ne servono {self.wanted}"
            )
            + "."
        )


_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


class BookingIndex:
    """Bookings grouped by room and sorted by start, for conflict checks and views.

    Built once from what the service read (typically the rooms' bookings over the
    span being checked); `add` keeps it sorted, so a preview or an import can check
    several new bookings against each other too.
    """

    def __init__(self, bookings: Iterable[BookedSlot] = ()) -> None:
        by_room: dict[int, list[BookedSlot]] = defaultdict(list)
        for b in bookings:
            by_room[b.room_id].append(b)
        self._slots: dict[int, list[BookedSlot]] = {}
        self._starts: dict[int, list[datetime]] = {}
        # The longest booking per room bounds how far back an overlapping one can start.
        self._longest: dict[int, timedelta] = {}
        for room_id, slots in by_room.items():
            slots.sort(key=_START)  # nearly free on rows read in order
            starts = list(map(_START, slots))
            self._slots[room_id] = slots
            self._starts[room_id] = starts
            self._longest[room_id] = max(map(operator.sub, map(_END, slots), starts))

    def add(self, slot: BookedSlot) -> None:
        slots = self._slots.setdefault(slot.room_id, [])
        starts = self._starts.setdefault(slot.room_id, [])
        i = bisect.bisect_right(starts, slot.start)
        slots.insert(i, slot)
        starts.insert(i, slot.start)
        self._longest[slot.room_id] = max(
            self._longest.get(slot.room_id, timedelta(0)), slot.end - slot.start
        )

    def __len__(self) -> int:
        return sum(len(s) for s in self._slots.values())

    def in_room(self, room_id: int) -> Sequence[BookedSlot]:
        """All bookings of a room, by start."""
        return self._slots.get(room_id, [])

    def overlapping(
        self, room_id: int, start: datetime, end: datetime, margin: timedelta = timedelta(0)
    ) -> list[BookedSlot]:
        """Bookings of `room_id` that overlap [start - margin, end + margin).

        Touching is not overlapping: a booking ending at 10:00 and one starting at
        10:00 are back to back.
        """
        starts = self._starts.get(room_id)
        if not starts:
            return []
        lo_time = start - margin - self._longest[room_id]
        hi = bisect.bisect_left(starts, end + margin)
        lo = bisect.bisect_right(starts, lo_time)
        slots = self._slots[room_id]
        return [s for s in slots[lo:hi] if s.end > start - margin]


def windows_to_read(
    slots: Iterable[tuple[datetime, datetime]], margin: timedelta = timedelta(0)
) -> list[tuple[datetime, datetime]]:
    """The time ranges whose bookings a check of `slots` needs, merged and sorted.

    A series' check needs only the bookings near its dates, not two years of the
    room: the service reads the rows with `start_at < hi AND end_at > lo` for each
    (lo, hi) (the `booking(room_id, start_at)` index serves it) and builds the
    BookingIndex from those. `margin`: the room's buffer.
    """
    out: list[tuple[datetime, datetime]] = []
    for start, end in sorted((s - margin, e + margin) for s, e in slots):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def seat_peak(
    slots: Iterable[BookedSlot], start: datetime, end: datetime
) -> tuple[int, datetime, list[BookedSlot]]:
    """The most seats taken at any instant of [start, end) by `slots` (sweep line).

    Returns (people, when, the bookings present then). At an instant where one booking
    ends and another starts, the ending one has left: ends are swept before starts.
    """
    inside = [s for s in slots if s.start < end and s.end > start]
    events: list[tuple[datetime, int, int]] = []  # (when, 0 = leaves / 1 = arrives, seats)
    for s in inside:
        seats = s.seats
        events.append((max(s.start, start), 1, seats))
        events.append((s.end, 0, -seats))
    events.sort()
    people = best = 0
    best_at = start
    for when, _, delta in events:
        people += delta
        if people > best:
            best, best_at = people, when
    return best, best_at, [s for s in inside if max(s.start, start) <= best_at < s.end]


def find_conflict(
    room: RoomInfo,
    start: datetime,
    end: datetime,
    people: int | None,
    index: BookingIndex,
    ignore_ids: Collection[int] = (),
) -> Conflict | None:
    """Whether [start, end) with `people` collides with the room's bookings.

    `ignore_ids`: the bookings being edited (a booking does not conflict with its
    former self, nor a series with its own occurrences).
    """
    margin = room.buffer
    near = [
        s
        for s in index.overlapping(room.id, start, end, margin)
        if s.id is None or s.id not in ignore_ids
    ]
    if not near:
        return None
    if not room.shared_by_seats:
        return Conflict(room, start, end, tuple(near))
    wanted = people if people and people > 0 else 1
    if sum(s.seats for s in near) + wanted <= room.capacity:
        return None  # even all at once they fit: no need to sweep
    peak, when, present = seat_peak(near, start, end)
    if peak + wanted <= room.capacity:
        return None
    return Conflict(room, start, end, tuple(present), peak_at=when, peak_people=peak, wanted=wanted)
