"""Starting the desktop program: database, first-run set-up or sign-in, main window.

`run_gui` is what `casedesk` runs; `start_main_window` is the last step alone, for
tests and benchmarks that already have a signed-in context. A `Desk` holds the
running session: File › Cambia operatore… and Blocca (Ctrl+L) go back to the sign-in
dialog and build a fresh main window for whoever signs in next, without closing the
program (nor, in --demo, wiping its data).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from casedesk import paths
from casedesk.db.errors import DatabaseError
from casedesk.domain.enums import Role
from casedesk.domain.signin import SignInThrottle
from casedesk.services.context import ServiceContext, Settings
from casedesk.services.errors import ServiceError
from casedesk.services.setup import needs_setup
from casedesk.ui import settings as desk_settings
from casedesk.ui.dialogs.setup_wizard import SetupWizard
from casedesk.ui.dialogs.sign_in import SignInDialog
from casedesk.ui.errors import ExceptionHook, install_exception_hook, message_box
from casedesk.ui.icons import icon
from casedesk.ui.main_window import MainWindow
from casedesk.ui.settings import APPLICATION, ORGANIZATION

DEMO_ASSOCIATIONS = 40
_TRANSLATOR_PROPERTY = "casedesk_translator_installed"


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def ensure_application() -> QApplication:
    """The QApplication, created if needed, with CaseDesk's names, locale and style."""
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("A non-widget Qt application is already running.")
    app = existing or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    italian = QLocale(QLocale.Language.Italian, QLocale.Country.Italy)
    QLocale.setDefault(italian)
    if not app.property(_TRANSLATOR_PROPERTY):
        # Qt's own texts (standard buttons, context menus of text fields) in Italian.
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(italian, "qtbase", "_", folder):
            app.installTranslator(translator)
        app.setProperty(_TRANSLATOR_PROPERTY, True)
        app.setStyle("Fusion")
        app.setWindowIcon(icon("app"))
    return app


def start_main_window(ctx: ServiceContext) -> MainWindow:
    """Build and show the main window for a signed-in context."""
    ensure_application()
    window = MainWindow(ctx)
    window.show_restored()
    return window


@dataclass
class Startup:
    """An open database, and what the sign-in dialog should suggest."""

    ctx: ServiceContext
    username: str = ""
    hint: str = ""
    cleanup: Callable[[], None] = field(default=lambda: None)


def open_startup(db_url: str | None) -> Startup:
    """Open (creating or upgrading) the configured database; raises DatabaseError."""
    # Imported here: Alembic is only needed to open a database, not for the window.
    from casedesk.db.migrate import open_database

    url = db_url or os.environ.get("CASEDESK_DB") or paths.default_db_url()
    settings = Settings.from_environment()
    db = open_database(url, backup_dir=settings.backup_dir)
    return Startup(ServiceContext(db=db, settings=settings), cleanup=db.dispose)


def demo_folder() -> Path:
    """A new temporary folder for a demo; everything the demo writes goes inside it:
    database, documents, receipts, backups, log and the desk's settings."""
    folder = Path(tempfile.mkdtemp(prefix="casedesk-demo-"))
    desk_settings.use_folder(folder / "settings")
    return folder


def open_demo(folder: Path | None = None) -> Startup:
    """A throw-away SQLite database filled with demo data; deleted when the program ends."""
    from casedesk.db.migrate import open_database
    from casedesk.services.demo import fill_demo

    folder = folder or demo_folder()
    settings = Settings(
        data_dir=folder,
        backup_dir=folder / "backups",
        documents_dir=folder / "documents",
        receipts_dir=folder / "receipts",
        log_file=folder / "logs" / "casedesk.log",
    )
    db = open_database(f"sqlite:///{folder / 'demo.sqlite3'}", backup_dir=settings.backup_dir)

    def cleanup() -> None:
        db.dispose()
        shutil.rmtree(folder, ignore_errors=True)

    ctx = ServiceContext(db=db, settings=settings)
    try:
        credentials = fill_demo(ctx, associations=DEMO_ASSOCIATIONS)
    except BaseException:
        cleanup()
        raise
    lines = [f"{c.username} / {c.password} — {c.full_name} ({c.role.label})" for c in credentials]
    print(_tr("Database dimostrativo: {path}").format(path=folder / "demo.sqlite3"))
    print(_tr("Accessi di prova:"))
    for line in lines:
        print(f"  {line}")
    sys.stdout.flush()
    coordinator = next((c for c in credentials if c.role is Role.COORDINATORE), None)
    hint = "\n".join(
        [
            _tr("Dati dimostrativi: verranno cancellati alla chiusura del programma."),
            _tr("Accessi di prova (nome utente / password):"),
            *lines,
        ]
    )
    return Startup(ctx, coordinator.username if coordinator else "", hint, cleanup)


