"""The report runner: submit an async report, poll it to the end, then page through its rows.

Async reports share one lifecycle whatever the platform: a submit answers with a token
(or id), status polls say pending / success / failure, and a finished report hands out
its rows. From the provider's :class:`~agent_ads_core.declarations.ReportSpec` the runner
owns the loop: polls with backoff, the state on the run's status line (stderr, only for a
person at a terminal; never stdout), failure states as API errors, and one resume hint
(the token and the command that continues) when the deadline passes or the user presses
Ctrl-C. A provider supplies :class:`ReportCalls`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agent_ads_core.errors import ApiError, ArgumentError, TransportError
from agent_ads_core.signals import Terminated, interrupted

if TYPE_CHECKING:
    from agent_ads_core.context import ProviderContext
    from agent_ads_core.declarations import ReportSpec


@dataclass(frozen=True)
class ReportStatus:
    """One status answer: the platform's state word, progress if it says, and the answer itself."""

    state: str
    percent: float | None = None
    payload: Any = None
    request_id: str | None = None


@dataclass(frozen=True)
class ReportCalls:
    """The provider's side of a report: four plain functions, no lifecycle logic.

    ``results(token, status)`` yields pages (lists) of rows of a finished report;
    ``resume_command(token)`` is the full command line that picks the report up again;
    ``submit_command``, when given, is the command that starts a new one (hint of a failed report).
    """

    submit: Callable[[], str]
    status: Callable[[str], ReportStatus]
    results: Callable[[str, ReportStatus], Iterable[list[dict[str, Any]]]]
    resume_command: Callable[[str], str]
    submit_command: str | None = None


class ReportRunner:
    """Drives :class:`ReportCalls` through the lifecycle a :class:`ReportSpec` declares.

    ``polls`` and ``elapsed_seconds`` describe the last :meth:`wait`, for the envelope's meta.
    """

    def __init__(
        self,
        ctx: ProviderContext,
        spec: ReportSpec,
        calls: ReportCalls,
        *,
        wait_timeout_seconds: float | None = None,
        poll_interval_seconds: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ctx = ctx
        self.spec = spec
        self.calls = calls
        self.wait_timeout_seconds = spec.wait_timeout_seconds if wait_timeout_seconds is None else wait_timeout_seconds
        self.poll_interval_seconds = (spec.poll_interval_seconds if poll_interval_seconds is None
                                      else poll_interval_seconds)
        if self.poll_interval_seconds <= 0:
            raise ArgumentError("--poll-interval-seconds must be greater than 0", provider=spec.provider)
        if self.wait_timeout_seconds <= 0:
            raise ArgumentError("--wait-timeout-seconds must be greater than 0", provider=spec.provider)
        self._sleep = sleep
        self._clock = clock
        self.polls = 0
        self.elapsed_seconds = 0.0

    def resume_hint(self, token: str) -> str:
        return f"resume with '{self.calls.resume_command(token)}'"

    def submit(self) -> str:
        return self.calls.submit()

    def status(self, token: str) -> ReportStatus:
        return self.calls.status(token)

    def wait(self, token: str) -> ReportStatus:
        """Poll until a success state (returned) or a failure state (:class:`ApiError`).

        The interval grows by ``backoff_factor`` up to ``max_poll_interval_seconds``; a poll
        that would land past the deadline is not waited for.
        """
        started = self._clock()
        interval = self.poll_interval_seconds
        self.polls = 0
        progress = self.ctx.progress
        try:
            while True:
                status = self.calls.status(token)
                self.polls += 1
                self.elapsed_seconds = self._clock() - started
                if status.state in self.spec.success_states:
                    return status
                self.check_not_failed(token, status)
                if self.elapsed_seconds + interval > self.wait_timeout_seconds:
                    raise TransportError(
                        f"report {token} still {status.state} after {self.elapsed_seconds:.0f}s; gave up at the "
                        f"{self.wait_timeout_seconds:g}s wait timeout",
                        provider=self.spec.provider, hint=self.resume_hint(token),
                    )
                progress.report(f"report {token}", status.state, self.elapsed_seconds, status.percent)
                self._sleep(interval)
                interval = min(interval * self.spec.backoff_factor,
                               max(self.spec.max_poll_interval_seconds, self.poll_interval_seconds))
        except (KeyboardInterrupt, Terminated) as stop:  # the report runs on: say how to pick it up
            raise interrupted(stop, self.resume_hint(token)) from None
        finally:
            progress.clear()

    def check_not_failed(self, token: str, status: ReportStatus) -> None:
        if status.state in self.spec.failure_states:
            raise ApiError(f"report {token} is {status.state}; it has no rows to download",
                           provider=self.spec.provider, code=status.state, request_id=status.request_id,
                           hint="submit the report again" + (f": {self.calls.submit_command}"
                                                             if self.calls.submit_command else ""))

    def check_finished(self, token: str, status: ReportStatus) -> None:
        """A failed report is an API error; one still pending is the caller's mistake (exit 2)."""
        if status.state in self.spec.success_states:
            return
        self.check_not_failed(token, status)
        raise ArgumentError(f"report {token} is {status.state}, not finished yet", provider=self.spec.provider,
                            hint=f"wait for it: {self.calls.resume_command(token)}")

    def results(self, token: str, status: ReportStatus) -> Iterator[list[dict[str, Any]]]:
        """Pages of rows of a finished report (checked now, so nothing is fetched for a pending one)."""
        self.check_finished(token, status)
        return iter(self.calls.results(token, status))
