"""Cursor paging: follow ``after`` to the end; short pages are not the end; ``next`` absent at the end."""

from __future__ import annotations

from meta_sim_client import all_pages, call, get_url

from agent_ads_meta_simulator import AD_ACCOUNT_ID, Simulator


def test_following_after_reaches_every_item_once(sim: Simulator) -> None:
    everything = call(sim, f"{AD_ACCOUNT_ID}/ads", {"limit": 500}).body
    assert "next" not in everything["paging"]
    total = len(everything["data"])
    items, replies = all_pages(sim, f"{AD_ACCOUNT_ID}/ads", {"limit": 10})
    ids = [a["id"] for a in items]
    assert len(ids) == len(set(ids)) == total > 30
    sizes = [len(r.body["data"]) for r in replies]
    assert sizes[2] < 10 and "next" in replies[2].body["paging"]  # a short page that is not the end
    assert all(size == 10 for size in sizes[:2])
    assert "next" not in replies[-1].body["paging"] and all("next" in r.body["paging"] for r in replies[:-1])
    assert sim.violations() == []


def test_a_client_stopping_on_a_short_page_misses_data(sim: Simulator) -> None:
    _, replies = all_pages(sim, f"{AD_ACCOUNT_ID}/campaigns", {"limit": 6, "effective_status": '["ACTIVE","PAUSED"]'})
    first_short = next(i for i, r in enumerate(replies) if len(r.body["data"]) < 6)
    assert first_short < len(replies) - 1


def test_default_limit_and_cap(sim: Simulator) -> None:
    assert len(call(sim, f"{AD_ACCOUNT_ID}/ads").body["data"]) == 25
    assert len(call(sim, f"{AD_ACCOUNT_ID}/ads", {"limit": 10_000}).body["data"]) > 25
    assert sim.violations() == []


def test_next_url_works_and_before_goes_back(sim: Simulator) -> None:
    first = call(sim, f"{AD_ACCOUNT_ID}/ads", {"limit": 5}).body
    second = get_url(first["paging"]["next"]).body
    assert {a["id"] for a in first["data"]}.isdisjoint(a["id"] for a in second["data"])
    assert "previous" in second["paging"] and "previous" not in first["paging"]
    back = call(sim, f"{AD_ACCOUNT_ID}/ads", {"limit": 5, "before": second["paging"]["cursors"]["before"]}).body
    assert [a["id"] for a in back["data"]] == [a["id"] for a in first["data"]]


def test_cursors_are_opaque_and_garbage_is_error_100(sim: Simulator) -> None:
    cursor = call(sim, f"{AD_ACCOUNT_ID}/ads", {"limit": 2}).body["paging"]["cursors"]["after"]
    assert not cursor.isdigit()
    reply = call(sim, f"{AD_ACCOUNT_ID}/ads", {"after": "MTIz"})
    assert reply.status == 400 and reply.error["code"] == 100 and len(sim.violations()) == 1


def test_empty_page_fault_keeps_next(sim: Simulator) -> None:
    sim.add_fault("empty_page", path="/campaigns")
    first = call(sim, f"{AD_ACCOUNT_ID}/campaigns", {"limit": 5}).body
    assert first["data"] == [] and "next" in first["paging"]
    items, _ = all_pages(sim, f"{AD_ACCOUNT_ID}/campaigns", {"limit": 5, "after": first["paging"]["cursors"]["after"]})
    everything = call(sim, f"{AD_ACCOUNT_ID}/campaigns", {"limit": 500}).body["data"]
    assert [c["id"] for c in items] == [c["id"] for c in everything]


def test_insights_rows_page_too(sim: Simulator) -> None:
    params = {"level": "ad", "date_preset": "last_7d", "time_increment": "1", "fields": "ad_id,spend", "limit": 50}
    rows, replies = all_pages(sim, f"{AD_ACCOUNT_ID}/insights", params)
    assert len(replies) > 3 and len({(r["ad_id"], r["date_start"]) for r in rows}) == len(rows)
