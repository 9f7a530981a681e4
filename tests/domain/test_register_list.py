"""The filter of the printed register, in words."""

from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.domain.register_list import describe_filter


def test_no_filter_is_the_whole_register() -> None:
    assert describe_filter() == "Tutte le associazioni del registro."
    assert describe_filter("   ", sector=" ") == "Tutte le associazioni del registro."


def test_one_filter() -> None:
    assert describe_filter(status=AssociationStatus.ISCRITTA) == (
        "Associazioni con stato «Iscritta»."
    )
    assert describe_filter("  orti   condivisi ") == (
        "Associazioni trovate cercando «orti condivisi»."
    )


def test_every_filter_together() -> None:
    assert describe_filter(
        "parco",
        AssociationStatus.SOSPESA,
        LegalForm.COMITATO,
        "ambientale",
        seeking_volunteers=True,
    ) == (
        "Associazioni con stato «Sospesa», con forma giuridica «Comitato», del settore "
        "«ambientale», che cercano volontari e trovate cercando «parco»."
    )
