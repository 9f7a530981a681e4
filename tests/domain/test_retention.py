"""Retention: who is anonymised when, and what is left of them."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

import pytest
from dateutil.relativedelta import relativedelta

from casedesk.domain.retention import (
    DEFAULT_RETENTION_MONTHS,
    AnonymisedAppointment,
    CitizenActivity,
    anonymised_citizen,
    due_for_anonymisation,
    last_contact,
    retention_cutoff,
)

TODAY = date(2026, 12, 2)


def seen(citizen_id: int, *days: date, registered: date | None = None) -> CitizenActivity:
    first = min(days) if days else (registered or TODAY)
    return CitizenActivity(
        citizen_id,
        registered or first,
        tuple(datetime(d.year, d.month, d.day, 10) for d in days),
    )


def months_ago(n: int, days: int = 0) -> date:
    return TODAY - relativedelta(months=n, days=days)


def test_default_is_24_months() -> None:
    assert DEFAULT_RETENTION_MONTHS == 24


@pytest.mark.parametrize(
    ("last_seen", "due"),
    [
        (months_ago(25), True),
        (months_ago(23), False),
        (months_ago(24), True),  # the day N months have passed
        (months_ago(24) + relativedelta(days=1), False),
        (months_ago(60), True),
    ],
)
def test_the_last_appointment_decides(last_seen: date, due: bool) -> None:
    assert (due_for_anonymisation([seen(1, last_seen)], TODAY) == [1]) is due


def test_the_latest_appointment_counts_not_the_first() -> None:
    citizen = seen(1, months_ago(30), months_ago(23))
    assert last_contact(citizen) == months_ago(23)
    assert due_for_anonymisation([citizen], TODAY) == []


def test_a_citizen_with_a_future_appointment_is_never_due() -> None:
    waiting = seen(1, months_ago(30), TODAY + relativedelta(days=3), registered=months_ago(30))
    today = seen(2, TODAY)
    assert due_for_anonymisation([waiting, today], TODAY, months=1) == []
    # Even a registration older than the period does not override the future meeting.
    assert due_for_anonymisation([waiting], TODAY + relativedelta(months=1), months=1) == []


def test_a_citizen_who_never_had_an_appointment_counts_from_registration() -> None:
    assert due_for_anonymisation([seen(1, registered=months_ago(25))], TODAY) == [1]
    assert due_for_anonymisation([seen(1, registered=months_ago(2))], TODAY) == []


def test_already_anonymised_citizens_are_left_alone() -> None:
    done = CitizenActivity(1, months_ago(40), (), anonymized_on=months_ago(10))
    assert due_for_anonymisation([done], TODAY) == []


def test_the_period_is_a_setting_and_results_come_in_id_order() -> None:
    citizens = [seen(9, months_ago(7)), seen(3, months_ago(13)), seen(5, months_ago(5))]
    assert due_for_anonymisation(citizens, TODAY, months=6) == [3, 9]
    assert due_for_anonymisation(citizens, TODAY, months=12) == [3]
    with pytest.raises(ValueError):
        retention_cutoff(TODAY, 0)


def test_cutoff_uses_calendar_months() -> None:
    assert retention_cutoff(date(2027, 3, 31), 24) == date(2025, 3, 31)
    assert retention_cutoff(date(2026, 2, 28), 24) == date(2024, 2, 28)
    assert retention_cutoff(date(2028, 2, 29), 12) == date(2027, 2, 28)


def test_the_anonymised_record_keeps_nothing_of_the_person() -> None:
    record = anonymised_citizen(17, TODAY)
    assert record.phone is None and record.email is None
    assert record.anonymized_on == TODAY
    assert record.first_name == "Anonimo" and record.last_name == "n. 17"
    # Two anonymised citizens stay apart in a list.
    assert anonymised_citizen(18, TODAY).last_name != record.last_name


def test_an_anonymised_appointment_has_its_free_texts_emptied() -> None:
    empty = AnonymisedAppointment()
    assert {f.name for f in fields(empty)} == {"notes", "outcome"}
    assert empty.notes == "" and empty.outcome == ""
