"""Signing in: wrong passwords, the pause after five, success, forced password change."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from casedesk.domain.signin import LOCKOUT_SECONDS, SignInThrottle
from casedesk.services.operators import reset_password
from casedesk.ui.dialogs.change_password import ChangePasswordDialog
from casedesk.ui.dialogs.sign_in import SignInDialog

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def throttle(clock: FakeClock) -> SignInThrottle:
    return SignInThrottle(clock=clock)


@pytest.fixture
def dialog(ctx, coordinator, throttle, qtbot):
    # `ctx`: the same database after set-up, nobody signed in yet.
    dialog = SignInDialog(ctx, throttle)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _try(dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    dialog.sign_in_button.click()


def test_wrong_password_shows_the_message_and_clears_the_field(dialog, qtbot) -> None:
    _try(dialog, "anna", "sbagliata")
    assert dialog.message_label.isVisible()
    assert dialog.message_label.text() == "Nome utente o password non corretti."
    assert dialog.password_edit.text() == ""
    qtbot.waitUntil(dialog.password_edit.hasFocus)
    assert dialog.isVisible()
    assert dialog.operator is None


def test_unknown_user_gets_the_same_message(dialog) -> None:
    _try(dialog, "nessuno", "qualcosa1")
    assert dialog.message_label.text() == "Nome utente o password non corretti."


def test_empty_username_is_asked_for(dialog) -> None:
    _try(dialog, "  ", "qualcosa1")
    assert dialog.message_label.text() == "Scrivi il tuo nome utente."


def test_after_five_wrong_tries_the_button_waits_with_a_countdown(
    dialog, clock: FakeClock, qtbot
) -> None:
    for _ in range(5):
        _try(dialog, "anna", "sbagliata")
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.countdown_label.isVisible()
    assert dialog.countdown_label.text() == (
        f"Troppi tentativi non riusciti. Puoi riprovare tra {int(LOCKOUT_SECONDS)} secondi."
    )
    assert not dialog.message_label.isVisible()

    # Enter does nothing while waiting.
    dialog.password_edit.setText("coordinatrice1")
    dialog._try_sign_in()
    assert dialog.result() != QDialog.DialogCode.Accepted

    clock.now += 10
    qtbot.waitUntil(lambda: "tra 20 secondi" in dialog.countdown_label.text(), timeout=3000)
    clock.now += 19
    qtbot.waitUntil(lambda: "tra 1 secondo." in dialog.countdown_label.text(), timeout=3000)
    clock.now += 1
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=3000)
    assert not dialog.countdown_label.isVisible()

    with qtbot.waitSignal(dialog.accepted):
        _try(dialog, "anna", "coordinatrice1")
    assert dialog.operator is not None


def test_a_locked_throttle_is_honoured_when_the_dialog_opens(
    ctx, coordinator, clock, qtbot
) -> None:
    throttle = SignInThrottle(clock=clock)
    for _ in range(throttle.max_failures):
        throttle.record_failure()
    dialog = SignInDialog(ctx, throttle)
    qtbot.addWidget(dialog)
    assert not dialog.sign_in_button.isEnabled()
    assert "Puoi riprovare tra 30 secondi" in dialog.countdown_label.text()


def test_successful_sign_in(dialog, qtbot) -> None:
    with qtbot.waitSignal(dialog.accepted):
        _try(dialog, " Anna ", "coordinatrice1")
    assert dialog.operator is not None
    assert dialog.operator.full_name == "Anna Rossi"
    assert dialog.operator.is_coordinator


def test_enter_in_the_password_field_signs_in(dialog, qtbot) -> None:
    dialog.username_edit.setText("anna")
    dialog.password_edit.setText("coordinatrice1")
    dialog.password_edit.setFocus()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_edit, "\r")


def test_esc_leaves(dialog, qtbot) -> None:
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, "\x1b")
    assert dialog.operator is None


def test_forced_password_change_before_entering(
    ctx, coordinator, operator, throttle, qtbot, monkeypatch
):
    bruno = operator.operator
    reset_password(coordinator, bruno.id, "temporanea1")
    seen = {}

    def fake_exec(change: ChangePasswordDialog) -> int:
        seen["prefilled"] = change.current_edit.text()
        change.new_edit.setText("nuovapassword1")
        change.repeat_edit.setText("nuovapassword1")
        change.ok_button.click()
        return change.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", fake_exec)
    dialog = SignInDialog(ctx, throttle)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted):
        _try(dialog, "bruno", "temporanea1")
    assert seen["prefilled"] == "temporanea1"
    assert dialog.operator is not None
    assert not dialog.operator.must_change_password


def test_refusing_the_password_change_keeps_the_dialog_open(
    ctx, coordinator, operator, throttle, qtbot, monkeypatch
):
    reset_password(coordinator, operator.operator.id, "temporanea1")
    monkeypatch.setattr(
        ChangePasswordDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected.value)
    )
    dialog = SignInDialog(ctx, throttle)
    qtbot.addWidget(dialog)
    _try(dialog, "bruno", "temporanea1")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.operator is None
    assert dialog.message_label.text() == "Per entrare devi prima scegliere una nuova password."


def test_demo_hint_and_prefilled_username(
    ctx, coordinator, throttle, qtbot, unnamed_widgets
) -> None:
    dialog = SignInDialog(ctx, throttle, username="anna", hint="anna / prova — demo")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.username_edit.text() == "anna"
    qtbot.waitUntil(dialog.password_edit.hasFocus)
    hint = dialog.findChild(QLabel, "hint_label")
    assert hint is not None and hint.text() == "anna / prova — demo"
    assert "Casa di prova" in dialog.findChild(QLabel, "title_label").text()
    assert unnamed_widgets(dialog) == []
