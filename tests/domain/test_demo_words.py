"""The demo's word lists: found as package data, complete, and checked when loaded."""

from __future__ import annotations

import copy
from importlib.resources import files
from typing import Any

import pytest

from casedesk.domain.associations import DEFAULT_SECTORS
from casedesk.domain.demo_data import words
from casedesk.domain.enums import RoomKind


def test_every_list_is_found_and_filled() -> None:
    loaded = words.load_words()
    assert len(loaded.surnames) >= 50 and len(loaded.localities) >= 30
    assert set(loaded.sector_texts) == set(DEFAULT_SECTORS)
    assert set(loaded.booking_titles) == set(RoomKind)
    assert loaded.rooms[loaded.interview_room].kind is RoomKind.MEETING
    assert {o.username for o in loaded.operators} == {"chiara", "marco", "samira"}
    for event in loaded.house_events:
        assert event.start < event.end and 0 <= event.room < len(loaded.rooms)


def test_every_word_file_is_read() -> None:
    folder = files(words._PACKAGE).joinpath(words.WORDS_FOLDER)
    on_disk = {item.name for item in folder.iterdir() if item.name.endswith(".json")}
    read: list[str] = []
    original = words._read

    def spy(name: str) -> dict[str, Any]:
        read.append(name)
        return original(name)

    words.load_words.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(words, "_read", spy)
            words.load_words()
    finally:
        words.load_words.cache_clear()
    assert {f"{name}.json" for name in read} == on_disk


def broken(file: str, change: Any) -> None:
    """Load the words with `change` applied to one file's data; expect WordsError."""
    original = words._read

    def patched(name: str) -> dict[str, Any]:
        data = copy.deepcopy(original(name))
        if name == file:
            change(data)
        return data

    words.load_words.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(words, "_read", patched)
            with pytest.raises(words.WordsError):
                words.load_words()
    finally:
        words.load_words.cache_clear()


def test_a_sector_without_texts_is_refused() -> None:
    broken("associations", lambda d: d["sector_texts"].pop("giovani"))


def test_an_empty_list_is_refused() -> None:
    broken("people", lambda d: d.__setitem__("surnames", []))


def test_an_unknown_room_is_refused() -> None:
    broken("calendar", lambda d: d["house_events"][0].__setitem__("room", "Sala che non c'è"))


def test_a_bad_time_is_refused() -> None:
    broken("calendar", lambda d: d["series"][0].__setitem__("start", "25:00"))


def test_a_room_kind_without_titles_is_refused() -> None:
    broken("calendar", lambda d: d["booking_titles"].pop("events"))