def sign_in_or_set_up(startup: Startup, throttle: SignInThrottle) -> ServiceContext | None:
    """The first-run wizard or the sign-in dialog; None when the desk cancels."""
    ctx = startup.ctx
    if needs_setup(ctx):
        wizard = SetupWizard(ctx)
        accepted = wizard.exec() == QDialog.DialogCode.Accepted and wizard.operator is not None
        operator = wizard.operator
        wizard.deleteLater()
        if accepted and operator is not None:
            return ctx.signed_in(operator)
        if needs_setup(ctx):
            return None
        # Another desk finished the set-up meanwhile: sign in as usual.
    return sign_in(startup, throttle, startup.username)


def sign_in(startup: Startup, throttle: SignInThrottle, username: str) -> ServiceContext | None:
    """The sign-in dialog; the signed-in context, or None when the desk cancels."""
    ctx = startup.ctx
    dialog = SignInDialog(ctx, throttle, username=username, hint=startup.hint)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    operator = dialog.operator
    dialog.deleteLater()
    return ctx.signed_in(operator) if accepted and operator is not None else None


class Desk(QObject):
    """The running program's session: one main window at a time, for the signed-in operator."""

    def __init__(self, startup: Startup, throttle: SignInThrottle) -> None:
        super().__init__()
        self.startup = startup
        self.throttle = throttle
        self.window: MainWindow | None = None

    def open(self, ctx: ServiceContext) -> MainWindow:
        window = start_main_window(ctx)
        window.sign_out_requested.connect(self.switch_operator)
        self.window = window
        return window

    def switch_operator(self, lock: bool) -> MainWindow | None:
        """The window agreed to go: sign in again; a new window, or the program ends."""
        old = self.window
        if old is None:
            return None
        # The operator who locked is suggested; switching starts from an empty name.
        username = old.operator.username if lock else ""
        app = QApplication.instance()
        quit_on_close = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # the sign-in dialog comes in between
        old.hide()
        try:
            ctx = sign_in(self.startup, self.throttle, username)
            self.window = None
            old.deleteLater()
            if ctx is None:
                if isinstance(app, QApplication):
                    app.quit()
                return None
            return self.open(ctx)
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quit_on_close)


def run_gui(db_url: str | None, demo: bool = False) -> int:
    """Run the desktop program until the main window closes; returns the exit code."""
    app = ensure_application()
    folder = demo_folder() if demo else None
    log_file = folder / "logs" / "casedesk.log" if folder else paths.log_file()
    hook: ExceptionHook = install_exception_hook(log_file)
    startup: Startup | None = None
    try:
        try:
            startup = open_demo(folder) if folder else open_startup(db_url)
        except (DatabaseError, ServiceError) as exc:
            message_box(
                None,
                QMessageBox.Icon.Critical,
                str(exc),
                title=_tr("CaseDesk — Database non utilizzabile"),
            ).exec()
            return 1
        throttle = SignInThrottle()
        try:
            ctx = sign_in_or_set_up(startup, throttle)
        except Exception as unexpected:
            hook(type(unexpected), unexpected, unexpected.__traceback__)
            return 1
        if ctx is None:
            return 0
        desk = Desk(startup, throttle)
        desk.open(ctx)
        code = app.exec()
        del desk
        return code
    finally:
        if startup is not None:
            startup.cleanup()
        elif folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        hook.uninstall()
