"""All tables of the schema; importing this package registers them on Base.metadata."""

from casedesk.db.models.appointments import Appointment, Citizen
from casedesk.db.models.associations import Association, BoardMember, ContactPerson
from casedesk.db.models.audit import AuditEvent
from casedesk.db.models.documents import AssociationDocument, DocumentRequirement
from casedesk.db.models.enrollment import Enrollment
from casedesk.db.models.house import House, Operator
from casedesk.db.models.rooms import Booking, BookingSeries, Closure, Room

__all__ = [
    "Appointment",
    "Association",
    "AssociationDocument",
    "AuditEvent",
    "BoardMember",
    "Booking",
    "BookingSeries",
    "Citizen",
    "Closure",
    "ContactPerson",
    "DocumentRequirement",
    "Enrollment",
    "House",
    "Operator",
    "Room",
]
