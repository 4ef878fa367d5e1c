"""Every route family the Meta client uses answers Graph-shaped data."""

from __future__ import annotations

import re

from meta_sim_client import all_pages, call

from agent_ads_meta_simulator import AD_ACCOUNT_ID, BUSINESS_ID, CAMPAIGN_ID, Simulator

NUMERIC = re.compile(r"\d+")


def test_me_defaults_to_id_and_name(sim: Simulator) -> None:
    body = call(sim, "me").body
    assert set(body) == {"id", "name"} and NUMERIC.fullmatch(body["id"])
    assert call(sim, "me", {"fields": "id"}).body == {"id": body["id"]}


def test_me_businesses_and_adaccounts(sim: Simulator) -> None:
    businesses = call(sim, "me/businesses", {"fields": "id,name"}).body["data"]
    assert [b["id"] for b in businesses][0] == BUSINESS_ID and len(businesses) == 2
    accounts = call(sim, "me/adaccounts", {"fields": "account_id,name,currency"}).body["data"]
    assert len(accounts) == 3 and accounts[0]["id"] == AD_ACCOUNT_ID
    for account in accounts:
        assert account["id"] == f"act_{account['account_id']}" and NUMERIC.fullmatch(account["account_id"])
        assert set(account) == {"id", "account_id", "name", "currency"}


def test_business_node_and_its_account_edges(sim: Simulator) -> None:
    assert call(sim, BUSINESS_ID).body["id"] == BUSINESS_ID
    owned = call(sim, f"{BUSINESS_ID}/owned_ad_accounts").body["data"]
    clients = call(sim, f"{BUSINESS_ID}/client_ad_accounts").body["data"]
    assert [a["id"] for a in owned] == [AD_ACCOUNT_ID]
    assert len(clients) == 1 and clients[0]["id"] != AD_ACCOUNT_ID
    mine = [a["id"] for a in call(sim, "me/adaccounts").body["data"]]
    only_me = set(mine) - {AD_ACCOUNT_ID, clients[0]["id"]}
    assert len(only_me) == 1  # the third account is reachable only through /me/adaccounts
    assert call(sim, only_me.pop(), {"fields": "business"}).body.keys() == {"id"}


def test_ad_account_node_with_nested_business(sim: Simulator) -> None:
    body = call(sim, AD_ACCOUNT_ID, {"fields": "name,account_id,currency,timezone_name,business{id,name}"}).body
    assert body["id"] == AD_ACCOUNT_ID and body["account_id"] == AD_ACCOUNT_ID[4:]
    assert body["business"] == {"id": BUSINESS_ID, "name": body["business"]["name"]} and body["business"]["name"]
    assert call(sim, AD_ACCOUNT_ID).body == {"id": AD_ACCOUNT_ID}


def test_campaign_adset_ad_tree(sim: Simulator) -> None:
    campaigns, _ = all_pages(sim, f"{AD_ACCOUNT_ID}/campaigns", {"fields": "id,name,status,objective"})
    assert campaigns[0]["id"] == CAMPAIGN_ID and all(NUMERIC.fullmatch(c["id"]) for c in campaigns)
    adsets = call(sim, f"{CAMPAIGN_ID}/adsets", {"fields": "id,campaign_id,name"}).body["data"]
    assert adsets and all(a["campaign_id"] == CAMPAIGN_ID for a in adsets)
    ads = call(sim, f"{adsets[0]['id']}/ads", {"fields": "id,adset_id,campaign_id,creative{id,name}"}).body["data"]
    assert ads and all(a["adset_id"] == adsets[0]["id"] and a["campaign_id"] == CAMPAIGN_ID for a in ads)
    assert set(ads[0]["creative"]) == {"id", "name"}
    campaign_ads = call(sim, f"{CAMPAIGN_ID}/ads", {"fields": "campaign_id"}).body["data"]
    assert {a["id"] for a in ads} <= {a["id"] for a in campaign_ads}
    account_adsets, _ = all_pages(sim, f"{AD_ACCOUNT_ID}/adsets", {"limit": 200})
    account_ads, _ = all_pages(sim, f"{AD_ACCOUNT_ID}/ads", {"limit": 200})
    assert {a["id"] for a in adsets} <= {a["id"] for a in account_adsets}
    assert {a["id"] for a in ads} <= {a["id"] for a in account_ads}


