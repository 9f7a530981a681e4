"""The demo generator: associations, rooms, calendar, citizens and appointments.

Scale: the work is linear in the number of associations (ids, tax codes and names
are drawn without searching), so `generate(associations=20000)` takes a few
seconds; rooms and bookings do not grow with it (a house has five rooms), while
citizens and appointments grow with the associations.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from casedesk.domain.associations import DEFAULT_SECTORS, entity_tax_code
from casedesk.domain.calendar_time import MILAN, WEEKDAYS_IT
from casedesk.domain.demo_data.papers import make_papers
from casedesk.domain.demo_data.records import (
    AppointmentData,
    AssociationData,
    BoardMemberData,
    BookingData,
    BookingSeriesData,
    CitizenData,
    ClosureData,
    ContactPersonData,
    DemoData,
    DocumentData,
    EnrollmentData,
    HouseData,
    OperatorData,
    RoomData,
)
from casedesk.domain.demo_data.words import load_words
from casedesk.domain.enums import (
    AppointmentStatus,
    AssociationStatus,
    BoardRole,
    BookingStatus,
    LegalForm,
    RoomKind,
    RuntsSection,
)
from casedesk.domain.holidays import holidays_between
from casedesk.domain.opening_hours import (
    DEFAULT_OPENING_HOURS,
    OpeningHours,
    fits_day,
    within_opening_hours,
)
from casedesk.domain.privacy import PRIVACY_NOTICE_VERSION

APPOINTMENT_LENGTH = timedelta(minutes=30)
# Tax-code serials are drawn from 400,000 distinct numbers.
MAX_ASSOCIATIONS = 400_000
# The calendar shown by the demo: bookings from a week ago to about three weeks ahead,
# appointments two weeks either side of today.
BOOKINGS_FROM_DAYS, BOOKINGS_TO_DAYS = -7, 23
APPOINTMENTS_FROM_DAYS, APPOINTMENTS_TO_DAYS = -14, 14

# --- how often, how long: the shape of the demo ----------------------------------------

_SECTION_CYCLE = (
    RuntsSection.A, RuntsSection.B, RuntsSection.A, RuntsSection.B, RuntsSection.G,
    RuntsSection.A, RuntsSection.B, RuntsSection.E, RuntsSection.C, RuntsSection.F,
    RuntsSection.D,
)  # fmt: skip
_FORMS = tuple(LegalForm)
_BOARD_ROLES = (BoardRole.VICEPRESIDENTE, BoardRole.SEGRETARIO, BoardRole.TESORIERE)

_AVAILABILITY_DAYS = ((1, 3), (0,), (2,), (1,), (3,), (4,), (0, 2), (2, 4), (0, 3), (1, 4))
_AVAILABILITY_WINDOWS = (
    (time(9, 30), time(12, 30)),
    (time(10, 0), time(13, 0)),
    (time(14, 0), time(17, 0)),
    (time(15, 0), time(18, 0)),
    (time(14, 30), time(17, 30)),
    (time(16, 0), time(18, 0)),
)

# Lengths, in half hours, a booking of each kind of room usually takes.
_BOOKING_HALF_HOURS = {
    RoomKind.COWORKING: (4, 6, 8),
    RoomKind.TRAINING: (4, 5, 6),
    RoomKind.MEETING: (2, 3, 4),
    RoomKind.EVENTS: (4, 6, 8),
}
# Chance that a room is booked in an opening interval.
_BOOKING_CHANCE = {
    RoomKind.COWORKING: 0.7,
    RoomKind.TRAINING: 0.45,
    RoomKind.MEETING: 0.6,
    RoomKind.EVENTS: 0.2,
}


# --- helpers -------------------------------------------------------------------------


def _ascii_slug(text: str, sep: str = "") -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch == " "))
    return sep.join(kept.split())


def _web_slug(name: str, limit: int = 32) -> str:
    """What an association would register as its domain: «L'Arca Niguarda ODV» -> larca-niguarda-odv."""
    words = _ascii_slug(name, " ").split()
    if len(words) > 1 and words[0] == "associazione":
        words = words[1:]
    slug = words[0]
    for word in words[1:]:
        if len(slug) + 1 + len(word) > limit:
            break
        slug += "-" + word
    return slug


def _fmt_hour(t: time) -> str:
    return f"{t.hour}" if t.minute == 0 else f"{t.hour}:{t.minute:02d}"


