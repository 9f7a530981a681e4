"""Columns for overlapping bookings: examples and properties."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.domain.rooms.overlap_layout import Placement, layout

DAY = datetime(2026, 12, 9, 8)


def q(n: int) -> datetime:
    return DAY + timedelta(minutes=15 * n)


def test_no_overlap_means_full_width() -> None:
    got = layout([("a", q(0), q(4)), ("b", q(4), q(8))])  # back to back
    assert got == {"a": Placement(0, 1), "b": Placement(0, 1)}


def test_a_cluster_shares_its_width_and_reuses_freed_columns() -> None:
    # a 8-10, b 9-11, c 10-12 (a's column is free again at 10), d 13-14 alone.
    got = layout([("c", q(8), q(16)), ("a", q(0), q(8)), ("b", q(4), q(12)), ("d", q(20), q(24))])
    assert got["a"] == Placement(0, 2)
    assert got["b"] == Placement(1, 2)
    assert got["c"] == Placement(0, 2)
    assert got["d"] == Placement(0, 1)


def test_three_at_once_need_three_columns_and_the_longest_goes_left() -> None:
    got = layout([(1, q(0), q(2)), (2, q(0), q(8)), (3, q(1), q(3))])
    assert got[2].column == 0
    assert {p.columns for p in got.values()} == {3}


def test_empty_day() -> None:
    assert layout([]) == {}


blocks = st.lists(
    st.tuples(st.integers(0, 56), st.integers(1, 16)).map(lambda t: (q(t[0]), q(t[0] + t[1]))),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(ranges=blocks)
def test_layout_properties(ranges: list[tuple[datetime, datetime]]) -> None:
    items = [(i, s, e) for i, (s, e) in enumerate(ranges)]
    got = layout(items)
    assert set(got) == set(range(len(items)))

    def overlap(a: tuple[int, datetime, datetime], b: tuple[int, datetime, datetime]) -> bool:
        return a[1] < b[2] and b[1] < a[2]

    for a in items:
        pa = got[a[0]]
        assert 0 <= pa.column < pa.columns
        for b in items:
            if a[0] < b[0] and overlap(a, b):
                pb = got[b[0]]
                assert pa.column != pb.column  # never drawn on top of each other
                assert pa.columns == pb.columns  # same cluster, same width
    # Clusters by hand (connected through overlaps): each is exactly as wide as the most
    # of its bookings present at one instant, so no block is narrower than it must be.
    cluster = list(range(len(items)))

    def root(i: int) -> int:
        while cluster[i] != i:
            i = cluster[i]
        return i

    for a in items:
        for b in items:
            if overlap(a, b):
                cluster[root(a[0])] = root(b[0])
    for i, _, _ in items:
        members = [m for m in items if root(m[0]) == root(i)]
        peak = max(sum(1 for _, s2, e2 in members if s2 <= s < e2) for _, s, _ in members)
        assert got[i].columns == peak
