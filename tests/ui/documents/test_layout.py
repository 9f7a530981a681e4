"""What a clerk sees of the «Documenti» tab: the list's order and status icons, and at
1366×768 the association's name and «Iscrivi» without scrolling."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from casedesk.domain.enums import LegalForm
from casedesk.services.associations import list_associations
from casedesk.services.documents import get_checklist
from casedesk.services.enrollment import enroll, enrollment_history
from casedesk.ui.app import start_main_window
from casedesk.ui.documents.checklist_model import ChecklistModel
from casedesk.ui.documents.history import EnrollmentsModel
from casedesk.ui.documents.worklist import WorklistModel

from .test_tab import deliver_all


def names_in_the_list(tab) -> list[str]:
    model = tab.picker.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_list_ignores_case_and_accents(qtbot, new_association, coordinator, make_tab) -> None:
    for name in (
        "Tempo Ritrovato",
        "associazione culturale Voci",
        "Èlite Sportiva",
        "Associazione Amici",
        "ETS Zeta",
    ):
        new_association(coordinator, name)
    tab = make_tab(coordinator)
    with qtbot.waitSignal(tab.list_worker.finished):
        tab.reload_list()
    assert names_in_the_list(tab) == [
        "Associazione Amici",
        "associazione culturale Voci",
        "Èlite Sportiva",
        "ETS Zeta",
        "Tempo Ritrovato",
    ]
    # Searching keeps the order.
    tab.picker.search_box.setText("associazione")
    assert names_in_the_list(tab) == ["Associazione Amici", "associazione culturale Voci"]


def test_every_status_cell_has_an_icon(qtbot, new_association, coordinator, make_tab) -> None:
    enrolled = new_association(coordinator, "Comitato Iscritto")
    new_association(coordinator, "Comitato in Bozza", LegalForm.GRUPPO_INFORMALE)
    deliver_all(coordinator, enrolled)
    enroll(coordinator, enrolled)
    tab = make_tab(coordinator)
    tab.show_association(enrolled)

    def icons(model, column: int) -> list[bool]:
        return [
            not model.index(row, column).data(Qt.ItemDataRole.DecorationRole).isNull()
            for row in range(model.rowCount())
        ]

    assert icons(tab.picker.model, 0) == [True, True]
    assert icons(tab.model, ChecklistModel.STATUS) == [True] * tab.model.rowCount()
    assert icons(tab.history.model, EnrollmentsModel.STATUS) == [True]
    with qtbot.waitSignal(tab.worklist.load_worker.finished):
        tab.worklist.reload()
    assert tab.worklist.model.rowCount() == 1
    assert icons(tab.worklist.model, WorklistModel.STATUS) == [True]
    # Only the status column carries one.
    assert tab.picker.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.worklist.model.index(0, WorklistModel.NAME).data(
        Qt.ItemDataRole.DecorationRole
    ) is None


def in_sight(widget: QWidget, window: QWidget) -> bool:
    """Painted (not hidden by a scroll area or a splitter) and inside the window."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    corner = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(corner, widget.size()))


def test_name_and_enroll_stay_in_sight_at_1366x768(demo, qtbot) -> None:
    # The association with the longest checklist (and the most enrollments among those).
    largest = max(
        list_associations(demo),
        key=lambda a: (len(get_checklist(demo, a.id).entries), len(enrollment_history(demo, a.id))),
    )
    window = start_main_window(demo)
    qtbot.addWidget(window)
    window.showNormal()
    window.resize(1366, 768)
    qtbot.waitExposed(window)
    tab = window.tabs.tab("documents")
    window.tabs.setCurrentWidget(tab)
    assert tab.show_association(largest.id)
    qtbot.wait(50)
    assert window.size().height() <= 768

    assert tab.name_label.text() == largest.name
    assert in_sight(tab.name_label, window)
    assert in_sight(tab.enroll_button, window)
    assert in_sight(tab.gate_label, window)
    assert in_sight(tab.table, window)
    assert in_sight(tab.editor.delivered_radio, window)
    assert not tab.detail_scroll.verticalScrollBar().isVisible()

    assert not in_sight(tab.history.open_button, window)  # behind its tab: the check can fail
    tab.show_enrollments()
    qtbot.wait(10)
    assert in_sight(tab.history.open_button, window)
    assert in_sight(tab.history.reprint_button, window)
    assert in_sight(tab.history.cancel_button, window)  # a coordinator's
    assert in_sight(tab.enroll_button, window)

    # The list shows every demo name whole.
    picker = tab.picker
    metrics = picker.list.fontMetrics()
    widest = max(metrics.horizontalAdvance(name) for name in names_in_the_list(tab))
    assert widest + picker.list.iconSize().width() + 12 <= picker.list.viewport().width()
