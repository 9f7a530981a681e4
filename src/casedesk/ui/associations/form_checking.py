"""How the association form checks itself: every edit is checked after a short pause
with the services' rules (the register only when name, tax code or legal form
change); problems show under the fields the desk touched, as "Riga n: …" under the
tables with the cells tinted, as an icon on the page's tab, and in the footer as
links to the fields that block saving."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel

from casedesk.domain import associations as rules
from casedesk.domain.associations import FIELD_LABELS, Validation
from casedesk.domain.validation import FieldError
from casedesk.services.associations import check_association
from casedesk.services.errors import ServiceError
from casedesk.ui import palette
from casedesk.ui.associations.form_identity import update_runts_fields
from casedesk.ui.icons import icon

if TYPE_CHECKING:
    from casedesk.ui.associations.form import AssociationForm

CHECK_DELAY_MS = 300

ROW_FIELD = re.compile(r"^(board_members|contact_persons)\[(\d+)\]\.(\w+)$")

PAGE_IDENTITY, PAGE_DESCRIPTION, PAGE_BOARD, PAGE_CONTACTS = range(4)
PAGE_OF = {
    "description": PAGE_DESCRIPTION,
    "notes": PAGE_DESCRIPTION,
    "legal_representative": PAGE_BOARD,
    "board_members": PAGE_BOARD,
    "contact_persons": PAGE_CONTACTS,
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def build_blocker_label(form: AssociationForm) -> QLabel:
    """The footer's «Da correggere: …», each field a link to go and fix it."""
    label = QLabel()
    label.setObjectName("blocker_label")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(f"color: {palette.ERROR};")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )
    label.linkActivated.connect(form.go_to_field)
    return label


def connect_edits(form: AssociationForm) -> None:
    lines = {
        "name": form.name_edit,
        "runts_number": form.runts_number_edit,
        "tax_code": form.tax_code_edit,
        "address": form.address_edit,
        "email": form.email_edit,
        "pec": form.pec_edit,
        "phone": form.phone_edit,
        "website": form.website_edit,
        "legal_representative": form.legal_representative_edit,
    }
    for key, edit in lines.items():
        edit.textEdited.connect(lambda _text, k=key: edited(form, k))
        edit.editingFinished.connect(lambda k=key: finished(form, k))
    form.legal_form_combo.currentIndexChanged.connect(lambda _i: legal_form_changed(form))
    form.runts_section_combo.currentIndexChanged.connect(lambda _i: edited(form, "runts_section"))
    form.description_edit.textChanged.connect(lambda: edited(form, "description"))
    form.notes_edit.textChanged.connect(lambda: edited(form, "notes"))
    form.sectors_list.itemChanged.connect(lambda _item: edited(form, "sectors"))
    form.seeking_volunteers_check.toggled.connect(lambda _on: edited(form, "seeking_volunteers"))
    form.board_editor.changed.connect(lambda: edited(form, "board_members"))
    form.contacts_editor.changed.connect(lambda: edited(form, "contact_persons"))


def edited(form: AssociationForm, key: str) -> None:
    if form._loading:
        return
    form._touched.add(key)
    form._timer.start()


def finished(form: AssociationForm, key: str) -> None:
    if form._timer.isActive() and key in form._touched:
        form.validate_now()


def legal_form_changed(form: AssociationForm) -> None:
    update_runts_fields(form)
    edited(form, "legal_form")


def validate_now(form: AssociationForm) -> Validation:
    form._timer.stop()
    draft = form.draft()
    local = rules.validate(draft)
    key = (
        rules.name_key(draft.name),
        rules.normalise_tax_code(draft.tax_code),
        form.legal_form(),
    )
    if key != form._register_key:
        exclude = form.record.id if form.record else None
        try:
            full = check_association(form.ctx, draft, exclude)
        except ServiceError:
            full = Validation()  # the register could not be read: the rules still apply
        # What only the register knows: a duplicate tax code, a similar name.
        form._register_errors = [f for f in full.errors if f.ref_id is not None]
        form._register_warnings = [f for f in full.warnings if f.ref_id is not None]
        form._register_key = key
    form._validation = Validation(
        form._ui_errors + local.errors + form._register_errors,
        local.warnings + form._register_warnings,
    )
    show_validation(form)
    return form._validation


def row_messages(
    form: AssociationForm, found: list[FieldError]
) -> tuple[list[FieldError], dict[str, dict[tuple[int, str], str]]]:
    """Row problems of the tables as "Riga n: …" under the table, plus cell tints."""
    out: list[FieldError] = []
    cells: dict[str, dict[tuple[int, str], str]] = {"board_members": {}, "contact_persons": {}}
    for f in found:
        m = ROW_FIELD.match(f.field)
        if not m:
            out.append(f)
            continue
        table, index, column = m[1], int(m[2]), m[3]
        rows = form._board_rows if table == "board_members" else form._contact_rows
        row = rows[index] if index < len(rows) else index
        cells[table][(row, column)] = f.message
        out.append(
            FieldError(table, form.tr("Riga {n}: {message}").format(n=row + 1, message=f.message))
        )
    return out, cells


def show_validation(form: AssociationForm) -> None:
    errors, cells = row_messages(form, form._validation.errors)
    warnings, _ = row_messages(form, form._validation.warnings)
    touched = form._touched
    shown = [e for e in errors if e.field in touched]
    form.messages.show(shown, [w for w in warnings if w.field in touched])
    form.board_editor.mark(cells["board_members"] if "board_members" in touched else {})
    form.contacts_editor.mark(cells["contact_persons"] if "contact_persons" in touched else {})
    pages_in_error = {PAGE_OF.get(e.field, PAGE_IDENTITY) for e in shown}
    for page in range(form.pages.count()):
        form.pages.setTabIcon(page, icon("error") if page in pages_in_error else QIcon())
    blocking = blocking_names(form, errors)
    form.save_button.setEnabled(not blocking)
    if blocking:
        links = ", ".join(
            f'<a href="{name}" style="color: {palette.ERROR};">{html.escape(field_label(name))}</a>'
            for name in blocking
        )
        form.blocker_label.setText(form.tr("Da correggere: {fields}").format(fields=links))
        form.blocker_label.setToolTip(
            form.tr("Clic su un nome per andare al campo e vedere che cosa non va.")
        )
    else:
        form.blocker_label.clear()
        form.blocker_label.setToolTip("")


def blocking_names(form: AssociationForm, errors: list[FieldError]) -> list[str]:
    """The fields in error, once each, in the order the form shows them."""
    order = {name: i for i, name in enumerate(form.messages.names())}
    fields = {e.field for e in errors}
    return sorted(fields, key=lambda name: order.get(name, len(order)))


def blocking_now(form: AssociationForm) -> list[str]:
    """The fields that block saving now (row problems under their table)."""
    return blocking_names(form, row_messages(form, form._validation.errors)[0])


def go_to_field(form: AssociationForm, name: str) -> None:
    if name not in form.messages.names():
        return
    form._touched.add(name)
    show_validation(form)
    form.pages.setCurrentIndex(PAGE_OF.get(name, PAGE_IDENTITY))
    form.messages.widget(name).setFocus(Qt.FocusReason.OtherFocusReason)


def reveal_all(form: AssociationForm) -> None:
    form._touched = set(form.messages.names())
    show_validation(form)
    blocking = blocking_now(form)
    if blocking:
        form.go_to_field(blocking[0])
