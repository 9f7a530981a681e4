
"""The association register: saving, duplicates, optimistic locking, status, deleting, listing.

Every test runs on SQLite and on PostgreSQL (through the `db` fixture).
"""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from stdnum import luhn
from stdnum.it import codicefiscale

from casedesk.db.models import (
    Appointment,
    Association,
    AssociationDocument,
    AuditEvent,
    Booking,
    Citizen,
    ContactPerson,
    DocumentRequirement,
    Enrollment,
    Room,
)
from casedesk.domain.associations import (
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
)
from casedesk.domain.enums import (
    AssociationStatus,
    BoardRole,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
    RoomKind,
    RuntsSection,
)
from casedesk.domain.text_search import matches, terms
from casedesk.services.associations import (
    StaleRecord,
    change_status,
    check_association,
    create_association,
    delete_association,
    get_association,
    list_associations,
    update_association,
)
from casedesk.services.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)


def entity_code(first_ten: str) -> str:
    return first_ten + luhn.calc_check_digit(first_ten)


TAX_A = entity_code("8012345012")
TAX_B = entity_code("1234567012")
TAX_C = entity_code("0123456015")
PERSON = "RSSMRA85T10A562S"


def test_examples_are_valid_tax_codes():
    assert codicefiscale.is_valid(PERSON)
    for code in (TAX_A, TAX_B, TAX_C):
        assert luhn.is_valid(code)


def draft(**kw) -> AssociationDraft:
    kw.setdefault("name", "Amici del Parco")
    kw.setdefault("legal_form", LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA)
    kw.setdefault("tax_code", TAX_A)
    return AssociationDraft(**kw)


def events(ctx, association_id=None, action=None) -> list[AuditEvent]:
    with ctx.db.read() as s:
        query = select(AuditEvent).where(AuditEvent.entity_type == "association")
        if association_id is not None:
            query = query.where(AuditEvent.entity_id == association_id)
        if action is not None:
            query = query.where(AuditEvent.action == action)
        return list(s.scalars(query.order_by(AuditEvent.id)))


def count(ctx, model) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def add_appointment(ctx, association_id: int, contact_person_id: int | None) -> int:
    with ctx.db.write() as s:
        citizen = Citizen(name="Elena Gialli", phone="", email="")
        s.add(citizen)
        s.flush()
        appointment = Appointment(
            citizen_id=citizen.id,
            association_id=association_id,
            contact_person_id=contact_person_id,
            start_at=datetime(2026, 12, 1, 10, 0),
            end_at=datetime(2026, 12, 1, 11, 0),
            outcome="",
            notes="",
        )
        s.add(appointment)
        s.flush()
        return appointment.id


def add_enrollment(
    ctx,
    association_id: int,
    number: int = 1,
    on: date = date(2026, 11, 28),
    status: EnrollmentStatus = EnrollmentStatus.VALIDA,
) -> int:
    with ctx.db.write() as s:
        enrollment = Enrollment(
            association_id=association_id,
            year=on.year,
            number=number,
            enrolled_on=on,
            operator_id=ctx.operator.id,
            status=status,
            cancel_reason="Errore di battitura" if status is EnrollmentStatus.ANNULLATA else "",
            override_reason="",
            snapshot={},
        )
        s.add(enrollment)
        s.flush()
        return enrollment.id


def add_booking(ctx, association_id: int) -> int:
    with ctx.db.write() as s:
        room = Room(name="Sala A", kind=RoomKind.MEETING, capacity=10, equipment="", active=True)
        s.add(room)
        s.flush()
        booking = Booking(
            room_id=room.id,
            association_id=association_id,
            title="Riunione",
            start_at=datetime(2026, 12, 1, 18, 0),
            end_at=datetime(2026, 12, 1, 20, 0),
            notes="",
        )
        s.add(booking)
        s.flush()
        return booking.id


def add_document(
    ctx, association_id: int, code: str, status: DocumentStatus, received_on=None
) -> None:
    with ctx.db.write() as s:
        req_id = s.scalar(select(DocumentRequirement.id).where(DocumentRequirement.code == code))
        assert req_id is not None, code
        s.add(
            AssociationDocument(
                association_id=association_id,
                requirement_id=req_id,
                status=status,
                received_on=received_on,
                note="",
            )
        )


def summary(ctx, association_id: int):
    return next(s for s in list_associations(ctx) if s.id == association_id)


# --- creating ------------------------------------------------------------------------


