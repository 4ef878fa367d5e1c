"""What the synchronous analytics commands share: levels, common flags, Pinterest's fetch.

``analytics query`` and ``targeting-analytics query`` differ only in their levels, a few
flags and the shape of the answer; the rest lives here once. Windows, id batches,
concurrency and the order of rows are the core's analytics runner; what is Pinterest's is
the query each request sends, checked against the API description for every planned
request before the first one is sent, so a bad flag never follows partial output.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from agent_ads_core.analytics_runner import AnalyticsRun, DateWindow, run_analytics, utc_today
from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_core.command import primed
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result
from agent_ads_pinterest.commands.base import PinterestCommand, add_ad_account_argument
from agent_ads_pinterest.enum_matching import check_choices
from agent_ads_pinterest.openapi_table import enum_values, operation
from agent_ads_pinterest.query_encoding import build_query

# API parameter -> CLI flag, for the flags every analytics command has.
COMMON_FLAGS = {
    "start_date": "--start-date",
    "end_date": "--end-date",
    "columns": "--columns",
    "granularity": "--granularity",
    "click_window_days": "--click-window-days",
    "engagement_window_days": "--engagement-window-days",
    "view_window_days": "--view-window-days",
    "conversion_report_time": "--conversion-report-time",
    "reporting_timezone": "--reporting-timezone",
}
# Id lists the API caps per request (maxItems, declared in the AnalyticsSpec); longer lists are batched.
BATCHED_IDS = ("campaign_ids", "ad_group_ids", "ad_ids", "pin_ids")
# Granularities whose rows describe the whole window: split windows give one row each.
WINDOW_BUCKETS = ("TOTAL", "WEEK", "MONTH")


@dataclass(frozen=True)
class Level:
    """One ``--level``: its operation and the id flags it needs.

    ``needs`` lists alternatives; one of them must be given in full (e.g. ads take
    ``--ad-id``, or ``--campaign-id`` with ``--pin-id``).
    """

    op_id: str
    needs: tuple[tuple[str, ...], ...] = ()

    def requirement(self, flags: dict[str, str]) -> str:
        return ", or ".join(" with ".join(flags[param] for param in group) for group in self.needs)


class AnalyticsQueryCommand(PinterestCommand):
    """Base of the sync analytics commands; subclasses declare levels and extra flags."""

    levels: ClassVar[dict[str, Level]]
    # API parameter -> CLI flag for the subclass's own flags (ids, options).
    extra_flags: ClassVar[dict[str, str]]
    # Where the rows are in the answer: None for a bare JSON array.
    rows_key: ClassVar[str | None] = None

    def flag_names(self) -> dict[str, str]:
        return {**super().flag_names(), **COMMON_FLAGS, **self.extra_flags}

    def get_description(self) -> str:
        spec = self.registry.analytics[self.provider]
        flags = self.flag_names()
        lines = [f"  {name:<11} {level.op_id}" + (f"; requires {level.requirement(flags)}" if level.needs else "")
                 for name, level in self.levels.items()]
        return super().get_description() + "\n\nlevels (operation; required ids):\n" + "\n".join(lines) + (
            f"\n\nLong ranges are split into windows the API accepts ({spec.window_days('DAY')} days; "
            f"{spec.window_days('HOUR')} for HOUR) and long id\n"
            "lists into batches; rows are merged in order. With TOTAL, WEEK or MONTH a split range\n"
            "gives one row per window and bucket, not one for the whole range."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--level", required=True, help="what the rows describe: " + ", ".join(self.levels))
        add_ad_account_argument(parser)
        parser.add_argument("--start-date", dest="start_date", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--end-date", dest="end_date", required=True, metavar="YYYY-MM-DD",
                            help="inclusive")
        add_list_argument(parser, "--columns", dest="columns", required=True, metavar="COL[,COL...]",
                          help="metrics, e.g. SPEND_IN_DOLLAR,IMPRESSION_1,CLICKTHROUGH_1")
        parser.add_argument("--granularity", required=True, help="TOTAL, DAY, HOUR, WEEK or MONTH")
        self.add_level_arguments(parser)
        for param in ("click_window_days", "engagement_window_days", "view_window_days"):
            parser.add_argument(COMMON_FLAGS[param], dest=param, metavar="DAYS", help="0, 1, 7, 14, 30 or 60")
        parser.add_argument("--conversion-report-time", dest="conversion_report_time", metavar="WHEN",
                            help="TIME_OF_AD_ACTION or TIME_OF_CONVERSION")
        parser.add_argument("--reporting-timezone", dest="reporting_timezone", metavar="TZ",
                            help="PINTEREST_TIME_ZONE or AD_ACCOUNT_TIME_ZONE")

    def add_level_arguments(self, parser: ArgumentParser) -> None:
        """Declare the subclass's id flags and options (dest = API parameter name)."""

    def enum_values(self) -> dict[str, list[str]]:
        """Each flag's values over every level (a value some level refuses is caught per request)."""
        values = {**super().enum_values(), "--level": list(self.levels)}
        for param, flag in {**COMMON_FLAGS, **self.extra_flags}.items():
            union: dict[str, None] = {}
            for level in self.levels.values():
                if param in operation(level.op_id).query:
                    union.update(dict.fromkeys(str(v) for v in enum_values(level.op_id, param)))
            if union:
                values[flag] = list(union)
        return values

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        name = check_choices([parsed_args.level], list(self.levels), "--level")[0]
        level = self.levels[name]
        self.check_ids(name, level, parsed_args)
        op_id = level.op_id
        granularity = check_choices([parsed_args.granularity], enum_values(op_id, "granularity"),
                                            "--granularity")[0]
        params = {param: getattr(parsed_args, param) for param in [*COMMON_FLAGS, *self.extra_flags]}
        params["granularity"] = granularity
        accepted = operation(op_id).query
        # Id lists the endpoint does not take are not batched: the spec check rejects them by flag.
        ids = {param: params[param] for param in BATCHED_IDS if params.get(param) and param in accepted}
        self.path_values: dict[str, str] = {}
        self.request_ids: dict[str, str | None] = {}
        run = run_analytics(self.pctx, self.registry.analytics[self.provider], start=parsed_args.start_date,
                            end=parsed_args.end_date, granularity=granularity, ids=ids,
                            fetch=lambda window, batch: self.fetch_rows(op_id, self.query(params, window, batch)))
        for window, batch in run.plan:  # every request is checked before the first one is sent
            build_query(op_id, self.query(params, window, batch), self.flag_names())
        self.client.check_sandbox(op_id)
        self.path_values = {"ad_account_id": self.ad_account(parsed_args)}
        meta = self.endpoint_meta(op_id, level=name, requests=run.requests)
        warnings = []
        today, last = utc_today(), run.plan[-1][0].end
        if last > today:
            warnings.append(f"--end-date {last.isoformat()} is after today ({today.isoformat()} UTC); "
                            f"{self.pctx.info.title} returns no data for days that have not happened yet")
        if run.windows > 1 and granularity in WINDOW_BUCKETS:
            warnings.append(f"the range was split into {run.windows} windows; with {granularity} granularity "
                            "rows are per window, so totals and rates are not for the whole range")
        pages = primed(self.pages(run, params, meta))
        return Result(pages=pages, meta=meta, warnings=warnings, columns=self.row_columns(
            check_choices(params["columns"], enum_values(op_id, "columns"), "--columns")))

    @staticmethod
    def query(params: dict[str, Any], window: DateWindow, batch: dict[str, list[str]]) -> dict[str, Any]:
        return {**params, **batch, "start_date": window.start.isoformat(), "end_date": window.end.isoformat()}

    def fetch_rows(self, op_id: str, query: dict[str, Any]) -> list[Any]:
        """One request (possibly on a worker thread): its rows, its request id kept for the meta."""
        body = self.client.get(op_id, self.path_values, query)
        self.request_ids[json.dumps(query, sort_keys=True)] = self.client.request_id
        return self.client.rows(body, op_id, self.rows_key)

    def pages(self, run: AnalyticsRun, params: dict[str, Any], meta: dict[str, Any]) -> Iterator[list[Any]]:
        """The runner's pages in plan order, with ``request_id`` that of the last request written."""
        for (window, batch), page in zip(run.plan, run.pages()):
            meta["request_id"] = self.request_ids.get(json.dumps(self.query(params, window, batch), sort_keys=True))
            yield page

    def row_columns(self, columns: list[str]) -> list[str]:
        """CSV columns of a row, known before any row arrives (the header of an empty result)."""
        return list(columns)

    def check_ids(self, name: str, level: Level, parsed_args: argparse.Namespace) -> None:
        """The spec marks some of these optional (ads take either of two id sets), so say it here, by flag."""
        if level.needs and not any(all(getattr(parsed_args, p, None) for p in group) for group in level.needs):
            flags = self.flag_names()
            raise ArgumentError(f"--level {name} requires {level.requirement(flags)}", provider=self.provider,
                                hint=f"see 'agent-ads {self.cmd_name} --help' for what each level needs")
