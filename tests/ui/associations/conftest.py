"""Fixtures for the Associazioni tab tests: a small register with awkward names.

Every test here runs on SQLite only (the services' own tests cover PostgreSQL), and
no modal window is ever left open: questions are answered through `answers`,
message boxes through `message_boxes`, forms and dialogs are opened with open().
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from stdnum import luhn

from casedesk.domain.associations import AssociationDraft, BoardMemberDraft, ContactPersonDraft
from casedesk.domain.enums import BoardRole, LegalForm, RuntsSection
from casedesk.services.associations import create_association
from casedesk.ui.associations.tab import AssociationsTab
from casedesk.ui.widgets import questions


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only here (overrides the sqlite/pg parametrized fixture of tests/conftest.py)."""
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


def entity_code(first_ten: str) -> str:
    """A valid 11-digit tax code (Milan office) from its first ten digits."""
    return first_ten + luhn.calc_check_digit(first_ten)


def wrong_check_digit(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 1) % 10)


TAX_LIBERTA = entity_code("8012345015")
TAX_ARCA = entity_code("9123456015")
TAX_ISOLA = entity_code("9234567015")
TAX_SOLE = entity_code("9345678015")
TAX_NEW = entity_code("9456789015")


@dataclass
class Register:
    """The associations the fixture created, by a short name, and spare tax codes."""

    ids: dict[str, int] = field(default_factory=dict)
    tax_codes: dict[str, str] = field(default_factory=dict)
    unused_tax_code: str = TAX_NEW
    wrong_tax_code: str = wrong_check_digit(TAX_NEW)


@pytest.fixture
def register(coordinator) -> Register:
    made = Register()
    drafts = {
        "liberta": AssociationDraft(
            name="Associazione Libertà",
            legal_form=LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA,
            tax_code=TAX_LIBERTA,
            sectors=["diritti", "sociale"],
            email="info@liberta.example.org",
            legal_representative="Maria Bianchi",
            notes="Sportello legale il martedì",
            board_members=[BoardMemberDraft("Maria Bianchi", BoardRole.PRESIDENTE)],
            contact_persons=[ContactPersonDraft("Giovanni Verdi", phone="02 1234 5678")],
        ),
        "arca": AssociationDraft(
            name="L'Arca ODV",
            legal_form=LegalForm.ETS_RUNTS,
            tax_code=TAX_ARCA,
            runts_section=RuntsSection.A,
            runts_number="12345",
            sectors=["sociale", "anziani"],
            seeking_volunteers=True,
            contact_persons=[ContactPersonDraft("Chiara Neri", email="chiara@arca.example.org")],
        ),
        "isola": AssociationDraft(
            name="Comitato Quartiere Isola",
            legal_form=LegalForm.COMITATO,
            tax_code=TAX_ISOLA,
            sectors=["ambientale"],
            contact_persons=[ContactPersonDraft("Luca Gialli")],
        ),
        "sole": AssociationDraft(
            name="Gruppo Sole e Libertà",
            legal_form=LegalForm.GRUPPO_INFORMALE,
            sectors=["giovani"],
            seeking_volunteers=True,
        ),
    }
    for key, draft in drafts.items():
        made.ids[key] = create_association(coordinator, draft).id
        made.tax_codes[key] = draft.tax_code
    return made


@dataclass
class Answers:
    """What the desk was asked, and the next replies (yes when none is queued)."""

    asked: list[str] = field(default_factory=list)
    replies: list[bool] = field(default_factory=list)
    reason: str | None = "Sede chiusa per lavori"
    real_ask: Callable[..., bool] | None = None  # the function replaced, to test it alone


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    """`questions.ask` and `questions.ask_reason` answered without a modal window."""
    record = Answers(real_ask=questions.ask)

    def fake_ask(parent, text, yes, no, title="CaseDesk", icon_kind=None) -> bool:
        record.asked.append(text)
        return record.replies.pop(0) if record.replies else True

    def fake_reason(parent, title, prompt, ok_text, min_width=None) -> str | None:
        record.asked.append(prompt)
        return record.reason

    monkeypatch.setattr(questions, "ask", fake_ask)
    monkeypatch.setattr(questions, "ask_reason", fake_reason)
    yield record


@pytest.fixture
def make_tab(coordinator, qtbot) -> Callable[..., AssociationsTab]:
    def make(ctx=None) -> AssociationsTab:
        tab = AssociationsTab(ctx or coordinator)
        qtbot.addWidget(tab)
        tab.resize(1200, 700)
        tab.show()
        qtbot.waitExposed(tab)
        return tab

    return make


@pytest.fixture
def tab(register, make_tab) -> AssociationsTab:
    return make_tab()


@pytest.fixture(autouse=True)
def _never_modal(answers, message_boxes) -> None:
    """No test here may leave a question or a message box waiting for a click."""