def _join_it(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " e " + words[-1]


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days)]


# --- the generator -------------------------------------------------------------------


class _Generator:
    def __init__(self, associations: int, seed: int, today: date) -> None:
        if not 0 <= associations <= MAX_ASSOCIATIONS:
            raise ValueError(f"associations must be between 0 and {MAX_ASSOCIATIONS}")
        self.n = associations
        self.seed = seed
        self.today = today
        self.rng = random.Random(seed)
        self.words = load_words()
        self.hours: OpeningHours = {d: list(v) for d, v in DEFAULT_OPENING_HOURS.items()}
        self.used_names: set[str] = set()
        self.emails: dict[str, str] = {}
        self.window_cache: dict[tuple[int, ...], list[tuple[time, time]]] = {}
        self.name_counter: dict[str, int] = {}
        self.associations: list[AssociationData] = []
        self.board_members: list[BoardMemberData] = []
        self.contact_persons: list[ContactPersonData] = []
        # Per contact person who meets citizens: (weekdays, window) of availability.
        self.contact_windows: dict[int, tuple[tuple[int, ...], tuple[time, time]]] = {}
        self.rooms: list[RoomData] = []
        self.closures: list[ClosureData] = []
        self.series: list[BookingSeriesData] = []
        self.bookings: list[BookingData] = []
        self.citizens: list[CitizenData] = []
        self.appointments: list[AppointmentData] = []
        self.documents: list[DocumentData] = []
        self.enrollments: list[EnrollmentData] = []
        self.house_closed: set[date] = set()
        self.room_closed: set[tuple[int, date]] = set()
        # (room id, day) -> taken [start, end) ranges, bookings and appointments alike.
        self.occupied: dict[tuple[int, date], list[tuple[datetime, datetime]]] = {}

    # people ----------------------------------------------------------------------------

    def person(self, world_share: float = 0.08) -> str:
        rng, words = self.rng, self.words
        if rng.random() < world_share:
            return f"{rng.choice(words.first_names_world)} {rng.choice(words.surnames_world)}"
        if rng.random() < 0.55:
            first = rng.choice(words.first_names_female)
        else:
            first = rng.choice(words.first_names_male)
        return f"{first} {rng.choice(words.surnames)}"

    def mobile(self) -> str:
        rng = self.rng
        prefix = rng.choice(self.words.mobile_prefixes)
        return f"+39 {prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"

    def landline(self) -> str:
        rng = self.rng
        return f"+39 02 {rng.randint(2000, 9899)} {rng.randint(1000, 9999)}"

    def personal_email(self, name: str) -> str:
        email = self.emails.get(name)
        if email is None:
            email = self.emails[name] = f"{_ascii_slug(name, '.')}@example.org"
        return email

    def address(self) -> str:
        street, postcode = self.rng.choice(self.words.streets)
        return f"{street} {self.rng.randint(1, 180)}, {postcode} Milano"

    def past_local(self, days_back_min: int, days_back_max: int) -> datetime:
        """A moment during office hours some days before today, as aware UTC."""
        day = self.today - timedelta(days=self.rng.randint(days_back_min, days_back_max))
        moment = datetime.combine(
            day, time(self.rng.randint(9, 17), self.rng.randrange(0, 60, 5)), tzinfo=MILAN
        )
        return moment.astimezone(UTC)

    # associations ----------------------------------------------------------------------

    def statuses(self) -> list[AssociationStatus]:
        n = self.n
        few = min(n, max(1, n * 4 // 100)) if n >= 10 else 0
        draft = n * 22 // 100
        statuses = (
            [AssociationStatus.SOSPESA] * few
            + [AssociationStatus.CESSATA] * few
            + [AssociationStatus.BOZZA] * draft
        )
        statuses += [AssociationStatus.ISCRITTA] * (n - len(statuses))
        self.rng.shuffle(statuses)
        return statuses

    def unique(self, name: str) -> str:
        if name not in self.used_names:
            self.used_names.add(name)
            return name
        k = self.name_counter.get(name, 1)
        while f"{name} {k + 1}" in self.used_names:
            k += 1
        self.name_counter[name] = k + 1
        numbered = f"{name} {k + 1}"
        self.used_names.add(numbered)
        return numbered

    def name_for(
        self, form: LegalForm, section: RuntsSection | None, core: str, sector: str
    ) -> str:
        rng = self.rng
        for _attempt in range(6):
            loc = rng.choice(self.words.localities)
            base = f"{core} {loc}" if rng.random() < 0.5 else core
            if form is LegalForm.ASSOCIAZIONE_RICONOSCIUTA:
                name = f"Associazione {base}"
            elif form is LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA:
                if sector == "sportivo":
                    name = f"ASD {base}"
                elif sector == "culturale":
                    name = f"Associazione culturale {base}"
                else:
                    name = rng.choice(("Associazione", "Circolo")) + f" {base}"
            elif form is LegalForm.COMITATO:
                name = f"Comitato di quartiere {loc}" if rng.random() < 0.4 else f"Comitato {base}"
            elif form is LegalForm.GRUPPO_INFORMALE:
                pick = rng.random()
                if pick < 0.15:
                    name = f"Social street {rng.choice(self.words.streets)[0]}"
                elif pick < 0.35:
                    name = f"Gruppo volontari {loc}"
                else:
                    name = f"Gruppo {base}"
            elif section is RuntsSection.A:
                name = f"{base} ODV" if rng.random() < 0.5 else f"Associazione {base} ODV"
            elif section is RuntsSection.B:
                name = f"{base} APS" if rng.random() < 0.5 else f"Associazione {base} APS"
            elif section is RuntsSection.C:
                name = f"Fondazione {base} ETS"
            elif section is RuntsSection.D:
                name = f"{base} Impresa sociale"
            elif section is RuntsSection.E:
                name = f"Rete {base} ETS"
            elif section is RuntsSection.F:
                name = f"Società di mutuo soccorso {base}"
            else:
                name = f"{base} ETS"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return self.unique(name)

    def description(self, sectors: tuple[str, ...], seeking: bool, loc: str | None) -> str:
        rng = self.rng
        parts = [rng.choice(self.words.sector_texts[s]) for s in sectors[:2]]
        if loc:
            parts.append(f"Siamo attivi soprattutto a {loc} e dintorni.")
        if seeking:
            parts.append(rng.choice(self.words.volunteer_asks))
        return " ".join(parts)

    def availability(self) -> tuple[tuple[int, ...], tuple[time, time], str]:
        rng = self.rng
        weekdays = tuple(d for d in rng.choice(_AVAILABILITY_DAYS) if self.hours.get(d))
        windows = self.window_cache.get(weekdays)
        if windows is None:
            windows = [
                w
                for w in _AVAILABILITY_WINDOWS
                if all(fits_day(self.hours, d, w[0], w[1]) for d in weekdays)
            ]
            self.window_cache[weekdays] = windows
        if not weekdays or not windows:
            return (), (time(), time()), "su appuntamento, scrivendo una email"
        window = rng.choice(windows)
        text = (
            f"{_join_it([WEEKDAYS_IT[d].lower() for d in weekdays])} "
            f"{_fmt_hour(window[0])}-{_fmt_hour(window[1])}"
        )
        return weekdays, window, text

    def make_associations(self) -> None:
        rng = self.rng
        n = self.n
        statuses = self.statuses()
        # Distinct serials without searching: a sample of a range.
        serials = rng.sample(range(400_000), n)
        n_ets = sum(1 for i in range(n) if _FORMS[i % len(_FORMS)] is LegalForm.ETS_RUNTS)
        runts_numbers = rng.sample(range(1_000, 250_000), n_ets)
        ets_seen = 0
        board_id = contact_id = 0
        for index in range(n):
            aid = index + 1
            form = _FORMS[index % len(_FORMS)]
            status = statuses[index]
            section: RuntsSection | None = None
            runts_number: str | None = None
            if form is LegalForm.ETS_RUNTS:
                section = _SECTION_CYCLE[ets_seen % len(_SECTION_CYCLE)]
                runts_number = str(runts_numbers[ets_seen])
                ets_seen += 1
            core, main_sector = rng.choice(self.words.themes)
            others = [s for s in rng.sample(DEFAULT_SECTORS, 3) if s != main_sector]
            sectors = (main_sector, *others[: rng.choice((0, 0, 1, 1, 2))])
            name = self.name_for(form, section, core, main_sector)
            slug = _web_slug(name)
            informal = form is LegalForm.GRUPPO_INFORMALE
            if informal:
                tax_code = None
            elif serials[index] % 7 == 0:
                # Some entities also trade, with a partita IVA as tax code: 0xxxxxx015c.
                tax_code = entity_tax_code(serials[index] + 1)
            else:
                tax_code = entity_tax_code(9_600_000 + serials[index])
            seeking = rng.random() < 0.6
            loc = rng.choice(self.words.localities) if rng.random() < 0.4 else None
            formal_web = not informal and rng.random() < 0.35
            pec_chance = {
                LegalForm.ETS_RUNTS: 0.8,
                LegalForm.ASSOCIAZIONE_RICONOSCIUTA: 0.6,
            }.get(form, 0.1 if not informal else 0.0)

            if status is AssociationStatus.BOZZA:
                created = self.past_local(1, 45)
            else:
                created = self.past_local(60, 1500)
            last_day = (self.today - timedelta(days=1) - created.date()).days
            updated = created + timedelta(days=rng.randint(0, max(0, last_day)))
            if updated.date() >= self.today:
                updated = created

            # The board (formal bodies only: an informal group has a list of members).
            president = self.person()
            board: list[tuple[str, BoardRole]] = []
            if not informal:
                size = rng.randint(3, 7)
                board.append((president, BoardRole.PRESIDENTE))
                for pos in range(1, size):
                    role = (
                        _BOARD_ROLES[pos - 1] if pos <= len(_BOARD_ROLES) else BoardRole.CONSIGLIERE
                    )
                    if role is BoardRole.VICEPRESIDENTE and size < 4:
                        role = BoardRole.CONSIGLIERE
                    board.append((self.person(), role))
                elected = self.today - timedelta(days=rng.randint(30, 1400))
                for member_name, role in board:
                    board_id += 1
                    since = (
                        elected
                        if rng.random() < 0.85
                        else elected + timedelta(days=rng.randint(1, 25))
                    )
                    self.board_members.append(
                        BoardMemberData(board_id, aid, member_name, role, since)
                    )

            # Contact persons: the first is often a board member; for a group, its spokesperson.
            first_contact = (
                president
                if informal or rng.random() < 0.5
                else (board[rng.randrange(len(board))][0] if board else self.person())
            )
            contact_names = [first_contact]
            if rng.random() < 0.4:
                contact_names.append(self.person())
            for position, contact_name in enumerate(contact_names):
                contact_id += 1
                weekdays, window, availability = self.availability()
                meets = (
                    bool(weekdays) and (position == 0 or rng.random() < 0.6) and rng.random() < 0.9
                )
                if not meets and rng.random() < 0.5:
                    availability = "solo per email"
                self.contact_persons.append(
                    ContactPersonData(
                        id=contact_id,
                        association_id=aid,
                        name=contact_name,
                        phone=self.mobile(),
                        email=self.personal_email(contact_name),
                        availability=availability,
                        meets_citizens=meets,
                    )
                )
                if meets and status is AssociationStatus.ISCRITTA:
                    self.contact_windows[contact_id] = (weekdays, window)

            if status is AssociationStatus.SOSPESA:
                reason = rng.choice(self.words.suspended_reasons)
            elif status is AssociationStatus.CESSATA:
                reason = rng.choice(self.words.ceased_reasons)
            else:
                reason = ""
            self.associations.append(
                AssociationData(
                    id=aid,
                    name=name,
                    legal_form=form,
                    runts_section=section,
                    runts_number=runts_number,
                    tax_code=tax_code,
                    address=self.address(),
                    email=f"info@{slug}.it" if not informal else self.personal_email(first_contact),
                    pec=f"{slug}@pec.it" if rng.random() < pec_chance else "",
                    phone=self.landline() if not informal else self.mobile(),
                    website=f"https://www.{slug}.it" if formal_web else "",
                    sectors=sectors,
                    description=self.description(sectors, seeking, loc),
                    seeking_volunteers=seeking,
                    legal_representative=president,
                    status=status,
                    status_reason=reason,
                    notes=rng.choice(self.words.association_notes) if rng.random() < 0.1 else "",
                    created_at=created,
                    updated_at=updated,
                )
            )

    # rooms and calendar ------------------------------------------------------------------

    def make_rooms(self) -> None:
        self.rooms = [
            RoomData(i + 1, room.name, room.kind, room.capacity, room.equipment, True)
            for i, room in enumerate(self.words.rooms)
        ]

    def make_closures(self, first: date, last: date) -> None:
        """Holidays on opening days between `first` and `last`, and a room under maintenance."""
        closure_id = 0
        for day, reason in holidays_between(first, last).items():
            if self.hours.get(day.weekday()):
                closure_id += 1
                self.closures.append(ClosureData(closure_id, None, day, day, reason))
                self.house_closed.add(day)
        open_days = [d for d in _days(self.today + timedelta(days=8), last) if self.is_open(d)]
        if closure_id == 0 and open_days:
            day = open_days[min(len(open_days) - 1, 5)]
            closure_id += 1
            self.closures.append(
                ClosureData(closure_id, None, day, day, "Chiusura per formazione del personale")
            )
            self.house_closed.add(day)
            open_days.remove(day)
        # A room closed for a few days, starting early in a week.
        starts = [d for d in open_days if d.weekday() <= 2] or open_days
        if starts:
            events_room = next(r for r in self.rooms if r.kind is RoomKind.EVENTS)
            start = starts[0]
            end = start + timedelta(days=2)
            closure_id += 1
            self.closures.append(
                ClosureData(
                    closure_id,
                    events_room.id,
                    start,
                    end,
                    "Manutenzione: tinteggiatura e revisione dell'impianto audio",
                )
            )
            for day in _days(start, end + timedelta(days=1)):
                self.room_closed.add((events_room.id, day))

    def is_open(self, day: date, room_id: int | None = None) -> bool:
        if not self.hours.get(day.weekday()) or day in self.house_closed:
            return False
        return room_id is None or (room_id, day) not in self.room_closed

    def is_free(self, room_id: int, start: datetime, end: datetime) -> bool:
        taken = self.occupied.get((room_id, start.date()), ())
        return all(end <= a or b <= start for a, b in taken)

    def take(self, room_id: int, start: datetime, end: datetime) -> None:
        self.occupied.setdefault((room_id, start.date()), []).append((start, end))

    def can_book(self, room_id: int, start: datetime, end: datetime) -> bool:
        return (
            self.is_open(start.date(), room_id)
            and within_opening_hours(self.hours, start, end)
            and self.is_free(room_id, start, end)
        )

    def book(
        self,
        room: RoomData,
        association_id: int | None,
        title: str,
        start: datetime,
        end: datetime,
        people: int | None,
        series_id: int | None = None,
    ) -> None:
        rng = self.rng
        cancelled = series_id is None and association_id is not None and rng.random() < 0.05
        self.take(room.id, start, end)
        self.bookings.append(
            BookingData(
                id=len(self.bookings) + 1,
                room_id=room.id,
                association_id=association_id,
                title=title,
                start_at=start,
                end_at=end,
                expected_people=people,
                status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
                series_id=series_id,
                notes=(
                    "Annullata dall'associazione."
                    if cancelled
                    else (rng.choice(self.words.booking_notes) if rng.random() < 0.15 else "")
                ),
            )
        )

    def make_bookings(self, first: date, end: date) -> None:
        rng = self.rng
        days = _days(first, end)
        active = [a for a in self.associations if a.status is AssociationStatus.ISCRITTA]

        # Events of the house itself.
        open_days = [d for d in days if self.is_open(d)]
        for event in self.words.house_events:
            title, offset, t0, t1, people = (
                event.title,
                event.offset,
                event.start,
                event.end,
                event.people,
            )
            room = self.rooms[event.room]
            candidates = [
                d for d in open_days[offset:] + open_days[:offset] if self.is_open(d, room.id)
            ]
            for day in candidates:
                start, stop = datetime.combine(day, t0), datetime.combine(day, t1)
                if self.can_book(room.id, start, stop):
                    self.book(room, None, title, start, stop, min(people, room.capacity))
                    break

        # Weekly series (materialised as bookings; closed days are exceptions).
        for weekly in self.words.series:
            if not active:
                break
            title, weekday, t0, t1, people = (
                weekly.title,
                weekly.weekday,
                weekly.start,
                weekly.end,
                weekly.people,
            )
            sector = weekly.sector
            room = self.rooms[weekly.room]
            fitting = [a for a in active if sector in a.sectors] or active
            owner = rng.choice(fitting)
            dates = [d for d in days if d.weekday() == weekday]
            if not dates:
                continue
            series_id = len(self.series) + 1
            exceptions: list[str] = []
            for day in dates:
                start, stop = datetime.combine(day, t0), datetime.combine(day, t1)
                if self.can_book(room.id, start, stop):
                    self.book(
                        room, owner.id, title, start, stop, min(people, room.capacity), series_id
                    )
                else:
                    exceptions.append(start.isoformat())
            byday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[weekday]
            self.series.append(
                BookingSeriesData(
                    id=series_id,
                    room_id=room.id,
                    association_id=owner.id,
                    title=title,
                    first_start=datetime.combine(dates[0], t0),
                    first_end=datetime.combine(dates[0], t1),
                    rrule=f"FREQ=WEEKLY;BYDAY={byday};COUNT={len(dates)}",
                    exceptions=tuple(exceptions),
                    expected_people=min(people, room.capacity),
                )
            )

        # Everyday bookings by enrolled associations.
        if not active:
            return
        half_hour = timedelta(minutes=30)
        for day in days:
            for index, room in enumerate(self.rooms):
                if index == self.words.interview_room or not self.is_open(day, room.id):
                    continue
                for a, b in self.hours.get(day.weekday(), []):
                    if rng.random() > _BOOKING_CHANCE[room.kind]:
                        continue
                    cursor, limit = datetime.combine(day, a), datetime.combine(day, b)
                    while cursor + 2 * half_hour <= limit:
                        if rng.random() < 0.35:
                            cursor += half_hour * rng.randint(1, 2)
                            continue
                        stop = min(
                            limit, cursor + half_hour * rng.choice(_BOOKING_HALF_HOURS[room.kind])
                        )
                        if stop - cursor < 2 * half_hour:
                            break
                        if not self.is_free(room.id, cursor, stop):
                            cursor += half_hour
                            continue
                        owner = rng.choice(active)
                        people = rng.randint(max(1, room.capacity // 4), room.capacity)
                        self.book(
                            room,
                            owner.id,
                            rng.choice(self.words.booking_titles[room.kind]),
                            cursor,
                            stop,
                            people,
                        )
                        cursor = stop
                        if rng.random() < 0.5:
                            break

    # citizens and appointments -------------------------------------------------------

    def make_citizens_and_appointments(self, first: date, end: date) -> None:
        rng = self.rng
        n_citizens = max(10, round(self.n * 0.75)) if self.n else 0
        target = round(n_citizens * 1.3)
        by_weekday: dict[int, list[date]] = {}
        for day in _days(first, end):
            if self.is_open(day):
                by_weekday.setdefault(day.weekday(), []).append(day)

        association_of = {c.id: c.association_id for c in self.contact_persons}
        seeking = {a.id for a in self.associations if a.seeking_volunteers}
        eligible = list(self.contact_windows)
        eager = [c for c in eligible if association_of[c] in seeking]
        interview_room = self.rooms[self.words.interview_room]

        first_seen: dict[int, date] = {}
        busy: set[tuple[str, int, datetime]] = set()
        citizen_ids = list(range(1, n_citizens + 1))
        for k in range(target if eligible else 0):
            citizen_id = citizen_ids[k] if k < n_citizens else rng.choice(citizen_ids)
            for _attempt in range(12):
                pool = eager if eager and rng.random() < 0.8 else eligible
                contact_id = rng.choice(pool)
                weekdays, (w0, w1) = self.contact_windows[contact_id]
                dates = by_weekday.get(rng.choice(weekdays))
                if not dates:
                    continue
                day = rng.choice(dates)
                slots = int(
                    (datetime.combine(day, w1) - datetime.combine(day, w0)) / APPOINTMENT_LENGTH
                )
                start = datetime.combine(day, w0) + APPOINTMENT_LENGTH * rng.randrange(slots)
                stop = start + APPOINTMENT_LENGTH
                if ("c", contact_id, start) in busy or ("p", citizen_id, start) in busy:
                    continue
                if not within_opening_hours(self.hours, start, stop):
                    continue
                busy.add(("c", contact_id, start))
                busy.add(("p", citizen_id, start))
                room_id = None
                if rng.random() < 0.35 and self.can_book(interview_room.id, start, stop):
                    self.take(interview_room.id, start, stop)
                    room_id = interview_room.id
                roll = rng.random()
                notes = rng.choice(self.words.appointment_notes) if rng.random() < 0.08 else ""
                if day < self.today:
                    if roll < 0.72:
                        status = AppointmentStatus.HELD
                        outcome = rng.choice(self.words.outcomes_held).format(
                            start=day + timedelta(days=rng.randint(3, 14))
                        )
                    elif roll < 0.9:
                        status, outcome = (
                            AppointmentStatus.NO_SHOW,
                            rng.choice(self.words.outcomes_no_show),
                        )
                    else:
                        status, outcome = (
                            AppointmentStatus.CANCELLED,
                            rng.choice(self.words.outcomes_cancelled),
                        )
                elif roll < 0.92:
                    status, outcome = AppointmentStatus.SCHEDULED, ""
                else:
                    status, outcome = (
                        AppointmentStatus.CANCELLED,
                        rng.choice(self.words.outcomes_cancelled),
                    )
                self.appointments.append(
                    AppointmentData(
                        id=len(self.appointments) + 1,
                        citizen_id=citizen_id,
                        association_id=association_of[contact_id],
                        contact_person_id=contact_id,
                        start_at=start,
                        end_at=stop,
                        room_id=room_id,
                        status=status,
                        outcome=outcome,
                        notes=notes,
                    )
                )
                if citizen_id not in first_seen or day < first_seen[citizen_id]:
                    first_seen[citizen_id] = day
                break

        for citizen_id in citizen_ids:
            name = self.person(world_share=0.25)
            has_phone = rng.random() < 0.85
            email = self.personal_email(name) if not has_phone or rng.random() < 0.6 else ""
            seen = min(first_seen.get(citizen_id, self.today), self.today)
            consent = seen - timedelta(days=rng.randint(0, 5))
            self.citizens.append(
                CitizenData(
                    id=citizen_id,
                    name=name,
                    phone=self.mobile() if has_phone else "",
                    email=email,
                    consent_on=consent,
                    privacy_notice_version=PRIVACY_NOTICE_VERSION,
                )
            )

    # papers and enrollments --------------------------------------------------------------

    def make_papers(self) -> None:
        operator_ids = list(range(1, len(self.words.operators) + 1))
        self.documents, self.enrollments, self.associations = make_papers(
            self.seed, self.today, self.associations, operator_ids
        )

    def run(self) -> DemoData:
        today = self.today
        bookings_first = today + timedelta(days=BOOKINGS_FROM_DAYS)
        bookings_end = today + timedelta(days=BOOKINGS_TO_DAYS)
        appointments_first = today + timedelta(days=APPOINTMENTS_FROM_DAYS)
        appointments_end = today + timedelta(days=APPOINTMENTS_TO_DAYS + 1)
        self.make_associations()
        self.make_rooms()
        self.make_closures(
            min(bookings_first, appointments_first),
            max(bookings_end, appointments_end) + timedelta(days=30),
        )
        self.make_bookings(bookings_first, bookings_end)
        self.make_citizens_and_appointments(appointments_first, appointments_end)
        self.make_papers()
        self.bookings.sort(key=lambda b: (b.start_at, b.room_id))
        # Ids follow the calendar order, as if booked one after the other.
        bookings = [replace(b, id=i + 1) for i, b in enumerate(self.bookings)]
        operators = [
            OperatorData(i + 1, op.full_name, op.username, op.password, op.role)
            for i, op in enumerate(self.words.operators)
        ]
        words = self.words
        house = HouseData(
            words.house_name,
            words.house_address,
            words.house_phone,
            words.house_email,
            {d: list(v) for d, v in self.hours.items()},
        )
        return DemoData(
            seed=self.seed,
            today=today,
            house=house,
            operators=operators,
            associations=self.associations,
            board_members=self.board_members,
            contact_persons=self.contact_persons,
            rooms=self.rooms,
            booking_series=self.series,
            bookings=bookings,
            closures=self.closures,
            citizens=self.citizens,
            appointments=self.appointments,
            documents=self.documents,
            enrollments=self.enrollments,
        )


def generate(associations: int = 40, seed: int = 2026, *, today: date) -> DemoData:
    """A whole demo house: `associations` bodies (every legal form), rooms, a month of calendar.

    Deterministic for a given `seed` and `today`; `today` anchors the calendar (a week
    back, three weeks ahead for bookings; two weeks either side for appointments).
    """
    return _Generator(associations, seed, today).run()
