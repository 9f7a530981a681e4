"""Ranking the search's hits: name start, word start, inside the name, elsewhere; ties
by fewer words, then Italian accent- and case-insensitive order."""

import pytest

from casedesk.domain.search_rank import NameMatch, RankIndex, name_match, ranked, tie_key
from casedesk.domain.text_search import haystack, terms


def names_ranked(records: list[tuple[str, ...]], query: str) -> list[str]:
    """`records`: (name, other fields...); the names of the hits, best first."""
    names = [r[0] for r in records]
    hays = [haystack(r) for r in records]
    return [names[i] for i in ranked(names, hays, query)]


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("Ortinsieme APS", "ortin", NameMatch.NAME_START),
        ("Ortinsieme APS", "ORTINSIEME a", NameMatch.NAME_START),  # the text as a whole
        ("Ortinsieme APS", "aps ortin", NameMatch.WORDS_LEADING),
        ("Amici del Parco ETS", "ami ets", NameMatch.WORDS_LEADING),
        ("Cuore Amico ETS", "ami ets", NameMatch.WORD_START),
        ("Associazione Ortinsieme", "ortin", NameMatch.WORD_START),
        ("Associazione Ortinsieme Brera", "brera ortin", NameMatch.WORD_START),  # any order
        ("Associazione Ortinsieme", "ortin asso", NameMatch.WORDS_LEADING),
        ("L'Arca ODV", "arca", NameMatch.WORD_START),  # the elided article is a word
        ("Sant'Ambrogio Solidale", "ambr", NameMatch.WORD_START),
        ("L'Arca ODV", "larca", NameMatch.NAME_START),
        ("Associazione Libertà", "berta", NameMatch.IN_NAME),
        ("Associazione Libertà", "liberta rossi", NameMatch.ELSEWHERE),
        ("Associazione Libertà", "sociale", NameMatch.ELSEWHERE),
    ],
)
def test_how_the_words_match_the_name(name, query, expected):
    assert name_match(name, terms(query)) is expected


def test_name_start_then_word_start_then_inside_then_other_fields():
    records = [
        ("Circolo Casa Comune", "note: casale"),  # word of the name
        ("Casa Comune ETS",),  # name starts with the text
        ("Associazione Nonni", "Giulia Casati"),  # only in another field
        ("Terra Comune", "via Casalegno"),  # only elsewhere
        ("Abbracasa",),  # inside a word of the name
    ]
    assert names_ranked(records, "casa") == [
        "Casa Comune ETS",
        "Circolo Casa Comune",
        "Abbracasa",
        "Associazione Nonni",
        "Terra Comune",
    ]


def test_ties_fewer_words_first_then_italian_order():
    records = [
        ("ASD Aurora Chiesa Rossa",),
        ("Gruppo Aurora",),
        ("associazione Àurora",),
        ("ASD Aurora",),
        ("Associazione Aurora Brera",),
    ]
    assert names_ranked(records, "aurora") == [
        "ASD Aurora",
        "associazione Àurora",  # accent and case do not count
        "Gruppo Aurora",
        "Associazione Aurora Brera",
        "ASD Aurora Chiesa Rossa",
    ]


def test_alphabetical_ignores_case_accents_and_apostrophes():
    assert tie_key("L'Arca") < tie_key("libertà") < tie_key("Lupo")
    assert tie_key("Èra") < tie_key("Etica")


def test_every_word_must_match_somewhere():
    records = [
        ("Associazione Libertà", "Mario Rossi"),
        ("Gruppo Libertà",),
        ("Rossi e figli",),
    ]
    assert names_ranked(records, "liberta rossi") == ["Associazione Libertà"]
    assert names_ranked(records, "liberta bianchi") == []


def test_several_words_rank_by_how_they_match_the_name():
    records = [
        ("Associazione Ortinsieme Brera", "sociale"),  # both words start words of the name
        ("Ortinsieme Brera APS",),  # the name starts with the text as typed
        ("Associazione Ortinsieme", "Siamo attivi a Brera"),  # brera only in the notes
        ("Rete Ortinsieme Brerati",),  # «brera» starts «Brerati»
        ("Ortinsieme Abrera",),  # «brera» inside a word
    ]
    assert names_ranked(records, "ortinsieme brera") == [
        "Ortinsieme Brera APS",
        "Associazione Ortinsieme Brera",
        "Rete Ortinsieme Brerati",
        "Ortinsieme Abrera",
        "Associazione Ortinsieme",
    ]
    # In another order: the name starting with one of the words first.
    assert names_ranked(records, "brera ortin")[:3] == [
        "Ortinsieme Brera APS",
        "Associazione Ortinsieme Brera",
        "Rete Ortinsieme Brerati",
    ]


