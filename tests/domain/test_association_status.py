"""Status changes the desk may make by hand."""

import pytest

from casedesk.domain.association_status import (
    ACTION_LABELS,
    STATUS_ACTIONS,
    StatusChangeError,
    allowed_actions,
    apply_action,
)
from casedesk.domain.enums import AssociationStatus as S


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        (S.BOZZA, ["cease"]),
        (S.ISCRITTA, ["suspend", "cease"]),
        (S.SOSPESA, ["reactivate", "cease"]),
        (S.CESSATA, ["reopen"]),
    ],
)
def test_allowed_actions(status, actions):
    assert allowed_actions(status) == actions


@pytest.mark.parametrize(
    ("status", "action", "reason", "target"),
    [
        (S.ISCRITTA, "suspend", "Morosità", S.SOSPESA),
        (S.SOSPESA, "reactivate", "", S.ISCRITTA),
        (S.BOZZA, "cease", "Mai completata", S.CESSATA),
        (S.ISCRITTA, "cease", "Sciolta dall'assemblea", S.CESSATA),
        (S.SOSPESA, "cease", "Sciolta", S.CESSATA),
        (S.CESSATA, "reopen", "", S.BOZZA),
    ],
)
def test_allowed_transitions(status, action, reason, target):
    assert apply_action(status, action, reason) is target


def test_reactivate_and_reopen_accept_a_reason_too():
    assert apply_action(S.SOSPESA, "reactivate", "Regolarizzata") is S.ISCRITTA
    assert apply_action(S.CESSATA, "reopen", "Ricostituita") is S.BOZZA


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.BOZZA, "suspend"),
        (S.BOZZA, "reactivate"),
        (S.BOZZA, "reopen"),
        (S.ISCRITTA, "reactivate"),
        (S.ISCRITTA, "reopen"),
        (S.SOSPESA, "suspend"),
        (S.SOSPESA, "reopen"),
        (S.CESSATA, "suspend"),
        (S.CESSATA, "reactivate"),
        (S.CESSATA, "cease"),
    ],
)
def test_forbidden_transitions(status, action):
    with pytest.raises(StatusChangeError, match=status.label.lower()):
        apply_action(status, action, "un motivo")


def test_draft_to_enrolled_is_not_a_manual_action():
    # bozza -> iscritta happens only through enrollment.
    for sources, target, _ in STATUS_ACTIONS.values():
        assert not (S.BOZZA in sources and target is S.ISCRITTA)
    assert S.ISCRITTA not in {STATUS_ACTIONS[a][1] for a in allowed_actions(S.BOZZA)}


def test_unknown_action():
    with pytest.raises(StatusChangeError, match="sconosciuta"):
        apply_action(S.BOZZA, "enroll", "")
    with pytest.raises(StatusChangeError):
        apply_action(S.BOZZA, "iscrivi", "motivo")


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
@pytest.mark.parametrize(
    ("status", "action"),
    [(S.ISCRITTA, "suspend"), (S.BOZZA, "cease"), (S.ISCRITTA, "cease"), (S.SOSPESA, "cease")],
)
def test_suspend_and_cease_need_a_reason(status, action, reason):
    with pytest.raises(StatusChangeError, match="motivo"):
        apply_action(status, action, reason)


def test_reason_flags():
    assert STATUS_ACTIONS["suspend"][2] is True
    assert STATUS_ACTIONS["cease"][2] is True
    assert STATUS_ACTIONS["reactivate"][2] is False
    assert STATUS_ACTIONS["reopen"][2] is False


def test_every_action_has_a_label():
    assert set(ACTION_LABELS) == set(STATUS_ACTIONS)
