"""Enrolling: the gate and the override, gapless receipt numbers, the snapshot, the archived
PDF, cancelling, reprints.

Every test runs on SQLite and on PostgreSQL (through the `db` fixture).
"""

from __future__ import annotations

import hashlib
import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from casedesk.db.models import Association, AuditEvent, Enrollment, House
from casedesk.domain.associations import AssociationDraft
from casedesk.domain.demo_data import entity_tax_code
from casedesk.domain.enums import (
    AssociationStatus,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
    RuntsSection,
)
from casedesk.domain.receipt import DEFAULT_SERVICES, ReceiptSnapshot
from casedesk.services import enrollment as enrollment_service
from casedesk.services.associations import (
    change_status,
    create_association,
    get_association,
    list_associations,
    update_association,
)
from casedesk.services.context import ServiceContext
from casedesk.services.documents import get_checklist, record_document
from casedesk.services.enrollment import (
    archived_pdf,
    cancel_enrollment,
    enroll,
    enrollment_history,
    enrollment_standing,
    find_receipt,
    receipt_snapshot,
    reprint,
    verify_archive,
)
from casedesk.services.errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)

pypdf = pytest.importorskip("pypdf")

F = LegalForm
D = DocumentStatus
TODAY = date(2026, 12, 1)
_serials = itertools.count(1)


def new_association(ctx: ServiceContext, name: str, form: LegalForm = F.COMITATO, **kw):
    if form is not F.GRUPPO_INFORMALE:
        kw.setdefault("tax_code", entity_tax_code(9_700_000 + next(_serials)))
    if form is F.ETS_RUNTS:
        kw.setdefault("runts_section", RuntsSection.A)
        kw.setdefault("runts_number", "98765")
    return create_association(ctx, AssociationDraft(name, form, **kw))


def ready(ctx: ServiceContext, name: str, form: LegalForm = F.COMITATO, **kw) -> int:
    """An association in bozza with every paper delivered."""
    a = new_association(ctx, name, form, **kw)
    for entry in get_checklist(ctx, a.id, TODAY).entries:
        record_document(
            ctx, a.id, entry.requirement.id, D.DELIVERED, date(2026, 11, 20), today=TODAY
        )
    return a.id


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def status_of(ctx: ServiceContext, association_id: int) -> AssociationStatus:
    with ctx.db.read() as s:
        return s.get(Association, association_id).status  # type: ignore[union-attr]


def count_enrollments(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Enrollment)) or 0


def actions(ctx: ServiceContext) -> list[str]:
    with ctx.db.read() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# --- the gate ------------------------------------------------------------------------------


def test_enrolling_with_every_paper_in_order(operator: ServiceContext) -> None:
    aid = ready(operator, "Comitato di quartiere Greco")
    info = enroll(operator, aid, today=TODAY)
    assert (info.year, info.number, info.number_text) == (2026, 1, "2026/0001")
    assert info.enrolled_on == TODAY and info.status is EnrollmentStatus.VALIDA
    assert info.operator_name == "Bruno Bianchi" and info.override_reason == ""
    assert info.association_name == "Comitato di quartiere Greco"
    assert info.pdf_path == "2026/2026-0001.pdf"
    assert status_of(operator, aid) is AssociationStatus.ISCRITTA
    assert actions(operator)[-2:] == ["enrollment.create", "association.enroll"]
    view = get_checklist(operator, aid, TODAY)
    assert not view.can_enroll and "scade il 01/12/2027" in (view.status_message or "")
    assert view.renewal and view.last_receipt is not None
    assert (view.last_receipt.number, view.enrollment_ends_on) == ("2026/0001", date(2027, 12, 1))


