"""Constants and helpers shared by the simulator tests (seeded ids, demo token, dates)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import requests

ACCOUNT = "549755885175"  # first seeded ad account
CAMPAIGN_0 = "626700000000"  # its first campaign
CAMPAIGN_1 = "626700000001"
AUTH = {"Authorization": "Bearer demo-access-token"}


def days_ago(days: int) -> str:
    """Dates relative to today in UTC, since the validator enforces Pinterest's look-back windows."""
    return (dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=days)).isoformat()


def create_report(base: str, http: requests.Session, **overrides: Any) -> str:
    body = {
        "level": "CAMPAIGN",
        "columns": ["SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH", "CTR"],
        "granularity": "DAY",
        "start_date": days_ago(3),
        "end_date": days_ago(1),
        "campaign_ids": [CAMPAIGN_0, CAMPAIGN_1],
        "report_format": "JSON",
        **overrides,
    }
    response = http.post(f"{base}/v5/ad_accounts/{ACCOUNT}/reports", json=body, headers=AUTH, timeout=5)
    assert response.status_code == 200, response.text
    assert response.json()["report_status"] == "IN_PROGRESS"
    return response.json()["token"]


def poll_report(base: str, http: requests.Session, token: str, max_polls: int = 10) -> dict[str, Any]:
    """Poll until the report leaves IN_PROGRESS; returns the final status body."""
    for _ in range(max_polls):
        response = http.get(
            f"{base}/v5/ad_accounts/{ACCOUNT}/reports", params={"token": token}, headers=AUTH, timeout=5
        )
        assert response.status_code == 200, response.text
        body = response.json()
        if body["report_status"] != "IN_PROGRESS":
            return body
        time.sleep(0.01)
    raise AssertionError("report never left IN_PROGRESS")
