"""The printed register («Elenco delle associazioni»): its lines and what the filter says.

Plain data for reports/register.py; the filter is described in words at the top of
the page, so that a sheet found on a desk says which associations it lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from casedesk.domain.enums import AssociationStatus, LegalForm


@dataclass(frozen=True)
class RegisterLine:
    """One association as the printed list shows it."""

    name: str
    legal_form: LegalForm
    status: AssociationStatus
    tax_code: str
    contact_person: str
    phone: str


def describe_filter(
    query: str = "",
    status: AssociationStatus | None = None,
    legal_form: LegalForm | None = None,
    sector: str | None = None,
    seeking_volunteers: bool = False,
) -> str:
    """«Tutte le associazioni.» or, e.g., «Associazioni con stato «Iscritta», forma
    giuridica «Comitato», che cercano volontari, trovate cercando «orti»."""
    parts = []
    if status is not None:
        parts.append(f"con stato «{status.label}»")
    if legal_form is not None:
        parts.append(f"con forma giuridica «{legal_form.label}»")
    if sector and sector.strip():
        parts.append(f"del settore «{sector.strip()}»")
    if seeking_volunteers:
        parts.append("che cercano volontari")
    words = " ".join(query.split())
    if words:
        parts.append(f"trovate cercando «{words}»")
    if not parts:
        return "Tutte le associazioni del registro."
    if len(parts) == 1:
        return f"Associazioni {parts[0]}."
    return f"Associazioni {', '.join(parts[:-1])} e {parts[-1]}."
