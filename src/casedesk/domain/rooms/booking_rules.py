"""A booking's checks before it is written, and the preview of a series.

The form shows each problem beside its field, so validation returns `Issue`s named
by field (FIELD_*), each an error (nothing is written) or a warning (the operator
may go on: a booking in the past, entered afterwards). `check_booking` adds the
room's state and gives one `Verdict`:

- OK: write it;
- NEEDS_COORDINATOR: outside the room hours or on a closure, allowed only to a
  coordinator who gives a reason (`Verdict.permits`);
- REFUSED: an error or a conflict; no role overrides it (two bookings cannot share a
  whole room, nor exceed the co-working seats).

`preview_series` gives every occurrence of a series its state, so the desk sees the
holidays and the clashes before saving, and skips those dates.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

from casedesk.domain.calendar_time import MILAN, format_date
from casedesk.domain.enums import AssociationStatus, Role
from casedesk.domain.rooms.room_hours import Closure, RoomHours, closures_on, within_room_hours
from casedesk.domain.rooms.schedule import (
    BookedSlot,
    BookingIndex,
    Conflict,
    RoomInfo,
    find_conflict,
)
from casedesk.domain.rooms.series import Occurrence, Series

FIELD_START = "start"
FIELD_END = "end"
FIELD_PEOPLE = "people"
FIELD_ROOM = "room"
FIELD_ASSOCIATION = "association"
FIELD_REASON = "reason"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    field: str
    message: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, slots=True)
class BookingDraft:
    """What the form holds. `association_status` None: an event of the house itself."""

    room: RoomInfo
    start: datetime
    end: datetime
    people: int | None
    association_status: AssociationStatus | None = None
    association_name: str = ""


@lru_cache(maxsize=4096)
def _offset_changes_on(day: date) -> bool:
    start = datetime.combine(day, time()).replace(tzinfo=MILAN).utcoffset()
    end = datetime.combine(day, time(23, 59)).replace(tzinfo=MILAN).utcoffset()
    return start != end


def nonexistent_local_time(moment: datetime) -> bool:
    """Whether a naive Milan wall-clock time falls in the hour skipped when clocks go
    forward (e.g. 2027-03-28 02:30): it does not survive a round trip through UTC.

    Only a day whose UTC offset changes can have such a time; checking that first,
    once per date, keeps a long series' preview fast.
    """
    if not _offset_changes_on(moment.date()):
        return False
    aware = moment.replace(tzinfo=MILAN)
    back = aware.astimezone(UTC).astimezone(MILAN).replace(tzinfo=None)
    return back != moment


def validate_draft(draft: BookingDraft, now: datetime) -> list[Issue]:
    """The draft's own problems (room state aside), by field. `now`: naive Milan time."""
    issues: list[Issue] = []
    start, end = draft.start, draft.end
    for name, moment in ((FIELD_START, start), (FIELD_END, end)):
        if nonexistent_local_time(moment):
            issues.append(
                Issue(
                    name,
                    f"Le {moment:%H:%M} del {format_date(moment.date())} non esistono: "
                    "quella notte gli orologi passano dalle 2:00 alle 3:00 (ora legale).",
                )
            )
    if end == start:
        issues.append(
            Issue(FIELD_END, "La fine coincide con l'inizio: la prenotazione non dura nulla.")
        )
    elif end < start:
        issues.append(Issue(FIELD_END, "La fine è prima dell'inizio."))
    elif end.date() != start.date() and not (
        end.time() == end.time().min and (end.date() - start.date()).days == 1
    ):
        issues.append(
            Issue(
                FIELD_END,
                "La prenotazione deve finire nello stesso giorno in cui inizia (entro mezzanotte).",
            )
        )
    if draft.people is None or draft.people < 1:
        issues.append(Issue(FIELD_PEOPLE, "Indica quante persone sono attese (almeno una)."))
    elif draft.people > draft.room.capacity:
        issues.append(
            Issue(
                FIELD_PEOPLE,
                f"Sono attese {draft.people} persone ma «{draft.room.name}» ne accoglie "
                f"al massimo {draft.room.capacity}.",
            )
        )
    if not draft.room.active:
        issues.append(
            Issue(FIELD_ROOM, f"La sala «{draft.room.name}» è disattivata e non si può prenotare.")
        )
    status = draft.association_status
    if status is not None and status is not AssociationStatus.ISCRITTA:
        who = f"«{draft.association_name}»" if draft.association_name else "L'associazione"
        issues.append(
            Issue(
                FIELD_ASSOCIATION,
                f"{who} non è iscritta alla Casa (stato: {status.label.lower()}): "
                "solo le associazioni iscritte possono prenotare.",
            )
        )
    if start < now:
        issues.append(
            Issue(
                FIELD_START,
                "L'inizio è già passato: va bene per registrare un uso avvenuto, altrimenti controlla la data.",
                Severity.WARNING,
            )
        )
    return issues


