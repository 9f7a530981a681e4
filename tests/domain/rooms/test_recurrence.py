"""Repeat rules: RRULE text both ways, the dates they yield, their Italian description."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.domain.rooms.recurrence import (
    MAX_OCCURRENCES,
    Frequency,
    RecurrenceError,
    RecurrenceSpec,
    dates,
    describe,
    from_rrule,
    to_rrule,
)

TUE_THU_TO_JUNE = RecurrenceSpec(Frequency.WEEKLY, weekdays=(1, 3), until=date(2027, 6, 30))
FIRST_TUESDAY_10 = RecurrenceSpec(Frequency.MONTHLY, weekdays=(1,), nth=1, count=10)


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (TUE_THU_TO_JUNE, "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T235959"),
        (FIRST_TUESDAY_10, "FREQ=MONTHLY;BYDAY=1TU;COUNT=10"),
        (
            RecurrenceSpec(Frequency.MONTHLY, weekdays=(4,), nth=-1, interval=2, count=3),
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=3",
        ),
        (
            RecurrenceSpec(Frequency.MONTHLY, month_day=15, count=6),
            "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6",
        ),
        (RecurrenceSpec(Frequency.DAILY, interval=3, count=5), "FREQ=DAILY;INTERVAL=3;COUNT=5"),
        (
            RecurrenceSpec(Frequency.WEEKLY, interval=2, weekdays=(0,), count=8),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=8",
        ),
    ],
)
def test_rrule_text_both_ways(spec: RecurrenceSpec, text: str) -> None:
    assert to_rrule(spec) == text
    assert from_rrule(text) == spec
    assert from_rrule("RRULE:" + text) == spec


def test_weekdays_are_written_in_week_order_whatever_the_order_chosen() -> None:
    spec = RecurrenceSpec(Frequency.WEEKLY, weekdays=(3, 1), count=4)
    assert to_rrule(spec) == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Other programs' equivalents of our shapes.
        (
            "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1;COUNT=4",
            RecurrenceSpec(Frequency.MONTHLY, weekdays=(1,), nth=-1, count=4),
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270115",
            RecurrenceSpec(Frequency.WEEKLY, weekdays=(0,), until=date(2027, 1, 15)),
        ),
        (
            "FREQ=WEEKLY;WKST=MO;BYDAY=MO;UNTIL=20270115T225959Z",
            RecurrenceSpec(Frequency.WEEKLY, weekdays=(0,), until=date(2027, 1, 15)),
        ),
        ("freq=daily;count=2", RecurrenceSpec(Frequency.DAILY, count=2)),
    ],
)
def test_equivalent_rrule_forms_are_read(text: str, expected: RecurrenceSpec) -> None:
    assert from_rrule(text) == expected


def test_a_rule_without_byday_takes_the_first_days_weekday_or_day() -> None:
    wednesday = date(2026, 12, 2)
    assert from_rrule("FREQ=WEEKLY;COUNT=3", wednesday).weekdays == (2,)
    assert from_rrule("FREQ=MONTHLY;COUNT=3", wednesday).month_day == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("FREQ=YEARLY;COUNT=2", "giornaliere, settimanali o mensili"),
        ("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;COUNT=2", "BYHOUR"),
        ("FREQ=WEEKLY;BYDAY=MO;WKST=SU;COUNT=2", "WKST"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=2", "1,15"),
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=1", "non è leggibile"),
        ("non è una regola", "non è leggibile"),
        ("FREQ=WEEKLY;BYDAY=MO", "data di fine oppure quante volte"),
        ("FREQ=WEEKLY;COUNT=3", "almeno un giorno"),
    ],
)
def test_rules_we_do_not_offer_are_refused_in_italian(text: str, words: str) -> None:
    with pytest.raises(RecurrenceError) as info:
        from_rrule(text)
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (RecurrenceSpec(Frequency.WEEKLY, count=3), "almeno un giorno della settimana"),
        (RecurrenceSpec(Frequency.WEEKLY, weekdays=(1,)), "data di fine oppure"),
        (
            RecurrenceSpec(Frequency.WEEKLY, weekdays=(1,), count=3, until=date(2027, 1, 1)),
            "una sola delle due",
        ),
        (RecurrenceSpec(Frequency.DAILY, interval=0, count=3), "almeno 1"),
        (RecurrenceSpec(Frequency.DAILY, count=0), "tra 1 e"),
        (RecurrenceSpec(Frequency.DAILY, count=MAX_OCCURRENCES + 1), "tra 1 e"),
        (RecurrenceSpec(Frequency.MONTHLY, count=3), "un giorno del mese"),
        (RecurrenceSpec(Frequency.MONTHLY, month_day=32, count=3), "tra 1 e 31"),
        (RecurrenceSpec(Frequency.MONTHLY, weekdays=(1, 2), nth=1, count=3), "un solo giorno"),
        (RecurrenceSpec(Frequency.MONTHLY, weekdays=(1,), nth=6, count=3), "ultimo"),
        (RecurrenceSpec(Frequency.WEEKLY, weekdays=(7,), count=3), "non sono validi"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec: RecurrenceSpec, words: str) -> None:
    assert any(words in p for p in spec.problems())
    with pytest.raises(RecurrenceError):
        to_rrule(spec)


def test_a_rule_that_yields_no_date_is_an_error_in_italian() -> None:
    # Mondays only, ending on the Thursday of the week it starts (a Tuesday).
    spec = RecurrenceSpec(Frequency.WEEKLY, weekdays=(0,), until=date(2026, 12, 3))
    with pytest.raises(RecurrenceError, match="non produce nessuna data"):
        dates(spec, date(2026, 12, 1))


def test_too_many_dates_are_refused() -> None:
    spec = RecurrenceSpec(Frequency.DAILY, until=date(2030, 1, 1))
    with pytest.raises(RecurrenceError, match="più di"):
        dates(spec, date(2026, 1, 1))


def test_weekly_dates_fall_on_the_chosen_days_up_to_the_end_date() -> None:
    first = date(2026, 12, 2)  # a Wednesday: the series starts on the Thursday
    got = dates(TUE_THU_TO_JUNE, first)
    expected = [
        first + timedelta(days=i)
        for i in range((TUE_THU_TO_JUNE.until - first).days + 1)  # type: ignore[operator]
        if (first + timedelta(days=i)).weekday() in (1, 3)
    ]
    assert got == expected
    assert got[0] == date(2026, 12, 3)


def test_first_tuesday_of_the_month() -> None:
    got = dates(FIRST_TUESDAY_10, date(2026, 12, 1))
    assert len(got) == 10
    assert all(d.weekday() == 1 and d.day <= 7 for d in got)
    assert len({(d.year, d.month) for d in got}) == 10


def test_last_sunday_of_the_month_every_two_months() -> None:
    spec = RecurrenceSpec(Frequency.MONTHLY, weekdays=(6,), nth=-1, interval=2, count=4)
    got = dates(spec, date(2026, 11, 1))
    for d in got:
        assert d.weekday() == 6
        assert d.day + 7 > calendar.monthrange(d.year, d.month)[1]
    assert [d.month for d in got] == [11, 1, 3, 5]


def test_the_31st_skips_the_months_without_it() -> None:
    spec = RecurrenceSpec(Frequency.MONTHLY, month_day=31, until=date(2027, 12, 31))
    got = dates(spec, date(2027, 1, 1))
    assert [d.month for d in got] == [1, 3, 5, 7, 8, 10, 12]


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (TUE_THU_TO_JUNE, "ogni martedì e giovedì fino al 30/06/2027"),
        (FIRST_TUESDAY_10, "il primo martedì del mese, 10 volte"),
        (
            RecurrenceSpec(Frequency.MONTHLY, weekdays=(6,), nth=1, count=3),
            "la prima domenica del mese, 3 volte",
        ),
        (
            RecurrenceSpec(Frequency.MONTHLY, weekdays=(4,), nth=-1, count=1),
            "l'ultimo venerdì del mese, una volta",
        ),
        (
            RecurrenceSpec(Frequency.MONTHLY, weekdays=(6,), nth=-1, interval=2, count=2),
            "l'ultima domenica del mese, ogni 2 mesi, 2 volte",
        ),
        (
            RecurrenceSpec(Frequency.MONTHLY, month_day=15, count=6),
            "il giorno 15 di ogni mese, 6 volte",
        ),
        (
            RecurrenceSpec(Frequency.MONTHLY, month_day=15, interval=3, count=6),
            "il giorno 15, ogni 3 mesi, 6 volte",
        ),
        (RecurrenceSpec(Frequency.DAILY, count=5), "ogni giorno, 5 volte"),
        (
            RecurrenceSpec(Frequency.DAILY, interval=2, until=date(2027, 1, 8)),
            "ogni 2 giorni fino al 08/01/2027",
        ),
        (
            RecurrenceSpec(Frequency.WEEKLY, interval=2, weekdays=(0, 2, 4), count=9),
            "ogni 2 settimane, il lunedì, il mercoledì e il venerdì, 9 volte",
        ),
        (
            RecurrenceSpec(Frequency.WEEKLY, interval=2, weekdays=(6,), count=2),
            "ogni 2 settimane, la domenica, 2 volte",
        ),
        (RecurrenceSpec(Frequency.WEEKLY, weekdays=(5,), count=2), "ogni sabato, 2 volte"),
    ],
)
def test_italian_description(spec: RecurrenceSpec, text: str) -> None:
    assert describe(spec) == text


# --- properties: round trip, and dates against a day-by-day oracle ---------------------------


@st.composite
def specs(draw: st.DrawFn) -> RecurrenceSpec:
    frequency = draw(st.sampled_from(list(Frequency)))
    interval = draw(st.integers(1, 4))
    weekdays: tuple[int, ...] = ()
    month_day = nth = None
    if frequency is Frequency.WEEKLY:
        weekdays = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1))))
    elif frequency is Frequency.MONTHLY:
        if draw(st.booleans()):
            month_day = draw(st.integers(1, 31))
        else:
            weekdays = (draw(st.integers(0, 6)),)
            nth = draw(st.sampled_from([1, 2, 3, 4, 5, -1]))
    if draw(st.booleans()):
        return RecurrenceSpec(
            frequency, interval, weekdays, month_day, nth, count=draw(st.integers(1, 40))
        )
    until = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    return RecurrenceSpec(frequency, interval, weekdays, month_day, nth, until=until)


def _matches(spec: RecurrenceSpec, first: date, d: date) -> bool:
    """Whether the rule yields `d`, worked out by hand (weeks start on Monday)."""
    if spec.frequency is Frequency.DAILY:
        return (d - first).days % spec.interval == 0
    if spec.frequency is Frequency.WEEKLY:
        week0 = first - timedelta(days=first.weekday())
        weeks = (d - timedelta(days=d.weekday()) - week0).days // 7
        return weeks % spec.interval == 0 and d.weekday() in spec.weekdays
    months = (d.year - first.year) * 12 + d.month - first.month
    if months % spec.interval:
        return False
    if spec.month_day is not None:
        return d.day == spec.month_day
    if d.weekday() != spec.weekdays[0]:
        return False
    if spec.nth == -1:
        return d.day + 7 > calendar.monthrange(d.year, d.month)[1]
    return (d.day - 1) // 7 + 1 == spec.nth


def _oracle(spec: RecurrenceSpec, first: date) -> list[date]:
    out: list[date] = []
    d = first
    while len(out) < (spec.count or MAX_OCCURRENCES) and d <= (spec.until or date(2100, 1, 1)):
        if _matches(spec, first, d):
            out.append(d)
        d += timedelta(days=1)
    return out


@settings(max_examples=150, deadline=None)
@given(spec=specs())
def test_rrule_text_round_trips(spec: RecurrenceSpec) -> None:
    assert from_rrule(to_rrule(spec)) == spec


@settings(max_examples=150, deadline=None)
@given(spec=specs(), offset=st.integers(0, 365))
def test_dates_agree_with_a_day_by_day_oracle(spec: RecurrenceSpec, offset: int) -> None:
    first = date(2026, 1, 1) + timedelta(days=offset)
    expected = _oracle(spec, first)
    if not expected:
        with pytest.raises(RecurrenceError):
            dates(spec, first)
    else:
        assert dates(spec, first) == expected


@pytest.mark.parametrize(
    ("until", "text"),
    [
        (date(2027, 6, 30), "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T215959Z"),  # summer: UTC+2
        (date(2027, 1, 15), "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270115T225959Z"),  # winter: UTC+1
    ],
)
def test_until_in_utc_for_an_export_with_a_time_zone(until: date, text: str) -> None:
    spec = replace(TUE_THU_TO_JUNE, until=until)
    assert to_rrule(spec, utc_until=True) == text
    assert from_rrule(text) == spec


def test_a_utc_until_is_read_as_its_date_in_milan() -> None:
    # 23:30 UTC on 30 June is already 1 July in Milan.
    assert from_rrule("FREQ=DAILY;UNTIL=20270630T233000Z").until == date(2027, 7, 1)
