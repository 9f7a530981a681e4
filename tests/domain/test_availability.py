"""Availability: the free text parsed into weekly windows, the rest kept as a note."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.domain.availability import (
    AvailabilityException,
    AvailabilityWindow,
    away_days,
    describe_exception,
    describe_windows,
    is_away,
    normalise_windows,
    parse_availability,
    within_windows,
)
from casedesk.domain.demo_data import generate

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def w(day: int, start: str, end: str) -> AvailabilityWindow:
    return AvailabilityWindow(day, time.fromisoformat(start), time.fromisoformat(end))


@pytest.mark.parametrize(
    ("text", "windows"),
    [
        ("martedì e venerdì 10-13", [w(TUE, "10:00", "13:00"), w(FRI, "10:00", "13:00")]),
        (
            "lun-mer 9:30-12:30",
            [w(MON, "09:30", "12:30"), w(TUE, "09:30", "12:30"), w(WED, "09:30", "12:30")],
        ),
        ("giovedì 15-18 e sabato 10-12", [w(THU, "15:00", "18:00"), w(SAT, "10:00", "12:00")]),
        ("tutti i giorni 9-13", [w(d, "09:00", "13:00") for d in range(7)]),
        ("martedi dalle 10 alle 13", [w(TUE, "10:00", "13:00")]),
        ("MARTEDÌ 10-13", [w(TUE, "10:00", "13:00")]),
        ("mar, gio 9.30-12.30", [w(TUE, "09:30", "12:30"), w(THU, "09:30", "12:30")]),
        ("Mer 9-12 e 14-17", [w(WED, "09:00", "12:00"), w(WED, "14:00", "17:00")]),
        (
            "dal lunedì al venerdì ore 10-12",
            [w(d, "10:00", "12:00") for d in (MON, TUE, WED, THU, FRI)],
        ),
        ("da lunedì a mercoledì, 9-11", [w(d, "09:00", "11:00") for d in (MON, TUE, WED)]),
        ("il sabato dalle ore 10 alle ore 12", [w(SAT, "10:00", "12:00")]),
        ("ven-lun 10-11", [w(d, "10:00", "11:00") for d in (MON, FRI, SAT, SUN)]),
        ("venerdi' 16:00–18:00", [w(FRI, "16:00", "18:00")]),
        ("lunedì, mercoledì e venerdì 9:30-12:30", [w(d, "09:30", "12:30") for d in (0, 2, 4)]),
        ("lun 9-12, lun 11-13", [w(MON, "09:00", "13:00")]),
        ("ogni giovedì 15-18", [w(THU, "15:00", "18:00")]),
        ("dalle 15 alle 18 il giovedì", [w(THU, "15:00", "18:00")]),
        ("10-12 lun e mer", [w(MON, "10:00", "12:00"), w(WED, "10:00", "12:00")]),
    ],
)
def test_texts_the_desk_writes_parse_completely(
    text: str, windows: list[AvailabilityWindow]
) -> None:
    parsed = parse_availability(text)
    assert parsed.windows == tuple(sorted(windows))
    assert parsed.note == ""


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("solo per email", "solo per email"),
        ("su appuntamento, scrivendo una email", "su appuntamento, scrivendo una email"),
        ("mar e gio 9-13 (telefonare prima)", "(telefonare prima)"),
        ("Meglio il pomeriggio; martedì 15-18", "Meglio il pomeriggio"),
        ("lun 10-12, poi ad agosto chiuso, ven 9-11", "poi ad agosto chiuso"),
        # Impossible times are not guessed: the clause stays, verbatim.
        ("giovedì 25-26", "giovedì 25-26"),
        ("giovedì 13-10", "giovedì 13-10"),
        ("venerdì 20-24", "venerdì 20-24"),
        # «marzo» is not «mar»: no window from a month.
        ("a marzo 10-12", "a marzo 10-12"),
    ],
)
def test_what_does_not_parse_is_kept_as_the_note(text: str, note: str) -> None:
    assert parse_availability(text).note == note


def test_an_unparsed_clause_does_not_hide_a_parsed_one() -> None:
    parsed = parse_availability("giovedì 25-26 e sabato 10-12")
    assert parsed.windows == (w(SAT, "10:00", "12:00"),)
    assert parsed.note == "giovedì 25-26"


@pytest.mark.parametrize("text", [None, "", "   "])
def test_empty_text_gives_nothing(text: str | None) -> None:
    parsed = parse_availability(text)
    assert parsed.windows == () and parsed.note == ""


def test_every_demo_availability_parses_and_every_demo_appointment_fits_it() -> None:
    data = generate(today=date(2026, 12, 2))
    free_texts = {"solo per email", "su appuntamento, scrivendo una email"}
    parsed = {c.id: parse_availability(c.availability) for c in data.contact_persons}
    window_texts = [c for c in data.contact_persons if c.availability not in free_texts]
    assert window_texts, "the demo should have contact persons with windows"
    for contact in data.contact_persons:
        result = parsed[contact.id]
        if contact.availability in free_texts:
            assert result.windows == () and result.note == contact.availability
        else:
            assert result.windows, contact.availability
            assert result.note == "", contact.availability
            # Written back, it reads as the demo wrote it.
            assert describe_windows(result.windows) == contact.availability
    with_contact = [a for a in data.appointments if a.contact_person_id is not None]
    assert with_contact
    for appointment in with_contact:
        assert appointment.contact_person_id is not None
        assert within_windows(
            parsed[appointment.contact_person_id].windows,
            appointment.start_at,
            appointment.end_at,
        ), appointment


def test_windows_are_sorted_and_merged() -> None:
    merged = normalise_windows(
        [w(TUE, "14:00", "16:00"), w(MON, "10:00", "12:00"), w(MON, "12:00", "13:00")]
    )
    assert merged == (w(MON, "10:00", "13:00"), w(TUE, "14:00", "16:00"))


@pytest.mark.parametrize(
    ("windows", "text"),
    [
        ([w(TUE, "10:00", "13:00"), w(FRI, "10:00", "13:00")], "martedì e venerdì 10-13"),
        ([w(d, "09:30", "12:30") for d in (MON, TUE, WED)], "da lunedì a mercoledì 9:30-12:30"),
        (
            [w(THU, "15:00", "18:00"), w(SAT, "10:00", "12:00")],
            "giovedì 15-18; sabato 10-12",
        ),
        ([w(WED, "09:00", "12:00"), w(WED, "14:00", "17:00")], "mercoledì 9-12 e 14-17"),
        ([], ""),
    ],
)
def test_description_in_italian(windows: list[AvailabilityWindow], text: str) -> None:
    assert describe_windows(windows) == text


_quarter = st.integers(min_value=0, max_value=95).map(lambda q: time(q // 4, q % 4 * 15))


@st.composite
def _windows(draw: st.DrawFn) -> list[AvailabilityWindow]:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        a, b = sorted(draw(st.lists(_quarter, min_size=2, max_size=2, unique=True)))
        out.append(AvailabilityWindow(draw(st.integers(0, 6)), a, b))
    return out


@given(_windows())
def test_description_parses_back_to_the_same_windows(windows: list[AvailabilityWindow]) -> None:
    parsed = parse_availability(describe_windows(windows))
    assert parsed.windows == normalise_windows(windows)
    assert parsed.note == ""


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


@given(st.text(max_size=60))
def test_any_text_either_parses_or_is_kept(text: str) -> None:
    parsed = parse_availability(text)
    if not parsed.windows:
        # Nothing parsed: the note is the text, at most a separator «e»/«ed» fewer at
        # each edge.
        kept, typed = _alnum(parsed.note), _alnum(text)
        assert kept in typed and len(typed) - len(kept) <= 4
    # No word of the note was invented: each piece is a piece of the text.
    for piece in parsed.note.split(" … "):
        assert piece in text


def test_window_must_be_a_real_interval() -> None:
    with pytest.raises(ValueError):
        w(MON, "10:00", "10:00")
    with pytest.raises(ValueError):
        AvailabilityWindow(7, time(9), time(10))


def test_within_windows_needs_the_whole_meeting_inside() -> None:
    windows = [w(TUE, "10:00", "13:00")]
    tuesday = date(2026, 12, 1)
    assert within_windows(windows, datetime(2026, 12, 1, 10), datetime(2026, 12, 1, 10, 30))
    assert within_windows(windows, datetime(2026, 12, 1, 12, 30), datetime(2026, 12, 1, 13))
    assert not within_windows(windows, datetime(2026, 12, 1, 12, 45), datetime(2026, 12, 1, 13, 15))
    assert not within_windows(windows, datetime(2026, 12, 2, 10), datetime(2026, 12, 2, 10, 30))
    assert tuesday.weekday() == TUE


def test_absences_whole_days_and_hours() -> None:
    august = away_days(date(2026, 8, 3), date(2026, 8, 28), "ferie")
    assert august.end == datetime(2026, 8, 29)
    assert is_away([august], datetime(2026, 8, 28, 17), datetime(2026, 8, 28, 17, 30))
    assert not is_away([august], datetime(2026, 8, 29, 9), datetime(2026, 8, 29, 9, 30))
    assert describe_exception(august) == "assente dal 03/08/2026 al 28/08/2026 (ferie)"
    one_day = away_days(date(2026, 3, 5), date(2026, 3, 5))
    assert describe_exception(one_day) == "assente il 05/03/2026"
    morning = AvailabilityException(datetime(2026, 3, 5, 10), datetime(2026, 3, 5, 12))
    assert describe_exception(morning) == "assente il 05/03/2026 dalle 10:00 alle 12:00"
    # Touching is not overlapping.
    assert not morning.overlaps(datetime(2026, 3, 5, 12), datetime(2026, 3, 5, 12, 30))
    with pytest.raises(ValueError):
        AvailabilityException(datetime(2026, 3, 5, 12), datetime(2026, 3, 5, 12))
