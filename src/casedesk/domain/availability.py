"""When a contact person (referente) meets citizens: weekly windows and absences.

Until now the desk typed availability as free text («martedì e venerdì 10-13»). The
slot finder needs structure, so `parse_availability` turns the parts of that text it
understands into `AvailabilityWindow`s and hands back everything else, verbatim, as a
note to show beside the windows: a migration built on it never loses what the desk
wrote. `describe_windows` writes windows back in the same Italian the desk types, and
parsing that description gives the same windows again (a test holds it to that).

Times are Milan wall-clock times (see calendar_time): a window «10-13» is 10:00-13:00
on every such weekday, summer or winter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from casedesk.domain.calendar_time import WEEKDAYS_IT


@dataclass(frozen=True, order=True)
class AvailabilityWindow:
    """Every `weekday` (0 = Monday) from `start` to `end`, wall-clock, end excluded."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        # Checked here so that a window built by hand cannot be empty or inverted:
        # the slot finder and the descriptions rely on start < end.
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0..6, not {self.weekday}")
        if not self.start < self.end:
            raise ValueError("a window must end after it starts")

    def contains(self, start: datetime, end: datetime) -> bool:
        """True when [start, end) lies inside this window on start's day."""
        return (
            start.weekday() == self.weekday
            and end.date() == start.date()
            and self.start <= start.time()
            and end.time() <= self.end
            and start < end
        )


@dataclass(frozen=True, order=True)
class AvailabilityException:
    """An absence: the contact person is away from `start` to `end` (end excluded).

    Whole days are `away_days(first, last)`, so that a holiday typed as dates and a
    morning at the doctor's are the same kind of thing for the slot finder.
    """

    start: datetime
    end: datetime
    note: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError("an absence must end after it starts")

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


def away_days(first: date, last: date, note: str = "") -> AvailabilityException:
    """An absence from the start of `first` to the end of `last`, both days included."""
    return AvailabilityException(
        datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time()), note
    )


@dataclass(frozen=True)
class ParsedAvailability:
    """What `parse_availability` understood (`windows`) and what it did not (`note`).

    `note` is the original text of every part that gave no window, in order, joined
    by « … »; it is the whole text when nothing parsed and "" when everything did.
    """

    windows: tuple[AvailabilityWindow, ...]
    note: str


# --- parsing ---------------------------------------------------------------------------

# Abbreviations first would match inside the full names; the regex takes the
# longest alternative because the full names are listed first.
_DAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("lunedi", "lun"),
    ("martedi", "mar"),
    ("mercoledi", "mer"),
    ("giovedi", "gio"),
    ("venerdi", "ven"),
    ("sabato", "sabati", "sab"),
    ("domenica", "domeniche", "dom"),
)
_DAY_OF: dict[str, int] = {name: day for day, names in enumerate(_DAY_NAMES) for name in names}
_DAY_WORD = "|".join(sorted(_DAY_OF, key=len, reverse=True))


def _day(group: str | None) -> str:
    """One day name, with an optional article («il martedì», «ogni lunedì»)."""
    name = f"(?P<{group}>{_DAY_WORD})" if group else f"(?:{_DAY_WORD})"
    return r"(?:(?:il|i|la|le|ogni)\s+)?" + name + r"\b'?\.?"


def _day_item(named: bool) -> str:
    """A day or a range of days: «lun-mer», «da lunedì a mercoledì», «dal lun al ven»."""
    day_range = (
        r"(?:(?:dal|da)\s+)?" + _day("da" if named else None)
        + r"\s*(?:-|–|/|al|a|fino\s+al)\s*" + _day("db" if named else None)
    )  # fmt: skip
    return "(?:" + day_range + "|" + _day("ds" if named else None) + ")"


_EVERY_DAY = r"(?:tutti\s+i\s+giorni|ogni\s+giorno|tutta\s+la\s+settimana)"
_DAY_SEP = r"\s*(?:,|;|/|\bed?\b|&)\s*"
# A list of days is matched as a whole, then re-scanned with _DAY_TOKEN (named groups
# cannot repeat inside one pattern).
_DAY_LIST = (
    "(?:" + _EVERY_DAY + "|" + _day_item(False) + "(?:" + _DAY_SEP + _day_item(False) + ")*)"
)
_DAY_TOKEN = re.compile(_day_item(True))

