"""What the demo generator produces: plain frozen records whose field names are the columns.

Explicit ids let the service bulk-insert rows that refer to each other. Calendar
datetimes are naive Milan wall-clock times (see domain.calendar_time); `created_at` /
`updated_at` of associations are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from casedesk.domain.enums import (
    AppointmentStatus,
    AssociationStatus,
    BoardRole,
    BookingStatus,
    DocumentStatus,
    EnrollmentStatus,
    LegalForm,
    Role,
    RoomKind,
    RuntsSection,
)
from casedesk.domain.opening_hours import OpeningHours


@dataclass(frozen=True, slots=True)
class HouseData:
    name: str
    address: str
    phone: str
    email: str
    opening_hours: OpeningHours
    enrollment_validity_months: int | None  # the receipts' renewals follow it


@dataclass(frozen=True, slots=True)
class OperatorData:
    id: int
    full_name: str
    username: str
    password: str  # in clear: the service hashes it and shows it to whoever loads the demo
    role: Role


@dataclass(frozen=True, slots=True)
class AssociationData:
    id: int
    name: str
    legal_form: LegalForm
    runts_section: RuntsSection | None
    runts_number: str | None
    tax_code: str | None
    address: str
    email: str
    pec: str
    phone: str
    website: str
    sectors: tuple[str, ...]
    description: str
    seeking_volunteers: bool
    legal_representative: str
    status: AssociationStatus
    status_reason: str
    notes: str
    created_at: datetime  # aware, UTC
    updated_at: datetime  # aware, UTC


@dataclass(frozen=True, slots=True)
class BoardMemberData:
    id: int
    association_id: int
    name: str
    role: BoardRole
    since: date | None


@dataclass(frozen=True, slots=True)
class ContactPersonData:
    id: int
    association_id: int
    name: str
    phone: str
    email: str
    availability: str
    meets_citizens: bool


@dataclass(frozen=True, slots=True)
class RoomData:
    id: int
    name: str
    kind: RoomKind
    capacity: int
    equipment: str
    active: bool


@dataclass(frozen=True, slots=True)
class BookingSeriesData:
    id: int
    room_id: int
    association_id: int | None
    title: str
    first_start: datetime
    first_end: datetime
    rrule: str
    exceptions: tuple[str, ...]  # ISO start datetimes of occurrences left out
    expected_people: int | None


@dataclass(frozen=True, slots=True)
class BookingData:
    id: int
    room_id: int
    association_id: int | None  # None: an event of the house itself
    title: str
    start_at: datetime
    end_at: datetime
    expected_people: int | None
    status: BookingStatus
    series_id: int | None
    notes: str


@dataclass(frozen=True, slots=True)
class ClosureData:
    id: int
    room_id: int | None  # None: the whole house
    start_date: date
    end_date: date
    reason: str


@dataclass(frozen=True, slots=True)
class CitizenData:
    id: int
    name: str
    phone: str
    email: str
    consent_on: date | None
    privacy_notice_version: str | None


@dataclass(frozen=True, slots=True)
class AppointmentData:
    id: int
    citizen_id: int
    association_id: int
    contact_person_id: int | None
    start_at: datetime
    end_at: datetime
    room_id: int | None
    status: AppointmentStatus
    outcome: str
    notes: str


@dataclass(frozen=True, slots=True)
class DocumentData:
    """What the desk recorded for one paper (a row of association_document)."""

    id: int
    association_id: int
    requirement_code: str  # the catalogue's code; the service maps it to the row's id
    status: DocumentStatus
    received_on: date | None
    received_by_id: int | None  # operator
    note: str


@dataclass(frozen=True, slots=True)
class EnrollmentData:
    """An enrollment and what its receipt listed (the service builds the snapshot)."""

    id: int
    association_id: int
    year: int
    number: int
    enrolled_on: date
    operator_id: int
    status: EnrollmentStatus
    cancel_reason: str
    override_reason: str
    delivered: tuple[tuple[str, date], ...]  # (requirement code, date received)
    not_applicable: tuple[tuple[str, str], ...]  # (requirement code, reason)


@dataclass(frozen=True)
class DemoData:
    seed: int
    today: date
    house: HouseData
    operators: list[OperatorData]
    associations: list[AssociationData]
    board_members: list[BoardMemberData]
    contact_persons: list[ContactPersonData]
    rooms: list[RoomData]
    booking_series: list[BookingSeriesData]
    bookings: list[BookingData]
    closures: list[ClosureData]
    citizens: list[CitizenData]
    appointments: list[AppointmentData]
    documents: list[DocumentData] = field(default_factory=list)
    enrollments: list[EnrollmentData] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "operators": len(self.operators),
            "associations": len(self.associations),
            "board_members": len(self.board_members),
            "contact_persons": len(self.contact_persons),
            "rooms": len(self.rooms),
            "booking_series": len(self.booking_series),
            "bookings": len(self.bookings),
            "closures": len(self.closures),
            "citizens": len(self.citizens),
            "appointments": len(self.appointments),
            "documents": len(self.documents),
            "enrollments": len(self.enrollments),
        }
