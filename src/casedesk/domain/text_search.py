"""Search text folding: case-, accent- and punctuation-insensitive matching.

"liberta" finds "Libertà", "larca" finds "L'Arca"; several words narrow the search.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Apostrophes and dots vanish ("L'Arca" -> "larca", "O.D.V." -> "odv"); other
# punctuation separates words.
_VANISH = re.compile(r"['’‘`´.]")
_SEPARATE = re.compile(r"[^\w]+")


# Combining marks left by NFKD decomposition (accents, cedillas, …).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    # Plain ASCII (most names) skips the Unicode work: this runs for every row of
    # the register at start-up.
    if text.isascii():
        lowered = text.lower()
    else:
        lowered = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return _SEPARATE.sub(" ", _VANISH.sub("", lowered)).strip()


def sort_key(text: str) -> str:
    """Where `text` goes in an alphabetical list: the order of the register and of
    every other list of names. Case, accents and apostrophes are ignored
    («associazione…» sits with «Associazione…», «Éco» beside «eco», «L'Arca» with
    «Larca»). Names equal but for those keep their order (Python's sort is stable);
    a list that needs a fixed order for them adds the text as a second key."""
    return fold(text)


def haystack(parts: Iterable[str | None]) -> str:
    """One folded string holding every searchable field of a record."""
    return fold(" ".join(p for p in parts if p))


def terms(query: str) -> list[str]:
    return fold(query).split()


def matches(hay: str, query_terms: list[str]) -> bool:
    return all(term in hay for term in query_terms)