def test_the_gate_says_what_is_missing_and_changes_nothing(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Incompleto")
    record_document(operator, a.id, 1, D.DELIVERED, today=TODAY)
    with pytest.raises(ServiceError) as refused:
        enroll(operator, a.id, today=TODAY)
    assert str(refused.value) == (
        "Per iscrivere mancano: Atto costitutivo (mancante); Elenco del Consiglio direttivo "
        "(mancante); Relazione sulle attività svolte o da realizzare (mancante)."
    )
    assert status_of(operator, a.id) is AssociationStatus.BOZZA
    assert count_enrollments(operator) == 0
    assert not (operator.settings.receipts_dir / "2026").exists() or not list(
        (operator.settings.receipts_dir / "2026").iterdir()
    )


def test_an_operator_cannot_override(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Frettoloso")
    with pytest.raises(PermissionDenied, match="Solo un coordinatore"):
        enroll(operator, a.id, override_reason="Urgente", today=TODAY)
    assert count_enrollments(operator) == 0


def test_a_coordinator_needs_a_written_reason(coordinator: ServiceContext) -> None:
    a = new_association(coordinator, "Comitato Frettoloso")
    with pytest.raises(ServiceError, match="Per iscrivere comunque scrivi il motivo"):
        enroll(coordinator, a.id, override_reason="   ", today=TODAY)


def test_a_coordinator_overrides_with_a_reason(coordinator: ServiceContext) -> None:
    a = new_association(coordinator, "Comitato Festa di Via")
    reason = "Statuto in registrazione: consegna promessa entro il 15/12 «per la festa»."
    info = enroll(coordinator, a.id, override_reason=reason, today=TODAY)
    assert info.override_reason == reason
    assert status_of(coordinator, a.id) is AssociationStatus.ISCRITTA
    snapshot = receipt_snapshot(coordinator, info.id)
    assert snapshot.override_reason == reason and snapshot.delivered == ()
    with coordinator.db.read() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "enrollment.create"))
    assert event is not None and event.after is not None
    assert event.after["override_reason"] == reason
    assert event.after["missing"].startswith("Per iscrivere mancano: Statuto")
    assert event.operator_id == coordinator.operator.id  # type: ignore[union-attr]
    text = pdf_text(archived_pdf(coordinator, info.id).read_bytes())
    assert "consegna promessa entro il 15/12" in text


def test_a_reason_that_overrides_nothing_is_not_stored(coordinator: ServiceContext) -> None:
    aid = ready(coordinator, "Comitato In Regola")
    info = enroll(coordinator, aid, override_reason="Non serve", today=TODAY)
    assert info.override_reason == ""
    assert receipt_snapshot(coordinator, info.id).override_reason == ""


def test_suspended_and_ceased_associations_cannot_enroll(coordinator: ServiceContext) -> None:
    aid = ready(coordinator, "Comitato Sospeso")
    enroll(coordinator, aid, today=TODAY)
    change_status(coordinator, aid, "suspend", "Documenti scaduti")
    with pytest.raises(ServiceError, match="sospesa"):
        enroll(coordinator, aid, today=date(2027, 1, 10))
    change_status(coordinator, aid, "cease", "Sciolto")
    with pytest.raises(ServiceError, match="cessata"):
        enroll(coordinator, aid, override_reason="Provo", today=date(2027, 1, 10))
    assert count_enrollments(coordinator) == 1


# --- the snapshot and the archive ----------------------------------------------------------------


def test_the_snapshot_holds_everything_the_receipt_prints(coordinator: ServiceContext) -> None:
    with coordinator.db.write() as s:
        s.execute(
            update(House)
            .where(House.id == 1)
            .values(
                phone="+39 02 1234 5678",
                email="casa@comune.milano.it",
                settings={
                    "receipt_services": ["Sale riunioni", "Co-working"],
                    "receipt_privacy_note": "Informativa breve.",
                },
            )
        )
    a = new_association(
        coordinator,
        "Libertà & Diritti ODV",
        F.ETS_RUNTS,
        address="Via Padova 12, 20127 Milano",
        legal_representative="Giulia Sala",
    )
    founding = 2
    for entry in get_checklist(coordinator, a.id, TODAY).entries:
        if entry.requirement.id == founding:
            record_document(
                coordinator, a.id, founding, D.NOT_APPLICABLE, note="Ente nato da fusione"
            )
        else:
            record_document(
                coordinator,
                a.id,
                entry.requirement.id,
                D.DELIVERED,
                date(2026, 11, entry.requirement.id),
                today=TODAY,
            )
    info = enroll(coordinator, a.id, today=TODAY)
    snapshot = receipt_snapshot(coordinator, info.id)
    assert snapshot.number == "2026/0001" and snapshot.enrolled_on == "2026-12-01"
    assert snapshot.house.name == "Casa di prova"
    assert snapshot.house.address == "Via Esempio 1, Milano"
    assert snapshot.house.phone == "+39 02 1234 5678"
    assert snapshot.house.email == "casa@comune.milano.it"
    assoc = snapshot.association
    assert assoc.name == "Libertà & Diritti ODV"
    assert assoc.legal_form == "Ente del Terzo settore iscritto al RUNTS"
    assert assoc.runts_section == "a) Organizzazioni di volontariato (ODV)"
    assert assoc.runts_number == "98765"
    assert assoc.tax_code == get_association(coordinator, a.id).draft.tax_code
    assert assoc.address == "Via Padova 12, 20127 Milano"
    assert assoc.legal_representative == "Giulia Sala"
    assert [(d.title, d.received_on) for d in snapshot.delivered] == [
        ("Statuto", "2026-11-01"),
        ("Elenco del Consiglio direttivo", "2026-11-04"),
        ("Relazione sulle attività svolte o da realizzare", "2026-11-06"),
        ("Estremi di iscrizione al RUNTS", "2026-11-07"),
    ]
    assert [(d.title, d.not_applicable_reason) for d in snapshot.not_applicable] == [
        ("Atto costitutivo", "Ente nato da fusione")
    ]
    assert snapshot.services == ("Sale riunioni", "Co-working")
    assert snapshot.privacy_note == "Informativa breve."
    assert snapshot.services_intro.startswith("L'associazione iscritta può usufruire")
    assert snapshot.operator_name == "Anna Rossi"
    # Stored as JSON on the enrollment, exactly.
    with coordinator.db.read() as s:
        stored = s.get(Enrollment, info.id)
        assert stored is not None and ReceiptSnapshot.from_json(stored.snapshot) == snapshot


