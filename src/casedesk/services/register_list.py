"""The printed register: the associations the desk has on screen, as plain lines and as PDF.

The UI passes the ids of the rows it shows, in their order (search, filters and sort
as on screen); this reads them again, so the sheet says what the database holds now.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from casedesk.db.models import Association, ContactPerson, House
from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.domain.receipt import ReceiptHouse
from casedesk.domain.register_list import RegisterLine
from casedesk.services.context import ServiceContext
from casedesk.services.enrollment import receipt_house
from casedesk.services.errors import NotFound
from casedesk.services.house import HOUSE_ID

# Ids per IN (…) list: well below SQLite's and PostgreSQL's limits on bound parameters.
_CHUNK = 900


def register_lines(
    ctx: ServiceContext, association_ids: Sequence[int]
) -> tuple[ReceiptHouse, list[RegisterLine]]:
    """The house and one line per association, in the order of `association_ids`;
    ids no longer in the register (deleted on another desk) are left out."""
    ctx.require_operator()
    wanted = list(dict.fromkeys(association_ids))
    found: dict[int, tuple[str, LegalForm, AssociationStatus, str]] = {}
    # The register's contact person: the first, as the register's column shows it.
    contacts: dict[int, tuple[str, str]] = {}
    with ctx.db.read() as session:
        house = session.get(House, HOUSE_ID)
        if house is None:
            raise NotFound("I dati della Casa non sono ancora stati inseriti.")
        header = receipt_house(house.name, house.address, house.phone, house.email, house.logo_path)
        conn = session.connection()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for aid, name, form, status, tax in conn.execute(
                select(
                    Association.id,
                    Association.name,
                    Association.legal_form,
                    Association.status,
                    Association.tax_code,
                ).where(Association.id.in_(chunk))
            ):
                found[aid] = (name, form, status, tax or "")
            for aid, person, phone in conn.execute(
                select(ContactPerson.association_id, ContactPerson.name, ContactPerson.phone)
                .where(ContactPerson.association_id.in_(chunk))
                .order_by(ContactPerson.id)
            ):
                contacts.setdefault(aid, (person, phone or ""))
    lines = []
    for aid in wanted:
        row = found.get(aid)
        if row is None:
            continue
        name, form, status, tax = row
        person, phone = contacts.get(aid, ("", ""))
        lines.append(
            RegisterLine(
                name=name,
                legal_form=form,
                status=status,
                tax_code=tax,
                contact_person=person,
                phone=phone,
            )
        )
    return header, lines


def register_pdf(
    ctx: ServiceContext,
    association_ids: Sequence[int],
    filter_text: str,
    today: date | None = None,
) -> bytes:
    """The «Elenco delle associazioni» PDF of `association_ids`, in that order."""
    from casedesk.reports.register import render_register

    house, lines = register_lines(ctx, association_ids)
    return render_register(house, lines, filter_text, today or ctx.today())
