"""Each association's papers: the checklist, recording, scanned files, the worklist;
and the associations directory for citizens.

Every service test runs on SQLite and on PostgreSQL (through the `db` fixture).
"""

from __future__ import annotations

import io
import itertools
import struct
import zlib
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from casedesk.db.models import Association, AssociationDocument, AuditEvent
from casedesk.domain.associations import AssociationDraft, ContactPersonDraft
from casedesk.domain.demo_data import entity_tax_code
from casedesk.domain.directory import DirectoryEntry, group_by_sector
from casedesk.domain.enums import AssociationStatus, DocumentStatus, LegalForm, RuntsSection
from casedesk.services import audit, files
from casedesk.services.associations import (
    change_status,
    create_association,
    get_association,
    update_association,
)
from casedesk.services.catalogue import list_requirements
from casedesk.services.context import ServiceContext
from casedesk.services.directory import directory_entries, write_directory
from casedesk.services.documents import (
    FileState,
    attach_file,
    document_file_path,
    get_checklist,
    record_document,
    verify_file,
    worklist,
)
from casedesk.services.errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)

F = LegalForm
D = DocumentStatus
TODAY = date(2026, 12, 1)
_serials = itertools.count(1)


def new_association(ctx: ServiceContext, name: str, form: LegalForm = F.COMITATO, **kw):
    if form is not F.GRUPPO_INFORMALE:
        kw.setdefault("tax_code", entity_tax_code(9_600_000 + next(_serials)))
    if form is F.ETS_RUNTS:
        kw.setdefault("runts_section", RuntsSection.B)
        kw.setdefault("runts_number", "123456")
    return create_association(ctx, AssociationDraft(name, form, **kw))


def req_id(ctx: ServiceContext, code: str) -> int:
    return next(r.id for r in list_requirements(ctx) if r.code == code)


def deliver_all(ctx: ServiceContext, association_id: int, on: date = date(2026, 11, 20)) -> None:
    for entry in get_checklist(ctx, association_id, TODAY).entries:
        record_document(ctx, association_id, entry.requirement.id, D.DELIVERED, on, today=TODAY)


def small_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "Statuto")
    canvas.save()
    return buffer.getvalue()


def small_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def at(ctx: ServiceContext, moment: datetime) -> ServiceContext:
    return replace(ctx, clock=lambda: moment)


# --- the checklist ----------------------------------------------------------------------


