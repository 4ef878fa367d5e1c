"""Access token, expiry, appsecret_proof and the usage headers."""

from __future__ import annotations

import json

import pytest
from meta_sim_client import call

from agent_ads_meta_simulator import ACCESS_TOKEN, AD_ACCOUNT_ID, APP_SECRET, BUSINESS_ID, Simulator, appsecret_proof


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_missing_or_wrong_token_is_190_and_not_a_violation(sim: Simulator, token: str | None) -> None:
    reply = call(sim, "me", token=token)
    assert reply.status == 400
    assert reply.error["code"] == 190 and reply.error["type"] == "OAuthException"
    assert reply.error["message"] == "Invalid OAuth access token - Cannot parse access token"
    assert sim.violations() == []


def test_bearer_header_carries_the_token(sim: Simulator) -> None:
    reply = call(sim, "me", token=None, headers={"Authorization": f"Bearer {ACCESS_TOKEN}"})
    assert reply.status == 200 and reply.body["name"]


def test_token_in_a_post_form(sim: Simulator) -> None:
    reply = call(sim, f"{AD_ACCOUNT_ID}/insights", method="POST", form={"level": "account"})
    assert reply.status == 200 and sim.requests()[-1]["query"] == {}


def test_expired_token_answers_463_until_reset(sim: Simulator) -> None:
    sim.expire_token()
    reply = call(sim, "me")
    assert reply.status == 400 and reply.error["code"] == 190 and reply.error["error_subcode"] == 463
    assert "Session has expired" in reply.error["message"]
    assert sim.violations() == []
    sim.reset()
    assert call(sim, "me").status == 200


def test_appsecret_proof_is_hmac_sha256_of_the_token() -> None:
    import hashlib
    import hmac

    expected = hmac.new(APP_SECRET.encode(), ACCESS_TOKEN.encode(), hashlib.sha256).hexdigest()
    assert appsecret_proof(ACCESS_TOKEN) == expected


def test_wrong_appsecret_proof_is_rejected_even_when_optional(sim: Simulator) -> None:
    reply = call(sim, "me", {"appsecret_proof": appsecret_proof(ACCESS_TOKEN, "other-secret")})
    assert reply.status == 400 and reply.error["code"] == 100
    assert "Invalid appsecret_proof" in reply.error["message"]
    assert [v["message"] for v in sim.violations()] == ["(#100) Invalid appsecret_proof provided in the API argument"]
    assert call(sim, "me").status == 200  # optional: a call without proof is fine


@pytest.fixture(scope="module")
def strict() -> Simulator:
    with Simulator(require_appsecret_proof=True) as sim:
        yield sim


def test_required_appsecret_proof(strict: Simulator) -> None:
    strict.reset()
    missing = call(strict, "me")
    assert missing.status == 400 and missing.error["code"] == 100 and "appsecret_proof" in missing.error["message"]
    wrong = call(strict, "me", {"appsecret_proof": "00" * 32})
    assert wrong.status == 400 and "Invalid appsecret_proof" in wrong.error["message"]
    assert len(strict.violations()) == 2
    strict.reset()
    good = call(strict, "me", {"appsecret_proof": appsecret_proof(ACCESS_TOKEN)})
    form = call(
        strict, f"{AD_ACCOUNT_ID}/insights", method="POST", form={"appsecret_proof": appsecret_proof(ACCESS_TOKEN)}
    )
    assert good.status == 200 and form.status == 200 and strict.violations() == []


def test_usage_headers(sim: Simulator) -> None:
    me = call(sim, "me")
    usage = json.loads(me.headers["x-app-usage"])
    assert set(usage) == {"call_count", "total_cputime", "total_time"}
    assert "x-business-use-case-usage" not in me.headers
    insights = call(sim, f"{AD_ACCOUNT_ID}/insights")
    buc = json.loads(insights.headers["x-business-use-case-usage"])
    assert list(buc) == [BUSINESS_ID] and buc[BUSINESS_ID][0]["type"] == "ads_insights"
    assert set(buc[BUSINESS_ID][0]) == {
        "type",
        "call_count",
        "total_cputime",
        "total_time",
        "estimated_time_to_regain_access",
    }
    management = json.loads(call(sim, f"{AD_ACCOUNT_ID}/campaigns").headers["x-business-use-case-usage"])
    assert management[BUSINESS_ID][0]["type"] == "ads_management"
    account = json.loads(insights.headers["x-ad-account-usage"])
    assert set(account) == {"acc_id_util_pct", "reset_time_duration"}


def test_usage_grows_with_calls(sim: Simulator) -> None:
    counts = [json.loads(call(sim, "me").headers["x-app-usage"])["call_count"] for _ in range(45)]
    assert counts == sorted(counts) and counts[-1] > counts[0]
