"""The rules of an appointment: what may be booked, and how its status may change.

`check_appointment` takes plain facts the service reads (inside the writing
transaction, so that two desks booking the same contact person at once are both
checked against what is really there) and returns Italian messages per field.
`change_status` is the only way a status moves: scheduled → held (with a result),
no_show, or cancelled (by whom, why). Nothing becomes a no-show by itself:
`stale_scheduled` lists the appointments the desk still has to close.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from casedesk.domain.availability import (
    AvailabilityException,
    AvailabilityWindow,
    describe_windows,
    is_away,
    within_windows,
)
from casedesk.domain.calendar_time import format_datetime
from casedesk.domain.enums import AppointmentResult, AppointmentStatus, CancelledBy
from casedesk.domain.validation import FieldError

# Statuses that hold the contact person's time; a cancelled appointment frees it. A
# no-show holds it too: the contact person waited, and a booking over it would
# rewrite what happened.
HOLDS_TIME = frozenset(
    {AppointmentStatus.SCHEDULED, AppointmentStatus.HELD, AppointmentStatus.NO_SHOW}
)


@dataclass(frozen=True)
class OtherAppointment:
    """Another appointment of the same contact person, as the double-booking check needs it."""

    id: int
    start: datetime
    end: datetime
    status: AppointmentStatus


@dataclass(frozen=True)
class AppointmentFacts:
    """Everything `check_appointment` looks at, read by the service.

    `appointment_id` is None for a new appointment and the id when editing one (so
    it is not a double booking with itself). `outside_reason` is the reason the
    operator typed for booking outside the contact person's windows.
    """

    start: datetime
    end: datetime
    now: datetime
    association_enrolled: bool
    contact_meets_citizens: bool
    windows: Sequence[AvailabilityWindow]
    exceptions: Sequence[AvailabilityException] = ()
    others: Sequence[OtherAppointment] = ()
    citizen_phone: str | None = None
    citizen_email: str | None = None
    citizen_consent_on: date | None = None
    appointment_id: int | None = None
    outside_reason: str = ""


@dataclass(frozen=True)
class AppointmentCheck:
    """`errors` stop the booking; `warnings` are shown and the booking goes ahead."""

    errors: tuple[FieldError, ...] = ()
    warnings: tuple[FieldError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def clashes(
    start: datetime, end: datetime, others: Iterable[OtherAppointment], own_id: int | None = None
) -> list[OtherAppointment]:
    """The contact person's appointments that overlap [start, end) and still hold the time.

    Touching is not overlapping: 10:00-10:30 and 10:30-11:00 may both be booked.
    """
    return sorted(
        (
            o
            for o in others
            if o.id != own_id and o.status in HOLDS_TIME and o.start < end and start < o.end
        ),
        key=lambda o: (o.start, o.id),
    )


def check_appointment(facts: AppointmentFacts) -> AppointmentCheck:
    """Italian messages per field for a new or moved appointment.

    Fields: `association`, `contact_person`, `start`, `citizen`, `outside_reason`.
    Outside the windows (or during an absence) is a warning, because the contact
    person may have agreed to it on the phone; the operator must then say why.
    """
    errors: list[FieldError] = []
    warnings: list[FieldError] = []
    if not facts.association_enrolled:
        errors.append(
            FieldError(
                "association",
                "L'associazione non è iscritta alla Casa: non si possono fissare appuntamenti.",
            )
        )
    if not facts.contact_meets_citizens:
        errors.append(
            FieldError(
                "contact_person", "Questo referente non incontra i cittadini: sceglierne un altro."
            )
        )
    # The windows are only worth checking for a sane time range: one error at a time.
    times_ok = facts.start < facts.end and facts.start.date() == facts.end.date()
    if not facts.start < facts.end:
        errors.append(FieldError("start", "L'appuntamento deve finire dopo l'inizio."))
    elif facts.start.date() != facts.end.date():
        errors.append(
            FieldError("start", "L'appuntamento deve iniziare e finire nello stesso giorno.")
        )
    if facts.start < facts.now:
        errors.append(
            FieldError("start", f"L'orario {format_datetime(facts.start)} è già passato.")
        )
    for other in clashes(facts.start, facts.end, facts.others, facts.appointment_id)[:1]:
        errors.append(
            FieldError(
                "start",
                "Il referente ha già un appuntamento dalle "
                f"{other.start:%H:%M} alle {other.end:%H:%M} di quel giorno.",
                ref_id=other.id,
            )
        )
    if not (facts.citizen_phone or "").strip() and not (facts.citizen_email or "").strip():
        errors.append(FieldError("citizen", "Serve un telefono o un'email del cittadino."))
    if facts.citizen_consent_on is None:
        errors.append(
            FieldError(
                "citizen", "Registrare prima la consegna dell'informativa privacy al cittadino."
            )
        )
    if times_ok:
        outside = not within_windows(facts.windows, facts.start, facts.end)
        away = is_away(facts.exceptions, facts.start, facts.end)
        if outside or away:
            if away:
                text = "In quell'orario il referente è assente."
            elif facts.windows:
                text = (
                    f"Fuori dalla disponibilità del referente ({describe_windows(facts.windows)})."
                )
            else:
                text = "Il referente non ha orari di disponibilità registrati."
            warnings.append(FieldError("start", text))
            if not facts.outside_reason.strip():
                errors.append(
                    FieldError(
                        "outside_reason",
                        "Indicare perché si fissa fuori dalla disponibilità del referente.",
                    )
                )
    return AppointmentCheck(tuple(errors), tuple(warnings))


# --- status -----------------------------------------------------------------------------

TRANSITIONS: dict[AppointmentStatus, frozenset[AppointmentStatus]] = {
    AppointmentStatus.SCHEDULED: frozenset(
        {AppointmentStatus.HELD, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED}
    ),
    AppointmentStatus.HELD: frozenset(),
    AppointmentStatus.NO_SHOW: frozenset(),
    AppointmentStatus.CANCELLED: frozenset(),
}
"""The only status changes the desk may make. Final states stay final: a mistake is
corrected by a coordinator in the record, with its audit event, not by the desk."""


class TransitionError(ValueError):
    """A status change the rules forbid; the message is Italian, for the desk."""

    def __init__(self, field_error: FieldError) -> None:
        super().__init__(field_error.message)
        self.field_error = field_error


@dataclass(frozen=True)
class StatusChange:
    """The values to write on the appointment after a permitted change."""

    status: AppointmentStatus
    result: AppointmentResult | None = None
    cancelled_by: CancelledBy | None = None
    cancel_reason: str | None = field(default=None)


def change_status(
    current: AppointmentStatus,
    target: AppointmentStatus,
    *,
    start: datetime,
    now: datetime,
    result: AppointmentResult | None = None,
    cancelled_by: CancelledBy | None = None,
    reason: str = "",
) -> StatusChange:
    """The new values for an appointment moving from `current` to `target`, or TransitionError.

    held needs a result; cancelled needs who and why; a result or a cancellation
    reason is refused on any other status, so the figures never count an «interested»
    that was not held. held and no_show need the appointment to have started: the
    desk cannot know either before then. Cancelling is allowed before or after.
    """
    if target not in TRANSITIONS[current]:
        raise TransitionError(
            FieldError(
                "status",
                f"Un appuntamento «{current.label}» non può diventare «{target.label}».",
            )
        )
    if target is not AppointmentStatus.HELD and result is not None:
        raise TransitionError(
            FieldError("result", "L'esito si registra solo per un appuntamento svolto.")
        )
    if target is not AppointmentStatus.CANCELLED and (cancelled_by is not None or reason.strip()):
        raise TransitionError(
            FieldError("cancelled_by", "Chi annulla e il motivo valgono solo per un annullamento.")
        )
    if target in (AppointmentStatus.HELD, AppointmentStatus.NO_SHOW) and start > now:
        raise TransitionError(
            FieldError(
                "status",
                f"L'appuntamento inizia il {format_datetime(start)}: non è ancora avvenuto.",
            )
        )
    if target is AppointmentStatus.HELD:
        if result is None:
            raise TransitionError(FieldError("result", "Indicare l'esito dell'incontro."))
        return StatusChange(target, result=result)
    if target is AppointmentStatus.CANCELLED:
        if cancelled_by is None:
            raise TransitionError(
                FieldError("cancelled_by", "Indicare chi annulla l'appuntamento.")
            )
        if not reason.strip():
            raise TransitionError(
                FieldError("cancel_reason", "Indicare il motivo dell'annullamento.")
            )
        return StatusChange(target, cancelled_by=cancelled_by, cancel_reason=reason.strip())
    return StatusChange(target)


@dataclass(frozen=True)
class AppointmentRow:
    """The least `stale_scheduled` needs about an appointment."""

    id: int
    start: datetime
    status: AppointmentStatus


def stale_scheduled(appointments: Iterable[AppointmentRow], today: date) -> list[AppointmentRow]:
    """Appointments of days before `today` still «Programmato», oldest first.

    Not only yesterday's: one the desk forgot last week must still be closed, or the
    figures would count it as pending forever.
    """
    return sorted(
        (
            a
            for a in appointments
            if a.status is AppointmentStatus.SCHEDULED and a.start.date() < today
        ),
        key=lambda a: (a.start, a.id),
    )