def test_empty_query_keeps_every_record_in_tie_order():
    records = [("Zeta",), ("Alfa Beta",), ("Alfa",)]
    assert names_ranked(records, "") == ["Alfa", "Zeta", "Alfa Beta"]
    assert names_ranked(records, " ,. ") == ["Alfa", "Zeta", "Alfa Beta"]


@pytest.mark.parametrize("term", ["cas", "ca", "a"])
def test_a_few_hits_and_most_of_the_register_rank_alike(term):
    # Few hits are sorted, many are found by walking the register (for a short word,
    # in the order of every record, kept for the next search): the same order.
    names = [f"{word} {i}" for i, word in enumerate(["Casa", "Casale", "Incasato", "Villa"] * 50)]
    index = RankIndex.of(names)
    for share in (1, 2, 100, 1, 3):
        hits = [p for p in range(len(names)) if p % share == 0 and term in index.names[p]]
        expected = sorted(
            hits,
            key=lambda p: (name_match(names[p], [term]), tie_key(names[p])),
        )
        assert index.rank(hits, [term]) == expected
        assert index.rank(reversed(hits), [term]) == expected


def test_each_word_of_the_search_starts_a_different_word_of_the_name():
    # «com» and «comunita» cannot both start «Comunità»: the clerk meant «Comitato».
    assert name_match("Comitato Salute è Comunità", terms("sal com comunita")) is (
        NameMatch.WORDS_LEADING
    )
    assert name_match("Associazione Salute è Comunità", terms("sal com comunita")) is (
        NameMatch.IN_NAME
    )
    assert name_match("Comitato di quartiere di Brera", terms("di di")) is NameMatch.WORD_START
    assert name_match("Comitato di quartiere Brera", terms("di di")) is NameMatch.IN_NAME
    records = [("Associazione Salute è Comunità",), ("Comitato Salute è Comunità",)]
    assert names_ranked(records, "sal com comunita")[0] == "Comitato Salute è Comunità"
    # Elided words do not count twice: «L'Arca» is one word, or «l» and «arca».
    assert name_match("Associazione L'Arca", terms("asso asso")) is NameMatch.IN_NAME
    assert name_match("Associazione L'Arca", terms("l arca")) is NameMatch.WORD_START


@pytest.mark.parametrize(
    "query", ["a", "ca", "com", "di com", "com comunita", "sal com", "l arca", "ar", "zz"]
)
def test_the_bulk_ranking_orders_as_name_match_then_tie_key(query):
    names = [
        "Comitato Salute è Comunità",
        "Associazione Salute è Comunità",
        "Comitato di quartiere Comasina",
        "Casa Comune",
        "Associazione L'Arca",
        "L'Arca ODV",
        "Arcobaleno",
        "Comunità di Sant'Ambrogio",
        "Gruppo Scarpa",
    ] * 3
    index = RankIndex.of(names)
    query_terms = terms(query)
    hits = [p for p in range(len(names)) if all(t in index.names[p] for t in query_terms)]
    expected = sorted(hits, key=lambda p: (name_match(names[p], query_terms), tie_key(names[p])))
    assert index.rank(hits, query_terms) == expected


def test_kept_orders_are_few_and_the_least_recently_used_goes(monkeypatch):
    import casedesk.domain.search_rank as search_rank

    monkeypatch.setattr(search_rank, "_KEPT_WORDS", 2)
    names = ["Alfa", "Beta Alfa", "Casa Beta", "Delta"] * 10
    index = RankIndex.of(names)
    everyone = list(range(len(names)))
    for term in ("a", "b", "a", "c", "a"):
        expected = sorted(
            [p for p in everyone if term in index.names[p]],
            key=lambda p: (name_match(names[p], [term]), tie_key(names[p])),
        )
        hits = [p for p in everyone if term in index.names[p]]
        assert index.rank(hits, [term]) == expected
    assert sorted(index._kept) == ["a", "c"]  # «b» was the least recently used
