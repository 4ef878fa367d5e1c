"""``pinterest report-runs submit|status|wait|results``: Pinterest's async analytics reports.

A report run is identified by the ``token`` that ``submit`` returns; every other command
takes it back with ``--token`` (and the same ad account). ``submit`` then
``wait --download --format csv --output r.csv`` is the whole job.

The finished file sits behind a presigned URL that expires five minutes after the status
call handing it out, refuses an Authorization header, and may be gzipped with no header
saying so: it is fetched without credentials, re-fetched once through a fresh status call
when it has expired, and parsed as it streams (see :mod:`agent_ads_pinterest.report_files`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agent_ads_core.analytics_runner import check_lookback, check_range, parse_date, utc_today
from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_core.command import primed
from agent_ads_core.declarations import ReportSpec
from agent_ads_core.errors import ApiError, ArgumentError
from agent_ads_core.report_runner import ReportCalls, ReportRunner, ReportStatus
from agent_ads_core.result import Result
from agent_ads_core.validation import positive_seconds
from agent_ads_pinterest import dates, enum_matching, report_body, report_files
from agent_ads_pinterest.commands.base import PinterestCommand, add_ad_account_argument
from agent_ads_pinterest.plugin import DISPLAY_NAME

CREATE_OP = "analytics/create_report"
STATUS_OP = "analytics/get_report"
# (flag, body property, help) for scalar body fields set by flags.
SCALAR_FLAGS = (
    ("--level", "level", "ADVERTISER, CAMPAIGN, AD_GROUP, PIN_PROMOTION, ... (and their _TARGETING forms)"),
    ("--granularity", "granularity", "TOTAL, DAY, HOUR, WEEK or MONTH"),
    ("--report-format", "report_format",
     f"JSON (default) or CSV: the file {DISPLAY_NAME} writes; output uses --format"),
    ("--reporting-timezone", "reporting_timezone", "PINTEREST_TIME_ZONE or AD_ACCOUNT_TIME_ZONE"),
)
# (flag, body property, help) for list body fields; commas and repeats both work.
LIST_FLAGS = (
    ("--columns", "columns", "metric columns, e.g. SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH"),
    ("--campaign-id", "campaign_ids", "only these campaigns"),
    ("--ad-group-id", "ad_group_ids", "only these ad groups"),
    ("--ad-id", "ad_ids", "only these ads"),
    ("--targeting-type", "targeting_types", "breakdowns for *_TARGETING levels, e.g. AGE_BUCKET,GENDER"),
)
DATE_FLAGS = (("--start-date", "start_date"), ("--end-date", "end_date"))


class ReportRunCommand(PinterestCommand):
    """Shared by the report-run commands: the ad account and Pinterest's calls for the core's report runner."""

    # Whether the command's output is the report's rows (its resume command then downloads too).
    wants_rows = True

    def flag_names(self) -> dict[str, str]:
        return {**super().flag_names(), "token": "--token"}

    def report_spec(self) -> ReportSpec:
        return self.registry.reports[self.provider]

    def add_token_arguments(self, parser: ArgumentParser) -> None:
        add_ad_account_argument(parser)
        parser.add_argument("--token", required=True, help="the report run's token, from 'report-runs submit'")

    def start(self, parsed_args: argparse.Namespace, **timing: float) -> ReportRunner:
        """Refuse the sandbox and resolve the account before anything is sent; the runner for this run."""
        self.client.check_sandbox(STATUS_OP)
        self.token = parsed_args.token
        self.path_values = {"ad_account_id": self.ad_account(parsed_args)}
        calls = ReportCalls(submit=self.submit_call, status=self.status_call, results=self.file_pages,
                            resume_command=self.resume_command,
                            submit_command=f"agent-ads {self.provider} report-runs submit")
        self.runner = ReportRunner(self.pctx, self.report_spec(), calls, **timing)
        return self.runner

    def submit_call(self) -> str:
        raise NotImplementedError  # only 'submit' creates reports

    def status_call(self, token: str) -> ReportStatus:
        body = self.client.get(STATUS_OP, self.path_values, {"token": token})
        state = str(body.get("report_status"))
        if state == "DOES_NOT_EXIST":  # not a failed report: a token this ad account does not know
            raise ApiError(f"report {token} is {state}; it has no file to download", provider=self.provider,
                           code=state, request_id=self.client.request_id,
                           hint="check --token and --ad-account-id: a token is only known to the ad account "
                                "that submitted it")
        return ReportStatus(state, payload=body, request_id=self.client.request_id)

    def resume_command(self, token: str) -> str:
        return (f"agent-ads {self.provider} report-runs wait --token {token} "
                f"--ad-account-id {self.path_values['ad_account_id']}" + (" --download" if self.wants_rows else ""))

    def meta(self, op_id: str, status: ReportStatus, **extra: Any) -> dict[str, Any]:
        return self.endpoint_meta(op_id, report_run_id=self.token, report_status=status.state,
                                  request_id=status.request_id, **extra)

    def file_pages(self, token: str, status: ReportStatus) -> Iterator[list[dict[str, Any]]]:
        def fresh_status() -> ReportStatus:
            fresh = self.status_call(token)
            self.runner.check_finished(token, fresh)
            return fresh

        return report_files.download_pages(self.pctx, self.client, token, status.payload, fresh_status,
                                           hint=self.runner.resume_hint(token), meta=self.rows_meta)

    def download(self, status: ReportStatus) -> Result:
        """Rows of the finished report, streamed; the first page is read before returning."""
        self.rows_meta = self.meta(STATUS_OP, status, size=status.payload.get("size"))
        return Result(pages=primed(self.runner.results(self.token, status)), meta=self.rows_meta)


class ReportRunsSubmit(ReportRunCommand):
    """Start an async analytics report; prints its token for status/wait/results.

    The request body is Pinterest's AdsAnalyticsCreateAsyncRequest. Give it whole with
    --request-json or --request-file (- for stdin), or build it from flags; flags override
    the same fields of the body. It is checked against the API description before sending:
    enums (with "did you mean"), date format, the lookback (914 days; 92 for PRODUCT_ITEM,
    8 for HOUR) and the range one report may cover (186 days; 31 for PRODUCT_ITEM, 3 for
    HOUR); a longer range is an error, since one report is one request.
    """

    def flag_names(self) -> dict[str, str]:
        names = {**super().flag_names(), **{prop: flag for flag, prop in DATE_FLAGS}}
        names.update({prop: flag for flag, prop, _help in SCALAR_FLAGS + LIST_FLAGS})
        return names

    def enum_values(self) -> dict[str, list[str]]:
        values = super().enum_values()
        for flag, prop, _help in SCALAR_FLAGS + LIST_FLAGS:
            if choices := report_body.report_body_enum(prop):
                values[flag] = [str(choice) for choice in choices]
        return values

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_ad_account_argument(parser)
        for flag, prop in DATE_FLAGS:
            parser.add_argument(flag, dest=prop, metavar="YYYY-MM-DD")
        for flag, prop, help_text in SCALAR_FLAGS:
            parser.add_argument(flag, dest=prop, metavar="VALUE", help=help_text)
        for flag, prop, help_text in LIST_FLAGS:
            add_list_argument(parser, flag, dest=prop, metavar="VALUE[,VALUE...]", help=help_text)
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--request-json", metavar="TEXT", help="the request body as a JSON object")
        source.add_argument("--request-file", metavar="PATH", help="read the request body from a file (- for stdin)")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        self.client.check_sandbox(CREATE_OP)
        body = self.request_body(parsed_args)
        report_body.validate_report_body(body)
        check_dates(body, self.flag_names(), parsed_args, self.provider)
        path_values = {"ad_account_id": self.ad_account(parsed_args)}
        data = self.client.post_json(CREATE_OP, path_values, body)
        return Result(data=data, meta=self.endpoint_meta(CREATE_OP, report_run_id=data.get("token"),
                                                         request_id=self.client.request_id))

    def request_body(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        """The JSON body (if any) with the flags laid over it, flag values normalised to the spec."""
        body = _load_body(parsed_args, self.provider)
        for flag, prop in DATE_FLAGS:
            value = getattr(parsed_args, prop)
            if value is not None:
                body[prop] = parse_date(value, flag, self.provider).isoformat()
        for flag, prop, _help in SCALAR_FLAGS:
            value = getattr(parsed_args, prop)
            if value is not None:
                body[prop] = enum_matching.check_choices([value], report_body.report_body_enum(prop), flag)[0]
        for flag, prop, _help in LIST_FLAGS:
            values = getattr(parsed_args, prop)
            if values:
                allowed = report_body.report_body_enum(prop)
                body[prop] = enum_matching.check_choices(values, allowed, flag) if allowed else values
        return body


def _load_body(parsed_args: argparse.Namespace, provider: str) -> dict[str, Any]:
    if parsed_args.request_json is not None:
        text, source = parsed_args.request_json, "--request-json"
    elif parsed_args.request_file is not None:
        path = parsed_args.request_file
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ArgumentError(f"--request-file: cannot read {path}: {exc.strerror}", provider=provider) from None
        source = "--request-file"
    else:
        return {}
    try:
        body = json.loads(text)
    except ValueError as exc:
        raise ArgumentError(f"{source} is not valid JSON: {exc}", provider=provider) from None
    if not isinstance(body, dict):
        raise ArgumentError(f"{source} must be a JSON object (the report request body)", provider=provider)
    return body


def check_dates(body: dict[str, Any], flag_names: dict[str, str], parsed_args: argparse.Namespace,
                provider: str) -> None:
    """Range and lookback rules the schema cannot express; name the flag, or the JSON path it came from.

    One report is one request, so a long range is an error here rather than split into windows.
    """
    def name(prop: str) -> str:
        return flag_names[prop] if getattr(parsed_args, prop, None) is not None else f"$.{prop}"

    start = parse_date(body["start_date"], name("start_date"), provider)
    end = parse_date(body["end_date"], name("end_date"), provider)
    check_range(start, end, provider=provider, start_flag=name("start_date"), end_flag=name("end_date"))
    limits = dates.report_limits(body["granularity"], body["level"])
    check_lookback(start, utc_today(), limits.max_back_days, provider=provider, flag=name("start_date"))
    span = (end - start).days
    if span > limits.max_range_days:
        raise ArgumentError(
            f"{name('start_date')} to {name('end_date')} spans {span} days; a {body['level']} report at "
            f"{body['granularity']} granularity may span at most {limits.max_range_days} days",
            provider=provider,
            hint="one report is one request: submit several reports over shorter ranges",
        )


class ReportRunsStatus(ReportRunCommand):
    """Show an async report's status (and, once FINISHED, its download URL and size)."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_token_arguments(parser)

    wants_rows = False

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        status = self.start(parsed_args).status(self.token)
        return Result(data=status.payload, meta=self.meta(STATUS_OP, status))


