"""The core's analytics runner: date checks, windows, id batches, bounded concurrency, row order."""

from __future__ import annotations

import random
import threading
import time
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from agent_ads_core.analytics_runner import (
    DateWindow,
    batched,
    check_lookback,
    check_range,
    parse_date,
    run_analytics,
    split_range,
)
from agent_ads_core.declarations import AnalyticsSpec
from agent_ads_core.errors import ArgumentError

SPEC = AnalyticsSpec("acme", max_days={"*": 6, "HOUR": 1}, lookback_days={"*": 365, "HOUR": 8},
                     max_ids_per_request={"*": 2, "pin_ids": 1}, max_concurrency=3)
TODAY = date(2024, 6, 30)


def ctx(cap: int | None = None) -> SimpleNamespace:
    """What the runner reads of a ProviderContext: the concurrency cap, the platform's name, the status line."""
    return SimpleNamespace(max_concurrency=cap, info=SimpleNamespace(title="Acme"), progress=None)


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


@pytest.mark.parametrize("text", ["2024/01/01", "20240101", "2024-1-1", "yesterday", "2024-01-01T00:00", ""])
def test_parse_date_rejects_other_formats(text: str) -> None:
    with pytest.raises(ArgumentError) as info:
        parse_date(text, "--start-date")
    assert "--start-date" in info.value.message and "YYYY-MM-DD" in info.value.message


def test_parse_date_rejects_impossible_dates_and_accepts_iso() -> None:
    with pytest.raises(ArgumentError) as info:
        parse_date("2023-02-29", "--end-date")
    assert "--end-date" in info.value.message
    assert parse_date("2024-02-29", "--start-date") == date(2024, 2, 29)


def test_check_range_rejects_inverted_range_naming_the_flags() -> None:
    check_range(date(2024, 1, 1), date(2024, 1, 1))
    with pytest.raises(ArgumentError) as info:
        check_range(date(2024, 1, 2), date(2024, 1, 1), start_flag="--from", end_flag="--to")
    assert "--from" in info.value.message and "--to" in info.value.message


def test_lookback_error_names_the_oldest_allowed_date() -> None:
    today = date(2024, 6, 1)
    oldest = today - timedelta(days=90)
    check_lookback(oldest, today, 90)
    with pytest.raises(ArgumentError) as info:
        check_lookback(oldest - timedelta(days=1), today, 90, provider="acme")
    assert "2024-03-03" in info.value.message and "--start-date" in info.value.message and "acme" in info.value.message


def test_the_plan_is_windows_times_batches_of_every_named_id_list() -> None:
    run = run_analytics(ctx(), SPEC, start="2024-06-01", end="2024-06-10", granularity="DAY", today=TODAY,
                        ids={"campaign_ids": ["1", "2", "3"], "pin_ids": ["7", "8"], "ad_ids": None},
                        fetch=lambda window, ids: [])
    assert (run.windows, run.batches, run.requests) == (2, 4, 8)
    assert [w for w, _ in run.plan[:4]] == [DateWindow(date(2024, 6, 1), date(2024, 6, 7))] * 4
    assert [b for _, b in run.plan[:4]] == [
        {"campaign_ids": ["1", "2"], "pin_ids": ["7"]}, {"campaign_ids": ["1", "2"], "pin_ids": ["8"]},
        {"campaign_ids": ["3"], "pin_ids": ["7"]}, {"campaign_ids": ["3"], "pin_ids": ["8"]}]


@pytest.mark.parametrize(("start", "end", "granularity", "needle"), [
    ("2024-06-10", "2024-06-01", "DAY", "is after --end-date"),
    ("2023-01-01", "2023-01-02", "DAY", "too far back"),
    ("2024-06-01", "2024-06-02", "HOUR", "too far back"),  # HOUR looks back 8 days only
    ("2024-6-1", "2024-06-02", "DAY", "YYYY-MM-DD"),
])
def test_bad_ranges_fail_before_any_fetch(start, end, granularity, needle) -> None:
    fetched = []
    with pytest.raises(ArgumentError) as info:
        run_analytics(ctx(), SPEC, start=start, end=end, granularity=granularity, ids=None, today=TODAY,
                      fetch=lambda window, ids: fetched.append(window) or [])
    assert needle in info.value.message and fetched == []


