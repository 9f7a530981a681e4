"""The tab's table and list models pass Qt's model tester, empty and full."""

from __future__ import annotations

from PySide6.QtCore import Qt

from casedesk.services.associations import list_associations
from casedesk.services.documents import get_checklist, worklist
from casedesk.services.enrollment import enrollment_history
from casedesk.ui import palette
from casedesk.ui.documents.checklist_model import ChecklistModel
from casedesk.ui.documents.history import EnrollmentsModel
from casedesk.ui.documents.picker import AssociationListModel
from casedesk.ui.documents.worklist import WorklistModel


def test_empty_models(qtmodeltester) -> None:
    for model in (ChecklistModel(), EnrollmentsModel(), WorklistModel(), AssociationListModel()):
        qtmodeltester.check(model)


def test_full_models(qtmodeltester, demo) -> None:
    summaries = list_associations(demo)
    checklist = ChecklistModel()
    enrollments = EnrollmentsModel()
    for summary in summaries:
        checklist.set_view(get_checklist(demo, summary.id))
        qtmodeltester.check(checklist)
        history = enrollment_history(demo, summary.id)
        if history:
            enrollments.set_rows(history)
            qtmodeltester.check(enrollments)
    assert enrollments.rowCount() >= 1

    work = WorklistModel()
    work.set_rows(worklist(demo))
    qtmodeltester.check(work)

    names = AssociationListModel()
    names.set_rows(summaries)
    qtmodeltester.check(names)
    names.set_query("comitato")
    qtmodeltester.check(names)
    assert 0 < names.rowCount() < len(summaries)


def test_cancelled_enrollments_say_why(demo) -> None:
    rows = [e for s in list_associations(demo) for e in enrollment_history(demo, s.id)]
    cancelled = [e for e in rows if e.cancelled]
    assert cancelled, "the demo data has a cancelled receipt"
    model = EnrollmentsModel()
    model.set_rows(cancelled)
    assert model.index(0, EnrollmentsModel.STATUS).data() == "Annullata"
    assert model.index(0, EnrollmentsModel.REASONS).data().startswith("Annullata: ")
    assert model.index(0, EnrollmentsModel.STATUS).data(Qt.ItemDataRole.ForegroundRole).name() == palette.ERROR


def test_the_search_ignores_accents_and_needs_every_word(demo) -> None:
    names = AssociationListModel()
    summaries = list_associations(demo)
    names.set_rows(summaries)
    target = summaries[0]
    names.set_query(target.name.upper())
    assert names.row_of(target.id) is not None
    names.set_query(target.name + " zzzz")
    assert names.rowCount() == 0
