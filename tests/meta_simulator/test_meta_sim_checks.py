"""The request checker: each kind of bad request is rejected (400/100 + a violation), valid forms pass."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from meta_sim_client import call

from agent_ads_meta_simulator import ACCESS_TOKEN, AD_ACCOUNT_ID, CAMPAIGN_ID, Simulator, appsecret_proof

TODAY = dt.datetime.now(dt.timezone.utc).date()
RANGE = json.dumps(
    {"since": (TODAY - dt.timedelta(days=3)).isoformat(), "until": (TODAY - dt.timedelta(days=1)).isoformat()}
)


BAD = [
    ("unknown param", f"{AD_ACCOUNT_ID}/campaigns", {"colour": "red"}, "Unsupported parameter 'colour'"),
    ("unknown field", f"{AD_ACCOUNT_ID}/campaigns", {"fields": "id,name,colour"}, "nonexisting field (colour)"),
    (
        "unknown nested field",
        f"{AD_ACCOUNT_ID}/ads",
        {"fields": "id,creative{id,colour}"},
        "(colour) on node type (AdCreative)",
    ),
    (
        "unknown node-read field",
        CAMPAIGN_ID,
        {"fields": "name,spend"},
        "nonexisting field (spend) on node type (Campaign)",
    ),
    (
        "unknown insights field",
        f"{AD_ACCOUNT_ID}/insights",
        {"fields": "spend,colour"},
        "(colour) on node type (AdsInsights)",
    ),
    (
        "node read param",
        CAMPAIGN_ID,
        {"limit": "5", "effective_status": '["ACTIVE"]'},
        "Unsupported parameter 'effective_status'",
    ),
    ("bad enum", f"{AD_ACCOUNT_ID}/insights", {"level": "country"}, "level must be one of"),
    ("bad list enum", f"{AD_ACCOUNT_ID}/insights", {"breakdowns": '["age","colour"]'}, "breakdowns must be one of"),
    ("bad status enum", f"{AD_ACCOUNT_ID}/campaigns", {"effective_status": '["LIVE"]'}, "effective_status must be"),
    ("list<string> status", f"{AD_ACCOUNT_ID}/ads", {"effective_status": '["RUNNING"]'}, "effective_status must be"),
    ("lower-case preset on adsets", f"{AD_ACCOUNT_ID}/adsets", {"date_preset": "last_7d"}, "date_preset must be"),
    ("upper-case preset on insights", f"{AD_ACCOUNT_ID}/insights", {"date_preset": "LAST_7D"}, "date_preset must be"),
    ("bad act id", "act_12ab/campaigns", {}, "Invalid ad account id 'act_12ab'"),
    ("bare account digits", f"{AD_ACCOUNT_ID[4:]}/campaigns", {}, "ad account ids are act_"),
    ("non-JSON time_range", f"{AD_ACCOUNT_ID}/insights", {"time_range": "2026-01-01,2026-01-31"}, "time_range must be"),
    (
        "time_range keys",
        f"{AD_ACCOUNT_ID}/insights",
        {"time_range": '{"start":"2026-01-01","end":"2026-01-02"}'},
        "since",
    ),
    (
        "time_range order",
        f"{AD_ACCOUNT_ID}/insights",
        {"time_range": '{"since":"2026-02-01","until":"2026-01-01"}'},
        "since",
    ),
    ("time_increment 0", f"{AD_ACCOUNT_ID}/insights", {"time_increment": "0"}, "time_increment must be"),
    ("time_increment 91", f"{AD_ACCOUNT_ID}/insights", {"time_increment": "91"}, "time_increment must be"),
    ("time_increment weekly", f"{AD_ACCOUNT_ID}/insights", {"time_increment": "weekly"}, "time_increment must be"),
    ("filtering object", f"{AD_ACCOUNT_ID}/insights", {"filtering": '{"field":"spend"}'}, "filtering must be"),
    ("bool type", f"{AD_ACCOUNT_ID}/insights", {"default_summary": "yes"}, "default_summary must be a boolean"),
    ("int type", f"{AD_ACCOUNT_ID}/ads", {"updated_since": "yesterday"}, "updated_since must be an integer"),
    ("limit type", f"{AD_ACCOUNT_ID}/campaigns", {"limit": "ten"}, "limit must be"),
    ("garbage cursor", f"{AD_ACCOUNT_ID}/campaigns", {"after": "not-a-cursor"}, "after cursor is invalid"),
    ("missing required", "{creative}/previews", {}, "ad_format is required"),
    ("bad ad_format", "{creative}/previews", {"ad_format": "BILLBOARD"}, "ad_format must be one of"),
    ("edge of another node", f"{CAMPAIGN_ID}/previews", {"ad_format": "DESKTOP_FEED_STANDARD"}, "Unknown path"),
    ("unknown edge", f"{AD_ACCOUNT_ID}/colours", {}, "Unknown path components: /colours"),
    ("too deep", f"{AD_ACCOUNT_ID}/campaigns/extra", {}, "Unknown path components: /extra"),
    ("fields syntax", f"{AD_ACCOUNT_ID}/ads", {"fields": "id,creative{id"}, "Syntax error"),
]


@pytest.mark.parametrize("name, path, params, message", BAD, ids=[b[0] for b in BAD])
def test_rejects_with_graph_error_and_a_violation(
    sim: Simulator, name: str, path: str, params: dict, message: str
) -> None:
    path = path.format(**ids(sim))
    reply = call(sim, path, params)
    assert reply.status == 400, reply.body
    error = reply.error
    assert error["code"] == 100 and error["type"] == "OAuthException" and error["message"].startswith("(#100)")
    assert message in error["message"]
    assert error["fbtrace_id"] == reply.headers["x-fb-trace-id"]
    violations = sim.violations()
    assert violations and all(v["path"] == f"/v25.0/{path}" and v["method"] == "GET" for v in violations)
    assert any(message in v["message"] for v in violations)


GOOD: list[tuple[str, str, dict[str, Any]]] = [
    ("graph-wide params", f"{AD_ACCOUNT_ID}/campaigns", {"fields": "id,name", "limit": "10"}),
    ("declared param", f"{AD_ACCOUNT_ID}/campaigns", {"is_completed": "false", "date_preset": "last_7d"}),
    ("nested fields", f"{AD_ACCOUNT_ID}/ads", {"fields": "id,creative{id,name,thumbnail_url},adset{name}"}),
    ("edge as field", CAMPAIGN_ID, {"fields": "name,adsets.limit(2){name},insights{spend}"}),
    ("unknown nested type is lenient", f"{AD_ACCOUNT_ID}/adsets", {"fields": "targeting{geo_locations,age_min}"}),
    ("enum", f"{AD_ACCOUNT_ID}/insights", {"level": "campaign"}),
    ("list enum JSON", f"{AD_ACCOUNT_ID}/insights", {"breakdowns": '["age","gender"]'}),
    ("list enum comma", f"{AD_ACCOUNT_ID}/insights", {"breakdowns": "country"}),
    ("status list", f"{AD_ACCOUNT_ID}/campaigns", {"effective_status": '["ACTIVE","PAUSED"]'}),
    ("ads list<string> status", f"{AD_ACCOUNT_ID}/ads", {"effective_status": '["ACTIVE","ADSET_PAUSED"]'}),
    ("upper-case preset on adsets", f"{AD_ACCOUNT_ID}/adsets", {"date_preset": "LAST_7D"}),
    ("lower-case preset on campaign", CAMPAIGN_ID, {"date_preset": "last_7d", "fields": "name"}),
    ("JSON time_range", f"{AD_ACCOUNT_ID}/insights", {"time_range": RANGE}),
    ("time_ranges", f"{AD_ACCOUNT_ID}/insights", {"time_ranges": f"[{RANGE},{RANGE}]"}),
    ("time_increment 1", f"{AD_ACCOUNT_ID}/insights", {"time_increment": "1", "date_preset": "last_3d"}),
    ("time_increment 90", f"{AD_ACCOUNT_ID}/insights", {"time_increment": "90"}),
    ("time_increment monthly", f"{AD_ACCOUNT_ID}/insights", {"time_increment": "monthly"}),
    ("time_increment all_days", f"{AD_ACCOUNT_ID}/insights", {"time_increment": "all_days"}),
    (
        "filtering",
        f"{AD_ACCOUNT_ID}/insights",
        {"filtering": json.dumps([{"field": "campaign.id", "operator": "IN", "value": [CAMPAIGN_ID]}])},
    ),
    ("bools", f"{AD_ACCOUNT_ID}/insights", {"default_summary": "true", "use_unified_attribution_setting": "1"}),
    (
        "activities params",
        f"{AD_ACCOUNT_ID}/activities",
        {"since": "2025-01-01", "until": "1767225600", "category": "CAMPAIGN"},
    ),
    ("pixel list", f"{AD_ACCOUNT_ID}/adspixels", {"fields": "id,name,last_fired_time", "sort_by": "NAME"}),
    ("limit above cap", f"{AD_ACCOUNT_ID}/campaigns", {"limit": "5000"}),
    ("me", "me", {"fields": "id,name"}),
    ("summary", f"{AD_ACCOUNT_ID}/campaigns", {"summary": "total_count"}),
    (
        "campaign insights",
        f"{CAMPAIGN_ID}/insights",
        {"fields": "campaign_name,spend", "action_attribution_windows": '["7d_click"]'},
    ),
    ("creative previews", "{creative}/previews", {"ad_format": "DESKTOP_FEED_STANDARD", "width": "400"}),
    ("ad previews", "{ad}/previews", {"ad_format": "INSTAGRAM_STANDARD"}),
    (
        "pixel stats",
        "{pixel}/stats",
        {"aggregation": "event", "event": "Purchase", "start_time": "2026-01-01T00:00:00+0000"},
    ),
]


def ids(sim: Simulator) -> dict[str, str]:
    """Ids reached through the API (a creative, an ad and a pixel of the first account)."""
    ad = call(sim, f"{CAMPAIGN_ID}/ads", {"fields": "id,creative"}).body["data"][0]
    pixel = call(sim, f"{AD_ACCOUNT_ID}/adspixels").body["data"][0]["id"]
    return {"ad": ad["id"], "creative": ad["creative"]["id"], "pixel": pixel}


@pytest.mark.parametrize("name, path, params", GOOD, ids=[g[0] for g in GOOD])
def test_accepts_valid_requests_without_violations(sim: Simulator, name: str, path: str, params: dict) -> None:
    reply = call(sim, path.format(**ids(sim)), params)
    assert reply.status == 200, reply.body
    assert sim.violations() == []


def test_bearer_header_and_appsecret_proof_are_accepted(sim: Simulator) -> None:
    reply = call(
        sim,
        f"{AD_ACCOUNT_ID}/campaigns",
        {"appsecret_proof": appsecret_proof(ACCESS_TOKEN)},
        token=None,
        headers={"Authorization": f"Bearer {ACCESS_TOKEN}"},
    )
    assert reply.status == 200 and sim.violations() == []


def test_post_insights_needs_a_form_body(sim: Simulator) -> None:
    ok = call(sim, f"{AD_ACCOUNT_ID}/insights", method="POST", form={"level": "campaign", "fields": "spend"})
    assert ok.status == 200 and "report_run_id" in ok.body and sim.violations() == []
    body = json.dumps({"level": "campaign", "access_token": ACCESS_TOKEN}).encode()
    bad = call(sim, f"{AD_ACCOUNT_ID}/insights", method="POST", body=body, headers={"Content-Type": "application/json"})
    assert bad.status == 400 and "form-encoded" in bad.error["message"]
    assert [v["method"] for v in sim.violations()] == ["POST"]


def test_post_params_in_the_query_are_a_violation(sim: Simulator) -> None:
    reply = call(sim, f"{AD_ACCOUNT_ID}/insights?level=campaign", method="POST", form={})
    assert reply.status == 400 and "form body" in reply.error["message"]
    assert len(sim.violations()) == 1


def test_post_form_is_validated_too(sim: Simulator) -> None:
    reply = call(sim, f"{AD_ACCOUNT_ID}/insights", method="POST", form={"level": "everything"})
    assert reply.status == 400 and "level must be one of" in reply.error["message"]
    assert sim.violations()[0]["form"]["level"] == "everything"


@pytest.mark.parametrize(
    "method, path, message",
    [
        ("POST", f"{AD_ACCOUNT_ID}/campaigns", "is a write"),
        ("DELETE", CAMPAIGN_ID, "is a write"),
        ("POST", f"{AD_ACCOUNT_ID}/activities", "Unsupported POST"),
    ],
)
def test_writes_and_unknown_methods_are_violations(sim: Simulator, method: str, path: str, message: str) -> None:
    reply = call(sim, path, method=method, form={"name": "x"})
    assert reply.status == 400 and message in reply.error["message"]
    assert len(sim.violations()) == 1


def test_path_without_version_is_a_violation(sim: Simulator) -> None:
    reply = call(sim, "me", version="")
    assert reply.status == 400 and "API version" in reply.error["message"]
    assert sim.violations()[0]["path"] == "/me"


def test_any_major_version_is_served_and_echoed(sim: Simulator) -> None:
    reply = call(sim, "me", version="v27.0")
    assert reply.status == 200 and reply.headers["facebook-api-version"] == "v27.0"
    assert call(sim, "me", version="v25.1").status == 400


def test_unknown_ids_are_graph_errors_not_violations(sim: Simulator) -> None:
    missing = call(sim, "act_1/campaigns")
    assert missing.status == 400 and missing.error["error_subcode"] == 33
    numeric = call(sim, "999999999")
    assert numeric.status == 400 and numeric.error["code"] == 100 and numeric.error["error_subcode"] == 33
    assert sim.violations() == []
