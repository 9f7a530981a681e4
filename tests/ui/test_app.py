"""Starting the program: database errors, first run, sign-in, demo, main window."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWizard

from casedesk.ui import app as app_module
from casedesk.ui.app import ensure_application, run_gui, start_main_window
from casedesk.ui.dialogs.setup_wizard import SetupWizard
from casedesk.ui.dialogs.sign_in import SignInDialog
from casedesk.ui.main_window import MainWindow

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def main_windows(monkeypatch, qapp) -> list[MainWindow]:
    """Instead of running the event loop, record the main windows shown and close them."""
    shown: list[MainWindow] = []

    def fake_exec(_app: QApplication) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(widget)
                widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return shown


def test_ensure_application_sets_names_and_italian_locale(qapp) -> None:
    app = ensure_application()
    assert app is qapp
    assert app.organizationName() == "Comune di Milano"
    assert app.applicationName() == "CaseDesk"
    assert QLocale().language() == QLocale.Language.Italian
    assert QLocale().toString(QDate(2026, 11, 28), QLocale.FormatType.ShortFormat) == "28/11/26"
    assert QLocale().dayName(1) == "lunedì"
    assert QLocale().firstDayOfWeek() == Qt.DayOfWeek.Monday


@sqlite_only
def test_unusable_database_is_explained_and_exits_1(
    db_url, tmp_path: Path, message_boxes, main_windows
) -> None:
    folder = tmp_path / "una-cartella"
    folder.mkdir()
    assert run_gui(f"sqlite:///{folder}") == 1
    [box] = message_boxes
    assert box.icon == QMessageBox.Icon.Critical
    assert "è una cartella, non un file di database" in box.text
    assert main_windows == []


@sqlite_only
def test_first_run_cancelled_exits_0(db_url, monkeypatch, main_windows) -> None:
    monkeypatch.setattr(SetupWizard, "exec", lambda self: int(QDialog.DialogCode.Rejected.value))
    before = sys.excepthook
    assert run_gui(db_url) == 0
    assert main_windows == []
    assert sys.excepthook is before  # the hook is removed when the program ends


@sqlite_only
def test_first_run_goes_from_the_wizard_to_the_main_window(
    db_url, monkeypatch, main_windows
) -> None:
    def finish(wizard: SetupWizard) -> int:
        wizard.show()
        wizard.next()
        wizard.house_page.name_edit.setText("Casa nuova")
        wizard.next()
        page = wizard.coordinator_page
        page.full_name_edit.setText("Anna Rossi")
        page.username_edit.setText("anna")
        page.password_edit.setText("coordinatrice1")
        page.repeat_edit.setText("coordinatrice1")
        wizard.button(QWizard.WizardButton.FinishButton).click()
        return wizard.result()

    monkeypatch.setattr(SetupWizard, "exec", finish)
    assert run_gui(db_url) == 0
    [window] = main_windows
    assert window.windowTitle() == "CaseDesk — Casa nuova"
    assert window.operator.username == "anna"


@sqlite_only
def test_sign_in_then_main_window(db_url, coordinator, monkeypatch, main_windows) -> None:
    def sign_in(dialog: SignInDialog) -> int:
        dialog.username_edit.setText("anna")
        dialog.password_edit.setText("coordinatrice1")
        dialog.sign_in_button.click()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    assert run_gui(db_url) == 0
    [window] = main_windows
    assert window.operator_label.text() == "Operatore: Anna Rossi (coordinatore)"


@sqlite_only
def test_sign_in_cancelled_exits_0(db_url, coordinator, monkeypatch, main_windows) -> None:
    monkeypatch.setattr(SignInDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected.value))
    assert run_gui(db_url) == 0
    assert main_windows == []


@sqlite_only
def test_casedesk_db_variable_is_used(db_url, coordinator, monkeypatch, main_windows) -> None:
    seen = []
    monkeypatch.setenv("CASEDESK_DB", db_url)
    monkeypatch.setattr(
        SignInDialog,
        "exec",
        lambda self: seen.append(str(self.ctx.db.url)) or int(QDialog.DialogCode.Rejected.value),
    )
    assert run_gui(None) == 0
    assert seen == [db_url]


@sqlite_only
def test_default_database_is_in_the_data_folder(db_url, monkeypatch, main_windows) -> None:
    from casedesk import paths

    seen = []
    monkeypatch.setattr(
        SetupWizard,
        "exec",
        lambda self: (
            seen.append(str(self.coordinator_page.ctx.db.url))
            or int(QDialog.DialogCode.Rejected.value)
        ),
    )
    assert run_gui(None) == 0
    assert seen == [paths.default_db_url()]


@sqlite_only
def test_unexpected_error_before_the_window_is_reported(
    db_url, monkeypatch, message_boxes, main_windows
) -> None:
    def broken(_ctx) -> bool:
        raise RuntimeError("guasto all'avvio")

    monkeypatch.setattr(app_module, "needs_setup", broken)
    assert run_gui(db_url) == 1
    [box] = message_boxes
    assert box.text.startswith("Si è verificato un errore imprevisto.")


@sqlite_only
def test_start_main_window_shows_it(coordinator, qtbot) -> None:
    window = start_main_window(coordinator)
    qtbot.addWidget(window)
    assert window.isVisible()


@sqlite_only
def test_demo(db_url, monkeypatch, main_windows, capsys) -> None:
    pytest.importorskip("casedesk.services.demo")
    seen = {}

    def look(dialog: SignInDialog) -> int:
        seen["username"] = dialog.username_edit.text()
        seen["hint"] = dialog.findChild(QLabel, "hint_label").text()
        seen["db"] = Path(dialog.ctx.db.url.database)
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(SignInDialog, "exec", look)
    assert run_gui(None, demo=True) == 0
    out = capsys.readouterr().out
    assert seen["username"]
    assert seen["username"] in out
    assert seen["username"] in seen["hint"]
    assert "Database dimostrativo" in out
    assert not seen["db"].exists()  # removed when the program ends
