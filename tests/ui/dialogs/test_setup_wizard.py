"""First run: the wizard creates the house and the first coordinator."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from casedesk.domain.enums import Role
from casedesk.services.house import get_house
from casedesk.services.setup import needs_setup
from casedesk.ui.dialogs.setup_wizard import SetupWizard

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def wizard(ctx, qtbot):
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _fill_house(wizard: SetupWizard, name: str = "Casa delle associazioni Municipio 8") -> None:
    page = wizard.house_page
    page.name_edit.setText(name)
    page.address_edit.setText("Via Quarenghi 21, Milano")
    page.phone_edit.setText("02 1234567")
    page.email_edit.setText("casa8@example.org")


def _fill_coordinator(wizard: SetupWizard, repeat: str = "coordinatrice1") -> None:
    page = wizard.coordinator_page
    page.full_name_edit.setText("Anna Rossi")
    page.username_edit.setText("Anna")
    page.password_edit.setText("coordinatrice1")
    page.repeat_edit.setText(repeat)


def test_welcome_page_says_where_the_data_go(wizard, ctx) -> None:
    assert wizard.currentPage() is wizard.welcome_page
    text = wizard.welcome_page.findChild(QLabel, "welcome_text")
    assert str(ctx.db.url.database) in text.text()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Avanti >"


def test_empty_house_name_shows_the_error_beside_the_field(wizard, qtbot) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.house_page
    wizard.next()
    assert wizard.currentPage() is wizard.house_page  # not allowed on
    label = wizard.house_page.errors.label("name")
    assert label.isVisible()
    assert label.text() == "Nome della Casa: campo obbligatorio."
    assert label.parentWidget() is wizard.house_page.name_edit.parentWidget()
    qtbot.waitUntil(wizard.house_page.name_edit.hasFocus)


def test_wrong_opening_hours_stop_the_wizard_beside_the_day(wizard) -> None:
    wizard.next()
    _fill_house(wizard)
    wizard.house_page.hours_editor.edit(4).setText("9:00-25:00")
    wizard.next()
    assert wizard.currentPage() is wizard.house_page
    assert wizard.house_page.hours_editor.errors.message("4") == (
        "«9:00-25:00» contiene un'ora inesistente."
    )


def test_bad_email_is_shown_beside_the_email(wizard) -> None:
    wizard.next()
    _fill_house(wizard)
    wizard.house_page.email_edit.setText("non-una-mail")
    wizard.next()
    assert wizard.house_page.errors.message("email") == (
        "«non-una-mail» non è un indirizzo email valido."
    )


def test_password_mismatch_is_shown_beside_the_repeat(wizard, ctx) -> None:
    wizard.next()
    _fill_house(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.coordinator_page
    _fill_coordinator(wizard, repeat="altra-password")
    wizard.next()  # validates the last page without finishing
    assert wizard.coordinator_page.errors.message("password_repeat") == (
        "Le due password non coincidono."
    )
    assert wizard.operator is None
    assert needs_setup(ctx)


def test_wizard_completes_the_set_up(wizard, ctx, qtbot) -> None:
    wizard.next()
    _fill_house(wizard)
    wizard.house_page.hours_editor.edit(5).setText("9:00-12:30")
    wizard.next()
    _fill_coordinator(wizard)
    with qtbot.waitSignal(wizard.accepted):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    operator = wizard.operator
    assert operator is not None
    assert operator.username == "anna"
    assert operator.role is Role.COORDINATORE
    assert not needs_setup(ctx)
    house = get_house(ctx)
    assert house.name == "Casa delle associazioni Municipio 8"
    assert house.email == "casa8@example.org"
    assert house.opening_hours[5] == [(time(9, 0), time(12, 30))]


def test_set_up_finished_elsewhere_closes_the_wizard(wizard, ctx, message_boxes) -> None:
    from casedesk.domain.house import HouseDetails
    from casedesk.domain.operators import NewOperator
    from casedesk.services.setup import complete_setup

    wizard.next()
    _fill_house(wizard)
    wizard.next()
    _fill_coordinator(wizard)
    complete_setup(ctx, HouseDetails(name="Altra"), NewOperator("Carla", "carla", "password99"))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert wizard.operator is None
    [box] = message_boxes
    assert "già stata completata" in box.text


def test_every_control_is_named(wizard, unnamed_widgets) -> None:
    for _ in range(3):
        assert unnamed_widgets(wizard) == []
        _fill_house(wizard)
        wizard.next()
