"""Date flags and reporting windows, checked locally before any request."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from agent_ads_core.errors import ArgumentError
from agent_ads_pinterest import dates


@pytest.mark.parametrize("text", ["2024/01/01", "20240101", "2024-1-1", "yesterday", "2024-01-01T00:00", ""])
def test_parse_date_rejects_other_formats(text: str) -> None:
    with pytest.raises(ArgumentError) as info:
        dates.parse_date(text, "--start-date")
    assert "--start-date" in info.value.message and "YYYY-MM-DD" in info.value.message


def test_parse_date_rejects_impossible_dates() -> None:
    with pytest.raises(ArgumentError) as info:
        dates.parse_date("2023-02-29", "--end-date")
    assert "--end-date" in info.value.message


def test_parse_date_accepts_iso() -> None:
    assert dates.parse_date("2024-02-29", "--start-date") == date(2024, 2, 29)


def test_check_range_rejects_inverted_range() -> None:
    dates.check_range(date(2024, 1, 1), date(2024, 1, 1))
    with pytest.raises(ArgumentError) as info:
        dates.check_range(date(2024, 1, 2), date(2024, 1, 1), "--from", "--to")
    assert "--from" in info.value.message and "--to" in info.value.message


def test_lookback_error_names_the_oldest_allowed_date() -> None:
    today = date(2024, 6, 1)
    oldest = today - timedelta(days=dates.ANALYTICS_LOOKBACK_DAYS)
    dates.check_lookback(oldest, today, dates.ANALYTICS_LOOKBACK_DAYS, "--start-date")
    with pytest.raises(ArgumentError) as info:
        dates.check_lookback(oldest - timedelta(days=1), today, dates.ANALYTICS_LOOKBACK_DAYS, "--start-date")
    assert oldest.isoformat() == "2024-03-03"
    assert "2024-03-03" in info.value.message and "--start-date" in info.value.message


def test_limits_follow_granularity_and_level() -> None:
    assert dates.report_limits("DAY", "CAMPAIGN") == (914, 186)
    assert dates.report_limits("DAY", "PRODUCT_ITEM") == (92, 31)
    assert dates.report_limits("HOUR", "PRODUCT_ITEM") == (8, 3)