class VerdictKind(StrEnum):
    OK = "ok"
    NEEDS_COORDINATOR = "needs_coordinator"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer for one booking: see the module's docstring.

    `exceptions` are the reasons a coordinator must consciously override (outside the
    room hours, each closure with its reason); `errors` and `conflict` refuse.
    """

    kind: VerdictKind
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    exceptions: tuple[str, ...] = ()
    closures: tuple[Closure, ...] = ()
    conflict: Conflict | None = None

    def permits(self, role: Role, reason: str) -> bool:
        """Whether the booking may be written by someone of `role` giving `reason`."""
        if self.kind is VerdictKind.OK:
            return True
        if self.kind is VerdictKind.REFUSED:
            return False
        return role is Role.COORDINATORE and bool(reason.strip())

    def override_issue(self, role: Role, reason: str) -> Issue | None:
        """What to show beside the reason field when the verdict needs a coordinator
        and `permits` says no; None otherwise."""
        if self.kind is not VerdictKind.NEEDS_COORDINATOR or self.permits(role, reason):
            return None
        why = " ".join(self.exceptions)
        if role is not Role.COORDINATORE:
            return Issue(FIELD_REASON, f"{why} Solo un coordinatore può prenotare in questo caso.")
        return Issue(FIELD_REASON, f"{why} Indica il motivo per cui prenoti comunque.")

    def messages(self) -> list[str]:
        """Every message, errors first, for a summary or a log."""
        out = [i.message for i in self.errors]
        if self.conflict is not None:
            out.append(self.conflict.message)
        out += list(self.exceptions)
        if self.kind is VerdictKind.NEEDS_COORDINATOR:
            out.append("Solo un coordinatore può prenotare in questo caso, indicando il motivo.")
        out += [i.message for i in self.warnings]
        return out


def check_booking(
    draft: BookingDraft,
    *,
    now: datetime,
    hours: RoomHours,
    closures: Sequence[Closure],
    index: BookingIndex,
    ignore_ids: Collection[int] = (),
) -> Verdict:
    """Validation, conflicts, room hours and closures for one booking.

    `ignore_ids`: the booking being edited (and, for a series, its own bookings).
    """
    issues = validate_draft(draft, now)
    errors = tuple(i for i in issues if i.severity is Severity.ERROR)
    warnings = tuple(i for i in issues if i.severity is Severity.WARNING)
    room = draft.room
    # A draft whose times are nonsense cannot be placed on the calendar.
    timing_ok = not any(i.field in (FIELD_START, FIELD_END) for i in errors)
    conflict = (
        find_conflict(room, draft.start, draft.end, draft.people, index, ignore_ids)
        if timing_ok
        else None
    )
    exceptions: list[str] = []
    hit: list[Closure] = []
    if timing_ok:
        if not within_room_hours(hours, draft.start, draft.end):
            exceptions.append("L'orario è fuori dagli orari delle sale.")
        hit = closures_on(closures, room.id, draft.start.date())
        exceptions += [c.describe() for c in hit]
    if errors or conflict is not None:
        kind = VerdictKind.REFUSED
    elif exceptions:
        kind = VerdictKind.NEEDS_COORDINATOR
    else:
        kind = VerdictKind.OK
    return Verdict(kind, errors, warnings, tuple(exceptions), tuple(hit), conflict)


# --- series preview ------------------------------------------------------------------------


class OccurrenceState(StrEnum):
    """An occurrence's state in the preview, worst first."""

    INVALID = "invalid"  # a time that does not exist (the night clocks go forward)
    CONFLICT = "conflict"
    CLOSURE = "closure"
    OUTSIDE_HOURS = "outside_hours"
    FREE = "free"


