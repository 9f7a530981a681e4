"""The printed register's lines: the ids on screen, in their order, with the first contact."""

from __future__ import annotations

from datetime import date

import pytest

from casedesk.domain.associations import AssociationDraft, ContactPersonDraft
from casedesk.domain.demo_data import entity_tax_code
from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.services.associations import create_association, delete_association
from casedesk.services.context import ServiceContext
from casedesk.services.errors import PermissionDenied
from casedesk.services.register_list import register_lines, register_pdf


def make(ctx: ServiceContext, name: str, n: int, *contacts: ContactPersonDraft) -> int:
    draft = AssociationDraft(
        name,
        LegalForm.COMITATO,
        tax_code=entity_tax_code(9_800_000 + n),
        contact_persons=list(contacts),
    )
    return create_association(ctx, draft).id


def test_lines_in_the_order_asked_with_the_first_contact(operator: ServiceContext) -> None:
    first = make(
        operator,
        "Comitato Bovisa",
        1,
        ContactPersonDraft("Giulia Sala", "+39 333 123 4567"),
        ContactPersonDraft("Marco Riva", "02 1234 5678"),
    )
    second = make(operator, "Associazione Anziani Attivi", 2)
    make(operator, "Comitato non stampato", 3)
    house, lines = register_lines(operator, [first, second])
    assert house.name == "Casa di prova"
    assert [line.name for line in lines] == ["Comitato Bovisa", "Associazione Anziani Attivi"]
    assert lines[0].contact_person == "Giulia Sala"
    assert lines[0].phone == "+39 333 123 4567"
    assert lines[0].legal_form is LegalForm.COMITATO
    assert lines[0].status is AssociationStatus.BOZZA
    assert lines[0].tax_code == entity_tax_code(9_800_001)
    assert (lines[1].contact_person, lines[1].phone) == ("", "")
    # The other order, as a clicked header would give it.
    assert [line.name for line in register_lines(operator, [second, first])[1]] == [
        "Associazione Anziani Attivi",
        "Comitato Bovisa",
    ]


def test_an_association_deleted_meanwhile_is_left_out(coordinator: ServiceContext) -> None:
    kept = make(coordinator, "Comitato Restante", 4)
    gone = make(coordinator, "Comitato Cancellato", 5)
    delete_association(coordinator, gone)
    assert [line.name for line in register_lines(coordinator, [gone, kept])[1]] == [
        "Comitato Restante"
    ]


def test_more_ids_than_one_query_holds(
    operator: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casedesk.services import register_list

    monkeypatch.setattr(register_list, "_CHUNK", 2)  # 5 ids: three queries
    ids = [
        make(operator, f"Comitato {n}", 100 + n, ContactPersonDraft(f"Referente {n}"))
        for n in range(5)
    ]
    lines = register_lines(operator, list(reversed(ids)))[1]
    assert [line.name for line in lines] == [f"Comitato {n}" for n in reversed(range(5))]
    assert [line.contact_person for line in lines] == [f"Referente {n}" for n in reversed(range(5))]


def test_the_pdf_has_the_rows_asked_only(operator: ServiceContext) -> None:
    pypdf = pytest.importorskip("pypdf")
    import io

    shown = make(operator, "Comitato Stampato", 6)
    make(operator, "Comitato Nascosto", 7)
    described = "Associazioni trovate cercando «stampato»."
    pdf = register_pdf(operator, [shown], described, date(2026, 12, 2))
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Comitato Stampato" in text
    assert "Nascosto" not in text
    assert "02/12/2026" in text


def test_nobody_signed_in_prints_nothing(ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        register_lines(ctx, [])
