"""The opening-hours editor checks each weekday with the domain's parser."""

from __future__ import annotations

from datetime import time

from casedesk.domain.opening_hours import DEFAULT_OPENING_HOURS
from casedesk.ui.widgets.opening_hours import OpeningHoursEditor


def test_defaults_are_the_house_defaults(qtbot) -> None:
    editor = OpeningHoursEditor()
    qtbot.addWidget(editor)
    assert editor.edit(0).text() == "09:00-13:00, 14:00-18:00"
    assert editor.edit(6).text() == "chiuso"
    assert editor.hours() == DEFAULT_OPENING_HOURS


def test_a_wrong_day_shows_its_message_beside_it(qtbot) -> None:
    editor = OpeningHoursEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.edit(2).setText("9-")
    assert editor.hours() is None
    label = editor.errors.label("2")
    assert label.isVisible()
    assert label.text() == "«9-» non è un orario come 9:00-13:00."
    assert label.objectName() == "hours_2_error"
    qtbot.waitUntil(editor.edit(2).hasFocus)

    # Typing a valid value clears the message at once.
    editor.edit(2).setText("9:00-13:00")
    editor.edit(2).textEdited.emit("9:00-13:00")
    assert not label.isVisible()
    assert editor.hours()[2] == [(time(9, 0), time(13, 0))]


def test_leaving_a_field_checks_it(qtbot) -> None:
    editor = OpeningHoursEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.edit(0).setText("18:00-9:00")
    editor.edit(0).editingFinished.emit()
    assert editor.errors.message("0") == "In «18:00-9:00» la chiusura precede l'apertura."


def test_closed_days_and_custom_hours(qtbot) -> None:
    editor = OpeningHoursEditor({0: [(time(8, 30), time(12, 0))]})
    qtbot.addWidget(editor)
    assert editor.edit(0).text() == "08:30-12:00"
    assert editor.edit(1).text() == "chiuso"
    editor.edit(1).setText("")
    hours = editor.hours()
    assert hours is not None
    assert hours[1] == []


def test_every_field_is_named(qtbot, unnamed_widgets) -> None:
    editor = OpeningHoursEditor()
    qtbot.addWidget(editor)
    assert unnamed_widgets(editor) == []
    assert editor.edit(6).accessibleName() == "Orario di apertura: Domenica"
