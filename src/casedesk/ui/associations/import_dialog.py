"""File › Importa associazioni…: a spreadsheet in, and a clear report of what happened.

All or nothing (see services.association_import): when the file has problems the
report lists each one by row and column, as the spreadsheet numbers them, and
nothing is imported; otherwise it says how many were added, updated or skipped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.association_rows import HEADERS, REQUIRED_HEADERS
from casedesk.services.association_import import (
    ImportProblem,
    ImportReport,
    import_associations,
    write_template,
)
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.ui import palette, settings
from casedesk.ui.associations.model import italian_number
from casedesk.ui.icons import icon
from casedesk.ui.widgets.forms import grow_to_fit, named
from casedesk.ui.widgets.worker import Worker

FILE_FILTER = "Fogli di calcolo (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv);;Tutti i file (*)"


class ImportDialog(QDialog):
    """Choose a file, import it, read the report. `imported(report)` after a success.

    The import runs off the UI thread (`worker`), with a progress bar over the rows;
    meanwhile the controls are disabled and the dialog cannot be closed.
    """

    imported = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ImportReport | None = None
        self._path = ""
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Importa associazioni"))

        intro = QLabel(
            self.tr(
                "Un file Excel (.xlsx) o CSV con una riga di intestazione. Colonne "
                "obbligatorie: {required}; le altre come nel modello. Ogni riga viene "
                "controllata prima di importare: se una sola ha un problema, non si importa "
                "nulla e qui sotto trovi l'elenco di che cosa correggere."
            ).format(required=", ".join(REQUIRED_HEADERS))
        )
        intro.setObjectName("import_intro")
        intro.setWordWrap(True)
        intro.setToolTip(self.tr("Colonne riconosciute: {all}").format(all=", ".join(HEADERS)))

        self.path_edit = named(QLineEdit(), "import_path_edit", self.tr("File da importare"))
        self.path_edit.setPlaceholderText(self.tr("Scegli il file da importare…"))
        self.path_edit.textChanged.connect(self._update_buttons)
        self.browse_button = named(
            QPushButton(icon("open_file"), self.tr("&Sfoglia…")),
            "browse_button",
            self.tr("Scegli il file da importare"),
        )
        self.browse_button.clicked.connect(self.browse)
        file_label = QLabel(self.tr("&File:"))
        file_label.setObjectName("import_file_label")
        file_label.setBuddy(self.path_edit)
        file_row = QHBoxLayout()
        file_row.addWidget(file_label)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)

        self.update_check = named(
            QCheckBox(self.tr("&Aggiorna le associazioni già presenti (stesso codice fiscale)")),
            "update_existing_check",
            self.tr("Aggiorna le associazioni già presenti"),
        )
        self.update_check.setToolTip(
            self.tr(
                "Senza questa spunta, chi è già nel registro viene saltato ed elencato qui sotto."
            )
        )
        self.template_button = named(
            QPushButton(icon("template"), self.tr("Scarica il &modello…")),
            "template_button",
            self.tr("Scarica il modello"),
        )
        self.template_button.setToolTip(
            self.tr("Un file Excel vuoto con le intestazioni giuste, da riempire")
        )
        self.template_button.clicked.connect(self.save_template)
        options = QHBoxLayout()
        options.addWidget(self.update_check, 1)
        options.addWidget(self.template_button)

        self.progress_bar = named(
            QProgressBar(), "import_progress", self.tr("Avanzamento dell'importazione")
        )
        self.progress_bar.setFormat(self.tr("Controllo delle righe e importazione… %p%"))

        self.result_label = QLabel()
        self.result_label.setObjectName("result_label")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.problems_table = named(
            QTableWidget(0, 3), "problems_table", self.tr("Elenco dei problemi")
        )
        self.problems_table.setHorizontalHeaderLabels(
            [self.tr("Riga"), self.tr("Colonna"), self.tr("Problema")]
        )
        self.problems_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_table.setAlternatingRowColors(True)
        self.problems_table.setWordWrap(True)
        self.problems_table.setTabKeyNavigation(False)
        self.problems_table.verticalHeader().hide()
        header = self.problems_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems_table.hide()

        buttons = QDialogButtonBox()
        buttons.setObjectName("import_buttons")
        self.import_button = named(
            QPushButton(icon("import"), self.tr("&Importa")),
            "import_button",
            self.tr("Importa"),
        )
        self.import_button.setDefault(True)
        self.close_button = named(
            QPushButton(icon("close"), self.tr("&Chiudi")), "close_button", self.tr("Chiudi")
        )
        self.close_button.setAutoDefault(False)
        for button in (self.browse_button, self.template_button):
            button.setAutoDefault(False)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addLayout(options)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problems_table, 1)
        layout.addStretch(0)
        layout.addWidget(buttons)
        self.worker = Worker(
            self,
            triggers=[
                self.path_edit,
                self.browse_button,
                self.update_check,
                self.template_button,
                self.import_button,
                self.close_button,
            ],
            progress_bar=self.progress_bar,
            show_errors=False,  # said in the dialog, beside the file
        )
        self.worker.succeeded.connect(self._imported)
        self.worker.failed.connect(self._import_failed)
        self.worker.started.connect(lambda: grow_to_fit(self))
        self.setMinimumWidth(680)
        # Tall enough for the wrapped introduction (a size hint would cut it).
        self.resize(760, self.sizeHint().height())
        grow_to_fit(self)
        self._update_buttons()
        self.path_edit.setFocus()

    def _folder(self) -> str:
        return settings.IMPORT_FOLDER.folder()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(bool(self.path_edit.text().strip()))

    def browse(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Scegli il file da importare"), self._folder(), FILE_FILTER
        )
        if path:
            self.path_edit.setText(path)
            self.import_button.setFocus()

    def save_template(self) -> Path | None:
        suggested = Path(self._folder()) / "modello-associazioni.xlsx"
        path_text, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Salva il modello"), str(suggested), self.tr("Excel (*.xlsx)")
        )
        if not path_text:
            return None
        path = Path(path_text)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(f"{path.name}.xlsx")
        try:
            write_template(path)
        except ServiceError as exc:
            self._say(str(exc), palette.ERROR)
            return None
        settings.IMPORT_FOLDER.remember(path)
        self._say(
            self.tr("Modello salvato in {path}: riempilo e importalo da qui.").format(path=path),
            "",
        )
        if not self.path_edit.text().strip():
            self.path_edit.setText(str(path))
        return path

    # --- importing ---------------------------------------------------------------------

    def run_import(self) -> bool:
        """Start importing the chosen file; False when there is none or one is running."""
        path = self.path_edit.text().strip()
        if not path:
            return False
        update_existing = self.update_check.isChecked()
        ctx = self.ctx
        started = self.worker.start_with_progress(
            lambda progress: import_associations(ctx, path, update_existing, progress=progress)
        )
        if started:
            self._path = path
            self.result_label.hide()
            self.problems_table.hide()
        return started

    def _import_failed(self, exc: BaseException) -> None:
        self._show_problems([])
        if isinstance(exc, ServiceError):
            self._say(str(exc), palette.ERROR)
        self.import_button.setFocus()

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        settings.IMPORT_FOLDER.remember(self._path)
        if report.problems:
            self._show_problems(report.problems)
            count = len(report.problems)
            self._say(
                self.tr("Nessuna associazione è stata importata: correggi il file e riprova.")
                + " "
                + (
                    self.tr("C'è 1 problema da correggere:")
                    if count == 1
                    else self.tr("Ci sono {n} problemi da correggere:").format(
                        n=italian_number(count)
                    )
                ),
                palette.ERROR,
            )
            return
        self._show_success(report)
        self.imported.emit(report)

    def reject(self) -> None:
        if self.worker.is_busy():  # the import finishes (or not) as one transaction
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker.is_busy():
            event.ignore()
            return
        super().closeEvent(event)

    def _say(self, text: str, color: str) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {color};" if color else "")
        self.result_label.show()
        grow_to_fit(self)

    def _show_problems(self, problems: list[ImportProblem], what: str = "") -> None:
        table = self.problems_table
        table.setRowCount(0)
        table.setHorizontalHeaderLabels(
            [self.tr("Riga"), self.tr("Colonna"), what or self.tr("Problema")]
        )
        for problem in problems:
            row = table.rowCount()
            table.insertRow(row)
            number = QTableWidgetItem(str(problem.row) if problem.row else "—")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 0, number)
            table.setItem(row, 1, QTableWidgetItem(problem.column or "—"))
            message = QTableWidgetItem(problem.message)
            message.setToolTip(problem.message)
            table.setItem(row, 2, message)
        table.resizeRowsToContents()
        table.setVisible(bool(problems))
        if problems:
            table.setCurrentCell(0, 0)
            self.resize(max(self.width(), 820), max(self.height(), 480))

    def _show_success(self, report: ImportReport) -> None:
        parts: list[str] = []
        for count, one, many in (
            (
                report.added,
                self.tr("1 associazione aggiunta"),
                self.tr("{n} associazioni aggiunte"),
            ),
            (report.updated, self.tr("1 aggiornata"), self.tr("{n} aggiornate")),
            (report.unchanged, self.tr("1 già aggiornata"), self.tr("{n} già aggiornate")),
            (
                len(report.skipped),
                self.tr("1 saltata perché già nel registro"),
                self.tr("{n} saltate perché già nel registro"),
            ),
        ):
            if count or not parts:
                parts.append(one if count == 1 else many.format(n=italian_number(count)))
        text = self.tr("Importazione completata: {what}.").format(what=", ".join(parts))
        rows: list[ImportProblem] = []
        for line in report.skipped:
            number, _sep, rest = line.partition(": ")
            digits = number.removeprefix("Riga ").strip()
            rows.append(ImportProblem(int(digits) if digits.isdigit() else 0, "", rest or line))
        if report.warnings:
            text += " " + self.tr("Da controllare nelle schede: {n} avvisi (qui sotto).").format(
                n=italian_number(len(report.warnings))
            )
        rows.extend(report.warnings)
        self._say(text, "" if not report.warnings else palette.WARNING)
        self._show_problems(rows, self.tr("Saltata o da controllare"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()
