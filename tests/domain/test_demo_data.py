"""The demo-data generator: deterministic, complete and consistent with the house's rules."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.domain import validation
from casedesk.domain.calendar_time import MILAN
from casedesk.domain.checklist import DocumentRecord, Requirement, build_checklist, gate_message
from casedesk.domain.demo_data import PAPERS, DemoData, entity_tax_code, generate
from casedesk.domain.enrollment import DEFAULT_VALIDITY_MONTHS, enrollment_ends_on, renewal_due
from casedesk.domain.enums import (
    AppointmentStatus,
    AssociationStatus,
    BoardRole,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
    Role,
    RoomKind,
    RuntsSection,
)
from casedesk.domain.holidays import holidays_between
from casedesk.domain.opening_hours import DEFAULT_OPENING_HOURS
from casedesk.domain.passwords import MIN_PASSWORD_LENGTH
from casedesk.domain.privacy import PRIVACY_NOTICE_VERSION

TODAY = date(2026, 12, 1)  # a Tuesday, a week before Sant'Ambrogio


@pytest.fixture(scope="module")
def data() -> DemoData:
    return generate(today=TODAY)


def luhn_ok(code: str) -> bool:
    """Written independently of the generator: Luhn over all 11 digits."""
    total = 0
    for position, char in enumerate(reversed(code)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def within_hours(start: datetime, end: datetime) -> bool:
    return start.date() == end.date() and any(
        a <= start.time() and end.time() <= b for a, b in DEFAULT_OPENING_HOURS[start.weekday()]
    )


def check_consistency(data: DemoData) -> None:
    """Invariants every generated house must keep, whatever the seed, size and day."""
    ids = {
        name: [row.id for row in getattr(data, name)]
        for name in (
            "operators",
            "associations",
            "board_members",
            "contact_persons",
            "rooms",
            "booking_series",
            "bookings",
            "closures",
            "citizens",
            "appointments",
            "documents",
            "enrollments",
        )
    }
    for name, values in ids.items():
        assert values == list(range(1, len(values) + 1)), name

    associations = {a.id: a for a in data.associations}
    contacts = {c.id: c for c in data.contact_persons}
    rooms = {r.id: r for r in data.rooms}
    citizens = {c.id: c for c in data.citizens}

    # Boards: formal bodies have 3-7 members and exactly one president, who represents them.
    boards: dict[int, list[BoardRole]] = defaultdict(list)
    presidents: dict[int, str] = {}
    for member in data.board_members:
        assert member.association_id in associations
        boards[member.association_id].append(member.role)
        if member.role is BoardRole.PRESIDENTE:
            presidents[member.association_id] = member.name
    for association in data.associations:
        informal = association.legal_form is LegalForm.GRUPPO_INFORMALE
        roles = boards.get(association.id, [])
        if informal:
            assert roles == []
        else:
            assert 3 <= len(roles) <= 7
            assert roles.count(BoardRole.PRESIDENTE) == 1
            assert association.legal_representative == presidents[association.id]
        assert association.legal_representative
        # Tax codes: entities have one with a correct check digit, informal groups none.
        if informal:
            assert association.tax_code is None
        else:
            code = association.tax_code
            assert code is not None and len(code) == 11 and code.isdigit()
            assert code[7:10] == "015"
            assert luhn_ok(code), code
        # RUNTS details only for entities registered in the RUNTS; ODVs say so in the name.
        if association.legal_form is LegalForm.ETS_RUNTS:
            assert association.runts_section is not None and association.runts_number
            if association.runts_section is RuntsSection.A:
                assert "ODV" in association.name
            if association.runts_section is RuntsSection.B:
                assert "APS" in association.name
        else:
            assert association.runts_section is None and association.runts_number is None
        assert association.sectors and len(set(association.sectors)) == len(association.sectors)
        assert association.created_at.tzinfo is not None
        assert association.created_at <= association.updated_at
        assert association.updated_at.astimezone(MILAN).date() < data.today
        assert validation.email(association.email) is None
        assert validation.email(association.pec) is None
        if association.status in (AssociationStatus.SOSPESA, AssociationStatus.CESSATA):
            assert association.status_reason
    # A tax code belongs to one living association (the database's unique index).
    living = [a.tax_code for a in data.associations if a.tax_code and a.status != "cessata"]
    assert len(living) == len(set(living))

    per_association = Counter(c.association_id for c in data.contact_persons)
    assert all(1 <= per_association[a] <= 2 for a in associations)

    # Closures.
    house_closed = {c.start_date for c in data.closures if c.room_id is None}
    room_closed = set()
    for closure in data.closures:
        assert closure.start_date <= closure.end_date and closure.reason
        if closure.room_id is not None:
            assert closure.room_id in rooms
            day = closure.start_date
            while day <= closure.end_date:
                room_closed.add((closure.room_id, day))
                day += timedelta(days=1)

    # Bookings: in opening hours, on open days, never two at once in a room.
    per_room: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    first, last = TODAY - timedelta(days=7), TODAY + timedelta(days=23)
    for booking in data.bookings:
        assert booking.room_id in rooms
        assert within_hours(booking.start_at, booking.end_at), booking
        day = booking.start_at.date()
        if data.today == TODAY:
            assert first <= day < last
        assert day not in house_closed and (booking.room_id, day) not in room_closed
        if booking.association_id is not None:
            assert associations[booking.association_id].status is AssociationStatus.ISCRITTA
        assert booking.expected_people is None or (
            0 < booking.expected_people <= rooms[booking.room_id].capacity
        )
        per_room[booking.room_id].append((booking.start_at, booking.end_at))
    series_bookings = Counter(b.series_id for b in data.bookings if b.series_id is not None)
    for series in data.booking_series:
        count = int(series.rrule.rsplit("COUNT=", 1)[1])
        assert series_bookings[series.id] == count - len(series.exceptions)

    # Appointments: 30 minutes in opening hours, with a contact who meets citizens.
    busy_contacts: set[tuple[int | None, datetime]] = set()
    first_meeting: dict[int, date] = {}
    for appointment in data.appointments:
        assert appointment.end_at - appointment.start_at == timedelta(minutes=30)
        assert within_hours(appointment.start_at, appointment.end_at), appointment
        day = appointment.start_at.date()
        assert day not in house_closed
        assert appointment.citizen_id in citizens
        contact = contacts[appointment.contact_person_id or 0]
        assert contact.association_id == appointment.association_id
        assert contact.meets_citizens
        assert associations[appointment.association_id].status is AssociationStatus.ISCRITTA
        key = (appointment.contact_person_id, appointment.start_at)
        assert key not in busy_contacts
        busy_contacts.add(key)
        if appointment.room_id is not None:
            per_room[appointment.room_id].append((appointment.start_at, appointment.end_at))
        if day < data.today:
            assert appointment.status is not AppointmentStatus.SCHEDULED
        else:
            assert appointment.status in (AppointmentStatus.SCHEDULED, AppointmentStatus.CANCELLED)
        if appointment.status in (AppointmentStatus.HELD, AppointmentStatus.CANCELLED):
            assert appointment.outcome
        first_meeting[appointment.citizen_id] = min(
            day, first_meeting.get(appointment.citizen_id, day)
        )

    for room_id, ranges in per_room.items():
        ranges.sort()
        for (_s1, e1), (s2, _e2) in pairwise(ranges):
            assert e1 <= s2, f"overlap in room {room_id} at {s2}"

    for citizen in data.citizens:
        assert citizen.phone or citizen.email
        assert citizen.privacy_notice_version == PRIVACY_NOTICE_VERSION
        assert citizen.consent_on is not None and citizen.consent_on <= data.today
        if citizen.id in first_meeting:
            assert citizen.consent_on <= first_meeting[citizen.id]

    check_papers(data)


def demo_catalogue() -> list[Requirement]:
    return [
        Requirement(index + 1, code, code, forms, True, months, (index + 1) * 10)
        for index, (code, forms, months) in enumerate(PAPERS)
    ]


def check_papers(data: DemoData) -> None:
    """Recorded papers and enrollments agree with the statuses and the checklist rules."""
    catalogue = demo_catalogue()
    by_code = {r.code: r for r in catalogue}
    associations = {a.id: a for a in data.associations}
    operators = {op.id for op in data.operators}
    created = {a.id: a.created_at.astimezone(MILAN).date() for a in data.associations}

    seen: set[tuple[int, str]] = set()
    for d in data.documents:
        a = associations[d.association_id]
        assert a.legal_form in by_code[d.requirement_code].legal_forms
        assert (a.id, d.requirement_code) not in seen
        seen.add((a.id, d.requirement_code))
        if d.status is DocumentStatus.DELIVERED:
            assert d.received_on is not None and d.received_by_id in operators
            assert created[a.id] <= d.received_on < data.today
        else:
            assert d.received_on is None
            assert d.note, d
            if d.status is DocumentStatus.MISSING:
                assert d.received_by_id is None
            else:
                assert d.status is DocumentStatus.NOT_APPLICABLE

    valid: Counter[int] = Counter()
    numbers: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for e in data.enrollments:
        a = associations[e.association_id]
        assert e.year == e.enrolled_on.year and e.operator_id in operators
        assert created[a.id] <= e.enrolled_on < data.today
        numbers[e.year].append((e.enrolled_on, e.number))
        records = [
            DocumentRecord(by_code[code].id, DocumentStatus.DELIVERED, on)
            for code, on in e.delivered
        ] + [
            DocumentRecord(by_code[code].id, DocumentStatus.NOT_APPLICABLE, note=why)
            for code, why in e.not_applicable
        ]
        for code, on in e.delivered:
            assert a.legal_form in by_code[code].legal_forms and on <= e.enrolled_on
        gate = gate_message(build_checklist(a.legal_form, catalogue, records, e.enrolled_on))
        # Enrolled only with every paper in order, or with a coordinator's reason.
        assert gate is None or (e.override_reason and e.operator_id == 1), (a.name, gate)
        if e.status is EnrollmentStatus.VALIDA:
            valid[a.id] += 1
            assert not e.cancel_reason
        else:
            assert e.cancel_reason and a.status is AssociationStatus.BOZZA
            assert a.status_reason.startswith(f"Ricevuta {e.year}/{e.number:04d} annullata")
    # Receipt numbers: 1..n in each year, in the order of the dates.
    for year, pairs in numbers.items():
        pairs.sort(key=lambda p: p[1])
        assert [n for _, n in pairs] == list(range(1, len(pairs) + 1)), year
        assert [d for d, _ in pairs] == sorted(d for d, _ in pairs), year
    # Papers on record: the latest copy, never older than one a receipt listed.
    on_record = {(d.association_id, d.requirement_code): d for d in data.documents}
    for e in data.enrollments:
        for code, on in e.delivered:
            record = on_record[e.association_id, code]
            assert record.received_on is not None and record.received_on >= on, (e, code)
        for code, _why in e.not_applicable:
            assert on_record[e.association_id, code].status is DocumentStatus.NOT_APPLICABLE
    for a in data.associations:
        if a.status is AssociationStatus.BOZZA:
            assert valid[a.id] == 0, a.name
        else:
            assert valid[a.id] >= 1, (a.name, a.status)
    check_renewals(data)


def valid_receipts(data: DemoData) -> dict[int, list[date]]:
    """Association id -> the dates of its valid receipts, oldest first."""
    out: dict[int, list[date]] = defaultdict(list)
    for e in sorted(data.enrollments, key=lambda e: (e.enrolled_on, e.year, e.number)):
        if e.status is EnrollmentStatus.VALIDA:
            out[e.association_id].append(e.enrolled_on)
    return out


def due_for_renewal(data: DemoData) -> list[int]:
    """The associations the register shows «da rinnovare»."""
    receipts = valid_receipts(data)
    return [
        a.id
        for a in data.associations
        if renewal_due(
            a.status,
            receipts[a.id][-1] if receipts.get(a.id) else None,
            data.house.enrollment_validity_months,
            data.today,
        )
    ]


def check_renewals(data: DemoData) -> None:
    """Renewals follow the desk's rule and the house renews on time, with a few exceptions."""
    # The demo house's enrollments run out (and the default length, as a new house's).
    months = data.house.enrollment_validity_months
    assert months == DEFAULT_VALIDITY_MONTHS
    receipts = valid_receipts(data)
    for aid, dates in receipts.items():
        for before, after in pairwise(dates):
            ends = enrollment_ends_on(before, months)
            assert ends is not None
            # Never renewed before the receipt ran out (enroll() refuses), and on time.
            assert ends <= after <= ends + timedelta(days=31), (aid, before, after)
    enrolled = [a.id for a in data.associations if a.status is AssociationStatus.ISCRITTA]
    due = due_for_renewal(data)
    assert set(due) <= set(enrolled)
    # A few left to renew: at most one in six of the enrolled ones ...
    assert len(due) <= max(1, len(enrolled) // 6), (len(due), len(enrolled))
    # ... and at least one whenever some enrolled association has had to renew.
    first_ran_out = [
        aid
        for aid in enrolled
        if (ends := enrollment_ends_on(receipts[aid][0], months)) and ends <= data.today
    ]
    if first_ran_out:
        assert due


def test_every_state_of_papers_and_receipts_can_be_seen(data: DemoData) -> None:
    catalogue = demo_catalogue()
    ids = {r.code: r.id for r in catalogue}
    records: dict[int, list[DocumentRecord]] = defaultdict(list)
    for d in data.documents:
        records[d.association_id].append(
            DocumentRecord(ids[d.requirement_code], d.status, d.received_on, note=d.note)
        )
    states: Counter[tuple[AssociationStatus, DocumentStatus]] = Counter()
    ready_drafts = 0
    for a in data.associations:
        items = build_checklist(a.legal_form, catalogue, records[a.id], data.today)
        states.update((a.status, item.status) for item in items)
        if a.status is AssociationStatus.BOZZA and gate_message(items) is None:
            ready_drafts += 1
    assert states[AssociationStatus.BOZZA, DocumentStatus.MISSING] >= 3
    assert states[AssociationStatus.ISCRITTA, DocumentStatus.OUTDATED] >= 1
    assert states[AssociationStatus.ISCRITTA, DocumentStatus.DELIVERED] >= 50
    assert sum(n for (_, status), n in states.items() if status is DocumentStatus.NOT_APPLICABLE)
    assert ready_drafts >= 1
    assert any(d.status is DocumentStatus.MISSING and d.note for d in data.documents)

    enrollments = Counter(e.status for e in data.enrollments)
    assert enrollments[EnrollmentStatus.ANNULLATA] == 1
    assert enrollments[EnrollmentStatus.VALIDA] > sum(
        1 for a in data.associations if a.status is not AssociationStatus.BOZZA
    )
    assert sum(1 for e in data.enrollments if e.override_reason) == 1
    assert any(e.year == TODAY.year for e in data.enrollments)


def test_the_default_demo_renews_on_time_but_for_a_few(data: DemoData) -> None:
    """Enrolled bodies renewed each year; the «Da rinnovare» filter shows a few of them."""
    assert 1 <= len(due_for_renewal(data)) <= 5
    receipts = valid_receipts(data)
    enrolled = [a for a in data.associations if a.status is AssociationStatus.ISCRITTA]
    renewed = [a for a in enrolled if len(receipts[a.id]) > 1]
    assert len(renewed) >= len(enrolled) // 2
    assert any(len(receipts[a.id]) >= 3 for a in enrolled)
    # Every year with receipts numbers them 1..n, several years back.
    years = Counter(e.year for e in data.enrollments)
    assert len(years) >= 3
    for year, n in years.items():
        assert sorted(e.number for e in data.enrollments if e.year == year) == list(range(1, n + 1))


def test_papers_do_not_change_the_rest_of_the_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """The papers come from their own random stream: the rest stays as it was without them."""
    from casedesk.domain.demo_data import generator

    # A seed whose demo has a cancelled receipt (not every small one does).
    with_papers = generate(30, seed=12, today=TODAY)
    monkeypatch.setattr(generator._Generator, "make_papers", lambda self: None)
    without = generate(30, seed=12, today=TODAY)
    assert with_papers.documents and with_papers.enrollments
    assert any(e.status is EnrollmentStatus.ANNULLATA for e in with_papers.enrollments)
    assert without.documents == [] and without.enrollments == []
    for name in ("board_members", "contact_persons", "bookings", "citizens", "appointments"):
        assert getattr(with_papers, name) == getattr(without, name), name
    # Only the draft whose receipt was cancelled says so in its status reason.
    changed = [(a, b) for a, b in zip(with_papers.associations, without.associations) if a != b]
    assert len(changed) == 1
    assert changed[0][0] == replace(changed[0][1], status_reason=changed[0][0].status_reason)


def test_forty_associations_by_default(data: DemoData) -> None:
    assert len(data.associations) == 40
    assert data.today == TODAY


def test_same_seed_same_data_other_seed_other_data() -> None:
    assert generate(25, seed=7, today=TODAY) == generate(25, seed=7, today=TODAY)
    assert generate(25, seed=7, today=TODAY) != generate(25, seed=8, today=TODAY)


def test_the_data_is_consistent(data: DemoData) -> None:
    check_consistency(data)


def test_every_legal_form_and_both_main_runts_sections(data: DemoData) -> None:
    assert {a.legal_form for a in data.associations} == set(LegalForm)
    sections = {a.runts_section for a in data.associations if a.runts_section}
    assert {RuntsSection.A, RuntsSection.B} <= sections
    odv = [a for a in data.associations if a.runts_section is RuntsSection.A]
    assert odv and all("ODV" in a.name for a in odv)


def test_names_are_unique_and_some_have_accents_or_apostrophes() -> None:
    names = [a.name for a in generate(400, today=TODAY).associations]
    assert len(names) == len(set(names))
    assert any("'" in n for n in names)
    assert any(ch in n for n in names for ch in "àèéìòù")


def test_mostly_enrolled_or_draft_and_a_couple_suspended_or_ceased(data: DemoData) -> None:
    statuses = Counter(a.status for a in data.associations)
    assert statuses[AssociationStatus.ISCRITTA] > len(data.associations) / 2
    assert statuses[AssociationStatus.BOZZA] >= 1
    assert 1 <= statuses[AssociationStatus.SOSPESA] <= 3
    assert 1 <= statuses[AssociationStatus.CESSATA] <= 3
    assert any(a.seeking_volunteers for a in data.associations)
    assert any(a.website for a in data.associations)


def test_tax_codes_are_valid_for_stdnum() -> None:
    iva = pytest.importorskip("stdnum.it.iva")
    codes = [a.tax_code for a in generate(200, today=TODAY).associations if a.tax_code]
    assert codes and all(iva.is_valid(code) for code in codes)


def test_entity_tax_code_check_digit() -> None:
    assert entity_tax_code(74311) == "00743110157"  # a real partita IVA from Milan
    assert luhn_ok(entity_tax_code(9_612_345))


def test_phones_are_valid_italian_numbers(data: DemoData) -> None:
    phonenumbers = pytest.importorskip("phonenumbers")
    phones = [a.phone for a in data.associations] + [c.phone for c in data.contact_persons]
    phones += [c.phone for c in data.citizens if c.phone] + [data.house.phone]
    for phone in phones:
        number = phonenumbers.parse(phone, "IT")
        assert phonenumbers.is_valid_number(number), phone
        # Already written the way the desk's forms normalise numbers.
        assert phone == phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )


