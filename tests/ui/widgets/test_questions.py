"""The shared questions: yes/no, a choice among several, a written reason."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from casedesk.ui.widgets import questions


@pytest.fixture
def press(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Box.exec() presses the button whose objectName is queued ("" = Esc)."""
    queue: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        name = queue.pop(0)
        if name:
            box.findChild(QPushButton, name).click()
        else:
            box.escapeButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return queue


def test_ask(qapp, press) -> None:
    press.append("yes_button")
    assert questions.ask(None, "Iscrivere?", "&Iscrivi", "&Non ora")
    press.append("")
    assert not questions.ask(None, "Iscrivere?", "&Iscrivi", "&Non ora")


def test_choose_gives_the_key_and_esc_gives_the_escape(qapp, press) -> None:
    choices = [("save", "&Registra"), ("discard", "&Non registrare"), ("stay", "&Continua")]
    press.append("discard_button")
    assert questions.choose(None, "?", choices, escape="stay", default="save") == "discard"
    press.append("")
    assert questions.choose(None, "?", choices, escape="stay", default="save") == "stay"


def test_the_reason_dialog_needs_a_reason(qtbot, unnamed_widgets) -> None:
    dialog = questions.ReasonDialog("Annulla la ricevuta", "Perché?", "&Annulla la ricevuta")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "Numero sbagliato")
    assert dialog.ok_button.isEnabled()
    assert dialog.reason().strip() == "Numero sbagliato"
    assert unnamed_widgets(dialog) == []
