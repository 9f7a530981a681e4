"""Building an entity's tax code (demo data and tests use it): the rules check what it builds."""

from __future__ import annotations

import pytest
from stdnum.it import iva

from casedesk.domain.associations import MILAN_OFFICE_CODE, check_tax_code, entity_tax_code
from casedesk.domain.enums import LegalForm


@pytest.mark.parametrize("serial", [1, 42, 399_999, 9_600_000, 9_999_999])
def test_entity_tax_codes_are_valid_milan_codes(serial: int) -> None:
    code = entity_tax_code(serial)
    assert len(code) == 11 and code.isdigit()
    assert code[:7] == f"{serial:07d}" and code[7:10] == MILAN_OFFICE_CODE
    assert iva.is_valid(code)
    assert check_tax_code(code, LegalForm.ASSOCIAZIONE_RICONOSCIUTA) == (None, None)


def test_another_office() -> None:
    code = entity_tax_code(1234, office="001")
    assert code[7:10] == "001" and iva.is_valid(code)


def test_known_code() -> None:
    # The Comune di Milano's own tax code: serial 0119925, office 015, check digit 8.
    assert entity_tax_code(119_925) == "01199250158"
