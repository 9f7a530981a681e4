"""When an association may be enrolled (or its enrollment renewed)."""

from __future__ import annotations

from casedesk.domain.enums import AssociationStatus


def enroll_refusal(status: AssociationStatus, valid_this_year: str | None, year: int) -> str | None:
    """Why an association in `status` cannot be enrolled now; None if it can.

    `valid_this_year`: the number of a valid receipt it already has for `year`, if any.
    A `bozza` enrolls; an `iscritta` renews once a year (a second receipt in the same
    year is refused: cancel the wrong one first); `sospesa` and `cessata` do not.
    """
    if status is AssociationStatus.SOSPESA:
        return "L'associazione è sospesa: riattivala prima di rinnovare l'iscrizione."
    if status is AssociationStatus.CESSATA:
        return "L'associazione è cessata: riaprila come bozza per iscriverla di nuovo."
    if status is AssociationStatus.ISCRITTA and valid_this_year is not None:
        return (
            f"L'associazione è già iscritta per il {year} con la ricevuta {valid_this_year}; "
            "se quella ricevuta è sbagliata, un coordinatore la può annullare."
        )
    return None
