"""The demo's word lists, read from the JSON files in `words/` beside this module.

Names, streets, descriptions and the like are data, not code: whoever tunes the demo
edits a JSON file. The files are package data (pyproject's package-data, and the
PyInstaller spec ships them), read with importlib.resources so that the same code finds
them in a source checkout, an installed wheel and the frozen program. The domain may not
use casedesk.paths (it pulls in SQLAlchemy), hence package data rather than `resources/`.

Loaded once, on first use: importing the generator costs nothing at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from functools import cache
from importlib.resources import files
from typing import Any

from casedesk.domain.associations import DEFAULT_SECTORS
from casedesk.domain.enums import Role, RoomKind

WORDS_FOLDER = "words"
_PACKAGE = "casedesk.domain.demo_data"


@dataclass(frozen=True)
class OperatorWords:
    full_name: str
    username: str
    password: str
    role: Role


@dataclass(frozen=True)
class RoomWords:
    name: str
    kind: RoomKind
    capacity: int
    equipment: str


@dataclass(frozen=True)
class HouseEvent:
    """An event of the house itself, on the `offset`-th opening day of the calendar."""

    title: str
    room: int  # index in Words.rooms
    offset: int
    start: time
    end: time
    people: int


@dataclass(frozen=True)
class WeeklySeries:
    title: str
    room: int  # index in Words.rooms
    weekday: int  # 0 = Monday
    start: time
    end: time
    people: int
    sector: str  # preferred sector of the association that holds it


@dataclass(frozen=True)
class Words:
    house_name: str
    house_address: str
    house_phone: str
    house_email: str
    operators: tuple[OperatorWords, ...]
    rooms: tuple[RoomWords, ...]
    interview_room: int  # index in rooms of the room kept for appointments
    first_names_female: tuple[str, ...]
    first_names_male: tuple[str, ...]
    surnames: tuple[str, ...]
    first_names_world: tuple[str, ...]
    surnames_world: tuple[str, ...]
    mobile_prefixes: tuple[str, ...]
    localities: tuple[str, ...]
    streets: tuple[tuple[str, str], ...]  # (street, postcode)
    themes: tuple[tuple[str, str], ...]  # (distinctive part of a name, main sector)
    sector_texts: Mapping[str, tuple[str, ...]]
    volunteer_asks: tuple[str, ...]
    association_notes: tuple[str, ...]
    suspended_reasons: tuple[str, ...]
    ceased_reasons: tuple[str, ...]
    booking_titles: Mapping[RoomKind, tuple[str, ...]]
    booking_notes: tuple[str, ...]
    house_events: tuple[HouseEvent, ...]
    series: tuple[WeeklySeries, ...]
    outcomes_held: tuple[str, ...]
    outcomes_no_show: tuple[str, ...]
    outcomes_cancelled: tuple[str, ...]
    appointment_notes: tuple[str, ...]
    not_applicable: Mapping[str, tuple[str, ...]]  # requirement code -> reasons
    missing_notes: tuple[str, ...]
    override_reason: str
    cancel_reason: str


class WordsError(ValueError):
    """A demo word file is missing a list or holds something of the wrong kind."""


def _read(name: str) -> dict[str, Any]:
    text = files(_PACKAGE).joinpath(WORDS_FOLDER, f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise WordsError(f"{name}.json: expected an object")
    return data


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise WordsError(f"{where}: expected text, found {value!r}")
    return value


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise WordsError(f"{where}: expected a whole number, found {value!r}")
    return value


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise WordsError(f"{where}: expected a non-empty list")
    return tuple(_str(item, where) for item in value)


def _time(value: Any, where: str) -> time:
    try:
        return time.fromisoformat(_str(value, where))
    except ValueError:
        raise WordsError(f"{where}: {value!r} is not a time like 09:30") from None


def _room_index(rooms: tuple[RoomWords, ...], name: Any, where: str) -> int:
    names = [room.name for room in rooms]
    if name not in names:
        raise WordsError(f"{where}: no room is called {name!r}")
    return names.index(name)


def _lists(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise WordsError(f"{where}: expected an object")
    return {_str(key, where): _strs(items, f"{where}.{key}") for key, items in value.items()}


@cache
def load_words() -> Words:
    """Every word list, checked: a broken file fails here, not halfway through a demo."""
    house, people, places = _read("house"), _read("people"), _read("places")
    associations, calendar = _read("associations"), _read("calendar")
    appointments, papers = _read("appointments"), _read("papers")

    rooms = tuple(
        RoomWords(
            _str(r["name"], "house.rooms"),
            RoomKind(r["kind"]),
            _int(r["capacity"], "house.rooms"),
            _str(r["equipment"], "house.rooms"),
        )
        for r in house["rooms"]
    )
    themes = tuple(
        (_str(t["name"], "associations.themes"), _str(t["sector"], "associations.themes"))
        for t in associations["themes"]
    )
    sector_texts = _lists(associations["sector_texts"], "associations.sector_texts")
    # Every default sector is drawn, as a main sector or as a further one: each needs texts.
    if set(sector_texts) != set(DEFAULT_SECTORS):
        raise WordsError("associations.sector_texts: one list per default sector, no others")
    if {sector for _, sector in themes} - set(DEFAULT_SECTORS):
        raise WordsError("associations.themes: a theme's sector is not a default sector")
    titles = _lists(calendar["booking_titles"], "calendar.booking_titles")
    booking_titles = {RoomKind(kind): items for kind, items in titles.items()}
    if set(booking_titles) != set(RoomKind):
        raise WordsError("calendar.booking_titles: every kind of room needs its titles")

    return Words(
        house_name=_str(house["house"]["name"], "house.name"),
        house_address=_str(house["house"]["address"], "house.address"),
        house_phone=_str(house["house"]["phone"], "house.phone"),
        house_email=_str(house["house"]["email"], "house.email"),
        operators=tuple(
            OperatorWords(
                _str(o["full_name"], "house.operators"),
                _str(o["username"], "house.operators"),
                _str(o["password"], "house.operators"),
                Role(o["role"]),
            )
            for o in house["operators"]
        ),
        rooms=rooms,
        interview_room=_room_index(rooms, house["interview_room"], "house.interview_room"),
        first_names_female=_strs(people["first_names_female"], "people.first_names_female"),
        first_names_male=_strs(people["first_names_male"], "people.first_names_male"),
        surnames=_strs(people["surnames"], "people.surnames"),
        first_names_world=_strs(people["first_names_world"], "people.first_names_world"),
        surnames_world=_strs(people["surnames_world"], "people.surnames_world"),
        mobile_prefixes=_strs(people["mobile_prefixes"], "people.mobile_prefixes"),
        localities=_strs(places["localities"], "places.localities"),
        streets=tuple(
            (_str(s["street"], "places.streets"), _str(s["postcode"], "places.streets"))
            for s in places["streets"]
        ),
        themes=themes,
        sector_texts=sector_texts,
        volunteer_asks=_strs(associations["volunteer_asks"], "associations.volunteer_asks"),
        association_notes=_strs(associations["notes"], "associations.notes"),
        suspended_reasons=_strs(
            associations["suspended_reasons"], "associations.suspended_reasons"
        ),
        ceased_reasons=_strs(associations["ceased_reasons"], "associations.ceased_reasons"),
        booking_titles=booking_titles,
        booking_notes=_strs(calendar["booking_notes"], "calendar.booking_notes"),
        house_events=tuple(
            HouseEvent(
                _str(e["title"], "calendar.house_events"),
                _room_index(rooms, e["room"], "calendar.house_events"),
                _int(e["offset"], "calendar.house_events"),
                _time(e["start"], "calendar.house_events"),
                _time(e["end"], "calendar.house_events"),
                _int(e["people"], "calendar.house_events"),
            )
            for e in calendar["house_events"]
        ),
        series=tuple(
            WeeklySeries(
                _str(s["title"], "calendar.series"),
                _room_index(rooms, s["room"], "calendar.series"),
                _int(s["weekday"], "calendar.series"),
                _time(s["start"], "calendar.series"),
                _time(s["end"], "calendar.series"),
                _int(s["people"], "calendar.series"),
                _str(s["sector"], "calendar.series"),
            )
            for s in calendar["series"]
        ),
        outcomes_held=_strs(appointments["outcomes_held"], "appointments.outcomes_held"),
        outcomes_no_show=_strs(appointments["outcomes_no_show"], "appointments.outcomes_no_show"),
        outcomes_cancelled=_strs(
            appointments["outcomes_cancelled"], "appointments.outcomes_cancelled"
        ),
        appointment_notes=_strs(appointments["notes"], "appointments.notes"),
        not_applicable=_lists(papers["not_applicable"], "papers.not_applicable"),
        missing_notes=_strs(papers["missing_notes"], "papers.missing_notes"),
        override_reason=_str(papers["override_reason"], "papers.override_reason"),
        cancel_reason=_str(papers["cancel_reason"], "papers.cancel_reason"),
    )
