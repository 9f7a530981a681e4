"""Calendar: the conflict check of a two-year weekly series, pure domain, in memory.

400,000 bookings of 12 rooms (3 co-working rooms shared by seats, 9 whole rooms with
0–30 minutes of buffer) over ten years, the last two ahead, are generated in memory
with a fixed seed, and kept sorted by room and start as the database's
`booking(room_id, start_at)` index keeps them. A weekly series (Tuesday and Thursday,
18:00–20:00, two years: about 208 dates) is previewed in a whole room and in a
co-working room: what the «Nuova serie» dialog does once the service has read the
room's bookings near the series' dates (`windows_to_read`, cut out of the room's
sorted bookings as the indexed SELECT would return them, not timed). Timed: building
the `BookingIndex` from those rows and `preview_series` (expansion, conflicts with
buffers or seats, closures, room hours) for every date. The SELECT itself belongs to
a database row, once the services exist.

Baseline: expanding the same series into its occurrences, the work no check can skip.

Target (issue 11, "Speed"): the conflict check of a two-year weekly series ≤ 30 ms
(this row is its domain part).
"""

from __future__ import annotations

import bisect
import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bench.core import Result, median, time_calls

if TYPE_CHECKING:
    from bench.core import BenchEnv

MAX_MS = 30.0
BOOKINGS = 400_000
SMOKE_BOOKINGS = 4_000
ROOMS = 12
RUNS = 30
SMOKE_RUNS = 2
SEED = 2026
FIRST_DAY = date(2027, 1, 5)  # a Tuesday, inside the generated decade


def _rooms():  # type: ignore[no-untyped-def]
    from casedesk.domain.enums import RoomKind
    from casedesk.domain.rooms.schedule import RoomInfo

    kinds = (
        [RoomKind.COWORKING] * 3
        + [RoomKind.TRAINING] * 3
        + [RoomKind.MEETING] * 4
        + [RoomKind.EVENTS] * 2
    )
    return [
        RoomInfo(
            i + 1,
            f"Sala {i + 1:02d}",
            kind,
            capacity=20 if kind is RoomKind.COWORKING else 10 + 5 * i,
            buffer_minutes=(0, 15, 30)[i % 3],
        )
        for i, kind in enumerate(kinds)
    ]


def _bookings(count: int, rooms):  # type: ignore[no-untyped-def]
    """`count` bookings over ten years (eight past, two ahead), 8:00–22:00.

    Whole rooms get about 55 % of them, one after the other through each day with
    their buffer kept (as the rules have kept them); the co-working rooms get the
    rest at random times, overlapping as seats allow.
    """
    from casedesk.domain.rooms.schedule import BookedSlot

    rng = random.Random(SEED)
    first = FIRST_DAY - timedelta(days=8 * 365)
    days = [first + timedelta(days=i) for i in range(10 * 365)]
    whole = [r for r in rooms if not r.shared_by_seats]
    shared = [r for r in rooms if r.shared_by_seats]
    per_day = 0.55 * count / len(whole) / len(days)
    out: list[BookedSlot] = []

    def add(room_id: int, start: datetime, minutes: int) -> None:
        n = len(out) + 1
        out.append(
            BookedSlot(
                n,
                room_id,
                start,
                start + timedelta(minutes=minutes),
                rng.randint(1, 6),
                f"Prenotazione {n}",
            )
        )

    for room in whole:
        for day in days:
            wanted = int(per_day * rng.uniform(0.5, 1.5) + rng.random())
            t = datetime.combine(day, time(8)) + timedelta(minutes=15 * rng.randrange(4))
            closing = datetime.combine(day, time(22))
            for _ in range(wanted):
                minutes = 30 * rng.randint(1, 4)
                if t + timedelta(minutes=minutes) > closing:
                    break
                add(room.id, t, minutes)
                t += timedelta(minutes=minutes + room.buffer_minutes + 15 * rng.randrange(3))
    while len(out) < count:
        day = days[rng.randrange(len(days))]
        start = datetime.combine(day, time(8)) + timedelta(minutes=15 * rng.randrange(48))
        add(rng.choice(shared).id, start, 30 * rng.randint(1, 6))
    return out[:count]


