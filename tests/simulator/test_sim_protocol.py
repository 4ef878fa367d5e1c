"""Spec validation of every /v5 request, violation recording, request ids, the request log bound."""

from __future__ import annotations

import requests
from sim_helpers import ACCOUNT, AUTH, CAMPAIGN_0, create_report, days_ago, poll_report

from agent_ads_pinterest_simulator import Simulator


def analytics_pairs(columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        ("campaign_ids", CAMPAIGN_0),
        *columns,
        ("granularity", "DAY"),
        ("start_date", days_ago(3)),
        ("end_date", days_ago(1)),
    ]


def test_wrong_array_style_and_unknown_parameter_are_400_and_recorded(sim: Simulator, http: requests.Session) -> None:
    url = f"{sim.url}/v5/ad_accounts/{ACCOUNT}/campaigns/analytics"
    repeated = http.get(
        url, params=analytics_pairs([("columns", "SPEND_IN_DOLLAR"), ("columns", "CTR")]), headers=AUTH, timeout=5
    )
    unknown = http.get(
        url, params=analytics_pairs([("columns", "SPEND_IN_DOLLAR,CTR"), ("colums", "x")]), headers=AUTH, timeout=5
    )
    assert repeated.status_code == 400 and repeated.json()["code"] == 1 and "columns" in repeated.json()["message"]
    assert unknown.status_code == 400 and "colums" in unknown.json()["message"]
    violations = sim.violations()
    assert len(violations) == 2
    assert violations[0]["path"] == f"/v5/ad_accounts/{ACCOUNT}/campaigns/analytics"
    assert ("columns", "CTR") in [tuple(pair) for pair in violations[0]["query"]]
    assert any("columns" in m for m in violations[0]["messages"])
    assert any("colums" in m for m in violations[1]["messages"])
    ok = http.get(url, params=analytics_pairs([("columns", "SPEND_IN_DOLLAR,CTR")]), headers=AUTH, timeout=5)
    assert ok.status_code == 200 and len(sim.violations()) == 2


def test_unknown_path_and_method_are_recorded(sim: Simulator, http: requests.Session) -> None:
    missing = http.get(f"{sim.url}/v5/no_such_thing", headers=AUTH, timeout=5)
    wrong_method = http.delete(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5)
    assert missing.status_code == 404 and set(missing.json()) == {"code", "message"}
    assert wrong_method.status_code == 405 and wrong_method.json()["code"] == 5
    assert [v["method"] for v in sim.violations()] == ["GET", "DELETE"]


def test_violations_are_recorded_even_without_auth(sim: Simulator, http: requests.Session) -> None:
    response = http.get(f"{sim.url}/v5/ad_accounts", params={"page_size": 999}, timeout=5)
    assert response.status_code == 401
    assert len(sim.violations()) == 1


def test_every_response_has_a_unique_request_id(sim: Simulator, http: requests.Session) -> None:
    sim.add_fault("server_error", path_contains="/audiences")
    responses = [
        http.get(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5),
        http.get(f"{sim.url}/v5/ad_accounts", timeout=5),
        http.get(f"{sim.url}/v5/ad_accounts", params={"bogus": 1}, headers=AUTH, timeout=5),
        http.get(f"{sim.url}/v5/nowhere", headers=AUTH, timeout=5),
        http.get(f"{sim.url}/v5/ad_accounts/{ACCOUNT}/audiences", headers=AUTH, timeout=5),
        http.get(f"{sim.url}/_files/missing.json", timeout=5),
        http.get(f"{sim.url}/_sim/health", timeout=5),
    ]
    assert [r.status_code for r in responses] == [200, 401, 400, 404, 500, 403, 200]
    rids = [r.headers["x-pinterest-rid"] for r in responses]
    assert all(rids) and len(set(rids)) == len(rids)
    assert [r["request_id"] for r in sim.requests()] == rids[:6]
    ok = responses[0].headers
    assert (
        ok["x-ratelimit-limit"] == "1000"
        and int(ok["x-ratelimit-remaining"]) < 1000
        and int(ok["x-ratelimit-reset"]) > 0
    )


def test_request_log_is_bounded_but_violations_are_not(http: requests.Session) -> None:
    with Simulator(campaigns=1, max_requests=5) as sim:
        for n in range(8):
            http.get(f"{sim.url}/v5/ad_accounts", params={"bad": n}, headers=AUTH, timeout=5)
        logged = sim.requests()
        assert len(logged) == 5 and logged[0]["query"] == [("bad", "3")]
        assert len(sim.violations()) == 8


def test_recorded_request_fields(sim: Simulator, http: requests.Session) -> None:
    poll_report(sim.url, http, create_report(sim.url, http))
    first = sim.requests()[0]
    assert first["method"] == "POST" and first["operation_id"] == "analytics/create_report"
    assert first["status"] == 200 and first["has_authorization"] is True
    assert sim.requests()[-1]["query"][0][0] == "token"
