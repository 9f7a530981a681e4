"""«Informazioni su CaseDesk»."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

import casedesk
from casedesk.ui.dialogs.about import AboutDialog

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_shows_version_house_and_database(operator, qtbot, unnamed_widgets) -> None:
    dialog = AboutDialog(operator)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "about_text").text()
    assert casedesk.__version__ in text
    assert "Casa di prova" in text
    assert str(operator.db.url.database) in text
    assert str(operator.settings.log_file) in text
    assert unnamed_widgets(dialog) == []


def test_esc_closes(operator, qtbot) -> None:
    dialog = AboutDialog(operator)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, "\x1b")