def test_default_services_text(operator: ServiceContext) -> None:
    info = enroll(operator, ready(operator, "Comitato Standard"), today=TODAY)
    assert receipt_snapshot(operator, info.id).services == DEFAULT_SERVICES


def test_the_archived_pdf_and_its_hash(operator: ServiceContext) -> None:
    info = enroll(operator, ready(operator, "Comitato Archiviato"), today=TODAY)
    path = archived_pdf(operator, info.id)
    assert path == (operator.settings.receipts_dir / "2026" / "2026-0001.pdf").resolve()
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == info.pdf_sha256
    assert verify_archive(operator, info.id)
    text = pdf_text(data)
    assert "2026/0001" in text and "Comitato Archiviato" in text and "DUPLICATO" not in text
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]

    path.write_bytes(data + b"\n% appended later\n")
    assert not verify_archive(operator, info.id)
    path.unlink()
    assert not verify_archive(operator, info.id)
    with pytest.raises(ServiceError, match="non si trova più"):
        archived_pdf(operator, info.id)


def test_an_old_file_in_the_way_is_kept_aside(operator: ServiceContext) -> None:
    folder = operator.settings.receipts_dir / "2026"
    folder.mkdir(parents=True)
    (folder / "2026-0001.pdf").write_bytes(b"%PDF- a receipt from a restored backup")
    info = enroll(operator, ready(operator, "Comitato Nuovo"), today=TODAY)
    assert verify_archive(operator, info.id)
    assert (folder / "2026-0001.orfano-1.pdf").read_bytes().startswith(b"%PDF- a receipt")


# --- numbering ---------------------------------------------------------------------------------


def test_numbers_are_sequential_and_restart_each_year(operator: ServiceContext) -> None:
    first = [enroll(operator, ready(operator, f"Comitato {n}"), today=TODAY) for n in "ABC"]
    assert [i.number_text for i in first] == ["2026/0001", "2026/0002", "2026/0003"]
    new_year = date(2027, 1, 4)
    second = [enroll(operator, ready(operator, f"Gruppo {n}"), today=new_year) for n in "DE"]
    assert [i.number_text for i in second] == ["2027/0001", "2027/0002"]
    assert (operator.settings.receipts_dir / "2027" / "2027-0002.pdf").is_file()


def test_a_cancelled_number_is_never_reused(coordinator: ServiceContext) -> None:
    ids = [ready(coordinator, f"Comitato {n}") for n in "ABC"]
    enroll(coordinator, ids[0], today=TODAY)
    second = enroll(coordinator, ids[1], today=TODAY)
    cancelled = cancel_enrollment(coordinator, second.id, "Dati del legale rappresentante errati")
    assert cancelled.status is EnrollmentStatus.ANNULLATA and cancelled.number == 2
    assert cancelled.cancel_reason == "Dati del legale rappresentante errati"
    assert enroll(coordinator, ids[2], today=TODAY).number_text == "2026/0003"
    # Re-enrolled after the cancellation: a new number.
    again = enroll(coordinator, ids[1], today=TODAY)
    assert again.number_text == "2026/0004"
    assert [(i.number_text, i.status) for i in enrollment_history(coordinator, ids[1])] == [
        ("2026/0004", EnrollmentStatus.VALIDA),
        ("2026/0002", EnrollmentStatus.ANNULLATA),
    ]


