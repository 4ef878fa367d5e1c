"""List endpoints: filters, the entity_statuses default, order, bookmark pagination."""

from __future__ import annotations

from typing import Any

import requests
from sim_helpers import ACCOUNT, AUTH, CAMPAIGN_0, CAMPAIGN_1

from agent_ads_pinterest_simulator import Simulator

ALL_STATUSES = [("entity_statuses", s) for s in ("ACTIVE", "PAUSED", "ARCHIVED")]


def get(sim: Simulator, http: requests.Session, path: str, params: Any = None) -> requests.Response:
    return http.get(f"{sim.url}/v5{path}", params=params, headers=AUTH, timeout=5)


def walk(sim: Simulator, http: requests.Session, path: str, params: list[tuple[str, str]]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    bookmark = None
    for _ in range(1000):
        page = get(sim, http, path, params + ([("bookmark", bookmark)] if bookmark else []))
        assert page.status_code == 200, page.text
        assert page.json()["items"], "a page with a bookmark pointing at it must not be empty"
        items += page.json()["items"]
        bookmark = page.json()["bookmark"]
        if bookmark is None:
            return items
    raise AssertionError("pagination never ended")


def test_pagination_walks_every_campaign_once(sim: Simulator, http: requests.Session) -> None:
    items = walk(sim, http, f"/ad_accounts/{ACCOUNT}/campaigns", [("page_size", "37"), *ALL_STATUSES])
    ids = [c["id"] for c in items]
    assert len(ids) == len(set(ids)) == 300
    assert ids == sorted(ids)
    statuses = [c["status"] for c in items]
    assert 0.45 < statuses.count("ACTIVE") / 300 < 0.75
    assert 0.05 < statuses.count("ARCHIVED") / 300 < 0.25
    assert all(c["ad_account_id"] == ACCOUNT for c in items)


def test_default_statuses_hide_archived(sim: Simulator, http: requests.Session) -> None:
    everything = walk(sim, http, f"/ad_accounts/{ACCOUNT}/campaigns", [("page_size", "250"), *ALL_STATUSES])
    default = walk(sim, http, f"/ad_accounts/{ACCOUNT}/campaigns", [("page_size", "250")])
    archived = [c for c in everything if c["status"] == "ARCHIVED"]
    assert archived and {c["status"] for c in default} == {"ACTIVE", "PAUSED"}
    assert len(default) == len(everything) - len(archived)
    first_page = get(sim, http, f"/ad_accounts/{ACCOUNT}/campaigns").json()
    assert len(first_page["items"]) == 25  # spec default page_size


def test_order_descending(sim: Simulator, http: requests.Session) -> None:
    page = get(sim, http, f"/ad_accounts/{ACCOUNT}/campaigns", {"order": "DESCENDING", "page_size": 10}).json()
    ids = [int(c["id"]) for c in page["items"]]
    assert ids == sorted(ids, reverse=True) and ids[0] >= int(CAMPAIGN_0) + 290


def test_campaign_ids_filter(sim: Simulator, http: requests.Session) -> None:
    params = [("campaign_ids", CAMPAIGN_1), ("campaign_ids", CAMPAIGN_0), *ALL_STATUSES]
    items = get(sim, http, f"/ad_accounts/{ACCOUNT}/campaigns", params).json()["items"]
    assert [c["id"] for c in items] == [CAMPAIGN_0, CAMPAIGN_1]
    single = get(sim, http, f"/ad_accounts/{ACCOUNT}/campaigns/{CAMPAIGN_1}").json()
    assert single == items[1]


def test_entity_status_filter(sim: Simulator, http: requests.Session) -> None:
    items = walk(
        sim, http, f"/ad_accounts/{ACCOUNT}/campaigns", [("entity_statuses", "ARCHIVED"), ("page_size", "250")]
    )
    assert items and {c["status"] for c in items} == {"ARCHIVED"}


def test_ad_groups_and_ads_filters(sim: Simulator, http: requests.Session) -> None:
    groups = get(sim, http, f"/ad_accounts/{ACCOUNT}/ad_groups", [("campaign_ids", CAMPAIGN_0), *ALL_STATUSES]).json()
    assert len(groups["items"]) == 2 and {g["campaign_id"] for g in groups["items"]} == {CAMPAIGN_0}
    group_id = groups["items"][0]["id"]
    ads = get(sim, http, f"/ad_accounts/{ACCOUNT}/ads", [("ad_group_ids", group_id), *ALL_STATUSES]).json()["items"]
    assert len(ads) == 2 and {(a["ad_group_id"], a["campaign_id"]) for a in ads} == {(group_id, CAMPAIGN_0)}
    both = get(sim, http, f"/ad_accounts/{ACCOUNT}/ads", [("ad_group_ids", group_id), ("campaign_ids", CAMPAIGN_0)])
    assert both.status_code == 400


def test_bookmark_must_decode_and_match_the_query(sim: Simulator, http: requests.Session) -> None:
    path = f"/ad_accounts/{ACCOUNT}/campaigns"
    garbage = get(sim, http, path, {"bookmark": "not-a-bookmark!!"})
    assert garbage.status_code == 400 and garbage.json()["code"] == 1
    bookmark = get(sim, http, path, {"page_size": 5}).json()["bookmark"]
    other_query = get(sim, http, path, {"bookmark": bookmark, "order": "DESCENDING"})
    assert other_query.status_code == 400
    assert get(sim, http, path, {"bookmark": bookmark, "page_size": 7}).status_code == 200


def test_ad_accounts_and_shared_accounts(sim: Simulator, http: requests.Session) -> None:
    accounts = get(sim, http, "/ad_accounts").json()["items"]
    owned = get(sim, http, "/ad_accounts", {"include_shared_accounts": "false"}).json()["items"]
    assert [a["id"] for a in accounts] == [ACCOUNT, "549755885176", "549755885177"]
    assert [a["id"] for a in owned] == [ACCOUNT, "549755885176"]
    missing = get(sim, http, "/ad_accounts/123")
    assert missing.status_code == 404 and set(missing.json()) == {"code", "message"}


def test_audiences_ownership(sim: Simulator, http: requests.Session) -> None:
    owned = walk(sim, http, f"/ad_accounts/{ACCOUNT}/audiences", [("page_size", "10")])
    received = walk(sim, http, f"/ad_accounts/{ACCOUNT}/audiences", [("ownership_type", "RECEIVED")])
    assert len(owned) == 32 and len(received) == 8
    assert not {a["id"] for a in owned} & {a["id"] for a in received}
    one = get(sim, http, f"/ad_accounts/{ACCOUNT}/audiences/{owned[0]['id']}").json()
    assert one == owned[0]
