"""The catalogue of document requirements: reading it, and a coordinator editing it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casedesk.db.models import AuditEvent
from casedesk.domain.associations import AssociationDraft
from casedesk.domain.enums import DocumentStatus, LegalForm
from casedesk.services.associations import create_association
from casedesk.services.catalogue import (
    RequirementDraft,
    add_requirement,
    deactivate_requirement,
    delete_requirement,
    list_requirements,
    reactivate_requirement,
    update_requirement,
)
from casedesk.services.context import ServiceContext
from casedesk.services.documents import get_checklist, record_document
from casedesk.services.errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)

F = LegalForm


def audit_actions(ctx: ServiceContext) -> list[str]:
    with ctx.db.read() as s:
        return list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.entity_type == "document_requirement")
                .order_by(AuditEvent.id)
            )
        )


def test_the_seeded_catalogue(operator: ServiceContext) -> None:
    found = list_requirements(operator)
    assert [r.code for r in found] == [
        "statute",
        "founding_act",
        "community_purpose_statement",
        "board_list",
        "member_list",
        "activity_report",
        "runts_registration",
    ]
    by_code = {r.code: r for r in found}
    assert by_code["board_list"].validity_months == 12
    assert by_code["statute"].validity_months is None
    assert by_code["runts_registration"].legal_forms == {F.ETS_RUNTS}
    assert by_code["community_purpose_statement"].legal_forms == {F.GRUPPO_INFORMALE}
    assert all(r.mandatory and r.active for r in found)


def test_nobody_signed_in_reads_nothing(ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        list_requirements(ctx)


def test_a_coordinator_adds_edits_and_deactivates(coordinator: ServiceContext) -> None:
    added = add_requirement(
        coordinator,
        RequirementDraft(
            "Verbale dell'ultima assemblea", frozenset({F.COMITATO, F.ETS_RUNTS}), False, 24
        ),
    )
    assert added.code == "verbale_dell_ultima_assemblea"
    assert added.sort_order > max(r.sort_order for r in list_requirements(coordinator)[:-1])
    assert not added.mandatory and added.validity_months == 24

    edited = update_requirement(
        coordinator,
        added.id,
        RequirementDraft("Verbale dell'ultima assemblea", frozenset({F.COMITATO}), True, None),
    )
    assert edited.legal_forms == {F.COMITATO} and edited.mandatory
    assert edited.validity_months is None and edited.code == added.code

    off = deactivate_requirement(coordinator, added.id)
    assert not off.active
    assert added.id not in [r.id for r in list_requirements(coordinator, include_inactive=False)]
    assert reactivate_requirement(coordinator, added.id).active
    assert audit_actions(coordinator) == [
        "requirement.add",
        "requirement.update",
        "requirement.deactivate",
        "requirement.activate",
    ]


def test_the_same_title_twice_gets_its_own_code(coordinator: ServiceContext) -> None:
    first = add_requirement(coordinator, RequirementDraft("Statuto", frozenset({F.COMITATO})))
    assert first.code == "statuto"
    second = add_requirement(coordinator, RequirementDraft("Statuto", frozenset({F.COMITATO})))
    assert second.code == "statuto_2"


def test_operators_cannot_edit_the_catalogue(operator: ServiceContext) -> None:
    draft = RequirementDraft("Altro", frozenset({F.COMITATO}))
    with pytest.raises(PermissionDenied):
        add_requirement(operator, draft)
    with pytest.raises(PermissionDenied):
        update_requirement(operator, 1, draft)
    with pytest.raises(PermissionDenied):
        deactivate_requirement(operator, 1)
    with pytest.raises(PermissionDenied):
        delete_requirement(operator, 1)


@pytest.mark.parametrize(
    "draft, field",
    [
        (RequirementDraft("  ", frozenset({F.COMITATO})), "title"),
        (RequirementDraft("Statuto", frozenset()), "legal_forms"),
        (RequirementDraft("Statuto", frozenset({F.COMITATO}), True, 0), "validity_months"),
        (RequirementDraft("Statuto", frozenset({F.COMITATO}), True, 121), "validity_months"),
    ],
)
def test_invalid_drafts(coordinator: ServiceContext, draft: RequirementDraft, field: str) -> None:
    with pytest.raises(ValidationFailed) as failed:
        add_requirement(coordinator, draft)
    assert failed.value.for_field(field)


def test_a_requirement_with_documents_is_deactivated_not_deleted(
    coordinator: ServiceContext,
) -> None:
    association = create_association(
        coordinator, AssociationDraft("Gruppo del cortile", F.GRUPPO_INFORMALE)
    )
    new = add_requirement(
        coordinator, RequirementDraft("Foto del gruppo", frozenset({F.GRUPPO_INFORMALE}))
    )
    record_document(coordinator, association.id, new.id, DocumentStatus.DELIVERED)
    with pytest.raises(ServiceError, match="disattivalo"):
        delete_requirement(coordinator, new.id)
    deactivate_requirement(coordinator, new.id)
    view = get_checklist(coordinator, association.id)
    assert new.id not in [e.requirement.id for e in view.entries]
    # Back in the checklist, with what was recorded, once reactivated.
    reactivate_requirement(coordinator, new.id)
    entry = get_checklist(coordinator, association.id).entry(new.id)
    assert entry is not None and entry.status is DocumentStatus.DELIVERED


def test_an_unused_requirement_can_be_deleted(coordinator: ServiceContext) -> None:
    new = add_requirement(coordinator, RequirementDraft("Per errore", frozenset({F.COMITATO})))
    delete_requirement(coordinator, new.id)
    assert new.id not in [r.id for r in list_requirements(coordinator)]
    with pytest.raises(NotFound):
        delete_requirement(coordinator, new.id)
    assert audit_actions(coordinator)[-1] == "requirement.delete"


def test_changing_a_validity_changes_checklists_at_once(coordinator: ServiceContext) -> None:
    from datetime import date

    association = create_association(
        coordinator, AssociationDraft("Gruppo del cortile", F.GRUPPO_INFORMALE)
    )
    statement = next(
        r for r in list_requirements(coordinator) if r.code == "community_purpose_statement"
    )
    record_document(
        coordinator,
        association.id,
        statement.id,
        DocumentStatus.DELIVERED,
        date(2025, 1, 10),
        today=date(2026, 12, 1),
    )
    entry = get_checklist(coordinator, association.id, date(2026, 12, 1)).entry(statement.id)
    assert entry is not None and entry.status is DocumentStatus.DELIVERED
    update_requirement(
        coordinator,
        statement.id,
        RequirementDraft(statement.title, statement.legal_forms, True, 12),
    )
    entry = get_checklist(coordinator, association.id, date(2026, 12, 1)).entry(statement.id)
    assert entry is not None and entry.status is DocumentStatus.OUTDATED