def test_create_association(operator):
    record = create_association(
        operator,
        draft(
            name="  Amici del Parco  ",
            tax_code=f" {TAX_A[:3]} {TAX_A[3:7]}.{TAX_A[7:]} ",
            phone="02 1234 5678",
            email=" info@amici.it ",
            sectors=[" sociale ", "ambientale", "Sociale"],
            board_members=[BoardMemberDraft(" Carla Verdi ", BoardRole.PRESIDENTE)],
            contact_persons=[ContactPersonDraft("Dario Neri", phone="3331234567")],
        ),
    )
    assert record.status is AssociationStatus.BOZZA
    assert record.status_reason == ""
    assert record.version_id == 1
    d = record.draft
    assert d.name == "Amici del Parco"
    assert d.tax_code == TAX_A
    assert d.phone == "+39 02 1234 5678"
    assert d.email == "info@amici.it"
    assert d.sectors == ["sociale", "ambientale"]
    assert [m.name for m in d.board_members] == ["Carla Verdi"]
    assert d.contact_persons[0].phone == "+39 333 123 4567"
    assert d.contact_persons[0].id is not None

    again = get_association(operator, record.id)
    assert again.draft == d
    assert again.status is AssociationStatus.BOZZA
    assert again.created_at.tzinfo is not None

    (event,) = events(operator, record.id)
    assert event.action == "association.create"
    assert event.operator_id == operator.operator.id
    assert event.before is None
    assert event.after["name"] == "Amici del Parco"
    assert event.after["tax_code"] == TAX_A
    assert event.after["phone"] == "+39 02 1234 5678"
    assert event.after["legal_form"] == "associazione_non_riconosciuta"
    assert event.after["board_members"][0]["name"] == "Carla Verdi"
    assert event.after["board_members"][0]["role"] == "presidente"
    assert event.after["contact_persons"][0]["phone"] == "+39 333 123 4567"


def test_create_stores_normalised_tax_code_and_phone(operator):
    record = create_association(
        operator,
        draft(tax_code=" rss mra 85t10 a562s ", phone="3331234567"),
    )
    with operator.db.read() as s:
        row = s.get(Association, record.id)
        assert row.tax_code == PERSON
        assert row.phone == "+39 333 123 4567"


def test_text_is_stored_exactly_as_typed(operator):
    name = 'L\'Arca & «Amici» "del" <Parco> — Дружба 友谊'
    description = 'Attività per "tutti" & <nessuno> escluso.\nСекция 2: 文化交流 — 100% gratis'
    notes = "Nota: a < b && c > d; 'apici' \"doppi\" ’tipografici’ — «caporali» 中文 кириллица"
    record = create_association(
        operator,
        draft(
            name=name,
            description=description,
            notes=notes,
            address="Via dell'Orso 7 & 9, <Milano>",
            legal_representative="Ольга Петрова",
            sectors=["diritti & cittadinanza", "文化"],
        ),
    )
    again = get_association(operator, record.id).draft
    assert again.name == name
    assert again.description == description
    assert again.notes == notes
    assert again.address == "Via dell'Orso 7 & 9, <Milano>"
    assert again.legal_representative == "Ольга Петрова"
    assert again.sectors == ["diritti & cittadinanza", "文化"]
    assert events(operator, record.id)[0].after["name"] == name
    with operator.db.read() as s:
        row = s.get(Association, record.id)
        assert (row.name, row.description, row.notes) == (name, description, notes)


def test_informal_group_without_tax_code(operator):
    record = create_association(operator, draft(legal_form=LegalForm.GRUPPO_INFORMALE, tax_code=""))
    assert record.draft.tax_code == ""
    with operator.db.read() as s:
        assert s.get(Association, record.id).tax_code is None
    # Two informal groups without a tax code do not clash.
    create_association(
        operator, draft(name="Cammino Niguarda", legal_form=LegalForm.GRUPPO_INFORMALE, tax_code="")
    )


def test_runts_details_are_dropped_for_other_forms(operator):
    record = create_association(
        operator,
        draft(legal_form=LegalForm.COMITATO, runts_section=RuntsSection.B, runts_number="77"),
    )
    assert record.draft.runts_section is None
    assert record.draft.runts_number == ""
    ets = create_association(
        operator,
        draft(
            name="Banda di Affori APS",
            tax_code=TAX_B,
            legal_form=LegalForm.ETS_RUNTS,
            runts_section=RuntsSection.B,
            runts_number=" 4567 ",
        ),
    )
    assert ets.draft.runts_section is RuntsSection.B
    assert ets.draft.runts_number == "4567"


def test_invalid_draft_is_refused_and_nothing_written(operator):
    with pytest.raises(ValidationFailed) as info:
        create_association(
            operator, draft(name=" ", tax_code=TAX_A[:-1] + "X", phone="12", email="x")
        )
    assert info.value.for_field("name")
    assert info.value.for_field("tax_code")
    assert info.value.for_field("phone")
    assert info.value.for_field("email")
    assert count(operator, Association) == 0
    assert events(operator) == []


def test_warnings_do_not_block_saving(operator):
    odd_office = entity_code("9876543555")
    record = create_association(
        operator,
        draft(
            name="Amici del Parco",
            legal_form=LegalForm.ETS_RUNTS,
            runts_section=RuntsSection.A,
            runts_number="1",
            tax_code=odd_office,
            board_members=[
                BoardMemberDraft("Carla", BoardRole.PRESIDENTE),
                BoardMemberDraft("Dario", BoardRole.PRESIDENTE),
            ],
        ),
    )
    assert record.draft.tax_code == odd_office
    result = check_association(operator, record.draft, exclude_id=record.id)
    assert result.ok
    assert result.warning_for("tax_code")
    assert result.warning_for("name")
    assert result.warning_for("board_members")


