"""RequestLog: the newest requests only, every violation, copies out, safe across threads."""

from __future__ import annotations

import threading

from agent_ads_simulator_kit.request_log import RequestLog


def test_keeps_only_the_newest_requests_but_every_violation() -> None:
    log = RequestLog(max_requests=3)
    for number in range(5):
        log.request({"n": number})
        log.violation({"n": number})
    assert [entry["n"] for entry in log.requests()] == [2, 3, 4]
    assert [entry["n"] for entry in log.violations()] == [0, 1, 2, 3, 4]


def test_readers_get_copies() -> None:
    log = RequestLog()
    log.request({"query": {"a": "1"}})
    log.violation({"messages": ["bad"]})
    log.requests()[0]["query"]["a"] = "changed"
    log.violations()[0]["messages"].append("more")
    assert log.requests() == [{"query": {"a": "1"}}]
    assert log.violations() == [{"messages": ["bad"]}]


def test_clear_forgets_both() -> None:
    log = RequestLog()
    log.request({})
    log.violation({})
    log.clear()
    assert log.requests() == [] and log.violations() == []


def test_records_from_many_threads_lose_nothing() -> None:
    log = RequestLog(max_requests=100_000)

    def record(thread: int) -> None:
        for number in range(500):
            log.request({"thread": thread, "n": number})

    threads = [threading.Thread(target=record, args=(thread,)) for thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = log.requests()
    assert len(entries) == 4000
    assert len({(entry["thread"], entry["n"]) for entry in entries}) == 4000


def test_a_request_that_arrived_before_a_clear_is_not_recorded_after_it() -> None:
    """A handler held by a slow fault must not land in the next test's log once its client is gone."""
    log = RequestLog()
    arrived = threading.Event()
    cleared = threading.Event()

    def held_handler() -> None:
        log.begin()
        arrived.set()
        cleared.wait(5)
        log.request({"path": "/late"})
        log.violation({"path": "/late"})

    worker = threading.Thread(target=held_handler)
    worker.start()
    arrived.wait(5)
    log.clear()
    cleared.set()
    worker.join()
    log.begin()
    log.request({"path": "/fresh"})
    assert log.requests() == [{"path": "/fresh"}]
    assert log.violations() == []