def test_node_reads_return_only_requested_fields_plus_id(sim: Simulator) -> None:
    campaign = call(sim, CAMPAIGN_ID, {"fields": "name,effective_status"}).body
    assert list(campaign) == ["name", "effective_status", "id"] and campaign["effective_status"] == "ACTIVE"
    assert call(sim, CAMPAIGN_ID).body == {"id": CAMPAIGN_ID}
    adset_id = call(sim, f"{CAMPAIGN_ID}/adsets").body["data"][0]["id"]
    adset = call(sim, adset_id, {"fields": "campaign{name},daily_budget"}).body
    assert adset["campaign"]["id"] == CAMPAIGN_ID and isinstance(adset["daily_budget"], str)


def test_creatives_and_previews(sim: Simulator) -> None:
    creatives = call(sim, f"{AD_ACCOUNT_ID}/adcreatives", {"fields": "id,name,thumbnail_url"}).body["data"]
    assert creatives and all("thumbnail_url" in c for c in creatives)
    creative = creatives[0]["id"]
    assert call(sim, creative, {"fields": "name"}).body["id"] == creative
    preview = call(sim, f"{creative}/previews", {"ad_format": "DESKTOP_FEED_STANDARD"}).body
    assert preview["data"][0]["body"].startswith("<iframe")
    ad = call(sim, f"{CAMPAIGN_ID}/ads").body["data"][0]["id"]
    assert "<iframe" in call(sim, f"{ad}/previews", {"ad_format": "MOBILE_FEED_STANDARD"}).body["data"][0]["body"]
    assert sim.violations() == []


def test_activities_have_no_id_and_default_to_all_fields(sim: Simulator) -> None:
    activities = call(sim, f"{AD_ACCOUNT_ID}/activities").body["data"]
    assert activities and all("id" not in a for a in activities)
    assert {"event_time", "event_type", "object_id", "actor_name"} <= set(activities[0])
    few = call(sim, f"{AD_ACCOUNT_ID}/activities", {"fields": "event_time,event_type"}).body["data"]
    assert set(few[0]) == {"event_time", "event_type"}
    since = call(sim, f"{AD_ACCOUNT_ID}/activities", {"since": activities[2]["event_time"][:10]}).body["data"]
    assert 0 < len(since) < len(activities) + 5 and all(
        a["event_time"] >= activities[2]["event_time"][:10] for a in since
    )


def test_custom_conversions_pixels_and_pixel_stats(sim: Simulator) -> None:
    conversions = call(sim, f"{AD_ACCOUNT_ID}/customconversions", {"fields": "name,custom_event_type,pixel"}).body
    assert len(conversions["data"]) == 3 and all("pixel" in c for c in conversions["data"])
    pixels = call(sim, f"{AD_ACCOUNT_ID}/adspixels", {"fields": "name,last_fired_time"}).body["data"]
    assert 1 <= len(pixels) <= 2
    pixel = call(sim, pixels[0]["id"], {"fields": "name,code,owner_ad_account"}).body
    assert pixel["owner_ad_account"] == {"id": AD_ACCOUNT_ID}
    params = {
        "aggregation": "event",
        "event": "Purchase",
        "start_time": "2026-01-01T00:00:00+0000",
        "end_time": "2026-01-01T06:00:00+0000",
    }
    stats = call(sim, f"{pixels[0]['id']}/stats", params).body["data"]
    assert len(stats) == 6 and stats[0]["start_time"] == "2026-01-01T00:00:00+0000"
    assert all(s["aggregation"] == "event" and [d["value"] for d in s["data"]] == ["Purchase"] for s in stats)
    assert sim.violations() == []


def test_modelled_but_unseeded_edges_answer_empty_lists(sim: Simulator) -> None:
    reply = call(sim, f"{AD_ACCOUNT_ID}/adimages")
    assert reply.status == 200 and reply.body == {"data": []} and sim.violations() == []


def test_headers_on_every_answer(sim: Simulator) -> None:
    first, second = call(sim, "me"), call(sim, "nope")
    for reply in (first, second):
        assert reply.headers["facebook-api-version"] == "v25.0" and reply.headers["x-fb-rev"]
    assert first.headers["x-fb-trace-id"] != second.headers["x-fb-trace-id"]
    assert second.error["fbtrace_id"] == second.headers["x-fb-trace-id"]


def test_requests_are_recorded_with_query_form_and_status(sim: Simulator) -> None:
    call(sim, f"{AD_ACCOUNT_ID}/campaigns", {"limit": "2"})
    call(sim, f"{AD_ACCOUNT_ID}/insights", method="POST", form={"level": "ad"})
    first, second = sim.requests()
    assert first["method"] == "GET" and first["path"] == f"/v25.0/{AD_ACCOUNT_ID}/campaigns"
    assert first["query"]["limit"] == "2" and first["form"] == {} and first["status"] == 200
    assert second["method"] == "POST" and second["form"]["level"] == "ad" and second["status"] == 200
