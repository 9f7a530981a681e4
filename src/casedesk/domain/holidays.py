"""The days the house is closed by law: Italy's public holidays and Milan's patron saint.

The list comes from the `holidays` package (kept up to date by its maintainers: the
national holiday of 4 October, San Francesco, is back from 2026) rather than from a
hand-written table that falls behind the law. Names are the Italian ones the desk uses.

The package also lists Sundays that the law names (Pasqua, the Giorno dell'unità
nazionale on the first Sunday of November): they are holidays, and the house is closed
on Sundays anyway, so they are kept rather than filtered out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

# The house is in the Comune di Milano: the province's code selects Sant'Ambrogio (7 December).
HOUSE_PROVINCE = "MI"
_COUNTRY = "IT"
_LANGUAGE = "it_IT"


@lru_cache(maxsize=64)
def _year(year: int) -> tuple[tuple[date, str], ...]:
    # Imported on first use: the package takes about 0.1 s to import, which start-up
    # should not pay for.
    from holidays import country_holidays

    calendar = country_holidays(_COUNTRY, subdiv=HOUSE_PROVINCE, years=year, language=_LANGUAGE)
    return tuple(sorted(calendar.items()))


def house_holidays(years: int | Iterable[int]) -> dict[date, str]:
    """The holidays of one year or of several, in date order, with their Italian names.

    A day with two holidays (1 November 2026 is Ognissanti and the Giorno dell'unità
    nazionale) has one entry whose names are joined by «; ».
    """
    wanted = sorted({years} if isinstance(years, int) else set(years))
    return {day: name for year in wanted for day, name in _year(year)}


def holidays_between(first: date, last: date) -> dict[date, str]:
    """The holidays from `first` to `last`, both included, in date order."""
    if last < first:
        return {}
    return {
        day: name
        for day, name in house_holidays(range(first.year, last.year + 1)).items()
        if first <= day <= last
    }


def is_holiday(day: date) -> bool:
    return day in house_holidays(day.year)
