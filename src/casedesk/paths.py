"""Every place on disk the program uses, decided here and nowhere else.

`CASEDESK_DATA_DIR` moves the whole data folder (tests and portable installs use it);
otherwise it is the per-user application data folder of the platform.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy.engine import URL

APP_NAME = "CaseDesk"
APP_AUTHOR = "ComuneDiMilano"
DB_FILENAME = "casedesk.sqlite3"


def data_dir() -> Path:
    override = os.environ.get("CASEDESK_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, APP_AUTHOR)
    return path


def default_db_url() -> str:
    # URL.create, not an f-string: a folder name may hold "%", "#" or "?".
    return URL.create("sqlite", database=str(data_dir() / DB_FILENAME)).render_as_string()


def log_dir() -> Path:
    return data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / "casedesk.log"


def backup_dir() -> Path:
    return data_dir() / "backups"


def documents_dir() -> Path:
    return data_dir() / "documents"


def receipts_dir() -> Path:
    return data_dir() / "receipts"


def resources_dir() -> Path:
    """`resources/` beside the source tree, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
