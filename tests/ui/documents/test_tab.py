"""The «Documenti» tab: recording papers, the Iscrivi gate, enrolling, receipts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument

from casedesk.domain.enums import AssociationStatus, DocumentStatus, EnrollmentStatus, LegalForm
from casedesk.services.associations import get_association
from casedesk.services.documents import get_checklist, record_document
from casedesk.services.enrollment import enroll, enrollment_history
from casedesk.ui import palette
from casedesk.ui.documents.checklist_model import ChecklistModel
from casedesk.ui.documents.tab import DocumentsTab
from casedesk.ui.widgets.pdf_preview import PdfPreviewDialog


def row_of_title(tab: DocumentsTab, title: str) -> int:
    model = tab.model
    return next(r for r in range(model.rowCount()) if model.entry(r).requirement.title == title)


def cell(tab: DocumentsTab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def deliver_through_the_ui(qtbot, tab: DocumentsTab, row: int, day) -> None:
    tab.table.selectRow(row)
    assert tab.editor.entry is not None and tab.editor.entry is tab.model.entry(row)
    qtbot.mouseClick(tab.editor.delivered_radio, Qt.MouseButton.LeftButton)
    assert tab.editor.date_edit.isEnabled()
    assert tab.editor.date_edit.displayFormat() == "dd/MM/yyyy"
    assert tab.editor.date_edit.calendarPopup()
    tab.editor.set_received_on(day)
    assert tab.editor.record_button.isEnabled()
    qtbot.mouseClick(tab.editor.record_button, Qt.MouseButton.LeftButton)


def deliver_all(ctx, association_id: int) -> None:
    for entry in get_checklist(ctx, association_id).entries:
        record_document(ctx, association_id, entry.requirement.id, DocumentStatus.DELIVERED)


@pytest.fixture
def comitato(new_association, operator) -> int:
    return new_association(operator, "Comitato Via Padova <Est> & dintorni")


def test_deliver_the_papers_then_enroll_and_see_the_receipt(
    qtbot, operator, comitato, make_tab, answers, message_boxes
) -> None:
    tab = make_tab(operator)
    assert tab.show_association(comitato)
    assert tab.name_label.text() == "Comitato Via Padova <Est> & dintorni"
    assert "Comitato" in tab.info_label.text() and "Bozza" in tab.info_label.text()
    assert tab.model.rowCount() == 4
    assert not tab.enroll_button.isEnabled()

    yesterday = operator.today() - timedelta(days=1)
    for row in range(tab.model.rowCount()):
        assert not tab.enroll_button.isEnabled()
        deliver_through_the_ui(qtbot, tab, row, yesterday)
        assert cell(tab, row, ChecklistModel.STATUS) == "Consegnato"
        assert cell(tab, row, ChecklistModel.RECEIVED_ON) == f"{yesterday:%d/%m/%Y}"
        assert cell(tab, row, ChecklistModel.RECEIVED_BY) == "Bruno Bianchi"
        assert tab.table.currentIndex().row() == row  # the selection stays on the paper
    assert message_boxes == []

    assert tab.enroll_button.isEnabled()
    assert "in regola" in tab.gate_label.text()
    assert not tab.override_button.isVisible()

    # The receipt is made, then opened, off the UI thread; meanwhile the button waits.
    with (
        qtbot.waitSignal(tab.history.receipt_worker.succeeded),
        qtbot.waitSignal(tab.enroll_worker.succeeded),
    ):
        qtbot.mouseClick(tab.enroll_button, Qt.MouseButton.LeftButton)
        assert not tab.enroll_button.isEnabled()
    assert "Iscrivere «Comitato Via Padova <Est> & dintorni»" in answers.asked[-1]
    history = enrollment_history(operator, comitato)
    assert len(history) == 1 and history[0].status is EnrollmentStatus.VALIDA
    assert get_association(operator, comitato).status is AssociationStatus.ISCRITTA
    assert "Iscritta" in tab.info_label.text()
    assert not tab.enroll_button.isEnabled()
    assert history[0].number_text in tab.gate_label.text()  # already enrolled this year
    assert tab.history.model.rowCount() == 1
    assert tab.history.model.index(0, 0).data() == history[0].number_text
    assert tab.history.model.index(0, 2).data() == "Bruno Bianchi"

    preview = tab.history.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitExposed(preview)
    assert preview.isVisible()
    assert preview.document.status() is QPdfDocument.Status.Ready
    assert preview.document.pageCount() >= 1
    assert history[0].number_text in preview.windowTitle()
    assert preview.suggested_name == f"ricevuta-{history[0].year}-{history[0].number:04d}.pdf"
    # The archived PDF, byte for byte.
    from casedesk.services.enrollment import archived_pdf

    assert preview.data == archived_pdf(operator, history[0].id).read_bytes()


def test_the_gate_says_exactly_what_is_missing(operator, comitato, make_tab) -> None:
    tab = make_tab(operator)
    tab.show_association(comitato)
    view = get_checklist(operator, comitato)
    assert view.gate_message
    assert not tab.enroll_button.isEnabled()
    assert tab.enroll_button.toolTip() == view.gate_message
    assert tab.gate_label.text().startswith(view.gate_message)
    assert tab.gate_label.isVisible()


def test_an_operator_sees_no_enroll_anyway(operator, comitato, make_tab) -> None:
    tab = make_tab(operator)
    tab.show_association(comitato)
    assert not tab.override_button.isVisible()
    assert not tab.enroll_anyway()
    assert enrollment_history(operator, comitato) == []


def test_a_coordinator_enrolls_anyway_with_a_written_reason(
    new_association, qtbot, coordinator, make_tab, answers
) -> None:
    association = new_association(coordinator, "Gruppo Cortile Aperto", LegalForm.GRUPPO_INFORMALE)
    tab = make_tab(coordinator)
    tab.show_association(association)
    assert tab.override_button.isVisible() and tab.override_button.isEnabled()
    assert "Come coordinatore" in tab.gate_label.text()

    answers.reason = None  # the desk cancels: nothing happens
    qtbot.mouseClick(tab.override_button, Qt.MouseButton.LeftButton)
    assert enrollment_history(coordinator, association) == []

    answers.reason = "Statuto in arrivo dal notaio"
    with (
        qtbot.waitSignal(tab.history.receipt_worker.succeeded),
        qtbot.waitSignal(tab.enroll_worker.succeeded),
    ):
        qtbot.mouseClick(tab.override_button, Qt.MouseButton.LeftButton)
    assert get_checklist(coordinator, association).gate_message in answers.asked[-1]
    [info] = enrollment_history(coordinator, association)
    assert info.override_reason == "Statuto in arrivo dal notaio"
    assert "Statuto in arrivo dal notaio" in tab.history.model.index(0, 4).data()
    assert isinstance(tab.history.preview, PdfPreviewDialog)
    assert not tab.override_button.isVisible()


def test_enrolling_asks_first(qtbot, operator, comitato, make_tab, answers) -> None:
    deliver_all(operator, comitato)
    tab = make_tab(operator)
    tab.show_association(comitato)
    answers.replies = [False]
    qtbot.mouseClick(tab.enroll_button, Qt.MouseButton.LeftButton)
    assert enrollment_history(operator, comitato) == []
    assert tab.history.preview is None


def test_a_coordinator_cancels_a_receipt_with_a_reason(
    new_association, qtbot, coordinator, make_tab, answers, message_boxes
) -> None:
    association = new_association(coordinator, "Comitato Greco")
    deliver_all(coordinator, association)
    info = enroll(coordinator, association)
    tab = make_tab(coordinator)
    tab.show_association(association)
    tab.show_enrollments()
    assert tab.history.cancel_button.isVisible() and tab.history.cancel_button.isEnabled()

    answers.reason = "Numero dato all'associazione sbagliata"
    qtbot.mouseClick(tab.history.cancel_button, Qt.MouseButton.LeftButton)
    [cancelled] = enrollment_history(coordinator, association)
    assert cancelled.status is EnrollmentStatus.ANNULLATA
    assert cancelled.number_text == info.number_text  # the number stays used
    assert tab.history.model.index(0, 3).data() == "Annullata"
    assert "Numero dato all'associazione sbagliata" in tab.history.model.index(0, 4).data()
    assert "Bozza" in tab.info_label.text()
    assert not tab.history.reprint_button.isEnabled()
    assert not tab.history.cancel_button.isEnabled()
    assert tab.enroll_button.isEnabled()  # it can be enrolled again, with a new number
    # The cancelled receipt can still be looked at, as handed out.
    with qtbot.waitSignal(tab.history.receipt_worker.succeeded):
        assert tab.history.open_receipt()
    preview = tab.history.preview
    assert isinstance(preview, PdfPreviewDialog) and "annullata" in preview.windowTitle()
    assert message_boxes == []


def test_an_operator_cannot_cancel_receipts(operator, comitato, make_tab) -> None:
    deliver_all(operator, comitato)
    enroll(operator, comitato)
    tab = make_tab(operator)
    tab.show_association(comitato)
    tab.show_enrollments()
    assert tab.history.open_button.isVisible()
    assert not tab.history.cancel_button.isVisible()


def test_reprint_opens_a_duplicate_and_open_shows_the_archived_pdf(
    qtbot, operator, comitato, make_tab
) -> None:
    deliver_all(operator, comitato)
    info = enroll(operator, comitato)
    tab = make_tab(operator)
    tab.show_association(comitato)

    with qtbot.waitSignal(tab.history.receipt_worker.succeeded):
        qtbot.mouseClick(tab.history.reprint_button, Qt.MouseButton.LeftButton)
    duplicate = tab.history.preview
    assert isinstance(duplicate, PdfPreviewDialog)
    assert duplicate.document.status() is QPdfDocument.Status.Ready
    assert "duplicato" in duplicate.windowTitle()
    assert duplicate.suggested_name.endswith("-duplicato.pdf")
    from casedesk.services.enrollment import archived_pdf

    assert duplicate.data != archived_pdf(operator, info.id).read_bytes()

    tab.history.table.setFocus()
    with qtbot.waitSignal(tab.history.receipt_worker.succeeded):
        qtbot.keyClick(tab.history.table, Qt.Key.Key_Return)
    archived = tab.history.preview
    assert (
        archived is not duplicate and archived.data == archived_pdf(operator, info.id).read_bytes()
    )


def test_an_archived_pdf_that_was_altered_shows_a_duplicate(
    qtbot, operator, comitato, make_tab, message_boxes
) -> None:
    deliver_all(operator, comitato)
    info = enroll(operator, comitato)
    from casedesk.services.enrollment import archived_pdf

    path = archived_pdf(operator, info.id)
    path.write_bytes(path.read_bytes() + b"\n% altered\n")
    tab = make_tab(operator)
    tab.show_association(comitato)
    shown: list[str] = []
    tab.status_message.connect(shown.append)
    with qtbot.waitSignal(tab.history.receipt_worker.succeeded):
        assert tab.history.open_receipt()
    preview = tab.history.preview
    assert isinstance(preview, PdfPreviewDialog) and "duplicato" in preview.windowTitle()
    assert "modificato" in shown[-1]


def test_not_applicable_needs_a_reason(qtbot, operator, comitato, make_tab) -> None:
    tab = make_tab(operator)
    tab.show_association(comitato)
    editor = tab.editor
    qtbot.mouseClick(editor.not_applicable_radio, Qt.MouseButton.LeftButton)
    assert editor.note_label.text() == "M&otivo:"
    assert not editor.record_button.isEnabled()
    assert "perché" in editor.record_button.toolTip()
    qtbot.keyClicks(editor.note_edit, "Il comitato non ha uno statuto scritto")
    assert editor.record_button.isEnabled()
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert cell(tab, 0, ChecklistModel.STATUS) == "Non applicabile"
    assert cell(tab, 0, ChecklistModel.NOTE) == "Il comitato non ha uno statuto scritto"
    assert not editor.is_dirty()


def test_a_delivery_cannot_be_dated_in_the_future(operator, comitato, make_tab) -> None:
    tab = make_tab(operator)
    tab.show_association(comitato)
    tab.editor.set_status(DocumentStatus.DELIVERED)
    tab.editor.set_received_on(operator.today() + timedelta(days=3))
    assert tab.editor.received_on() == operator.today()  # the date edit stops at today


def test_ctrl_s_records_and_the_panel_keeps_the_selection(
    qtbot, operator, comitato, make_tab
) -> None:
    tab = make_tab(operator)
    tab.show_association(comitato)
    tab.table.selectRow(2)
    tab.editor.set_status(DocumentStatus.DELIVERED)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.editor.note_edit.setFocus()
    qtbot.keyClick(tab.editor.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert cell(tab, 2, ChecklistModel.STATUS) == "Consegnato"
    assert tab.table.currentIndex().row() == 2


def test_unsaved_edits_are_never_lost_by_moving_away(
    new_association, qtbot, operator, comitato, make_tab, answers
) -> None:
    other = new_association(operator, "Comitato Lambrate")
    tab = make_tab(operator)
    tab.show_association(comitato)
    tab.table.selectRow(0)
    tab.editor.set_status(DocumentStatus.DELIVERED)
    assert tab.editor.is_dirty()

    answers.choices = ["stay"]
    tab.table.selectRow(1)
    assert tab.table.currentIndex().row() == 0 and tab.editor.is_dirty()
    assert "Statuto" in answers.asked[-1]

    answers.choices = ["stay"]
    assert not tab.show_association(other)
    assert tab.current_association_id() == comitato

    answers.choices = ["save"]
    tab.table.selectRow(1)
    assert tab.table.currentIndex().row() == 1
    assert cell(tab, 0, ChecklistModel.STATUS) == "Consegnato"

    tab.editor.set_status(DocumentStatus.DELIVERED)
    answers.choices = ["discard"]
    assert tab.show_association(other)
    assert tab.current_association_id() == other
    tab.show_association(comitato)
    assert cell(tab, 1, ChecklistModel.STATUS) == "Mancante"


def test_searching_and_choosing_an_association(
    new_association, qtbot, operator, comitato, make_tab
) -> None:
    other = new_association(operator, "Comitato Città Studi")
    tab = make_tab(operator)
    assert tab.detail_stack.currentWidget() is tab.placeholder
    assert tab.placeholder.text().startswith("Qui compar")
    tab.focus_search()
    qtbot.keyClicks(tab.picker.search_box, "citta stu")  # accents and case ignored
    assert tab.picker.model.rowCount() == 1
    qtbot.keyClick(tab.picker.search_box, Qt.Key.Key_Return)
    assert tab.current_association_id() == other
    assert tab.name_label.text() == "Comitato Città Studi"

    qtbot.keyClick(tab.picker.search_box, Qt.Key.Key_Escape)
    assert tab.picker.model.rowCount() == 2
    tab.picker.list.setFocus()
    row = tab.picker.model.row_of(comitato)
    tab.picker.list.setCurrentIndex(tab.picker.model.index(row, 0))
    assert tab.current_association_id() == comitato


def test_every_state_in_words_and_colour(demo, make_tab) -> None:
    """The demo data has every state: missing, delivered, not applicable, out of date."""
    from casedesk.services.associations import list_associations

    tab = make_tab(demo)
    seen: dict[str, str] = {}
    files: set[str] = set()
    for summary in list_associations(demo):
        tab.show_association(summary.id)
        for row in range(tab.model.rowCount()):
            index = tab.model.index(row, ChecklistModel.STATUS)
            seen[index.data()] = index.data(Qt.ItemDataRole.ForegroundRole).name()
            assert index.data(Qt.ItemDataRole.DecorationRole) is not None
            assert index.data(Qt.ItemDataRole.ToolTipRole)
            files.add(tab.model.index(row, ChecklistModel.FILE).data())
    assert seen == {
        "Mancante": palette.ERROR,
        "Consegnato": palette.OK,
        "Non applicabile": palette.MUTED,
        "Da aggiornare": palette.WARNING,
    }
    assert "" in files


def test_print_the_checklist_with_ctrl_p(operator, comitato, make_tab, printed) -> None:
    from pypdf import PdfReader

    tab = make_tab(operator)
    assert not tab.print_current()  # nothing chosen yet
    tab.show_association(comitato)
    assert tab.print_current()
    [pdf] = printed.files
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Comitato Via Padova <Est> & dintorni" in text
    assert "Per iscrivere mancano" in text


def test_every_control_is_named(operator, comitato, make_tab, unnamed_widgets) -> None:
    tab = make_tab(operator)
    tab.show_association(comitato)
    assert unnamed_widgets(tab) == []
    tab.pages.setCurrentIndex(1)
    assert unnamed_widgets(tab) == []


def test_opening_a_checklist_is_quick(demo, make_tab) -> None:
    import time

    from casedesk.services.associations import list_associations

    tab = make_tab(demo)
    ids = [a.id for a in list_associations(demo)]
    tab.show_association(ids[0])
    started = time.perf_counter()
    for association_id in ids[1:21]:
        tab.show_association(association_id)
    per_checklist = (time.perf_counter() - started) / 20
    assert per_checklist < 0.1, per_checklist


def test_the_register_is_read_once_and_again_with_f5(
    new_association, qtbot, operator, comitato, make_tab
) -> None:
    tab = make_tab(operator)
    assert tab.picker.model.total_count() == 1
    later = new_association(operator, "Comitato Arrivato Dopo")
    tab.hide()
    tab.show()  # coming back to the tab does not read the whole register again
    assert not tab.list_worker.is_busy()
    assert tab.picker.model.total_count() == 1
    # F5 (the offscreen platform does not activate a window hidden and shown again, so
    # the shortcut is fired rather than typed).
    [f5] = [
        s
        for s in tab.splitter.findChildren(QShortcut)
        if s.key() == QKeySequence(QKeySequence.StandardKey.Refresh)
    ]
    assert f5.key().toString() == "F5"
    with qtbot.waitSignal(tab.list_worker.finished):
        f5.activated.emit()
    assert tab.picker.model.total_count() == 2
    # Asking for one it does not know reads the register too.
    newest = new_association(operator, "Comitato Ultimo")
    with qtbot.waitSignal(tab.list_worker.finished):
        assert tab.show_association(newest)
    assert tab.picker.current_id() == newest and tab.picker.model.total_count() == 3
    assert later != newest


def test_enrolling_recolours_the_name_in_the_list(
    qtbot, operator, comitato, make_tab, answers
) -> None:
    deliver_all(operator, comitato)
    tab = make_tab(operator)
    tab.show_association(comitato)
    index = tab.picker.model.index(tab.picker.model.row_of(comitato), 0)
    assert index.data(Qt.ItemDataRole.ForegroundRole).name() == palette.INFO  # bozza
    with (
        qtbot.waitSignal(tab.history.receipt_worker.succeeded),
        qtbot.waitSignal(tab.enroll_worker.succeeded),
    ):
        assert tab.enroll()
    assert index.data(Qt.ItemDataRole.ForegroundRole).name() == palette.OK  # iscritta
    assert "iscritta" in tab.picker.legend.accessibleName()


def test_an_enrollment_run_out_is_renewed_with_a_new_receipt(
    qtbot, coordinator, new_association, make_tab, answers, message_boxes
) -> None:
    from casedesk.services.house import get_house, update_house

    house = get_house(coordinator)
    house.enrollment_validity_months = 1
    update_house(coordinator, house)
    association = new_association(coordinator, "Comitato Rinnovo")
    today = coordinator.today()
    for entry in get_checklist(coordinator, association).entries:
        record_document(
            coordinator,
            association,
            entry.requirement.id,
            DocumentStatus.DELIVERED,
            today - timedelta(days=50),
        )
    first = enroll(coordinator, association, today=today - timedelta(days=40))

    tab = make_tab(coordinator)
    tab.show_association(association)
    assert tab.enroll_button.text() == "R&innova iscrizione…"
    assert tab.enroll_button.isEnabled()
    assert "da rinnovare" in tab.info_label.text()
    assert first.number_text in tab.gate_label.text()

    with (
        qtbot.waitSignal(tab.history.receipt_worker.succeeded),
        qtbot.waitSignal(tab.enroll_worker.succeeded),
    ):
        qtbot.mouseClick(tab.enroll_button, Qt.MouseButton.LeftButton)
    assert "Rinnovare l'iscrizione di «Comitato Rinnovo»" in answers.asked[-1]
    history = enrollment_history(coordinator, association)
    assert len(history) == 2 and history[0].number_text != first.number_text
    # Renewed today: nothing to renew until it runs out again.
    assert tab.enroll_button.text() == "R&innova iscrizione…"
    assert not tab.enroll_button.isEnabled()
    assert "da rinnovare" not in tab.info_label.text()
    assert message_boxes == []


def test_a_first_enrollment_keeps_the_iscrivi_button(operator, comitato, make_tab) -> None:
    tab = make_tab(operator)
    tab.show_association(comitato)
    assert tab.enroll_button.text() == "&Iscrivi…"
