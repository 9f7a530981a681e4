"""Shared pieces: the reason dialog, the yes/no question, the messages under the fields."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMessageBox

from casedesk.domain.validation import FieldError
from casedesk.ui.associations.widgets import FieldMessages
from casedesk.ui.widgets.questions import ReasonDialog


def test_the_reason_dialog_needs_a_reason(qtbot) -> None:
    dialog = ReasonDialog("Sospendi", "Perché?", "Sospendi", None)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "Sede chiusa")
    assert dialog.ok_button.isEnabled()
    assert dialog.reason().strip() == "Sede chiusa"


def test_the_question_has_italian_buttons_and_no_is_the_safe_default(monkeypatch, answers) -> None:
    seen = {}

    def fake_exec(box: QMessageBox) -> int:
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        box.buttons()[0].click()  # the desk clicks the first button
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert answers.real_ask(None, "Eliminare?", "&Elimina", "Annulla") is True
    assert seen["buttons"] == ["&Elimina", "Annulla"]
    assert seen["default"] == "Annulla"


def test_messages_show_links_to_other_associations_escaped(qtbot) -> None:
    opened: list[int] = []
    messages = FieldMessages(opened.append)
    edit = QLineEdit()
    container = messages.wrap("name", edit)
    qtbot.addWidget(container)
    container.show()
    changed = messages.show(
        [],
        [FieldError("name", "Esiste già un'associazione con un nome simile: «A & <B>».", 7)],
    )
    assert changed
    label = messages.warning_label("name")
    assert "Apri «A &amp; &lt;B&gt;»" in label.text()
    assert messages.warning("name").endswith("«A & <B>».")
    assert edit.accessibleDescription().startswith("Esiste già")
    label.linkActivated.emit("association:7")
    assert opened == [7]
    assert not messages.show([], [FieldError("name", label.plain, 7)])  # nothing new
    assert messages.show([], [])
    assert messages.warning("name") == ""