def test_a_refused_enrollment_uses_no_number(operator: ServiceContext) -> None:
    incomplete = new_association(operator, "Comitato Incompleto")
    with pytest.raises(ServiceError):
        enroll(operator, incomplete.id, today=TODAY)
    assert enroll(operator, ready(operator, "Comitato Pronto"), today=TODAY).number == 1


def test_re_enrollment_after_ceasing_and_reopening(coordinator: ServiceContext) -> None:
    aid = ready(coordinator, "Comitato Fenice")
    first = enroll(coordinator, aid, today=TODAY)
    change_status(coordinator, aid, "cease", "Scioglimento")
    change_status(coordinator, aid, "reopen")
    assert status_of(coordinator, aid) is AssociationStatus.BOZZA
    second = enroll(coordinator, aid, today=TODAY)
    assert (first.number, second.number) == (1, 2)
    assert status_of(coordinator, aid) is AssociationStatus.ISCRITTA


def set_validity(ctx: ServiceContext, months: int | None) -> None:
    """The coordinator's setting, written straight into the house row."""
    with ctx.db.write() as s:
        s.execute(update(House).values(enrollment_validity_months=months))


def test_renewal_once_the_enrollment_has_run_out(operator: ServiceContext) -> None:
    set_validity(operator, 1)
    aid = ready(operator, "Comitato Fedele")
    enroll(operator, aid, today=TODAY)
    with pytest.raises(
        ServiceError, match=r"ricevuta 2026/0001 del 01/12/2026.*scade il 01/01/2027"
    ):
        enroll(operator, aid, today=date(2026, 12, 31))
    view = get_checklist(operator, aid, date(2027, 1, 1))
    assert view.can_enroll and view.renewal and view.status_message is None
    renewed = enroll(operator, aid, today=date(2027, 1, 1))
    assert renewed.number_text == "2027/0001"
    assert status_of(operator, aid) is AssociationStatus.ISCRITTA
    assert [i.number_text for i in enrollment_history(operator, aid)] == ["2027/0001", "2026/0001"]
    with operator.db.read() as s:
        created = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "enrollment.create")
            .order_by(AuditEvent.id)
        ).all()
    assert [e.after["renewal"] for e in created] == [False, True]  # type: ignore[index]


def test_a_renewal_not_yet_due_is_refused_and_uses_no_number(operator: ServiceContext) -> None:
    aid = ready(operator, "Comitato Impaziente")
    enroll(operator, aid, today=TODAY)
    # The yearly default: the calendar year changes, the enrollment still holds.
    with pytest.raises(ServiceError, match="scade il 01/12/2027"):
        enroll(operator, aid, today=date(2027, 1, 15))
    assert enroll(operator, ready(operator, "Comitato Altro"), today=date(2027, 1, 15)).number == 1


def test_until_revoked_an_enrollment_is_never_renewed(operator: ServiceContext) -> None:
    set_validity(operator, None)
    aid = ready(operator, "Comitato Perenne")
    enroll(operator, aid, today=TODAY)
    with pytest.raises(ServiceError, match="fino a revoca"):
        enroll(operator, aid, today=date(2031, 1, 1))
    view = get_checklist(operator, aid, date(2031, 1, 1))
    assert view.enrollment_ends_on is None and not view.can_enroll


def test_the_standing_and_the_register_follow_the_validity(operator: ServiceContext) -> None:
    aid = ready(operator, "Comitato Puntuale")
    enroll(operator, aid, today=date(2026, 2, 10))
    later = replace(operator, clock=lambda: datetime(2027, 3, 1, 9, tzinfo=UTC))
    standing = enrollment_standing(later, aid)
    assert standing.last_receipt is not None and standing.last_receipt.number == "2026/0001"
    assert standing.ends_on == date(2027, 2, 10) and standing.renewal_due
    assert next(a for a in list_associations(later) if a.id == aid).renewal_due
    # The coordinator decides enrollment lasts until revoked: nothing is due any more.
    set_validity(operator, None)
    assert not enrollment_standing(later, aid).renewal_due
    assert not next(a for a in list_associations(later) if a.id == aid).renewal_due
    assert not enrollment_standing(operator, aid, today=date(2026, 3, 1)).renewal_due


