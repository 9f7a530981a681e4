"""Loading the demo data into an empty database (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from casedesk.db.base import Base
from casedesk.db.models import (
    Appointment,
    Association,
    AuditEvent,
    BoardMember,
    Booking,
    BookingSeries,
    Citizen,
    Closure,
    ContactPerson,
    House,
    Operator,
    Room,
)
from casedesk.domain import opening_hours
from casedesk.domain.calendar_time import milan_now
from casedesk.domain.demo_data import generate
from casedesk.domain.enums import (
    AssociationStatus,
    BoardRole,
    LegalForm,
    Role,
    RoomKind,
)
from casedesk.domain.operators import NewOperator
from casedesk.domain.signin import SignInThrottle
from casedesk.services.auth import sign_in
from casedesk.services.context import ServiceContext
from casedesk.services.demo import DemoCredential, fill_demo
from casedesk.services.errors import ServiceError
from casedesk.services.operators import add_operator

TODAY = date(2026, 12, 1)
NOON = datetime.combine(TODAY, time(11), tzinfo=UTC)  # the services' clock on TODAY
REFUSAL = (
    "Il database contiene già dei dati: i dati di esempio si caricano solo in un database vuoto."
)


def count(ctx: ServiceContext, model: type[Base]) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def all_counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.db.read() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def test_fills_an_empty_database(ctx: ServiceContext) -> None:
    credentials = fill_demo(ctx, today=TODAY)
    expected = generate(today=TODAY)

    assert count(ctx, Operator) == 3
    assert count(ctx, Association) == 40
    assert count(ctx, BoardMember) == len(expected.board_members)
    assert count(ctx, ContactPerson) == len(expected.contact_persons)
    assert count(ctx, Booking) == len(expected.bookings) > 0
    assert count(ctx, BookingSeries) == len(expected.booking_series) > 0
    assert count(ctx, Closure) == len(expected.closures) > 0
    assert count(ctx, Citizen) == len(expected.citizens) > 0
    assert count(ctx, Appointment) == len(expected.appointments) > 0
    with ctx.db.read() as session:
        house = session.get(House, 1)
        assert house is not None and house.name == expected.house.name
        assert opening_hours.from_json(house.opening_hours) == expected.house.opening_hours
        assert set(session.scalars(select(Room.kind))) == set(RoomKind)
        assert set(session.scalars(select(Association.legal_form))) == set(LegalForm)
        presidents = session.scalar(
            select(func.count()).where(BoardMember.role == BoardRole.PRESIDENTE)
        )
        assert presidents == sum(
            1 for a in expected.associations if a.legal_form is not LegalForm.GRUPPO_INFORMALE
        )
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        # One event per association, as the form and the import write, then the fill.
        assert [e.action for e in events] == ["association.demo"] * 40 + ["demo.fill"]
        assert all(e.operator_id is None for e in events)
        first = expected.associations[0]
        assert events[0].entity_id == first.id and events[0].after is not None
        assert events[0].after["name"] == first.name
        assert events[0].after["legal_form"] == first.legal_form.value
        fill = events[-1]
        assert fill.entity_type == "house" and fill.after is not None
        assert fill.after["associations"] == 40
        assert fill.after["today"] == "2026-12-01"

    assert [c.role for c in credentials] == [Role.COORDINATORE, Role.OPERATORE, Role.OPERATORE]
    assert all(isinstance(c, DemoCredential) and len(c.password) >= 8 for c in credentials)


def test_values_read_back_as_generated(ctx: ServiceContext) -> None:
    fill_demo(ctx, associations=12, seed=5, today=TODAY)
    expected = generate(12, 5, today=TODAY)
    with ctx.db.read() as session:
        for generated in expected.associations:
            stored = session.get(Association, generated.id)
            assert stored is not None
            assert stored.name == generated.name
            assert stored.legal_form is generated.legal_form
            assert stored.runts_section is generated.runts_section
            assert stored.tax_code == generated.tax_code
            assert stored.sectors == list(generated.sectors)
            assert stored.status is generated.status
            assert stored.created_at == generated.created_at
            assert stored.created_at.tzinfo is UTC
            assert stored.version_id == 1
        first = expected.bookings[0]
        booking = session.get(Booking, first.id)
        assert booking is not None
        assert (booking.start_at, booking.end_at, booking.room_id, booking.status) == (
            first.start_at,
            first.end_at,
            first.room_id,
            first.status,
        )
        assert booking.start_at.tzinfo is None  # Milan wall-clock, naive
        series = session.get(BookingSeries, 1)
        assert series is not None
        assert series.exceptions == list(expected.booking_series[0].exceptions)
        appointment = session.get(Appointment, 1)
        assert appointment is not None
        assert appointment.status is expected.appointments[0].status
        citizen = session.get(Citizen, 1)
        assert citizen is not None and citizen.privacy_notice_version == "2026-01"


def test_demo_credentials_sign_in(ctx: ServiceContext) -> None:
    credentials = fill_demo(ctx, associations=5, today=TODAY)
    for credential in credentials:
        who = sign_in(ctx, SignInThrottle(), credential.username, credential.password)
        assert who.username == credential.username
        assert who.full_name == credential.full_name
        assert who.role is credential.role
        assert not who.must_change_password


def test_a_second_fill_refuses_and_changes_nothing(ctx: ServiceContext) -> None:
    fill_demo(ctx, associations=10, today=TODAY)
    before = all_counts(ctx)
    with pytest.raises(ServiceError) as refused:
        fill_demo(ctx, associations=10, seed=99, today=TODAY)
    assert str(refused.value) == REFUSAL
    assert all_counts(ctx) == before


def test_refuses_a_database_already_set_up(coordinator: ServiceContext) -> None:
    before = all_counts(coordinator)
    with pytest.raises(ServiceError, match="contiene già dei dati"):
        fill_demo(coordinator, today=TODAY)
    assert all_counts(coordinator) == before
    assert count(coordinator, Association) == 0


def test_the_desk_can_add_rows_after_the_demo(ctx: ServiceContext) -> None:
    """On PostgreSQL this proves the id sequences were moved past the demo's ids."""
    credentials = fill_demo(ctx, associations=15, today=TODAY)
    coordinator = next(c for c in credentials if c.role is Role.COORDINATORE)
    chiara = sign_in(ctx, SignInThrottle(), coordinator.username, coordinator.password)
    new = add_operator(
        ctx.signed_in(chiara), NewOperator("Davide Sala", "davide", "davide-prova-1")
    )
    assert new.id == 4

    max_ids = {}
    with ctx.db.read() as session:
        for model in (Association, BoardMember, ContactPerson, Room, BookingSeries, Booking):
            max_ids[model] = session.scalar(select(func.max(model.id)))
        for model in (Closure, Citizen, Appointment):
            max_ids[model] = session.scalar(select(func.max(model.id)))
    now = datetime.now(UTC)
    day = TODAY + timedelta(days=40)
    while day.weekday() > 4:
        day += timedelta(days=1)
    with ctx.db.write() as session:
        association = Association(
            name="Associazione Nuova",
            legal_form=LegalForm.GRUPPO_INFORMALE,
            status=AssociationStatus.BOZZA,
            sectors=[],
            created_at=now,
            updated_at=now,
        )
        room = Room(name="Sala nuova", kind=RoomKind.MEETING, capacity=6)
        citizen = Citizen(name="Nuovo Cittadino")
        session.add_all([association, room, citizen])
        session.flush()
        member = BoardMember(
            association_id=association.id, name="Tizio Caio", role=BoardRole.PRESIDENTE
        )
        contact = ContactPerson(association_id=association.id, name="Tizio Caio")
        start = datetime.combine(day, time(9, 0))
        series = BookingSeries(
            room_id=room.id,
            title="Serie nuova",
            first_start=start,
            first_end=start + timedelta(hours=1),
            rrule="FREQ=WEEKLY;COUNT=1",
        )
        closure = Closure(
            start_date=day + timedelta(days=1), end_date=day + timedelta(days=1), reason="Prova"
        )
        session.add_all([member, contact, series, closure])
        session.flush()
        booking = Booking(
            room_id=room.id,
            title="Prenotazione nuova",
            start_at=start,
            end_at=start + timedelta(hours=1),
            series_id=series.id,
        )
        appointment = Appointment(
            citizen_id=citizen.id,
            association_id=association.id,
            contact_person_id=contact.id,
            start_at=start,
            end_at=start + timedelta(minutes=30),
        )
        session.add_all([booking, appointment])
        session.flush()
        for row in (
            association,
            member,
            contact,
            room,
            series,
            booking,
            closure,
            citizen,
            appointment,
        ):
            assert row.id == (max_ids[type(row)] or 0) + 1, type(row).__name__


