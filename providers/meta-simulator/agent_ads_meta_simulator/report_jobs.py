"""Async insights report runs (``POST .../insights`` → ``AdReportRun``).

A run fixes its object, level, fields, breakdowns and dates at submit time. Each ``GET
/{report_run_id}`` is one poll: with ``report_polls = N`` the first N polls answer "Job Not
Started", "Job Started" or "Job Running" (in that order, spread over the N polls) with
``async_percent_completion`` rising from 0, and poll N+1 onwards answers "Job Completed" at 100
(or "Job Failed"/"Job Skipped" when a ``report_failed``/``report_skipped`` fault was armed at
submit). ``GET /{report_run_id}/insights`` pages the rows once the run completed.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any

from .insights_rows import InsightsQuery

PENDING = ("Job Not Started", "Job Started", "Job Running")
COMPLETED = "Job Completed"
FAILED = "Job Failed"
SKIPPED = "Job Skipped"


@dataclass
class ReportRun:
    id: str
    object_id: str
    account_id: str  # bare digits
    query: InsightsQuery
    outcome: str  # the status the run ends in
    polls: int = 0
    submitted: int = 0
    completed_at: int = 0
    rows: list[dict[str, Any]] | None = None  # computed on the first page read


class ReportJobs:
    def __init__(self, polls_needed: int = 2, seed: int = 0) -> None:
        self.polls_needed = max(0, polls_needed)
        self._lock = threading.Lock()
        self._runs: dict[str, ReportRun] = {}
        self._ids = itertools.count(1)
        self._base = 1_700_000_000_000_000 + seed * 1_000_000

    def clear(self) -> None:
        with self._lock:
            self._runs.clear()

    def submit(self, object_id: str, account_id: str, query: InsightsQuery, outcome: str = COMPLETED) -> ReportRun:
        with self._lock:
            run_id = str(self._base + next(self._ids))
            run = ReportRun(run_id, object_id, account_id, query, outcome, submitted=int(time.time()))
            self._runs[run_id] = run
            return run

    def get(self, run_id: str) -> ReportRun | None:
        with self._lock:
            return self._runs.get(run_id)

    def state(self, run: ReportRun) -> tuple[str, int]:
        """(async_status, async_percent_completion) after the polls made so far."""
        if self.polls_needed == 0 or run.polls > self.polls_needed:
            return run.outcome, 100 if run.outcome == COMPLETED else 0
        if run.polls == 0:
            return PENDING[0], 0
        index = min(len(PENDING) - 1, (run.polls - 1) * len(PENDING) // self.polls_needed)
        return PENDING[index], min(99, (run.polls - 1) * 100 // self.polls_needed)

    def poll(self, run: ReportRun) -> dict[str, Any]:
        """Count one poll and return the run as an AdReportRun node (every field)."""
        with self._lock:
            run.polls += 1
        status, percent = self.state(run)
        if status in (COMPLETED, FAILED, SKIPPED) and not run.completed_at:
            run.completed_at = int(time.time())
        return self.describe(run, status, percent)

    def finished(self, run: ReportRun) -> bool:
        return self.state(run)[0] == COMPLETED

    def describe(self, run: ReportRun, status: str, percent: int) -> dict[str, Any]:
        since = min(r[0] for r in run.query.ranges)
        until = max(r[1] for r in run.query.ranges)
        node: dict[str, Any] = {
            "id": run.id,
            "account_id": run.account_id,
            "time_ref": run.submitted,
            "time_completed": run.completed_at,
            "async_status": status,
            "async_percent_completion": percent,
            "date_start": since.isoformat(),
            "date_stop": until.isoformat(),
            "emails": [],
            "friendly_name": f"Report run {run.id}",
            "is_bookmarked": False,
            "is_running": status in PENDING,
            "schedule_id": "",
        }
        if status == FAILED:
            node.update(
                error_code=1,
                error_message="An unknown error occurred while running the report",
                error_subcode=99,
                error_user_title="Report failed",
                error_user_msg="The report could not be completed. Please try again.",
            )
        return node
