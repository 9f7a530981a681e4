"""`File › Stampa catalogo delle associazioni…`: the directory for citizens as a PDF.

The desk chooses where to save it (suggested: «catalogo-associazioni-AAAA-MM-GG.pdf»);
the PDF is written and then opened in the preview, to print.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from casedesk.services.context import ServiceContext
from casedesk.services.directory import write_directory
from casedesk.services.errors import ServiceError
from casedesk.ui import settings
from casedesk.ui.errors import show_service_error


def _tr(text: str) -> str:
    return QCoreApplication.translate("directory", text)


def suggested_name(ctx: ServiceContext) -> str:
    return f"catalogo-associazioni-{ctx.today():%Y-%m-%d}.pdf"


def print_directory(ctx: ServiceContext, parent: QWidget | None) -> QWidget | None:
    """Ask where, write the directory, open it in the preview; the preview, or None."""
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
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = write_directory(ctx, path)
        data = path.read_bytes()
    except ServiceError as exc:
        QApplication.restoreOverrideCursor()
        show_service_error(parent, exc)
        return None
    except OSError as exc:
        QApplication.restoreOverrideCursor()
        show_service_error(
            parent,
            ServiceError(
                _tr(
                    "Il catalogo è stato scritto in «{path}» ma non si riesce a rileggerlo: {error}"
                ).format(path=path, error=exc.strerror or exc)
            ),
        )
        return None
    QApplication.restoreOverrideCursor()
    settings.DIRECTORY_FOLDER.remember(path)
    # Imported here: QtPdf is loaded only when a PDF is shown.
    from casedesk.ui.widgets.pdf_preview import show_pdf

    if count == 1:
        what = _tr("1 associazione iscritta")
    else:
        what = _tr("{n} associazioni iscritte").format(n=count)
    title = _tr("Catalogo delle associazioni ({what}) — {path}").format(what=what, path=path)
    return show_pdf(parent, data, title, path.name)