def slow_fetch(active: list[int], peak: list[int], lock: threading.Lock):
    def fetch(window: DateWindow, ids: list[str]) -> list[dict]:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.02 * (3 - int(ids[0]) % 3))  # later requests finish first
        with lock:
            active[0] -= 1
        return [{"start": window.start.isoformat(), "id": i} for i in ids]

    return fetch


@pytest.mark.parametrize(("cap", "expected_peak"), [(None, 3), (2, 2), (1, 1)])
def test_requests_run_concurrently_up_to_the_limit_and_rows_keep_plan_order(cap, expected_peak) -> None:
    active, peak, lock = [0], [0], threading.Lock()
    run = run_analytics(ctx(cap), SPEC, start="2024-06-01", end="2024-06-14", granularity="DAY", today=TODAY,
                        ids=[str(i) for i in range(6)], fetch=slow_fetch(active, peak, lock))
    rows = list(run)
    assert run.requests == 2 * 3 and peak[0] == expected_peak
    expected = [{"start": w.start.isoformat(), "id": i} for w, batch in run.plan for i in batch]
    assert rows == expected and len(rows) == 2 * 6


def test_an_explicit_max_concurrency_is_still_capped_by_the_user() -> None:
    active, peak, lock = [0], [0], threading.Lock()
    run = run_analytics(ctx(1), SPEC, start="2024-06-01", end="2024-06-14", granularity="DAY", today=TODAY,
                        ids=["0", "1", "2"], fetch=slow_fetch(active, peak, lock), max_concurrency=5)
    list(run)
    assert run.concurrency == 1 and peak[0] == 1


def test_a_failing_request_stops_the_run_and_sends_no_more() -> None:
    calls: list[DateWindow] = []

    def fetch(window: DateWindow, ids: list[str]) -> list[dict]:
        calls.append(window)
        if len(calls) == 1:
            raise ArgumentError("boom")
        time.sleep(0.01)
        return [{}]

    run = run_analytics(ctx(2), SPEC, start="2024-01-01", end="2024-06-01", granularity="DAY", today=TODAY,
                        ids=None, fetch=fetch)
    with pytest.raises(ArgumentError):
        list(run)
    time.sleep(0.05)
    assert len(calls) <= 3 < run.requests  # the one that failed, the one in flight beside it, at most one more


@pytest.mark.parametrize(("declared", "user", "command", "expected"), [
    (8, None, None, 4),   # the default
    (2, None, None, 2),   # never above what the provider declares
    (8, 6, None, 6),      # --max-concurrency sets it
    (8, 20, None, 8),     # ... up to the provider's limit
    (8, None, 20, 8),     # a command's own choice is capped the same way
    (8, 3, 6, 3),         # the user's choice wins over the command's
])
def test_concurrency_is_the_users_or_4_never_above_the_providers_limit(declared, user, command, expected) -> None:
    spec = AnalyticsSpec("acme", max_days={"*": 0}, max_concurrency=declared)
    run = run_analytics(ctx(user), spec, start="2024-06-01", end="2024-06-02", granularity="DAY", today=TODAY,
                        ids=None, fetch=lambda window, ids: [], max_concurrency=command)
    assert run.concurrency == expected


def test_the_first_failure_is_raised_at_once_and_nothing_more_is_sent() -> None:
    """Requests 0 and 1 hang until the run has failed; request 2 fails first, request 1 fails later."""
    release = threading.Event()
    started: list[int] = []
    run = run_analytics(ctx(3), SPEC, start="2024-01-01", end="2024-03-01", granularity="DAY", today=TODAY,
                        ids=None, fetch=lambda window, ids: fetch(window))
    index = {window: i for i, (window, _) in enumerate(run.plan)}

    def fetch(window: DateWindow) -> list[dict]:
        n = index[window]
        started.append(n)
        if n == 2:
            raise ArgumentError("the first failure")
        release.wait(timeout=30)
        if n == 1:
            raise ArgumentError("a later failure")
        return [{"n": n}]

    with pytest.raises(ArgumentError, match="the first failure"):
        list(run)
    release.set()
    for worker in [t for t in threading.enumerate() if t.name.startswith("agent-ads-analytics")]:
        worker.join(timeout=30)
    assert 2 in started and set(started) <= {0, 1, 2} < set(range(run.requests))
