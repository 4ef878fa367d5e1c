"""Async reports: lifecycle, JSON/CSV files, presigned-URL rules."""

from __future__ import annotations

import csv
import io
import time
from urllib.parse import parse_qs, urlsplit

import requests
from sim_helpers import ACCOUNT, AUTH, CAMPAIGN_0, CAMPAIGN_1, create_report, days_ago, poll_report

from agent_ads_pinterest_simulator import Simulator


def test_report_goes_in_progress_then_finished(sim: Simulator, http: requests.Session) -> None:
    token = create_report(sim.url, http)
    statuses = []
    for _ in range(3):
        body = http.get(
            f"{sim.url}/v5/ad_accounts/{ACCOUNT}/reports", params={"token": token}, headers=AUTH, timeout=5
        ).json()
        statuses.append(body["report_status"])
    assert statuses == ["IN_PROGRESS", "IN_PROGRESS", "FINISHED"]
    assert body["url"].startswith(f"{sim.url}/_files/") and body["size"] > 0

    download = http.get(body["url"], timeout=5)
    assert download.status_code == 200 and len(download.content) == body["size"]
    report = download.json()
    assert set(report) == {CAMPAIGN_0, CAMPAIGN_1}
    rows = report[CAMPAIGN_0]
    assert [row["DATE"] for row in rows] == [days_ago(3), days_ago(2), days_ago(1)]
    assert all({"CAMPAIGN_ID", "SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH", "CTR"} <= row.keys() for row in rows)
    assert sim.requests()[-1]["has_authorization"] is False


def test_csv_report(sim: Simulator, http: requests.Session) -> None:
    token = create_report(sim.url, http, report_format="CSV", granularity="TOTAL")
    download = http.get(poll_report(sim.url, http, token)["url"], timeout=5)
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0] == ["CAMPAIGN_ID", "SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH", "CTR"]
    assert sorted(row[0] for row in rows[1:]) == [CAMPAIGN_0, CAMPAIGN_1]


def test_download_refuses_an_authorization_header(sim: Simulator, http: requests.Session) -> None:
    url = poll_report(sim.url, http, create_report(sim.url, http))["url"]
    refused = http.get(url, headers=AUTH, timeout=5)
    assert refused.status_code == 400 and "Only one auth mechanism allowed" in refused.text
    tampered = http.get(url.replace("sig=", "sig=0"), timeout=5)
    assert tampered.status_code == 403
    assert http.get(url, timeout=5).status_code == 200


def test_unknown_token_does_not_exist(sim: Simulator, http: requests.Session) -> None:
    body = poll_report(sim.url, http, "no-such-token")
    assert body == {"report_status": "DOES_NOT_EXIST", "url": None, "size": None}


def test_presigned_url_lives_five_minutes(sim: Simulator, http: requests.Session) -> None:
    before = time.time()
    url = poll_report(sim.url, http, create_report(sim.url, http))["url"]
    after = time.time()
    expires = int(parse_qs(urlsplit(url).query)["expires"][0])
    assert before + 300 <= expires <= after + 301  # minted (rounded up to a second) while polled, for 300 s


def test_expired_presigned_url_is_access_denied() -> None:
    with Simulator(campaigns=2, report_polls=0, report_url_ttl=-10) as sim, requests.Session() as http:
        body = poll_report(sim.url, http, create_report(sim.url, http))
        expired = http.get(body["url"], timeout=5)
        assert expired.status_code == 403 and "<Code>AccessDenied</Code>" in expired.text
        assert "Request has expired" in expired.text


def test_ad_group_and_targeting_levels(sim: Simulator, http: requests.Session) -> None:
    token = create_report(sim.url, http, level="AD_GROUP_TARGETING", targeting_types=["GENDER"], granularity="TOTAL")
    report = http.get(poll_report(sim.url, http, token)["url"], timeout=5).json()
    assert len(report) == 4  # 2 campaigns x 2 ad groups
    rows = next(iter(report.values()))
    assert {row["TARGETING_TYPE"] for row in rows} == {"GENDER"} and all("AD_GROUP_ID" in row for row in rows)
