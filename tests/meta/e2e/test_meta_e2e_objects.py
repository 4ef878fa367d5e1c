"""Object commands end to end: who the token is, accounts, the delivery tree, creatives, pixels, history."""

from __future__ import annotations

import json

from agent_ads_meta_simulator import AD_ACCOUNT_ID, BUSINESS_ID, CAMPAIGN_ID


def last_query(sim) -> dict[str, str]:
    return sim.requests()[-1]["query"]


def test_me_and_businesses(meta, meta_sim) -> None:
    me = meta("me", "--fields", "id,name")
    assert me.code == 0 and set(me.json()) == {"id", "name"}
    businesses = meta("businesses", "list")
    assert businesses.code == 0 and BUSINESS_ID in {b["id"] for b in businesses.json()}


def test_ad_accounts_of_the_user_and_of_a_business(meta, meta_sim) -> None:
    mine = meta("ad-accounts", "list", "--format", "jsonl")
    assert mine.code == 0 and AD_ACCOUNT_ID in mine.stdout
    owned = meta("ad-accounts", "list", "--business-id", BUSINESS_ID)
    assert owned.code == 0 and meta_sim.requests()[-1]["path"].endswith(f"{BUSINESS_ID}/owned_ad_accounts")
    client = meta("ad-accounts", "list", "--business-id", BUSINESS_ID, "--relation", "client")
    assert client.code == 0 and meta_sim.requests()[-1]["path"].endswith("/client_ad_accounts")
    assert {a["id"] for a in owned.json()}.isdisjoint({a["id"] for a in client.json()})
    bare = AD_ACCOUNT_ID.removeprefix("act_")
    one = meta("ad-accounts", "get", "--ad-account-id", bare, "--fields", "id,account_id,name")
    assert one.code == 0 and one.json()["id"] == AD_ACCOUNT_ID and one.json()["account_id"] == bare


def test_campaigns_list_pages_to_the_end_and_get_reads_one(meta, meta_sim) -> None:
    everything = meta("campaigns", "list", "--all", "--page-size", "5", "--envelope")
    body = everything.json()
    assert everything.code == 0 and body["paging"]["complete"] and body["paging"]["items"] == len(body["data"])
    assert len(body["data"]) > 5 and len({c["id"] for c in body["data"]}) == len(body["data"])
    first = meta("campaigns", "list", "--limit", "2", "--envelope").json()
    rest = meta("campaigns", "list", "--after", first["paging"]["after"], "--max-items", "2").json()
    assert [c["id"] for c in first["data"] + rest] == [c["id"] for c in body["data"][:4]]
    one = meta("campaigns", "get", "--campaign-id", CAMPAIGN_ID, "--fields", "id,name,objective")
    assert one.code == 0 and one.json()["id"] == CAMPAIGN_ID


def test_archived_campaigns_show_only_when_asked(meta, meta_sim) -> None:
    default = meta("campaigns", "list", "--all").json()
    archived = meta("campaigns", "list", "--all", "--effective-status", "archived", "--fields", "id,effective_status")
    assert archived.code == 0 and archived.json() and {c["effective_status"] for c in archived.json()} == {"ARCHIVED"}
    assert not {c["id"] for c in archived.json()} & {c["id"] for c in default}
    assert json.loads(last_query(meta_sim)["effective_status"]) == ["ARCHIVED"]


def test_date_filters_on_listings(meta, meta_sim) -> None:
    preset = meta("adsets", "list", "--date-preset", "last_30d", "--max-items", "3")
    assert preset.code == 0 and last_query(meta_sim)["date_preset"] == "LAST_30D"  # this edge spells it upper case
    ranged = meta("ads", "list", "--since", "2026-01-01", "--until", "2026-01-31", "--max-items", "3")
    assert ranged.code == 0 and json.loads(last_query(meta_sim)["time_range"]) == {"since": "2026-01-01",
                                                                                    "until": "2026-01-31"}
    updated = meta("ads", "list", "--updated-since", "2025-06-01", "--max-items", "3")
    assert updated.code == 0 and last_query(meta_sim)["updated_since"].isdigit()


