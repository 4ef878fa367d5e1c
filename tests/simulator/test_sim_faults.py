"""Each switchable fault kind, its parameters, and how hits are consumed."""

from __future__ import annotations

import gzip
import json
import time

import pytest
import requests
from sim_helpers import ACCOUNT, AUTH, create_report, poll_report

from agent_ads_pinterest_simulator import Simulator


def accounts(sim: Simulator, http: requests.Session) -> requests.Response:
    return http.get(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5)


def test_expired_token(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("expired_token")
    first = accounts(sim, http)
    assert (first.status_code, first.json()) == (401, {"code": 2, "message": "Authentication failed."})
    assert accounts(sim, http).status_code == 200  # one hit only


def test_rate_limit_without_retry_after(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("rate_limit", reset=3)
    response = accounts(sim, http)
    assert response.status_code == 429 and response.json()["code"] == 8
    assert response.headers["x-ratelimit-remaining"] == "0" and response.headers["x-ratelimit-reset"] == "3"
    assert "x-ratelimit-limit" in response.headers and "Retry-After" not in response.headers


def test_rate_limit_with_retry_after(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("rate_limit", retry_after=2)
    response = accounts(sim, http)
    assert response.status_code == 429 and response.headers["Retry-After"] == "2"


def test_daily_quota(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("daily_quota")
    response = accounts(sim, http)
    assert response.status_code == 429 and response.json()["code"] == 8
    assert response.headers["x-ratelimit-reset"] == str(5 * 3600)


def test_retry_after_400(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("retry_after_400", seconds=4)
    response = accounts(sim, http)
    assert (response.status_code, response.json()) == (
        400,
        {"code": 1, "message": "Too many requests. Retry after 4 seconds."},
    )


@pytest.mark.parametrize("status", [500, 503])
def test_server_error(sim: Simulator, http: requests.Session, status: int) -> None:
    sim.add_fault("server_error", status=status)
    response = accounts(sim, http)
    assert response.status_code == status and response.json()["code"] == 12


def test_drop_connection(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("drop_connection")
    with pytest.raises(requests.ConnectionError):
        accounts(sim, http)
    assert accounts(sim, http).status_code == 200
    assert [r["status"] for r in sim.requests()] == [None, 200]


def test_slow(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("slow", delay=0.2)
    started = time.monotonic()
    assert accounts(sim, http).status_code == 200
    assert time.monotonic() - started >= 0.2  # held for the fault's delay
    assert sim.faults.pending() == []  # and only once: the next request is not held
    assert accounts(sim, http).status_code == 200


@pytest.mark.parametrize("status", ["FAILED", "CANCELLED"])
def test_report_failed(sim: Simulator, http: requests.Session, status: str) -> None:
    sim.add_fault("report_failed", status=status)
    failed = poll_report(sim.url, http, create_report(sim.url, http))
    assert failed == {"report_status": status, "url": None, "size": None}
    assert poll_report(sim.url, http, create_report(sim.url, http))["report_status"] == "FINISHED"


def test_expire_report_urls_then_repoll(sim: Simulator, http: requests.Session) -> None:
    token = create_report(sim.url, http)
    url = poll_report(sim.url, http, token)["url"]
    sim.add_fault("expire_report_urls")
    expired = http.get(url, timeout=5)
    assert expired.status_code == 403 and "Request has expired" in expired.text
    fresh = poll_report(sim.url, http, token)["url"]
    assert http.get(fresh, timeout=5).status_code == 200


def test_gzip_reports(sim: Simulator, http: requests.Session) -> None:
    url = poll_report(sim.url, http, create_report(sim.url, http))["url"]
    sim.add_fault("gzip_reports")
    response = http.get(url, timeout=5)
    assert response.content[:2] == b"\x1f\x8b"
    assert "Content-Encoding" not in response.headers
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert json.loads(gzip.decompress(response.content)) == http.get(url, timeout=5).json()


def test_count_and_path_contains(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("server_error", count=2, path_contains="/campaigns")
    assert accounts(sim, http).status_code == 200
    campaigns = f"{sim.url}/v5/ad_accounts/{ACCOUNT}/campaigns"
    statuses = [http.get(campaigns, headers=AUTH, timeout=5).status_code for _ in range(3)]
    assert statuses == [500, 500, 200]


def test_bad_fault_specs_are_rejected(sim: Simulator) -> None:
    with pytest.raises(ValueError):
        sim.add_fault("meteor_strike")
    with pytest.raises(ValueError):
        sim.add_fault("slow", seconds=1)
    with pytest.raises(ValueError):
        sim.add_fault("server_error", status=404)
