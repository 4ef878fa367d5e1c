"""Bearer auth and the OAuth refresh flow with token rotation."""

from __future__ import annotations

import requests
from sim_helpers import ACCOUNT, AUTH

from agent_ads_pinterest_simulator import Credentials, Simulator

BASIC = ("demo-app-id", "demo-app-secret")


def refresh(
    sim: Simulator, http: requests.Session, refresh_token: str, auth: tuple[str, str] = BASIC
) -> requests.Response:
    return http.post(
        f"{sim.url}/v5/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": refresh_token},
        auth=auth,
        timeout=5,
    )


def test_every_endpoint_needs_the_bearer_token(sim: Simulator, http: requests.Session) -> None:
    url = f"{sim.url}/v5/ad_accounts/{ACCOUNT}"
    missing = http.get(url, timeout=5)
    wrong = http.get(url, headers={"Authorization": "Bearer nope"}, timeout=5)
    ok = http.get(url, headers=AUTH, timeout=5)
    assert (missing.status_code, missing.json()) == (401, {"code": 2, "message": "Authentication failed."})
    assert wrong.status_code == 401
    assert ok.status_code == 200 and ok.json()["id"] == ACCOUNT
    assert [r["has_authorization"] for r in sim.requests()] == [False, True, True]


def test_refresh_rotates_both_tokens(sim: Simulator, http: requests.Session) -> None:
    first = refresh(sim, http, "demo-refresh-token")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["access_token"] == "sim-access-1" and body["refresh_token"] == "sim-refresh-1"
    assert body["token_type"] == "bearer"
    assert {"expires_in", "scope", "refresh_token_expires_in", "refresh_token_expires_at"} <= body.keys()

    url = f"{sim.url}/v5/ad_accounts"
    assert http.get(url, headers=AUTH, timeout=5).status_code == 401  # old access token is dead
    assert http.get(url, headers={"Authorization": "Bearer sim-access-1"}, timeout=5).status_code == 200

    reused = refresh(sim, http, "demo-refresh-token")  # old refresh token is dead too
    assert reused.status_code == 400 and reused.json()["code"] == 1
    assert refresh(sim, http, "sim-refresh-1").json()["refresh_token"] == "sim-refresh-2"


def test_refresh_needs_the_app_credentials(sim: Simulator, http: requests.Session) -> None:
    response = refresh(sim, http, "demo-refresh-token", auth=("demo-app-id", "wrong"))
    assert (response.status_code, response.json()["code"]) == (401, 2)
    assert refresh(sim, http, "demo-refresh-token").status_code == 200  # the failed attempt rotated nothing


def test_expired_access_token_until_refresh(sim: Simulator, http: requests.Session) -> None:
    url = f"{sim.url}/v5/ad_accounts"
    sim.expire_access_token()
    assert http.get(url, headers=AUTH, timeout=5).json() == {"code": 2, "message": "Authentication failed."}
    new_token = refresh(sim, http, "demo-refresh-token").json()["access_token"]
    assert http.get(url, headers={"Authorization": f"Bearer {new_token}"}, timeout=5).status_code == 200


def test_reset_restores_demo_credentials(sim: Simulator, http: requests.Session) -> None:
    refresh(sim, http, "demo-refresh-token")
    sim.reset()
    assert http.get(f"{sim.url}/v5/ad_accounts", headers=AUTH, timeout=5).status_code == 200
    assert sim.requests()[-1]["status"] == 200 and len(sim.requests()) == 1


def test_custom_credentials() -> None:
    creds = Credentials(app_id="a", app_secret="s", access_token="tok", refresh_token="ref")
    with Simulator(credentials=creds, campaigns=1) as sim, requests.Session() as http:
        assert (
            http.get(f"{sim.url}/v5/ad_accounts", headers={"Authorization": "Bearer tok"}, timeout=5).status_code == 200
        )
        assert refresh(sim, http, "ref", auth=("a", "s")).status_code == 200
