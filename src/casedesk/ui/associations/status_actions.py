"""The association form's status actions: suspend, reactivate, cease and reopen, one
button each, shown when the current status allows them; those that need a reason
ask for it, the others ask for a confirmation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from casedesk.domain.association_status import ACTION_LABELS, STATUS_ACTIONS, allowed_actions
from casedesk.services.associations import AssociationRecord, StaleRecord, change_status
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import named

_ICONS = {
    "suspend": "suspend",
    "reactivate": "reactivate",
    "cease": "cease",
    "reopen": "reopen",
}

_ACTION_PAST = {"suspend": "sospesa", "cease": "segnata come cessata"}


class StatusActions(QWidget):
    """A row of buttons for the status changes the shown association allows.

    `changed(record)` after a change (only the status: the desk's typing stays);
    `stale(StaleRecord)` when another desk saved the association meanwhile.
    """

    changed = Signal(object)
    stale = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_actions")
        self._ctx = ctx
        self._record: AssociationRecord | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for action, label in ACTION_LABELS.items():
            needs_reason = STATUS_ACTIONS[action][2]
            text = label + ("…" if needs_reason else "")
            button = named(QPushButton(icon(_ICONS[action]), text), f"{action}_button", label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self.run(a))
            button.hide()
            self.buttons[action] = button
            layout.addWidget(button)

    def show_for(self, record: AssociationRecord | None) -> None:
        """The buttons `record`'s status allows (none for a new association)."""
        self._record = record
        allowed = allowed_actions(record.status) if record is not None else []
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)

    def run(self, action: str) -> bool:
        """Ask (the reason where one is needed) and change the status; True if changed."""
        record = self._record
        if record is None:
            return False
        label = ACTION_LABELS[action]
        name = record.draft.name
        if STATUS_ACTIONS[action][2]:
            reason = questions.ask_reason(
                self,
                label,
                self.tr("Perché «{name}» va {what}? Il motivo resta nel registro.").format(
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
                self,
                self.tr("{action}: «{name}»?").format(action=label, name=name),
                label,
                self.tr("Annulla"),
                title=label,
            ):
                return False
        try:
            changed = change_status(self._ctx, record.id, action, reason, record.version_id)
        except StaleRecord as stale:
            self.stale.emit(stale)
            return False
        except ServiceError as exc:
            show_service_error(self, exc)
            return False
        self.show_for(changed)
        self.changed.emit(changed)
        return True
