"""What the synchronous analytics commands share: levels, common flags, windows, id batches.

``analytics query`` and ``targeting-analytics query`` differ only in their levels, a few
flags and the shape of the answer; the rest lives here once. A run is planned in full
before anything is sent (every window and id batch becomes a query checked against the
spec), then fetched lazily, one page of rows per request, so a long merge streams
instead of sitting in memory, and a bad flag never follows partial output.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_core.command import primed
from agent_ads_core.date_windows import batched, split_range
from agent_ads_core.declarations import AnalyticsSpec
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result
from agent_ads_pinterest import apispec, dates
from agent_ads_pinterest.commands.base import PinterestCommand, add_ad_account_argument

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
# Id lists the API caps per request (maxItems); longer lists are split into batches.
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
        flags = self.flag_names()
        lines = [f"  {name:<11} {level.op_id}" + (f"; requires {level.requirement(flags)}" if level.needs else "")
                 for name, level in self.levels.items()]
        return super().get_description() + "\n\nlevels (operation; required ids):\n" + "\n".join(lines) + (
            "\n\nLong ranges are split into windows the API accepts (90 days; 3 for HOUR) and long id\n"
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
                if param in apispec.operation(level.op_id).query:
                    union.update(dict.fromkeys(str(v) for v in apispec.enum_values(level.op_id, param)))
            if union:
                values[flag] = list(union)
        return values

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        name = apispec.check_choices([parsed_args.level], list(self.levels), "--level")[0]
        level = self.levels[name]
        self.check_ids(name, level, parsed_args)
        op_id = level.op_id
        granularity = apispec.check_choices([parsed_args.granularity], apispec.enum_values(op_id, "granularity"),
                                            "--granularity")[0]
        windows = plan_windows(self.app.registry.analytics[self.provider], parsed_args.start_date,
                               parsed_args.end_date, granularity)
        params = {param: getattr(parsed_args, param) for param in [*COMMON_FLAGS, *self.extra_flags]}
        params["granularity"] = granularity
        queries = [{**params, **batch, "start_date": start.isoformat(), "end_date": end.isoformat()}
                   for start, end in windows for batch in id_batches(op_id, params)]
        for query in queries:  # every request is checked before the first one is sent
            apispec.build_query(op_id, query, self.flag_names())
        self.client.check_sandbox(op_id)
        path_values = {"ad_account_id": self.ad_account(parsed_args)}
        meta = self.endpoint_meta(op_id, level=name, requests=len(queries))
        warnings = []
        today = dates.utc_today()
        if windows[-1][1] > today:
            warnings.append(f"--end-date {windows[-1][1].isoformat()} is after today ({today.isoformat()} UTC); "
                            "Pinterest returns no data for days that have not happened yet")
        if len(windows) > 1 and granularity in WINDOW_BUCKETS:
            warnings.append(f"the range was split into {len(windows)} windows; with {granularity} granularity "
                            "rows are per window, so totals and rates are not for the whole range")
        pages = primed(self.fetch(op_id, path_values, queries, meta))
        return Result(pages=pages, meta=meta, warnings=warnings, columns=self.row_columns(
            apispec.check_choices(params["columns"], apispec.enum_values(op_id, "columns"), "--columns")))

    def row_columns(self, columns: list[str]) -> list[str]:
        """CSV columns of a row, known before any row arrives (the header of an empty result)."""
        return list(columns)

    def check_ids(self, name: str, level: Level, parsed_args: argparse.Namespace) -> None:
        """The spec marks some of these optional (ads take either of two id sets), so say it here, by flag."""
        if level.needs and not any(all(getattr(parsed_args, p, None) for p in group) for group in level.needs):
            flags = self.flag_names()
            raise ArgumentError(f"--level {name} requires {level.requirement(flags)}", provider=self.provider,
                                hint=f"see 'agent-ads {self.cmd_name} --help' for what each level needs")

    def fetch(self, op_id: str, path_values: dict[str, str], queries: list[dict[str, Any]],
              meta: dict[str, Any]) -> Iterator[list[Any]]:
        progress, rows = self.ctx.progress, 0
        for done, query in enumerate(queries):
            if len(queries) > 1:  # many windows or id batches: show n of m while each request is out
                progress.requests(done, len(queries), rows)
            try:
                body = self.client.get(op_id, path_values, query)
            finally:
                progress.clear()
            meta["request_id"] = self.client.request_id
            page = list(body if self.rows_key is None else body.get(self.rows_key) or [])
            rows += len(page)
            yield page


def plan_windows(limits: AnalyticsSpec, start_text: str, end_text: str, granularity: str) -> list[tuple[date, date]]:
    """Check the dates against the granularity's limits and cover the range with windows the API accepts."""
    start = dates.parse_date(start_text, "--start-date")
    end = dates.parse_date(end_text, "--end-date")
    dates.check_range(start, end)
    dates.check_lookback(start, dates.utc_today(), limits.lookback(granularity))
    return split_range(start, end, limits.window_days(granularity))


def id_batches(op_id: str, params: dict[str, Any]) -> list[dict[str, list[str]]]:
    """Every combination of id batches; the id filters are ANDed, so each row falls in exactly one.

    Id lists the endpoint does not take are left alone: the spec check rejects them by flag.
    """
    accepted = apispec.operation(op_id).query
    groups = [[(param, batch) for batch in batched(params[param], apispec.max_items(op_id, param))]
              for param in BATCHED_IDS if params.get(param) and param in accepted]
    return [dict(combo) for combo in itertools.product(*groups)]
