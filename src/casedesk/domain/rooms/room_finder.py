"""«Trova uno spazio»: the rooms that fit a request and are free, smallest first.

A request is one or more time slots (one date, or every occurrence of a recurrence),
a number of people and the equipment needed. A room fits when it is active, seats
everyone and has every item asked for; it is free on a slot when no booking
conflicts (the same check as the form: buffers, co-working seats) and no closure of
that room or of the house covers the day. The smallest fitting room comes first, so
a meeting of six does not take the events hall; ties go by name.

For a recurrence, rooms free on every date come first; with `include_partial`, rooms
free on most dates follow, fewest unavailable dates first, each listing them, so the
desk can book there and skip or move those dates.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from casedesk.domain.enums import RoomKind
from casedesk.domain.rooms.room_hours import Closure, closures_on
from casedesk.domain.rooms.schedule import BookingIndex, RoomInfo, find_conflict


@dataclass(frozen=True, slots=True)
class RoomOffer:
    """A room that fits, with the dates it is not available (empty: free throughout)."""

    room: RoomInfo
    conflict_dates: tuple[date, ...] = ()
    closed_dates: tuple[date, ...] = ()

    @property
    def unavailable(self) -> int:
        return len(set(self.conflict_dates) | set(self.closed_dates))

    @property
    def equipment(self) -> list[str]:
        """The room's items, sorted, for the result list."""
        return sorted(self.room.equipment, key=str.casefold)


def fits(room: RoomInfo, people: int, equipment: Collection[str]) -> bool:
    """Active, enough seats, every item asked for (case-insensitive)."""
    have = {item.casefold() for item in room.equipment}
    return (
        room.active
        and room.capacity >= people
        and all(item.casefold() in have for item in equipment)
    )


def find_rooms(
    rooms: Iterable[RoomInfo],
    slots: Sequence[tuple[datetime, datetime]],
    people: int,
    equipment: Collection[str],
    *,
    index: BookingIndex,
    closures: Sequence[Closure] = (),
    include_partial: bool = False,
    kinds: Collection[RoomKind] | None = None,
) -> list[RoomOffer]:
    """Rooms that fit, free on every slot first (smallest, then by name).

    With `include_partial`, rooms free on at least one slot follow, fewest unavailable
    dates first. `kinds` limits the search (a meeting of eight may not want the
    co-working desks, the smallest room that seats them). Room hours are the same for
    every room, so they do not choose between rooms: the form checks them.
    """
    free: list[RoomOffer] = []
    partial: list[RoomOffer] = []
    for room in rooms:
        if not fits(room, people, equipment) or (kinds is not None and room.kind not in kinds):
            continue
        conflicts: list[date] = []
        closed: list[date] = []
        for start, end in slots:
            if closures_on(closures, room.id, start.date()):
                closed.append(start.date())
            elif find_conflict(room, start, end, people, index) is not None:
                conflicts.append(start.date())
        offer = RoomOffer(room, tuple(conflicts), tuple(closed))
        if offer.unavailable == 0:
            free.append(offer)
        elif include_partial and offer.unavailable < len(slots):
            partial.append(offer)

    def size(o: RoomOffer) -> tuple[int, str]:
        return o.room.capacity, o.room.name.casefold()

    free.sort(key=size)
    partial.sort(key=lambda o: (o.unavailable, *size(o)))
    return free + partial
