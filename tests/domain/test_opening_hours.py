"""Opening hours as the desk types them, stored as JSON, described in Italian."""

from __future__ import annotations

import json
from datetime import datetime, time

import pytest

from casedesk.domain.opening_hours import (
    DEFAULT_OPENING_HOURS,
    OpeningHours,
    OpeningHoursError,
    describe,
    fits_day,
    format_day,
    from_json,
    parse_day,
    to_json,
    within_opening_hours,
)

MORNING_AND_AFTERNOON = [(time(9, 0), time(13, 0)), (time(14, 0), time(18, 0))]


@pytest.mark.parametrize(
    "text",
    [
        "9:00-13:00, 14:00-18:00",
        "9.00-13.00, 14.00-18.00",
        "09:00-13:00,14:00-18:00",
        "  9:00 - 13:00 ,  14:00 – 18:00  ",  # spaces and an en dash
        "9.00-13:00, 14:00-18.00",
        "9-13, 14-18",
    ],
)
def test_parse_two_intervals(text: str) -> None:
    assert parse_day(text) == MORNING_AND_AFTERNOON


def test_parse_single_interval_with_minutes() -> None:
    assert parse_day("8:30-12:45") == [(time(8, 30), time(12, 45))]


@pytest.mark.parametrize("text", ["", "   ", "chiuso", "Chiuso", "CHIUSO ", "chiusa", "-"])
def test_closed_day(text: str) -> None:
    assert parse_day(text) == []


def test_touching_intervals_are_allowed() -> None:
    assert parse_day("9:00-13:00, 13:00-15:00") == [
        (time(9, 0), time(13, 0)),
        (time(13, 0), time(15, 0)),
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("25:00-26:00", "inesistente"),
        ("9:60-10:00", "inesistente"),
        ("13:00-9:00", "precede"),
        ("9:00-9:00", "precede"),
        ("9:00-13:00, 12:00-14:00", "sovrapposti"),
        ("14:00-18:00, 9:00-13:00", "in ordine"),
        ("dalle nove all'una", "non è un orario"),
        ("dalle 9", "non è un orario"),
        ("9:00", "non è un orario"),
        ("9:00-13:00,", "non è un orario"),
        ("9:00-13:00; 14:00-18:00", "non è un orario"),
        ("9:0-13:00", "non è un orario"),
    ],
)
def test_invalid_input_raises_an_italian_message(text: str, fragment: str) -> None:
    with pytest.raises(OpeningHoursError) as excinfo:
        parse_day(text)
    assert fragment in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)


def test_the_bad_part_is_quoted_in_the_message() -> None:
    with pytest.raises(OpeningHoursError, match="«boh»"):
        parse_day("9:00-13:00, boh")


def test_format_day() -> None:
    assert format_day([]) == "chiuso"
    assert format_day(MORNING_AND_AFTERNOON) == "09:00-13:00, 14:00-18:00"


@pytest.mark.parametrize("text", ["9:00-13:00, 14:30-18:00", "chiuso", "7.15-8.45"])
def test_format_then_parse_round_trips(text: str) -> None:
    intervals = parse_day(text)
    assert parse_day(format_day(intervals)) == intervals


def test_to_json_covers_every_weekday_with_string_keys() -> None:
    hours: OpeningHours = {0: [(time(9, 0), time(12, 30))], 5: []}
    data = to_json(hours)
    assert data == {
        "0": [["09:00", "12:30"]],
        "1": [],
        "2": [],
        "3": [],
        "4": [],
        "5": [],
        "6": [],
    }
    json.dumps(data)  # JSON-serialisable as is


def test_json_round_trip_of_the_defaults() -> None:
    assert from_json(to_json(DEFAULT_OPENING_HOURS)) == DEFAULT_OPENING_HOURS


def test_json_round_trip_through_text() -> None:
    hours: OpeningHours = {
        0: [(time(9, 0), time(13, 0))],
        1: [],
        2: [(time(8, 30), time(12, 0)), (time(15, 0), time(19, 45))],
        3: [],
        4: [(time(9, 0), time(18, 0))],
        5: [(time(10, 0), time(12, 0))],
        6: [],
    }
    assert from_json(json.loads(json.dumps(to_json(hours)))) == hours


@pytest.mark.parametrize("data", [None, {}])
def test_from_json_of_nothing_is_closed_all_week(data: dict | None) -> None:
    assert from_json(data) == {day: [] for day in range(7)}


def test_describe_gives_seven_italian_lines() -> None:
    lines = describe(DEFAULT_OPENING_HOURS)
    assert lines == [
        "Lunedì: 09:00-13:00, 14:00-18:00",
        "Martedì: 09:00-13:00, 14:00-18:00",
        "Mercoledì: 09:00-13:00, 14:00-18:00",
        "Giovedì: 09:00-13:00, 14:00-18:00",
        "Venerdì: 09:00-13:00, 14:00-18:00",
        "Sabato: chiuso",
        "Domenica: chiuso",
    ]


def test_describe_treats_missing_days_as_closed() -> None:
    lines = describe({2: [(time(10, 0), time(11, 0))]})
    assert len(lines) == 7
    assert lines[0] == "Lunedì: chiuso"
    assert lines[2] == "Mercoledì: 10:00-11:00"


def test_defaults_are_weekdays_nine_to_six_with_lunch_break() -> None:
    assert set(DEFAULT_OPENING_HOURS) == set(range(7))
    for day in range(5):
        assert DEFAULT_OPENING_HOURS[day] == MORNING_AND_AFTERNOON
    assert DEFAULT_OPENING_HOURS[5] == [] and DEFAULT_OPENING_HOURS[6] == []


def test_within_opening_hours_means_inside_one_interval_of_the_day() -> None:
    hours = DEFAULT_OPENING_HOURS
    monday = datetime(2026, 11, 30)
    assert within_opening_hours(hours, monday.replace(hour=9), monday.replace(hour=13))
    assert within_opening_hours(hours, monday.replace(hour=14), monday.replace(hour=15))
    # Across the lunch break, before opening, empty or reversed ranges, a closed day.
    assert not within_opening_hours(hours, monday.replace(hour=12), monday.replace(hour=14))
    assert not within_opening_hours(hours, monday.replace(hour=8), monday.replace(hour=10))
    assert not within_opening_hours(hours, monday.replace(hour=10), monday.replace(hour=10))
    assert not within_opening_hours(hours, monday.replace(hour=11), monday.replace(hour=10))
    saturday = datetime(2026, 12, 5)
    assert not within_opening_hours(hours, saturday.replace(hour=10), saturday.replace(hour=11))
    # A range that ends on another day.
    assert not within_opening_hours(hours, monday.replace(hour=17), datetime(2026, 12, 1, 9))


def test_fits_day_by_weekday() -> None:
    assert fits_day(DEFAULT_OPENING_HOURS, 0, time(9, 30), time(12, 30))
    assert not fits_day(DEFAULT_OPENING_HOURS, 0, time(9, 30), time(14, 30))
    assert not fits_day(DEFAULT_OPENING_HOURS, 6, time(9, 30), time(12, 30))
