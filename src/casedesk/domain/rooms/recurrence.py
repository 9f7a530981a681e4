"""Repeat rules of booking series: RecurrenceSpec ↔ RFC 5545 RRULE text, dates, Italian.

The desk chooses from a small set of shapes (what a course timetable needs), so the
spec is a plain dataclass, not dateutil's rrule: the form edits its fields, the
database stores its RRULE text (`to_rrule`), an ICS export copies that text, and
`from_rrule` reads it back (also when written by another program, within the same
shapes). Expansion goes through dateutil's `rrulestr` on that very text, so what is
stored is what is expanded.

Dates only: a series' time of day is a wall-clock time kept apart (see series.py),
which is why 18:00 stays 18:00 across daylight-saving changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum

from dateutil.rrule import rrulestr

from casedesk.domain.calendar_time import MILAN, format_date


class RecurrenceError(ValueError):
    """A rule the desk cannot use; the message is Italian, ready for the form."""


class Frequency(StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"


# RFC 5545 weekday codes, Monday first like date.weekday().
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES_IT = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
# «il primo martedì», but «la prima domenica»: Sunday is the only feminine weekday.
_ORDINALS_M = {
    1: "il primo",
    2: "il secondo",
    3: "il terzo",
    4: "il quarto",
    5: "il quinto",
    -1: "l'ultimo",
}
_ORDINALS_F = {
    1: "la prima",
    2: "la seconda",
    3: "la terza",
    4: "la quarta",
    5: "la quinta",
    -1: "l'ultima",
}
NTH_CHOICES = (1, 2, 3, 4, 5, -1)

# A series is bounded: enough for two years of daily bookings, not a runaway loop.
MAX_OCCURRENCES = 1000


@dataclass(frozen=True, slots=True)
class RecurrenceSpec:
    """How a series repeats, in the shapes the desk offers.

    - DAILY: every `interval` days.
    - WEEKLY: on `weekdays` (0 = Monday), every `interval` weeks.
    - MONTHLY: every `interval` months, either on `month_day` (1–31; months without
      that day are skipped, as RFC 5545 says) or on the `nth` (1–5, -1 = last)
      occurrence of the single weekday in `weekdays` («il primo martedì del mese»).

    It ends on `until` (included) or after `count` dates: exactly one of the two,
    because a booking series without an end would hold a room forever.
    """

    frequency: Frequency
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    month_day: int | None = None
    nth: int | None = None
    until: date | None = None
    count: int | None = None

    def problems(self) -> list[str]:
        """What is wrong with the spec, in Italian (empty when it is usable)."""
        out: list[str] = []
        if self.interval < 1:
            out.append("L'intervallo di ripetizione deve essere almeno 1.")
        if any(d not in range(7) for d in self.weekdays) or len(set(self.weekdays)) != len(
            self.weekdays
        ):
            out.append("I giorni della settimana scelti non sono validi.")
        if self.frequency is Frequency.DAILY:
            if self.weekdays or self.month_day is not None or self.nth is not None:
                out.append(
                    "Una ripetizione giornaliera non sceglie giorni della settimana o del mese."
                )
        elif self.frequency is Frequency.WEEKLY:
            if not self.weekdays:
                out.append("Scegli almeno un giorno della settimana.")
            if self.month_day is not None or self.nth is not None:
                out.append("Una ripetizione settimanale non sceglie un giorno del mese.")
        else:
            by_date = self.month_day is not None
            by_weekday = self.nth is not None
            if by_date == by_weekday:
                out.append(
                    "Per la ripetizione mensile scegli un giorno del mese (es. il 15) "
                    "oppure un giorno della settimana (es. il primo martedì)."
                )
            elif by_date:
                if self.month_day not in range(1, 32):
                    out.append("Il giorno del mese deve essere tra 1 e 31.")
                if self.weekdays:
                    out.append("Con un giorno del mese non si scelgono giorni della settimana.")
            else:
                if self.nth not in NTH_CHOICES:
                    out.append("Scegli primo, secondo, terzo, quarto, quinto o ultimo.")
                if len(self.weekdays) != 1:
                    out.append("Scegli un solo giorno della settimana (es. il primo martedì).")
        if (self.until is None) == (self.count is None):
            out.append(
                "Indica una data di fine oppure quante volte si ripete (una sola delle due)."
            )
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            out.append(f"Il numero di volte deve essere tra 1 e {MAX_OCCURRENCES}.")
        return out

    def check(self) -> None:
        """Raise RecurrenceError with every problem, one per line."""
        problems = self.problems()
        if problems:
            raise RecurrenceError("\n".join(problems))


# --- RRULE text ----------------------------------------------------------------------------


def to_rrule(spec: RecurrenceSpec, *, utc_until: bool = False) -> str:
    """The RRULE value (without the «RRULE:» prefix), as stored and exported.

    UNTIL is a floating date-time at the end of the day: RFC 5545 wants UNTIL in the
    same form as DTSTART, and a series' DTSTART is a floating (naive) local time.
    An ICS export that writes DTSTART with TZID=Europe/Rome must write UNTIL in UTC
    (RFC 5545, 3.3.10): `utc_until=True` gives the UTC instant of 23:59:59 in Milan.
    """
    spec.check()
    parts = [f"FREQ={spec.frequency.value}"]
    if spec.interval != 1:
        parts.append(f"INTERVAL={spec.interval}")
    if spec.frequency is Frequency.WEEKLY:
        parts.append("BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in sorted(spec.weekdays)))
    elif spec.frequency is Frequency.MONTHLY:
        if spec.month_day is not None:
            parts.append(f"BYMONTHDAY={spec.month_day}")
        else:
            parts.append(f"BYDAY={spec.nth}{WEEKDAY_CODES[spec.weekdays[0]]}")
    if spec.until is not None:
        if utc_until:
            end = datetime.combine(spec.until, time(23, 59, 59), tzinfo=MILAN).astimezone(UTC)
            parts.append(f"UNTIL={end:%Y%m%dT%H%M%S}Z")
        else:
            parts.append(f"UNTIL={spec.until:%Y%m%d}T235959")
    if spec.count is not None:
        parts.append(f"COUNT={spec.count}")
    return ";".join(parts)


_BYDAY_RE = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL_RE = re.compile(r"^(\d{8})(?:T(\d{6})(Z?))?$")


def _int(value: str, text: str) -> int:
    try:
        return int(value)
    except ValueError:
        # Lists such as BYMONTHDAY=1,15 are valid RFC 5545 but not a shape the desk offers.
        raise RecurrenceError(
            f"La regola «{text.strip()}» usa valori che il calendario non gestisce ({value})."
        ) from None


def from_rrule(text: str, first_day: date | None = None) -> RecurrenceSpec:
    """Read RRULE text back into a spec; RecurrenceError when it is not a shape we offer.

    Accepts what `to_rrule` writes and the usual equivalents other calendar programs
    write (an «RRULE:» prefix, UNTIL as a date or in UTC, BYSETPOS with one weekday,
    WKST=MO). dateutil parses the text first, so malformed text is refused the way
    it would be refused at expansion. A weekly rule without BYDAY, or a monthly one
    without BYDAY or BYMONTHDAY, repeats on `first_day`'s weekday or day of the month,
    as RFC 5545 takes them from DTSTART.
    """
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    fields: dict[str, str] = {}
    for part in body.split(";"):
        key, sep, value = part.partition("=")
        if not sep:
            raise RecurrenceError(f"La regola di ricorrenza «{text.strip()}» non è leggibile.")
        fields[key.strip().upper()] = value.strip().upper()
    # dateutil refuses a UTC UNTIL with a floating start; the date is what counts here.
    checked = ";".join(f"{k}={v.rstrip('Z') if k == 'UNTIL' else v}" for k, v in fields.items())
    try:
        rrulestr(checked, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(f"La regola di ricorrenza «{text.strip()}» non è leggibile.") from exc
    unsupported = set(fields) - {
        "FREQ",
        "INTERVAL",
        "BYDAY",
        "BYMONTHDAY",
        "BYSETPOS",
        "UNTIL",
        "COUNT",
        "WKST",
    }
    if unsupported or fields.get("WKST", "MO") != "MO":
        raise RecurrenceError(
            f"La regola «{text.strip()}» usa opzioni che il calendario non gestisce "
            f"({', '.join(sorted(unsupported)) or 'WKST'})."
        )
    try:
        frequency = Frequency(fields.get("FREQ", ""))
    except ValueError:
        raise RecurrenceError(
            "Sono gestite solo ripetizioni giornaliere, settimanali o mensili."
        ) from None
    interval = _int(fields.get("INTERVAL", "1"), text)
    weekdays: list[int] = []
    nth: int | None = None
    for item in filter(None, fields.get("BYDAY", "").split(",")):
        m = _BYDAY_RE.match(item)
        if not m:
            raise RecurrenceError(f"Giorno «{item}» non riconosciuto nella regola.")
        weekdays.append(WEEKDAY_CODES.index(m.group(2)))
        if m.group(1):
            nth = int(m.group(1))
    if "BYSETPOS" in fields:
        if nth is not None or len(weekdays) != 1:
            raise RecurrenceError("BYSETPOS è gestito solo con un unico giorno della settimana.")
        nth = _int(fields["BYSETPOS"], text)
    month_day = _int(fields["BYMONTHDAY"], text) if "BYMONTHDAY" in fields else None
    until: date | None = None
    if "UNTIL" in fields:
        m = _UNTIL_RE.match(fields["UNTIL"])
        if not m:
            raise RecurrenceError(f"Data di fine «{fields['UNTIL']}» non riconosciuta.")
        if m.group(3):  # a UTC instant: its date in Milan
            instant = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            until = instant.astimezone(MILAN).date()
        else:
            until = datetime.strptime(m.group(1), "%Y%m%d").date()
    count = _int(fields["COUNT"], text) if "COUNT" in fields else None
    if first_day is not None and not weekdays and month_day is None:
        if frequency is Frequency.WEEKLY:
            weekdays = [first_day.weekday()]
        elif frequency is Frequency.MONTHLY:
            month_day = first_day.day
    spec = RecurrenceSpec(
        frequency=frequency,
        interval=interval,
        weekdays=tuple(sorted(weekdays)) if nth is None else tuple(weekdays),
        month_day=month_day,
        nth=nth,
        until=until,
        count=count,
    )
    spec.check()
    return spec


# --- dates ---------------------------------------------------------------------------------


def dates(spec: RecurrenceSpec, first_day: date) -> list[date]:
    """The dates the rule yields from `first_day` on (included when it fits the rule).

    As in dateutil (and unlike an ICS DTSTART), `first_day` counts only when the rule
    yields it: a weekly Tuesday/Thursday series entered on a Monday starts on the
    Tuesday, as the desk expects; exporters use the first date as DTSTART.
    Raises RecurrenceError when the rule yields no date, or too many.
    """
    spec.check()
    rule = rrulestr(to_rrule(spec), dtstart=datetime.combine(first_day, time()))
    out: list[date] = []
    for moment in rule:
        if len(out) == MAX_OCCURRENCES:
            raise RecurrenceError(
                f"La ricorrenza produce più di {MAX_OCCURRENCES} date: scegli una data di fine più vicina."
            )
        out.append(moment.date())
    if not out:
        raise RecurrenceError(
            "La ricorrenza non produce nessuna data: controlla i giorni scelti e la data di fine "
            f"(«{describe(spec)}» a partire dal {format_date(first_day)})."
        )
    return out


# --- Italian -------------------------------------------------------------------------------


def _join_it(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " e " + words[-1]


def describe(spec: RecurrenceSpec) -> str:
    """The rule in the desk's words: «ogni martedì e giovedì fino al 30/06/2027»,
    «il primo martedì del mese, 10 volte», «ogni 2 settimane, il lunedì, 5 volte»."""
    n = spec.interval
    if spec.frequency is Frequency.DAILY:
        text = "ogni giorno" if n == 1 else f"ogni {n} giorni"
    elif spec.frequency is Frequency.WEEKLY:
        names = [WEEKDAY_NAMES_IT[d] for d in sorted(spec.weekdays)]
        if n == 1:
            text = "ogni " + _join_it(names)
        else:
            articled = [
                ("la " if d == 6 else "il ") + WEEKDAY_NAMES_IT[d] for d in sorted(spec.weekdays)
            ]
            text = f"ogni {n} settimane, " + _join_it(articled)
    elif spec.month_day is not None:
        text = (
            f"il giorno {spec.month_day} di ogni mese"
            if n == 1
            else f"il giorno {spec.month_day}, ogni {n} mesi"
        )
    else:
        day = spec.weekdays[0] if spec.weekdays else 0
        ordinals = _ORDINALS_F if day == 6 else _ORDINALS_M
        text = f"{ordinals.get(spec.nth or 1, '?')} {WEEKDAY_NAMES_IT[day]} del mese"
        if n != 1:
            text += f", ogni {n} mesi"
    if spec.until is not None:
        text += f" fino al {format_date(spec.until)}"
    elif spec.count is not None:
        text += ", una volta" if spec.count == 1 else f", {spec.count} volte"
    return text
