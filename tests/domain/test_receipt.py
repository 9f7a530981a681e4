"""Receipt numbers and file names, written once (domain.receipt)."""

from __future__ import annotations

from casedesk.domain.receipt import parse_receipt_number, pdf_filename, saved_pdf_name


def test_the_saved_name_carries_the_archived_name() -> None:
    assert saved_pdf_name(2026, 7) == "ricevuta-" + pdf_filename(2026, 7)
    assert saved_pdf_name(2026, 7, duplicate=True) == "ricevuta-2026-0007-duplicato.pdf"
    stem = saved_pdf_name(2026, 123).removeprefix("ricevuta-").removesuffix(".pdf")
    assert parse_receipt_number(stem) == (2026, 123)
