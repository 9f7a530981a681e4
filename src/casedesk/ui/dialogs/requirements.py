"""`Strumenti › Documenti richiesti…` (coordinators): the catalogue of required papers.

Each requirement: its title, the legal forms it applies to, whether it is
mandatory, how many months a delivered copy stays valid. A requirement is never
deleted here, only deactivated: what was recorded for it stays, and comes back if
it is reactivated. Checklists follow at once (they are computed).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.checklist import Requirement
from casedesk.domain.enums import LegalForm
from casedesk.services.catalogue import (
    MAX_VALIDITY_MONTHS,
    RequirementDraft,
    add_requirement,
    deactivate_requirement,
    list_requirements,
    reactivate_requirement,
    update_requirement,
    validate_requirement,
)
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.ui.errors import show_service_error
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.buttons import close_buttons, dialog_buttons
from casedesk.ui.widgets.forms import FieldErrors, fit_to_contents, named, submit
from casedesk.ui.widgets.table_buttons import TableWithButtons, relabel
from casedesk.ui.widgets.table_model import RowsTableModel, rows_table

# Short names of the legal forms for the table (the editor shows them in full).
SHORT_FORMS = {
    LegalForm.ASSOCIAZIONE_RICONOSCIUTA: "Ass. riconosciuta",
    LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA: "Ass. non riconosciuta",
    LegalForm.COMITATO: "Comitato",
    LegalForm.ETS_RUNTS: "ETS (RUNTS)",
    LegalForm.GRUPPO_INFORMALE: "Gruppo informale",
}


def forms_text(forms: frozenset[LegalForm], short: bool = True) -> str:
    if set(forms) == set(LegalForm):
        return "Tutte le forme giuridiche"
    ordered = [f for f in LegalForm if f in forms]
    return ", ".join(SHORT_FORMS[f] if short else f.label for f in ordered)


def validity_text(months: int | None) -> str:
    if not months:
        return "Nessuna scadenza"
    return "1 mese" if months == 1 else f"{months} mesi"


class RequirementsModel(RowsTableModel[Requirement]):
    """One row per requirement, in catalogue order; inactive ones greyed."""

    TITLE, FORMS, MANDATORY, VALIDITY, ACTIVE = range(5)
    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("Documento"),
            self.tr("Forme giuridiche"),
            self.tr("Obbligatorio"),
            self.tr("Validità"),
            self.tr("Attivo"),
        ]

    requirement = RowsTableModel.row_at

    def row_key(self, item: Requirement) -> int:
        return item.id

    def _yes_no(self, value: bool) -> str:
        return self.tr("Sì") if value else self.tr("No")

    def _text(self, q: Requirement, column: int) -> str:
        if column == self.TITLE:
            return q.title
        if column == self.FORMS:
            return self.tr(forms_text(q.legal_forms))
        if column == self.MANDATORY:
            return self._yes_no(q.mandatory)
        if column == self.VALIDITY:
            return self.tr(validity_text(q.validity_months))
        if column == self.ACTIVE:
            return self._yes_no(q.active)
        return ""

    def cell(self, q: Requirement, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(q, column)
        if role == Qt.ItemDataRole.ForegroundRole and not q.active:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FORMS:
                return self.tr(forms_text(q.legal_forms, short=False))
            if not q.active:
                return self.tr("Disattivato: non è più richiesto; quanto registrato resta.")
            return self._text(q, column)
        if role == self.ID_ROLE:
            return q.id
        return None


class RequirementDialog(QDialog):
    """Add a requirement (`requirement` None) or change one; `saved` is the result."""

    def __init__(
        self,
        ctx: ServiceContext,
        requirement: Requirement | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = requirement
        self.saved: Requirement | None = None
        self.setObjectName("requirement_dialog")
        self.setWindowTitle(
            self.tr("Nuovo documento richiesto")
            if requirement is None
            else self.tr("Documento richiesto — {title}").format(title=requirement.title)
        )
        self.errors = FieldErrors("requirement_")
        self.title_edit = named(QLineEdit(), "title_edit", self.tr("Titolo del documento"))
        self.title_edit.setPlaceholderText(self.tr("es. Statuto"))
        self.title_edit.setMaxLength(300)
        self.form_checks: dict[LegalForm, QCheckBox] = {}
        forms_box = QWidget()
        forms_box.setObjectName("legal_forms_box")
        forms_layout = QVBoxLayout(forms_box)
        forms_layout.setContentsMargins(0, 0, 0, 0)
        forms_layout.setSpacing(2)
        for legal_form in LegalForm:
            check = named(
                QCheckBox(legal_form.label), f"form_{legal_form.value}_check", legal_form.label
            )
            self.form_checks[legal_form] = check
            forms_layout.addWidget(check)
        self.mandatory_check = named(
            QCheckBox(self.tr("Obbligatorio per iscriversi")),
            "mandatory_check",
            self.tr("Obbligatorio"),
        )
        self.validity_spin = named(QSpinBox(), "validity_spin", self.tr("Validità in mesi"))
        self.validity_spin.setRange(0, MAX_VALIDITY_MONTHS)
        self.validity_spin.setSpecialValueText(self.tr("nessuna scadenza"))
        self.validity_spin.setSuffix(self.tr(" mesi"))
        self.validity_spin.setToolTip(
            self.tr(
                "Per quanti mesi vale una copia consegnata (es. 12 per l'elenco del Consiglio "
                "direttivo); 0 se non scade"
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("&Titolo:"), self.errors.wrap("title", self.title_edit))
        forms_label = QLabel(self.tr("Si applica a:"))
        forms_label.setObjectName("legal_forms_label")
        form.addRow(forms_label, self.errors.wrap("legal_forms", forms_box))
        form.addRow("", self.errors.wrap("mandatory", self.mandatory_check))
        form.addRow(self.tr("&Validità:"), self.errors.wrap("validity_months", self.validity_spin))
        buttons, self.ok_button, self.cancel_button = dialog_buttons(
            self.tr("&Aggiungi") if requirement is None else self.tr("&Salva"),
            "save_requirement_button",
            "save",
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._load(requirement)
        self.setMinimumWidth(480)
        fit_to_contents(self)
        self.title_edit.setFocus()

    def _load(self, requirement: Requirement | None) -> None:
        if requirement is None:
            self.mandatory_check.setChecked(True)
            return
        self.title_edit.setText(requirement.title)
        for form, check in self.form_checks.items():
            check.setChecked(form in requirement.legal_forms)
        self.mandatory_check.setChecked(requirement.mandatory)
        self.validity_spin.setValue(requirement.validity_months or 0)

    def draft(self) -> RequirementDraft:
        return RequirementDraft(
            title=self.title_edit.text(),
            legal_forms=frozenset(f for f, check in self.form_checks.items() if check.isChecked()),
            mandatory=self.mandatory_check.isChecked(),
            validity_months=self.validity_spin.value() or None,
        )

    def save(self) -> bool:
        draft = self.draft()
        original = self.original
        saved = submit(
            lambda: (
                add_requirement(self.ctx, draft)
                if original is None
                else update_requirement(self.ctx, original.id, draft)
            ),
            self.errors,
            self,
            precheck=validate_requirement(draft),
        )
        if saved is None:
            return False
        self.saved = saved
        self.accept()
        return True


class RequirementsDialog(QDialog):
    """The catalogue; Ctrl+N adds, Enter or a double click changes, Esc closes.

    `changed` is emitted after every change, so that open checklists are read again.
    """

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor: RequirementDialog | None = None
        self.setObjectName("requirements_dialog")
        self.setWindowTitle(self.tr("Documenti richiesti"))
        intro = QLabel(
            self.tr(
                "I documenti che le associazioni consegnano per iscriversi, per forma "
                "giuridica. Un documento disattivato non è più richiesto a nessuno; quanto "
                "già registrato resta e torna visibile se lo riattivi."
            )
        )
        intro.setObjectName("intro_label")
        intro.setWordWrap(True)
        self.model = RequirementsModel(self)
        self.table = rows_table(
            self.model, "requirements_table", self.tr("Catalogo dei documenti richiesti")
        )
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RequirementsModel.FORMS, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        # Enter is handled (and consumed) here: passed on, the dialog would press the
        # default button of the editor it just opened.
        self.table.installEventFilter(self)

        self.panel = TableWithButtons(self.table)
        self.add_button = self.panel.add_button(
            "add_requirement_button",
            "add",
            self.tr("&Aggiungi…"),
            self.add,
            shortcut=QKeySequence.StandardKey.New,
            tooltip=self.tr("Aggiungi un documento richiesto (Ctrl+N)"),
        )
        self.edit_button = self.panel.add_button(
            "edit_requirement_button",
            "edit",
            self.tr("&Modifica…"),
            self.edit_selected,
            needs_selection=True,
        )
        self.toggle_button = self.panel.add_button(
            "toggle_requirement_button",
            "hide",
            self.tr("&Disattiva"),
            self.toggle_selected,
            needs_selection=True,
        )
        self.panel.selection_changed.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close_buttons(self))
        self.resize(900, 420)
        self.refresh()
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.edit_selected()
            return True
        return super().eventFilter(watched, event)

    def selected(self) -> Requirement | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.requirement(rows[0].row()) if rows else None

    def refresh(self, select_id: int | None = None) -> None:
        try:
            rows = list_requirements(self.ctx)
        except ServiceError as exc:
            show_service_error(self, exc)
            rows = []
        keep = select_id if select_id is not None else getattr(self.selected(), "id", None)
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        self.panel.select_row(row)

    def _update_buttons(self) -> None:
        q = self.selected()
        if q is None or q.active:
            relabel(
                self.toggle_button,
                self.tr("&Disattiva"),
                "hide",
                self.tr("Non richiederlo più: quanto registrato resta"),
            )
        else:
            relabel(
                self.toggle_button,
                self.tr("&Riattiva"),
                "show",
                self.tr("Richiedilo di nuovo: torna nelle liste con quanto registrato"),
            )

    def _open_editor(self, requirement: Requirement | None) -> RequirementDialog:
        dialog = RequirementDialog(self.ctx, requirement, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda d=dialog: self._saved(d.saved))
        self.editor = dialog
        dialog.open()
        return dialog

    def add(self) -> RequirementDialog:
        return self._open_editor(None)

    def edit_selected(self) -> RequirementDialog | None:
        q = self.selected()
        return self._open_editor(q) if q is not None else None

    def _saved(self, requirement: Requirement | None) -> None:
        self.refresh(requirement.id if requirement else None)
        self.changed.emit()
        self.table.setFocus()

    def toggle_selected(self) -> Requirement | None:
        q = self.selected()
        if q is None:
            return None
        if q.active and not questions.ask(
            self,
            self.tr(
                "«{title}» non sarà più richiesto a nessuna associazione. Quanto già registrato "
                "resta e torna visibile se lo riattivi. Disattivarlo?"
            ).format(title=q.title),
            self.tr("&Disattiva"),
            self.tr("&Annulla"),
            title=self.tr("Disattiva documento richiesto"),
        ):
            return None
        try:
            done = (
                deactivate_requirement(self.ctx, q.id)
                if q.active
                else reactivate_requirement(self.ctx, q.id)
            )
        except ServiceError as exc:
            show_service_error(self, exc)
            self.refresh(q.id)
            return None
        self.refresh(done.id)
        self.changed.emit()
        self.table.setFocus()
        return done
