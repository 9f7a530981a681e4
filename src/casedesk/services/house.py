"""Reading and editing the house's details (one row)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.db.models import House
from casedesk.domain import opening_hours
from casedesk.domain.house import HouseDetails, validate_house
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.errors import NotFound, ValidationFailed

HOUSE_ID = 1
_AUDITED = [
    "name",
    "address",
    "phone",
    "email",
    "opening_hours",
    "logo_path",
    "enrollment_validity_months",
]


def _details(house: House) -> HouseDetails:
    return HouseDetails(
        name=house.name,
        address=house.address,
        phone=house.phone,
        email=house.email,
        opening_hours=opening_hours.from_json(house.opening_hours),
        logo_path=house.logo_path,
        enrollment_validity_months=house.enrollment_validity_months,
    )


def _apply(house: House, details: HouseDetails) -> None:
    house.name = details.name.strip()
    house.address = details.address.strip()
    house.phone = details.phone.strip()
    house.email = details.email.strip()
    house.opening_hours = opening_hours.to_json(details.opening_hours)
    house.logo_path = details.logo_path
    house.enrollment_validity_months = details.enrollment_validity_months


def house_exists(session: Session) -> bool:
    return session.get(House, HOUSE_ID) is not None


def create_house(session: Session, ctx: ServiceContext, details: HouseDetails) -> House:
    """Part of the first-run set-up transaction (services.setup)."""
    errors = validate_house(details)
    if errors:
        raise ValidationFailed(errors)
    house = House(id=HOUSE_ID, settings={})
    _apply(house, details)
    session.add(house)
    return house


def get_house(ctx: ServiceContext) -> HouseDetails:
    with ctx.db.read() as session:
        house = session.get(House, HOUSE_ID)
        if house is None:
            raise NotFound("I dati della Casa non sono ancora stati inseriti.")
        return _details(house)


def update_house(ctx: ServiceContext, details: HouseDetails) -> HouseDetails:
    ctx.require_coordinator()
    errors = validate_house(details)
    if errors:
        raise ValidationFailed(errors)
    with ctx.db.write() as session:
        house = session.get(House, HOUSE_ID)
        if house is None:
            raise NotFound("I dati della Casa non sono ancora stati inseriti.")
        before = audit.fields_of(house, _AUDITED)
        _apply(house, details)
        after = audit.fields_of(house, _AUDITED)
        old, new = audit.changed(before, after)
        if new:
            audit.record(session, ctx, "house.update", "house", HOUSE_ID, old, new)
        return _details(house)


def enrollment_validity(session: Session) -> int | None:
    """How long an enrollment lasts, in months (None: until revoked, or no house yet)."""
    return session.scalar(select(House.enrollment_validity_months).where(House.id == HOUSE_ID))


def house_settings(ctx: ServiceContext) -> dict[str, Any]:
    with ctx.db.read() as session:
        house = session.get(House, HOUSE_ID)
        return dict(house.settings) if house else {}