_TIME = r"\d{1,2}(?:[:.]\d{2})?"


def _time_range(named: bool) -> str:
    first = "(?P<t1>" if named else "(?:"
    second = "(?P<t2>" if named else "(?:"
    return (
        r"(?:(?:dalle|dall'|ore|h)\s*)?(?:ore\s+)?" + first + _TIME + r")\s*(?:h\b)?\s*"
        r"(?:-|–|alle|all'|a)\s*(?:ore\s+)?" + second + _TIME + r")(?:\s*h\b)?"
    )


_TIME_SEP = r"\s*(?:,|;|\be\b|/)\s*"
_TIMES = _time_range(False) + "(?:" + _TIME_SEP + _time_range(False) + ")*"
# Days then times («martedì 10-13»), or times then days («dalle 15 alle 18 il giovedì»).
_CLAUSE = re.compile(
    r"(?<!\w)(?:(?P<days>" + _DAY_LIST + r")[\s,:]*(?P<times>" + _TIMES + r")(?![\d:.]*\d)"
    r"|(?P<times2>" + _TIMES + r")[\s,:]*(?P<days2>" + _DAY_LIST + r"))(?!\w)"
)  # fmt: skip
_TIME_TOKEN = re.compile(_time_range(True))
# Separators left at the edges of an unparsed piece («…, » or « e …»): not worth a note.
_EDGES = re.compile(r"^(?:[\s,;:.\-–/&]+|\bed?\b)+|(?:[\s,;:.\-–/&]+|\bed?\b)+$")


def _fold_keep_length(text: str) -> str:
    """Lower case without accents, one character per character of `text`.

    The match positions then index the original text, so the unparsed parts can be
    returned exactly as the desk typed them.
    """
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch.lower())
            continue
        if ch in "’‘`´":
            out.append("'")
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        base = base.lower()
        out.append(base if len(base) == 1 else ch.lower()[:1] or " ")
    return "".join(out)


def _parse_time(text: str) -> time | None:
    hours, _, minutes = text.replace(".", ":").partition(":")
    h, m = int(hours), int(minutes or 0)
    # «24» is not read as midnight: a window ends within its day, and the desk closes
    # long before; such a clause stays in the note.
    if h > 23 or m > 59:
        return None
    return time(h, m)


def _clause_days(text: str) -> list[int]:
    if re.fullmatch(_EVERY_DAY, text.strip()):
        return list(range(7))
    days: list[int] = []
    for m in _DAY_TOKEN.finditer(text):
        if m.group("ds") is not None:
            days.append(_DAY_OF[m.group("ds")])
        else:
            first, last = _DAY_OF[m.group("da")], _DAY_OF[m.group("db")]
            # «ven-lun» wraps over the weekend, as the desk means it.
            span = (last - first) % 7
            days.extend((first + k) % 7 for k in range(span + 1))
    return days


def _clause_times(text: str) -> list[tuple[time, time]] | None:
    ranges: list[tuple[time, time]] = []
    for m in _TIME_TOKEN.finditer(text):
        start, end = _parse_time(m.group("t1")), _parse_time(m.group("t2"))
        if start is None or end is None or not start < end:
            return None
        ranges.append((start, end))
    return ranges or None


def parse_availability(text: str | None) -> ParsedAvailability:
    """Windows from the free text of `contact_person.availability`, and a note for the rest.

    Understood: day names, abbreviated or not, accents optional («lun», «martedi»,
    «mercoledì»), lists («martedì e venerdì», «lun, mer, ven»), ranges («lun-mer»,
    «dal lunedì al venerdì»), «tutti i giorni»; then one or more times «10-13»,
    «9:30-12:30», «9.30-12.30», «dalle 10 alle 13», «ore 15-18», before or after
    the days («dalle 15 alle 18 il giovedì»); several clauses in one text
    («giovedì 15-18 e sabato 10-12»). A clause with an impossible time
    («25-26», «13-10») stays in the note rather than becoming a wrong window.
    """
    if not text or not text.strip():
        return ParsedAvailability((), "")
    folded = _fold_keep_length(text)
    windows: list[AvailabilityWindow] = []
    leftovers: list[str] = []
    position = 0
    for m in _CLAUSE.finditer(folded):
        days = _clause_days(m.group("days") or m.group("days2"))
        times = _clause_times(m.group("times") or m.group("times2"))
        if not days or times is None:
            continue
        leftovers.append(text[position : m.start()])
        position = m.end()
        windows.extend(AvailabilityWindow(d, a, b) for d in days for a, b in times)
    leftovers.append(text[position:])
    pieces = (_EDGES.sub("", piece) for piece in leftovers)
    note = " … ".join(piece for piece in pieces if piece)
    return ParsedAvailability(normalise_windows(windows), note)


