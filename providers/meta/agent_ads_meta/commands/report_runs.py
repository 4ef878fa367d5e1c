"""``meta report-runs submit|status|wait|results``: async insights as Meta's AdReportRuns.

``submit`` POSTs the insights flags to ``/{object}/insights`` and prints the
``report_run_id``; it is never retried automatically, since a repeat starts a second
run. ``status`` reads ``async_status``/``async_percent_completion``; ``wait`` polls until
"Job Completed" ("Job Failed"/"Job Skipped" are API errors, exit 3) and with
``--download`` streams the rows; ``results`` pages ``GET /{report_run_id}/insights``.
Fields, level and breakdowns are fixed at submit.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_core.command import primed
from agent_ads_core.errors import InternalError
from agent_ads_core.pagination import Paginator
from agent_ads_core.report_runner import ReportCalls, ReportRunner, ReportStatus
from agent_ads_core.result import Result
from agent_ads_meta.commands.base import GraphList, MetaCommand, Scope, chosen_scope
from agent_ads_meta.commands.insights import InsightsFlags
from agent_ads_meta.graph import Edge

REPORT_RUN = Scope("--report-run-id", "AdReportRun")
STATUS = Edge("AdReportRun", "GET", "#get")
ROWS = Edge("AdReportRun", "GET", "insights")
STATUS_FIELDS = "id,account_id,async_status,async_percent_completion,date_start,date_stop,time_ref,time_completed"
ROWS_PER_REQUEST = 500


class ReportRunsSubmit(InsightsFlags):
    """Start an async insights report: POST /{act_id|campaign|adset|ad}/insights.

    Takes the flags of 'insights query' and prints {"report_run_id": ...}. Never retried
    automatically: if the answer is lost, check Ads Manager or submit again knowingly.
    """

    method = "POST"

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_insights_arguments(parser)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        self.edge, object_id = self.insights_target(parsed_args)
        data = self.client.post(self.edge, object_id, self.param_values(parsed_args))
        return Result(data=data, meta=self.endpoint_meta(self.edge, object_id,
                                                         report_run_id=data.get("report_run_id")))


class ReportRunCommand(MetaCommand):
    """Shared by status/wait/results: the run id and the core's report runner over Meta's calls."""

    default_fields = STATUS_FIELDS
    resume_verb = "wait"

    def add_run_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(REPORT_RUN.flag, dest=REPORT_RUN.dest, required=True, metavar="ID",
                            help="the report run's id, from 'report-runs submit'")
        self.add_fields_argument(parser, "AdReportRun")

    def runner(self, parsed_args: argparse.Namespace, **timing: float) -> ReportRunner:
        """The run id checked, and the runner that polls and pages it (nothing is sent yet)."""
        self.run_id = chosen_scope(self, parsed_args, (REPORT_RUN,))[1]
        self.status_params = {**self.param_values(parsed_args)}
        self.status_params["fields"] = self.status_params.get("fields") or STATUS_FIELDS
        calls = ReportCalls(submit=_no_submit, status=self.status_call, results=self.rows,
                            resume_command=lambda run_id: self.resume_command(run_id, parsed_args),
                            submit_command="agent-ads meta report-runs submit ...")
        return ReportRunner(self.pctx, self.registry.reports[self.provider], calls, **timing)

    def status_call(self, run_id: str) -> ReportStatus:
        status = self.client.get(STATUS, run_id, self.status_params)
        return ReportStatus(state=str(status.get("async_status")), percent=status.get("async_percent_completion"),
                            payload=status, request_id=self.client.request_id)

    def rows(self, run_id: str, status: ReportStatus) -> Iterator[list[dict[str, Any]]]:
        paginator = Paginator(lambda request: self.client.page(ROWS, run_id, {}, request.cursor, request.page_size),
                              cursor_name="after", page_size=ROWS_PER_REQUEST, fetch_all=True)
        self.paging = paginator.state
        return paginator.pages()

    def resume_command(self, run_id: str, parsed_args: argparse.Namespace) -> str:
        download = " --download" if getattr(parsed_args, "download", False) else ""
        return f"agent-ads meta report-runs {self.resume_verb} --report-run-id {run_id}{download}"


def _no_submit() -> str:
    """status/wait/results take an existing run; 'report-runs submit' starts one (see ReportRunsSubmit)."""
    raise InternalError("report runs are submitted by 'report-runs submit', not through the runner")


class ReportRunsStatus(ReportRunCommand):
    """A report run's progress: GET /{report_run_id} (async_status, async_percent_completion)."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_run_arguments(parser)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        runner = self.runner(parsed_args)
        status = runner.status(self.run_id)
        return Result(data=status.payload, meta=self.endpoint_meta(STATUS, self.run_id))


class ReportRunsWait(ReportRunCommand):
    """Poll a report run until "Job Completed"; with --download, emit its rows instead of its status.

    Progress goes to stderr (-q silences it). "Job Failed" and "Job Skipped" exit 3; running
    out of --wait-timeout-seconds exits 1 with the command that resumes the wait.
    """

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_run_arguments(parser)
        spec = self.registry.reports[self.provider]
        parser.add_argument("--poll-interval-seconds", type=float, default=spec.poll_interval_seconds, metavar="S",
                            help=f"seconds between the first status polls, growing by {spec.backoff_factor:g}x up "
                                 f"to {spec.max_poll_interval_seconds:g} (default {spec.poll_interval_seconds:g})")
        parser.add_argument("--wait-timeout-seconds", type=float, default=spec.wait_timeout_seconds, metavar="S",
                            help=f"give up after this many seconds (default {spec.wait_timeout_seconds:g})")
        parser.add_argument("--download", action="store_true", help="when completed, emit the report's rows")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        runner = self.runner(parsed_args, poll_interval_seconds=parsed_args.poll_interval_seconds,
                             wait_timeout_seconds=parsed_args.wait_timeout_seconds)
        status = runner.wait(self.run_id)
        meta = self.endpoint_meta(STATUS, self.run_id, polls=runner.polls,
                                  elapsed_seconds=round(runner.elapsed_seconds, 3))
        if not parsed_args.download:
            return Result(data=status.payload, meta=meta)
        pages = primed(runner.results(self.run_id, status))
        meta.update(self.endpoint_meta(ROWS, self.run_id))
        return Result(pages=pages, meta=meta, paging=self.paging)


class ReportRunsResults(ReportRunCommand, GraphList):
    """Rows of a completed report run: GET /{report_run_id}/insights, paged like lists.

    The run's status is read first: a run still going exits 2 (use 'report-runs wait
    --download'), a failed one exits 3.
    """

    edge_name = "insights"
    scopes = (REPORT_RUN,)
    scope_required = True
    default_fields = None  # fields were fixed at submit
    resume_verb = "results"

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        runner = self.runner(parsed_args)
        runner.check_finished(self.run_id, runner.status(self.run_id))
        return super().execute(parsed_args)
