"""A model of the desk's typing, for the search benchmark: the keys a clerk types
until the association she wants is the first row of the register.

The clerk knows the wanted name and, from working at the desk, the register's
names: which of their words are common («Associazione», «Comitato», «di»,
«quartiere») and which tell a name apart. She does not know how the search ranks
its hits. She types:

1. the words of the name in `NameWords.word_order`: first the word the fewest of
   the register's names share; then the word the fewest of the names sharing the
   words so far share; and so on (ties: the word that comes first in the name);
2. of each word its beginning, one letter at a time, looking after each key
   whether the association is now the first row: at most BEGINNING letters, then
   a space and the next word. She moves on sooner when, in the names on screen,
   what she typed begins no word but hers (`word_settled`, on the first SCREEN
   rows): more letters of it could not tell apart anything she sees;
3. the last word whole, if its beginning was not enough.

She stops as soon as the association is the first row. The keys counted are the
letters and spaces typed; None when even the whole of the last word does not
bring it to the top.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from casedesk.domain.search_rank import split_elisions
from casedesk.domain.text_search import fold

# "The beginning of a word": what a clerk types before looking at the list. Fixed
# beforehand, not tuned on the results.
BEGINNING = 3
# The rows she sees without scrolling (the register at 1366×768 shows about 24).
SCREEN = 20


def clerk_words(name: str) -> list[str]:
    """The words of a name as typed: folded, elided articles split off
    ("L'Arca ODV" -> ["l", "arca", "odv"]), each once, in the name's order."""
    return list(dict.fromkeys(fold(split_elisions(name)).split()))


class NameWords:
    """The register's names as the clerk knows them: which names hold each word."""

    def __init__(self, names: Sequence[str]) -> None:
        holders: dict[str, set[int]] = {}
        for index, name in enumerate(names):
            for word in clerk_words(name):
                holders.setdefault(word, set()).add(index)
        self._holders = {word: frozenset(found) for word, found in holders.items()}
        self._everyone = frozenset(range(len(names)))

    def word_order(self, name: str) -> list[str]:
        """The words of `name`, the one that best tells it apart first (see module doc)."""
        left = clerk_words(name)
        sharing = self._everyone
        order: list[str] = []
        while left:
            # min() keeps the first of equal candidates: the earlier word in the name.
            word = min(left, key=lambda w: len(sharing & self._holders.get(w, frozenset())))
            order.append(word)
            left.remove(word)
            sharing = sharing & self._holders.get(word, frozenset())
        return order


def word_settled(shown: Sequence[str], typed: str, word: str) -> bool:
    """True when, among the names on screen (the first SCREEN of `shown`), the only
    word that begins with what she is typing (the last word of `typed`) is `word`
    itself: more letters of it could not tell apart anything she sees."""
    beginning = clerk_words(typed)[-1:] or [""]
    completions = {
        w for name in shown[:SCREEN] for w in clerk_words(name) if w.startswith(beginning[0])
    }
    return completions == {word}


def keys_to_first(
    words: Sequence[str],
    is_first: Callable[[str], bool],
    beginning: int = BEGINNING,
    settled: Callable[[str, str], bool] | None = None,
) -> int | None:
    """Keys typed until `is_first(text in the search box)` holds (see module doc).

    `settled(text, word)`, when given, tells whether the list shown for `text` leaves
    nothing for more letters of `word` to narrow (see `word_settled`)."""
    typed = ""
    for position, word in enumerate(words):
        if typed:
            typed += " "  # changes no word of the search: nothing new to look at
        last = position == len(words) - 1
        for letter in word if last else word[:beginning]:
            typed += letter
            if is_first(typed):
                return len(typed)
            if not last and settled is not None and settled(typed, word):
                break
    return None