def test_today_defaults_to_the_milan_date(ctx: ServiceContext) -> None:
    fill_demo(ctx, associations=8)
    today = milan_now().date()
    with ctx.db.read() as session:
        first = session.scalar(select(func.min(Booking.start_at)))
        last = session.scalar(select(func.max(Booking.start_at)))
    assert first is not None and last is not None
    assert today - timedelta(days=8) <= first.date() and last.date() <= today + timedelta(days=23)


def test_a_larger_house_loads_too(ctx: ServiceContext) -> None:
    fill_demo(ctx, associations=600, today=TODAY)
    assert count(ctx, Association) == 600
    assert count(ctx, Appointment) > 400


# --- papers, enrollments and receipts ---------------------------------------------------


def _coordinator(ctx: ServiceContext, credentials: list[DemoCredential]) -> ServiceContext:
    cred = next(c for c in credentials if c.role is Role.COORDINATORE)
    return ctx.signed_in(sign_in(ctx, SignInThrottle(), cred.username, cred.password))


def test_papers_and_enrollments_load_with_their_snapshots(ctx: ServiceContext) -> None:
    from casedesk.db.models import AssociationDocument, DocumentRequirement, Enrollment
    from casedesk.domain.enums import EnrollmentStatus
    from casedesk.domain.receipt import ReceiptSnapshot
    from casedesk.services.demo import DEMO_RECEIPT_PDFS
    from casedesk.services.enrollment import (
        build_snapshot,
        receipt_association,
        receipt_house,
        reprint,
        verify_archive,
    )

    me = _coordinator(ctx, fill_demo(ctx, today=TODAY))
    expected = generate(today=TODAY)
    assert count(ctx, AssociationDocument) == len(expected.documents) > 0
    assert count(ctx, Enrollment) == len(expected.enrollments) > 0
    with ctx.db.read() as session:
        titles = dict(
            session.execute(select(DocumentRequirement.code, DocumentRequirement.title)).all()
        )
        rows = {e.id: e for e in session.scalars(select(Enrollment))}
        fill = session.scalars(select(AuditEvent).where(AuditEvent.action == "demo.fill")).one()
    assert fill.after is not None and fill.after["enrollments"] == len(rows)

    associations = {a.id: a for a in expected.associations}
    names = {op.id: op.full_name for op in expected.operators}
    for generated in expected.enrollments:
        row = rows[generated.id]
        assert (row.year, row.number, row.status) == (
            generated.year,
            generated.number,
            generated.status,
        )
        a = associations[generated.association_id]
        # Built exactly as enroll() builds it.
        assert ReceiptSnapshot.from_json(row.snapshot) == build_snapshot(
            year=generated.year,
            number=generated.number,
            enrolled_on=generated.enrolled_on,
            house=receipt_house(
                expected.house.name,
                expected.house.address,
                expected.house.phone,
                expected.house.email,
                None,
            ),
            association=receipt_association(
                name=a.name,
                legal_form=a.legal_form,
                tax_code=a.tax_code,
                runts_section=a.runts_section,
                runts_number=a.runts_number,
                address=a.address,
                legal_representative=a.legal_representative,
            ),
            delivered=[(titles[c], on) for c, on in generated.delivered],
            not_applicable=[(titles[c], why) for c, why in generated.not_applicable],
            override_reason=generated.override_reason,
            house_settings={},
            operator_name=names[generated.operator_id],
        )

    archived = [row for row in rows.values() if row.pdf_path]
    assert 0 < len(archived) <= DEMO_RECEIPT_PDFS
    assert any(row.status is EnrollmentStatus.ANNULLATA for row in archived)
    for row in archived:
        assert verify_archive(me, row.id)
    files = list(ctx.settings.receipts_dir.rglob("*.pdf"))
    assert len(files) == len(archived)
    # A receipt without an archived file is reprinted from its snapshot all the same.
    bare = next(row for row in rows.values() if not row.pdf_path)
    assert reprint(me, bare.receipt_number, today=TODAY).startswith(b"%PDF-")


