"""Retention: a citizen's personal data is anonymised N months after their last appointment.

The appointments stay, with their dates, statuses, results and sectors, so the yearly
figures still add up; what identifies the person (name, phone, email) and the free
texts that may mention them (notes, outcome) are replaced. These functions decide who
is due and what the replacement values are; the service writes them (and makes the
database forget the old bytes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

DEFAULT_RETENTION_MONTHS = 24

ANONYMOUS_FIRST_NAME = "Anonimo"
"""What an anonymised citizen is called in lists; the last name is «n. <id>» so two
anonymised citizens stay apart in a list without anything taken from the person."""


@dataclass(frozen=True)
class CitizenActivity:
    """One citizen as retention sees them.

    `registered_on` counts as contact for a citizen who never had an appointment
    (otherwise they would be kept for ever). `appointment_starts` are all their
    appointments, cancelled ones included: a cancellation is also contact.
    """

    citizen_id: int
    registered_on: date
    appointment_starts: tuple[datetime, ...] = field(default=())
    anonymized_on: date | None = None


def retention_cutoff(today: date, months: int = DEFAULT_RETENTION_MONTHS) -> date:
    """Citizens whose last contact is on or before this day are due.

    Calendar months (dateutil): 24 months before 31/03/2027 is 31/03/2025, and a day
    that does not exist (29 February) falls back to the month's last day.
    """
    if months < 1:
        raise ValueError("the retention period is at least one month")
    return today - relativedelta(months=months)


def last_contact(activity: CitizenActivity) -> date:
    return max([activity.registered_on, *(s.date() for s in activity.appointment_starts)])


def due_for_anonymisation(
    citizens: Iterable[CitizenActivity],
    today: date,
    months: int = DEFAULT_RETENTION_MONTHS,
) -> list[int]:
    """The ids of the citizens to anonymise on `today`, in id order.

    Never one already anonymised, and never one with an appointment today or later:
    the desk still has to meet them (and, were the retention setting ever shorter
    than the booking horizon, the date rule alone would not protect them).
    """
    cutoff = retention_cutoff(today, months)
    due = [
        c.citizen_id
        for c in citizens
        if c.anonymized_on is None
        and not any(s.date() >= today for s in c.appointment_starts)
        and last_contact(c) <= cutoff
    ]
    return sorted(due)


@dataclass(frozen=True)
class AnonymisedCitizen:
    """The values that replace a citizen's personal data.

    The consent date and notice version are kept: they are the house's proof that
    the notice was given, and say nothing about who the person was.
    """

    first_name: str
    last_name: str
    phone: None
    email: None
    anonymized_on: date


def anonymised_citizen(citizen_id: int, today: date) -> AnonymisedCitizen:
    return AnonymisedCitizen(
        first_name=ANONYMOUS_FIRST_NAME,
        last_name=f"n. {citizen_id}",
        phone=None,
        email=None,
        anonymized_on=today,
    )


@dataclass(frozen=True)
class AnonymisedAppointment:
    """The free texts of an anonymised citizen's appointment, emptied: the desk may
    have written the person's name or story there. Status, result, times, sectors,
    association and contact person stay, for the figures."""

    notes: str = ""
    outcome: str = ""