def test_nobody_signed_in_cannot_use_the_register(ctx):
    with pytest.raises(PermissionDenied):
        create_association(ctx, draft())
    with pytest.raises(PermissionDenied):
        list_associations(ctx)
    with pytest.raises(PermissionDenied):
        check_association(ctx, draft())


# --- duplicates ----------------------------------------------------------------------


def test_duplicate_tax_code_is_refused_naming_the_other(operator):
    first = create_association(operator, draft(name="Amici del Parco", tax_code=TAX_A))
    with pytest.raises(ValidationFailed) as info:
        create_association(operator, draft(name="Banda di Affori", tax_code=TAX_A))
    (error,) = [e for e in info.value.errors if e.field == "tax_code"]
    assert "Amici del Parco" in error.message
    assert error.ref_id == first.id
    assert count(operator, Association) == 1

    result = check_association(operator, draft(name="Banda di Affori", tax_code=TAX_A))
    assert not result.ok
    assert result.errors[0].ref_id == first.id
    assert "Amici del Parco" in result.error_for("tax_code")


def test_duplicate_tax_code_is_found_whatever_the_spelling(operator):
    first = create_association(operator, draft(tax_code=PERSON))
    with pytest.raises(ValidationFailed) as info:
        create_association(
            operator, draft(name="Banda di Affori", tax_code=" " + PERSON.lower() + " ")
        )
    assert info.value.errors[0].ref_id == first.id


@pytest.mark.parametrize(
    "status_path", [["suspend"], ["cease"], []], ids=["sospesa", "cessata", "bozza"]
)
def test_duplicate_tax_code_allowed_only_when_the_other_has_ceased(
    coordinator, operator, status_path
):
    first = create_association(operator, draft(name="Amici del Parco", tax_code=TAX_A))
    if status_path == ["suspend"]:
        add_enrollment(coordinator, first.id)
        with operator.db.write() as s:
            s.get(Association, first.id).status = AssociationStatus.ISCRITTA
    for action in status_path:
        change_status(operator, first.id, action, reason="motivo")
    new = draft(name="Banda di Affori", tax_code=TAX_A)
    if status_path == ["cease"]:
        record = create_association(operator, new)
        assert record.draft.tax_code == TAX_A
        assert check_association(operator, new, exclude_id=record.id).ok
    else:
        with pytest.raises(ValidationFailed) as info:
            create_association(operator, new)
        assert info.value.errors[0].ref_id == first.id


def test_same_tax_code_on_its_own_record_is_fine(operator):
    record = create_association(operator, draft())
    assert check_association(operator, record.draft, exclude_id=record.id).ok
    update_association(operator, record, replace(record.draft, notes="nuova"))


def test_similar_name_is_a_warning_with_ref_id(operator):
    arca = create_association(operator, draft(name="Associazione L'Arca", tax_code=TAX_A))
    create_association(operator, draft(name="Banda di Affori", tax_code=TAX_B))
    result = check_association(operator, draft(name="L'arca APS", tax_code=TAX_C))
    assert result.ok
    (warning,) = [w for w in result.warnings if w.field == "name"]
    assert warning.ref_id == arca.id
    assert "Associazione L'Arca" in warning.message
    # A warning does not stop saving.
    create_association(operator, draft(name="L'arca APS", tax_code=TAX_C))


def test_different_name_gets_no_warning(operator):
    create_association(operator, draft(name="Associazione L'Arca", tax_code=TAX_A))
    result = check_association(operator, draft(name="Banda di Affori", tax_code=TAX_B))
    assert result.ok and not result.warnings


def test_own_name_is_not_a_similar_name(operator):
    record = create_association(operator, draft(name="Associazione L'Arca"))
    result = check_association(operator, record.draft, exclude_id=record.id)
    assert result.warning_for("name") is None


# --- updating ------------------------------------------------------------------------


def test_update_saves_changes_and_audits_only_changed_fields(operator):
    record = create_association(
        operator,
        draft(notes="vecchia", contact_persons=[ContactPersonDraft("Dario Neri")]),
    )
    changed = replace(record.draft, name="Amici del Parco Nord", phone="3331234567")
    saved = update_association(operator, record, changed)
    assert saved.version_id == record.version_id + 1
    assert saved.draft.name == "Amici del Parco Nord"
    assert saved.draft.phone == "+39 333 123 4567"
    assert saved.draft.notes == "vecchia"
    again = get_association(operator, record.id)
    assert again.draft == saved.draft
    assert again.version_id == saved.version_id
    assert again.updated_at >= record.updated_at

    (event,) = events(operator, record.id, "association.update")
    assert event.operator_id == operator.operator.id
    assert event.before == {"name": "Amici del Parco", "phone": ""}
    assert event.after == {"name": "Amici del Parco Nord", "phone": "+39 333 123 4567"}


