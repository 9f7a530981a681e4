"""Opening hours per weekday, typed by the desk as «9:00-13:00, 14:30-18:00».

Stored as a mapping from weekday (0 = Monday) to a list of ["HH:MM", "HH:MM"]
intervals; an empty list is a closed day.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from casedesk.domain.calendar_time import WEEKDAYS_IT

OpeningHours = dict[int, list[tuple[time, time]]]

# «9:00-13:00», «9.00-13.00» or just «9-13».
_INTERVAL_RE = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–]\s*(\d{1,2})(?:[:.](\d{2}))?\s*$")
_CLOSED_WORDS = {"", "chiuso", "chiusa", "-"}


class OpeningHoursError(ValueError):
    pass


def parse_day(text: str) -> list[tuple[time, time]]:
    """Parse one weekday's hours; raises OpeningHoursError with an Italian message."""
    if text.strip().casefold() in _CLOSED_WORDS:
        return []
    intervals: list[tuple[time, time]] = []
    for part in text.split(","):
        m = _INTERVAL_RE.match(part)
        if not m:
            raise OpeningHoursError(f"«{part.strip()}» non è un orario come 9:00-13:00.")
        h1, m1, h2, m2 = (int(g or 0) for g in m.groups())
        try:
            start, end = time(h1, m1), time(h2, m2)
        except ValueError:
            raise OpeningHoursError(f"«{part.strip()}» contiene un'ora inesistente.") from None
        if end <= start:
            raise OpeningHoursError(f"In «{part.strip()}» la chiusura precede l'apertura.")
        if intervals and start < intervals[-1][1]:
            raise OpeningHoursError("Gli intervalli devono essere in ordine e non sovrapposti.")
        intervals.append((start, end))
    return intervals


def format_day(intervals: list[tuple[time, time]]) -> str:
    if not intervals:
        return "chiuso"
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in intervals)


def to_json(hours: OpeningHours) -> dict[str, list[list[str]]]:
    return {
        str(day): [[f"{a:%H:%M}", f"{b:%H:%M}"] for a, b in hours.get(day, [])] for day in range(7)
    }


def from_json(data: dict[str, list[list[str]]] | None) -> OpeningHours:
    hours: OpeningHours = {day: [] for day in range(7)}
    for key, intervals in (data or {}).items():
        hours[int(key)] = [(time.fromisoformat(a), time.fromisoformat(b)) for a, b in intervals]
    return hours


def describe(hours: OpeningHours) -> list[str]:
    """One line per weekday, for the UI and printed documents."""
    return [f"{WEEKDAYS_IT[day]}: {format_day(hours.get(day, []))}" for day in range(7)]


def fits_day(hours: OpeningHours, weekday: int, start: time, end: time) -> bool:
    """True when [start, end) lies inside one opening interval of `weekday` (0 = Monday).

    One interval, not several: a meeting may not run across the lunch break.
    """
    return start < end and any(a <= start and end <= b for a, b in hours.get(weekday, []))


def within_opening_hours(hours: OpeningHours, start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside one opening interval of its day."""
    if end.date() != start.date():
        return False
    return fits_day(hours, start.weekday(), start.time(), end.time())


DEFAULT_OPENING_HOURS: OpeningHours = {
    **{day: [(time(9, 0), time(13, 0)), (time(14, 0), time(18, 0))] for day in range(5)},
    5: [],
    6: [],
}
