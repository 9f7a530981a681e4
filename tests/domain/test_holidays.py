"""The house's holidays: Italy's public holidays in Italian, and Milan's Sant'Ambrogio."""

from __future__ import annotations

from datetime import date

from casedesk.domain.holidays import holidays_between, house_holidays, is_holiday


def test_4_october_is_a_national_holiday_again_from_2026() -> None:
    assert "San Francesco" in house_holidays(2026)[date(2026, 10, 4)]
    assert "San Francesco" in house_holidays(2027)[date(2027, 10, 4)]
    assert date(2025, 10, 4) not in house_holidays(2025)


def test_sant_ambrogio_is_a_holiday_in_milan() -> None:
    for year in (2025, 2026, 2030):
        assert house_holidays(year)[date(year, 12, 7)] == "Sant'Ambrogio"


def test_easter_monday_moves_with_easter() -> None:
    assert house_holidays(2026)[date(2026, 4, 6)] == "Lunedì dell'Angelo"
    assert house_holidays(2027)[date(2027, 3, 29)] == "Lunedì dell'Angelo"
    assert date(2027, 4, 6) not in house_holidays(2027)


def test_names_are_italian() -> None:
    names = house_holidays(2026)
    assert names[date(2026, 1, 1)] == "Capodanno"
    assert names[date(2026, 4, 25)] == "Anniversario della Liberazione"
    assert names[date(2026, 12, 25)] == "Natale"
    assert names[date(2026, 12, 26)] == "Santo Stefano"


def test_several_years_in_date_order() -> None:
    both = house_holidays([2027, 2026])
    assert list(both) == sorted(both)
    assert date(2026, 12, 8) in both and date(2027, 12, 8) in both
    assert both == {**house_holidays(2026), **house_holidays(2027)}


def test_holidays_between_includes_both_ends() -> None:
    days = holidays_between(date(2026, 12, 7), date(2027, 1, 6))
    assert list(days) == [
        date(2026, 12, 7),
        date(2026, 12, 8),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2027, 1, 1),
        date(2027, 1, 6),
    ]
    assert holidays_between(date(2026, 12, 9), date(2026, 12, 24)) == {}
    assert holidays_between(date(2026, 12, 26), date(2026, 12, 1)) == {}


def test_a_returned_dict_is_the_callers_own() -> None:
    house_holidays(2026).clear()
    assert is_holiday(date(2026, 12, 7))
    assert not is_holiday(date(2026, 12, 9))
