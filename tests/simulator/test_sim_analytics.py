"""Sync analytics and targeting analytics: row counts, keys, types, determinism."""

from __future__ import annotations

from typing import Any

import requests
from sim_helpers import ACCOUNT, AUTH, CAMPAIGN_0, CAMPAIGN_1, days_ago

from agent_ads_pinterest_simulator import Simulator

COLUMNS = "SPEND_IN_DOLLAR,SPEND_IN_MICRO_DOLLAR,TOTAL_CLICKTHROUGH,PAID_IMPRESSION,CTR,CAMPAIGN_NAME"


def analytics(sim: Simulator, http: requests.Session, path: str, params: list[tuple[str, str]]) -> requests.Response:
    return http.get(f"{sim.url}/v5/ad_accounts/{ACCOUNT}{path}", params=params, headers=AUTH, timeout=5)


def campaign_params(granularity: str, start: int = 7, end: int = 1) -> list[tuple[str, str]]:
    return [
        ("campaign_ids", CAMPAIGN_0),
        ("campaign_ids", CAMPAIGN_1),
        ("columns", COLUMNS),
        ("granularity", granularity),
        ("start_date", days_ago(start)),
        ("end_date", days_ago(end)),
    ]


def test_day_rows_per_campaign_and_date(sim: Simulator, http: requests.Session) -> None:
    response = analytics(sim, http, "/campaigns/analytics", campaign_params("DAY"))
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    assert len(rows) == 14
    assert {(r["CAMPAIGN_ID"], r["DATE"]) for r in rows} == {
        (c, days_ago(d)) for c in (CAMPAIGN_0, CAMPAIGN_1) for d in range(1, 8)
    }
    for row in rows:
        assert set(COLUMNS.split(",")) <= row.keys()
        assert isinstance(row["TOTAL_CLICKTHROUGH"], int) and isinstance(row["SPEND_IN_DOLLAR"], float)
        assert row["SPEND_IN_DOLLAR"] == round(row["SPEND_IN_MICRO_DOLLAR"] / 1e6, 2)
        assert 0 <= row["CTR"] < 1 and isinstance(row["CAMPAIGN_NAME"], str)
    again = analytics(sim, http, "/campaigns/analytics", campaign_params("DAY")).json()
    assert again == rows


def test_total_and_hour_granularity(sim: Simulator, http: requests.Session) -> None:
    total = analytics(sim, http, "/campaigns/analytics", campaign_params("TOTAL")).json()
    assert len(total) == 2 and all("DATE" not in row for row in total)
    hourly = analytics(sim, http, "/campaigns/analytics", campaign_params("HOUR", start=2, end=2)).json()
    assert len(hourly) == 48 and len({row["DATE"] for row in hourly}) == 24


def test_week_and_month_buckets_cover_the_range(sim: Simulator, http: requests.Session) -> None:
    weekly = analytics(sim, http, "/campaigns/analytics", campaign_params("WEEK", start=20)).json()
    assert 3 <= len(weekly) // 2 <= 4 and min(r["DATE"] for r in weekly) == days_ago(20)
    monthly = analytics(sim, http, "/campaigns/analytics", campaign_params("MONTH", start=60)).json()
    assert 2 <= len(monthly) // 2 <= 3


def test_account_ad_group_and_ad_analytics(sim: Simulator, http: requests.Session) -> None:
    window = [
        ("columns", "SPEND_IN_DOLLAR"),
        ("granularity", "TOTAL"),
        ("start_date", days_ago(3)),
        ("end_date", days_ago(1)),
    ]
    account = analytics(sim, http, "/analytics", window).json()
    assert [row["AD_ACCOUNT_ID"] for row in account] == [ACCOUNT]
    groups = http.get(
        f"{sim.url}/v5/ad_accounts/{ACCOUNT}/ad_groups", params={"campaign_ids": CAMPAIGN_0}, headers=AUTH, timeout=5
    ).json()["items"]
    ad_group_rows = analytics(sim, http, "/ad_groups/analytics", [("ad_group_ids", groups[0]["id"]), *window]).json()
    assert [row["AD_GROUP_ID"] for row in ad_group_rows] == [groups[0]["id"]]
    no_ids = analytics(sim, http, "/ads/analytics", window)
    assert no_ids.status_code == 400 and no_ids.json()["code"] == 1


def test_targeting_analytics_shape(sim: Simulator, http: requests.Session) -> None:
    params = [
        ("campaign_ids", CAMPAIGN_0),
        ("targeting_types", "GENDER,AGE_BUCKET"),
        ("columns", "SPEND_IN_DOLLAR"),
        ("granularity", "TOTAL"),
        ("start_date", days_ago(3)),
        ("end_date", days_ago(1)),
    ]
    response = analytics(sim, http, "/campaigns/targeting_analytics", params)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert {item["targeting_type"] for item in data} == {"GENDER", "AGE_BUCKET"}
    assert {"female", "male"} <= {item["targeting_value"] for item in data}
    assert all(
        item["metrics"]["CAMPAIGN_ID"] == int(CAMPAIGN_0) and "SPEND_IN_DOLLAR" in item["metrics"] for item in data
    )
    account = analytics(sim, http, "/targeting_analytics", params[1:]).json()["data"]
    assert account and all(item["metrics"]["AD_ACCOUNT_ID"] == int(ACCOUNT) for item in account)
