"""The form's pages alone: what they load is what they read back; what they cannot
read is a problem; loading is not an edit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from casedesk.domain.associations import AssociationDraft, BoardMemberDraft, ContactPersonDraft
from casedesk.domain.enums import BoardRole, LegalForm, RuntsSection
from casedesk.ui.associations.board_page import BoardPage
from casedesk.ui.associations.contacts_page import ContactsPage
from casedesk.ui.associations.description_page import DescriptionPage
from casedesk.ui.associations.fields import Reading
from casedesk.ui.associations.identity_page import IdentityPage
from casedesk.ui.associations.widgets import FieldMessages

DRAFT = AssociationDraft(
    name="L'Arca ODV",
    legal_form=LegalForm.ETS_RUNTS,
    tax_code="91234560150",
    runts_section=RuntsSection.A,
    runts_number="12345",
    address="Via Dolci 1",
    email="info@arca.example.org",
    phone="+39 02 1234 5678",
    sectors=["sociale", "Teatro dei burattini"],
    seeking_volunteers=True,
    description="Per gli anziani del quartiere",
    notes="Chiedere lo statuto",
    legal_representative="Anna Verdi",
    board_members=[BoardMemberDraft("Anna Verdi", BoardRole.PRESIDENTE, date(2026, 1, 15), id=4)],
    contact_persons=[
        ContactPersonDraft("Chiara", email="c@arca.example.org", id=8),
        ContactPersonDraft("Dario", meets_citizens=False, id=9),
    ],
)


def test_the_pages_read_back_what_they_load(qtbot) -> None:
    messages = FieldMessages(lambda _id: None)
    pages = [
        IdentityPage(messages, sectors=["anziani"]),
        DescriptionPage(messages),
        BoardPage(messages),
        ContactsPage(messages),
    ]
    edits: list[str] = []
    for page in pages:
        qtbot.addWidget(page)
        page.edited.connect(edits.append)
        page.load(DRAFT)
    assert edits == []  # loading is not an edit
    reading = Reading()
    for page in pages:
        reading = page.read(reading)
    assert reading.draft == DRAFT
    assert reading.legal_form is LegalForm.ETS_RUNTS
    assert reading.problems == ()
    assert reading.table_rows == {"board_members": [0], "contact_persons": [0, 1]}


def test_a_new_association_must_choose_its_legal_form(qtbot) -> None:
    page = IdentityPage(FieldMessages(lambda _id: None), choose_legal_form=True)
    qtbot.addWidget(page)
    assert page.legal_form() is None
    assert not page.runts_section_combo.isEnabled()
    assert [p.field for p in page.read(Reading()).problems] == ["legal_form"]
    edits: list[str] = []
    page.edited.connect(edits.append)
    page.legal_form_combo.setCurrentIndex(page.legal_form_combo.findData("ets_runts"))
    assert edits == ["legal_form"]
    assert page.runts_section_combo.isEnabled() and page.runts_number_edit.isEnabled()


def test_another_sector_is_added_checked_once(qtbot) -> None:
    page = IdentityPage(FieldMessages(lambda _id: None))
    qtbot.addWidget(page)
    qtbot.keyClicks(page.new_sector_edit, "Teatro")
    qtbot.keyClick(page.new_sector_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(page.new_sector_edit, "TEATRO")
    page.add_sector()
    assert page.checked_sectors() == ["Teatro"]
    assert len(page.sectors_list.findItems("teatro", Qt.MatchFlag.MatchFixedString)) == 1


def test_focus_name_puts_the_cursor_after_the_name(qtbot) -> None:
    page = IdentityPage(FieldMessages(lambda _id: None))
    qtbot.addWidget(page)
    page.load(DRAFT)
    page.name_edit.selectAll()
    page.focus_name()
    assert not page.name_edit.hasSelectedText()
    assert page.name_edit.cursorPosition() == len(DRAFT.name)


def test_a_board_date_that_is_not_a_date_is_a_problem_of_its_row(qtbot) -> None:
    page = BoardPage(FieldMessages(lambda _id: None))
    qtbot.addWidget(page)
    page.load(DRAFT)
    page.board_editor.add_row()  # a blank row in between is skipped
    page.board_editor.add_row()
    page.board_editor.table.item(2, 0).setText("Bruno")
    page.board_editor.table.item(2, 2).setText("31/02/2026")
    reading = page.read(Reading())
    assert [m.name for m in reading.draft.board_members] == ["Anna Verdi", "Bruno"]
    assert [p.field for p in reading.problems] == ["board_members[1].since"]
    assert reading.table_rows["board_members"] == [0, 2]


def test_the_contacts_read_in_the_order_the_desk_put_them(qtbot) -> None:
    page = ContactsPage(FieldMessages(lambda _id: None))
    qtbot.addWidget(page)
    page.load(DRAFT)
    page.contacts_editor.table.selectRow(1)
    page.contacts_editor.up_button.click()
    contacts = page.read(Reading()).draft.contact_persons
    assert [(c.id, c.name) for c in contacts] == [(9, "Dario"), (8, "Chiara")]
