"""Slots: «Prossimi orari liberi» for one contact person over 4 weeks (the domain's part).

`casedesk.domain.slots.next_free_slots` on plain data shaped like a busy contact person:
windows every weekday morning and afternoon, an appointment in most half-days (some off
the 30-minute grid), two absences, a closure, and a room asked for each slot from three
rooms' bookings. It lists every free slot of the 4 weeks (not just the first few), the
most the Appuntamenti tab can ask. Reading these facts from the database is the
service's cost and is not timed here (the service does not exist yet).

Baseline: walking the same 4 weeks' 30-minute grid of the same windows and building each
candidate datetime, with no rule checked: the least any slot finder has to do.

Target (issue 9): median ≤ 10 ms, fast enough to recompute on every click.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from bench.core import Result, median, time_calls

if TYPE_CHECKING:
    from bench.core import BenchEnv

RUNS = 200
SMOKE_RUNS = 3
MAX_MS = 10.0
NOW = datetime(2026, 11, 30, 8, 0)  # a Monday
WEEKS = 4


def _data() -> dict[str, Any]:
    from casedesk.domain.availability import AvailabilityException, AvailabilityWindow, away_days
    from casedesk.domain.opening_hours import DEFAULT_OPENING_HOURS
    from casedesk.domain.slots import ContactSchedule, DeskCalendar, Interval, rooms_from_busy

    windows = [
        AvailabilityWindow(d, a, b)
        for d in range(5)
        for a, b in ((time(9), time(13)), (time(14), time(18)))
    ]
    busy: list[Interval] = []
    rooms: dict[int, list[tuple[datetime, datetime]]] = {1: [], 2: [], 3: []}
    for k in range(WEEKS * 7):
        day = NOW.date() + timedelta(days=k)
        for hour, minute in ((10, 0), (11, 15), (15, 30), (16, 45)):
            if (k + hour) % 3:
                start = datetime.combine(day, time(hour, minute))
                busy.append(Interval(start, start + timedelta(minutes=30)))
        for room in rooms:
            start = datetime.combine(day, time(9 + room))
            rooms[room].append((start, start + timedelta(hours=2 + room)))
    schedule = ContactSchedule(
        1,
        windows,
        exceptions=[
            away_days(date(2026, 12, 14), date(2026, 12, 16)),
            AvailabilityException(datetime(2026, 12, 3, 14), datetime(2026, 12, 3, 16)),
        ],
        busy=busy,
    )
    desk = DeskCalendar(DEFAULT_OPENING_HOURS, frozenset({date(2026, 12, 24)}))
    return {"schedule": schedule, "desk": desk, "room_free": rooms_from_busy(rooms)}


def run(env: BenchEnv) -> list[Result]:
    from casedesk.domain.slots import next_free_slots

    data = _data()
    found: list[int] = []

    def slots() -> None:
        result = next_free_slots(
            [data["schedule"]],
            data["desk"],
            now=NOW,
            count=10_000,
            weeks=WEEKS,
            room_free=data["room_free"],
        )
        found.append(len(result))

    windows = data["schedule"].windows

    def bare_grid() -> None:
        out = []
        for k in range(WEEKS * 7):
            day = NOW.date() + timedelta(days=k)
            for w in windows:
                if w.weekday != day.weekday():
                    continue
                start = datetime.combine(day, w.start)
                last = datetime.combine(day, w.end)
                while start + timedelta(minutes=30) <= last:
                    out.append(start)
                    start += timedelta(minutes=30)

    runs = env.repetitions(RUNS, SMOKE_RUNS)
    value = [t * 1000 for t in time_calls(slots, runs, warmup=2)]
    baseline = [t * 1000 for t in time_calls(bare_grid, runs, warmup=2)]
    return [
        Result(
            metric="next_free_slots_4_weeks",
            value=median(value),
            unit="ms",
            baseline=median(baseline),
            max_value=MAX_MS,
            samples=len(value),
            note=(
                f"one contact person, {len(data['schedule'].busy)} appointments, "
                f"3 rooms; {found[-1]} free slots listed"
            ),
        )
    ]
