"""The association form: create, edit, checks beside the fields, conflicts, status, delete."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from casedesk.domain.associations import ContactPersonDraft
from casedesk.domain.enums import AssociationStatus, BoardRole, LegalForm, RuntsSection
from casedesk.services.associations import get_association, update_association
from casedesk.services.errors import ServiceError
from casedesk.ui.associations import form as form_module
from casedesk.ui.associations.form import PAGE_CONTACTS, AssociationForm
from casedesk.ui.associations.model import AssociationsTableModel as M
from casedesk.ui.associations.rows_editor import VALUE_ROLE


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def check_sector(form: AssociationForm, name: str) -> None:
    items = form.identity.sectors_list.findItems(name, Qt.MatchFlag.MatchExactly)
    items[0].setCheckState(Qt.CheckState.Checked)


def set_cell(editor, row: int, column: int, text: str) -> None:
    editor.table.item(row, column).setText(text)


@pytest.fixture
def new_form(tab, qtbot) -> AssociationForm:
    form = tab.new_association()
    assert form is not None
    qtbot.waitExposed(form)
    return form


def test_create_an_association_through_the_form(
    qtbot, tab, new_form, coordinator, register
) -> None:
    form = new_form
    assert form.windowTitle() == "Nuova associazione"
    assert not form.save_button.isEnabled()  # nothing typed yet: the blocker says what is missing
    assert "Denominazione" in form.blocker_label.text()
    assert form.message_for("name") == ""  # …without shouting at a blank form

    qtbot.keyClicks(form.name_edit, "Associazione Nuovi Orizzonti")
    choose(form.identity.legal_form_combo, LegalForm.ETS_RUNTS.value)
    assert (
        form.identity.runts_section_combo.isEnabled()
        and form.identity.runts_number_edit.isEnabled()
    )
    choose(form.identity.runts_section_combo, RuntsSection.B.value)
    qtbot.keyClicks(form.identity.runts_number_edit, "4567")
    qtbot.keyClicks(form.tax_code_edit, register.unused_tax_code)
    qtbot.keyClicks(form.identity.address_edit, "Via Dolci 1, 20148 Milano")
    qtbot.keyClicks(form.identity.email_edit, "info@orizzonti.example.org")
    qtbot.keyClicks(form.identity.phone_edit, "02 8765 4321")
    qtbot.keyClicks(form.identity.website_edit, "www.orizzonti.example.org")
    check_sector(form, "culturale")
    qtbot.keyClicks(form.identity.new_sector_edit, "teatro")
    qtbot.keyClick(form.identity.new_sector_edit, Qt.Key.Key_Return)
    form.identity.seeking_volunteers_check.setChecked(True)
    qtbot.keyClicks(
        form.description.description_edit, "Teatro per ragazzi & famiglie <tutti i sabati>"
    )
    qtbot.keyClicks(form.description.notes_edit, "Chiedere lo statuto aggiornato")
    qtbot.keyClicks(form.board.legal_representative_edit, "Anna Verdi")
    form.board.board_editor.add_row()
    set_cell(form.board.board_editor, 0, 0, "Anna Verdi")
    form.board.board_editor.table.item(0, 1).setData(VALUE_ROLE, "presidente")
    set_cell(form.board.board_editor, 0, 2, "15/01/2026")
    form.contacts.contacts_editor.add_row()
    set_cell(form.contacts.contacts_editor, 0, 0, "Paolo Blu")
    set_cell(form.contacts.contacts_editor, 0, 1, "333 123 4567")
    set_cell(form.contacts.contacts_editor, 0, 3, "martedì 17-19")

    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.blocker_label.text() == ""
    # The register is read again off the UI thread: wait for it.
    with qtbot.waitSignal(form.saved) as saved, qtbot.waitSignal(tab.refresh_worker.finished):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    new_id = saved.args[0]

    assert tab.selected_id() == new_id
    row = tab.model.row_of(new_id)
    assert tab.model.index(row, 0).data() == "Associazione Nuovi Orizzonti"
    record = get_association(coordinator, new_id)
    d = record.draft
    assert record.status is AssociationStatus.BOZZA
    assert (d.legal_form, d.runts_section, d.runts_number) == (
        LegalForm.ETS_RUNTS,
        RuntsSection.B,
        "4567",
    )
    assert d.tax_code == register.unused_tax_code
    assert d.phone == "+39 02 8765 4321"
    assert d.sectors == ["culturale", "teatro"]
    assert d.seeking_volunteers
    assert d.description == "Teatro per ragazzi & famiglie <tutti i sabati>"
    assert [(m.name, m.role, m.since.isoformat()) for m in d.board_members] == [
        ("Anna Verdi", BoardRole.PRESIDENTE, "2026-01-15")
    ]
    assert [(c.name, c.phone, c.availability) for c in d.contact_persons] == [
        ("Paolo Blu", "+39 333 123 4567", "martedì 17-19")
    ]


def test_edit_and_save_keeps_the_rows_in_place(qtbot, tab, register, coordinator) -> None:
    before = get_association(coordinator, register.ids["liberta"])
    tab.select_id(register.ids["liberta"])
    form = tab.open_selected()
    assert form.windowTitle() == "Associazione — Associazione Libertà"
    assert "Bozza" in form.status_label.text()
    assert "Registrata il" in form.times_label.text()
    form.identity.email_edit.clear()
    qtbot.keyClicks(form.identity.email_edit, "segreteria@liberta.example.org")
    set_cell(form.contacts.contacts_editor, 0, 3, "lunedì mattina")
    form.contacts.contacts_editor.add_row()
    set_cell(form.contacts.contacts_editor, 1, 0, "Sara Rosa")
    assert form.is_dirty()
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    after = get_association(coordinator, register.ids["liberta"])
    assert after.draft.email == "segreteria@liberta.example.org"
    contacts = after.draft.contact_persons
    assert contacts[0].id == before.draft.contact_persons[0].id  # updated, not replaced
    assert contacts[0].availability == "lunedì mattina"
    assert contacts[1].name == "Sara Rosa"
    assert after.draft.board_members[0].id == before.draft.board_members[0].id
    assert after.draft.sectors == before.draft.sectors


def test_a_wrong_check_digit_shows_beside_the_tax_code_and_blocks_save(
    qtbot, new_form, register
) -> None:
    form = new_form
    qtbot.keyClicks(form.name_edit, "Associazione Prova")
    choose(form.identity.legal_form_combo, LegalForm.COMITATO.value)
    qtbot.keyClicks(form.tax_code_edit, register.wrong_tax_code)
    qtbot.keyClicks(form.identity.email_edit, "non-una-email")
    qtbot.waitUntil(lambda: form.message_for("tax_code") != "")
    assert "cifra di controllo non torna" in form.message_for("tax_code")
    label = form.messages.error_label("tax_code")
    assert label.isVisible()
    assert "non è un indirizzo email valido" in form.message_for("email")
    assert not form.save_button.isEnabled()
    assert form.blocking_fields() == ["Codice fiscale", "Email"]
    assert "Da correggere:" in form.blocker_label.text()
    assert form.pages.tabIcon(0).isNull() is False  # the page with problems is marked

    form.tax_code_edit.clear()
    qtbot.keyClicks(form.tax_code_edit, register.unused_tax_code)
    form.identity.email_edit.clear()
    qtbot.waitUntil(lambda: form.message_for("tax_code") == "")
    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.blocking_fields() == []


def test_ctrl_s_with_problems_shows_them_all(qtbot, new_form) -> None:
    form = new_form
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible()
    assert "campo obbligatorio" in form.message_for("name")
    assert form.message_for("legal_form") == "Scegli la forma giuridica."
    assert form.focusWidget() is form.name_edit


def test_a_blocker_link_leads_to_the_field(qtbot, new_form) -> None:
    form = new_form
    form.pages.setCurrentIndex(3)
    form.blocker_label.linkActivated.emit("name")
    assert form.pages.currentIndex() == 0
    assert form.message_for("name") != ""


def test_duplicate_tax_code_names_the_other_association_and_links_to_it(
    qtbot, tab, new_form, register
) -> None:
    form = new_form
    qtbot.keyClicks(form.name_edit, "Tutt'altro nome")
    arca = register.tax_codes["arca"]
    qtbot.keyClicks(form.tax_code_edit, arca)
    qtbot.waitUntil(lambda: form.message_for("tax_code") != "")
    assert form.message_for("tax_code") == f"Il codice fiscale {arca} è già di «L'Arca ODV»."
    label = form.messages.error_label("tax_code")
    assert "Apri «L&#x27;Arca ODV»" in label.text() or "Apri «L'Arca ODV»" in label.text()
    label.linkActivated.emit(f"association:{register.ids['arca']}")
    assert tab.form is not form and tab.form.record.id == register.ids["arca"]
    assert tab.form.parent() is form  # on top of the form that asked
    tab.form.reject()


def test_a_similar_name_is_a_warning_with_a_link(qtbot, new_form, register) -> None:
    form = new_form
    qtbot.keyClicks(form.name_edit, "Associazione Liberta")
    choose(form.identity.legal_form_combo, LegalForm.GRUPPO_INFORMALE.value)
    qtbot.waitUntil(lambda: form.warning_for("name") != "")
    assert "nome simile: «Associazione Libertà»" in form.warning_for("name")
    assert form.messages.warning_label("name").isVisible()
    assert f"association:{register.ids['liberta']}" in form.messages.warning_label("name").text()
    qtbot.waitUntil(form.save_button.isEnabled)  # a warning does not block


def test_runts_fields_only_for_registered_entities(qtbot, new_form) -> None:
    form = new_form
    choose(form.identity.legal_form_combo, LegalForm.COMITATO.value)
    assert not form.identity.runts_section_combo.isEnabled()
    assert not form.identity.runts_number_edit.isEnabled()
    choose(form.identity.legal_form_combo, LegalForm.ETS_RUNTS.value)
    assert form.identity.runts_section_combo.isEnabled()
    form.validate_now()
    assert {"Sezione RUNTS", "Numero RUNTS"} <= set(form.blocking_fields())


def test_table_rows_with_problems_are_named_by_row(qtbot, tab, register) -> None:
    tab.select_id(register.ids["arca"])
    form = tab.open_selected()
    form.contacts.contacts_editor.add_row()
    set_cell(form.contacts.contacts_editor, 1, 0, "Senza Posta")
    set_cell(form.contacts.contacts_editor, 1, 2, "senza-chiocciola")
    form.validate_now()
    assert form.blocking_fields() == ["Referenti"]
    assert form.message_for("contact_persons").startswith("Riga 2: ")
    assert form.contacts.contacts_editor.table.item(1, 2).toolTip() != ""


def test_a_save_after_another_desk_saved_shows_what_changed_and_loses_nothing(
    qtbot, tab, register, coordinator, answers
) -> None:
    tab.select_id(register.ids["liberta"])
    form = tab.open_selected()
    # Another desk changes the e-mail meanwhile.
    other = get_association(coordinator, register.ids["liberta"])
    update_association(coordinator, other, replace(other.draft, email="altra@liberta.example.org"))
    form.identity.phone_edit.clear()
    qtbot.keyClicks(form.identity.phone_edit, "02 1111 2222")
    form.identity.email_edit.clear()
    qtbot.keyClicks(form.identity.email_edit, "mia@liberta.example.org")
    form.save_button.click()

    assert form.isVisible()
    assert "un'altra postazione ha modificato questa associazione (Email)" in answers.asked[-1]
    # Reloaded: the other desk's data on screen, the desk's own typing kept aside.
    assert form.identity.email_edit.text() == "altra@liberta.example.org"
    assert form.identity.phone_edit.text() == ""  # as saved: no phone yet
    assert form.stale_banner.isVisible()
    banner = form.stale_banner.label.text()
    assert "Telefono" in banner and "Email" in banner
    assert "mia@liberta.example.org" in banner and "altra@liberta.example.org" in banner
    assert form.is_dirty()  # closing now would lose the kept typing: it asks

    form.stale_banner.reapply_button.click()
    assert form.identity.phone_edit.text() == "02 1111 2222"
    assert form.identity.email_edit.text() == "mia@liberta.example.org"
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    saved = get_association(coordinator, register.ids["liberta"]).draft
    assert saved.phone == "+39 02 1111 2222"
    assert saved.email == "mia@liberta.example.org"


def test_a_conflict_keeps_the_other_desks_other_changes(
    qtbot, tab, register, coordinator, answers
) -> None:
    tab.select_id(register.ids["liberta"])
    form = tab.open_selected()
    other = get_association(coordinator, register.ids["liberta"])
    update_association(coordinator, other, replace(other.draft, notes="Nota dell'altra postazione"))
    qtbot.keyClicks(form.identity.website_edit, "www.liberta.example.org")
    form.save_button.click()
    form.stale_banner.reapply_button.click()
    assert form.description.notes_edit.toPlainText() == "Nota dell'altra postazione"
    assert form.identity.website_edit.text() == "www.liberta.example.org"


def test_choosing_to_keep_editing_after_a_conflict_changes_nothing(
    qtbot, tab, register, coordinator, answers
) -> None:
    tab.select_id(register.ids["isola"])
    form = tab.open_selected()
    other = get_association(coordinator, register.ids["isola"])
    update_association(coordinator, other, replace(other.draft, address="Via Altra 2"))
    qtbot.keyClicks(form.identity.address_edit, "Via Mia 1")
    answers.replies.append(False)
    form.save_button.click()
    assert form.identity.address_edit.text() == "Via Mia 1"
    assert not form.stale_banner.isVisible()


def test_escape_asks_before_losing_changes(qtbot, new_form, answers) -> None:
    form = new_form
    qtbot.keyClicks(form.name_edit, "Qualcosa")
    answers.replies.append(False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible()
    assert answers.asked[-1] == "Chiudere la scheda senza salvare le modifiche?"
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_escape_without_changes_just_closes(qtbot, tab, register, answers) -> None:
    tab.select_id(register.ids["isola"])
    form = tab.open_selected()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert answers.asked == []
    assert form.result() == QDialog.DialogCode.Rejected


def test_status_actions_ask_the_reason_and_show_the_new_status(
    qtbot, tab, register, coordinator, answers
) -> None:
    tab.select_id(register.ids["isola"])
    form = tab.open_selected()
    visible = [a for a, b in form.action_buttons.items() if b.isVisibleTo(form)]
    assert visible == ["cease"]  # a draft can only be ceased by hand
    assert form.action_buttons["cease"].text() == "Segna come cessata…"
    with qtbot.waitSignal(tab.refresh_worker.finished):
        form.action_buttons["cease"].click()
    assert "Perché «Comitato Quartiere Isola»" in answers.asked[-1]
    record = get_association(coordinator, register.ids["isola"])
    assert record.status is AssociationStatus.CESSATA
    assert record.status_reason == "Sede chiusa per lavori"
    assert "Cessata" in form.status_label.text() and "Sede chiusa" in form.status_label.text()
    assert [a for a, b in form.action_buttons.items() if b.isVisibleTo(form)] == ["reopen"]
    row = tab.model.row_of(register.ids["isola"])
    assert tab.model.index(row, 3).data() == "Cessata"  # the register follows

    form.action_buttons["reopen"].click()
    assert get_association(coordinator, register.ids["isola"]).status is AssociationStatus.BOZZA


def test_a_cancelled_reason_changes_nothing(qtbot, tab, register, coordinator, answers) -> None:
    tab.select_id(register.ids["isola"])
    form = tab.open_selected()
    answers.reason = None
    form.action_buttons["cease"].click()
    assert get_association(coordinator, register.ids["isola"]).status is AssociationStatus.BOZZA


def test_delete_is_for_coordinators_and_asks_first(
    qtbot, tab, register, coordinator, answers
) -> None:
    tab.select_id(register.ids["sole"])
    form = tab.open_selected()
    assert form.delete_button.isVisibleTo(form)
    answers.replies.append(False)
    form.delete_button.click()
    assert tab.model.row_of(register.ids["sole"]) is not None
    with qtbot.waitSignal(tab.refresh_worker.finished):
        form.delete_button.click()
    assert tab.model.row_of(register.ids["sole"]) is None
    assert tab.model.total_count() == 3


def test_a_refused_delete_tells_why(
    qtbot, tab, register, monkeypatch, message_boxes, answers
) -> None:
    def refuse(ctx, association_id):
        raise ServiceError("«Gruppo» ha delle prenotazioni registrate e non si può eliminare.")

    monkeypatch.setattr(form_module, "delete_association", refuse)
    tab.select_id(register.ids["sole"])
    form = tab.open_selected()
    form.delete_button.click()
    assert form.isVisible()
    assert "non si può eliminare" in message_boxes[-1].text


def test_operators_cannot_delete(qtbot, register, operator, make_tab) -> None:
    tab = make_tab(operator)
    tab.select_id(register.ids["sole"])
    form = tab.open_selected()
    assert not form.delete_button.isVisibleTo(form)
    form.reject()


def test_every_control_of_the_form_is_named(qtbot, tab, register, unnamed_widgets) -> None:
    tab.select_id(register.ids["liberta"])
    form = tab.open_selected()
    for page in range(form.pages.count()):
        form.pages.setCurrentIndex(page)
        assert unnamed_widgets(form) == [], form.pages.tabText(page)
    form.reject()


def test_enter_opens_the_form_with_the_cursor_after_the_name_and_nothing_selected(
    qtbot, tab, register
) -> None:
    tab.select_id(register.ids["liberta"])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    form = tab.form
    qtbot.waitExposed(form)
    qtbot.waitUntil(form.isActiveWindow)
    name = form.name_edit
    assert form.focusWidget() is name
    assert not name.hasSelectedText()
    assert name.cursorPosition() == len("Associazione Libertà")
    qtbot.keyClicks(name, " APS")  # typing adds to the name, never replaces it
    assert name.text() == "Associazione Libertà APS"
    form.name_edit.setText("Associazione Libertà")
    form.reject()


def test_a_new_form_from_a_search_puts_the_cursor_after_the_name_typed(qtbot, tab) -> None:
    tab.search_box.setText("Nuovi Orizzonti")
    form = tab.new_association()
    qtbot.waitExposed(form)
    assert form.focusWidget() is form.name_edit
    assert not form.name_edit.hasSelectedText()
    assert form.name_edit.cursorPosition() == len("Nuovi Orizzonti")
    form.reject()


def test_moving_a_contact_person_first_makes_it_the_registers(
    qtbot, tab, register, coordinator
) -> None:
    association = register.ids["liberta"]
    record = get_association(coordinator, association)
    people = [*record.draft.contact_persons, ContactPersonDraft("Sara Rosa")]
    update_association(coordinator, record, replace(record.draft, contact_persons=people))
    tab.refresh()
    form = tab.open_association(association)
    qtbot.waitExposed(form)
    form.pages.setCurrentIndex(PAGE_CONTACTS)
    table = form.contacts.contacts_editor.table
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)  # a shortcut works in the active window only
    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert form.is_dirty()
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    saved = get_association(coordinator, association).draft.contact_persons
    assert [c.name for c in saved] == ["Sara Rosa", "Giovanni Verdi"]
    # The register reads again in the background after a save.
    qtbot.waitUntil(
        lambda: tab.model.index(tab.model.row_of(association), M.CONTACT).data() == "Sara Rosa",
        timeout=10_000,
    )
