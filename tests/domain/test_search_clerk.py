"""The simulated clerk of the search benchmark: which words she types, and the keys."""

from casedesk.domain.search_clerk import (
    BEGINNING,
    SCREEN,
    NameWords,
    clerk_words,
    keys_to_first,
    word_settled,
)


def test_clerk_words_are_folded_once_with_elisions_split():
    assert clerk_words("L'Arca di Sant’Ambrogio, ODV") == [
        "l",
        "arca",
        "di",
        "sant",
        "ambrogio",
        "odv",
    ]
    assert clerk_words("Comitato di quartiere di Brera") == ["comitato", "di", "quartiere", "brera"]
    assert clerk_words("Libertà") == ["liberta"]


def test_the_rarest_word_first_then_what_tells_it_apart_from_the_others():
    register = NameWords(
        [
            "Associazione Aurora Brera",
            "Associazione Aurora Isola",
            "Comitato Aurora Brera",
            "Associazione Libertà Brera",
            "Associazione Libertà Isola",
            "Associazione Ponte",
        ]
    )
    # aurora: 3 names, brera: 3 (the earlier in the name wins the tie), associazione: 5.
    # Of the three Aurora names two say Associazione and two Brera: the earlier
    # word again; brera then tells it from Associazione Aurora Isola.
    assert register.word_order("Associazione Aurora Brera") == ["aurora", "associazione", "brera"]
    assert register.word_order("Comitato Aurora Brera") == ["comitato", "aurora", "brera"]
    assert register.word_order("Associazione Ponte") == ["ponte", "associazione"]
    # A name not in the register: its unknown words are the rarest.
    assert register.word_order("Associazione Nuova") == ["nuova", "associazione"]


def test_keys_count_letters_and_spaces_until_first():
    typed: list[str] = []

    def first_at(text: str):
        def is_first(query: str) -> bool:
            typed.append(query)
            return query == text

        return is_first

    assert keys_to_first(["aurora", "brera"], first_at("au")) == 2
    assert typed == ["a", "au"]
    typed.clear()
    # The beginning of each word, a space, the next; the last one whole.
    assert keys_to_first(["aurora", "brera"], first_at("aur brera")) == 9
    assert typed == ["a", "au", "aur", "aur b", "aur br", "aur bre", "aur brer", "aur brera"]
    assert len("aur") == BEGINNING


def test_never_first_is_none():
    assert keys_to_first(["aurora", "brera"], lambda _text: False) is None
    assert keys_to_first([], lambda _text: True) is None


def test_a_shorter_beginning_types_fewer_letters_per_word():
    seen: list[str] = []

    def never(text: str) -> bool:
        seen.append(text)
        return False

    keys_to_first(["aurora", "di", "brera"], never, beginning=2)
    assert seen[-1] == "au di brera"


def test_a_word_is_settled_when_no_other_word_on_screen_begins_like_it():
    shown = ["Orti Riuniti", "Associazione Ortinsieme", "Ortinsieme Affori"]
    assert not word_settled(shown, "or", "ortinsieme")  # «Orti» begins so too
    assert word_settled(shown, "ortin", "ortinsieme")
    assert word_settled(shown[1:], "or", "ortinsieme")
    # A name found through another field (a contact, a note) shows no such word.
    assert word_settled(["Circolo Verde", *shown[1:]], "or", "ortinsieme")
    assert not word_settled([], "or", "ortinsieme")
    # Only the screen counts: a name below it does not keep her typing.
    below = ["Ortinsieme"] * SCREEN + ["Orti Riuniti"]
    assert word_settled(below, "or", "ortinsieme")
    # The word being typed is the last of the search.
    assert word_settled(["Ortinsieme Affori"], "ortinsieme af", "affori")


def test_a_settled_word_sends_her_to_the_next_word_sooner():
    typed: list[str] = []

    def never(text: str) -> bool:
        typed.append(text)
        return False

    keys_to_first(["ortinsieme", "affori"], never, settled=lambda text, word: text == "or")
    assert typed[:3] == ["o", "or", "or a"]
    typed.clear()
    keys_to_first(["ortinsieme", "affori"], never)  # without looking: three letters
    assert typed[:4] == ["o", "or", "ort", "ort a"]


def test_the_last_word_is_typed_on_even_when_settled():
    keys = keys_to_first(
        ["brera"], lambda text: text == "brera", settled=lambda _text, _word: True
    )
    assert keys == 5