def test_update_with_invalid_values_is_refused(operator):
    record = create_association(operator, draft())
    with pytest.raises(ValidationFailed) as info:
        update_association(operator, record, replace(record.draft, email="nonvalida"))
    assert info.value.for_field("email")
    assert get_association(operator, record.id).draft.email == ""
    assert events(operator, record.id, "association.update") == []


def test_update_to_a_taken_tax_code_is_refused(operator):
    first = create_association(operator, draft(name="Amici del Parco", tax_code=TAX_A))
    second = create_association(operator, draft(name="Banda di Affori", tax_code=TAX_B))
    with pytest.raises(ValidationFailed) as info:
        update_association(operator, second, replace(second.draft, tax_code=TAX_A))
    assert info.value.errors[0].ref_id == first.id


def test_update_of_missing_association(operator):
    record = create_association(operator, draft())
    with pytest.raises(NotFound):
        update_association(operator, replace(record, id=999_999), draft())


def test_no_change_save_writes_no_audit_event(operator):
    record = create_association(
        operator,
        draft(
            board_members=[BoardMemberDraft("Carla Verdi", BoardRole.PRESIDENTE)],
            contact_persons=[ContactPersonDraft("Dario Neri", phone="3331234567")],
        ),
    )
    saved = update_association(operator, record, record.draft)
    assert events(operator, record.id, "association.update") == []
    assert saved.version_id == record.version_id
    assert get_association(operator, record.id).version_id == record.version_id


def test_no_change_save_keeps_the_people_as_they_are(operator):
    record = create_association(
        operator,
        draft(
            board_members=[BoardMemberDraft("Carla Verdi", BoardRole.PRESIDENTE)],
            contact_persons=[ContactPersonDraft("Dario Neri", phone="3331234567")],
        ),
    )
    saved = update_association(operator, record, record.draft)
    assert saved.draft == record.draft
    assert get_association(operator, record.id).draft == record.draft


def test_contact_person_ids_are_kept_across_saves(operator):
    record = create_association(
        operator,
        draft(
            contact_persons=[
                ContactPersonDraft("Dario Neri", phone="3331234567"),
                ContactPersonDraft("Elena Gialli"),
            ]
        ),
    )
    ids = [c.id for c in record.draft.contact_persons]
    assert None not in ids

    # Another field changes: the contact persons stay the same rows.
    saved = update_association(operator, record, replace(record.draft, notes="nota"))
    assert [c.id for c in saved.draft.contact_persons] == ids
    assert [c.id for c in get_association(operator, record.id).draft.contact_persons] == ids

    # A contact person is edited in place.
    people = [replace(saved.draft.contact_persons[0], phone="02 1234 5678", availability="lun")]
    people.append(saved.draft.contact_persons[1])
    saved = update_association(operator, saved, replace(saved.draft, contact_persons=people))
    again = get_association(operator, record.id).draft.contact_persons
    assert [c.id for c in again] == ids
    assert again[0].phone == "+39 02 1234 5678"
    assert again[0].availability == "lun"
    with operator.db.read() as s:
        assert sorted(s.scalars(select(ContactPerson.id))) == sorted(ids)


def test_new_contact_person_is_added_and_removed_one_goes(operator):
    record = create_association(operator, draft(contact_persons=[ContactPersonDraft("Dario Neri")]))
    people = [*record.draft.contact_persons, ContactPersonDraft("Elena Gialli")]
    saved = update_association(operator, record, replace(record.draft, contact_persons=people))
    assert [c.name for c in saved.draft.contact_persons] == ["Dario Neri", "Elena Gialli"]
    assert all(c.id is not None for c in saved.draft.contact_persons)
    saved = update_association(
        operator, saved, replace(saved.draft, contact_persons=saved.draft.contact_persons[1:])
    )
    assert [c.name for c in get_association(operator, record.id).draft.contact_persons] == [
        "Elena Gialli"
    ]
    assert count(operator, ContactPerson) == 1


def test_contact_persons_keep_the_order_the_desk_gives_them(operator):
    people = [ContactPersonDraft(name) for name in ("Dario Neri", "Elena Gialli", "Fabio Blu")]
    record = create_association(operator, draft(contact_persons=people))
    dario, elena, fabio = record.draft.contact_persons
    moved = [fabio, dario, elena]
    saved = update_association(operator, record, replace(record.draft, contact_persons=moved))
    assert [c.id for c in saved.draft.contact_persons] == [fabio.id, dario.id, elena.id]
    again = get_association(operator, record.id).draft.contact_persons
    assert [(c.id, c.name) for c in again] == [(c.id, c.name) for c in moved]
    # The register shows the first one.
    summary = next(s for s in list_associations(operator) if s.id == record.id)
    assert summary.main_contact == "Fabio Blu"


