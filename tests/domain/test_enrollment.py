"""What an enrollment means over time: when it runs out, when it may be renewed."""

from __future__ import annotations

from datetime import date

import pytest

from casedesk.domain.enrollment import (
    MAX_VALIDITY_MONTHS,
    LastReceipt,
    enroll_refusal,
    enrollment_ends_on,
    is_renewal,
    renewal_due,
    validity_problem,
)
from casedesk.domain.enums import AssociationStatus as S

RECEIPT = LastReceipt("2026/0003", date(2026, 3, 4))


def test_a_yearly_enrollment_ends_on_the_same_day_a_year_later() -> None:
    assert enrollment_ends_on(date(2026, 3, 4), 12) == date(2027, 3, 4)
    # The month arithmetic of the calendar, not 30-day months.
    assert enrollment_ends_on(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert enrollment_ends_on(date(2027, 12, 31), 2) == date(2028, 2, 29)


def test_until_revoked_never_ends() -> None:
    assert enrollment_ends_on(date(2020, 1, 1), None) is None
    assert not renewal_due(S.ISCRITTA, date(2000, 1, 1), None, date(2026, 12, 2))


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2027, 3, 3), False),  # the last day it holds
        (date(2027, 3, 4), True),  # the first day it does not
        (date(2029, 1, 1), True),
    ],
)
def test_renewal_is_due_from_the_day_it_ends(today: date, due: bool) -> None:
    assert renewal_due(S.ISCRITTA, RECEIPT.enrolled_on, 12, today) is due


@pytest.mark.parametrize("status", [S.BOZZA, S.SOSPESA, S.CESSATA])
def test_only_an_enrolled_association_is_due(status: S) -> None:
    assert not renewal_due(status, date(2020, 1, 1), 12, date(2026, 12, 2))


def test_enrolled_without_a_receipt_is_not_flagged() -> None:
    assert not renewal_due(S.ISCRITTA, None, 12, date(2026, 12, 2))


def test_a_draft_enrolls() -> None:
    assert enroll_refusal(S.BOZZA, None, 12, date(2026, 12, 2)) is None
    assert not is_renewal(S.BOZZA, None)


@pytest.mark.parametrize(("status", "word"), [(S.SOSPESA, "sospesa"), (S.CESSATA, "cessata")])
def test_suspended_and_ceased_do_not_enroll(status: S, word: str) -> None:
    message = enroll_refusal(status, RECEIPT, 12, date(2030, 1, 1))
    assert message is not None and word in message


def test_an_enrollment_still_valid_is_not_renewed_and_the_message_says_when() -> None:
    message = enroll_refusal(S.ISCRITTA, RECEIPT, 12, date(2027, 3, 3))
    assert message is not None
    assert "2026/0003 del 04/03/2026" in message
    assert "scade il 04/03/2027" in message
    assert "annullare" in message


def test_an_enrollment_run_out_is_renewed() -> None:
    assert enroll_refusal(S.ISCRITTA, RECEIPT, 12, date(2027, 3, 4)) is None
    assert is_renewal(S.ISCRITTA, RECEIPT)


def test_a_second_receipt_in_the_same_year_where_enrollment_is_short() -> None:
    # Three months: renewed in June after a March receipt; the calendar year plays no part.
    assert enroll_refusal(S.ISCRITTA, RECEIPT, 3, date(2026, 6, 4)) is None
    assert enroll_refusal(S.ISCRITTA, RECEIPT, 3, date(2026, 6, 3)) is not None


def test_until_revoked_never_needs_renewing() -> None:
    message = enroll_refusal(S.ISCRITTA, RECEIPT, None, date(2040, 1, 1))
    assert message is not None and "fino a revoca" in message


def test_enrolled_without_a_receipt_may_enroll() -> None:
    # Data from before receipts were kept: nothing to run out, so a receipt can be made.
    assert enroll_refusal(S.ISCRITTA, None, 12, date(2026, 12, 2)) is None
    assert not is_renewal(S.ISCRITTA, None)


@pytest.mark.parametrize(
    ("months", "ok"),
    [
        (None, True),
        (1, True),
        (MAX_VALIDITY_MONTHS, True),
        (0, False),
        (-3, False),
        (MAX_VALIDITY_MONTHS + 1, False),
    ],
)
def test_validity_is_some_months_or_until_revoked(months: int | None, ok: bool) -> None:
    assert (validity_problem(months) is None) is ok
