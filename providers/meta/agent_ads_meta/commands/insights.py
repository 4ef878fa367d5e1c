"""``meta insights query``: synchronous insights of one ad account, campaign, ad set or ad.

The flags are Meta's insights params one for one, shared with ``report-runs submit``
(which POSTs the same params to start an async run): :class:`InsightsFlags` declares,
checks and encodes them once. Checked before sending: exactly one object, one way of
giving dates (--date-preset, --since/--until or --time-ranges), --time-increment in
1..90|monthly|all_days, enum values (any case, sent as Meta spells them), fields of
AdsInsights, and --filtering as JSON filter objects.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result
from agent_ads_meta import graph
from agent_ads_meta.commands.base import (
    AD,
    AD_ACCOUNT,
    ADSET,
    CAMPAIGN,
    GraphList,
    MetaCommand,
    Param,
    add_scope_arguments,
    chosen_scope,
)
from agent_ads_meta.graph import Edge

SCOPES = (AD_ACCOUNT, CAMPAIGN, ADSET, AD)
LEVEL_OF = {"AdAccount": "account", "Campaign": "campaign", "AdSet": "adset", "Ad": "ad"}
METRICS = "impressions,reach,clicks,spend,ctr,cpc,cpm"
NAMED_IDS = {"account": "account_id,account_name", "campaign": "campaign_id,campaign_name",
             "adset": "adset_id,adset_name", "ad": "ad_id,ad_name"}
TIME_INCREMENT_WORDS = ("monthly", "all_days")
MAX_TIME_INCREMENT_DAYS = 90


class InsightsFlags(MetaCommand):
    """The insights params as flags, for GET and POST .../insights alike."""

    method = "GET"
    params = (
        Param("--level", "level", "row level (default: the object's own)"),
        Param("--date-preset", "date_preset", "a relative range instead of --since/--until"),
        Param("--time-increment", "time_increment", f"days per row 1..{MAX_TIME_INCREMENT_DAYS}, monthly or all_days"),
        Param("--breakdowns", "breakdowns", "split rows by these dimensions", "list"),
        Param("--action-breakdowns", "action_breakdowns", "split action metrics by these", "list"),
        Param("--action-attribution-windows", "action_attribution_windows", "attribution windows of action "
              "metrics (7d_view and 28d_view stopped being returned on 2026-01-12)", "list"),
        Param("--action-report-time", "action_report_time", "when actions are counted"),
        Param("--use-unified-attribution-setting", "use_unified_attribution_setting",
              "use each ad set's own attribution setting, as Ads Manager does", "flag"),
        Param("--sort", "sort", "e.g. spend_descending, impressions_ascending", "list"),
    )

    def flag_names(self) -> dict[str, str]:
        return {**super().flag_names(), "time_ranges": "--time-ranges", "filtering": "--filtering"}

    def add_insights_arguments(self, parser: ArgumentParser) -> None:
        add_scope_arguments(parser, SCOPES)
        parser.add_argument("--fields", metavar="A,B,C", help=f"AdsInsights fields (default: the level's id and name, "
                                                               f"date_start, date_stop, {METRICS})")
        self.add_params(parser, [Edge(scope.node, self.method, "insights") for scope in SCOPES])
        parser.add_argument("--since", metavar="YYYY-MM-DD",
                            help="first day (with --until), in the account's time zone")
        parser.add_argument("--until", metavar="YYYY-MM-DD", help="last day (with --since)")
        add_list_argument(parser, "--time-ranges", dest="time_ranges", metavar="SINCE..UNTIL[,...]",
                          help="several ranges at once, e.g. 2026-03-01..2026-03-07,2026-03-08..2026-03-14")
        parser.add_argument("--filtering", action="append", metavar="JSON",
                            help='a filter object or array, e.g. {"field":"campaign.name","operator":"CONTAIN",'
                                 '"value":"x"}; repeatable')

    def insights_target(self, parsed_args: argparse.Namespace) -> tuple[Edge, str]:
        scope, object_id = chosen_scope(self, parsed_args, SCOPES)
        return Edge(scope.node, self.method, "insights"), object_id

    def param_values(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        """The insights params; ``self.edge`` (the chosen object's insights edge) is set by then."""
        values = super().param_values(parsed_args)
        ways = [flag for flag, given in (("--date-preset", parsed_args.date_preset),
                                         ("--since/--until", parsed_args.since or parsed_args.until),
                                         ("--time-ranges", parsed_args.time_ranges)) if given]
        if len(ways) > 1:
            raise ArgumentError(f"give dates one way, not {' and '.join(ways)}", provider=self.provider)
        values["time_range"] = graph.time_range(parsed_args.since, parsed_args.until)
        values["time_ranges"] = _time_ranges(parsed_args.time_ranges)
        values["time_increment"] = _time_increment(parsed_args.time_increment)
        values["filtering"] = _filtering(parsed_args.filtering)
        level = parsed_args.level or LEVEL_OF[self.edge.node]
        values["fields"] = parsed_args.fields or default_fields(level.lower())
        return values


def default_fields(level: str) -> str:
    return f"{NAMED_IDS.get(level, NAMED_IDS['account'])},date_start,date_stop,{METRICS}"


def _time_increment(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip().lower()
    if text in TIME_INCREMENT_WORDS or (text.isdigit() and 1 <= int(text) <= MAX_TIME_INCREMENT_DAYS):
        return text
    raise ArgumentError(f"--time-increment: {value!r} is not 1..{MAX_TIME_INCREMENT_DAYS}, monthly or all_days",
                        provider="meta")


def _time_ranges(values: list[str] | None) -> list[dict[str, str]] | None:
    if not values:
        return None
    ranges = []
    for value in values:
        since, sep, until = value.partition("..")
        if not sep:
            raise ArgumentError(f"--time-ranges: {value!r} is not SINCE..UNTIL", provider="meta",
                                hint="e.g. --time-ranges 2026-03-01..2026-03-07")
        ranges.append(graph.time_range(since, until, "--time-ranges", "--time-ranges"))
    return ranges


def _filtering(values: list[str] | None) -> list[dict[str, Any]] | None:
    if not values:
        return None
    filters: list[dict[str, Any]] = []
    for value in values:
        try:
            parsed = json.loads(value)
        except ValueError as exc:
            raise ArgumentError(f"--filtering is not JSON: {exc}", provider="meta") from None
        for item in parsed if isinstance(parsed, list) else [parsed]:
            if not isinstance(item, dict) or not isinstance(item.get("field"), str) or "operator" not in item:
                raise ArgumentError(f"--filtering: {json.dumps(item)} is not a filter object",
                                    provider="meta", hint='write {"field": ..., "operator": ..., "value": ...}')
            filters.append(item)
    return filters


class InsightsQuery(InsightsFlags, GraphList):
    """Synchronous insights: GET /{act_id|campaign|adset|ad}/insights, paged like lists.

    Exactly one of --ad-account-id, --campaign-id, --adset-id, --ad-id (else the default ad
    account). Too much data for one call (errors 100/1487534, 1504018) means: narrow the
    range or breakdowns, or run the same flags through 'report-runs submit'.
    """

    edge_name = "insights"
    scopes = SCOPES

    def add_filters(self, parser: ArgumentParser) -> None:
        self.add_insights_arguments(parser)

    def target(self, parsed_args: argparse.Namespace) -> tuple[Edge, str]:
        return self.insights_target(parsed_args)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        result = super().execute(parsed_args)
        fields = [name for name, _nested in graph.split_fields(self.values["fields"])]
        result.columns = [*fields, *(parsed_args.breakdowns or [])]
        return result
