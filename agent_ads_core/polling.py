"""The poll loop behind every "wait for the async job" command.

Providers give a function returning the job's current state; the loop sleeps between
polls, shows the state on the run's status line, and stops on a terminal state or at the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agent_ads_core.errors import ArgumentError, TransportError
from agent_ads_core.signals import Terminated, interrupted

if TYPE_CHECKING:
    from agent_ads_core.progress import Progress


@dataclass(frozen=True)
class PollOutcome:
    state: str
    payload: Any
    polls: int
    elapsed_seconds: float


def poll_until_done(
    fetch_status: Callable[[], tuple[str, Any]],
    *,
    terminal_states: frozenset[str],
    interval_seconds: float,
    timeout_seconds: float,
    progress: Progress | None = None,
    label: str = "job",
    resume_hint: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> PollOutcome:
    """Poll until ``fetch_status`` returns a terminal state; raise TransportError on timeout."""
    if interval_seconds <= 0:
        raise ArgumentError("poll interval must be greater than 0 seconds")
    if timeout_seconds <= 0:
        raise ArgumentError("wait timeout must be greater than 0 seconds")
    started = clock()
    polls = 0
    try:
        while True:
            state, payload = fetch_status()
            polls += 1
            elapsed = clock() - started
            if state in terminal_states:
                return PollOutcome(state, payload, polls, elapsed)
            if elapsed + interval_seconds > timeout_seconds:
                raise TransportError(
                    f"still {state} after {elapsed:.0f}s; gave up at the {timeout_seconds:g}s wait timeout",
                    hint=resume_hint,
                )
            if progress:
                progress.report(label, state, elapsed)
            sleep(interval_seconds)
    except (KeyboardInterrupt, Terminated) as stop:  # the job runs on: say how to pick it up
        raise interrupted(stop, resume_hint) from None
    finally:
        if progress:
            progress.clear()
