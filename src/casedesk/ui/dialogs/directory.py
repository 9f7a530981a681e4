"""`File › Stampa catalogo delle associazioni…`: the directory for citizens as a PDF.

The desk chooses where to save it (suggested: «catalogo-associazioni-AAAA-MM-GG.pdf»);
the PDF is written off the UI thread and then opened in the preview, to print.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from casedesk.services.context import ServiceContext
from casedesk.services.directory import write_directory
from casedesk.services.errors import ServiceError
from casedesk.ui import settings
from casedesk.ui.widgets.worker import Worker


def _tr(text: str) -> str:
    return QCoreApplication.translate("directory", text)


def suggested_name(ctx: ServiceContext) -> str:
    return f"catalogo-associazioni-{ctx.today():%Y-%m-%d}.pdf"


def _write(ctx: ServiceContext, path: Path) -> tuple[Path, int, bytes]:
    """In the worker's thread: write the PDF and read it back for the preview."""
    count = write_directory(ctx, path)
    try:
        return path, count, path.read_bytes()
    except OSError as exc:
        raise ServiceError(
            _tr(
                "Il catalogo è stato scritto in «{path}» ma non si riesce a rileggerlo: {error}"
            ).format(path=path, error=exc.strerror or exc)
        ) from exc


# Without a parent window the worker belongs to this module (one catalogue at a time).
_detached_worker: Worker | None = None


def _worker(parent: QWidget | None) -> Worker:
    global _detached_worker
    if parent is None:
        if _detached_worker is None:
            _detached_worker = Worker(None)
            _detached_worker.succeeded.connect(lambda result: _show(None, *result))
        return _detached_worker
    worker = parent.findChild(Worker, "directory_worker")
    if worker is None:
        worker = Worker(parent)
        worker.setObjectName("directory_worker")
        worker.succeeded.connect(lambda result: _show(parent, *result))
    return worker


def print_directory(
    ctx: ServiceContext, parent: QWidget | None, trigger: QWidget | QAction | None = None
) -> Worker | None:
    """Ask where, then write the directory off the UI thread and open it in the preview.

    Returns the worker writing it (its `succeeded` comes after the preview is shown),
    or None when the desk cancelled or a catalogue is already being written.
    `trigger` (the menu action) is disabled meanwhile.
    """
    worker = _worker(parent)
    if worker.is_busy():
        QApplication.beep()
        return None
    folder = settings.DIRECTORY_FOLDER.folder()
    path_text, _chosen = QFileDialog.getSaveFileName(
        parent,
        _tr("Salva il catalogo delle associazioni"),
        str(Path(folder) / suggested_name(ctx)),
        _tr("Documenti PDF (*.pdf)"),
    )
    if not path_text:
        return None
    path = Path(path_text)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(f"{path.name}.pdf")
    worker.triggers = [trigger] if trigger is not None else []
    if not worker.start(lambda: _write(ctx, path)):
        return None
    return worker


def _show(parent: QWidget | None, path: Path, count: int, data: bytes) -> QWidget | None:
    settings.DIRECTORY_FOLDER.remember(path)
    # Imported here: QtPdf is loaded only when a PDF is shown.
    from casedesk.ui.widgets.pdf_preview import show_pdf

    if count == 1:
        what = _tr("1 associazione iscritta")
    else:
        what = _tr("{n} associazioni iscritte").format(n=count)
    title = _tr("Catalogo delle associazioni ({what}) — {path}").format(what=what, path=path)
    return show_pdf(parent, data, title, path.name)
