"""The /_sim HTTP controls, for tests that drive a simulator in another process."""

from __future__ import annotations

import pytest
import requests
from sim_helpers import ACCOUNT, AUTH

from agent_ads_pinterest_simulator import Simulator, __main__, server


def test_health_lists_seeded_accounts(sim: Simulator, http: requests.Session) -> None:
    health = http.get(f"{sim.url}/_sim/health", timeout=5).json()
    assert health["ok"] is True and health["ad_account_ids"][0] == ACCOUNT and health["url"] == sim.url


def test_faults_requests_violations_reset_over_http(sim: Simulator, http: requests.Session) -> None:
    armed = http.post(f"{sim.url}/_sim/faults", json={"kind": "rate_limit", "reset": 2, "count": 1}, timeout=5)
    assert armed.status_code == 200 and armed.json()["fault"]["reset"] == 2
    assert http.get(f"{sim.url}/_sim/health", timeout=5).json()["faults"][0]["kind"] == "rate_limit"
    assert http.get(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5).status_code == 429
    http.get(f"{sim.url}/v5/ad_accounts", params={"nope": 1}, headers=AUTH, timeout=5)

    logged = http.get(f"{sim.url}/_sim/requests", timeout=5).json()
    assert [r["status"] for r in logged] == [429, 400]
    assert len(http.get(f"{sim.url}/_sim/violations", timeout=5).json()) == 1

    assert http.post(f"{sim.url}/_sim/reset", timeout=5).json() == {"ok": True}
    assert http.get(f"{sim.url}/_sim/requests", timeout=5).json() == []
    assert http.get(f"{sim.url}/_sim/violations", timeout=5).json() == []


def test_expire_token_over_http(sim: Simulator, http: requests.Session) -> None:
    assert http.post(f"{sim.url}/_sim/expire-token", timeout=5).status_code == 200
    assert http.get(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5).status_code == 401


def test_bad_control_requests(sim: Simulator, http: requests.Session) -> None:
    assert http.post(f"{sim.url}/_sim/faults", json={"kind": "nope"}, timeout=5).status_code == 400
    assert http.post(f"{sim.url}/_sim/faults", data="{", timeout=5).status_code == 400
    assert http.get(f"{sim.url}/_sim/reset", timeout=5).status_code == 405
    assert http.get(f"{sim.url}/_sim/whatever", timeout=5).status_code == 404


def test_latency_delays_api_and_file_answers_not_controls(
    sim: Simulator, http: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(server.time, "sleep", slept.append)
    assert http.get(f"{sim.url}/_sim/latency", timeout=5).json() == {"seconds": 0.0}
    http.get(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5)
    assert slept == []

    assert http.post(f"{sim.url}/_sim/latency", json={"seconds": 0.25}, timeout=5).json() == {"seconds": 0.25}
    assert http.get(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5).status_code == 200
    http.get(f"{sim.url}/_files/nothing.csv", timeout=5)
    http.get(f"{sim.url}/_sim/health", timeout=5)
    assert slept == [0.25, 0.25]

    for bad in ({"seconds": -1}, {"seconds": "1"}, {"seconds": 61}, {}):
        assert http.post(f"{sim.url}/_sim/latency", json=bad, timeout=5).status_code == 400
    sim.reset()
    assert http.get(f"{sim.url}/_sim/latency", timeout=5).json() == {"seconds": 0.0}


def test_latency_flag_and_constructor() -> None:
    with pytest.raises(ValueError, match="latency"):
        Simulator(latency_seconds=-0.5)
    assert Simulator(latency_seconds=0.3).latency_seconds == 0.3
    assert __main__._parser().parse_args(["--latency", "0.3"]).latency == 0.3
