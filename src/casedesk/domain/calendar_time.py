"""Time conventions: calendar times are Milan wall-clock times, audit times are UTC.

Bookings and appointments are stored as naive local datetimes in Europe/Rome, so a
weekly series at 18:00 stays at 18:00 across daylight-saving changes; only audit
events, which record when something happened, use UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

MILAN = ZoneInfo("Europe/Rome")
WEEKDAYS_IT = ("Lunedì", "Martedì", "Mercoledì", "Giovedì", "Venerdì", "Sabato", "Domenica")


def utc_now() -> datetime:
    return datetime.now(UTC)


def milan_now() -> datetime:
    """The wall-clock time in Milan, naive, as calendar times are stored."""
    return datetime.now(MILAN).replace(tzinfo=None)


def format_date(d: date) -> str:
    """Italian style: 28/11/2026."""
    return d.strftime("%d/%m/%Y")


def format_datetime(dt: datetime) -> str:
    return dt.strftime("%d/%m/%Y %H:%M")