def normalise_windows(windows: Iterable[AvailabilityWindow]) -> tuple[AvailabilityWindow, ...]:
    """Sorted by weekday and time, overlapping or touching windows merged.

    Merged because «lun 9-12, lun 11-13» means 9-13 to a person, and the slot finder
    and the description are simpler when one day's windows never overlap.
    """
    merged: list[AvailabilityWindow] = []
    for w in sorted(windows):
        last = merged[-1] if merged else None
        if last is not None and last.weekday == w.weekday and w.start <= last.end:
            merged[-1] = AvailabilityWindow(w.weekday, last.start, max(last.end, w.end))
        else:
            merged.append(w)
    return tuple(merged)


# --- describing ------------------------------------------------------------------------


def _hour(t: time) -> str:
    # «10», «9:30»: how the desk writes it.
    return f"{t.hour}" if t.minute == 0 else f"{t.hour}:{t.minute:02d}"


def _day_groups(days: Sequence[int]) -> str:
    """«lunedì, mercoledì e venerdì», or «da lunedì a giovedì» for three or more in a row."""
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"da {WEEKDAYS_IT[run[0]].lower()} a {WEEKDAYS_IT[run[-1]].lower()}")
        else:
            parts.extend(WEEKDAYS_IT[d].lower() for d in run)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " e " + parts[-1]


def describe_windows(windows: Iterable[AvailabilityWindow]) -> str:
    """The windows in the Italian the desk writes: «martedì e venerdì 10-13; sabato 10-12».

    Days with the same hours are grouped; groups follow the first weekday they hold.
    "" when there are no windows (the UI then shows the note alone).
    """
    by_day: dict[int, list[tuple[time, time]]] = {}
    for w in normalise_windows(windows):
        by_day.setdefault(w.weekday, []).append((w.start, w.end))
    groups: dict[tuple[tuple[time, time], ...], list[int]] = {}
    for day in sorted(by_day):
        groups.setdefault(tuple(by_day[day]), []).append(day)
    return "; ".join(
        f"{_day_groups(days)} " + " e ".join(f"{_hour(a)}-{_hour(b)}" for a, b in hours)
        for hours, days in groups.items()
    )


def describe_exception(exception: AvailabilityException) -> str:
    """«assente dal 03/08/2026 al 28/08/2026» or «assente il 05/03/2026 dalle 10:00 alle 12:00»."""
    start, end = exception.start, exception.end
    suffix = f" ({exception.note})" if exception.note else ""
    if start.time() == time() and end.time() == time():
        last = end.date() - timedelta(days=1)
        if last == start.date():
            return f"assente il {start:%d/%m/%Y}{suffix}"
        return f"assente dal {start:%d/%m/%Y} al {last:%d/%m/%Y}{suffix}"
    if start.date() == end.date():
        return f"assente il {start:%d/%m/%Y} dalle {start:%H:%M} alle {end:%H:%M}{suffix}"
    return f"assente dal {start:%d/%m/%Y %H:%M} al {end:%d/%m/%Y %H:%M}{suffix}"


# --- questions the other modules ask ---------------------------------------------------


def within_windows(windows: Iterable[AvailabilityWindow], start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside one window, touching windows counted as one
    («lun 9-12, lun 12-13» holds a meeting at 11:45)."""
    return any(w.contains(start, end) for w in normalise_windows(windows))


def is_away(exceptions: Iterable[AvailabilityException], start: datetime, end: datetime) -> bool:
    return any(e.overlaps(start, end) for e in exceptions)
