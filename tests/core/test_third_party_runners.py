"""A provider that is not Pinterest gets windowing, id batching, bounded concurrency and polling from the core.

``acme`` (tests/third_party) declares an AnalyticsSpec and a ReportSpec and writes only its
API calls; its fake API is served here by ``responses``, in-process, worker threads included.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import date, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

BASE = "https://api.acme.test/v1"


def utc_day(days_ago: int) -> str:
    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


class FakeStats:
    """Answers /v1/stats with one row per id, and records how many requests were in flight at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, request):
        query = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.calls.append((query["since"], query["until"], query.get("item_ids", "")))
        time.sleep(0.05)  # long enough for the runner's other workers to start theirs
        with self.lock:
            self.active -= 1
        rows = [{"since": query["since"], "item": item} for item in query.get("item_ids", "").split(",") if item]
        return 200, {"x-acme-rid": f"rid-{query['since']}"}, json.dumps({"rows": rows})


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.mark.parametrize(("extra", "peak"), [((), 3), (("--max-concurrency", "1"), 1)])
def test_stats_are_windowed_batched_run_concurrently_and_merged_in_order(app, api, extra, peak) -> None:
    stats = FakeStats()
    api.add_callback(responses.GET, BASE + "/stats", callback=stats)
    since, until = utc_day(60), utc_day(1)  # 59 days apart: two 30-day windows
    run = app("acme", "stats", "query", "--since", since, "--until", until, "--item-id", "a,b,c,d,e",
              "--envelope", *extra)
    assert run.code == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["meta"]["windows"] == 2 and out["meta"]["batches"] == 3 and out["meta"]["requests"] == 6
    assert len(stats.calls) == 6 and stats.peak == peak
    second = (date.fromisoformat(since) + timedelta(days=31)).isoformat()
    assert sorted({c[0] for c in stats.calls}) == [since, second]
    assert sorted(c[2] for c in stats.calls) == ["a,b", "a,b", "c,d", "c,d", "e", "e"]
    # deterministic order whatever order the answers came in: window by window, then batch by batch
    assert [(r["since"], r["item"]) for r in out["data"]] == [
        (window, item) for window in (since, second) for item in "abcde"]


def test_a_range_reaching_past_the_lookback_sends_nothing(app, api) -> None:
    stats = FakeStats()
    api.add_callback(responses.GET, BASE + "/stats", callback=stats)
    run = app("acme", "stats", "query", "--since", utc_day(400), "--until", utc_day(1))
    assert run.code == 2 and "--since" in run.stderr and "too far back" in run.stderr
    assert stats.calls == []


def add_export(api: responses.RequestsMock, states: list[str]) -> list[str]:
    answers = iter(states)
    polled: list[str] = []

    def status(request):
        state = next(answers, states[-1])
        polled.append(state)
        return 200, {}, json.dumps({"state": state, "progress": 50})

    api.add(responses.POST, BASE + "/exports", json={"export_id": "e-1"})
    api.add_callback(responses.GET, BASE + "/exports/e-1", callback=status)
    api.add(responses.GET, BASE + "/exports/e-1/rows", json={"rows": [{"n": 1}, {"n": 2}], "next_page": 2},
            match=[responses.matchers.query_param_matcher({"page": "1"})])
    api.add(responses.GET, BASE + "/exports/e-1/rows", json={"rows": [{"n": 3}], "next_page": None},
            match=[responses.matchers.query_param_matcher({"page": "2"})])
    return polled


def test_an_export_is_submitted_polled_to_done_and_its_pages_streamed(app, api) -> None:
    polled = add_export(api, ["QUEUED", "RUNNING", "DONE"])
    run = app("acme", "exports", "run", "--envelope")
    assert run.code == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["data"] == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert polled == ["QUEUED", "RUNNING", "DONE"] and out["meta"]["polls"] == 3
    assert run.stderr == ""  # the status line is drawn only for a person at a terminal


def test_an_export_past_its_deadline_exits_1_with_the_command_that_resumes_it(app, api) -> None:
    add_export(api, ["RUNNING"])
    run = app("acme", "exports", "run", "--wait-timeout-seconds", "0.05")
    assert run.code == 1 and run.stdout == ""
    error = json.loads(run.stderr.splitlines()[-1])["error"]
    assert error["type"] == "transport" and error["hint"] == "resume with 'agent-ads acme exports run --export-id e-1'"


def test_a_failed_export_exits_with_acmes_api_code(app, api) -> None:
    add_export(api, ["RUNNING", "FAILED"])
    run = app("acme", "exports", "run")
    assert run.code == 9 and json.loads(run.stderr.splitlines()[-1])["error"]["code"] == "FAILED"
