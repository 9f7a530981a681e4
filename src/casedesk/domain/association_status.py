"""Which status changes the desk may make by hand, and what each one needs.

`bozza` → `iscritta` is not here: it happens only through enrollment.
"""

from __future__ import annotations

from casedesk.domain.enums import AssociationStatus as S

# action: (allowed from, resulting status, needs a reason)
STATUS_ACTIONS: dict[str, tuple[frozenset[S], S, bool]] = {
    "suspend": (frozenset({S.ISCRITTA}), S.SOSPESA, True),
    "reactivate": (frozenset({S.SOSPESA}), S.ISCRITTA, False),
    "cease": (frozenset({S.BOZZA, S.ISCRITTA, S.SOSPESA}), S.CESSATA, True),
    # A ceased association that comes back starts again from the papers.
    "reopen": (frozenset({S.CESSATA}), S.BOZZA, False),
}

ACTION_LABELS = {
    "suspend": "Sospendi",
    "reactivate": "Riattiva",
    "cease": "Segna come cessata",
    "reopen": "Riapri come bozza",
}


class StatusChangeError(ValueError):
    pass


def allowed_actions(status: S) -> list[str]:
    return [name for name, (sources, _, _) in STATUS_ACTIONS.items() if status in sources]


def apply_action(status: S, action: str, reason: str) -> S:
    """The new status, or StatusChangeError with an Italian message."""
    if action not in STATUS_ACTIONS:
        raise StatusChangeError(f"Azione sconosciuta: {action}.")
    sources, target, needs_reason = STATUS_ACTIONS[action]
    if status not in sources:
        raise StatusChangeError(
            f"Non si può «{ACTION_LABELS[action].lower()}» un'associazione in stato "
            f"«{status.label.lower()}»."
        )
    if needs_reason and not reason.strip():
        raise StatusChangeError("Scrivi il motivo del cambio di stato.")
    return target
