"""The house form the set-up wizard and «Dati della Casa» share."""

from __future__ import annotations

from datetime import time

from casedesk.domain.house import HouseDetails
from casedesk.ui.widgets.house_form import HouseForm


def test_load_then_read_gives_the_same_details(qtbot) -> None:
    form = HouseForm()
    qtbot.addWidget(form)
    details = HouseDetails(
        name="Casa Municipio 3",
        address="Via Padova 1",
        phone="02 111",
        email="casa3@example.org",
        opening_hours={day: [(time(9), time(12))] if day < 5 else [] for day in range(7)},
        logo_path="/non/esiste.png",
    )
    form.load(details)
    assert form.read() == details


def test_read_shows_the_problems_and_gives_none(qtbot) -> None:
    form = HouseForm(with_logo=False)
    qtbot.addWidget(form)
    form.show()
    form.email_edit.setText("posta@")
    form.hours_editor.edit(2).setText("tutto il giorno")
    assert form.read() is None
    assert form.errors.message("name") == "Nome della Casa: campo obbligatorio."
    assert form.errors.message("email") == "«posta@» non è un indirizzo email valido."
    assert form.hours_editor.errors.message("2")
    assert form.logo is None


def test_load_clears_the_errors_shown(qtbot) -> None:
    form = HouseForm()
    qtbot.addWidget(form)
    form.show()
    assert form.read() is None
    form.load(HouseDetails(name="Casa"))
    assert not form.errors.has_errors()
    assert form.read() is not None