def test_contact_person_with_appointments_cannot_be_removed(operator):
    record = create_association(
        operator,
        draft(contact_persons=[ContactPersonDraft("Dario Neri"), ContactPersonDraft("Elena")]),
    )
    dario = record.draft.contact_persons[0]
    add_appointment(operator, record.id, dario.id)
    without_dario = replace(record.draft, contact_persons=record.draft.contact_persons[1:])
    with pytest.raises(ServiceError, match="Dario Neri"):
        update_association(operator, record, without_dario)
    again = get_association(operator, record.id)
    assert [c.name for c in again.draft.contact_persons] == ["Dario Neri", "Elena"]
    assert again.version_id == record.version_id
    assert events(operator, record.id, "association.update") == []


def test_contact_person_with_appointments_can_still_be_edited(operator):
    record = create_association(operator, draft(contact_persons=[ContactPersonDraft("Dario Neri")]))
    dario = record.draft.contact_persons[0]
    add_appointment(operator, record.id, dario.id)
    # Saving another field, and then the contact person himself, keeps him (and his
    # appointment) in place.
    saved = update_association(operator, record, replace(record.draft, notes="nota"))
    people = [replace(saved.draft.contact_persons[0], meets_citizens=False)]
    update_association(operator, saved, replace(saved.draft, contact_persons=people))
    again = get_association(operator, record.id).draft.contact_persons
    assert [(c.id, c.meets_citizens) for c in again] == [(dario.id, False)]


def test_contact_person_without_appointments_can_be_removed(operator):
    record = create_association(
        operator,
        draft(contact_persons=[ContactPersonDraft("Dario Neri"), ContactPersonDraft("Elena")]),
    )
    add_appointment(operator, record.id, None)  # an appointment with nobody in particular
    saved = update_association(
        operator, record, replace(record.draft, contact_persons=record.draft.contact_persons[1:])
    )
    assert [c.name for c in saved.draft.contact_persons] == ["Elena"]


# --- two desks -----------------------------------------------------------------------


def test_second_desk_with_a_stale_copy_is_told_and_not_saved(operator, coordinator):
    record = create_association(operator, draft(notes=""))
    v = record.version_id
    desk1, desk2 = operator, coordinator

    mine = replace(record.draft, name="Amici del Parco Nord", phone="3331234567")
    saved = update_association(desk1, record, mine)
    assert saved.version_id == v + 1

    theirs = replace(record.draft, website="www.amici.it")
    with pytest.raises(StaleRecord) as info:
        update_association(desk2, record, theirs)
    stale = info.value
    assert isinstance(stale, Conflict)
    assert "Denominazione" in stale.changed_fields
    assert "Telefono" in stale.changed_fields
    assert "Denominazione" in str(stale)
    assert stale.current.version_id == v + 1
    assert stale.current.draft.name == "Amici del Parco Nord"

    # Nothing from desk 2 was written.
    again = get_association(operator, record.id)
    assert again.version_id == v + 1
    assert again.draft.website == ""
    assert again.draft.name == "Amici del Parco Nord"
    updates = events(operator, record.id, "association.update")
    assert [e.operator_id for e in updates] == [desk1.operator.id]

    # Reloaded, desk 2 can save.
    update_association(desk2, again, replace(again.draft, website="www.amici.it"))
    assert get_association(operator, record.id).draft.website == "www.amici.it"


def test_stale_record_lists_only_what_the_other_desk_changed(operator, coordinator):
    record = create_association(operator, draft())
    update_association(operator, record, replace(record.draft, name="Amici Nord"))
    with pytest.raises(StaleRecord) as info:
        update_association(coordinator, record, replace(record.draft, notes="mia nota"))
    # Desk 2 changed the notes itself: only the name was changed "meanwhile".
    assert info.value.changed_fields == ["Denominazione"]


def test_status_change_with_a_stale_version_is_told(operator):
    record = create_association(operator, draft())
    update_association(operator, record, replace(record.draft, notes="n"))
    with pytest.raises(StaleRecord):
        change_status(operator, record.id, "cease", "sciolta", version_id=record.version_id)
    assert get_association(operator, record.id).status is AssociationStatus.BOZZA


# --- status --------------------------------------------------------------------------


def _enrolled(coordinator, operator, **kw):
    record = create_association(operator, draft(**kw))
    add_enrollment(coordinator, record.id)
    with operator.db.write() as s:
        s.get(Association, record.id).status = AssociationStatus.ISCRITTA
    return record


def test_suspend_reactivate_cease_reopen(coordinator, operator):
    record = _enrolled(coordinator, operator)

    suspended = change_status(operator, record.id, "suspend", "  Morosità  ")
    assert suspended.status is AssociationStatus.SOSPESA
    assert suspended.status_reason == "Morosità"

    active = change_status(operator, record.id, "reactivate")
    assert active.status is AssociationStatus.ISCRITTA
    assert active.status_reason == ""

    ceased = change_status(operator, record.id, "cease", "Sciolta dall'assemblea")
    assert ceased.status is AssociationStatus.CESSATA

    reopened = change_status(operator, record.id, "reopen")
    assert reopened.status is AssociationStatus.BOZZA
    assert get_association(operator, record.id).status is AssociationStatus.BOZZA

    actions = [e.action for e in events(operator, record.id)]
    assert actions == [
        "association.create",
        "association.suspend",
        "association.reactivate",
        "association.cease",
        "association.reopen",
    ]
    (suspend,) = events(operator, record.id, "association.suspend")
    assert suspend.before == {"status": "iscritta", "status_reason": ""}
    assert suspend.after == {"status": "sospesa", "status_reason": "Morosità"}
    assert suspend.operator_id == operator.operator.id
    (cease,) = events(operator, record.id, "association.cease")
    assert cease.after == {"status": "cessata", "status_reason": "Sciolta dall'assemblea"}


