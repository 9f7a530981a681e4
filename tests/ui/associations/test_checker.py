"""The form's checker: a pause after edits, the register asked only when needed,
problems shown only on touched fields, row problems named by table row."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casedesk.domain.associations import (
    AssociationDraft,
    BoardMemberDraft,
    ContactPersonDraft,
    Validation,
)
from casedesk.domain.enums import LegalForm
from casedesk.domain.validation import FieldError
from casedesk.ui.associations import checker as checker_module
from casedesk.ui.associations.checker import FormChecker, Problems, fold_rows
from casedesk.ui.associations.fields import Reading

FIELDS = ["name", "legal_form", "tax_code", "email", "board_members", "contact_persons"]


class Form:
    """What the checker reads: a reading the test changes, and what was emitted."""

    def __init__(self) -> None:
        self.reading = Reading(
            AssociationDraft(name="Amici del Parco", legal_form=LegalForm.GRUPPO_INFORMALE),
            LegalForm.GRUPPO_INFORMALE,
        )
        self.emitted: list[Problems] = []

    def read(self) -> Reading:
        return self.reading


@pytest.fixture
def register_calls(monkeypatch) -> list[AssociationDraft]:
    calls: list[AssociationDraft] = []

    def fake_check(ctx, draft, exclude):
        calls.append(draft)
        if draft.tax_code == "80012345678":
            return Validation([FieldError("tax_code", "già di «Altra»", 5)])
        return Validation()

    monkeypatch.setattr(checker_module, "check_association", fake_check)
    return calls


@pytest.fixture
def form(qtbot, register_calls) -> tuple[Form, FormChecker]:
    form = Form()
    checker = FormChecker(None, form.read, FIELDS)  # type: ignore[arg-type]
    checker.checked.connect(form.emitted.append)
    return form, checker


def test_an_edit_waits_for_the_pause_then_shows_only_touched_fields(qtbot, form) -> None:
    f, checker = form
    f.reading = replace(f.reading, draft=replace(f.reading.draft, name="", email="no"))
    checker.edited("email")
    assert checker.timer.isActive() and f.emitted == []
    with qtbot.waitSignal(checker.checked, timeout=2000) as signal:
        pass
    problems = signal.args[0]
    assert [e.field for e in problems.shown_errors()] == ["email"]
    assert problems.blocking == ["name", "email"]  # every error blocks, in form order


def test_leaving_a_field_checks_at_once(qtbot, form) -> None:
    f, checker = form
    checker.finished("name")
    assert f.emitted == []  # nothing edited: nothing to check
    checker.edited("name")
    checker.finished("name")
    assert not checker.timer.isActive() and len(f.emitted) == 1


def test_the_register_is_asked_only_when_name_tax_code_or_legal_form_change(
    qtbot, form, register_calls
) -> None:
    f, checker = form
    checker.validate_now()
    f.reading = replace(f.reading, draft=replace(f.reading.draft, email="a@b.it"))
    checker.validate_now()
    assert len(register_calls) == 1
    f.reading = replace(f.reading, draft=replace(f.reading.draft, tax_code="80012345678"))
    validation = checker.validate_now()
    assert len(register_calls) == 2
    assert [(e.field, e.ref_id) for e in validation.errors if e.ref_id] == [("tax_code", 5)]
    checker.forget_register()
    checker.validate_now()
    assert len(register_calls) == 3


def test_touch_all_and_take_errors_show_every_field(qtbot, form) -> None:
    f, checker = form
    f.reading = replace(f.reading, draft=replace(f.reading.draft, name=""))
    checker.validate_now()
    assert checker.problems.shown_errors() == []
    checker.touch_all()
    assert [e.field for e in f.emitted[-1].shown_errors()] == ["name"]
    checker.set_touched([])
    checker.take_errors([FieldError("email", "Email già usata")])
    assert [e.message for e in checker.problems.shown_errors()] == ["Email già usata"]


def test_row_problems_are_named_by_the_row_the_desk_sees(qtbot, form) -> None:
    f, checker = form
    draft = replace(
        f.reading.draft,
        board_members=[BoardMemberDraft("Anna")],
        contact_persons=[ContactPersonDraft("Bruno", email="senza-chiocciola")],
    )
    # The contact is on the table's third row (two blank rows above it).
    f.reading = replace(f.reading, draft=draft, table_rows={"contact_persons": [2]})
    checker.edited("contact_persons")
    checker.validate_now()
    problems = checker.problems
    shown = problems.shown_errors()
    assert [e.field for e in shown] == ["contact_persons"]
    assert shown[0].message.startswith("Riga 3: ")
    assert list(problems.shown_cells("contact_persons")) == [(2, "email")]
    assert problems.shown_cells("board_members") == {}


def test_fold_rows_keeps_plain_fields_and_counts_unknown_rows_from_one() -> None:
    found = [FieldError("name", "manca"), FieldError("board_members[1].since", "data?")]
    folded, cells = fold_rows(found, {})
    assert [(e.field, e.message) for e in folded] == [
        ("name", "manca"),
        ("board_members", "Riga 2: data?"),
    ]
    assert cells["board_members"] == {(1, "since"): "data?"}
