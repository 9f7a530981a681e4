"""The status buttons: the ones the status allows, a change reported by signal."""

from __future__ import annotations

from dataclasses import replace

from casedesk.domain.enums import AssociationStatus
from casedesk.services.associations import get_association, update_association
from casedesk.ui.associations.status_actions import StatusActions


def visible(actions: StatusActions) -> list[str]:
    return [a for a, b in actions.buttons.items() if b.isVisibleTo(actions)]


def test_only_the_allowed_actions_show_and_a_change_is_signalled(
    qtbot, coordinator, register, answers
) -> None:
    actions = StatusActions(coordinator)
    qtbot.addWidget(actions)
    actions.show_for(None)
    assert visible(actions) == []
    actions.show_for(get_association(coordinator, register.ids["isola"]))
    assert visible(actions) == ["cease"]
    with qtbot.waitSignal(actions.changed) as signal:
        assert actions.run("cease")
    record = signal.args[0]
    assert record.status is AssociationStatus.CESSATA
    assert record.status_reason == "Sede chiusa per lavori"
    assert visible(actions) == ["reopen"]


def test_a_cancelled_reason_changes_nothing(qtbot, coordinator, register, answers) -> None:
    actions = StatusActions(coordinator)
    qtbot.addWidget(actions)
    actions.show_for(get_association(coordinator, register.ids["isola"]))
    answers.reason = None
    assert not actions.run("cease")
    assert get_association(coordinator, register.ids["isola"]).status is AssociationStatus.BOZZA


def test_a_stale_copy_is_signalled_not_shown(qtbot, coordinator, register, answers) -> None:
    actions = StatusActions(coordinator)
    qtbot.addWidget(actions)
    record = get_association(coordinator, register.ids["isola"])
    actions.show_for(record)
    update_association(coordinator, record, replace(record.draft, notes="altra postazione"))
    with qtbot.waitSignal(actions.stale) as signal:
        assert not actions.run("cease")
    assert signal.args[0].current.draft.notes == "altra postazione"