def test_draft_can_cease(operator):
    record = create_association(operator, draft())
    assert change_status(operator, record.id, "cease", "mai completata").status is (
        AssociationStatus.CESSATA
    )


@pytest.mark.parametrize("action", ["suspend", "cease"])
def test_suspend_and_cease_need_a_reason(coordinator, operator, action):
    record = _enrolled(coordinator, operator)
    with pytest.raises(ServiceError, match="motivo"):
        change_status(operator, record.id, action, "   ")
    assert get_association(operator, record.id).status is AssociationStatus.ISCRITTA
    assert events(operator, record.id, f"association.{action}") == []


@pytest.mark.parametrize("action", ["suspend", "reactivate", "reopen", "enroll"])
def test_forbidden_status_changes_from_draft(operator, action):
    record = create_association(operator, draft())
    with pytest.raises(ServiceError):
        change_status(operator, record.id, action, "motivo")
    assert get_association(operator, record.id).status is AssociationStatus.BOZZA


def test_reopen_refused_when_the_tax_code_is_taken_again(operator):
    old = create_association(operator, draft(name="Amici del Parco", tax_code=TAX_A))
    change_status(operator, old.id, "cease", "sciolta")
    create_association(operator, draft(name="Nuovi Amici del Parco", tax_code=TAX_A))
    with pytest.raises(ServiceError, match="Nuovi Amici del Parco"):
        change_status(operator, old.id, "reopen")
    assert get_association(operator, old.id).status is AssociationStatus.CESSATA
    assert events(operator, old.id, "association.reopen") == []


def test_reopen_allowed_when_the_other_has_ceased_too(operator):
    old = create_association(operator, draft(name="Amici del Parco", tax_code=TAX_A))
    change_status(operator, old.id, "cease", "sciolta")
    new = create_association(operator, draft(name="Nuovi Amici", tax_code=TAX_A))
    change_status(operator, new.id, "cease", "sciolta anche questa")
    assert change_status(operator, old.id, "reopen").status is AssociationStatus.BOZZA


def test_change_status_of_missing_association(operator):
    with pytest.raises(NotFound):
        change_status(operator, 999_999, "cease", "x")


# --- deleting ------------------------------------------------------------------------


def test_operator_cannot_delete(operator):
    record = create_association(operator, draft())
    with pytest.raises(PermissionDenied):
        delete_association(operator, record.id)
    assert get_association(operator, record.id).id == record.id


def test_coordinator_deletes_an_unused_association(coordinator):
    record = create_association(
        coordinator,
        draft(
            board_members=[BoardMemberDraft("Carla Verdi", BoardRole.PRESIDENTE)],
            contact_persons=[ContactPersonDraft("Dario Neri")],
        ),
    )
    add_document(coordinator, record.id, "statute", DocumentStatus.DELIVERED)
    delete_association(coordinator, record.id)
    with pytest.raises(NotFound):
        get_association(coordinator, record.id)
    assert count(coordinator, Association) == 0
    assert count(coordinator, ContactPerson) == 0
    assert count(coordinator, AssociationDocument) == 0
    (event,) = events(coordinator, record.id, "association.delete")
    assert event.operator_id == coordinator.operator.id
    assert event.before["name"] == "Amici del Parco"
    assert event.before["tax_code"] == TAX_A
    assert event.after is None


@pytest.mark.parametrize(
    ("what", "add"),
    [
        ("iscrizioni", lambda ctx, aid: add_enrollment(ctx, aid)),
        ("prenotazioni", lambda ctx, aid: add_booking(ctx, aid)),
        ("appuntamenti", lambda ctx, aid: add_appointment(ctx, aid, None)),
    ],
)
def test_used_association_cannot_be_deleted(coordinator, what, add):
    record = create_association(coordinator, draft())
    add(coordinator, record.id)
    with pytest.raises(ServiceError) as info:
        delete_association(coordinator, record.id)
    message = str(info.value)
    assert "Amici del Parco" in message
    assert what in message
    assert "cessata" in message
    assert get_association(coordinator, record.id).id == record.id
    assert events(coordinator, record.id, "association.delete") == []


def test_delete_missing_association(coordinator):
    with pytest.raises(NotFound):
        delete_association(coordinator, 999_999)


# --- listing -------------------------------------------------------------------------


