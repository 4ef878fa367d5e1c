"""Pinterest's reporting-window limits: the numbers, and the spec sentences they come from.

Pinterest rejects an analytics request whose range is too long or reaches too far back,
one request at a time. The plugin declares these numbers in its ``AnalyticsSpec``, so the
core's analytics runner checks them before anything is sent and covers a long range with
several requests; async reports (one report, one request) are checked against
:func:`report_limits` by ``report-runs submit``.

How the limits are counted (decided from the spec's wording, used consistently here):

* range: ``end_date`` "Cannot be more than 90 days past start_date", so a window is
  valid when ``(end - start).days <= max_days``; with both ends inclusive a 90-day
  window therefore covers 91 calendar days.
* lookback: ``start_date`` "Cannot be more than 90 days back from today", so the oldest
  valid start is ``today - max_back_days``. "Today" is the current date in UTC.
"""

from __future__ import annotations

from typing import NamedTuple

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