def test_a_new_association_has_everything_to_deliver(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato di quartiere Greco")
    view = get_checklist(operator, a.id, TODAY)
    assert view.association_name == "Comitato di quartiere Greco"
    assert view.legal_form is F.COMITATO and view.association_status is AssociationStatus.BOZZA
    assert [e.requirement.code for e in view.entries] == [
        "statute",
        "founding_act",
        "board_list",
        "activity_report",
    ]
    assert all(e.status is D.MISSING and e.file_state is FileState.NONE for e in view.entries)
    assert not view.can_enroll and view.can_override and view.status_message is None
    assert view.gate_message is not None and view.gate_message.startswith(
        "Per iscrivere mancano: Statuto (mancante); Atto costitutivo (mancante)"
    )


def test_recording_a_delivery(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Ponte")
    statute = req_id(operator, "statute")
    view = record_document(operator, a.id, statute, D.DELIVERED, today=TODAY)
    entry = view.entry(statute)
    assert entry is not None
    assert entry.status is D.DELIVERED and entry.received_on == TODAY
    assert entry.received_by == "Bruno Bianchi"
    assert entry.describe(TODAY) == "Consegnato il 01/12/2026."
    with operator.db.read() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None and event.action == "document.record"
    assert event.entity_type == "association" and event.entity_id == a.id
    assert event.after is not None and event.after["requirement"] == "statute"
    assert event.after["status"] == "delivered" and event.after["received_on"] == "2026-12-01"
    assert event.operator_id == operator.operator.id  # type: ignore[union-attr]


def test_delivery_date_not_in_the_future(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Futuro")
    with pytest.raises(ValidationFailed) as failed:
        record_document(
            operator, a.id, req_id(operator, "statute"), D.DELIVERED, date(2026, 12, 2), today=TODAY
        )
    assert failed.value.for_field("received_on")


def test_not_applicable_needs_a_reason(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Senza Atto")
    founding = req_id(operator, "founding_act")
    with pytest.raises(ValidationFailed) as failed:
        record_document(operator, a.id, founding, D.NOT_APPLICABLE, note="  ")
    assert failed.value.for_field("note")
    view = record_document(
        operator, a.id, founding, D.NOT_APPLICABLE, note="Costituito a voce in assemblea"
    )
    entry = view.entry(founding)
    assert entry is not None and entry.status is D.NOT_APPLICABLE and entry.received_on is None
    assert entry.describe(TODAY) == "Non applicabile: Costituito a voce in assemblea"


def test_missing_clears_the_date(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Ripensamento")
    statute = req_id(operator, "statute")
    record_document(operator, a.id, statute, D.DELIVERED, date(2026, 11, 3), today=TODAY)
    view = record_document(operator, a.id, statute, D.MISSING, note="Copia illeggibile")
    entry = view.entry(statute)
    assert entry is not None and entry.status is D.MISSING
    assert entry.received_on is None and entry.received_by == ""
    assert entry.note == "Copia illeggibile"


def test_outdated_is_not_recorded_by_hand(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Scaduto")
    with pytest.raises(ValidationFailed, match="non si segna a mano"):
        record_document(operator, a.id, req_id(operator, "board_list"), D.OUTDATED)


def test_a_paper_another_legal_form_needs_is_refused(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Rigoroso")
    with pytest.raises(ServiceError, match="non è richiesto per la forma «Comitato»"):
        record_document(operator, a.id, req_id(operator, "member_list"), D.DELIVERED)
    with pytest.raises(NotFound):
        record_document(operator, a.id, 9999, D.DELIVERED)
    with pytest.raises(NotFound):
        get_checklist(operator, 9999)


def test_nobody_signed_in_cannot_record(ctx: ServiceContext, operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Chiuso")
    with pytest.raises(PermissionDenied):
        record_document(ctx, a.id, 1, D.DELIVERED)
    with pytest.raises(PermissionDenied):
        get_checklist(ctx, a.id)


def test_validity_expiry_shows_in_the_checklist(operator: ServiceContext) -> None:
    a = new_association(operator, "Comitato Scadenze")
    board = req_id(operator, "board_list")
    record_document(operator, a.id, board, D.DELIVERED, date(2025, 11, 1), today=TODAY)
    entry = get_checklist(operator, a.id, TODAY).entry(board)
    assert entry is not None and entry.status is D.OUTDATED
    assert entry.expires_on == date(2026, 11, 1)
    assert entry.describe(TODAY).startswith("Scaduto il 01/11/2026")
    # At the boundary: delivered exactly twelve months before.
    record_document(operator, a.id, board, D.DELIVERED, date(2025, 12, 1), today=TODAY)
    entry = get_checklist(operator, a.id, date(2026, 11, 30)).entry(board)
    assert entry is not None and entry.status is D.DELIVERED
    entry = get_checklist(operator, a.id, TODAY).entry(board)
    assert entry is not None and entry.status is D.OUTDATED


def test_changing_the_legal_form_keeps_what_was_recorded(operator: ServiceContext) -> None:
    a = new_association(operator, "Amici del Cortile")
    statute, report = req_id(operator, "statute"), req_id(operator, "activity_report")
    record_document(operator, a.id, statute, D.DELIVERED, date(2026, 11, 3), today=TODAY)
    record_document(operator, a.id, report, D.DELIVERED, date(2026, 11, 4), today=TODAY)

    record = get_association(operator, a.id)
    informal = update_association(
        operator, record, replace(record.draft, legal_form=F.GRUPPO_INFORMALE, tax_code="")
    )
    view = get_checklist(operator, a.id, TODAY)
    assert [e.requirement.code for e in view.entries] == [
        "community_purpose_statement",
        "member_list",
        "activity_report",
    ]
    assert view.entry(report).status is D.DELIVERED  # type: ignore[union-attr]
    with operator.db.read() as s:
        kept = s.scalar(
            select(AssociationDocument.status).where(
                AssociationDocument.association_id == a.id,
                AssociationDocument.requirement_id == statute,
            )
        )
    assert kept is D.DELIVERED

    update_association(
        operator,
        informal,
        replace(informal.draft, legal_form=F.COMITATO, tax_code=record.draft.tax_code),
    )
    back = get_checklist(operator, a.id, TODAY).entry(statute)
    assert back is not None and back.status is D.DELIVERED
    assert back.received_on == date(2026, 11, 3)


def test_every_paper_in_order_opens_the_gate(operator: ServiceContext) -> None:
    a = new_association(operator, "Rete Solidale ETS", F.ETS_RUNTS)
    deliver_all(operator, a.id)
    view = get_checklist(operator, a.id, TODAY)
    assert len(view.entries) == 5
    assert view.can_enroll and not view.can_override and view.gate_message is None


def test_a_suspended_association_cannot_enroll(coordinator: ServiceContext) -> None:
    a = new_association(coordinator, "Comitato Sospeso")
    deliver_all(coordinator, a.id)
    with coordinator.db.write() as s:
        s.execute(
            update(Association)
            .where(Association.id == a.id)
            .values(status=AssociationStatus.SOSPESA)
        )
    view = get_checklist(coordinator, a.id, TODAY)
    assert not view.can_enroll and not view.can_override
    assert view.status_message is not None and "sospesa" in view.status_message


# --- scanned files -------------------------------------------------------------------------


def test_attaching_a_pdf_copies_and_hashes_it(operator: ServiceContext, tmp_path: Path) -> None:
    import hashlib

    a = new_association(operator, "Comitato Archivio")
    statute = req_id(operator, "statute")
    data = small_pdf()
    source = write(tmp_path / "Statuto firmato.PDF", data)
    view = attach_file(operator, a.id, statute, source, today=TODAY)
    entry = view.entry(statute)
    assert entry is not None and entry.file_state is FileState.OK
    assert entry.status is D.MISSING  # attaching records the file, not the delivery
    assert entry.file_path is not None and entry.file_path.startswith(f"{a.id}/statute-")
    assert entry.file_path.endswith(".pdf")
    stored = document_file_path(operator, a.id, statute)
    assert stored == (operator.settings.documents_dir / entry.file_path).resolve()
    assert stored.read_bytes() == data
    assert entry.item.record.file_sha256 == hashlib.sha256(data).hexdigest()  # type: ignore[union-attr]
    assert not [p for p in stored.parent.iterdir() if p.name.endswith(".tmp")]
    with operator.db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-1] == "document.attach"


def test_attaching_a_png_and_a_jpeg(operator: ServiceContext, tmp_path: Path) -> None:
    a = new_association(operator, "Gruppo Foto", F.GRUPPO_INFORMALE)
    members = req_id(operator, "member_list")
    view = attach_file(operator, a.id, members, write(tmp_path / "elenco.png", small_png()))
    assert view.entry(members).file_state is FileState.OK  # type: ignore[union-attr]
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
    view = attach_file(operator, a.id, members, write(tmp_path / "elenco.jpeg", jpeg))
    entry = view.entry(members)
    assert entry is not None and entry.file_path is not None and entry.file_path.endswith(".jpg")
    # The earlier scan stays in the folder: the audit log still names it.
    assert len(list((operator.settings.documents_dir / str(a.id)).iterdir())) == 2


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("programma.exe", b"MZ\x90\x00" + b"\x00" * 60, "solo PDF, JPG o PNG"),
        ("statuto.pdf", b"Statuto dell'associazione\n", "non è un vero file PDF"),
        ("foto.png", b"\xff\xd8\xff\xe0 a jpeg really", "non è un vero file PNG"),
        ("vuoto.pdf", b"", "è vuoto"),
        ("statuto.docx", b"PK\x03\x04", "solo PDF, JPG o PNG"),
    ],
)
def test_attaching_anything_else_is_refused(
    operator: ServiceContext, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    a = new_association(operator, "Comitato Prudente")
    with pytest.raises(ServiceError, match=message):
        attach_file(operator, a.id, req_id(operator, "statute"), write(tmp_path / name, data))
    assert not (operator.settings.documents_dir / str(a.id)).exists()


def test_attaching_a_file_that_does_not_exist(operator: ServiceContext, tmp_path: Path) -> None:
    a = new_association(operator, "Comitato Distratto")
    with pytest.raises(ServiceError, match="non esiste"):
        attach_file(operator, a.id, req_id(operator, "statute"), tmp_path / "nessuno.pdf")


def test_a_failed_transaction_leaves_no_file(
    operator: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = new_association(operator, "Comitato Sfortunato")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        attach_file(
            operator, a.id, req_id(operator, "statute"), write(tmp_path / "s.pdf", small_pdf())
        )
    assert list((operator.settings.documents_dir / str(a.id)).iterdir()) == []
    with operator.db.read() as s:
        assert s.scalar(select(AssociationDocument.id)) is None


def test_a_missing_or_changed_file_is_flagged(operator: ServiceContext, tmp_path: Path) -> None:
    a = new_association(operator, "Comitato Vigile")
    statute, founding = req_id(operator, "statute"), req_id(operator, "founding_act")
    attach_file(operator, a.id, statute, write(tmp_path / "s.pdf", small_pdf()))
    attach_file(operator, a.id, founding, write(tmp_path / "f.pdf", small_pdf() + b"\n%extra"))
    document_file_path(operator, a.id, statute).unlink()
    changed = document_file_path(operator, a.id, founding)
    changed.write_bytes(changed.read_bytes() + b"\n%% altered")

    view = get_checklist(operator, a.id, TODAY)
    assert view.entry(statute).file_state is FileState.MISSING  # type: ignore[union-attr]
    assert view.entry(founding).file_state is FileState.CHANGED  # type: ignore[union-attr]
    assert verify_file(operator, a.id, founding) is FileState.CHANGED
    with pytest.raises(ServiceError, match="non si trova più"):
        document_file_path(operator, a.id, statute)
    with pytest.raises(NotFound):
        document_file_path(operator, a.id, req_id(operator, "board_list"))


def test_a_big_file_is_hashed_on_request(
    operator: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = new_association(operator, "Comitato Voluminoso")
    statute = req_id(operator, "statute")
    attach_file(operator, a.id, statute, write(tmp_path / "s.pdf", small_pdf()))
    # Another desk (or a restart): nothing hashed yet in this process; and big files.
    monkeypatch.setattr(files, "_hash_cache", {})
    monkeypatch.setattr(files, "HASH_ON_OPEN_LIMIT", 10)
    entry = get_checklist(operator, a.id, TODAY).entry(statute)
    assert entry is not None and entry.file_state is FileState.UNCHECKED
    assert verify_file(operator, a.id, statute) is FileState.OK
    # Once hashed, and unchanged since, it is known.
    entry = get_checklist(operator, a.id, TODAY).entry(statute)
    assert entry is not None and entry.file_state is FileState.OK


# --- the worklist -----------------------------------------------------------------------------


def test_the_worklist_oldest_first_with_what_is_missing(operator: ServiceContext) -> None:
    def created(name: str, day: date, form: LegalForm = F.COMITATO):
        moment = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
        return new_association(at(operator, moment), name, form)

    created("Comitato Recente", date(2026, 11, 20))
    old = created("Comitato Vecchio", date(2026, 3, 1))
    expired = created("Gruppo Scaduto", date(2026, 10, 1), F.GRUPPO_INFORMALE)
    complete = created("Comitato In Regola", date(2025, 1, 1))
    ceased = created("Comitato Cessato", date(2024, 1, 1))

    deliver_all(operator, complete.id)
    # Expired long ago: older than the oldest registration date of those listed.
    deliver_all(operator, expired.id, date(2025, 2, 10))
    for code in ("statute", "founding_act", "board_list"):
        record_document(operator, old.id, req_id(operator, code), D.DELIVERED, today=TODAY)
    change_status(operator, ceased.id, "cease", "Sciolto")

    found = worklist(operator, today=TODAY)
    assert [e.name for e in found] == ["Gruppo Scaduto", "Comitato Vecchio", "Comitato Recente"]
    by_name = {e.name: e for e in found}
    assert by_name["Gruppo Scaduto"].since == date(2026, 2, 10)
    assert by_name["Gruppo Scaduto"].missing == (
        "Elenco dei componenti del gruppo (scaduto il 10/02/2026)",
        "Relazione sulle attività svolte o da realizzare (scaduto il 10/02/2026)",
    )
    assert by_name["Comitato Vecchio"].missing == (
        "Relazione sulle attività svolte o da realizzare (mancante)",
    )
    assert by_name["Comitato Vecchio"].since == date(2026, 3, 1)
    assert len(by_name["Comitato Recente"].missing) == 4
    assert by_name["Comitato Recente"].status is AssociationStatus.BOZZA
    assert expired.id == by_name["Gruppo Scaduto"].association_id


# --- the directory ----------------------------------------------------------------------------


def entry(name: str, *sectors: str) -> DirectoryEntry:
    return DirectoryEntry(name, tuple(sectors), "", False, ())


def test_group_by_sector() -> None:
    groups = group_by_sector(
        [
            entry("Zeta", "sociale"),
            entry("Éco del Parco", "ambientale", "sociale"),
            entry("eco città", "ambientale"),
            entry("L'Arca", "sociale"),
            entry("Senza settore"),
            entry("Anziani insieme", "anziani"),
        ]
    )
    assert [(sector, [e.name for e in items]) for sector, items in groups] == [
        ("ambientale", ["eco città", "Éco del Parco"]),
        ("anziani", ["Anziani insieme"]),
        ("sociale", ["Éco del Parco", "L'Arca", "Zeta"]),
        ("Altro", ["Senza settore"]),
    ]
    assert group_by_sector([]) == []


def test_the_directory_lists_enrolled_associations_without_private_numbers(
    operator: ServiceContext, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    enrolled = new_association(
        operator,
        "Orto Condiviso Niguarda",
        sectors=["ambientale"],
        description="Curiamo un orto condiviso.",
        seeking_volunteers=True,
        contact_persons=[
            ContactPersonDraft("Giulia Sala", "+39 333 123 4567", "giulia@example.org"),
            ContactPersonDraft("Marco Riva", "+39 347 765 4321", meets_citizens=False),
        ],
    )
    draft = new_association(operator, "Comitato in bozza", sectors=["sociale"])
    with operator.db.write() as s:
        s.execute(
            update(Association)
            .where(Association.id == enrolled.id)
            .values(status=AssociationStatus.ISCRITTA)
        )
    house, entries = directory_entries(operator)
    assert house.name == "Casa di prova"
    assert entries == [
        DirectoryEntry(
            "Orto Condiviso Niguarda",
            ("ambientale",),
            "Curiamo un orto condiviso.",
            True,
            ("Giulia Sala",),
        )
    ]
    assert draft.id not in [e.name for e in entries]

    target = tmp_path / "catalogo.pdf"
    assert write_directory(operator, target, today=TODAY) == 1
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Orto Condiviso Niguarda" in text and "Giulia Sala" in text
    assert "333" not in text and "Marco Riva" not in text
    assert "Comitato in bozza" not in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
