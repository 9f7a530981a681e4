"""Demo data: a plausible Casa delle associazioni in Milan, generated from a seed.

Pure Python and deterministic: the same `seed` and `today` always give the same data.

- `records`: what is generated, one frozen record per row, field names = column names;
- `generator`: the associations with their boards and contact persons, and the whole run;
- `people`: invented names, phones, email and street addresses;
- `house_calendar`: rooms, closures, the house's events, weekly series and bookings;
- `appointments`: citizens and their appointments with contact persons;
- `papers`: the papers handed in, enrollments and receipts;
- `words`: the word lists (names, streets, descriptions, …), kept as JSON in `words/`.

The house's rules it follows live where they belong: holidays in domain.holidays,
opening hours in domain.opening_hours, tax codes in domain.associations, the privacy
notice in domain.privacy.
"""

from casedesk.domain.associations import entity_tax_code
from casedesk.domain.demo_data.generator import MAX_ASSOCIATIONS, generate
from casedesk.domain.demo_data.papers import PAPERS
from casedesk.domain.demo_data.records import (
    AppointmentData,
    AssociationData,
    BoardMemberData,
    BookingData,
    BookingSeriesData,
    CitizenData,
    ClosureData,
    ContactPersonData,
    DemoData,
    DocumentData,
    EnrollmentData,
    HouseData,
    OperatorData,
    RoomData,
)

__all__ = [
    "MAX_ASSOCIATIONS",
    "PAPERS",
    "AppointmentData",
    "AssociationData",
    "BoardMemberData",
    "BookingData",
    "BookingSeriesData",
    "CitizenData",
    "ClosureData",
    "ContactPersonData",
    "DemoData",
    "DocumentData",
    "EnrollmentData",
    "HouseData",
    "OperatorData",
    "RoomData",
    "entity_tax_code",
    "generate",
]
