"""From the register to the papers: «Documenti…» in the tab and in the form, and the
enrollments shown read-only on the form."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt

from casedesk.domain.enums import DocumentStatus
from casedesk.services.documents import get_checklist, record_document
from casedesk.services.enrollment import cancel_enrollment, enroll


def test_the_documents_button_asks_for_the_selected_association(qtbot, tab, register) -> None:
    asked: list[int] = []
    tab.documents_requested.connect(asked.append)
    tab.select_id(register.ids["arca"])
    qtbot.mouseClick(tab.documents_button, Qt.MouseButton.LeftButton)
    assert asked == [register.ids["arca"]]
    assert tab.documents_button.text() == "&Documenti…"


def test_with_nothing_selected_it_says_so(tab) -> None:
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    tab.table.selectionModel().clear()
    assert not tab.open_documents()
    assert messages == ["Scegli prima un'associazione nell'elenco."]


def test_the_context_menu_has_it_too(tab, register) -> None:
    asked: list[int] = []
    tab.documents_requested.connect(asked.append)
    tab.select_id(register.ids["isola"])
    names = [a.objectName() for a in tab.table.actions()]
    assert names == ["open_association_action", "open_documents_action"]
    tab.table.actions()[1].trigger()
    assert asked == [register.ids["isola"]]


def test_the_form_closes_then_asks_for_the_papers(qtbot, tab, register, answers) -> None:
    asked: list[int] = []
    tab.documents_requested.connect(asked.append)
    form = tab.open_association(register.ids["liberta"])
    qtbot.waitExposed(form)
    form.name_edit.setText("Associazione Libertà e Diritti")  # unsaved
    answers.replies = [False]  # keep editing
    qtbot.mouseClick(form.documents_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and asked == []
    answers.replies = [True]  # close without saving
    qtbot.mouseClick(form.documents_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert asked == [register.ids["liberta"]]


def test_a_new_association_has_no_documents_button(tab) -> None:
    form = tab.new_association()
    assert not form.documents_button.isVisible()
    assert not form.enrollments_label.isVisible()
    form.reject()


def test_the_form_lists_the_enrollments(qtbot, coordinator, tab, register) -> None:
    association = register.ids["isola"]
    for entry in get_checklist(coordinator, association).entries:
        record_document(coordinator, association, entry.requirement.id, DocumentStatus.DELIVERED)
    first = enroll(coordinator, association)
    cancel_enrollment(coordinator, first.id, "Numero sbagliato")
    second = enroll(coordinator, association)
    form = tab.open_association(association)
    qtbot.waitExposed(form)
    text = form.enrollments_label.text()
    assert text.startswith("Iscrizioni: ")
    assert second.number_text in text and first.number_text in text
    assert f"<s>{first.number_text} del" in text and "(annullata)" in text
    # The last valid receipt, its date and when it runs out (a year, by default).
    today = coordinator.today()
    ends = second.enrolled_on + relativedelta(months=12)
    assert (
        f"Ultima ricevuta: {second.number_text} del {today:%d/%m/%Y}, scade il {ends:%d/%m/%Y}."
        in text
    )
    assert form.enrollments_label.isVisible()
    form.reject()
