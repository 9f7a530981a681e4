"""Columns for drawing one room's overlapping bookings side by side (co-working).

The classic calendar layout: bookings that overlap, directly or through others, form
a cluster; each gets the leftmost column free at its start, and every booking of a
cluster is drawn 1/columns wide, where columns is the cluster's width. Greedy by
start time uses as few columns as the most bookings present at one instant, so the
blocks are as wide as they can be. Pure, so the painted view only multiplies.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Placement:
    """Draw the block at x = column / columns of the lane, width 1 / columns."""

    column: int
    columns: int


def layout(blocks: Iterable[tuple[K, datetime, datetime]]) -> dict[K, Placement]:
    """(key, start, end) → Placement per key. Back-to-back blocks do not overlap.

    Ties are broken by start, then longer first, then input order, so the same day
    is always drawn the same way.
    """
    ordered = sorted(
        enumerate(blocks), key=lambda item: (item[1][1], -(item[1][2] - item[1][1]), item[0])
    )
    out: dict[K, Placement] = {}
    cluster: list[tuple[K, int]] = []
    column_ends: list[datetime] = []  # per column, when its last block ends
    cluster_end: datetime | None = None

    def close_cluster() -> None:
        width = len(column_ends)
        for key, column in cluster:
            out[key] = Placement(column, width)
        cluster.clear()
        column_ends.clear()

    for _, (key, start, end) in ordered:
        if cluster_end is not None and start >= cluster_end:
            close_cluster()
            cluster_end = None
        for column, column_end in enumerate(column_ends):
            if column_end <= start:
                column_ends[column] = end
                break
        else:
            column = len(column_ends)
            column_ends.append(end)
        cluster.append((key, column))
        cluster_end = end if cluster_end is None else max(cluster_end, end)
    close_cluster()
    return out
