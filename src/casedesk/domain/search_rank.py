"""The order of the search's hits while the clerk types: the likeliest first.

A hit is a record every word of the search text is found in (any field, see
text_search). Hits are ranked by how the text matches the record's name:

0. the name starts with the text («Ortin» → «Ortinsieme APS»);
1. (several words) each starts a different word of the name, and the name starts
   with one of them («ami ets» → «Amici del Parco ETS», before «Cuore Amico ETS»);
2. every word of the text starts a different word of the name («ortin bre» →
   «Associazione Ortinsieme Brera»; «com comunita» needs two words starting so, as in
   «Comitato Salute è Comunità», not just «Comunità»); an elided article counts as
   a word of its own, so «arca» starts «L'Arca» and «ambrogio» «Sant'Ambrogio»;
3. every word of the text is inside the name, not at a word's start;
4. some word is only in the other fields (tax code, people, sectors, notes).

Within a rank the name with fewer words comes first (the text accounts for more of
it: «ASD Aurora» before «ASD Aurora Chiesa Rossa», which needs another word to be
told apart anyway), then the names in the register's Italian order (case-, accent-
and punctuation-insensitive, as text_search folds them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from casedesk.domain.text_search import fold, matches, terms


class NameMatch(IntEnum):
    NAME_START = 0
    WORDS_LEADING = 1
    WORD_START = 2
    IN_NAME = 3
    ELSEWHERE = 4


_ELISION = ("'", "’", "‘", "`", "´")

# Ranking visits every hit with Python-level string tests; below this share of the
# register it sorts the hits, above it walks the register in tie order once instead.
_SCAN_SHARE = 8

# A search of one short word («a», «co») hits most of the register, and the desk
# types such beginnings all day: the order of every record for such a word is kept
# (it depends on the names only), and a search picks its hits out of it in one walk.
_KEPT_LENGTH = 2
_KEPT_WORDS = 48


# Marks in word_starts' text (fold never leaves them): where the name begins, and
# where the parts of its elided words begin.
_BEGIN, _PARTS = "\x01 ", "\x02 "


def word_starts(name: str, folded: str | None = None) -> str:
    """The folded name with a space before each word, marked where it begins, and
    the parts of elided words: "L'Arca ODV" -> "\\x01 larca odv\\x02 l arca".
    A word of the search starts a word of the name when " " + word is in it; the
    name starts with a text when _BEGIN + text is. Tests with `in` only: in a pass
    over 20,000 names they cost half of str.startswith's method call.
    `folded`: fold(name), if known."""
    if folded is None:
        folded = fold(name)
    marked = _BEGIN + folded
    if any(mark in name for mark in _ELISION):
        whole = set(folded.split())
        parts = [w for w in fold(split_elisions(name)).split() if w not in whole]
        if parts:
            marked += _PARTS + " ".join(parts)
    return marked


def split_elisions(text: str) -> str:
    """Apostrophes become spaces: "L'Arca" -> "L Arca" (fold would join the words)."""
    for mark in _ELISION:
        text = text.replace(mark, " ")
    return text


def tie_key(name: str) -> tuple[int, str]:
    """Order within a rank: fewer words first, then Italian alphabetical order."""
    return _tie(fold(name))


def _tie(folded: str) -> tuple[int, str]:
    return (folded.count(" "), folded)  # fold leaves one space between words


def name_match(name: str, query_terms: Sequence[str]) -> NameMatch:
    """How the search's words (folded, see text_search.terms) match a hit's name."""
    return _match(fold(name), word_starts(name), " ".join(query_terms), query_terms)


def _match(folded: str, starts: str, phrase: str, query_terms: Sequence[str]) -> NameMatch:
    if folded.startswith(phrase):
        return NameMatch.NAME_START
    if all(" " + t in starts for t in query_terms) and (
        not _overlapping(query_terms) or _distinct_words(starts.split(), query_terms)
    ):
        if any(folded.startswith(t) for t in query_terms):
            return NameMatch.WORDS_LEADING
        return NameMatch.WORD_START
    if all(t in folded for t in query_terms):
        return NameMatch.IN_NAME
    return NameMatch.ELSEWHERE


def _overlapping(query_terms: Sequence[str]) -> bool:
    """Could two words of the search start the same word of a name? Only when one
    begins with the other ("com comunita", "di di")."""
    return any(
        j != i and b.startswith(a)
        for i, a in enumerate(query_terms)
        for j, b in enumerate(query_terms)
    )


def _distinct_words(words: list[str], query_terms: Sequence[str]) -> bool:
    """Each word of the search starts a different one of `words` (a search has a few
    words and a name a few more: plain backtracking, longest words placed first)."""
    if not query_terms:
        return True
    ordered = sorted(query_terms, key=len, reverse=True)
    term, others = ordered[0], ordered[1:]
    return any(
        word.startswith(term) and _distinct_words(words[:i] + words[i + 1 :], others)
        for i, word in enumerate(words)
    )


@dataclass(frozen=True)
class RankIndex:
    """What ranking needs of every record, computed once per list of records.

    Position p is the record's place in the caller's list: `names[p]` its folded
    name, `starts[p]` its word_starts, `tie[p]` its place in the tie order, and
    `by_tie` the positions in tie order.
    """

    names: tuple[str, ...]
    starts: tuple[str, ...]
    tie: tuple[int, ...]
    by_tie: tuple[int, ...]
    _kept: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, record_names: Sequence[str], folded: Sequence[str] | None = None) -> RankIndex:
        """`folded`, when given, is fold() of each name (the caller may have them)."""
        names = tuple(folded) if folded is not None else tuple(fold(n) for n in record_names)
        starts = tuple(word_starts(n, f) for n, f in zip(record_names, names, strict=True))
        by_tie = tuple(sorted(range(len(names)), key=lambda p: _tie(names[p])))
        tie = [0] * len(names)
        for place, position in enumerate(by_tie):
            tie[position] = place
        return cls(names, starts, tuple(tie), by_tie)

    def rank(self, hits: Iterable[int], query_terms: Sequence[str]) -> list[int]:
        """The positions `hits` (records matching every word), best first."""
        hits = hits if isinstance(hits, list) else list(hits)
        if not query_terms or not hits:
            return list(hits)
        if len(hits) * _SCAN_SHARE < len(self.names):
            return self._partition(sorted(hits, key=self.tie.__getitem__), query_terms)
        # Most of the register: one walk in tie order beats a keyed sort.
        shown = bytearray(len(self.names))
        for p in hits:
            shown[p] = 1
        if len(query_terms) == 1 and len(query_terms[0]) <= _KEPT_LENGTH:
            everyone = self._kept.pop(query_terms[0], None)
            if everyone is None:
                everyone = self._partition(list(self.by_tie), query_terms)
                if len(self._kept) >= _KEPT_WORDS:
                    del self._kept[next(iter(self._kept))]  # the least recently used
            self._kept[query_terms[0]] = everyone
            return [p for p in everyone if shown[p]]
        return self._partition([p for p in self.by_tie if shown[p]], query_terms)

    def _partition(self, ordered: list[int], query_terms: Sequence[str]) -> list[int]:
        """`ordered` (in tie order) by rank. Each rank is a filter over the previous
        one's leftovers; the tie order survives (list comprehensions keep it)."""
        names, starts = self.names, self.starts
        phrase = " ".join(query_terms)
        lead = _BEGIN + phrase
        first = [p for p in ordered if lead in starts[p]]
        rest = [p for p in ordered if lead not in starts[p]] if first else ordered
        prefixes = [" " + t for t in query_terms]
        if len(prefixes) == 1:
            prefix = prefixes[0]
            word = [p for p in rest if prefix in starts[p]]
            rest = [p for p in rest if prefix not in starts[p]] if word else rest
            term = query_terms[0]
            inside = [p for p in rest if term in names[p]]
            rest = [p for p in rest if term not in names[p]] if inside else rest
        else:
            word = [p for p in rest if all(s in starts[p] for s in prefixes)]
            if word and _overlapping(query_terms):
                word = [p for p in word if _distinct_words(starts[p].split(), query_terms)]
            if word:
                chosen = set(word)
                rest = [p for p in rest if p not in chosen]
                leads = [_BEGIN + t for t in query_terms]
                leading = [p for p in word if any(t in starts[p] for t in leads)]
                if leading:
                    led = set(leading)
                    word = leading + [p for p in word if p not in led]
            inside = [p for p in rest if all(t in names[p] for t in query_terms)]
            if inside:
                rest = [p for p in rest if not all(t in names[p] for t in query_terms)]
        return first + word + inside + rest


def ranked(names: Sequence[str], haystacks: Sequence[str], query: str) -> list[int]:
    """Indices of the records matching every word of `query`, best first.

    `haystacks[i]` is record i's folded search text (text_search.haystack), names
    included. An empty query matches nothing to rank: every index, in tie order.
    """
    query_terms = terms(query)
    index = RankIndex.of(names)
    hits = [i for i in index.by_tie if matches(haystacks[i], query_terms)]
    return index.rank(hits, query_terms)
