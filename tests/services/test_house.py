from datetime import time

import pytest
from sqlalchemy import select

from casedesk.db.models import AuditEvent
from casedesk.services.errors import PermissionDenied, ValidationFailed
from casedesk.services.house import get_house, update_house


def test_update_house_records_only_changed_fields(coordinator):
    details = get_house(coordinator)
    details.phone = "02 1234567"
    details.opening_hours[5] = [(time(9, 0), time(12, 0))]
    update_house(coordinator, details)
    again = get_house(coordinator)
    assert again.phone == "02 1234567"
    assert again.opening_hours[5] == [(time(9, 0), time(12, 0))]
    with coordinator.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "house.update")).one()
    assert set(event.after) == {"phone", "opening_hours"}
    assert event.before["phone"] == ""


def test_bad_email_is_refused(coordinator):
    details = get_house(coordinator)
    details.email = "non-una-email"
    with pytest.raises(ValidationFailed) as info:
        update_house(coordinator, details)
    assert info.value.for_field("email")
    assert get_house(coordinator).email == ""


def test_only_coordinators_edit_the_house(operator):
    with pytest.raises(PermissionDenied):
        update_house(operator, get_house(operator))


def test_the_enrollment_validity_is_set_and_audited(coordinator):
    assert get_house(coordinator).enrollment_validity_months == 12  # a new house: a year
    details = get_house(coordinator)
    details.enrollment_validity_months = None  # until revoked
    update_house(coordinator, details)
    assert get_house(coordinator).enrollment_validity_months is None
    with coordinator.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "house.update")).one()
    assert event.before == {"enrollment_validity_months": 12}
    assert event.after == {"enrollment_validity_months": None}
    details.enrollment_validity_months = 0
    with pytest.raises(ValidationFailed) as info:
        update_house(coordinator, details)
    assert info.value.for_field("enrollment_validity_months")
