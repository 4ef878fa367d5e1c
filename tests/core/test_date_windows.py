"""The core's date windows and id batches."""

import random
from datetime import date, timedelta

import pytest

from agent_ads_core.date_windows import batched, split_range


def test_split_range_window_length_matches_the_spec_reading() -> None:
    # "Cannot be more than 90 days past start_date": end = start + 90 is one request.
    start = date(2024, 1, 1)
    assert split_range(start, start + timedelta(days=90), 90) == [(start, start + timedelta(days=90))]
    assert len(split_range(start, start + timedelta(days=91), 90)) == 2


def test_split_range_covers_any_range_exactly() -> None:
    rng = random.Random(20240101)
    for _ in range(500):
        start = date(2020, 1, 1) + timedelta(days=rng.randrange(2000))
        end = start + timedelta(days=rng.randrange(400))
        max_days = rng.choice([0, 1, 3, 30, 90, 186])
        windows = split_range(start, end, max_days)
        assert windows[0][0] == start and windows[-1][1] == end
        for (_, e), (next_s, _) in zip(windows, windows[1:], strict=False):
            assert next_s == e + timedelta(days=1)  # contiguous, no overlap
        for s, e in windows:
            assert s <= e and (e - s).days <= max_days
        covered = sum((e - s).days + 1 for s, e in windows)
        assert covered == (end - start).days + 1
        # minimal: every window but the last is as long as allowed
        assert all((e - s).days == max_days for s, e in windows[:-1])


def test_split_range_rejects_inverted_range() -> None:
    with pytest.raises(ValueError):
        split_range(date(2024, 1, 2), date(2024, 1, 1), 90)


def test_batched_respects_the_limit_and_keeps_order() -> None:
    assert list(batched(["1", "2", "3", "4", "5"], 2)) == [["1", "2"], ["3", "4"], ["5"]]
    assert list(batched(["1", "2"], None)) == [["1", "2"]]
    assert list(batched([], 3)) == [[]]
