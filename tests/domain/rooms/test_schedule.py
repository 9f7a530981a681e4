"""Conflicts: whole rooms with their buffer, co-working shared by seats, the index."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.domain.enums import RoomKind
from casedesk.domain.rooms.schedule import (
    BookedSlot,
    BookingIndex,
    RoomInfo,
    find_conflict,
    seat_peak,
    windows_to_read,
)

DAY = datetime(2026, 12, 9)
MEETING = RoomInfo(1, "Sala Alda Merini", RoomKind.MEETING, 12, buffer_minutes=15)
TRAINING_NO_BUFFER = RoomInfo(2, "Aula Falcone", RoomKind.TRAINING, 30)
COWORKING = RoomInfo(3, "Co-working", RoomKind.COWORKING, 10, buffer_minutes=30)


def at(hour: float) -> datetime:
    return DAY + timedelta(minutes=round(hour * 60))


def slot(
    room: RoomInfo,
    start: float,
    end: float,
    people: int | None = None,
    id: int = 0,
    label: str = "",
) -> BookedSlot:
    return BookedSlot(id or None, room.id, at(start), at(end), people, label)


# --- whole rooms ---------------------------------------------------------------------------


def test_overlapping_bookings_of_a_whole_room_conflict() -> None:
    existing = slot(TRAINING_NO_BUFFER, 10, 12, id=7, label="Corso di italiano (Alfa)")
    conflict = find_conflict(TRAINING_NO_BUFFER, at(11), at(13), 5, BookingIndex([existing]))
    assert conflict is not None
    assert conflict.bookings == (existing,)
    assert "già prenotata" in conflict.message and "Corso di italiano (Alfa)" in conflict.message


@pytest.mark.parametrize(("start", "end"), [(8, 10), (12, 14)])
def test_back_to_back_is_fine_without_a_buffer(start: float, end: float) -> None:
    index = BookingIndex([slot(TRAINING_NO_BUFFER, 10, 12)])
    assert find_conflict(TRAINING_NO_BUFFER, at(start), at(end), 5, index) is None


@pytest.mark.parametrize(
    ("start", "end", "clash"),
    [
        (12, 13, True),  # right after: no time to clean
        (12 + 14 / 60, 13, True),  # 14 minutes later
        (12.25, 13, False),  # 15 minutes later
        (8, 10, True),  # right before: no time to set up
        (8, 9.75, False),  # 15 minutes before
        (8, 9.76, True),
        (10.5, 11, True),  # inside
        (9, 13, True),  # around
    ],
)
def test_the_buffer_is_kept_free_on_both_sides(start: float, end: float, clash: bool) -> None:
    index = BookingIndex([slot(MEETING, 10, 12)])
    conflict = find_conflict(MEETING, at(start), at(end), 5, index)
    assert (conflict is not None) is clash
    if conflict is not None and not (at(start) < at(12) and at(end) > at(10)):
        assert "15 minuti" in conflict.message


def test_other_rooms_and_ignored_bookings_do_not_conflict() -> None:
    index = BookingIndex([slot(TRAINING_NO_BUFFER, 10, 12, id=5), slot(MEETING, 9, 13, id=6)])
    assert find_conflict(TRAINING_NO_BUFFER, at(10), at(12), 5, index, ignore_ids={5}) is None
    assert find_conflict(TRAINING_NO_BUFFER, at(10), at(12), 5, index) is not None


def test_a_long_booking_that_began_long_before_is_found() -> None:
    index = BookingIndex(
        [slot(TRAINING_NO_BUFFER, 8, 22)] + [slot(TRAINING_NO_BUFFER, h, h + 0.5) for h in (6, 7)]
    )
    conflict = find_conflict(TRAINING_NO_BUFFER, at(20), at(21), 5, index)
    assert conflict is not None and len(conflict.bookings) == 1


# --- co-working seats ----------------------------------------------------------------------


def test_coworking_bookings_share_the_room_while_people_fit() -> None:
    index = BookingIndex([slot(COWORKING, 9, 13, 6)])
    assert find_conflict(COWORKING, at(10), at(12), 4, index) is None
    conflict = find_conflict(COWORKING, at(10), at(12), 5, index)
    assert conflict is not None
    assert conflict.peak_people == 6
    assert "6 posti su 10" in conflict.message and "ne restano 4, ne servono 5" in conflict.message


def test_coworking_has_no_buffer() -> None:
    index = BookingIndex([slot(COWORKING, 9, 12, 10)])
    assert find_conflict(COWORKING, at(12), at(13), 10, index) is None


def test_back_to_back_coworking_bookings_do_not_add_up() -> None:
    # 6 people until 11, another 6 from 11: never more than 6 at once.
    index = BookingIndex([slot(COWORKING, 9, 11, 6), slot(COWORKING, 11, 13, 6)])
    assert find_conflict(COWORKING, at(10), at(12), 4, index) is None
    assert find_conflict(COWORKING, at(10), at(12), 5, index) is not None


def test_the_peak_is_where_bookings_pile_up() -> None:
    a, b, c = (
        slot(COWORKING, 9, 12, 3, id=1),
        slot(COWORKING, 10, 11, 3, id=2),
        slot(COWORKING, 10.5, 13, 3, id=3),
    )
    index = BookingIndex([a, b, c])
    assert find_conflict(COWORKING, at(9), at(13), 1, index) is None
    conflict = find_conflict(COWORKING, at(9), at(13), 2, index)
    assert conflict is not None
    assert conflict.peak_at == at(10.5) and conflict.peak_people == 9
    assert conflict.bookings == (a, b, c)
    assert "10:30" in conflict.message
    # Asking only after 11:00, b has gone: 6 people.
    assert find_conflict(COWORKING, at(11), at(13), 4, index) is None


def test_a_booking_without_people_takes_one_seat() -> None:
    index = BookingIndex([slot(COWORKING, 9, 12, None)])
    assert find_conflict(COWORKING, at(9), at(12), 9, index) is None
    assert find_conflict(COWORKING, at(9), at(12), 10, index) is not None


def test_a_full_room_says_no_seat_is_left() -> None:
    index = BookingIndex([slot(COWORKING, 9, 12, 10)])
    conflict = find_conflict(COWORKING, at(9), at(10), 1, index)
    assert conflict is not None and "nessun posto libero" in conflict.message


def test_seat_peak_clips_to_the_window() -> None:
    people, when, present = seat_peak(
        [slot(COWORKING, 8, 10, 4), slot(COWORKING, 9, 11, 2)], at(9.5), at(12)
    )
    assert (people, when, len(present)) == (6, at(9.5), 2)


# --- properties ----------------------------------------------------------------------------

quarter_hours = st.integers(0, 14 * 4)  # 8:00 → 22:00 in quarters of an hour


@st.composite
def requests(draw: st.DrawFn) -> list[tuple[int, int, int]]:
    out = []
    for _ in range(draw(st.integers(1, 25))):
        start = draw(quarter_hours)
        length = draw(st.integers(1, 16))
        out.append((start, start + length, draw(st.integers(1, 6))))
    return out


def _quarter(q: int) -> datetime:
    return DAY + timedelta(hours=8, minutes=15 * q)


@settings(max_examples=200, deadline=None)
@given(reqs=requests())
def test_accepted_coworking_bookings_never_exceed_the_capacity(
    reqs: list[tuple[int, int, int]],
) -> None:
    index = BookingIndex()
    accepted: list[tuple[int, int, int]] = []
    for i, (s, e, people) in enumerate(reqs, start=1):
        conflict = find_conflict(COWORKING, _quarter(s), _quarter(e), people, index)
        # Brute force over every quarter hour of the request.
        worst = max(sum(p for a, b, p in accepted if a <= q < b) for q in range(s, e))
        assert (conflict is None) is (worst + people <= COWORKING.capacity)
        if conflict is None:
            accepted.append((s, e, people))
            index.add(BookedSlot(i, COWORKING.id, _quarter(s), _quarter(e), people))
        else:
            assert conflict.peak_people == worst
    for q in range(0, 14 * 4 + 16):
        assert sum(p for a, b, p in accepted if a <= q < b) <= COWORKING.capacity


@settings(max_examples=200, deadline=None)
@given(reqs=requests())
def test_accepted_whole_room_bookings_keep_the_buffer_between_them(
    reqs: list[tuple[int, int, int]],
) -> None:
    index = BookingIndex()
    accepted: list[tuple[datetime, datetime]] = []
    for i, (s, e, _) in enumerate(reqs, start=1):
        start, end = _quarter(s), _quarter(e)
        if find_conflict(MEETING, start, end, 2, index) is None:
            accepted.append((start, end))
            index.add(BookedSlot(i, MEETING.id, start, end, 2))
    gap = timedelta(minutes=MEETING.buffer_minutes)
    for x, (s1, e1) in enumerate(accepted):
        for s2, e2 in accepted[x + 1 :]:
            assert e1 + gap <= s2 or e2 + gap <= s1


@settings(max_examples=200, deadline=None)
@given(
    reqs=requests(),
    probe=st.tuples(quarter_hours, st.integers(1, 16)),
    margin=st.sampled_from([0, 15, 30]),
)
def test_the_index_finds_exactly_what_a_full_scan_finds(
    reqs: list[tuple[int, int, int]], probe: tuple[int, int], margin: int
) -> None:
    slots = [
        BookedSlot(i, 1 + i % 2, _quarter(s), _quarter(e), p) for i, (s, e, p) in enumerate(reqs)
    ]
    start, end = _quarter(probe[0]), _quarter(probe[0] + probe[1])
    pad = timedelta(minutes=margin)
    found = BookingIndex(slots).overlapping(1, start, end, pad)
    expected = [s for s in slots if s.room_id == 1 and s.start < end + pad and s.end > start - pad]
    assert sorted(found, key=lambda s: s.id or 0) == sorted(expected, key=lambda s: s.id or 0)


def test_windows_to_read_cover_the_slots_with_their_margin_merged() -> None:
    slots = [
        (at(18), at(20)),
        (at(9), at(10)),
        (at(10.25), at(11)),
        (at(18) + timedelta(days=7), at(20) + timedelta(days=7)),
    ]
    got = windows_to_read(slots, timedelta(minutes=15))
    assert got == [
        (at(8.75), at(11.25)),  # 9-10 and 10:15-11 touch once widened by the buffer
        (at(17.75), at(20.25)),
        (at(17.75) + timedelta(days=7), at(20.25) + timedelta(days=7)),
    ]
    # What a check needs is inside the windows: a conflict found on the full index is
    # found on the rows the windows select.
    index = BookingIndex([slot(MEETING, 20.1, 21, id=1), slot(MEETING, 12, 13, id=2)])
    near = [
        b for b in index.in_room(MEETING.id) if any(b.start < hi and b.end > lo for lo, hi in got)
    ]
    assert [b.id for b in near] == [1]
    assert find_conflict(MEETING, at(18), at(20), 2, BookingIndex(near)) is not None