def test_the_delivery_tree_by_parent(meta, meta_sim) -> None:
    adsets = meta("adsets", "list", "--campaign-id", CAMPAIGN_ID, "--fields", "id,campaign_id")
    assert adsets.code == 0 and adsets.json() and {a["campaign_id"] for a in adsets.json()} == {CAMPAIGN_ID}
    adset_id = adsets.json()[0]["id"]
    assert meta("adsets", "get", "--adset-id", adset_id).json()["id"] == adset_id
    ads = meta("ads", "list", "--adset-id", adset_id, "--fields", "id,adset_id,creative{id}")
    assert ads.code == 0 and {a["adset_id"] for a in ads.json()} == {adset_id}
    by_campaign = meta("ads", "list", "--campaign-id", CAMPAIGN_ID, "--all")
    assert {a["id"] for a in ads.json()} <= {a["id"] for a in by_campaign.json()}
    ad = meta("ads", "get", "--ad-id", ads.json()[0]["id"])
    assert ad.code == 0 and ad.json()["creative"]["id"] == ads.json()[0]["creative"]["id"]


def test_creatives_and_their_previews(meta, meta_sim) -> None:
    creatives = meta("creatives", "list", "--max-items", "2")
    assert creatives.code == 0 and len(creatives.json()) == 2
    creative_id = creatives.json()[0]["id"]
    assert meta("creatives", "get", "--creative-id", creative_id).json()["id"] == creative_id
    preview = meta("creatives", "preview", "--creative-id", creative_id, "--ad-format", "desktop_feed_standard")
    assert preview.code == 0 and "iframe" in preview.json()[0]["body"]
    assert last_query(meta_sim)["ad_format"] == "DESKTOP_FEED_STANDARD"
    ad_id = meta("ads", "list", "--max-items", "1").json()[0]["id"]
    by_ad = meta("creatives", "preview", "--ad-id", ad_id, "--ad-format", "MOBILE_FEED_STANDARD")
    assert by_ad.code == 0 and meta_sim.requests()[-1]["path"].endswith(f"{ad_id}/previews")


def test_pixels_and_their_stats(meta, meta_sim) -> None:
    pixels = meta("pixels", "list")
    assert pixels.code == 0 and pixels.json()
    pixel_id = pixels.json()[0]["id"]
    assert meta("pixels", "get", "--pixel-id", pixel_id).json()["id"] == pixel_id
    stats = meta("pixels", "stats", "--pixel-id", pixel_id, "--aggregation", "EVENT", "--event", "PageView",
                 "--start-time", "2025-11-01", "--end-time", "2025-11-02T00:00:00Z")
    assert stats.code == 0, stats.stderr
    sent = last_query(meta_sim)
    assert sent["aggregation"] == "event" and sent["start_time"].isdigit() and sent["end_time"].isdigit()


def test_activities_and_custom_conversions(meta, meta_sim) -> None:
    history = meta("activities", "list", "--since", "2025-01-01", "--until", "2026-12-31", "--category", "campaign",
                   "--data-source", "calypso", "--max-items", "5")
    assert history.code == 0, history.stderr
    sent = last_query(meta_sim)
    assert sent["category"] == "CAMPAIGN" and sent["data_source"] == "CALYPSO" and "id" not in sent["fields"].split(",")
    conversions = meta("custom-conversions", "list", "--fields", "id,name,custom_event_type")
    assert conversions.code == 0 and all(set(c) <= {"id", "name", "custom_event_type"} for c in conversions.json())


def test_short_and_empty_pages_are_not_the_end(meta, meta_sim) -> None:
    full = meta("campaigns", "list", "--all", "--limit", "4").json()
    meta_sim.add_fault("empty_page")
    again = meta("campaigns", "list", "--all", "--limit", "4")
    assert again.code == 0 and again.json() == full
