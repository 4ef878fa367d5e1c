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
from typing import Any

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_core.command import primed
from agent_ads_core.declarations import ReportSpec
from agent_ads_core.errors import ApiError
from agent_ads_core.pagination import Paginator
from agent_ads_core.polling import poll_until_done
from agent_ads_core.result import Result
from agent_ads_meta.commands.base import GraphList, MetaCommand, Scope, chosen_scope
from agent_ads_meta.commands.insights import InsightsFlags
from agent_ads_meta.graph import Edge

REPORT_RUN = Scope("--report-run-id", "AdReportRun")
STATUS = Edge("AdReportRun", "GET", "#get")
ROWS = Edge("AdReportRun", "GET", "insights")
STATUS_FIELDS = "id,account_id,async_status,async_percent_completion,date_start,date_stop,time_ref,time_completed"
COMPLETED = "Job Completed"
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
    """Shared by status/wait: the run id, its lifecycle, one status read."""

    default_fields = STATUS_FIELDS

    def report_spec(self) -> ReportSpec:
        return self.app.registry.reports[self.provider]

    def add_run_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(REPORT_RUN.flag, dest=REPORT_RUN.dest, required=True, metavar="ID",
                            help="the report run's id, from 'report-runs submit'")
        self.add_fields_argument(parser, "AdReportRun")

    def run_id(self, parsed_args: argparse.Namespace) -> str:
        return chosen_scope(self, parsed_args, (REPORT_RUN,))[1]

    def fetch_status(self, run_id: str, parsed_args: argparse.Namespace) -> dict[str, Any]:
        return self.client.get(STATUS, run_id, self.param_values(parsed_args))


class ReportRunsStatus(ReportRunCommand):
    """A report run's progress: GET /{report_run_id} (async_status, async_percent_completion)."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_run_arguments(parser)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        run_id = self.run_id(parsed_args)
        status = self.fetch_status(run_id, parsed_args)
        return Result(data=status, meta=self.endpoint_meta(STATUS, run_id))


class ReportRunsWait(ReportRunCommand):
    """Poll a report run until "Job Completed"; with --download, emit its rows instead of its status.

    Progress goes to stderr (-q silences it). "Job Failed" and "Job Skipped" exit 3; running
    out of --wait-timeout-seconds exits 1 with the command that resumes the wait.
    """

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_run_arguments(parser)
        spec = self.report_spec()
        parser.add_argument("--poll-interval-seconds", type=float, default=spec.poll_interval_seconds, metavar="S",
                            help=f"seconds between status polls (default {spec.poll_interval_seconds:g})")
        parser.add_argument("--wait-timeout-seconds", type=float, default=spec.wait_timeout_seconds, metavar="S",
                            help=f"give up after this many seconds (default {spec.wait_timeout_seconds:g})")
        parser.add_argument("--download", action="store_true", help="when completed, emit the report's rows")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        run_id = self.run_id(parsed_args)
        spec = self.report_spec()
        outcome = poll_until_done(
            lambda: _state(self.fetch_status(run_id, parsed_args)),
            terminal_states=spec.success_states | spec.failure_states,
            interval_seconds=parsed_args.poll_interval_seconds,
            timeout_seconds=parsed_args.wait_timeout_seconds,
            progress=self.ctx.progress,
            label=f"report run {run_id}",
            resume_hint=f"resume with 'agent-ads meta report-runs wait --report-run-id {run_id}"
                        f"{' --download' if parsed_args.download else ''}'",
        )
        status = outcome.payload
        if outcome.state != COMPLETED:
            raise ApiError(f"report run {run_id} ended as {outcome.state!r}", provider=self.provider,
                           code=outcome.state, request_id=self.client.request_id,
                           hint="submit it again with 'agent-ads meta report-runs submit', perhaps over a shorter "
                                "range or with fewer breakdowns")
        meta = self.endpoint_meta(STATUS, run_id, polls=outcome.polls,
                                  elapsed_seconds=round(outcome.elapsed_seconds, 3))
        if not parsed_args.download:
            return Result(data=status, meta=meta)
        meta.update(self.endpoint_meta(ROWS, run_id))
        paginator = Paginator(lambda request: self.client.page(ROWS, run_id, {}, request.cursor, request.page_size),
                              cursor_name="after", page_size=ROWS_PER_REQUEST, fetch_all=True)
        return Result(pages=primed(paginator.pages()), meta=meta, paging=paginator.state)


def _state(status: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return str(status.get("async_status")), status


class ReportRunsResults(GraphList):
    """Rows of a completed report run: GET /{report_run_id}/insights, paged like lists."""

    edge_name = "insights"
    scopes = (REPORT_RUN,)
    scope_required = True
