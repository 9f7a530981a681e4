"""The demo generator: the associations, their boards and contact persons; and the run
that adds the calendar, the citizens and the papers (modules of their own).

Scale: the work is linear in the number of associations (ids, tax codes and names
are drawn without searching), so `generate(associations=20000)` takes a few
seconds; rooms and bookings do not grow with it (a house has five rooms), while
citizens and appointments grow with the associations.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from casedesk.domain.associations import DEFAULT_SECTORS, entity_tax_code
from casedesk.domain.calendar_time import MILAN, WEEKDAYS_IT
from casedesk.domain.demo_data.appointments import make_citizens_and_appointments
from casedesk.domain.demo_data.house_calendar import HouseCalendar
from casedesk.domain.demo_data.papers import ENROLLMENT_VALIDITY_MONTHS, make_papers
from casedesk.domain.demo_data.people import People, ascii_slug
from casedesk.domain.demo_data.records import (
    AppointmentData,
    AssociationData,
    BoardMemberData,
    CitizenData,
    ContactPersonData,
    DemoData,
    DocumentData,
    EnrollmentData,
    HouseData,
    OperatorData,
)
from casedesk.domain.demo_data.words import load_words
from casedesk.domain.enums import (
    AssociationStatus,
    BoardRole,
    LegalForm,
    RuntsSection,
)
from casedesk.domain.opening_hours import (
    DEFAULT_OPENING_HOURS,
    OpeningHours,
    fits_day,
)

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


# --- helpers -------------------------------------------------------------------------


def _web_slug(name: str, limit: int = 32) -> str:
    """What an association would register as its domain: «L'Arca Niguarda ODV» -> larca-niguarda-odv."""
    words = ascii_slug(name, " ").split()
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
        self.window_cache: dict[tuple[int, ...], list[tuple[time, time]]] = {}
        self.name_counter: dict[str, int] = {}
        self.associations: list[AssociationData] = []
        self.board_members: list[BoardMemberData] = []
        self.contact_persons: list[ContactPersonData] = []
        # Per contact person who meets citizens: (weekdays, window) of availability.
        self.contact_windows: dict[int, tuple[tuple[int, ...], tuple[time, time]]] = {}
        self.people = People(self.rng, self.words)
        self.calendar = HouseCalendar(self.rng, self.words, self.hours, today)
        self.citizens: list[CitizenData] = []
        self.appointments: list[AppointmentData] = []
        self.documents: list[DocumentData] = []
        self.enrollments: list[EnrollmentData] = []

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
            president = self.people.person()
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
                    board.append((self.people.person(), role))
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
                else (board[rng.randrange(len(board))][0] if board else self.people.person())
            )
            contact_names = [first_contact]
            if rng.random() < 0.4:
                contact_names.append(self.people.person())
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
                        phone=self.people.mobile(),
                        email=self.people.personal_email(contact_name),
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
                    address=self.people.address(),
                    email=f"info@{slug}.it"
                    if not informal
                    else self.people.personal_email(first_contact),
                    pec=f"{slug}@pec.it" if rng.random() < pec_chance else "",
                    phone=self.people.landline() if not informal else self.people.mobile(),
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
        calendar = self.calendar
        calendar.make_rooms()
        calendar.make_closures(
            min(bookings_first, appointments_first),
            max(bookings_end, appointments_end) + timedelta(days=30),
        )
        calendar.make_bookings(bookings_first, bookings_end, self.associations)
        self.citizens, self.appointments = make_citizens_and_appointments(
            self.rng,
            self.words,
            self.people,
            calendar,
            first=appointments_first,
            end=appointments_end,
            associations=self.associations,
            contact_persons=self.contact_persons,
            contact_windows=self.contact_windows,
        )
        self.make_papers()
        # Ids follow the calendar order, as if booked one after the other.
        in_order = sorted(calendar.bookings, key=lambda b: (b.start_at, b.room_id))
        bookings = [replace(b, id=i + 1) for i, b in enumerate(in_order)]
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
            ENROLLMENT_VALIDITY_MONTHS,
        )
        return DemoData(
            seed=self.seed,
            today=today,
            house=house,
            operators=operators,
            associations=self.associations,
            board_members=self.board_members,
            contact_persons=self.contact_persons,
            rooms=calendar.rooms,
            booking_series=calendar.series,
            bookings=bookings,
            closures=calendar.closures,
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
