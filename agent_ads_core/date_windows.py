"""Cut requests the API would refuse into ones it accepts: date windows and id batches.

Analytics APIs cap the date range and the number of ids per request; splitting here, once,
lets every provider serve long ranges and long id lists as a single command whose rows
come back merged in order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import TypeVar

T = TypeVar("T")


def split_range(start: date, end: date, max_days: int) -> list[tuple[date, date]]:
    """Consecutive inclusive windows covering ``start..end``, each with ``(end - start).days <= max_days``."""
    if max_days < 0:
        raise ValueError(f"max_days must be >= 0, got {max_days}")
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    windows = []
    window_start = start
    while window_start <= end:
        window_end = min(window_start + timedelta(days=max_days), end)
        windows.append((window_start, window_end))
        window_start = window_end + timedelta(days=1)
    return windows


def batched(items: Sequence[T], size: int | None) -> Iterator[list[T]]:
    """Slices of at most ``size`` items (one slice when there is no limit)."""
    if not items:
        yield []
        return
    if size is None or size <= 0:
        yield list(items)
        return
    for i in range(0, len(items), size):
        yield list(items[i : i + size])
