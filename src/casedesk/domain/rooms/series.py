"""A booking series as rule + skipped dates + one-off changes, and its three edit scopes.

MRBS users' main complaint is that editing a whole series wipes the dates they had
skipped and the single occurrences they had moved. Here a series is its pattern
(rule, first day, wall-clock times, room) plus two lists keyed by the occurrence's
*original date* (its RECURRENCE-ID): the dates skipped, and the one-off changes
(an occurrence moved to another time or room). Keying by date, not by start
datetime, is what lets a skip survive when the whole series moves from 18:00 to
19:00. An edit of the whole series replaces the pattern and keeps every skip and
change whose date the new rule still yields, reporting the others.

The database keeps skipped dates in `booking_series.exceptions` (a JSON list);
`skipped_from_json` reads both plain dates and the ISO start datetimes written so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from casedesk.domain.calendar_time import format_date
from casedesk.domain.rooms.recurrence import (
    RecurrenceError,
    RecurrenceSpec,
    dates,
    from_rrule,
    to_rrule,
)


@dataclass(frozen=True, slots=True)
class SeriesPattern:
    """What an edit of the whole series may change: the rule, when and where.

    `start_time`/`end_time` are wall-clock times on each date (so 18:00 stays 18:00
    across daylight-saving changes); the end is on the same day, after the start.
    """

    spec: RecurrenceSpec
    first_day: date
    start_time: time
    end_time: time
    room_id: int

    @classmethod
    def from_stored(
        cls, rrule: str, first_start: datetime, first_end: datetime, room_id: int
    ) -> SeriesPattern:
        """From a `booking_series` row's values (rrule text, first_start, first_end)."""
        return cls(
            from_rrule(rrule, first_start.date()),
            first_start.date(),
            first_start.time(),
            first_end.time(),
            room_id,
        )

    def to_stored(self) -> tuple[str, datetime, datetime]:
        """(rrule text, first_start, first_end) for the `booking_series` row; the first
        start is the first date the rule yields, as an ICS DTSTART must be."""
        first = self.dates()[0]
        return (
            to_rrule(self.spec),
            datetime.combine(first, self.start_time),
            datetime.combine(first, self.end_time),
        )

    def dates(self) -> list[date]:
        """The rule's dates (skips not removed); RecurrenceError if none."""
        if self.end_time <= self.start_time:
            raise RecurrenceError(
                "L'orario di fine deve essere dopo quello di inizio, nello stesso giorno."
            )
        return dates(self.spec, self.first_day)