def test_associations_pass_the_desk_validation(data: DemoData) -> None:
    associations = pytest.importorskip("casedesk.domain.associations")
    for a in data.associations:
        draft = associations.AssociationDraft(
            name=a.name,
            legal_form=a.legal_form,
            tax_code=a.tax_code or "",
            runts_section=a.runts_section,
            runts_number=a.runts_number or "",
            address=a.address,
            email=a.email,
            pec=a.pec,
            phone=a.phone,
            website=a.website,
            sectors=list(a.sectors),
            description=a.description,
            seeking_volunteers=a.seeking_volunteers,
            legal_representative=a.legal_representative,
        )
        result = associations.validate(draft)
        assert result.errors == [] and result.warnings == [], (a.name, result)


def test_house_operators_and_rooms(data: DemoData) -> None:
    assert "Casa delle associazioni" in data.house.name and "Milano" in data.house.address
    assert data.house.opening_hours == DEFAULT_OPENING_HOURS
    roles = Counter(op.role for op in data.operators)
    assert roles == {Role.COORDINATORE: 1, Role.OPERATORE: 2}
    for op in data.operators:
        assert len(op.password) >= MIN_PASSWORD_LENGTH
        assert validation.username(op.username) is None
    assert {r.kind for r in data.rooms} == set(RoomKind)
    assert len({r.name for r in data.rooms}) == len(data.rooms)


