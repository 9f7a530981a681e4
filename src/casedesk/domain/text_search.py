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


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _VANISH.sub("", stripped.casefold())
    return _SEPARATE.sub(" ", stripped).strip()


def haystack(parts: Iterable[str | None]) -> str:
    """One folded string holding every searchable field of a record."""
    return " ".join(fold(p) for p in parts if p)


def terms(query: str) -> list[str]:
    return fold(query).split()


def matches(hay: str, query_terms: list[str]) -> bool:
    return all(term in hay for term in query_terms)