def test_list_associations(coordinator, operator):
    a = create_association(
        operator,
        draft(
            name="Libertà e Solidarietà",
            tax_code=TAX_A,
            legal_representative="Mario Rossi",
            notes="Sede al Parco Nord",
            sectors=["sociale", "intercultura"],
            seeking_volunteers=True,
            contact_persons=[ContactPersonDraft("Dario Neri"), ContactPersonDraft("Elena Gialli")],
        ),
    )
    b = create_association(
        operator,
        draft(name="Associazione L'Arca", tax_code="", legal_form=LegalForm.GRUPPO_INFORMALE),
    )
    rows = list_associations(operator)
    assert [r.name for r in rows] == ["Associazione L'Arca", "Libertà e Solidarietà"]
    assert {r.name for r in rows} == {a.draft.name, b.draft.name}

    sa = summary(operator, a.id)
    assert sa.main_contact == "Dario Neri"
    assert sa.legal_form is LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA
    assert sa.status is AssociationStatus.BOZZA
    assert sa.tax_code == TAX_A
    assert sa.sectors == ("sociale", "intercultura")
    assert sa.seeking_volunteers is True
    assert sa.enrolled_since is None

    sb = summary(operator, b.id)
    assert sb.main_contact == ""
    assert sb.tax_code == ""
    assert sb.seeking_volunteers is False


def test_search_text_is_folded(operator):
    a = create_association(
        operator,
        draft(
            name="Libertà e Solidarietà",
            legal_representative="Mario Rossi",
            notes="Sede al Parco Nord",
            sectors=["intercultura"],
            contact_persons=[ContactPersonDraft("Dario Neri")],
        ),
    )
    b = create_association(operator, draft(name="Associazione L'Arca", tax_code=TAX_B))
    sa, sb = summary(operator, a.id), summary(operator, b.id)
    assert sa.search_text == sa.search_text.casefold()
    assert "à" not in sa.search_text
    for query in [
        "liberta",
        "LIBERTÀ solidarieta",
        "rossi",
        "neri",
        "parco nord",
        "intercultura",
        TAX_A,
    ]:
        assert matches(sa.search_text, terms(query)), query
    assert not matches(sa.search_text, terms("liberta bianchi"))
    assert matches(sb.search_text, terms("larca"))
    assert matches(sb.search_text, terms("l'arca"))
    assert not matches(sb.search_text, terms("liberta"))
    assert [
        s.id for s in list_associations(operator) if matches(s.search_text, terms("larca"))
    ] == [b.id]


@pytest.mark.parametrize(
    ("form", "mandatory"),
    [
        (LegalForm.ETS_RUNTS, 5),
        (LegalForm.ASSOCIAZIONE_RICONOSCIUTA, 4),
        (LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA, 4),
        (LegalForm.COMITATO, 4),
        (LegalForm.GRUPPO_INFORMALE, 3),
    ],
)
def test_missing_documents_by_legal_form(operator, form, mandatory):
    kw = {"legal_form": form}
    if form is LegalForm.ETS_RUNTS:
        kw.update(name="Amici ODV", runts_section=RuntsSection.A, runts_number="1")
    record = create_association(operator, draft(**kw))
    assert summary(operator, record.id).missing_documents == mandatory


def test_missing_documents_decrease_as_documents_arrive(operator):
    ets = create_association(
        operator,
        draft(
            name="Amici ODV",
            legal_form=LegalForm.ETS_RUNTS,
            runts_section=RuntsSection.A,
            runts_number="1",
        ),
    )
    group = create_association(
        operator, draft(name="Cammino", legal_form=LegalForm.GRUPPO_INFORMALE, tax_code="")
    )
    assert summary(operator, ets.id).missing_documents == 5

    add_document(operator, ets.id, "statute", DocumentStatus.DELIVERED)
    assert summary(operator, ets.id).missing_documents == 4
    # Still missing or to be updated: no change.
    add_document(operator, ets.id, "founding_act", DocumentStatus.MISSING)
    add_document(operator, ets.id, "board_list", DocumentStatus.OUTDATED)
    assert summary(operator, ets.id).missing_documents == 4
    add_document(operator, ets.id, "runts_registration", DocumentStatus.NOT_APPLICABLE)
    assert summary(operator, ets.id).missing_documents == 3
    # A document that the legal form does not need changes nothing.
    add_document(operator, ets.id, "member_list", DocumentStatus.DELIVERED)
    assert summary(operator, ets.id).missing_documents == 3
    # Another association's documents are its own.
    assert summary(operator, group.id).missing_documents == 3
    add_document(operator, group.id, "activity_report", DocumentStatus.DELIVERED)
    assert summary(operator, group.id).missing_documents == 2
    assert summary(operator, ets.id).missing_documents == 3


def test_a_delivered_copy_past_its_validity_counts_as_missing(operator):
    clocked = replace(operator, clock=lambda: datetime(2026, 11, 28, 10, tzinfo=UTC))
    record = create_association(operator, draft())
    before = summary(clocked, record.id).missing_documents
    # The board list stays valid 12 months: delivered 11 months ago it is in order…
    add_document(operator, record.id, "board_list", DocumentStatus.DELIVERED, date(2025, 12, 28))
    assert summary(clocked, record.id).missing_documents == before - 1
    # …and on the day its year is over it is to be updated again.
    later = replace(operator, clock=lambda: datetime(2026, 12, 28, 10, tzinfo=UTC))
    assert summary(later, record.id).missing_documents == before