def test_a_month_of_bookings_with_house_events_and_a_series(data: DemoData) -> None:
    assert len(data.bookings) >= 40
    assert any(b.association_id is None for b in data.bookings)
    assert data.booking_series
    days = {b.start_at.date() for b in data.bookings}
    assert min(days) < TODAY < max(days)


def test_closures_for_sant_ambrogio_and_a_room_under_maintenance(data: DemoData) -> None:
    house = {c.start_date: c.reason for c in data.closures if c.room_id is None}
    assert "Sant'Ambrogio" in house[date(2026, 12, 7)]
    assert date(2026, 12, 8) in house
    assert any(c.room_id is not None for c in data.closures)
    for booking in data.bookings:
        assert booking.start_at.date() not in (date(2026, 12, 7), date(2026, 12, 8))


def test_the_house_is_closed_on_every_holiday_that_falls_on_an_opening_day() -> None:
    """4 October 2027 is a Monday: San Francesco, a national holiday again from 2026."""
    today = date(2027, 9, 28)
    data = generate(today=today)
    house = {c.start_date: c.reason for c in data.closures if c.room_id is None}
    assert "San Francesco" in house[date(2027, 10, 4)]
    assert all(b.start_at.date() != date(2027, 10, 4) for b in data.bookings)
    assert all(a.start_at.date() != date(2027, 10, 4) for a in data.appointments)
    calendar = [*data.bookings, *data.appointments]
    first = min(x.start_at.date() for x in calendar)
    last = max(x.start_at.date() for x in calendar)
    for day, name in holidays_between(first, last).items():
        if DEFAULT_OPENING_HOURS[day.weekday()]:
            assert house[day] == name
    check_consistency(data)