@dataclass(frozen=True, slots=True)
class OccurrenceChange:
    """One date of a series moved to another time or room («solo questa»).

    `original_date` is the date the rule yields (the occurrence's identity, the ICS
    RECURRENCE-ID); `start`/`end` may fall on another day.
    """

    original_date: date
    start: datetime
    end: datetime
    room_id: int


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One booking a series produces."""

    original_date: date
    start: datetime
    end: datetime
    room_id: int
    changed: bool = False  # moved by a one-off change


@dataclass(frozen=True, slots=True)
class Series:
    """A pattern, the dates skipped, and the one-off changes keyed by original date.

    Treat `changes` as read-only: every edit returns a new Series.
    """

    pattern: SeriesPattern
    skipped: frozenset[date] = frozenset()
    changes: Mapping[date, OccurrenceChange] = field(default_factory=dict)

    def occurrence_at(self, original_date: date) -> Occurrence:
        """The occurrence for a date of the rule as the pattern places it, unchanged."""
        p = self.pattern
        return Occurrence(
            original_date,
            datetime.combine(original_date, p.start_time),
            datetime.combine(original_date, p.end_time),
            p.room_id,
        )

    def occurrences(self) -> list[Occurrence]:
        """The bookings the series stands for: rule dates minus skips, changes applied."""
        out: list[Occurrence] = []
        for day in self.pattern.dates():
            if day in self.skipped:
                continue
            change = self.changes.get(day)
            if change is None:
                out.append(self.occurrence_at(day))
            else:
                out.append(Occurrence(day, change.start, change.end, change.room_id, changed=True))
        return out


# --- only this one ---------------------------------------------------------------------------


def _require_date(series: Series, original_date: date) -> None:
    if original_date not in series.pattern.dates():
        raise RecurrenceError(f"Il {format_date(original_date)} non è una data di questa serie.")


def change_one(
    series: Series, original_date: date, start: datetime, end: datetime, room_id: int
) -> Series:
    """«Solo questa»: move one occurrence. Moving it back to the pattern's own time
    and room removes the change (nothing left to remember); a skipped date comes back."""
    _require_date(series, original_date)
    changes = dict(series.changes)
    if series.occurrence_at(original_date) == Occurrence(original_date, start, end, room_id):
        changes.pop(original_date, None)
    else:
        changes[original_date] = OccurrenceChange(original_date, start, end, room_id)
    return replace(series, changes=changes, skipped=series.skipped - {original_date})


def skip_dates(series: Series, original_dates: Iterable[date]) -> Series:
    """Cancel one or more occurrences (a range of dates is one action); their one-off
    changes go too, since the occurrence is gone."""
    wanted = set(original_dates)
    own = set(series.pattern.dates())
    strangers = sorted(wanted - own)
    if strangers:
        raise RecurrenceError(
            "Non sono date di questa serie: " + ", ".join(format_date(d) for d in strangers) + "."
        )
    changes = {d: c for d, c in series.changes.items() if d not in wanted}
    return replace(series, skipped=series.skipped | wanted, changes=changes)


def skip_range(series: Series, first: date, last: date) -> Series:
    """Cancel every occurrence whose original date is between `first` and `last`."""
    return skip_dates(series, [d for d in series.pattern.dates() if first <= d <= last])


def restore_date(series: Series, original_date: date) -> Series:
    """Undo a skip."""
    return replace(series, skipped=series.skipped - {original_date})


# --- the whole series ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesEdit:
    """The outcome of editing the whole series: the new series, and what did not fit.

    `lost_skips` and `lost_changes` are dates the new rule no longer yields: the UI
    lists them so that nothing disappears silently.
    """

    series: Series
    lost_skips: tuple[date, ...] = ()
    lost_changes: tuple[OccurrenceChange, ...] = ()

    def messages(self) -> list[str]:
        out: list[str] = []
        if self.lost_skips:
            out.append(
                "Date annullate che la nuova regola non contiene più: "
                + ", ".join(format_date(d) for d in self.lost_skips)
                + "."
            )
        if self.lost_changes:
            out.append(
                "Modifiche singole di date che la nuova regola non contiene più: "
                + ", ".join(format_date(c.original_date) for c in self.lost_changes)
                + "."
            )
        return out


def edit_whole_series(series: Series, pattern: SeriesPattern) -> SeriesEdit:
    """«Tutta la serie»: replace the pattern, keep the skips and one-off changes whose
    dates the new rule still yields (a change keeps its own time and room: the operator
    set them on purpose), report the rest."""
    new_dates = set(pattern.dates())
    skipped = frozenset(d for d in series.skipped if d in new_dates)
    changes = {d: c for d, c in series.changes.items() if d in new_dates}
    return SeriesEdit(
        Series(pattern, skipped, changes),
        lost_skips=tuple(sorted(series.skipped - skipped)),
        lost_changes=tuple(c for d, c in sorted(series.changes.items()) if d not in new_dates),
    )


# --- this and the following ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesSplit:
    """«Questa e le successive»: the old series cut before the chosen date (None when
    the chosen date was its first, so nothing is left), and the new one from it on."""

    before: Series | None
    after: Series
    lost_skips: tuple[date, ...] = ()
    lost_changes: tuple[OccurrenceChange, ...] = ()

    def messages(self) -> list[str]:
        return SeriesEdit(self.after, self.lost_skips, self.lost_changes).messages()


def _truncated(series: Series, last_day: date) -> Series:
    """The series ending on `last_day` (a COUNT rule becomes an UNTIL one: same dates)."""
    spec = replace(series.pattern.spec, until=last_day, count=None)
    pattern = replace(series.pattern, spec=spec)
    return Series(
        pattern,
        frozenset(d for d in series.skipped if d <= last_day),
        {d: c for d, c in series.changes.items() if d <= last_day},
    )


def split_series(
    series: Series, from_date: date, pattern: SeriesPattern | None = None
) -> SeriesSplit:
    """Cut the series before `from_date` (a date of it) and start a new one there.

    The new series has `pattern` (the edited rule, times and room; by default the
    old pattern), starting on `from_date`; when the old rule ended after a number
    of times, the new one gets the times that were left, unless `pattern` says
    otherwise. Skips and changes from `from_date` on move to the new series when its
    rule still yields their dates, as in an edit of the whole series.
    """
    old_dates = series.pattern.dates()
    if from_date not in old_dates:
        raise RecurrenceError(f"Il {format_date(from_date)} non è una data di questa serie.")
    earlier = [d for d in old_dates if d < from_date]
    if pattern is None:
        spec = series.pattern.spec
        if spec.count is not None:
            spec = replace(spec, count=spec.count - len(earlier))
        pattern = replace(series.pattern, spec=spec, first_day=from_date)
    before = _truncated(series, earlier[-1]) if earlier else None
    tail = Series(
        series.pattern,
        frozenset(d for d in series.skipped if d >= from_date),
        {d: c for d, c in series.changes.items() if d >= from_date},
    )
    edit = edit_whole_series(tail, pattern)
    return SeriesSplit(before, edit.series, edit.lost_skips, edit.lost_changes)


# --- storage and export helpers ------------------------------------------------------------


def original_start(series: Series, original_date: date) -> datetime:
    """The start the rule gives a date: an ICS RECURRENCE-ID for a one-off change, an
    EXDATE for a skipped date (a calendar program matches them to the RRULE's dates)."""
    return datetime.combine(original_date, series.pattern.start_time)


def exdates(series: Series) -> list[datetime]:
    """The skipped dates as the rule's start datetimes, for the ICS EXDATE list."""
    return [original_start(series, d) for d in sorted(series.skipped)]


def skipped_to_json(skipped: Iterable[date]) -> list[str]:
    """Skipped dates as sorted ISO dates, for `booking_series.exceptions`."""
    return [d.isoformat() for d in sorted(set(skipped))]


def skipped_from_json(items: Iterable[str] | None) -> frozenset[date]:
    """Read `booking_series.exceptions`: ISO dates, or ISO start datetimes (older rows)."""
    return frozenset(date.fromisoformat(item[:10]) for item in items or ())
