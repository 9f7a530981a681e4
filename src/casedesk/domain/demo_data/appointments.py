"""Citizens who came to meet an association, and their appointments with its contact person."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from casedesk.domain.demo_data.house_calendar import HouseCalendar, days_between
from casedesk.domain.demo_data.people import People
from casedesk.domain.demo_data.records import (
    AppointmentData,
    AssociationData,
    CitizenData,
    ContactPersonData,
)
from casedesk.domain.demo_data.words import Words
from casedesk.domain.enums import AppointmentStatus
from casedesk.domain.opening_hours import within_opening_hours
from casedesk.domain.privacy import PRIVACY_NOTICE_VERSION

APPOINTMENT_LENGTH = timedelta(minutes=30)


def make_citizens_and_appointments(
    rng: random.Random,
    words: Words,
    people: People,
    calendar: HouseCalendar,
    *,
    first: date,
    end: date,
    associations: list[AssociationData],
    contact_persons: list[ContactPersonData],
    contact_windows: dict[int, tuple[tuple[int, ...], tuple[time, time]]],
) -> tuple[list[CitizenData], list[AppointmentData]]:
    """About three citizens for every four associations, most with an appointment or two.

    Appointments fall in the windows when the contact person meets citizens, on days the
    house is open; some take the interview room when it is free.
    """
    today = calendar.today
    n = len(associations)
    citizens: list[CitizenData] = []
    appointments: list[AppointmentData] = []
    n_citizens = max(10, round(n * 0.75)) if n else 0
    target = round(n_citizens * 1.3)
    by_weekday: dict[int, list[date]] = {}
    for day in days_between(first, end):
        if calendar.is_open(day):
            by_weekday.setdefault(day.weekday(), []).append(day)

    association_of = {c.id: c.association_id for c in contact_persons}
    seeking = {a.id for a in associations if a.seeking_volunteers}
    eligible = list(contact_windows)
    eager = [c for c in eligible if association_of[c] in seeking]
    interview_room = calendar.rooms[words.interview_room]

    first_seen: dict[int, date] = {}
    busy: set[tuple[str, int, datetime]] = set()
    citizen_ids = list(range(1, n_citizens + 1))
    for k in range(target if eligible else 0):
        citizen_id = citizen_ids[k] if k < n_citizens else rng.choice(citizen_ids)
        for _attempt in range(12):
            pool = eager if eager and rng.random() < 0.8 else eligible
            contact_id = rng.choice(pool)
            weekdays, (w0, w1) = contact_windows[contact_id]
            dates = by_weekday.get(rng.choice(weekdays))
            if not dates:
                continue
            day = rng.choice(dates)
            slots = int(
                (datetime.combine(day, w1) - datetime.combine(day, w0)) / APPOINTMENT_LENGTH
            )
            start = datetime.combine(day, w0) + APPOINTMENT_LENGTH * rng.randrange(slots)
            stop = start + APPOINTMENT_LENGTH
            if ("c", contact_id, start) in busy or ("p", citizen_id, start) in busy:
                continue
            if not within_opening_hours(calendar.hours, start, stop):
                continue
            busy.add(("c", contact_id, start))
            busy.add(("p", citizen_id, start))
            room_id = None
            if rng.random() < 0.35 and calendar.can_book(interview_room.id, start, stop):
                calendar.take(interview_room.id, start, stop)
                room_id = interview_room.id
            roll = rng.random()
            notes = rng.choice(words.appointment_notes) if rng.random() < 0.08 else ""
            if day < today:
                if roll < 0.72:
                    status = AppointmentStatus.HELD
                    outcome = rng.choice(words.outcomes_held).format(
                        start=day + timedelta(days=rng.randint(3, 14))
                    )
                elif roll < 0.9:
                    status, outcome = (
                        AppointmentStatus.NO_SHOW,
                        rng.choice(words.outcomes_no_show),
                    )
                else:
                    status, outcome = (
                        AppointmentStatus.CANCELLED,
                        rng.choice(words.outcomes_cancelled),
                    )
            elif roll < 0.92:
                status, outcome = AppointmentStatus.SCHEDULED, ""
            else:
                status, outcome = (
                    AppointmentStatus.CANCELLED,
                    rng.choice(words.outcomes_cancelled),
                )
            appointments.append(
                AppointmentData(
                    id=len(appointments) + 1,
                    citizen_id=citizen_id,
                    association_id=association_of[contact_id],
                    contact_person_id=contact_id,
                    start_at=start,
                    end_at=stop,
                    room_id=room_id,
                    status=status,
                    outcome=outcome,
                    notes=notes,
                )
            )
            if citizen_id not in first_seen or day < first_seen[citizen_id]:
                first_seen[citizen_id] = day
            break

    for citizen_id in citizen_ids:
        name = people.person(world_share=0.25)
        has_phone = rng.random() < 0.85
        email = people.personal_email(name) if not has_phone or rng.random() < 0.6 else ""
        seen = min(first_seen.get(citizen_id, today), today)
        consent = seen - timedelta(days=rng.randint(0, 5))
        citizens.append(
            CitizenData(
                id=citizen_id,
                name=name,
                phone=people.mobile() if has_phone else "",
                email=email,
                consent_on=consent,
                privacy_notice_version=PRIVACY_NOTICE_VERSION,
            )
        )
    return citizens, appointments
