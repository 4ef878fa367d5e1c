"""The core's report runner: polling with backoff, the status line, failures, deadline and Ctrl-C hints."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from agent_ads_core.declarations import ReportSpec
from agent_ads_core.errors import ApiError, ArgumentError, Interrupted, TransportError
from agent_ads_core.exit_codes import ExitCode
from agent_ads_core.report_runner import ReportCalls, ReportRunner, ReportStatus

SPEC = ReportSpec("acme", success_states=frozenset({"DONE"}), failure_states=frozenset({"FAILED"}),
                  pending_states=frozenset({"QUEUED", "RUNNING"}), poll_interval_seconds=1.0,
                  max_poll_interval_seconds=3.0, backoff_factor=2.0, wait_timeout_seconds=100.0)


class Clock:
    """A fake clock that the fake sleep advances, so deadlines are tested without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Progress:
    """Records what the runner puts on the status line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cleared = 0

    def report(self, label: str, state: str, elapsed: float, percent: float | None = None) -> None:
        self.lines.append(f"{label}: {state} {percent:.0f}%")

    def clear(self) -> None:
        self.cleared += 1


def make(states: list[str], clock: Clock, progress: Progress | None = None, rows=None, **kwargs) -> ReportRunner:
    answers: Iterator[str] = iter(states)
    calls = ReportCalls(
        submit=lambda: "tok",
        status=lambda token: ReportStatus(next(answers), percent=50.0, request_id=f"rid-{token}"),
        results=lambda token, status: rows or [[{"a": 1}], [{"a": 2}]],
        resume_command=lambda token: f"acme reports wait --id {token}",
    )
    ctx = SimpleNamespace(progress=progress or Progress())
    return ReportRunner(ctx, SPEC, calls, sleep=clock.sleep, clock=lambda: clock.now, **kwargs)


def test_wait_polls_with_backoff_capped_at_the_max_interval() -> None:
    clock, progress = Clock(), Progress()
    runner = make(["QUEUED", "RUNNING", "RUNNING", "RUNNING", "DONE"], clock, progress)
    assert runner.wait("tok").state == "DONE"
    assert clock.sleeps == [1.0, 2.0, 3.0, 3.0] and runner.polls == 5
    assert progress.lines == ["report tok: QUEUED 50%"] + ["report tok: RUNNING 50%"] * 3
    assert progress.cleared == 1  # the line is gone once the wait is over


def test_a_failure_state_is_an_api_error_with_the_state_as_code() -> None:
    with pytest.raises(ApiError) as info:
        make(["RUNNING", "FAILED"], Clock()).wait("tok")
    assert info.value.code == "FAILED" and info.value.request_id == "rid-tok" and info.value.provider == "acme"


def test_the_deadline_gives_one_resume_hint_and_sleeps_no_further() -> None:
    clock = Clock()
    with pytest.raises(TransportError) as info:
        make(["RUNNING"] * 10, clock, wait_timeout_seconds=4.0).wait("tok")
    assert info.value.hint == "resume with 'acme reports wait --id tok'"
    assert sum(clock.sleeps) <= 4.0 and clock.sleeps == [1.0, 2.0]


def test_ctrl_c_while_waiting_exits_130_with_the_resume_hint() -> None:
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    runner = make(["RUNNING"], Clock())
    runner._sleep = interrupted
    with pytest.raises(Interrupted) as info:
        runner.wait("tok")
    assert info.value.exit_code() == ExitCode.INTERRUPTED and "acme reports wait --id tok" in info.value.hint


def test_results_of_a_pending_report_are_refused_before_fetching() -> None:
    fetched = []
    runner = make([], Clock(), rows=fetched)
    with pytest.raises(ArgumentError) as info:
        runner.results("tok", ReportStatus("RUNNING"))
    assert "not finished" in info.value.message and "acme reports wait --id tok" in info.value.hint
    assert list(runner.results("tok", ReportStatus("DONE"))) == [[{"a": 1}], [{"a": 2}]]


@pytest.mark.parametrize("flag", ["poll_interval_seconds", "wait_timeout_seconds"])
def test_non_positive_timings_are_argument_errors(flag: str) -> None:
    with pytest.raises(ArgumentError):
        make([], Clock(), **{flag: 0})
