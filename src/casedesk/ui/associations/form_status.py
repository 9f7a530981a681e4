"""The association form's status actions: suspend, reactivate, cease and reopen, one
button each, shown when the current status allows them; those that need a reason
ask for it, the others ask for a confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from casedesk.domain.association_status import ACTION_LABELS, STATUS_ACTIONS, allowed_actions
from casedesk.domain.enums import AssociationStatus
from casedesk.services.associations import StaleRecord, change_status
from casedesk.services.errors import ServiceError
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import named

if TYPE_CHECKING:
    from casedesk.ui.associations.form import AssociationForm

_ICONS = {
    "suspend": "suspend",
    "reactivate": "reactivate",
    "cease": "cease",
    "reopen": "reopen",
}

_ACTION_PAST = {"suspend": "sospesa", "cease": "segnata come cessata"}


def add_action_buttons(form: AssociationForm, layout: QHBoxLayout) -> dict[str, QPushButton]:
    """One hidden button per action, added to `layout`; `_show_record` shows the allowed."""
    buttons: dict[str, QPushButton] = {}
    for action, label in ACTION_LABELS.items():
        needs_reason = STATUS_ACTIONS[action][2]
        text = label + ("…" if needs_reason else "")
        button = named(QPushButton(icon(_ICONS[action]), text), f"{action}_button", label)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False, a=action: form.run_action(a))
        button.hide()
        buttons[action] = button
        layout.addWidget(button)
    return buttons


def show_allowed_actions(form: AssociationForm, status: AssociationStatus | None) -> None:
    allowed = allowed_actions(status) if status is not None else []
    for action, button in form.action_buttons.items():
        button.setVisible(action in allowed)


def run_action(form: AssociationForm, action: str) -> bool:
    if form.record is None:
        return False
    label = ACTION_LABELS[action]
    name = form.record.draft.name
    if STATUS_ACTIONS[action][2]:
        reason = questions.ask_reason(
            form,
            label,
            form.tr("Perché «{name}» va {what}? Il motivo resta nel registro.").format(
                name=name, what=_ACTION_PAST.get(action, label.lower())
            ),
            label,
            min_width=440,
        )
        if reason is None:
            return False
    else:
        reason = ""
        if not questions.ask(
            form,
            form.tr("{action}: «{name}»?").format(action=label, name=name),
            label,
            form.tr("Annulla"),
            title=label,
        ):
            return False
    try:
        record = change_status(form.ctx, form.record.id, action, reason, form.record.version_id)
    except StaleRecord as stale:
        form._stale(stale, form.draft())
        return False
    except ServiceError as exc:
        show_service_error(form, exc)
        return False
    # Only the status changed: the desk's typing in the form stays as it is.
    form.record = record
    form._show_record()
    form.status_changed.emit(record.id)
    return True
