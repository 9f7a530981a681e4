"""Fixtures for the «Documenti» tab: SQLite only, and no modal window ever left open.

Questions are answered through `answers` (yes, a reason, a choice), message boxes
are recorded by `message_boxes`, the printer dialog "prints" to a PDF file
(`printed`), and previews are opened with show(), never exec().
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from casedesk.domain.associations import AssociationDraft
from casedesk.domain.demo_data import entity_tax_code
from casedesk.domain.enums import LegalForm, Role
from casedesk.services.associations import create_association
from casedesk.services.context import ServiceContext
from casedesk.ui.documents.tab import DocumentsTab
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.pdf_preview import PdfPreviewDialog


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only here (overrides the sqlite/pg parametrized fixture of tests/conftest.py)."""
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@dataclass
class Answers:
    """What the desk was asked, and the next replies."""

    asked: list[str] = field(default_factory=list)
    replies: list[bool] = field(default_factory=list)  # ask(): yes when none is queued
    reason: str | None = "Documenti consegnati a mano al coordinatore"
    choices: list[str] = field(default_factory=list)  # choose(): the escape key when none


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    record = Answers()

    def fake_ask(parent, text, yes, no, title="CaseDesk", icon_kind=None) -> bool:
        record.asked.append(text)
        return record.replies.pop(0) if record.replies else True

    def fake_reason(parent, title, prompt, ok_text) -> str | None:
        record.asked.append(prompt)
        return record.reason

    def fake_choose(parent, text, choices, escape, default=None, title="CaseDesk") -> str:
        record.asked.append(text)
        return record.choices.pop(0) if record.choices else escape

    monkeypatch.setattr(questions, "ask", fake_ask)
    monkeypatch.setattr(questions, "ask_reason", fake_reason)
    monkeypatch.setattr(questions, "choose", fake_choose)
    yield record


@dataclass
class Printed:
    """Where the fake printer dialog sent each print job; `accept` False cancels."""

    files: list[Path] = field(default_factory=list)
    accept: bool = True


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Printed:
    record = Printed()

    def fake_exec(dialog: QPrintDialog) -> int:
        if not record.accept:
            return int(QDialog.DialogCode.Rejected.value)
        printer = dialog.printer()
        target = tmp_path / f"printed-{len(record.files) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        record.files.append(target)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    return record


@pytest.fixture(autouse=True)
def _never_modal(answers, message_boxes, printed) -> Iterator[None]:
    """No test here may leave a question, a message box or a printer dialog waiting;
    previews left open are closed afterwards."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PdfPreviewDialog):
            widget.close()


_serial = iter(range(1, 10_000))


def _new_association(ctx: ServiceContext, name: str, form: LegalForm = LegalForm.COMITATO) -> int:
    tax_code = (
        "" if form is LegalForm.GRUPPO_INFORMALE else entity_tax_code(9_700_000 + next(_serial))
    )
    return create_association(ctx, AssociationDraft(name, form, tax_code=tax_code)).id


@pytest.fixture
def new_association() -> Callable[..., int]:
    """`new_association(ctx, name, form=COMITATO)`: a new association in `bozza`, its id."""
    return _new_association


@pytest.fixture
def make_tab(qtbot) -> Callable[[ServiceContext], DocumentsTab]:
    def make(ctx: ServiceContext) -> DocumentsTab:
        tab = DocumentsTab(ctx)
        qtbot.addWidget(tab)
        tab.resize(1200, 760)
        # Shown, the tab reads the register for its list off the UI thread: wait for it.
        with qtbot.waitSignal(tab.list_worker.finished):
            tab.show()
        qtbot.waitExposed(tab)
        return tab

    return make


@pytest.fixture
def demo(ctx: ServiceContext) -> ServiceContext:
    """The demo house (40 associations in every state), signed in as its coordinator."""
    from casedesk.domain.signin import SignInThrottle
    from casedesk.services.auth import sign_in
    from casedesk.services.demo import fill_demo

    credentials = fill_demo(ctx, associations=40)
    chief = next(c for c in credentials if c.role is Role.COORDINATORE)
    return ctx.signed_in(sign_in(ctx, SignInThrottle(), chief.username, chief.password))
