"""The start-up benchmark's child process.

    python -m bench.probe app DBPATH USERNAME PASSWORD   # CaseDesk's main window
    python -m bench.probe bare                            # a bare PySide6 window

It builds and shows its window, lets the event loop process the show, waits (for
`app`) until the Associazioni tab's table has rows, then writes one line
`shown {json}` on stdout and exits. The parent's clock runs from just before it
starts the process to the moment it reads that line; the JSON holds the child's
own phase times (seconds since the child's Python code started) for diagnosis.

With BENCH_PROFILE=FILE in the environment the child runs under cProfile and
dumps its statistics there (for `python -m pstats FILE`); not used when timing.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

# How long `app` waits for the Associazioni tab to fill before reporting anyway.
FILL_TIMEOUT_S = 60.0
SEARCH_BOX = "associationsSearch"
TABLE = "associations_table"


def _since_start() -> float:
    return time.perf_counter() - _STARTED


def _report(phases: dict[str, Any]) -> None:
    phases["shown"] = _since_start()
    sys.stdout.write("shown " + json.dumps(phases) + "\n")
    sys.stdout.flush()


def table_rows(window: Any) -> int | None:
    """Rows in the Associazioni tab's table; None when the tab has no search box yet."""
    from PySide6.QtWidgets import QLineEdit, QTableView

    box = window.findChild(QLineEdit, SEARCH_BOX)
    if box is None:
        return None
    # Found by name: the main window reaches its tabs through the tab contract only.
    table = window.findChild(QTableView, TABLE)
    model = table.model() if table is not None else None
    return model.rowCount() if model is not None else 0


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTabWidget

    phases: dict[str, Any] = {"imported": _since_start()}
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for title in ("Associazioni", "Documenti", "Calendario sale", "Appuntamenti"):
        tabs.addTab(QTableView(), title)
    window.setCentralWidget(tabs)
    window.resize(1100, 720)  # what MainWindow takes on a 1920×1080 screen
    window.show()
    phases["window"] = _since_start()
    QTimer.singleShot(0, lambda: (_report(phases), app.quit()))
    app.exec()


def app(database: str, username: str, password: str) -> None:
    from PySide6.QtCore import QTimer

    from bench.data import sqlite_url
    from casedesk.db.migrate import open_database
    from casedesk.domain.signin import SignInThrottle
    from casedesk.services.auth import sign_in
    from casedesk.services.context import ServiceContext, Settings
    from casedesk.ui.app import ensure_application, start_main_window

    phases: dict[str, Any] = {"imported": _since_start()}
    qt_app = ensure_application()
    phases["application"] = _since_start()
    settings = Settings.from_environment()
    db = open_database(sqlite_url(Path(database)), backup_dir=settings.backup_dir)
    ctx = ServiceContext(db=db, settings=settings)
    phases["database"] = _since_start()
    operator = sign_in(ctx, SignInThrottle(), username, password)
    phases["signed_in"] = _since_start()
    window = start_main_window(ctx.signed_in(operator))
    phases["window"] = _since_start()

    def check() -> None:
        rows = table_rows(window)
        if rows == 0 and _since_start() < FILL_TIMEOUT_S:
            QTimer.singleShot(1, check)  # filled asynchronously: look again
            return
        phases["rows"] = rows
        _report(phases)
        qt_app.quit()

    QTimer.singleShot(0, check)
    qt_app.exec()
    db.dispose()


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"]:
        bare()
    elif argv[:1] == ["app"] and len(argv) == 4:
        app(*argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    import os

    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profiler = cProfile.Profile()
        code = profiler.runcall(main, sys.argv[1:])
        profiler.dump_stats(os.environ["BENCH_PROFILE"])
        sys.exit(code)
    sys.exit(main(sys.argv[1:]))
