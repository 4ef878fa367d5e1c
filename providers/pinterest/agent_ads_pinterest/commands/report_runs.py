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
import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_core.command import primed
from agent_ads_core.declarations import ReportSpec
from agent_ads_core.downloads import CountedChunks, response_chunks
from agent_ads_core.errors import ApiError, ArgumentError, TransportError
from agent_ads_core.http import BROKEN_ANSWERS
from agent_ads_core.polling import poll_until_done
from agent_ads_core.result import Result
from agent_ads_core.validation import positive_seconds
from agent_ads_pinterest import apispec, dates
from agent_ads_pinterest.commands.base import PinterestCommand, add_ad_account_argument
from agent_ads_pinterest.report_files import ENTITY_ID, ReportFileError, iter_report_rows

CREATE_OP = "analytics/create_report"
STATUS_OP = "analytics/get_report"
FINISHED = "FINISHED"
ROWS_PER_PAGE = 500
# (flag, body property, help) for scalar body fields set by flags.
SCALAR_FLAGS = (
    ("--level", "level", "ADVERTISER, CAMPAIGN, AD_GROUP, PIN_PROMOTION, ... (and their _TARGETING forms)"),
    ("--granularity", "granularity", "TOTAL, DAY, HOUR, WEEK or MONTH"),
    ("--report-format", "report_format", "JSON (default) or CSV: the file Pinterest writes; output uses --format"),
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
_S3_CODE = re.compile(r"<Code>([^<]*)</Code>")
_S3_MESSAGE = re.compile(r"<Message>([^<]*)</Message>")


class ReportRunCommand(PinterestCommand):
    """Shared by the report-run commands: the ad account, the spec's lifecycle, status polls."""

    def flag_names(self) -> dict[str, str]:
        return {**super().flag_names(), "token": "--token"}

    def report_spec(self) -> ReportSpec:
        return self.app.registry.reports[self.provider]

    def add_token_arguments(self, parser: ArgumentParser) -> None:
        add_ad_account_argument(parser)
        parser.add_argument("--token", required=True, help="the report run's token, from 'report-runs submit'")

    def start(self, parsed_args: argparse.Namespace) -> None:
        """Refuse the sandbox and resolve the account before anything is sent."""
        self.client.check_sandbox(STATUS_OP)
        self.token = parsed_args.token
        self.path_values = {"ad_account_id": self.ad_account(parsed_args)}

    def fetch_status(self) -> dict[str, Any]:
        return self.client.get(STATUS_OP, self.path_values, {"token": self.token})

    def meta(self, op_id: str, status: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return self.endpoint_meta(op_id, report_run_id=self.token, report_status=status.get("report_status"),
                                  request_id=self.client.request_id, **extra)

    def resume_hint(self, verb: str) -> str:
        return f"resume with '{self.resume_command(verb)}'"

    def resume_command(self, verb: str) -> str:
        return (f"agent-ads pinterest report-runs {verb} --token {self.token} "
                f"--ad-account-id {self.path_values['ad_account_id']}")

    def fail_unless_finished(self, status: dict[str, Any]) -> None:
        state = status.get("report_status")
        if state == FINISHED:
            return
        if state in self.report_spec().failure_states:
            hint = ("check --token and --ad-account-id: a token is only known to the ad account that submitted it"
                    if state == "DOES_NOT_EXIST" else
                    "submit the report again with 'agent-ads pinterest report-runs submit'")
            raise ApiError(f"report {self.token} is {state}; it has no file to download", provider=self.provider,
                           code=state, request_id=self.client.request_id, hint=hint)
        raise ArgumentError(f"report {self.token} is {state}, not FINISHED yet", provider=self.provider,
                            hint=f"wait for it with '{self.resume_command('wait')} --download'")

    # -- the file ------------------------------------------------------------------
    def download(self, status: dict[str, Any]) -> Result:
        """Rows of the finished report, streamed; the first page is read before returning."""
        meta = self.meta(STATUS_OP, status, size=status.get("size"))
        pages = primed(self._pages(status, meta))
        return Result(pages=pages, meta=meta)

    def _pages(self, status: dict[str, Any], meta: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
        response = self._open(status)
        progress = self.ctx.progress
        cap = int(self.ctx.resolve_core_setting("max_download_mb")[0]) * 2**20
        try:
            body = CountedChunks(response_chunks(response))
            rows = iter_report_rows(body, expect_rows=bool(status.get("size")), max_bytes=cap)
            meta["rows"] = 0
            while True:
                progress.download(body.received, meta["rows"])
                page = list(itertools.islice(rows, ROWS_PER_PAGE))
                progress.clear()
                if not page:
                    return
                meta["rows"] += len(page)
                yield page
        except BROKEN_ANSWERS as exc:  # the file stopped arriving: the report itself is fine
            raise TransportError(f"report download broke off after {meta.get('rows', 0)} rows: "
                                 f"{type(exc).__name__}", provider=self.provider,
                                 hint=self.resume_hint("results")) from None
        except ReportFileError as exc:
            exc.hint = f"download it again: {self.resume_command('results')}"
            raise
        finally:
            progress.clear()
            response.close()

    def _open(self, status: dict[str, Any]) -> Any:
        """GET the file; a 403 means the five-minute URL lapsed, so get a fresh one, once."""
        response = self.client.download(self._url(status))
        if response.status_code == 403:
            response.close()
            self.ctx.progress.status("report URL expired; asking for a fresh one")
            fresh = self.fetch_status()
            self.fail_unless_finished(fresh)
            response = self.client.download(self._url(fresh))
            self.ctx.progress.clear()
        if response.status_code >= 400:
            detail = _s3_error(response)
            response.close()
            raise ApiError(f"report download failed: HTTP {response.status_code} {detail}".rstrip(),
                           provider=self.provider, http_status=response.status_code,
                           request_id=self.client.request_id, hint=self.resume_hint("results"))
        return response

    def _url(self, status: dict[str, Any]) -> str:
        url = status.get("url")
        if not url:
            raise ApiError(f"report {self.token} is FINISHED but its status has no download URL",
                           provider=self.provider, request_id=self.client.request_id,
                           hint=self.resume_hint("results"))
        return url


def _s3_error(response: Any) -> str:
    """``Code: Message`` from an S3-style XML error body, or "" when there is none."""
    text = next(response.iter_content(4096), b"").decode("utf-8", "replace")  # an error body, read no further
    code, message = _S3_CODE.search(text), _S3_MESSAGE.search(text)
    return ": ".join(m.group(1) for m in (code, message) if m)


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
            if choices := apispec.report_body_enum(prop):
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
        apispec.validate_report_body(body)
        check_dates(body, self.flag_names(), parsed_args)
        path_values = {"ad_account_id": self.ad_account(parsed_args)}
        data = self.client.post_json(CREATE_OP, path_values, body)
        return Result(data=data, meta=self.endpoint_meta(CREATE_OP, report_run_id=data.get("token"),
                                                         request_id=self.client.request_id))

    def request_body(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        """The JSON body (if any) with the flags laid over it, flag values normalised to the spec."""
        body = _load_body(parsed_args)
        for flag, prop in DATE_FLAGS:
            value = getattr(parsed_args, prop)
            if value is not None:
                body[prop] = dates.parse_date(value, flag).isoformat()
        for flag, prop, _help in SCALAR_FLAGS:
            value = getattr(parsed_args, prop)
            if value is not None:
                body[prop] = apispec.check_choices([value], apispec.report_body_enum(prop), flag)[0]
        for flag, prop, _help in LIST_FLAGS:
            values = getattr(parsed_args, prop)
            if values:
                allowed = apispec.report_body_enum(prop)
                body[prop] = apispec.check_choices(values, allowed, flag) if allowed else values
        return body


def _load_body(parsed_args: argparse.Namespace) -> dict[str, Any]:
    if parsed_args.request_json is not None:
        text, source = parsed_args.request_json, "--request-json"
    elif parsed_args.request_file is not None:
        path = parsed_args.request_file
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ArgumentError(f"--request-file: cannot read {path}: {exc.strerror}", provider="pinterest") from None
        source = "--request-file"
    else:
        return {}
    try:
        body = json.loads(text)
    except ValueError as exc:
        raise ArgumentError(f"{source} is not valid JSON: {exc}", provider="pinterest") from None
    if not isinstance(body, dict):
        raise ArgumentError(f"{source} must be a JSON object (the report request body)", provider="pinterest")
    return body


def check_dates(body: dict[str, Any], flag_names: dict[str, str], parsed_args: argparse.Namespace) -> None:
    """Range and lookback rules the schema cannot express; name the flag, or the JSON path it came from."""
    def name(prop: str) -> str:
        return flag_names[prop] if getattr(parsed_args, prop, None) is not None else f"$.{prop}"

    start = dates.parse_date(body["start_date"], name("start_date"))
    end = dates.parse_date(body["end_date"], name("end_date"))
    dates.check_range(start, end, name("start_date"), name("end_date"))
    limits = dates.report_limits(body["granularity"], body["level"])
    dates.check_lookback(start, dates.utc_today(), limits.max_back_days, name("start_date"))
    span = (end - start).days
    if span > limits.max_range_days:
        raise ArgumentError(
            f"{name('start_date')} to {name('end_date')} spans {span} days; a {body['level']} report at "
            f"{body['granularity']} granularity may span at most {limits.max_range_days} days",
            provider="pinterest",
            hint="one report is one request: submit several reports over shorter ranges",
        )


class ReportRunsStatus(ReportRunCommand):
    """Show an async report's status (and, once FINISHED, its download URL and size)."""

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_token_arguments(parser)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        self.start(parsed_args)
        status = self.fetch_status()
        return Result(data=status, meta=self.meta(STATUS_OP, status))


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
                            help=f"when FINISHED, download the file and emit its rows (JSON reports gain {ENTITY_ID})")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        self.start(parsed_args)
        spec = self.report_spec()
        outcome = poll_until_done(
            lambda: _state(self.fetch_status()),
            terminal_states=spec.success_states | spec.failure_states,
            interval_seconds=parsed_args.poll_interval_seconds,
            timeout_seconds=parsed_args.wait_timeout_seconds,
            progress=self.ctx.progress,
            label=f"report {self.token}",
            resume_hint=self.resume_hint("wait"),
        )
        self.fail_unless_finished(outcome.payload)
        if parsed_args.download:
            return self.download(outcome.payload)
        return Result(data=outcome.payload, meta=self.meta(STATUS_OP, outcome.payload, polls=outcome.polls,
                                                           elapsed_seconds=round(outcome.elapsed_seconds, 3)))


def _state(status: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return str(status.get("report_status")), status


class ReportRunsResults(ReportRunCommand):
    """Download a FINISHED report and emit its rows in the chosen --format.

    JSON reports ({"<id>": [rows]}) become one record per row with the entity id added as
    ENTITY_ID; CSV reports become one record per line, keyed by the header, values as text.
    A report still in progress exits 2 (use 'report-runs wait --download'); a failed one exits 6.
    """

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_token_arguments(parser)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        self.start(parsed_args)
        status = self.fetch_status()
        self.fail_unless_finished(status)
        return self.download(status)
