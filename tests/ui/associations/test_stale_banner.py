"""The stale banner: what changed on both sides, and the desk's typing applied again."""

from __future__ import annotations

from dataclasses import replace

from casedesk.domain.associations import AssociationDraft, ContactPersonDraft
from casedesk.domain.enums import LegalForm
from casedesk.ui.associations.stale_banner import StaleBanner

LOADED = AssociationDraft(
    name="Amici del Parco",
    legal_form=LegalForm.COMITATO,
    phone="",
    email="info@parco.example.org",
    contact_persons=[ContactPersonDraft("Anna", id=1)],
)


def make(qtbot) -> StaleBanner:
    banner = StaleBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.hide()  # hidden until it has something to say
    return banner


def test_the_banner_names_both_sides_and_compares_plain_fields(qtbot) -> None:
    banner = make(qtbot)
    mine = replace(LOADED, phone="02 1111 2222", email="mia@parco.example.org")
    current = replace(LOADED, email="altra@parco.example.org", notes="dell'altra")
    banner.keep(LOADED, mine, current, ["Email", "Note"])
    assert banner.isVisible() and banner.has_kept()
    assert banner.kept_fields() == ["email", "phone"]
    text = banner.label.text()
    assert "(Email, Note)" in text
    assert "Modificati da entrambe le postazioni: Email." in text
    assert "mia@parco.example.org" in text and "altra@parco.example.org" in text
    assert banner.reapply_button.isVisibleTo(banner)


def test_reapply_puts_only_the_desks_fields_over_the_saved_data(qtbot) -> None:
    banner = make(qtbot)
    moved = [ContactPersonDraft("Bruno", id=2), ContactPersonDraft("Anna", id=1)]
    mine = replace(LOADED, phone="02 1111 2222", contact_persons=moved)
    current = replace(LOADED, notes="dell'altra")
    banner.keep(LOADED, mine, current, ["Note"])
    with qtbot.waitSignal(banner.reapply) as signal:
        banner.reapply_button.click()
    merged, fields = signal.args
    assert fields == ["phone", "contact_persons"]
    assert merged == replace(current, phone="02 1111 2222", contact_persons=moved)
    assert not banner.has_kept()
    assert not banner.reapply_button.isVisibleTo(banner)
    assert "sono di nuovo nella scheda" in banner.label.text()


def test_nothing_of_the_desks_changed_means_nothing_to_apply(qtbot) -> None:
    banner = make(qtbot)
    banner.keep(LOADED, LOADED, replace(LOADED, notes="x"), ["Note"])
    assert not banner.has_kept()
    assert not banner.reapply_button.isVisibleTo(banner)
    assert "Le tue modifiche" not in banner.label.text()
