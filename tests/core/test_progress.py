"""The status line: drawn only for a person at a terminal, redrawn in place, erased when the wait ends."""

from __future__ import annotations

import io

from agent_ads_core.pagination import Page, Paginator
from agent_ads_core.polling import poll_until_done
from agent_ads_core.progress import ERASE_LINE, Progress


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
    outcome = poll_until_done(lambda: (next(states), {}), terminal_states=frozenset({"FINISHED"}),
                              interval_seconds=1, timeout_seconds=60, sleep=lambda _: None, clock=Clock(),
                              progress=Progress(stream, enabled=True, clock=Clock()), label="report t1")
    assert outcome.state == "FINISHED"
    drawn = stream.getvalue().split(ERASE_LINE)
    assert drawn[1].startswith("agent-ads: report t1: PENDING") and drawn[2].startswith("agent-ads: report t1: IN_")
    assert drawn[-1] == ""
