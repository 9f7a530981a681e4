"""What an enrollment at the house means over time, and when one may be made.

The coordinator sets how long an enrollment lasts (house.enrollment_validity_months):
a number of months, or None for "until revoked". An enrolled association whose last
valid receipt has run out stays `iscritta` in the database, and is shown as «da
rinnovare»: a state derived from the receipt's date, the validity and today, never
stored (it changes by itself at midnight, and when the coordinator changes the
validity). Renewing it is enrolling again: a new receipt with the next number, whose
validity runs from its own date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casedesk.domain.checklist import expires_on
from casedesk.domain.enums import AssociationStatus

# A yearly renewal: what the desks did before the setting existed, and a receipt dated
# in the calendar year reads naturally as «l'iscrizione per il 2026».
DEFAULT_VALIDITY_MONTHS = 12
MAX_VALIDITY_MONTHS = 120

RENEWAL_DUE_LABEL = "Da rinnovare"


@dataclass(frozen=True)
class LastReceipt:
    """The association's most recent receipt that is not cancelled."""

    number: str  # "2026/0007"
    enrolled_on: date


def enrollment_ends_on(enrolled_on: date, validity_months: int | None) -> date | None:
    """The first day an enrollment made on `enrolled_on` no longer holds; None: it holds
    until revoked. The same month arithmetic as a paper's validity (31 January + 1 month
    is 28 or 29 February)."""
    if validity_months is None:
        return None
    return expires_on(enrolled_on, validity_months)


def renewal_due(
    status: AssociationStatus,
    last_enrolled_on: date | None,
    validity_months: int | None,
    today: date,
) -> bool:
    """True when an enrolled association's last receipt has run out («da rinnovare»).

    Suspended and ceased associations are not due: their status says more. An
    `iscritta` without any valid receipt (data from before receipts were kept) is not
    flagged either: there is no date to run out from.
    """
    if status is not AssociationStatus.ISCRITTA or last_enrolled_on is None:
        return False
    ends = enrollment_ends_on(last_enrolled_on, validity_months)
    return ends is not None and today >= ends


def is_renewal(status: AssociationStatus, last: LastReceipt | None) -> bool:
    """Enrolling it now renews an enrollment (rather than making the first one)."""
    return status is AssociationStatus.ISCRITTA and last is not None


def enroll_refusal(
    status: AssociationStatus,
    last: LastReceipt | None,
    validity_months: int | None,
    today: date,
) -> str | None:
    """Why an association in `status` cannot be enrolled (or renewed) today; None if it can.

    A `bozza` enrolls (first time, after a cancelled receipt, or reopened after ceasing).
    An `iscritta` renews only once its last valid receipt has run out; where enrollment
    lasts until revoked it never needs to. A wrong receipt is not replaced by a second
    one: a coordinator cancels it, and the association is a `bozza` again.
    `sospesa` and `cessata` do not enroll.
    """
    if status is AssociationStatus.SOSPESA:
        return "L'associazione è sospesa: riattivala prima di rinnovare l'iscrizione."
    if status is AssociationStatus.CESSATA:
        return "L'associazione è cessata: riaprila come bozza per iscriverla di nuovo."
    if status is not AssociationStatus.ISCRITTA or last is None:
        return None
    receipt = f"ricevuta {last.number} del {last.enrolled_on:%d/%m/%Y}"
    wrong = "Se quella ricevuta è sbagliata, un coordinatore la può annullare."
    ends = enrollment_ends_on(last.enrolled_on, validity_months)
    if ends is None:
        return (
            f"L'associazione è già iscritta ({receipt}) e l'iscrizione vale fino a revoca: "
            f"non va rinnovata. {wrong}"
        )
    if today < ends:
        return (
            f"L'associazione è iscritta ({receipt}) e l'iscrizione scade il "
            f"{ends:%d/%m/%Y}: da quel giorno si potrà rinnovare. {wrong}"
        )
    return None


def validity_problem(months: int | None) -> str | None:
    """Why `months` is not a valid enrollment validity (None: it is; None months too)."""
    if months is None:
        return None
    if not 1 <= months <= MAX_VALIDITY_MONTHS:
        return (
            f"La durata dell'iscrizione va da 1 a {MAX_VALIDITY_MONTHS} mesi, "
            "oppure «fino a revoca»."
        )
    return None
