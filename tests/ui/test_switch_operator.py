"""File › Cambia operatore… and Blocca (Ctrl+L): back to the sign-in dialog without
closing the program; unsaved work asks first; the next operator gets a fresh window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from casedesk.domain.signin import SignInThrottle
from casedesk.ui.app import Desk, Startup
from casedesk.ui.dialogs.sign_in import SignInDialog
from casedesk.ui.documents.tab import DocumentsTab
from casedesk.ui.main_window import MainWindow
from support import OPERATOR_PASSWORD

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class SignIns:
    """Answers the sign-in dialog: `who` (username, password) or None to cancel."""

    def __init__(self) -> None:
        self.who: tuple[str, str] | None = ("bruno", OPERATOR_PASSWORD)
        self.suggested: list[str] = []


@pytest.fixture
def sign_ins(monkeypatch) -> SignIns:
    record = SignIns()

    def answer(dialog: SignInDialog) -> int:
        record.suggested.append(dialog.username_edit.text())
        if record.who is None:
            return int(QDialog.DialogCode.Rejected.value)
        dialog.username_edit.setText(record.who[0])
        dialog.password_edit.setText(record.who[1])
        dialog.sign_in_button.click()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", answer)
    return record


@pytest.fixture
def desk(coordinator, operator, ctx, qtbot) -> Iterator[Desk]:
    desk = Desk(Startup(ctx), SignInThrottle())
    window = desk.open(coordinator)
    qtbot.waitExposed(window)
    yield desk
    # The desk deletes the windows it replaces; close the last one here.
    if desk.window is not None and shiboken6.isValid(desk.window):
        desk.window.close()
        desk.window.deleteLater()


def test_lock_signs_in_again_into_a_fresh_window(desk, sign_ins, qtbot) -> None:
    first = desk.window
    assert first is not None and first.operator.username == "anna"
    first.tabs.tab("associations").search_box.setText("comitato")
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    qtbot.keyClick(first, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    second = desk.window
    assert isinstance(second, MainWindow) and second is not first
    assert not first.isVisible() and second.isVisible()
    assert second.operator.username == "bruno"
    assert second.operator_label.text() == "Operatore: Bruno Bianchi (operatore)"
    assert second.tabs.tab("associations").search_box.text() == ""
    assert sign_ins.suggested == ["anna"]  # the lock suggests who locked
    assert QApplication.quitOnLastWindowClosed()


def test_switching_suggests_no_name(desk, sign_ins, qtbot) -> None:
    desk.window.switch_action.trigger()
    assert sign_ins.suggested == [""]
    assert desk.window.operator.username == "bruno"


def test_unsaved_work_keeps_the_operator(desk, sign_ins, monkeypatch) -> None:
    first = desk.window
    first.tabs.setCurrentIndex(1)
    monkeypatch.setattr(DocumentsTab, "can_leave", lambda tab: False)
    assert first.request_sign_out(lock=True) is False
    assert desk.window is first and first.isVisible()
    assert sign_ins.suggested == []


def test_cancelling_the_sign_in_ends_the_program(desk, sign_ins, monkeypatch) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    sign_ins.who = None
    first = desk.window
    first.lock_action.trigger()
    assert quits == [True]
    assert desk.window is None and not first.isVisible()
