"""The panel under the checklist: what the desk records for the selected paper.

Status (Mancante / Consegnato with the date / Non applicabile with the reason), a
note, and the scanned copy (Allega file…, Apri file, Verifica file). «Registra»
(Ctrl+S, or Ctrl+Invio in the note) records it; nothing is recorded by moving away
(the tab asks first).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import DocumentStatus
from casedesk.services import documents
from casedesk.services.context import ServiceContext
from casedesk.services.documents import ChecklistEntry, ChecklistView, FileState
from casedesk.services.errors import ServiceError, ValidationFailed
from casedesk.ui import palette, settings
from casedesk.ui.documents.style import day_text, file_icon
from casedesk.ui.errors import show_information, show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import FieldErrors, named, submit
from casedesk.ui.widgets.worker import Worker

SCAN_FILTER = "Documenti scansionati (*.pdf *.PDF *.jpg *.JPG *.jpeg *.JPEG *.png *.PNG)"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DocumentEditor(QGroupBox):
    """Signals: `view_changed(ChecklistView)` after a service changed something,
    `refresh_requested()` when the checklist should be read again, `status_message`."""

    view_changed = Signal(object)
    refresh_requested = Signal()
    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Documento selezionato"), parent)
        self.ctx = ctx
        self.setObjectName("document_editor")
        self.association_id: int | None = None
        self.entry: ChecklistEntry | None = None
        self.today = ctx.today()
        self._loading = False
        self.errors = FieldErrors("document_")
        self._build()
        # Copying and hashing a scan (it may be tens of megabytes) run off the UI thread;
        # meanwhile the file buttons wait, and neither action can start twice.
        file_buttons = [self.attach_button, self.open_file_button, self.verify_button]
        self.attach_worker = Worker(self, triggers=file_buttons)
        self.attach_worker.setObjectName("attach_worker")
        self.attach_worker.succeeded.connect(self._attached)
        self.verify_worker = Worker(self, triggers=file_buttons)
        self.verify_worker.setObjectName("verify_worker")
        self.verify_worker.succeeded.connect(self._verified)
        # What the running call is about (its paper, the file chosen): set before it starts.
        self._attaching: tuple[ChecklistEntry, str] | None = None
        self._verifying = ""
        self.set_entry(None, None, self.today)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = QLabel()
        self.title_label.setObjectName("document_title_label")
        font = self.title_label.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.describe_label = QLabel()
        self.describe_label.setObjectName("document_describe_label")
        self.describe_label.setWordWrap(True)
        self.describe_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.missing_radio = named(
            QRadioButton(self.tr("Manca&nte")), "status_missing_radio", self.tr("Mancante")
        )
        self.delivered_radio = named(
            QRadioButton(self.tr("&Consegnato")), "status_delivered_radio", self.tr("Consegnato")
        )
        self.not_applicable_radio = named(
            QRadioButton(self.tr("Non applica&bile")),
            "status_not_applicable_radio",
            self.tr("Non applicabile"),
        )
        self.status_group = QButtonGroup(self)
        self._radios = {
            DocumentStatus.MISSING: self.missing_radio,
            DocumentStatus.DELIVERED: self.delivered_radio,
            DocumentStatus.NOT_APPLICABLE: self.not_applicable_radio,
        }
        radios = QHBoxLayout()
        radios.setContentsMargins(0, 0, 0, 0)
        for radio in self._radios.values():
            self.status_group.addButton(radio)
            radios.addWidget(radio)
        radios.addStretch(1)
        radio_row = QWidget()
        radio_row.setObjectName("status_radios")
        radio_row.setLayout(radios)
        self.status_group.buttonToggled.connect(self._status_toggled)

        self.date_edit = named(QDateEdit(), "received_on_edit", self.tr("Data di consegna"))
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(QDate(1900, 1, 1))
        self.date_edit.dateChanged.connect(self._edited)
        self.date_edit.setToolTip(self.tr("Il giorno in cui la Casa ha ricevuto la copia"))

        self.note_edit = named(QPlainTextEdit(), "note_edit", self.tr("Note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.note_edit.textChanged.connect(self._edited)
        self.note_edit.installEventFilter(self)

        self.record_button = named(
            QPushButton(icon("record"), self.tr("&Registra")),
            "record_button",
            self.tr("Registra"),
        )
        self.record_button.setToolTip(self.tr("Registra lo stato del documento (Ctrl+S)"))
        self.record_button.clicked.connect(self.save)
        self.revert_button = named(
            QPushButton(icon("revert"), self.tr("Annulla modifiche")),
            "revert_button",
            self.tr("Annulla modifiche"),
        )
        self.revert_button.setToolTip(self.tr("Rimetti quanto registrato finora"))
        self.revert_button.clicked.connect(self.revert)
        for button in (self.record_button, self.revert_button):
            button.setAutoDefault(False)

        self.note_label = QLabel(self.tr("N&ote:"))
        self.note_label.setObjectName("note_label")
        self.note_label.setBuddy(self.note_edit)
        date_label = QLabel(self.tr("&Data di consegna:"))
        date_label.setObjectName("received_on_label")
        date_label.setBuddy(self.date_edit)
        status_label = QLabel(self.tr("Stato:"))
        status_label.setObjectName("status_label")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(status_label, self.errors.wrap("status", radio_row))
        date_row = QHBoxLayout()
        date_row.addWidget(self.errors.wrap("received_on", self.date_edit))
        date_row.addStretch(1)
        form.addRow(date_label, date_row)
        form.addRow(self.note_label, self.errors.wrap("note", self.note_edit))
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.record_button)

        # The scanned copy.
        self.file_icon_label = QLabel()
        self.file_icon_label.setObjectName("file_icon_label")
        self.file_label = QLabel()
        self.file_label.setObjectName("file_label")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attach_button = named(
            QPushButton(icon("attach"), self.tr("Alle&ga file…")),
            "attach_button",
            self.tr("Allega file"),
        )
        self.attach_button.setToolTip(
            self.tr("Copia nella cartella dei documenti la scansione (PDF, JPG o PNG)")
        )
        self.attach_button.clicked.connect(self.attach_file)
        self.open_file_button = named(
            QPushButton(icon("open_document"), self.tr("Apri fi&le")),
            "open_file_button",
            self.tr("Apri file"),
        )
        self.open_file_button.setToolTip(self.tr("Apri la scansione con il programma del sistema"))
        self.open_file_button.clicked.connect(self.open_file)
        self.verify_button = named(
            QPushButton(icon("verify"), self.tr("Verifica fil&e")),
            "verify_file_button",
            self.tr("Verifica file"),
        )
        self.verify_button.setToolTip(
            self.tr("Controlla che il file sia ancora quello allegato (impronta SHA-256)")
        )
        self.verify_button.clicked.connect(self.verify_file)
        for button in (self.attach_button, self.open_file_button, self.verify_button):
            button.setAutoDefault(False)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_icon_label)
        file_row.addWidget(self.file_label, 1)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.attach_button)
        file_buttons.addWidget(self.open_file_button)
        file_buttons.addWidget(self.verify_button)
        file_buttons.addStretch(1)
        self.file_box = QGroupBox(self.tr("Copia scansionata"))
        self.file_box.setObjectName("file_box")
        file_layout = QVBoxLayout(self.file_box)
        file_layout.addLayout(file_row)
        file_layout.addLayout(file_buttons)
        file_layout.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.title_label)
        left.addWidget(self.describe_label)
        left.addLayout(form)
        left.addLayout(actions)
        left.addStretch(1)
        self.content = QWidget()
        self.content.setObjectName("editor_content")
        columns = QHBoxLayout(self.content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addWidget(self.file_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content)

    # --- loading ---------------------------------------------------------------------------

    def set_entry(
        self, association_id: int | None, entry: ChecklistEntry | None, today: date
    ) -> None:
        """Show `entry`; the desk's unsaved edits of the same paper are kept."""
        keep = (
            entry is not None
            and self.entry is not None
            and association_id == self.association_id
            and entry.requirement.id == self.entry.requirement.id
            and self.is_dirty()
        )
        self.association_id = association_id
        self.entry = entry
        self.today = today
        self.content.setEnabled(entry is not None)
        if entry is None:
            self._loading = True
            self.title_label.setText(self.tr("Nessun documento scelto"))
            self.describe_label.setText(self.tr("Scegli un documento nell'elenco qui sopra."))
            self.describe_label.setStyleSheet("")
            self.file_label.clear()
            self.file_icon_label.clear()
            self.note_edit.clear()
            self._loading = False
            self.errors.clear()
            return
        self.date_edit.setMaximumDate(_qdate(today))
        self._show_info(entry)
        self._show_file(entry)
        if not keep:
            self._load(entry)
        self._update_state()

    def _stored_status(self, entry: ChecklistEntry) -> DocumentStatus:
        return entry.item.record.status if entry.item.record else DocumentStatus.MISSING

    def _baseline(self) -> tuple[DocumentStatus, date | None, str]:
        assert self.entry is not None
        status = self._stored_status(self.entry)
        when = self.entry.received_on if status is DocumentStatus.DELIVERED else None
        return status, when, self.entry.note.strip()

    def _load(self, entry: ChecklistEntry) -> None:
        self._loading = True
        try:
            status, when, note = self._baseline()
            self._radios[status].setChecked(True)
            self.date_edit.setDate(_qdate(when or self.today))
            self.note_edit.setPlainText(note)
        finally:
            self._loading = False
        self.errors.clear()

    def _show_info(self, entry: ChecklistEntry) -> None:
        requirement = entry.requirement
        self.title_label.setText(requirement.title)
        kind = self.tr("Obbligatorio") if requirement.mandatory else self.tr("Facoltativo")
        if requirement.validity_months:
            kind += self.tr("; una copia consegnata vale {n} mesi").format(
                n=requirement.validity_months
            )
        text = f"{kind}. {entry.describe(self.today)}"
        if entry.received_by and entry.status is not DocumentStatus.MISSING:
            text += " " + self.tr("Registrato da {name}.").format(name=entry.received_by)
        if entry.status is DocumentStatus.OUTDATED:
            text += " " + self.tr("Registra la consegna della copia aggiornata con la sua data.")
        self.describe_label.setText(text)
        self.describe_label.setStyleSheet(f"color: {palette.DOCUMENT_STATUS[entry.status]};")

    def _show_file(self, entry: ChecklistEntry) -> None:
        state = entry.file_state
        has_file = state is not FileState.NONE
        if has_file:
            name = Path(entry.file_path or "").name
            text = f"{state.label}: {name}"
            if state is FileState.UNCHECKED:
                text += " " + self.tr("(file grande: premi «Verifica file» per controllarlo)")
        else:
            text = self.tr("Nessun file allegato.")
        self.file_label.setText(text)
        self.file_label.setToolTip(entry.file_path or "")
        icon = file_icon(state)
        if icon is None:
            self.file_icon_label.clear()
        else:
            self.file_icon_label.setPixmap(icon.pixmap(20, 20))
        self.file_icon_label.setVisible(icon is not None)
        self.file_label.setStyleSheet(
            f"color: {palette.WARNING};" if state in (FileState.MISSING, FileState.CHANGED) else ""
        )
        self.open_file_button.setEnabled(has_file)
        self.verify_button.setEnabled(has_file)

    # --- editing -------------------------------------------------------------------------

    def status(self) -> DocumentStatus:
        for status, radio in self._radios.items():
            if radio.isChecked():
                return status
        return DocumentStatus.MISSING

    def set_status(self, status: DocumentStatus) -> None:
        self._radios[status].setChecked(True)

    def received_on(self) -> date:
        return _pydate(self.date_edit.date())

    def set_received_on(self, day: date) -> None:
        self.date_edit.setDate(_qdate(day))

    def note(self) -> str:
        return self.note_edit.toPlainText()

    def _current(self) -> tuple[DocumentStatus, date | None, str]:
        status = self.status()
        when = self.received_on() if status is DocumentStatus.DELIVERED else None
        return status, when, self.note().strip()

    def is_dirty(self) -> bool:
        return self.entry is not None and self._current() != self._baseline()

    def _status_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._edited()

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._update_state()

    def _update_state(self) -> None:
        status = self.status()
        self.date_edit.setEnabled(status is DocumentStatus.DELIVERED)
        if status is DocumentStatus.NOT_APPLICABLE:
            self.note_label.setText(self.tr("M&otivo:"))
            self.note_edit.setAccessibleName(self.tr("Motivo per cui non è applicabile"))
            self.note_edit.setPlaceholderText(
                self.tr("Obbligatorio: perché questo documento non è applicabile")
            )
        else:
            self.note_label.setText(self.tr("N&ote:"))
            self.note_edit.setAccessibleName(self.tr("Note"))
            self.note_edit.setPlaceholderText(self.tr("Facoltative"))
        dirty = self.is_dirty()
        self.revert_button.setEnabled(dirty)
        missing_reason = status is DocumentStatus.NOT_APPLICABLE and not self.note().strip()
        self.record_button.setEnabled(dirty and not missing_reason)
        if dirty and missing_reason:
            self.record_button.setToolTip(
                self.tr("Scrivi perché il documento non è applicabile, poi registra.")
            )
        else:
            self.record_button.setToolTip(self.tr("Registra lo stato del documento (Ctrl+S)"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.note_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save()
            return True
        return super().eventFilter(watched, event)

    # --- actions -----------------------------------------------------------------------------

    def revert(self) -> None:
        if self.entry is not None:
            self._load(self.entry)
            self._update_state()

    def save(self) -> bool:
        """Registra: record the status; True when recorded (or nothing to record)."""
        entry, association_id = self.entry, self.association_id
        if entry is None or association_id is None:
            return False
        if not self.is_dirty():
            return True
        status, when, note = self._current()
        view = submit(
            lambda: documents.record_document(
                self.ctx, association_id, entry.requirement.id, status, when, note
            ),
            self.errors,
            self,
            on_failure=self._record_failed,
        )
        if view is None:
            return False
        title = entry.requirement.title
        if status is DocumentStatus.DELIVERED and when is not None:
            message = self.tr("«{title}»: consegnato il {day}.").format(
                title=title, day=day_text(when)
            )
        elif status is DocumentStatus.NOT_APPLICABLE:
            message = self.tr("«{title}»: non applicabile.").format(title=title)
        else:
            message = self.tr("«{title}»: mancante.").format(title=title)
        # Take the new state as the baseline before the tab shows the new view.
        self.entry = view.entry(entry.requirement.id)
        self.view_changed.emit(view)
        self.status_message.emit(message)
        return True

    def _record_failed(self, error: ServiceError) -> None:
        if not isinstance(error, ValidationFailed):
            self.refresh_requested.emit()  # e.g. the paper or the association is gone

    def attach_file(self) -> bool:
        """Allega file…: copy a scan into the data folder; the status does not change.

        The copy is made off the UI thread: True when it started (`attach_worker`
        reports the end); False when there was nothing to do or one already runs.
        """
        entry, association_id = self.entry, self.association_id
        if entry is None or association_id is None:
            return False
        folder = settings.ATTACH_FOLDER.folder()
        path_text, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("Allega la copia di «{title}»").format(title=entry.requirement.title),
            folder,
            ";;".join([self.tr(SCAN_FILTER), self.tr("Tutti i file (*)")]),
        )
        if not path_text:
            return False
        if self.attach_worker.is_busy():
            return False
        ctx, requirement_id, source = self.ctx, entry.requirement.id, Path(path_text)
        self._attaching = (entry, path_text)
        return self.attach_worker.start(
            lambda: documents.attach_file(ctx, association_id, requirement_id, source)
        )

    def _attached(self, view: ChecklistView) -> None:
        assert self._attaching is not None
        entry, path_text = self._attaching
        settings.ATTACH_FOLDER.remember(path_text)
        message = self.tr("File allegato a «{title}».").format(title=entry.requirement.title)
        if self._stored_status(entry) is DocumentStatus.MISSING:
            message += " " + self.tr(
                "Lo stato non cambia: se la carta è stata consegnata segna «Consegnato» e registra."
            )
        self.view_changed.emit(view)
        self.status_message.emit(message)

    def open_file(self) -> bool:
        """Apri file: the scan in the system's viewer; a missing or altered file is said."""
        entry, association_id = self.entry, self.association_id
        if entry is None or association_id is None:
            return False
        if entry.file_state is FileState.CHANGED and not questions.ask(
            self,
            self.tr(
                "Il file di «{title}» è stato modificato dopo essere stato allegato: potrebbe "
                "non essere la copia consegnata. Aprirlo comunque?"
            ).format(title=entry.requirement.title),
            self.tr("Apri &comunque"),
            self.tr("&Non aprire"),
            title=self.tr("File modificato"),
        ):
            return False
        try:
            path = documents.document_file_path(self.ctx, association_id, entry.requirement.id)
        except ServiceError as exc:
            show_service_error(self, exc)
            self.refresh_requested.emit()
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_service_error(
                self,
                ServiceError(
                    self.tr(
                        "Nessun programma del sistema ha aperto «{path}»: aprilo dalla cartella."
                    ).format(path=path)
                ),
            )
            return False
        return True

    def verify_file(self) -> bool:
        """Verifica file: hash it now and say whether it is still the one attached.

        The hash is computed off the UI thread: True when it started; `verify_worker`'s
        `succeeded(FileState)` carries the answer, which is then told to the desk.
        """
        entry, association_id = self.entry, self.association_id
        if entry is None or association_id is None:
            return False
        if self.verify_worker.is_busy():
            return False
        ctx, requirement_id = self.ctx, entry.requirement.id
        self._verifying = Path(entry.file_path or "").name
        return self.verify_worker.start(
            lambda: documents.verify_file(ctx, association_id, requirement_id)
        )

    def _verified(self, state: FileState) -> None:
        name = self._verifying
        if state is FileState.OK:
            show_information(
                self,
                self.tr("Il file «{name}» è integro: è quello allegato.").format(name=name),
                title=self.tr("Verifica del file"),
            )
        elif state is FileState.CHANGED:
            show_service_error(
                self,
                ServiceError(
                    self.tr(
                        "Il file «{name}» è stato modificato dopo essere stato allegato "
                        "(l'impronta SHA-256 non corrisponde): allega di nuovo la copia giusta."
                    ).format(name=name)
                ),
            )
        else:
            show_service_error(
                self,
                ServiceError(
                    self.tr(
                        "Il file «{name}» non si trova più nella cartella dei documenti: "
                        "allegalo di nuovo."
                    ).format(name=name)
                ),
            )
        self.refresh_requested.emit()
