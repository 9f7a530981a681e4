"""Series: wall-clock times across DST, skips and one-off changes, the three edit scopes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from casedesk.domain.calendar_time import MILAN
from casedesk.domain.rooms.recurrence import Frequency, RecurrenceError, RecurrenceSpec
from casedesk.domain.rooms.series import (
    Occurrence,
    OccurrenceChange,
    Series,
    SeriesPattern,
    change_one,
    edit_whole_series,
    exdates,
    original_start,
    restore_date,
    skip_dates,
    skip_range,
    skipped_from_json,
    skipped_to_json,
    split_series,
)

ROOM, OTHER_ROOM = 1, 2
TUE_THU = RecurrenceSpec(Frequency.WEEKLY, weekdays=(1, 3), count=10)
# Tue 1/12, Thu 3/12, Tue 8/12, Thu 10/12, Tue 15/12, Thu 17/12, Tue 22/12, Thu 24/12, Tue 29/12, Thu 31/12
TEN_DATES = [date(2026, 12, d) for d in (1, 3, 8, 10, 15, 17, 22, 24, 29, 31)]


def pattern(
    spec: RecurrenceSpec = TUE_THU, start: time = time(18), end: time = time(20)
) -> SeriesPattern:
    return SeriesPattern(spec, date(2026, 12, 1), start, end, ROOM)


def test_the_dates_of_the_fixture_are_what_the_comment_says() -> None:
    assert pattern().dates() == TEN_DATES


@pytest.mark.parametrize(
    ("first", "clock_change"),
    [
        (date(2026, 10, 20), date(2026, 10, 25)),  # last week of October: back to winter time
        (date(2027, 3, 23), date(2027, 3, 28)),  # last week of March: summer time
    ],
)
def test_the_wall_clock_time_stays_across_daylight_saving_changes(
    first: date, clock_change: date
) -> None:
    spec = RecurrenceSpec(Frequency.WEEKLY, weekdays=(1,), count=3)
    series = Series(SeriesPattern(spec, first, time(18), time(20), ROOM))
    occurrences = series.occurrences()
    assert [o.start.time() for o in occurrences] == [time(18)] * 3
    assert [o.end.time() for o in occurrences] == [time(20)] * 3
    before, after = occurrences[0], occurrences[1]
    assert before.start.date() < clock_change < after.start.date()
    # The change really lies in between: the same 18:00 is another instant in UTC.
    offsets = {o.start.replace(tzinfo=MILAN).utcoffset() for o in (before, after)}
    assert len(offsets) == 2
    utc_gap = after.start.replace(tzinfo=MILAN).astimezone(UTC) - before.start.replace(
        tzinfo=MILAN
    ).astimezone(UTC)
    assert utc_gap != timedelta(days=7)


def test_end_before_start_in_the_pattern_is_refused() -> None:
    with pytest.raises(RecurrenceError, match="fine"):
        Series(pattern(start=time(20), end=time(18))).occurrences()


def test_skips_and_changes_shape_the_occurrences() -> None:
    series = Series(pattern())
    series = skip_dates(series, [date(2026, 12, 8)])
    moved = datetime(2026, 12, 10, 17), datetime(2026, 12, 10, 19)
    series = change_one(series, date(2026, 12, 10), *moved, OTHER_ROOM)
    occurrences = series.occurrences()
    assert [o.original_date for o in occurrences] == [
        d for d in TEN_DATES if d != date(2026, 12, 8)
    ]
    changed = [o for o in occurrences if o.changed]
    assert changed == [Occurrence(date(2026, 12, 10), *moved, OTHER_ROOM, changed=True)]


def test_a_change_may_move_an_occurrence_to_another_day() -> None:
    moved = datetime(2026, 12, 11, 18), datetime(2026, 12, 11, 20)
    series = change_one(Series(pattern()), date(2026, 12, 10), *moved, ROOM)
    occurrence = next(o for o in series.occurrences() if o.original_date == date(2026, 12, 10))
    assert (occurrence.start, occurrence.end) == moved


def test_moving_an_occurrence_back_to_the_pattern_forgets_the_change() -> None:
    day = date(2026, 12, 10)
    series = change_one(
        Series(pattern()), day, datetime(2026, 12, 10, 9), datetime(2026, 12, 10, 11), ROOM
    )
    assert day in series.changes
    series = change_one(series, day, datetime(2026, 12, 10, 18), datetime(2026, 12, 10, 20), ROOM)
    assert series.changes == {}


def test_changing_a_skipped_date_brings_it_back() -> None:
    day = date(2026, 12, 10)
    series = skip_dates(Series(pattern()), [day])
    series = change_one(series, day, datetime(2026, 12, 10, 9), datetime(2026, 12, 10, 11), ROOM)
    assert day not in series.skipped
    assert day in [o.original_date for o in series.occurrences()]


def test_skipping_drops_the_change_of_that_date_and_can_be_undone() -> None:
    day = date(2026, 12, 10)
    series = change_one(
        Series(pattern()), day, datetime(2026, 12, 10, 9), datetime(2026, 12, 10, 11), ROOM
    )
    series = skip_dates(series, [day])
    assert day not in series.changes
    assert day in series.skipped
    assert day in [o.original_date for o in restore_date(series, day).occurrences()]


def test_a_range_of_dates_is_cancelled_in_one_action() -> None:
    series = skip_range(Series(pattern()), date(2026, 12, 20), date(2027, 1, 6))
    assert series.skipped == {
        date(2026, 12, 22),
        date(2026, 12, 24),
        date(2026, 12, 29),
        date(2026, 12, 31),
    }
    assert len(series.occurrences()) == 6


def test_dates_outside_the_series_cannot_be_skipped_or_changed() -> None:
    series = Series(pattern())
    with pytest.raises(RecurrenceError, match="02/12/2026"):
        skip_dates(series, [date(2026, 12, 2)])
    with pytest.raises(RecurrenceError, match="non è una data di questa serie"):
        change_one(
            series, date(2026, 12, 2), datetime(2026, 12, 2, 9), datetime(2026, 12, 2, 10), ROOM
        )


def _with_history() -> Series:
    """A series with a skipped Tuesday, a skipped Thursday, a moved Tuesday and Thursday."""
    series = skip_dates(Series(pattern()), [date(2026, 12, 8), date(2026, 12, 17)])
    series = change_one(
        series, date(2026, 12, 15), datetime(2026, 12, 15, 9), datetime(2026, 12, 15, 11), ROOM
    )
    return change_one(
        series,
        date(2026, 12, 24),
        datetime(2026, 12, 23, 18),
        datetime(2026, 12, 23, 20),
        OTHER_ROOM,
    )


def test_a_whole_series_edit_of_the_time_keeps_every_skip_and_change() -> None:
    series = _with_history()
    edit = edit_whole_series(series, pattern(start=time(19), end=time(21)))
    assert edit.series.skipped == series.skipped
    assert edit.series.changes == series.changes
    assert edit.lost_skips == () and edit.lost_changes == () and edit.messages() == []
    plain = [o for o in edit.series.occurrences() if not o.changed]
    assert {o.start.time() for o in plain} == {time(19)}
    assert len(edit.series.occurrences()) == 8


def test_a_whole_series_edit_reports_what_the_new_rule_no_longer_holds() -> None:
    series = _with_history()
    tuesdays = replace(TUE_THU, weekdays=(1,), count=None, until=date(2026, 12, 31))
    edit = edit_whole_series(series, pattern(spec=tuesdays))
    assert edit.series.skipped == {date(2026, 12, 8)}
    assert set(edit.series.changes) == {date(2026, 12, 15)}
    assert edit.lost_skips == (date(2026, 12, 17),)
    assert [c.original_date for c in edit.lost_changes] == [date(2026, 12, 24)]
    text = " ".join(edit.messages())
    assert "17/12/2026" in text and "24/12/2026" in text


def test_a_whole_series_edit_to_a_rule_without_dates_is_refused() -> None:
    never = RecurrenceSpec(Frequency.WEEKLY, weekdays=(0,), until=date(2026, 12, 6))
    with pytest.raises(RecurrenceError, match="nessuna data"):
        edit_whole_series(_with_history(), pattern(spec=never))


def test_this_and_the_following_splits_a_counted_series() -> None:
    series = _with_history()
    cut = date(2026, 12, 15)  # the fifth date
    split = split_series(series, cut)
    assert split.before is not None
    assert split.before.pattern.dates() == TEN_DATES[:4]
    assert split.before.skipped == {date(2026, 12, 8)}
    assert split.before.changes == {}
    # The new series carries on with the dates that were left, and their history.
    assert split.after.pattern.first_day == cut
    assert split.after.pattern.dates() == TEN_DATES[4:]
    assert split.after.skipped == {date(2026, 12, 17)}
    assert set(split.after.changes) == {date(2026, 12, 15), date(2026, 12, 24)}
    together = split.before.occurrences() + split.after.occurrences()
    assert together == series.occurrences()


def test_this_and_the_following_with_a_new_time() -> None:
    series = Series(pattern(spec=replace(TUE_THU, count=None, until=date(2026, 12, 31))))
    new = replace(
        series.pattern, first_day=date(2026, 12, 17), start_time=time(17), end_time=time(19)
    )
    split = split_series(series, date(2026, 12, 17), new)
    assert split.before is not None
    assert [o.start for o in split.before.occurrences()][-1] == datetime(2026, 12, 15, 18)
    assert [o.start.time() for o in split.after.occurrences()] == [time(17)] * 5


def test_this_and_the_following_reports_history_the_new_rule_loses() -> None:
    series = _with_history()
    tuesdays = RecurrenceSpec(Frequency.WEEKLY, weekdays=(1,), until=date(2026, 12, 31))
    new = replace(series.pattern, spec=tuesdays, first_day=date(2026, 12, 15))
    split = split_series(series, date(2026, 12, 15), new)
    assert split.lost_skips == (date(2026, 12, 17),)
    assert [c.original_date for c in split.lost_changes] == [date(2026, 12, 24)]
    assert split.messages()


def test_this_and_the_following_on_the_first_date_leaves_nothing_before() -> None:
    split = split_series(Series(pattern()), date(2026, 12, 1))
    assert split.before is None
    assert split.after.pattern.dates() == TEN_DATES


def test_this_and_the_following_needs_a_date_of_the_series() -> None:
    with pytest.raises(RecurrenceError):
        split_series(Series(pattern()), date(2026, 12, 2))


def test_skipped_dates_round_trip_and_older_datetime_rows_are_read() -> None:
    days = {date(2026, 12, 8), date(2026, 12, 1)}
    assert skipped_to_json(days) == ["2026-12-01", "2026-12-08"]
    assert skipped_from_json(skipped_to_json(days)) == days
    assert skipped_from_json(["2026-12-08T18:00:00"]) == {date(2026, 12, 8)}
    assert skipped_from_json(None) == frozenset()


def test_occurrence_change_keeps_its_identity_date() -> None:
    change = OccurrenceChange(
        date(2026, 12, 10), datetime(2026, 12, 11, 9), datetime(2026, 12, 11, 10), ROOM
    )
    series = Series(pattern(), changes={change.original_date: change})
    assert [o.original_date for o in series.occurrences()] == TEN_DATES


def test_export_helpers_give_the_rules_own_start_times() -> None:
    series = skip_dates(Series(pattern()), [date(2026, 12, 8), date(2026, 12, 1)])
    series = change_one(
        series, date(2026, 12, 10), datetime(2026, 12, 11, 9), datetime(2026, 12, 11, 10), ROOM
    )
    assert exdates(series) == [datetime(2026, 12, 1, 18), datetime(2026, 12, 8, 18)]
    # The changed occurrence keeps the identity the rule gave it.
    assert original_start(series, date(2026, 12, 10)) == datetime(2026, 12, 10, 18)


def test_a_pattern_is_stored_and_read_back_as_the_series_row_holds_it() -> None:
    p = replace(pattern(), first_day=date(2026, 11, 30))  # a Monday: the rule starts on Tuesday
    rrule, first_start, first_end = p.to_stored()
    assert (rrule, first_start, first_end) == (
        "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10",
        datetime(2026, 12, 1, 18),
        datetime(2026, 12, 1, 20),
    )
    back = SeriesPattern.from_stored(rrule, first_start, first_end, ROOM)
    assert back == pattern()
    assert back.dates() == p.dates() == TEN_DATES


def test_the_demo_datas_series_rows_are_read() -> None:
    from casedesk.domain.demo_data import generate

    data = generate(today=date(2026, 12, 2))
    assert data.booking_series
    for row in data.booking_series:
        p = SeriesPattern.from_stored(row.rrule, row.first_start, row.first_end, row.room_id)
        series = Series(p, skipped_from_json(row.exceptions))
        assert p.dates()[0] == row.first_start.date()
        assert all(o.start.time() == row.first_start.time() for o in series.occurrences())