def run(env: BenchEnv) -> list[Result]:
    from casedesk.domain.rooms.recurrence import Frequency, RecurrenceSpec
    from casedesk.domain.rooms.room_hours import Closure
    from casedesk.domain.rooms.series import Series, SeriesPattern

    rooms = {r.id: r for r in _rooms()}
    total = SMOKE_BOOKINGS if env.smoke else BOOKINGS
    by_room: dict[int, list] = {r: [] for r in rooms}  # type: ignore[type-arg]
    for b in _bookings(total, rooms.values()):
        by_room[b.room_id].append(b)
    for slots in by_room.values():
        slots.sort(key=lambda s: s.start)
    starts = {r: [s.start for s in slots] for r, slots in by_room.items()}
    # Holidays and a summer closure each year, as the closure table holds them.
    closures = []
    for year in range(FIRST_DAY.year, FIRST_DAY.year + 3):
        closures += [
            Closure(date(year, 1, 1), date(year, 1, 1), "Capodanno"),
            Closure(date(year, 12, 8), date(year, 12, 8), "Immacolata Concezione"),
            Closure(date(year, 8, 1), date(year, 8, 31), "Chiusura estiva"),
        ]
    spec = RecurrenceSpec(
        Frequency.WEEKLY, weekdays=(1, 3), until=FIRST_DAY + timedelta(days=2 * 365 - 1)
    )
    runs = env.repetitions(RUNS, SMOKE_RUNS)
    return [
        _measure(
            Series(SeriesPattern(spec, FIRST_DAY, time(18), time(20), room_id)),
            what,
            rooms,
            by_room[room_id],
            starts[room_id],
            closures,
            runs,
            total,
        )
        for room_id, what in (
            (5, "whole room, 15-minute buffer"),
            (1, "co-working, shared by seats"),
        )
    ]


def _measure(series, what, rooms, room_rows, room_starts, closures, runs, total) -> Result:  # type: ignore[no-untyped-def]
    from casedesk.domain.rooms.booking_rules import OccurrenceState, preview_series
    from casedesk.domain.rooms.room_hours import DEFAULT_ROOM_HOURS
    from casedesk.domain.rooms.schedule import BookingIndex, windows_to_read

    outcome: dict[str, int] = {}

    room = rooms[series.pattern.room_id]

    # The rows the SELECT returns (start_at < hi AND end_at > lo per window): bookings
    # end the day they start, so a day back bounds the index range. Not timed: it
    # stands for the database's work.
    rows = []
    windows = windows_to_read(((o.start, o.end) for o in series.occurrences()), room.buffer)
    for lo, hi in windows:
        first = bisect.bisect_left(room_starts, lo - timedelta(days=1))
        last = bisect.bisect_left(room_starts, hi)
        rows += [r for r in room_rows[first:last] if r.end > lo]

    def check() -> None:
        preview = preview_series(
            series, rooms, 4, hours=DEFAULT_ROOM_HOURS, closures=closures, index=BookingIndex(rows)
        )
        outcome["dates"] = len(preview)
        outcome["rows"] = len(rows)
        outcome["conflicts"] = sum(p.state is OccurrenceState.CONFLICT for p in preview)
        outcome["closed"] = sum(p.state is OccurrenceState.CLOSURE for p in preview)

    # Alternate value and baseline so that drift in the machine's load hits both alike.
    values: list[float] = []
    baseline: list[float] = []
    check()
    series.occurrences()
    for _ in range(runs):
        values += time_calls(check, 1, warmup=0)
        baseline += time_calls(series.occurrences, 1, warmup=0)
    return Result(
        metric=f"series conflict check, 2 years weekly, {what} (domain only)",
        value=median(values) * 1000,
        unit="ms",
        baseline=median(baseline) * 1000,
        max_value=MAX_MS,
        samples=len(values),
        note=(
            f"{outcome['dates']} dates against the {outcome['rows']:,} bookings near them, "
            f"of the room's {len(room_rows):,} ({total:,} in {ROOMS} rooms): "
            f"{outcome['conflicts']} in conflict, {outcome['closed']} closed; "
            "baseline: expanding the series alone; not timed: the SELECT, and the "
            "conflict sentences (written when a line is shown)"
        ),
    )
