"""The status line: drawn only for a person at a terminal, redrawn in place, erased when the wait ends."""

from __future__ import annotations

import io
from types import SimpleNamespace

from agent_ads_core.analytics_runner import run_analytics
from agent_ads_core.declarations import AnalyticsSpec, ReportSpec
from agent_ads_core.pagination import Page, Paginator
from agent_ads_core.progress import ERASE_LINE, Progress
from agent_ads_core.report_runner import ReportCalls, ReportRunner, ReportStatus


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0  # every reading is a second later: no redraw is throttled
        return self.now


def test_off_a_terminal_or_when_quiet_or_verbose_nothing_is_written() -> None:
    for stream, quiet, verbose in [(io.StringIO(), False, 0), (Tty(), True, 0), (Tty(), False, 1)]:
        progress = Progress.for_stream(stream, quiet=quiet, verbose=verbose, width=80)
        progress.listing(1, 10)
        progress.clear()
        assert stream.getvalue() == ""


def test_one_line_redrawn_in_place_then_erased() -> None:
    stream = Tty()
    progress = Progress(stream, enabled=True, width=44, clock=Clock())
    progress.requests(2, 12, rows=1)
    progress.report("report abc", "IN_PROGRESS", 3.2, percent=40)
    progress.clear()
    progress.clear()  # nothing left to erase
    assert stream.getvalue() == (ERASE_LINE + "agent-ads: request 3 of 12 (1 row so far)"
                                 + ERASE_LINE + "agent-ads: report abc: IN_PROGRESS, 40%, 3…" + ERASE_LINE)
    assert "\n" not in stream.getvalue()


def test_redraws_are_throttled_but_the_first_of_a_wait_is_not() -> None:
    stream = Tty()
    progress = Progress(stream, enabled=True, clock=lambda: 5.0)
    progress.download(1536, 10)
    progress.download(4096, 20)  # same instant: skipped
    progress.clear()
    progress.download(2 * 1024 * 1024, 30)
    assert stream.getvalue().split(ERASE_LINE)[1:] == ["agent-ads: downloading: 1.5 KB, 10 rows", "",
                                                        "agent-ads: downloading: 2.0 MB, 30 rows"]


def test_a_long_listing_shows_each_page_wait_and_leaves_nothing_behind() -> None:
    stream = Tty()
    progress = Progress(stream, enabled=True, clock=Clock())
    seen = []

    def fetch(request):
        seen.append(stream.getvalue().rsplit(ERASE_LINE, 1)[-1])  # what is on screen during the request
        return Page([1, 2], f"next-{len(seen)}" if len(seen) < 3 else None)  # a cursor that advances

    pages = list(Paginator(fetch, "bookmark", fetch_all=True, progress=progress).pages())
    assert pages == [[1, 2]] * 3
    assert seen == [f"agent-ads: fetching page {n} ({items} items so far)" for n, items in ((1, 0), (2, 2), (3, 4))]
    assert stream.getvalue().endswith(ERASE_LINE)


def test_report_waits_show_the_state_and_erase_it_when_done() -> None:
    stream = Tty()
    states = iter(["PENDING", "IN_PROGRESS", "FINISHED"])
    spec = ReportSpec("acme", success_states=frozenset({"FINISHED"}), failure_states=frozenset({"FAILED"}),
                      poll_interval_seconds=1, wait_timeout_seconds=60)
    calls = ReportCalls(submit=lambda: "t1", status=lambda token: ReportStatus(next(states)),
                        results=lambda token, status: [], resume_command=lambda token: "resume")
    ctx = SimpleNamespace(progress=Progress(stream, enabled=True, clock=Clock()))
    outcome = ReportRunner(ctx, spec, calls, sleep=lambda _: None, clock=Clock()).wait("t1")
    assert outcome.state == "FINISHED"
    drawn = stream.getvalue().split(ERASE_LINE)
    assert drawn[1].startswith("agent-ads: report t1: PENDING") and drawn[2].startswith("agent-ads: report t1: IN_")
    assert drawn[-1] == ""


def test_split_analytics_shows_request_n_of_m_while_each_is_awaited() -> None:
    stream = Tty()
    seen = []

    def fetch(window, ids):
        seen.append(stream.getvalue().rsplit(ERASE_LINE, 1)[-1])
        return [{"ids": ids}]

    spec = AnalyticsSpec("acme", max_days={"*": 0}, max_ids_per_request=1)
    ctx = SimpleNamespace(max_concurrency=None, info=SimpleNamespace(title="Acme"),
                          progress=Progress(stream, enabled=True, clock=Clock()))
    from datetime import date

    run = run_analytics(ctx, spec, start=date(2024, 1, 1), end=date(2024, 1, 1), granularity="DAY",
                        ids=["a", "b", "c"], fetch=fetch, today=date(2024, 1, 2))
    assert list(run) == [{"ids": ["a"]}, {"ids": ["b"]}, {"ids": ["c"]}]
    assert seen == ["agent-ads: request 1 of 3 (0 rows so far)", "agent-ads: request 2 of 3 (1 row so far)",
                    "agent-ads: request 3 of 3 (2 rows so far)"]
    assert stream.getvalue().endswith(ERASE_LINE)
