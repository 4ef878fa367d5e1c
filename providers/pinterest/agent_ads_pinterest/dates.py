"""Date flags and Pinterest's reporting-window limits, checked before anything is sent.

Pinterest rejects an analytics request whose range is too long or reaches too far back,
and it does so one request at a time; checking locally turns that into one clear error
naming the flag; the core's ``date_windows.split_range`` then covers a long range with several
requests instead of failing.

How the limits are counted (decided from the spec's wording, used consistently here):

* range: ``end_date`` "Cannot be more than 90 days past start_date", so a window is
  valid when ``(end - start).days <= max_days``; with both ends inclusive a 90-day
  window therefore covers 91 calendar days.
* lookback: ``start_date`` "Cannot be more than 90 days back from today", so the oldest
  valid start is ``today - max_back_days``. "Today" is the current date in UTC.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

from agent_ads_core.errors import ArgumentError

PROVIDER = "pinterest"

# Synchronous analytics endpoints (ad_account/analytics, campaigns/analytics, ...).
# query_start_date: "Cannot be more than 90 days back from today."
# query_end_date: "Cannot be more than 90 days past start_date."
# Operation descriptions: "If granularity is not HOUR, you can pull data from up to 90 days
# before the current date in UTC time, with a maximum time range of 90 days."
ANALYTICS_LOOKBACK_DAYS = 90
ANALYTICS_MAX_RANGE_DAYS = 90
# "If granularity is HOUR, you can pull data from up to 8 days before the current date in
# UTC time, with a maximum time range of 3 days." (ad_account/analytics omits the range
# clause; every sibling endpoint states 3 days, so it applies to all.)
HOURLY_LOOKBACK_DAYS = 8
HOURLY_MAX_RANGE_DAYS = 3

# Async reports (analytics/create_report): "If granularity is not HOUR, you can pull data
# from up to 914 days before the current date in UTC time, with a maximum time range of
# 186 days." HOUR uses the same 8/3 as above.
REPORT_LOOKBACK_DAYS = 914
REPORT_MAX_RANGE_DAYS = 186
# "If level is PRODUCT_ITEM, you can pull data from up to 92 days before the current date
# in UTC time, with a maximum time range of 31 days."
PRODUCT_ITEM_LOOKBACK_DAYS = 92
PRODUCT_ITEM_MAX_RANGE_DAYS = 31

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Limits(NamedTuple):
    """How far back a request may start and how long its range may be, in days."""

    max_back_days: int
    max_range_days: int


def report_limits(granularity: str, level: str) -> Limits:
    """Limits of async reports; the stricter of the HOUR and PRODUCT_ITEM rules wins when both apply."""
    candidates = [Limits(REPORT_LOOKBACK_DAYS, REPORT_MAX_RANGE_DAYS)]
    if granularity.upper() == "HOUR":
        candidates.append(Limits(HOURLY_LOOKBACK_DAYS, HOURLY_MAX_RANGE_DAYS))
    if level.upper() == "PRODUCT_ITEM":
        candidates.append(Limits(PRODUCT_ITEM_LOOKBACK_DAYS, PRODUCT_ITEM_MAX_RANGE_DAYS))
    return Limits(min(c.max_back_days for c in candidates), min(c.max_range_days for c in candidates))


def utc_today() -> date:
    """Pinterest counts lookback from the current UTC date, not the user's local one."""
    return datetime.now(timezone.utc).date()


def parse_date(text: str, flag: str) -> date:
    """Accept only YYYY-MM-DD, the one format the API takes, so nothing is reinterpreted."""
    if not _ISO_DATE.fullmatch(text.strip()):
        raise ArgumentError(
            f"{flag} must be a date in YYYY-MM-DD format, got {text!r}", provider=PROVIDER, hint="e.g. 2024-01-31"
        )
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ArgumentError(f"{flag}: {text!r} is not a valid date ({exc})", provider=PROVIDER) from None


def check_range(start: date, end: date, start_flag: str = "--start-date", end_flag: str = "--end-date") -> None:
    """An inverted range would otherwise come back as an empty or confusing API error."""
    if start > end:
        raise ArgumentError(
            f"{start_flag} ({start.isoformat()}) is after {end_flag} ({end.isoformat()})",
            provider=PROVIDER,
            hint=f"{start_flag} must be on or before {end_flag}",
        )


def check_lookback(start: date, today: date, max_back_days: int, flag: str = "--start-date") -> None:
    """Name the oldest allowed date so the user can fix the flag in one try."""
    oldest = today - timedelta(days=max_back_days)
    if start < oldest:
        raise ArgumentError(
            f"{flag} {start.isoformat()} is too far back: Pinterest only serves data up to "
            f"{max_back_days} days before today ({today.isoformat()} UTC); the oldest allowed date is "
            f"{oldest.isoformat()}",
            provider=PROVIDER,
            hint=f"use {flag} {oldest.isoformat()} or later",
        )
