"""The associations directory: the booklet for citizens of the enrolled associations.

Only what a citizen may read: name, sectors, description, whether the association
looks for volunteers, and the names of its contact persons who meet citizens
(booked through the desk; never their private phone numbers or e-mails).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casedesk.domain.text_search import sort_key

OTHER_SECTOR = "Altro"


@dataclass(frozen=True)
class DirectoryEntry:
    name: str
    sectors: tuple[str, ...]
    description: str
    seeking_volunteers: bool
    contacts: tuple[str, ...]


def _by_name(entry: DirectoryEntry) -> tuple[str, str]:
    """The register's order; names equal but for case or accents, by the text."""
    return (sort_key(entry.name), entry.name)


def group_by_sector(entries: Iterable[DirectoryEntry]) -> list[tuple[str, list[DirectoryEntry]]]:
    """Sectors in order, each with its associations in name order.

    An association in several sectors appears under each; one with none under «Altro»,
    which comes last.
    """
    groups: dict[str, list[DirectoryEntry]] = {}
    for entry in entries:
        sectors = {s.strip() for s in entry.sectors if s.strip()} or {OTHER_SECTOR}
        for sector in sectors:
            groups.setdefault(sector, []).append(entry)
    ordered = sorted(groups, key=lambda s: (s == OTHER_SECTOR, sort_key(s), s))
    return [(sector, sorted(groups[sector], key=_by_name)) for sector in ordered]
