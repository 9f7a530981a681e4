"""One booking's validation and verdict; the series preview."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from casedesk.domain.enums import AssociationStatus, Role, RoomKind
from casedesk.domain.rooms.booking_rules import (
    FIELD_ASSOCIATION,
    FIELD_END,
    FIELD_PEOPLE,
    FIELD_REASON,
    FIELD_ROOM,
    FIELD_START,
    BookingDraft,
    OccurrenceState,
    Severity,
    VerdictKind,
    check_booking,
    nonexistent_local_time,
    preview_series,
    preview_summary,
    validate_draft,
)
from casedesk.domain.rooms.recurrence import Frequency, RecurrenceError, RecurrenceSpec
from casedesk.domain.rooms.room_hours import DEFAULT_ROOM_HOURS, Closure
from casedesk.domain.rooms.schedule import BookedSlot, BookingIndex, RoomInfo
from casedesk.domain.rooms.series import Series, SeriesPattern, change_one

NOW = datetime(2026, 12, 2, 10, 0)
ROOM = RoomInfo(1, "Aula Falcone", RoomKind.TRAINING, 20, buffer_minutes=15)
SMALL = RoomInfo(2, "Saletta", RoomKind.MEETING, 4)
ROOMS = {ROOM.id: ROOM, SMALL.id: SMALL}
HOLIDAY = Closure(date(2026, 12, 8), date(2026, 12, 8), "Immacolata Concezione")


def draft(start: datetime, end: datetime, **changes: object) -> BookingDraft:
    base = BookingDraft(ROOM, start, end, 10, AssociationStatus.ISCRITTA, "Alfa")
    return replace(base, **changes)  # type: ignore[arg-type]


def fields(issues: list) -> dict[str, list[str]]:  # type: ignore[type-arg]
    out: dict[str, list[str]] = {}
    for issue in issues:
        out.setdefault(issue.field, []).append(issue.message)
    return out


def test_a_good_draft_has_no_issues() -> None:
    assert validate_draft(draft(datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20)), NOW) == []


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        (datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 17), FIELD_END, "prima dell'inizio"),
        (datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 18), FIELD_END, "non dura nulla"),
        (datetime(2026, 12, 9, 22), datetime(2026, 12, 10, 0, 30), FIELD_END, "stesso giorno"),
        (datetime(2027, 3, 28, 2, 30), datetime(2027, 3, 28, 4), FIELD_START, "non esistono"),
        (datetime(2027, 3, 28, 1, 0), datetime(2027, 3, 28, 2, 15), FIELD_END, "ora legale"),
    ],
)
def test_bad_times_are_named_beside_their_field(
    start: datetime, end: datetime, field: str, words: str
) -> None:
    issues = validate_draft(draft(start, end), NOW)
    assert any(words in m for m in fields(issues)[field])
    assert all(i.severity is Severity.ERROR for i in issues)


def test_ending_at_midnight_is_the_same_day() -> None:
    assert validate_draft(draft(datetime(2026, 12, 9, 22), datetime(2026, 12, 10, 0, 0)), NOW) == []


def test_the_hour_skipped_and_the_hour_repeated() -> None:
    assert nonexistent_local_time(datetime(2027, 3, 28, 2, 30))
    assert nonexistent_local_time(datetime(2027, 3, 28, 2, 0))
    assert not nonexistent_local_time(datetime(2027, 3, 28, 3, 0))
    assert not nonexistent_local_time(datetime(2027, 3, 28, 1, 59))
    # The hour that repeats in October exists (twice): a wall-clock booking is fine.
    assert not nonexistent_local_time(datetime(2026, 10, 25, 2, 30))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"people": 21}, FIELD_PEOPLE, "al massimo 20"),
        ({"people": 0}, FIELD_PEOPLE, "almeno una"),
        ({"people": None}, FIELD_PEOPLE, "almeno una"),
        ({"room": replace(ROOM, active=False)}, FIELD_ROOM, "disattivata"),
        (
            {"association_status": AssociationStatus.SOSPESA},
            FIELD_ASSOCIATION,
            "«Alfa» non è iscritta",
        ),
        ({"association_status": AssociationStatus.BOZZA}, FIELD_ASSOCIATION, "stato: bozza"),
    ],
)
def test_people_room_and_association(changes: dict[str, object], field: str, words: str) -> None:
    issues = validate_draft(
        draft(datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20), **changes), NOW
    )
    assert [i.field for i in issues] == [field]
    assert words in issues[0].message


def test_a_house_event_needs_no_association() -> None:
    assert (
        validate_draft(
            draft(datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20), association_status=None),
            NOW,
        )
        == []
    )


def test_the_past_is_a_warning_and_still_bookable() -> None:
    d = draft(datetime(2026, 12, 1, 18), datetime(2026, 12, 1, 20))
    issues = validate_draft(d, NOW)
    assert [(i.field, i.severity) for i in issues] == [(FIELD_START, Severity.WARNING)]
    verdict = check_booking(d, now=NOW, hours=DEFAULT_ROOM_HOURS, closures=[], index=BookingIndex())
    assert (
        verdict.kind is VerdictKind.OK and verdict.warnings and verdict.permits(Role.OPERATORE, "")
    )


# --- verdicts ------------------------------------------------------------------------------


def verdict_for(d: BookingDraft, bookings: list[BookedSlot] = [], closures: list[Closure] = []):  # type: ignore[no-untyped-def]  # noqa: B006
    return check_booking(
        d, now=NOW, hours=DEFAULT_ROOM_HOURS, closures=closures, index=BookingIndex(bookings)
    )


def test_inside_the_hours_with_no_clash_is_ok_for_anyone() -> None:
    verdict = verdict_for(draft(datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20)))
    assert verdict.kind is VerdictKind.OK
    assert verdict.permits(Role.OPERATORE, "")


def test_outside_the_room_hours_needs_a_coordinator_with_a_reason() -> None:
    verdict = verdict_for(draft(datetime(2026, 12, 9, 21), datetime(2026, 12, 9, 23)))
    assert verdict.kind is VerdictKind.NEEDS_COORDINATOR
    assert "fuori dagli orari delle sale" in " ".join(verdict.messages())
    assert not verdict.permits(Role.OPERATORE, "serata straordinaria")
    assert not verdict.permits(Role.COORDINATORE, "  ")
    assert verdict.permits(Role.COORDINATORE, "serata straordinaria")
    operator_issue = verdict.override_issue(Role.OPERATORE, "serata straordinaria")
    assert operator_issue is not None and operator_issue.field == FIELD_REASON
    assert "Solo un coordinatore" in operator_issue.message
    coordinator_issue = verdict.override_issue(Role.COORDINATORE, "")
    assert coordinator_issue is not None and "Indica il motivo" in coordinator_issue.message
    assert verdict.override_issue(Role.COORDINATORE, "serata straordinaria") is None


def test_a_closure_needs_a_coordinator_and_names_its_reason() -> None:
    verdict = verdict_for(
        draft(datetime(2026, 12, 8, 10), datetime(2026, 12, 8, 12)), closures=[HOLIDAY]
    )
    assert verdict.kind is VerdictKind.NEEDS_COORDINATOR
    assert verdict.closures == (HOLIDAY,)
    assert any("Immacolata Concezione" in m for m in verdict.exceptions)


def test_a_conflict_is_refused_even_for_a_coordinator() -> None:
    taken = BookedSlot(
        9, ROOM.id, datetime(2026, 12, 9, 17), datetime(2026, 12, 9, 19), 10, "Coro (Beta)"
    )
    verdict = verdict_for(draft(datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20)), [taken])
    assert verdict.kind is VerdictKind.REFUSED
    assert verdict.conflict is not None and "Coro (Beta)" in verdict.conflict.message
    assert not verdict.permits(Role.COORDINATORE, "urgente")


def test_editing_a_booking_does_not_clash_with_itself() -> None:
    taken = BookedSlot(9, ROOM.id, datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20), 10)
    d = draft(datetime(2026, 12, 9, 18, 30), datetime(2026, 12, 9, 20, 30))
    verdict = check_booking(
        d,
        now=NOW,
        hours=DEFAULT_ROOM_HOURS,
        closures=[],
        index=BookingIndex([taken]),
        ignore_ids={9},
    )
    assert verdict.kind is VerdictKind.OK


def test_errors_refuse_and_nonsense_times_skip_the_room_checks() -> None:
    taken = BookedSlot(9, ROOM.id, datetime(2026, 12, 9, 17), datetime(2026, 12, 9, 19), 10)
    verdict = verdict_for(draft(datetime(2026, 12, 9, 20), datetime(2026, 12, 9, 17)), [taken])
    assert verdict.kind is VerdictKind.REFUSED
    assert verdict.conflict is None and verdict.exceptions == ()
    assert [i.field for i in verdict.errors] == [FIELD_END]


# --- series preview ------------------------------------------------------------------------


def tuesdays(count: int = 4, start: time = time(18), end: time = time(20)) -> Series:
    spec = RecurrenceSpec(Frequency.WEEKLY, weekdays=(1,), count=count)
    return Series(SeriesPattern(spec, date(2026, 12, 1), start, end, ROOM.id))


def test_the_preview_gives_each_date_its_state() -> None:
    # Tuesdays 1, 8 (holiday), 15 (taken), 22/12.
    taken = BookedSlot(
        4, ROOM.id, datetime(2026, 12, 15, 19), datetime(2026, 12, 15, 21), 8, "Assemblea (Gamma)"
    )
    rows = preview_series(
        tuesdays(),
        ROOMS,
        10,
        hours=DEFAULT_ROOM_HOURS,
        closures=[HOLIDAY],
        index=BookingIndex([taken]),
    )
    assert [r.state for r in rows] == [
        OccurrenceState.FREE,
        OccurrenceState.CLOSURE,
        OccurrenceState.CONFLICT,
        OccurrenceState.FREE,
    ]
    assert "Immacolata Concezione" in rows[1].messages[0]
    assert rows[1].needs_coordinator and not rows[1].blocking
    assert rows[2].conflict is not None and "Assemblea (Gamma)" in rows[2].messages[0]
    assert rows[2].blocking
    assert preview_summary(rows) == "4 date: 2 libere, 1 in chiusura, 1 in conflitto"


def test_the_preview_flags_hours_and_ignores_the_series_own_bookings() -> None:
    own = BookedSlot(4, ROOM.id, datetime(2026, 12, 15, 21), datetime(2026, 12, 15, 23), 8)
    rows = preview_series(
        tuesdays(start=time(21), end=time(23)),
        ROOMS,
        10,
        hours=DEFAULT_ROOM_HOURS,
        closures=[],
        index=BookingIndex([own]),
        ignore_ids={4},
    )
    assert {r.state for r in rows} == {OccurrenceState.OUTSIDE_HOURS}
    assert all(r.outside_hours and r.needs_coordinator for r in rows)
    assert preview_summary(rows) == "4 date: 4 fuori orario"


def test_the_worst_state_wins_and_every_detail_stays() -> None:
    taken = BookedSlot(4, ROOM.id, datetime(2026, 12, 8, 19), datetime(2026, 12, 8, 21), 8)
    rows = preview_series(
        tuesdays(2, start=time(7), end=time(20)),
        ROOMS,
        10,
        hours=DEFAULT_ROOM_HOURS,
        closures=[HOLIDAY],
        index=BookingIndex([taken]),
    )
    second = rows[1]
    assert second.state is OccurrenceState.CONFLICT
    assert second.closures == (HOLIDAY,) and second.outside_hours and second.conflict is not None
    assert len(second.messages) == 3


def test_a_moved_occurrence_is_checked_in_its_new_room() -> None:
    series = change_one(
        tuesdays(),
        date(2026, 12, 22),
        datetime(2026, 12, 22, 18),
        datetime(2026, 12, 22, 20),
        SMALL.id,
    )
    taken = BookedSlot(5, SMALL.id, datetime(2026, 12, 22, 19), datetime(2026, 12, 22, 20), 2)
    rows = preview_series(
        series, ROOMS, 3, hours=DEFAULT_ROOM_HOURS, closures=[], index=BookingIndex([taken])
    )
    assert rows[-1].occurrence.room_id == SMALL.id
    assert rows[-1].state is OccurrenceState.CONFLICT


def test_a_sunday_night_series_hits_the_missing_hour() -> None:
    spec = RecurrenceSpec(Frequency.WEEKLY, weekdays=(6,), count=2)
    series = Series(SeriesPattern(spec, date(2027, 3, 21), time(2, 30), time(3, 30), ROOM.id))
    rows = preview_series(
        series, ROOMS, 2, hours=DEFAULT_ROOM_HOURS, closures=[], index=BookingIndex()
    )
    assert [r.state for r in rows] == [OccurrenceState.OUTSIDE_HOURS, OccurrenceState.INVALID]
    assert rows[1].blocking


def test_the_preview_of_a_rule_without_dates_is_an_italian_error() -> None:
    spec = RecurrenceSpec(Frequency.WEEKLY, weekdays=(0,), until=date(2026, 12, 3))
    series = Series(SeriesPattern(spec, date(2026, 12, 1), time(18), time(20), ROOM.id))
    with pytest.raises(RecurrenceError, match="nessuna data"):
        preview_series(
            series, ROOMS, 2, hours=DEFAULT_ROOM_HOURS, closures=[], index=BookingIndex()
        )


def test_summary_of_a_single_date() -> None:
    rows = preview_series(
        tuesdays(1), ROOMS, 2, hours=DEFAULT_ROOM_HOURS, closures=[], index=BookingIndex()
    )
    assert preview_summary(rows) == "1 data: 1 libera"


def test_a_date_moved_onto_another_date_of_the_series_is_a_conflict() -> None:
    # The 8/12 occurrence moved to the 15/12 at the same time.
    series = change_one(
        tuesdays(),
        date(2026, 12, 8),
        datetime(2026, 12, 15, 18),
        datetime(2026, 12, 15, 20),
        ROOM.id,
    )
    rows = preview_series(
        series, ROOMS, 2, hours=DEFAULT_ROOM_HOURS, closures=[], index=BookingIndex()
    )
    states = [r.state for r in rows]
    assert states.count(OccurrenceState.CONFLICT) == 1
    assert any("un'altra data di questa serie" in m for r in rows for m in r.messages)


def test_a_provisional_request_is_named_as_such_in_a_conflict() -> None:
    request = BookedSlot(
        3,
        ROOM.id,
        datetime(2026, 12, 9, 18),
        datetime(2026, 12, 9, 20),
        5,
        "Cena sociale (Delta)",
        provisional=True,
    )
    verdict = verdict_for(draft(datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20)), [request])
    assert verdict.conflict is not None and "richiesta provvisoria" in verdict.conflict.message