def test_renewal_checks_the_papers_as_they_are_now(operator: ServiceContext) -> None:
    aid = ready(operator, "Comitato Dimenticone")
    enroll(operator, aid, today=TODAY)
    # A year later the board list and the activity report are out of date.
    with pytest.raises(ServiceError, match=r"Elenco del Consiglio direttivo \(da aggiornare\)"):
        enroll(operator, aid, today=date(2027, 12, 1))


# --- cancelling --------------------------------------------------------------------------------


def test_cancelling_is_for_coordinators_with_a_reason(
    coordinator: ServiceContext, operator: ServiceContext
) -> None:
    info = enroll(operator, ready(operator, "Comitato Annullabile"), today=TODAY)
    with pytest.raises(PermissionDenied):
        cancel_enrollment(operator, info.id, "Errore")
    with pytest.raises(ValidationFailed):
        cancel_enrollment(coordinator, info.id, "  ")
    assert status_of(coordinator, info.association_id) is AssociationStatus.ISCRITTA

    cancel_enrollment(coordinator, info.id, "Ricevuta emessa per errore")
    assert status_of(coordinator, info.association_id) is AssociationStatus.BOZZA
    with coordinator.db.read() as s:
        a = s.get(Association, info.association_id)
        assert a is not None
        assert a.status_reason == "Ricevuta 2026/0001 annullata: Ricevuta emessa per errore"
        events = list(
            s.scalars(select(AuditEvent).where(AuditEvent.action.like("%cancel%")))
        ) + list(s.scalars(select(AuditEvent).where(AuditEvent.action == "association.unenroll")))
    assert [e.action for e in events] == ["enrollment.cancel", "association.unenroll"]
    assert events[0].after is not None
    assert events[0].after["cancel_reason"] == "Ricevuta emessa per errore"
    with pytest.raises(ServiceError, match="già annullata"):
        cancel_enrollment(coordinator, info.id, "Di nuovo")
    # The archived PDF stays as it was handed out.
    assert verify_archive(coordinator, info.id)


def test_cancelling_one_of_two_valid_receipts_keeps_the_association_enrolled(
    coordinator: ServiceContext,
) -> None:
    set_validity(coordinator, 1)
    aid = ready(coordinator, "Comitato Doppio")
    enroll(coordinator, aid, today=TODAY)
    renewal = enroll(coordinator, aid, today=date(2027, 1, 15))
    cancel_enrollment(coordinator, renewal.id, "Rinnovo registrato due volte")
    assert status_of(coordinator, aid) is AssociationStatus.ISCRITTA


def test_cancelling_an_unknown_enrollment(coordinator: ServiceContext) -> None:
    with pytest.raises(NotFound):
        cancel_enrollment(coordinator, 999, "Boh")


# --- reprints ----------------------------------------------------------------------------------


def test_a_reprint_renders_the_stored_snapshot(operator: ServiceContext) -> None:
    aid = ready(operator, "Circolo Vecchio Nome")
    info = enroll(operator, aid, today=TODAY)
    record = get_association(operator, aid)
    update_association(operator, record, replace(record.draft, name="Circolo Nuovo Nome"))

    data = reprint(operator, "2026-0001", today=date(2027, 3, 9))
    text = pdf_text(data)
    assert "Circolo Vecchio Nome" in text and "Circolo Nuovo Nome" not in text
    assert "DUPLICATO" in text and "2026/0001" in text and "09/03/2027" in text
    assert data != archived_pdf(operator, info.id).read_bytes()
    assert find_receipt(operator, "2026/1").id == info.id


def test_reprint_of_unknown_or_cancelled_receipts(
    coordinator: ServiceContext,
) -> None:
    with pytest.raises(NotFound, match="Non esiste una ricevuta numero 2026/0042"):
        reprint(coordinator, "2026/42")
    with pytest.raises(ServiceError, match="non è un numero di ricevuta"):
        reprint(coordinator, "ricevuta sette")
    info = enroll(coordinator, ready(coordinator, "Comitato Annullato"), today=TODAY)
    cancel_enrollment(coordinator, info.id, "Errore di battitura")
    with pytest.raises(ServiceError, match="annullata"):
        reprint(coordinator, info.number_text)