def test_enrolled_since_is_the_latest_valid_enrollment(coordinator, operator):
    record = create_association(operator, draft())
    other = create_association(operator, draft(name="Banda di Affori", tax_code=TAX_B))
    add_enrollment(coordinator, record.id, number=1, on=date(2025, 3, 10))
    add_enrollment(coordinator, record.id, number=2, on=date(2026, 2, 1))
    add_enrollment(
        coordinator, record.id, number=3, on=date(2026, 6, 1), status=EnrollmentStatus.ANNULLATA
    )
    add_enrollment(
        coordinator, other.id, number=4, on=date(2026, 5, 5), status=EnrollmentStatus.ANNULLATA
    )
    assert summary(operator, record.id).enrolled_since == date(2026, 2, 1)
    assert summary(operator, other.id).enrolled_since is None


def test_other_desk_committing_between_read_and_write_is_told(operator, coordinator, monkeypatch):
    """The race the version check alone cannot see: the UPDATE itself finds a new version."""
    if operator.db.is_sqlite:
        pytest.skip("SQLite writes take the lock up front (BEGIN IMMEDIATE): no such race")
    import casedesk.services.associations as service

    record = create_association(operator, draft())
    real_check = service._check_removed_contacts
    raced = []

    def other_desk_saves_meanwhile(session, a, d):
        if not raced:
            raced.append(True)
            update_association(coordinator, record, replace(record.draft, name="Amici Nord"))
        real_check(session, a, d)

    monkeypatch.setattr(service, "_check_removed_contacts", other_desk_saves_meanwhile)
    with pytest.raises(StaleRecord) as info:
        update_association(operator, record, replace(record.draft, notes="mia"))
    assert "Denominazione" in info.value.changed_fields
    again = get_association(operator, record.id)
    assert again.draft.name == "Amici Nord"
    assert again.draft.notes == ""
    assert again.version_id == record.version_id + 1
    assert [e.operator_id for e in events(operator, record.id, "association.update")] == [
        coordinator.operator.id
    ]


# --- status --------------------------------------------------------------------------


def _enrolled(coordinator, operator, **kw):
    record = create_association(operator, draft(**kw))
    add_enrollment(coordinator, record.id)
    with operator.db.write() as s:
        s.get(Association, record.id).status = AssociationStatus.ISCRITTA
    return record


def test_register_counts_agree_with_every_checklist(ctx):
    """The register's «documenti mancanti» and the Documenti tab come from two code
    paths (one set-based for speed); on the demo data, with every document state,
    they must agree for every association."""
    from casedesk.domain.signin import SignInThrottle
    from casedesk.services.auth import sign_in
    from casedesk.services.demo import fill_demo
    from casedesk.services.documents import get_checklist

    credentials = fill_demo(ctx, with_pdfs=False)
    who = credentials[0]
    desk = ctx.signed_in(sign_in(ctx, SignInThrottle(), who.username, who.password))
    today = desk.today()
    summaries = list_associations(desk)
    assert any(s.missing_documents for s in summaries)
    for s in summaries:
        view = get_checklist(desk, s.id, today=today)
        assert s.missing_documents == sum(1 for i in view.items if i.blocks_enrollment), s.name


# --- one way from a draft to rows -------------------------------------------------------------


def test_add_associations_writes_rows_children_and_one_audit_event_each(operator) -> None:
    from casedesk.db.models import BoardMember
    from casedesk.domain.associations import as_plain
    from casedesk.services.associations import NewAssociation, add_associations

    moment = datetime(2025, 5, 6, 7, 8, tzinfo=UTC)
    given = NewAssociation(
        AssociationDraft(
            "Comitato Dato",
            LegalForm.COMITATO,
            board_members=[BoardMemberDraft("Pia", BoardRole.PRESIDENTE, id=701)],
            contact_persons=[ContactPersonDraft("Ugo", id=702), ContactPersonDraft("Eva", id=703)],
        ),
        id=900,
        status=AssociationStatus.ISCRITTA,
        created_at=moment,
    )
    with operator.db.write() as s:
        assert add_associations(s, operator, [given], "association.demo") == [900]
        with pytest.raises(ValueError):
            add_associations(
                s, operator, [given, AssociationDraft("Senza id", LegalForm.COMITATO)], "x"
            )
    record = get_association(operator, 900)
    assert record.status is AssociationStatus.ISCRITTA and record.created_at == moment
    assert record.updated_at == moment
    assert [c.id for c in record.draft.contact_persons] == [702, 703]
    assert [m.id for m in record.draft.board_members] == [701]
    with operator.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity_id == 900)).one()
        assert s.scalar(select(func.count()).select_from(BoardMember)) == 1
    assert event.action == "association.demo" and event.before is None
    assert event.after == as_plain(given.draft)
    assert event.operator_id == operator.operator.id  # type: ignore[union-attr]
