"""ARCHIVED objects are hidden from list edges unless asked for; DELETED ones are never listed."""

from __future__ import annotations

import json

from meta_sim_client import all_pages, call

from agent_ads_meta_simulator import AD_ACCOUNT_ID, Simulator

ALL = ["ACTIVE", "PAUSED", "ARCHIVED", "DELETED", "CAMPAIGN_PAUSED", "ADSET_PAUSED", "IN_PROCESS", "WITH_ISSUES"]


def statuses(sim: Simulator, edge: str, wanted: list[str] | None = None) -> list[str]:
    params: dict[str, object] = {"fields": "effective_status", "limit": 500}
    if wanted is not None:
        params["effective_status"] = json.dumps(wanted)
    items, _ = all_pages(sim, f"{AD_ACCOUNT_ID}/{edge}", params)
    return [i["effective_status"] for i in items]


def test_archived_hidden_by_default_and_listed_when_asked(sim: Simulator) -> None:
    for edge in ("campaigns", "adsets", "ads"):
        default = statuses(sim, edge)
        assert "ARCHIVED" not in default and "DELETED" not in default and "ACTIVE" in default
        archived = statuses(sim, edge, ["ARCHIVED"])
        assert archived and set(archived) == {"ARCHIVED"}
        everything = statuses(sim, edge, ALL)
        assert "DELETED" not in everything and len(everything) == len(default) + len(archived)
    assert sim.violations() == []


def test_deleted_objects_are_readable_by_id(sim: Simulator) -> None:
    deleted = [r for r in sim.dataset.records.values() if r.type == "Campaign" and r.effective_status == "DELETED"]
    assert deleted
    body = call(sim, deleted[0].id, {"fields": "name,effective_status"}).body
    assert body["effective_status"] == "DELETED" and body["id"] == deleted[0].id
    listed = {c["id"] for c in all_pages(sim, f"{AD_ACCOUNT_ID}/campaigns", {"effective_status": json.dumps(ALL)})[0]}
    assert deleted[0].id not in listed


def test_paused_parents_show_in_children_effective_status(sim: Simulator) -> None:
    assert "CAMPAIGN_PAUSED" in statuses(sim, "adsets", ["CAMPAIGN_PAUSED"])
    assert set(statuses(sim, "ads", ["ADSET_PAUSED"])) == {"ADSET_PAUSED"}