class ReportRunsWait(ReportRunCommand):
    """Poll an async report until it finishes; with --download, emit its rows instead of its status.

    Progress goes to stderr (silence it with -q). FAILED, CANCELLED, EXPIRED and
    DOES_NOT_EXIST end with exit code 6; running out of --wait-timeout-seconds exits 1
    with the command that resumes the wait.
    """

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_token_arguments(parser)
        spec = self.report_spec()
        parser.add_argument("--poll-interval-seconds", type=positive_seconds, default=spec.poll_interval_seconds,
                            metavar="S", help=f"seconds between status polls (default {spec.poll_interval_seconds:g})")
        parser.add_argument("--wait-timeout-seconds", type=positive_seconds, default=spec.wait_timeout_seconds,
                            metavar="S",
                            help=f"give up after this many seconds (default {spec.wait_timeout_seconds:g})")
        parser.add_argument("--download", action="store_true",
                            help="when FINISHED, download the file and emit its rows "
                                 f"(JSON reports gain {report_files.ENTITY_ID})")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        self.wants_rows = parsed_args.download
        runner = self.start(parsed_args, poll_interval_seconds=parsed_args.poll_interval_seconds,
                            wait_timeout_seconds=parsed_args.wait_timeout_seconds)
        status = runner.wait(self.token)
        if parsed_args.download:
            return self.download(status)
        return Result(data=status.payload, meta=self.meta(STATUS_OP, status, polls=runner.polls,
                                                           elapsed_seconds=round(runner.elapsed_seconds, 3)))


class ReportRunsResults(ReportRunCommand):
    """Download a FINISHED report and emit its rows in the chosen --format.

    JSON reports ({"<id>": [rows]}) become one record per row with the entity id added as
    ENTITY_ID; CSV reports become one record per line, keyed by the header, values as text.
    A report still in progress exits 2 (use 'report-runs wait --download'); a failed one exits 6.
    """

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_token_arguments(parser)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        status = self.start(parsed_args).status(self.token)
        return self.download(status)
