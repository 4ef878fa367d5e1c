"""Each fault kind, its count and path matching, and the /_sim/faults control."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request

import pytest
from meta_sim_client import call, control

from agent_ads_meta_simulator import ACCESS_TOKEN, AD_ACCOUNT_ID, BUSINESS_ID, Simulator


@pytest.mark.parametrize(
    "params, code, status",
    [({}, 17, 400), ({"code": 4}, 4, 400), ({"code": 613}, 613, 400), ({"code": 80000}, 80000, 400)],
)
def test_rate_limit(sim: Simulator, params: dict, code: int, status: int) -> None:
    sim.add_fault("rate_limit", estimated_time_to_regain_access=7, **params)
    reply = call(sim, f"{AD_ACCOUNT_ID}/insights")
    assert reply.status == status and reply.error["code"] == code and reply.error["is_transient"] is True
    assert reply.error["fbtrace_id"] == reply.headers["x-fb-trace-id"]
    buc = json.loads(reply.headers["x-business-use-case-usage"])[BUSINESS_ID][0]
    assert buc["estimated_time_to_regain_access"] == 7 and buc["call_count"] == 100
    assert call(sim, f"{AD_ACCOUNT_ID}/insights").status == 200  # count 1: consumed
    assert sim.violations() == []


def test_rate_limit_message_and_minutes_alias(sim: Simulator) -> None:
    sim.add_fault("rate_limit", minutes=3)
    reply = call(sim, f"{AD_ACCOUNT_ID}/campaigns")
    assert reply.error["message"] == "(#17) User request limit reached"
    assert (
        json.loads(reply.headers["x-business-use-case-usage"])[BUSINESS_ID][0]["estimated_time_to_regain_access"] == 3
    )


def test_transient(sim: Simulator) -> None:
    sim.add_fault("transient")
    reply = call(sim, "me")
    assert reply.status == 500 and reply.error["code"] == 2 and reply.error["is_transient"] is True


@pytest.mark.parametrize("status", [500, 503])
def test_server_error(sim: Simulator, status: int) -> None:
    sim.add_fault("server_error", status=status)
    reply = call(sim, "me")
    assert reply.status == status and reply.error["code"] == 1


def test_timeout_too_much_data(sim: Simulator) -> None:
    sim.add_fault("timeout_too_much_data", path="insights")
    assert call(sim, "me").status == 200  # path does not match
    reply = call(sim, f"{AD_ACCOUNT_ID}/insights")
    assert reply.error["code"] == 100 and reply.error["error_subcode"] == 1487534


@pytest.mark.parametrize("code", [10, 200])
def test_permission(sim: Simulator, code: int) -> None:
    sim.add_fault("permission", code=code)
    reply = call(sim, "me/businesses")
    assert reply.status == 403 and reply.error["code"] == code


def test_count_and_path(sim: Simulator) -> None:
    sim.add_fault("transient", count=2, path="/campaigns")
    statuses = [call(sim, f"{AD_ACCOUNT_ID}/campaigns").status for _ in range(3)]
    assert statuses == [500, 500, 200]


def test_drop_connection(sim: Simulator) -> None:
    sim.add_fault("drop_connection")
    url = f"{sim.url}/v25.0/me?access_token={ACCESS_TOKEN}"
    with pytest.raises((urllib.error.URLError, http.client.HTTPException, ConnectionError)):
        urllib.request.urlopen(url, timeout=5).read()
    assert call(sim, "me").status == 200
    assert sim.requests()[0]["status"] is None


def test_truncated_body(sim: Simulator) -> None:
    sim.add_fault("truncated_body")
    connection = http.client.HTTPConnection(sim.host, sim.port, timeout=5)
    connection.request("GET", f"/v25.0/{AD_ACCOUNT_ID}/campaigns?access_token={ACCESS_TOKEN}")
    response = connection.getresponse()
    assert response.status == 200
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    connection.close()
    assert call(sim, f"{AD_ACCOUNT_ID}/campaigns").status == 200


def test_slow(sim: Simulator) -> None:
    sim.add_fault("slow", seconds=0.3)
    started = time.monotonic()
    assert call(sim, "me").status == 200
    assert time.monotonic() - started >= 0.3


def test_latency_applies_to_every_request_and_survives_reset(sim: Simulator) -> None:
    sim.set_latency(0.2)
    try:
        sim.reset()
        started = time.monotonic()
        call(sim, "me")
        assert time.monotonic() - started >= 0.2 and sim.health()["latency"] == 0.2
    finally:
        sim.set_latency(0)
    assert sim.health()["latency"] == 0
    with pytest.raises(ValueError):
        sim.set_latency(-1)


def test_bad_fault_specs_are_refused(sim: Simulator) -> None:
    for kind, params in [
        ("meteor", {}),
        ("rate_limit", {"code": 1}),
        ("slow", {"delay": 1}),
        ("transient", {"count": 0}),
    ]:
        with pytest.raises(ValueError):
            sim.add_fault(kind, **params)


def test_controls_over_http(sim: Simulator) -> None:
    armed = control(sim, "faults", {"kind": "server_error", "status": 503, "path": "/me"})
    assert armed.status == 200 and armed.body["fault"]["kind"] == "server_error"
    assert control(sim, "health").body["faults"][0]["status"] == 503
    assert call(sim, "me").status == 503
    assert control(sim, "faults", {"kind": "nope"}).status == 400
    assert control(sim, "expire-token", {}).status == 200 and call(sim, "me").error["error_subcode"] == 463
    assert control(sim, "latency", {"seconds": 0}).status == 200
    assert [r["status"] for r in control(sim, "requests").body] == [503, 400]
    call(sim, "act_x")
    assert control(sim, "violations").body[0]["path"] == "/v25.0/act_x"
    assert control(sim, "reset", {}).body == {"ok": True} and sim.requests() == [] and call(sim, "me").status == 200
    assert control(sim, "nothing").status == 404
