"""Analytics date-window rules that the spec states only in prose.

JSON Schema cannot express "start_date no older than N days before today", so these
limits are transcribed from the descriptions in the spec. They are attached to the
shared `components/parameters` and `components/schemas` entries that carry those
descriptions, so every operation using them gets the rule without per-endpoint lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# components/parameters/query_start_date: "Metric report start date (UTC). Format: YYYY-MM-DD.
# Cannot be more than 90 days back from today."
ANALYTICS_LOOKBACK_DAYS = 90
# components/parameters/query_end_date: "Metric report end date (UTC). Format: YYYY-MM-DD.
# Cannot be more than 90 days past start_date."
ANALYTICS_MAX_RANGE_DAYS = 90
# Description of every ads analytics operation using components/parameters/query_granularity, and of
# analytics/create_report: "If granularity is HOUR, you can pull data from up to 8 days before the
# current date in UTC time, with a maximum time range of 3 days."
HOURLY_LOOKBACK_DAYS = 8
HOURLY_MAX_RANGE_DAYS = 3
# analytics/create_report (body AdsAnalyticsCreateAsyncRequest): "If granularity is not HOUR, you can
# pull data from up to 914 days before the current date in UTC time, with a maximum time range of 186 days."
ASYNC_REPORT_LOOKBACK_DAYS = 914
ASYNC_REPORT_MAX_RANGE_DAYS = 186
# analytics/create_report: "If level is PRODUCT_ITEM, you can pull data from up to 92 days before the
# current date in UTC time, with a maximum time range of 31 days."
PRODUCT_ITEM_LOOKBACK_DAYS = 92
PRODUCT_ITEM_MAX_RANGE_DAYS = 31
# components/parameters/query_start_date_async: "Cannot be more than 2.5 years back from today." and
# query_end_date_async: "Cannot be more than 2.5 years past start date." 2.5 years is taken as the
# 914 days analytics/create_report states for the same async reporting backend.
TEMPLATE_REPORT_LOOKBACK_DAYS = 914
TEMPLATE_REPORT_MAX_RANGE_DAYS = 914


@dataclass(frozen=True)
class DateWindow:
    """How far back a report may start and how long it may span, and which rule says so."""

    lookback_days: int
    max_range_days: int
    rule: str


ANALYTICS_WINDOW = DateWindow(ANALYTICS_LOOKBACK_DAYS, ANALYTICS_MAX_RANGE_DAYS, "analytics limit")
HOURLY_WINDOW = DateWindow(HOURLY_LOOKBACK_DAYS, HOURLY_MAX_RANGE_DAYS, "limit for granularity HOUR")
ASYNC_REPORT_WINDOW = DateWindow(ASYNC_REPORT_LOOKBACK_DAYS, ASYNC_REPORT_MAX_RANGE_DAYS, "async report limit")
PRODUCT_ITEM_WINDOW = DateWindow(
    PRODUCT_ITEM_LOOKBACK_DAYS, PRODUCT_ITEM_MAX_RANGE_DAYS, "limit for level PRODUCT_ITEM"
)
TEMPLATE_REPORT_WINDOW = DateWindow(
    TEMPLATE_REPORT_LOOKBACK_DAYS, TEMPLATE_REPORT_MAX_RANGE_DAYS, "template report limit"
)

# Which shared start_date parameter carries which documented window.
_START_PARAMETER_WINDOWS = {
    "#/components/parameters/query_start_date": ANALYTICS_WINDOW,
    "#/components/parameters/query_start_date_async": TEMPLATE_REPORT_WINDOW,
}
# The granularity parameter of the operations whose descriptions state the HOUR limits.
_HOURLY_GRANULARITY_PARAMETER = "#/components/parameters/query_granularity"
ASYNC_REPORT_SCHEMA = "#/components/schemas/AdsAnalyticsCreateAsyncRequest"


def utc_today() -> dt.date:
    """Pinterest counts lookback from the current date in UTC, whatever the machine's time zone."""
    return dt.datetime.now(dt.timezone.utc).date()


def query_windows(parameter_refs: Mapping[str, str | None], query: Mapping[str, Any]) -> list[DateWindow]:
    """Windows for a query-string report, given each parameter's shared-component $ref."""
    window = _START_PARAMETER_WINDOWS.get(parameter_refs.get("start_date") or "")
    if window is None:
        return []
    hourly = parameter_refs.get("granularity") == _HOURLY_GRANULARITY_PARAMETER and query.get("granularity") == "HOUR"
    return [window, HOURLY_WINDOW] if hourly else [window]


def body_windows(schema_ref: str | None, body: Any) -> list[DateWindow]:
    """Windows for an async report request body."""
    if schema_ref != ASYNC_REPORT_SCHEMA or not isinstance(body, dict):
        return []
    windows = [ASYNC_REPORT_WINDOW]
    if body.get("granularity") == "HOUR":
        windows.append(HOURLY_WINDOW)
    if body.get("level") == "PRODUCT_ITEM":
        windows.append(PRODUCT_ITEM_WINDOW)
    return windows


def window_violations(
    start: dt.date, end: dt.date, windows: list[DateWindow], today: dt.date, start_label: str, end_label: str
) -> list[str]:
    """Check order, lookback and span against the strictest applicable window."""
    violations = []
    if end < start:
        violations.append(f"{end_label}: {end} is before start_date {start}")
    lookback = min(windows, key=lambda window: window.lookback_days)
    earliest = today - dt.timedelta(days=lookback.lookback_days)
    if start < earliest:
        violations.append(
            f"{start_label}: {start} is more than {lookback.lookback_days} days before today ({today}); "
            f"earliest allowed is {earliest} ({lookback.rule})"
        )
    span = min(windows, key=lambda window: window.max_range_days)
    if (end - start).days > span.max_range_days:
        violations.append(
            f"{end_label}: {end} is {(end - start).days} days after start_date {start}; "
            f"at most {span.max_range_days} days allowed ({span.rule})"
        )
    return violations
