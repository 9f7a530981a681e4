"""Editing the opening hours: one line per weekday, checked as the desk types."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from casedesk.domain.calendar_time import WEEKDAYS_IT
from casedesk.domain.opening_hours import (
    DEFAULT_OPENING_HOURS,
    OpeningHours,
    OpeningHoursError,
    format_day,
    parse_day,
)
from casedesk.ui.widgets.forms import FieldErrors, named


class OpeningHoursEditor(QWidget):
    """Seven text fields (Lunedì … Domenica) such as «9:00-13:00, 14:00-18:00» or «chiuso».

    Each field is checked with `parse_day` when the desk leaves it; the problem appears
    in red under the field. `hours()` returns the parsed hours, or None after showing
    the errors when something is wrong.
    """

    def __init__(self, hours: OpeningHours | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opening_hours_editor")
        self.errors = FieldErrors(prefix="hours_")
        self._edits: list[QLineEdit] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        example = self.tr("es. 9:00-13:00, 14:00-18:00 oppure «chiuso»")
        hint = QLabel(
            self.tr(
                "Per ogni giorno uno o più intervalli separati da virgola, "
                "per esempio «9:00-13:00, 14:00-18:00»; «chiuso» se la Casa è chiusa."
            )
        )
        hint.setObjectName("hours_hint")
        hint.setWordWrap(True)
        grid.addWidget(hint, 0, 0, 1, 2)
        for day, day_name in enumerate(WEEKDAYS_IT):
            edit = named(
                QLineEdit(),
                f"hours_{day}",
                self.tr("Orario di apertura: {day}").format(day=day_name),
            )
            edit.setPlaceholderText(example)
            edit.setToolTip(
                self.tr(
                    "Uno o più intervalli separati da virgola, per esempio 9:00-13:00, "
                    "14:00-18:00. Scrivi «chiuso» se la Casa è chiusa."
                )
            )
            edit.editingFinished.connect(lambda day=day: self._check(day))
            edit.textEdited.connect(lambda _text, day=day: self._clear_if_valid(day))
            label = QLabel(day_name)
            label.setBuddy(edit)
            grid.addWidget(label, 2 * day + 1, 0)
            grid.addWidget(edit, 2 * day + 1, 1)
            grid.addWidget(self.errors.register(str(day), edit), 2 * day + 2, 1)
            self._edits.append(edit)
        self.set_hours(DEFAULT_OPENING_HOURS if hours is None else hours)

    def edit(self, day: int) -> QLineEdit:
        return self._edits[day]

    def set_hours(self, hours: OpeningHours) -> None:
        for day, edit in enumerate(self._edits):
            edit.setText(format_day(hours.get(day, [])))
        self.errors.clear()

    def _problem(self, day: int) -> str | None:
        try:
            parse_day(self._edits[day].text())
        except OpeningHoursError as exc:
            return str(exc)
        return None

    def _check(self, day: int) -> bool:
        problem = self._problem(day)
        self.errors.set(str(day), problem)
        return problem is None

    def _clear_if_valid(self, day: int) -> None:
        if self.errors.message(str(day)) and self._problem(day) is None:
            self.errors.set(str(day), None)

    def hours(self) -> OpeningHours | None:
        """The hours typed, or None (errors shown, first wrong field focused)."""
        valid = [self._check(day) for day in range(7)]
        if not all(valid):
            self._edits[valid.index(False)].setFocus()
            return None
        return {day: parse_day(edit.text()) for day, edit in enumerate(self._edits)}