def test_a_new_user_takes_the_cancelled_draft_to_enrolled(ctx: ServiceContext) -> None:
    """From bozza through the checklist to iscritta, with the demo as loaded."""
    from casedesk.domain.enums import EnrollmentStatus
    from casedesk.services.documents import get_checklist, worklist
    from casedesk.services.enrollment import enroll, enrollment_history

    me = _coordinator(ctx, fill_demo(ctx, today=TODAY))
    expected = generate(today=TODAY)
    cancelled = next(e for e in expected.enrollments if e.status is EnrollmentStatus.ANNULLATA)
    view = get_checklist(me, cancelled.association_id, TODAY)
    assert view.association_status is AssociationStatus.BOZZA and view.can_enroll
    highest = max(e.number for e in expected.enrollments if e.year == TODAY.year)
    info = enroll(me, cancelled.association_id, today=TODAY)
    assert info.number == highest + 1
    assert [h.status for h in enrollment_history(me, cancelled.association_id)] == [
        EnrollmentStatus.VALIDA,
        EnrollmentStatus.ANNULLATA,
    ]
    # The worklist shows drafts with papers missing and enrolled ones out of date.
    found = worklist(me, today=TODAY)
    statuses = {e.status for e in found}
    assert AssociationStatus.BOZZA in statuses and AssociationStatus.ISCRITTA in statuses
    assert any("scaduto il" in m for e in found for m in e.missing)


