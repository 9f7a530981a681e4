"""The associations directory for citizens (`File › Stampa catalogo delle associazioni`).

Enrolled associations only, with the names of their contact persons who meet
citizens: a citizen books a meeting through the desk, so no private phone number
or e-mail is printed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from os import PathLike
from pathlib import Path

from sqlalchemy import select

from casedesk.db.models import Association, ContactPerson, House
from casedesk.domain.directory import DirectoryEntry
from casedesk.domain.enums import AssociationStatus
from casedesk.domain.receipt import ReceiptHouse
from casedesk.domain.text_search import sort_key
from casedesk.services.context import ServiceContext
from casedesk.services.enrollment import receipt_house
from casedesk.services.errors import NotFound
from casedesk.services.files import write_atomically
from casedesk.services.house import HOUSE_ID


def directory_entries(ctx: ServiceContext) -> tuple[ReceiptHouse, list[DirectoryEntry]]:
    """The house and its enrolled associations, by name."""
    ctx.require_operator()
    with ctx.db.read() as session:
        house = session.get(House, HOUSE_ID)
        if house is None:
            raise NotFound("I dati della Casa non sono ancora stati inseriti.")
        header = receipt_house(house.name, house.address, house.phone, house.email, house.logo_path)
        enrolled = Association.status == AssociationStatus.ISCRITTA
        contacts: dict[int, list[str]] = defaultdict(list)
        for aid, name in session.execute(
            select(ContactPerson.association_id, ContactPerson.name)
            .join(Association, Association.id == ContactPerson.association_id)
            .where(enrolled, ContactPerson.meets_citizens.is_(True))
            .order_by(ContactPerson.position, ContactPerson.id)
        ):
            contacts[aid].append(name)
        rows = session.execute(
            select(
                Association.id,
                Association.name,
                Association.sectors,
                Association.description,
                Association.seeking_volunteers,
            ).where(enrolled)
        ).all()
    entries = [
        DirectoryEntry(
            name=name,
            sectors=tuple(sectors or ()),
            description=description,
            seeking_volunteers=seeking,
            contacts=tuple(contacts.get(aid, ())),
        )
        for aid, name, sectors, description, seeking in rows
    ]
    entries.sort(key=lambda e: (sort_key(e.name), e.name))
    return header, entries


def write_directory(
    ctx: ServiceContext, path: str | PathLike[str], today: date | None = None
) -> int:
    """Write the directory PDF to `path` (temporary file, then rename); how many entries."""
    from casedesk.reports.directory import render_directory

    house, entries = directory_entries(ctx)
    pdf = render_directory(house, entries, today or ctx.today())
    write_atomically(Path(path), pdf)
    return len(entries)