def test_a_house_closure_even_without_holidays_nearby() -> None:
    data = generate(today=date(2026, 10, 1))
    assert any(c.room_id is None for c in data.closures)
    check_consistency(data)


def test_appointments_in_the_past_have_an_outcome_future_ones_are_scheduled(
    data: DemoData,
) -> None:
    past = [a for a in data.appointments if a.start_at.date() < TODAY]
    future = [a for a in data.appointments if a.start_at.date() >= TODAY]
    assert past and future
    assert {a.status for a in past} >= {AppointmentStatus.HELD, AppointmentStatus.NO_SHOW}
    assert any(a.status is AppointmentStatus.SCHEDULED for a in future)
    assert any(a.room_id is not None for a in data.appointments)
    assert len(data.citizens) >= 10


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    associations=st.integers(min_value=0, max_value=60),
    seed=st.integers(min_value=0, max_value=10**6),
    today=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
)
def test_any_seed_size_and_day_gives_consistent_data(
    associations: int, seed: int, today: date
) -> None:
    data = generate(associations, seed, today=today)
    assert len(data.associations) == associations
    check_consistency(data)


@pytest.mark.slow
def test_twenty_thousand_associations_with_distinct_names() -> None:
    # Speed is the benchmark's business (bench/data.py builds this register), not a test's.
    data = generate(associations=20_000, today=TODAY)
    assert len(data.associations) == 20_000
    assert len({a.name for a in data.associations}) == 20_000
