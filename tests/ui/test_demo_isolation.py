"""`casedesk --demo` writes nothing outside its temporary folder: not the database,
documents, receipts, log or the desk's settings (clerk item 10)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from casedesk.cli import main
from casedesk.ui import settings
from casedesk.ui.dialogs.sign_in import SignInDialog
from casedesk.ui.main_window import MainWindow


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_demo_writes_only_inside_its_folder(db_url, tmp_path, monkeypatch) -> None:
    pytest.importorskip("casedesk.services.demo")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    seen: dict[str, object] = {}

    def sign_in(dialog: SignInDialog) -> int:
        # The hint lists "user / password — name (role)": sign in as its first line.
        hint = dialog.findChild(QLabel, "hint_label").text()
        first = next(line for line in hint.splitlines() if " / " in line and " — " in line)
        username, password = first.split(" — ")[0].split(" / ")
        dialog.username_edit.setText(username.strip())
        dialog.password_edit.setText(password.strip())
        dialog.sign_in_button.click()
        return dialog.result()

    def run_and_close(_app: QApplication) -> int:
        [folder] = list(temp.iterdir())
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                widget.tabs.setCurrentIndex(1)  # the documents tab reads the demo's papers
                widget.close()  # writes the window's settings
                seen["log"] = widget.ctx.settings.log_file
        seen["settings"] = Path(settings.store().fileName())
        seen["files"] = files_under(folder)
        seen["folder"] = folder
        return 0

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    monkeypatch.setattr(QApplication, "exec", run_and_close)
    assert main(["--demo"]) == 0  # the command line's path, as `casedesk --demo` runs it

    folder = seen["folder"]
    assert isinstance(folder, Path)
    # While it ran, the settings and the log were inside the demo's folder…
    assert seen["settings"].is_relative_to(folder)
    assert seen["settings"] in seen["files"]
    assert Path(str(seen["log"])).is_relative_to(folder)
    assert Path(str(seen["log"])) in seen["files"]
    # … and nothing was written anywhere else the program may write, nor left behind.
    home = tmp_path / "home"
    assert files_under(home) == []
    assert files_under(tmp_path / "data") == []  # CASEDESK_DATA_DIR
    assert files_under(tmp_path / "settings") == []  # where the tests' settings go otherwise
    assert list(temp.iterdir()) == []  # the demo's folder is removed at the end
