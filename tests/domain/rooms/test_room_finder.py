"""«Trova uno spazio»: fitting rooms, free ones, smallest first, recurrences."""

from __future__ import annotations

from datetime import date, datetime, time

from casedesk.domain.enums import RoomKind
from casedesk.domain.rooms.recurrence import Frequency, RecurrenceSpec
from casedesk.domain.rooms.room_finder import find_rooms, fits
from casedesk.domain.rooms.room_hours import Closure
from casedesk.domain.rooms.schedule import BookedSlot, BookingIndex, RoomInfo
from casedesk.domain.rooms.series import Series, SeriesPattern

PROJECTOR, SCREEN, AUDIO = "Proiettore", "Schermo", "Impianto audio"
MEETING_B = RoomInfo(1, "Sala Borsellino", RoomKind.MEETING, 12, equipment=frozenset({SCREEN}))
MEETING_A = RoomInfo(
    2, "Sala Alda Merini", RoomKind.MEETING, 12, equipment=frozenset({SCREEN, PROJECTOR})
)
TRAINING = RoomInfo(
    3, "Aula Falcone", RoomKind.TRAINING, 30, 15, equipment=frozenset({PROJECTOR, SCREEN})
)
EVENTS = RoomInfo(
    4, "Spazio eventi", RoomKind.EVENTS, 80, 30, equipment=frozenset({PROJECTOR, AUDIO})
)
SMALL = RoomInfo(5, "Saletta colloqui", RoomKind.MEETING, 4)
CLOSED = RoomInfo(6, "Sala chiusa", RoomKind.MEETING, 10, active=False)
COWORKING = RoomInfo(7, "Co-working", RoomKind.COWORKING, 10)
ROOMS = [EVENTS, TRAINING, MEETING_B, SMALL, MEETING_A, CLOSED, COWORKING]

START, END = datetime(2026, 12, 9, 18), datetime(2026, 12, 9, 20)


def names(offers: list) -> list[str]:  # type: ignore[type-arg]
    return [o.room.name for o in offers]


def test_smallest_fitting_room_first_ties_by_name() -> None:
    offers = find_rooms(ROOMS, [(START, END)], 8, [], index=BookingIndex())
    assert names(offers) == [
        "Co-working",
        "Sala Alda Merini",
        "Sala Borsellino",
        "Aula Falcone",
        "Spazio eventi",
    ]
    assert offers[1].equipment == [PROJECTOR, SCREEN]


def test_equipment_is_required_case_insensitively() -> None:
    offers = find_rooms(ROOMS, [(START, END)], 8, ["proiettore"], index=BookingIndex())
    assert names(offers) == ["Sala Alda Merini", "Aula Falcone", "Spazio eventi"]
    assert fits(EVENTS, 80, [AUDIO]) and not fits(EVENTS, 81, [AUDIO]) and not fits(CLOSED, 1, [])


def test_busy_rooms_are_left_out_buffer_and_seats_included() -> None:
    index = BookingIndex(
        [
            BookedSlot(1, MEETING_A.id, datetime(2026, 12, 9, 17), datetime(2026, 12, 9, 18, 30)),
            # Ends ten minutes before: inside the training room's 15-minute buffer.
            BookedSlot(2, TRAINING.id, datetime(2026, 12, 9, 16), datetime(2026, 12, 9, 17, 50)),
            BookedSlot(3, COWORKING.id, START, END, 5),
        ]
    )
    assert names(find_rooms(ROOMS, [(START, END)], 5, [], index=index)) == [
        "Co-working",
        "Sala Borsellino",
        "Spazio eventi",
    ]
    assert "Co-working" not in names(find_rooms(ROOMS, [(START, END)], 6, [], index=index))


def test_a_closed_room_is_not_offered() -> None:
    maintenance = Closure(
        date(2026, 12, 9), date(2026, 12, 9), "Manutenzione", room_id=MEETING_A.id
    )
    offers = find_rooms(
        ROOMS, [(START, END)], 8, [SCREEN], index=BookingIndex(), closures=[maintenance]
    )
    assert names(offers) == ["Sala Borsellino", "Aula Falcone"]


def test_a_recurrence_wants_rooms_free_on_every_date_or_says_how_many_are_not() -> None:
    spec = RecurrenceSpec(Frequency.WEEKLY, weekdays=(2,), count=4)  # Wednesdays 9/12 → 30/12
    series = Series(SeriesPattern(spec, date(2026, 12, 9), time(18), time(20), 0))
    slots = [(o.start, o.end) for o in series.occurrences()]
    index = BookingIndex(
        [
            BookedSlot(1, MEETING_A.id, datetime(2026, 12, 16, 18), datetime(2026, 12, 16, 19)),
            BookedSlot(2, MEETING_B.id, datetime(2026, 12, 16, 18), datetime(2026, 12, 16, 19)),
            BookedSlot(3, MEETING_B.id, datetime(2026, 12, 23, 18), datetime(2026, 12, 23, 19)),
        ]
        + [BookedSlot(10 + i, TRAINING.id, s, e) for i, (s, e) in enumerate(slots)]
    )
    holiday = Closure(
        date(2026, 12, 30), date(2026, 12, 30), "Chiusura di fine anno", room_id=EVENTS.id
    )
    strict = find_rooms(
        [MEETING_A, MEETING_B, TRAINING, EVENTS], slots, 8, [], index=index, closures=[holiday]
    )
    assert strict == []
    partial = find_rooms(
        [MEETING_A, MEETING_B, TRAINING, EVENTS],
        slots,
        8,
        [],
        index=index,
        closures=[holiday],
        include_partial=True,
    )
    # Fewest unavailable dates first; the training room is never free, so it is not offered.
    assert names(partial) == ["Sala Alda Merini", "Spazio eventi", "Sala Borsellino"]
    assert partial[0].conflict_dates == (date(2026, 12, 16),)
    assert partial[1].closed_dates == (date(2026, 12, 30),) and partial[1].unavailable == 1
    assert partial[2].unavailable == 2


def test_the_search_can_be_limited_to_some_kinds_of_room() -> None:
    offers = find_rooms(
        ROOMS, [(START, END)], 8, [], index=BookingIndex(), kinds={RoomKind.MEETING}
    )
    assert names(offers) == ["Sala Alda Merini", "Sala Borsellino"]
