"""Strumenti › Documenti richiesti…: the catalogue, adding, changing, (de)activating."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from casedesk.domain.enums import LegalForm
from casedesk.services.catalogue import list_requirements
from casedesk.ui.dialogs.requirements import (
    RequirementDialog,
    RequirementsDialog,
    RequirementsModel,
)
from casedesk.ui.widgets import questions


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    record: list[str] = []

    def fake_ask(parent, text, yes, no, title="CaseDesk", icon_kind=None) -> bool:
        record.append(text)
        return True

    monkeypatch.setattr(questions, "ask", fake_ask)
    return record


@pytest.fixture
def dialog(coordinator, qtbot) -> RequirementsDialog:
    dialog = RequirementsDialog(coordinator)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cells(dialog: RequirementsDialog, row: int) -> list[str]:
    return [dialog.model.index(row, c).data() for c in range(dialog.model.columnCount())]


def test_lists_the_seeded_catalogue(dialog, coordinator) -> None:
    seeded = list_requirements(coordinator)
    assert dialog.model.rowCount() == len(seeded) >= 6
    titles = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert titles == [q.title for q in seeded]
    board = next(r for r, q in enumerate(seeded) if q.validity_months == 12)
    assert cells(dialog, board)[RequirementsModel.VALIDITY] == "12 mesi"
    assert cells(dialog, board)[RequirementsModel.ACTIVE] == "Sì"


def test_models_pass_the_model_tester(qtmodeltester, coordinator) -> None:
    model = RequirementsModel()
    qtmodeltester.check(model)
    model.set_rows(list_requirements(coordinator))
    qtmodeltester.check(model)


def test_add_a_requirement(qtbot, dialog, coordinator) -> None:
    changed: list[None] = []
    dialog.changed.connect(lambda: changed.append(None))
    editor = dialog.add()
    assert isinstance(editor, RequirementDialog) and editor.isVisible()
    assert editor.mandatory_check.isChecked()

    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)  # nothing filled in
    assert editor.isVisible()
    assert editor.errors.message("title") == "Titolo del documento: campo obbligatorio."
    assert "almeno una forma giuridica" in editor.errors.message("legal_forms")

    qtbot.keyClicks(editor.title_edit, "Verbale dell'ultima assemblea")
    editor.form_checks[LegalForm.COMITATO].setChecked(True)
    editor.form_checks[LegalForm.ETS_RUNTS].setChecked(True)
    editor.mandatory_check.setChecked(False)
    editor.validity_spin.setValue(24)
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()

    added = next(q for q in list_requirements(coordinator) if q.title.startswith("Verbale"))
    assert added.legal_forms == {LegalForm.COMITATO, LegalForm.ETS_RUNTS}
    assert not added.mandatory and added.validity_months == 24 and added.active
    assert changed == [None]
    row = dialog.model.row_of(added.id)
    assert dialog.selected() == added
    assert cells(dialog, row)[1:] == ["Comitato, ETS (RUNTS)", "No", "24 mesi", "Sì"]


def test_change_a_requirement(qtbot, dialog, coordinator) -> None:
    dialog.table.selectRow(0)
    first = dialog.selected()
    editor = dialog.edit_selected()
    assert editor.title_edit.text() == first.title
    assert {f for f, c in editor.form_checks.items() if c.isChecked()} == first.legal_forms
    editor.validity_spin.setValue(0)  # «nessuna scadenza»
    assert editor.validity_spin.text() == "nessuna scadenza"
    editor.title_edit.setText(first.title + " aggiornato")
    assert editor.save()
    changed = next(q for q in list_requirements(coordinator) if q.id == first.id)
    assert changed.title == first.title + " aggiornato" and changed.validity_months is None
    assert cells(dialog, dialog.model.row_of(first.id))[RequirementsModel.VALIDITY] == (
        "Nessuna scadenza"
    )


def test_deactivate_and_reactivate(qtbot, dialog, coordinator, asked) -> None:
    dialog.table.selectRow(1)
    target = dialog.selected()
    assert dialog.toggle_button.text() == "&Disattiva"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert "non sarà più richiesto" in asked[-1]
    assert not next(q for q in list_requirements(coordinator) if q.id == target.id).active
    row = dialog.model.row_of(target.id)
    assert cells(dialog, row)[RequirementsModel.ACTIVE] == "No"
    assert dialog.toggle_button.text() == "&Riattiva"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert next(q for q in list_requirements(coordinator) if q.id == target.id).active
    assert len(asked) == 1  # reactivating asks nothing


def test_enter_opens_the_editor_and_escape_closes(qtbot, dialog) -> None:
    dialog.table.selectRow(0)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.editor is not None and dialog.editor.isVisible()
    dialog.editor.reject()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_every_control_is_named(dialog, qtbot, unnamed_widgets) -> None:
    assert unnamed_widgets(dialog) == []
    editor = dialog.add()
    qtbot.waitExposed(editor)
    assert unnamed_widgets(editor) == []
    editor.reject()