def test_without_pdfs_no_file_is_written(ctx: ServiceContext) -> None:
    from casedesk.db.models import Enrollment

    fill_demo(ctx, associations=30, today=TODAY, with_pdfs=False)
    assert not ctx.settings.receipts_dir.exists()
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).where(Enrollment.pdf_path.is_not(None))) == 0
        assert session.scalar(select(func.count()).select_from(Enrollment)) > 0


def test_a_receipt_file_already_there_is_left_alone(ctx: ServiceContext) -> None:
    from casedesk.db.models import Enrollment
    from casedesk.domain.enums import EnrollmentStatus

    cancelled = next(
        e for e in generate(today=TODAY).enrollments if e.status is EnrollmentStatus.ANNULLATA
    )
    folder = ctx.settings.receipts_dir / str(cancelled.year)
    folder.mkdir(parents=True)
    other = folder / f"{cancelled.year}-{cancelled.number:04d}.pdf"
    other.write_bytes(b"%PDF- another database's receipt")
    fill_demo(ctx, today=TODAY)
    assert other.read_bytes() == b"%PDF- another database's receipt"
    with ctx.db.read() as session:
        row = session.get(Enrollment, cancelled.id)
        assert row is not None and row.pdf_path is None


def test_a_failed_fill_leaves_no_receipt_files(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casedesk.services import demo

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "_fill", broken)
    with pytest.raises(RuntimeError):
        fill_demo(ctx, associations=20, today=TODAY)
    assert list(ctx.settings.receipts_dir.rglob("*.pdf")) == []
    assert count(ctx, Association) == 0


def test_the_desk_can_enroll_and_record_after_the_demo(ctx: ServiceContext) -> None:
    """On PostgreSQL: the enrollment and document id sequences were moved on too."""
    from casedesk.domain.associations import AssociationDraft
    from casedesk.domain.enums import DocumentStatus
    from casedesk.services.associations import create_association
    from casedesk.services.documents import get_checklist, record_document
    from casedesk.services.enrollment import enroll

    me = _coordinator(ctx, fill_demo(ctx, associations=15, today=TODAY, with_pdfs=False))
    a = create_association(
        me, AssociationDraft("Gruppo nuovo di zecca", LegalForm.GRUPPO_INFORMALE)
    )
    for entry in get_checklist(me, a.id, TODAY).entries:
        record_document(me, a.id, entry.requirement.id, DocumentStatus.DELIVERED, today=TODAY)
    info = enroll(me, a.id, today=TODAY)
    assert info.id == len(generate(15, today=TODAY).enrollments) + 1


def test_a_few_enrolled_are_due_and_the_desk_can_renew_them(ctx: ServiceContext) -> None:
    """The register's «Da rinnovare» shows a few; renewing one takes the year's next number."""
    from casedesk.db.models import Enrollment
    from casedesk.domain.enums import EnrollmentStatus
    from casedesk.services.associations import list_associations
    from casedesk.services.documents import get_checklist
    from casedesk.services.enrollment import enroll, enrollment_standing

    credentials = fill_demo(ctx, today=TODAY)
    me = _coordinator(replace(ctx, clock=lambda: NOON), credentials)
    summaries = list_associations(me)
    due = [s for s in summaries if s.renewal_due]
    enrolled = [s for s in summaries if s.status is AssociationStatus.ISCRITTA]
    assert 1 <= len(due) <= 5 < len(enrolled)
    with ctx.db.read() as session:
        rows = session.execute(
            select(Enrollment.year, Enrollment.number, Enrollment.enrolled_on, Enrollment.status)
        ).all()
    # Receipt numbers: 1..n in each year, in the order of the dates, cancelled ones included.
    for year in {row.year for row in rows}:
        of_year = sorted((r.number, r.enrolled_on) for r in rows if r.year == year)
        assert [n for n, _ in of_year] == list(range(1, len(of_year) + 1)), year
        assert [on for _, on in of_year] == sorted(on for _, on in of_year), year
    assert sum(1 for r in rows if r.status is EnrollmentStatus.VALIDA) > len(enrolled)

    # An enrolled one not due cannot renew yet; a due one with its papers in order can.
    current = next(s for s in enrolled if not s.renewal_due)
    assert not enrollment_standing(me, current.id, TODAY).renewal_due
    with pytest.raises(ServiceError, match="si potrà rinnovare"):
        enroll(me, current.id, today=TODAY)
    ready = next(s for s in due if get_checklist(me, s.id, TODAY).can_enroll)
    highest = max(r.number for r in rows if r.year == TODAY.year)
    info = enroll(me, ready.id, today=TODAY)
    assert info.number == highest + 1
    assert not enrollment_standing(me, ready.id, TODAY).renewal_due