def test_reading_needs_someone_signed_in(ctx: ServiceContext, operator: ServiceContext) -> None:
    info = enroll(operator, ready(operator, "Comitato Riservato"), today=TODAY)
    for call in (
        lambda: reprint(ctx, info.number_text),
        lambda: enrollment_history(ctx, info.association_id),
        lambda: archived_pdf(ctx, info.id),
        lambda: enroll(ctx, info.association_id),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # The command line reprints as the system.
    assert reprint(ctx, info.number_text, as_system=True).startswith(b"%PDF-")


# --- all or nothing -------------------------------------------------------------------------------


def test_if_the_pdf_cannot_be_written_nothing_is_committed(operator: ServiceContext) -> None:
    aid = ready(operator, "Comitato Sfortunato")
    receipts = operator.settings.receipts_dir
    receipts.parent.mkdir(parents=True, exist_ok=True)
    receipts.write_text("not a folder")  # so the year's folder cannot be made
    with pytest.raises(ServiceError, match="L'iscrizione non è stata registrata"):
        enroll(operator, aid, today=TODAY)
    assert status_of(operator, aid) is AssociationStatus.BOZZA
    assert count_enrollments(operator) == 0
    assert "enrollment.create" not in actions(operator)
    receipts.unlink()
    assert enroll(operator, aid, today=TODAY).number == 1


def test_if_the_commit_fails_no_pdf_is_left(
    operator: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = ready(operator, "Comitato Sfortunato")
    real_write = operator.db.write

    @contextmanager
    def failing_write() -> Iterator[Session]:
        with real_write() as session:
            yield session
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(operator.db, "write", failing_write)
    with pytest.raises(OperationalError):
        enroll(operator, aid, today=TODAY)
    monkeypatch.undo()
    folder = operator.settings.receipts_dir / "2026"
    assert not folder.exists() or list(folder.iterdir()) == []
    assert count_enrollments(operator) == 0
    assert status_of(operator, aid) is AssociationStatus.BOZZA


def test_if_rendering_fails_nothing_is_committed(
    operator: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = ready(operator, "Comitato Sfortunato")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("font missing")

    monkeypatch.setattr(enrollment_service, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        enroll(operator, aid, today=TODAY)
    assert count_enrollments(operator) == 0
    assert status_of(operator, aid) is AssociationStatus.BOZZA


def test_a_receipt_without_an_archived_file(operator: ServiceContext) -> None:
    info = enroll(operator, ready(operator, "Comitato Senza File"), today=TODAY)
    with operator.db.write() as s:
        s.execute(update(Enrollment).values(pdf_path=None, pdf_sha256=None))
    with pytest.raises(NotFound, match="se ne può stampare un duplicato"):
        archived_pdf(operator, info.id)
    assert "DUPLICATO" in pdf_text(reprint(operator, info.number_text, today=TODAY))


def test_history_of_an_association(coordinator: ServiceContext) -> None:
    aid = ready(coordinator, "Comitato Storico")
    assert enrollment_history(coordinator, aid) == []
    first = enroll(coordinator, aid, today=date(2025, 3, 3))
    cancel_enrollment(coordinator, first.id, "Errore")
    enroll(coordinator, aid, today=date(2025, 3, 4))
    history = enrollment_history(coordinator, aid)
    assert [(h.number_text, h.enrolled_on, h.status, h.cancel_reason) for h in history] == [
        ("2025/0002", date(2025, 3, 4), EnrollmentStatus.VALIDA, ""),
        ("2025/0001", date(2025, 3, 3), EnrollmentStatus.ANNULLATA, "Errore"),
    ]
    assert all(h.operator_name == "Anna Rossi" and h.pdf_path for h in history)


def test_the_number_follows_the_highest_of_the_year(operator: ServiceContext) -> None:
    """Read inside the writing transaction: a receipt another desk just wrote counts."""
    aid = ready(operator, "Comitato Attento")
    other = ready(operator, "Comitato Altro")
    with operator.db.write() as s:
        s.add(
            Enrollment(
                association_id=other,
                year=2026,
                number=7,
                enrolled_on=TODAY,
                operator_id=operator.operator.id,  # type: ignore[union-attr]
                snapshot={},
            )
        )
    assert enroll(operator, aid, today=TODAY).number == 8
    assert enroll(operator, ready(operator, "Comitato Terzo"), today=date(2027, 1, 2)).number == 1
