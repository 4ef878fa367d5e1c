"""Pinterest's reporting-window limits for async reports (the generic date checks are the core's)."""

from __future__ import annotations

from agent_ads_pinterest import dates


def test_limits_follow_granularity_and_level() -> None:
    assert dates.report_limits("DAY", "CAMPAIGN") == (914, 186)
    assert dates.report_limits("DAY", "PRODUCT_ITEM") == (92, 31)
    assert dates.report_limits("HOUR", "PRODUCT_ITEM") == (8, 3)
