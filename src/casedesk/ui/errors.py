"""Errors on screen: the last-resort exception hook and the message for a service error.

`install_exception_hook` writes every unexpected exception to a rotating log file
and tells the desk, in Italian, that the program keeps working. Widgets show the
errors services raise on purpose with `show_service_error`.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QStyle, QWidget

from casedesk.ui import palette
from casedesk.ui.icons import icon as program_icon

log = logging.getLogger("casedesk")

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


# The program's own picture for each kind of message box, in the palette's colours.
_ICONS = {
    QMessageBox.Icon.Critical: ("error", palette.ERROR),
    QMessageBox.Icon.Warning: ("warning", palette.WARNING),
    QMessageBox.Icon.Information: ("information", palette.INFO),
    QMessageBox.Icon.Question: ("question", palette.INFO),
}


def use_program_icon(box: QMessageBox, kind: QMessageBox.Icon) -> None:
    """Show the program's icon for `kind` instead of the platform's (often missing) one.

    `box.icon()` still says `kind` (screen readers announce it, tests read it): the
    picture is set on the box's icon label rather than through setIconPixmap, which
    would turn the kind into NoIcon.
    """
    box.setIcon(kind)
    found = _ICONS.get(kind)
    if found is None:
        return
    purpose, color = found
    size = box.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, box)
    pixmap = program_icon(purpose, color=color).pixmap(size, size)
    label = box.findChild(QLabel, "qt_msgboxex_icon_label")
    if label is not None:
        label.setPixmap(pixmap)
    else:  # another Qt version's layout: lose the kind rather than the picture
        box.setIconPixmap(pixmap)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    text: str,
    title: str = "CaseDesk",
    details: str | None = None,
) -> QMessageBox:
    """A message box with an Italian OK button, not yet shown."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("message_box")
    use_program_icon(box, icon)
    ok = box.button(QMessageBox.StandardButton.Ok)
    ok.setText(_tr("OK"))
    ok.setObjectName("message_box_ok")
    ok.setAccessibleName(_tr("OK"))
    if details:
        box.setDetailedText(details)
    return box


def show_service_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the desk why an action was not done (`str(exc)` is already Italian)."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        str(exc) or _tr("L'operazione non è riuscita."),
        title=_tr("Operazione non eseguita"),
    )
    box.exec()


def show_information(parent: QWidget | None, text: str, title: str = "CaseDesk") -> None:
    message_box(parent, QMessageBox.Icon.Information, text, title=title).exec()


def add_log_file(log_file: Path) -> logging.Handler | None:
    """Send the program's log to `log_file` (1 MB, 5 old copies); None if impossible."""
    root = logging.getLogger()
    for handler in root.handlers:
        if (
            isinstance(handler, logging.handlers.RotatingFileHandler)
            and Path(handler.baseFilename) == log_file.resolve()
        ):
            return handler
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        print(f"CaseDesk: impossibile scrivere il registro in {log_file}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


class ExceptionHook:
    """The `sys.excepthook` of the GUI: log, tell the desk once, keep running."""

    def __init__(self, log_file: Path) -> None:
        self.log_file = log_file
        self.handler: logging.Handler | None = None
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._showing = False
        self._previous_level = logging.NOTSET

    def install(self) -> ExceptionHook:
        self._previous_level = logging.getLogger().level
        self.handler = add_log_file(self.log_file)
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook
        if self.handler is not None:
            root = logging.getLogger()
            root.removeHandler(self.handler)
            root.setLevel(self._previous_level)
            self.handler.close()
            self.handler = None

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self(args.exc_type, args.exc_value, args.exc_traceback)

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous(exc_type, exc, tb)
            return
        with contextlib.suppress(Exception):  # the log must never stop the program
            log.critical("Errore imprevisto", exc_info=(exc_type, exc, tb))
        app = QApplication.instance()
        on_gui_thread = (
            isinstance(app, QApplication) and threading.current_thread() is threading.main_thread()
        )
        if self.handler is None or not on_gui_thread:
            # Nobody to show a window to (or no log to point at): say it on stderr too.
            traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        if not on_gui_thread or self._showing:
            return
        self._showing = True
        try:
            self._show(exc_type, exc, tb)
        finally:
            self._showing = False

    def _show(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if self.handler is not None:
            where = _tr("I dettagli sono stati scritti in {path}.").format(path=self.log_file)
        else:
            where = _tr("Non è stato possibile scrivere i dettagli nel registro.")
        text = " ".join(
            [
                _tr("Si è verificato un errore imprevisto."),
                where,
                _tr("Il programma continua a funzionare; le modifiche già salvate non sono perse."),
            ]
        )
        box = message_box(
            QApplication.activeWindow(),
            QMessageBox.Icon.Critical,
            text,
            title=_tr("Errore imprevisto"),
            details="".join(traceback.format_exception(exc_type, exc, tb)),
        )
        box.exec()


def install_exception_hook(log_file: Path) -> ExceptionHook:
    """Install the GUI's exception hook; `uninstall()` on the result puts the old one back."""
    return ExceptionHook(log_file).install()
