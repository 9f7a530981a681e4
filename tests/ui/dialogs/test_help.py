"""Aiuto › Guida (F1): the Italian guide and the shortcuts, read from the menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from casedesk.ui.app import start_main_window
from casedesk.ui.dialogs.help import GUIDE, HelpDialog, shortcuts_from_menus

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def window(coordinator, qtbot):
    window = start_main_window(coordinator)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_f1_opens_the_guide(window, qtbot, monkeypatch) -> None:
    opened: list[HelpDialog] = []
    monkeypatch.setattr(HelpDialog, "exec", lambda self: opened.append(self) or 0)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    [dialog] = opened
    text = dialog.browser.toPlainText()
    for title, _steps in GUIDE:
        assert title in text
    for what in ("Cambia operatore", "Importa associazioni", "Iscrivi"):
        assert what in text


def test_the_shortcuts_are_the_menus_own(window) -> None:
    rows = shortcuts_from_menus(window.menuBar())
    keys = {text: shortcut for _menu, text, shortcut in rows}
    native = QKeySequence.SequenceFormat.NativeText
    assert keys["Blocca"] == window.lock_action.shortcut().toString(native)
    assert keys["Esci"] == "Ctrl+Q"
    assert keys["Nuova associazione"] == "Ctrl+N"
    assert keys["Calendario sale"] == "Ctrl+3"
    # Every menu action with a shortcut is listed, and only those.
    with_keys = [a for a in window.findChildren(type(window.lock_action)) if a.shortcuts()]
    in_menus = [a for a in with_keys if a.associatedObjects()]
    assert len(rows) == len(in_menus)


def test_a_changed_shortcut_shows_in_the_guide(window) -> None:
    window.lock_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
    dialog = HelpDialog(shortcuts_from_menus(window.menuBar()), window)
    assert "Ctrl+Shift+B" in dialog.browser.toPlainText()
    dialog.deleteLater()