_STATE_ORDER = list(OccurrenceState)


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One line of the preview: the occurrence, its worst state and every detail.

    `needs_coordinator` is true for a closure or outside the room hours (bookable by a
    coordinator with a reason); INVALID and CONFLICT dates must be skipped or moved.
    """

    occurrence: Occurrence
    state: OccurrenceState
    conflict: Conflict | None = None
    closures: tuple[Closure, ...] = ()
    outside_hours: bool = False
    invalid_times: tuple[datetime, ...] = ()

    @property
    def messages(self) -> list[str]:
        """Every reason, worst first, in Italian (written when the line is shown)."""
        out = [f"Le {m:%H:%M} non esistono quel giorno (ora legale)." for m in self.invalid_times]
        if self.conflict is not None:
            out.append(self.conflict.message)
        out += [c.describe() for c in self.closures]
        if self.outside_hours:
            out.append("Fuori dagli orari delle sale.")
        return out

    @property
    def needs_coordinator(self) -> bool:
        return self.state in (OccurrenceState.CLOSURE, OccurrenceState.OUTSIDE_HOURS)

    @property
    def blocking(self) -> bool:
        return self.state in (OccurrenceState.INVALID, OccurrenceState.CONFLICT)


def preview_occurrence(
    occurrence: Occurrence,
    room: RoomInfo,
    people: int | None,
    *,
    hours: RoomHours,
    closures: Sequence[Closure],
    index: BookingIndex,
    ignore_ids: Collection[int] = (),
    siblings: BookingIndex | None = None,
) -> PreviewRow:
    """One occurrence's state. `siblings`: the series' other occurrences already
    previewed, so that a one-off change moved onto another date's slot shows too."""
    states: list[OccurrenceState] = []
    invalid = tuple(m for m in (occurrence.start, occurrence.end) if nonexistent_local_time(m))
    if invalid:
        states.append(OccurrenceState.INVALID)
    if siblings is not None and siblings.overlapping(
        room.id, occurrence.start, occurrence.end, room.buffer
    ):
        # Rare (a moved date lands on another): check against both sets together, so
        # co-working seats add up across them.
        index = BookingIndex(
            [
                *index.overlapping(room.id, occurrence.start, occurrence.end, room.buffer),
                *siblings.overlapping(room.id, occurrence.start, occurrence.end, room.buffer),
            ]
        )
    conflict = find_conflict(room, occurrence.start, occurrence.end, people, index, ignore_ids)
    if conflict is not None:
        states.append(OccurrenceState.CONFLICT)
    hit = tuple(closures_on(closures, room.id, occurrence.start.date()))
    if hit:
        states.append(OccurrenceState.CLOSURE)
    outside = not within_room_hours(hours, occurrence.start, occurrence.end)
    if outside:
        states.append(OccurrenceState.OUTSIDE_HOURS)
    state = min(states, key=_STATE_ORDER.index) if states else OccurrenceState.FREE
    return PreviewRow(occurrence, state, conflict, hit, outside, invalid)


def preview_series(
    series: Series,
    rooms: Mapping[int, RoomInfo],
    people: int | None,
    *,
    hours: RoomHours,
    closures: Sequence[Closure],
    index: BookingIndex,
    ignore_ids: Collection[int] = (),
) -> list[PreviewRow]:
    """Every occurrence (skips left out, one-off changes applied) with its state.

    `rooms` must hold the series' room and any room a one-off change moved to.
    `ignore_ids`: the series' own bookings, when an existing series is edited.
    The draft's own checks (people, room, association) are `validate_draft`'s, once
    for the series on its first occurrence. Raises RecurrenceError (Italian) when the rule yields no date.
    """
    occurrences = series.occurrences()
    # Only one-off changes can put two dates of a series on the same slot.
    siblings = BookingIndex() if series.changes else None
    if occurrences:
        closures = _closures_near(closures, occurrences[0].start.date(), occurrences[-1].end.date())
    rows: list[PreviewRow] = []
    for occ in occurrences:
        rows.append(
            preview_occurrence(
                occ,
                rooms[occ.room_id],
                people,
                hours=hours,
                closures=closures,
                index=index,
                ignore_ids=ignore_ids,
                siblings=siblings,
            )
        )
        if siblings is not None:
            siblings.add(
                BookedSlot(
                    None, occ.room_id, occ.start, occ.end, people, "un'altra data di questa serie"
                )
            )
    return rows


def _closures_near(closures: Sequence[Closure], first: date, last: date) -> list[Closure]:
    """The closures that touch [first, last]: years of holiday rows need not be
    scanned for every date. (Changes may move a date a little: a week of slack.)"""
    lo, hi = first - timedelta(days=7), last + timedelta(days=7)
    return [c for c in closures if c.last_day >= lo and c.first_day <= hi]


def preview_summary(rows: Sequence[PreviewRow]) -> str:
    """One line above the list: «24 date: 21 libere, 2 chiusure, 1 in conflitto»."""
    counts = {s: 0 for s in OccurrenceState}
    for row in rows:
        counts[row.state] += 1
    words = {
        OccurrenceState.FREE: ("libera", "libere"),
        OccurrenceState.CONFLICT: ("in conflitto", "in conflitto"),
        OccurrenceState.CLOSURE: ("in chiusura", "in chiusura"),
        OccurrenceState.OUTSIDE_HOURS: ("fuori orario", "fuori orario"),
        OccurrenceState.INVALID: ("con un orario inesistente", "con un orario inesistente"),
    }
    parts = [
        f"{counts[s]} {words[s][0] if counts[s] == 1 else words[s][1]}"
        for s in reversed(_STATE_ORDER)
        if counts[s]
    ]
    total = len(rows)
    head = "1 data" if total == 1 else f"{total} date"
    return head + (": " + ", ".join(parts) if parts else "")
