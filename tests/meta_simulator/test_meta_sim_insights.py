"""Insights (sync and async): consistent across levels, dates, increments, breakdowns, report runs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from meta_sim_client import all_pages, call

from agent_ads_meta_simulator import AD_ACCOUNT_ID, CAMPAIGN_ID, Simulator

TODAY = dt.datetime.now(dt.timezone.utc).date()
YESTERDAY = TODAY - dt.timedelta(days=1)


def day_range(days_back_from: int, days_back_to: int) -> str:
    since, until = TODAY - dt.timedelta(days=days_back_from), TODAY - dt.timedelta(days=days_back_to)
    return json.dumps({"since": since.isoformat(), "until": until.isoformat()})


def rows(sim: Simulator, path: str, **params: object) -> list[dict]:
    items, _ = all_pages(sim, path, {"limit": 500, **params})
    return items


def test_account_spend_equals_sum_of_campaigns_for_a_day(sim: Simulator) -> None:
    one_day = day_range(2, 2)
    account = rows(sim, f"{AD_ACCOUNT_ID}/insights", fields="spend,impressions,clicks", time_range=one_day)
    campaigns = rows(
        sim, f"{AD_ACCOUNT_ID}/insights", level="campaign", fields="campaign_id,spend,impressions", time_range=one_day
    )
    assert len(account) == 1 and len(campaigns) > 10
    assert Decimal(account[0]["spend"]) == sum(Decimal(r["spend"]) for r in campaigns)
    assert int(account[0]["impressions"]) == sum(int(r["impressions"]) for r in campaigns)
    one = next(r for r in campaigns if r["campaign_id"] == CAMPAIGN_ID)
    own = rows(sim, f"{CAMPAIGN_ID}/insights", fields="spend", time_range=one_day)
    adsets = rows(sim, f"{CAMPAIGN_ID}/insights", level="adset", fields="spend", time_range=one_day)
    assert own[0]["spend"] == one["spend"] == str(sum(Decimal(r["spend"]) for r in adsets))
    assert sim.violations() == []


def test_rows_are_graph_shaped(sim: Simulator) -> None:
    fields = (
        "account_id,campaign_id,campaign_name,adset_id,ad_id,ad_name,spend,impressions,clicks,reach,ctr,cpc,cpm,actions"
    )
    row = rows(sim, f"{CAMPAIGN_ID}/insights", level="ad", fields=fields, date_preset="last_7d")[0]
    assert row["account_id"] == AD_ACCOUNT_ID[4:] and row["campaign_id"] == CAMPAIGN_ID
    for name in ("spend", "impressions", "clicks", "reach", "ctr", "cpm"):
        assert isinstance(row[name], str) and float(row[name]) >= 0
    assert row["actions"][0].keys() == {"action_type", "value"}
    assert row["date_start"] == (TODAY - dt.timedelta(days=7)).isoformat() and row["date_stop"] == YESTERDAY.isoformat()
    default = rows(sim, f"{AD_ACCOUNT_ID}/insights")[0]
    assert set(default) == {"impressions", "spend", "date_start", "date_stop"}


@pytest.mark.parametrize(
    "preset, since, until",
    [
        ("today", TODAY, TODAY),
        ("yesterday", YESTERDAY, YESTERDAY),
        ("last_3d", TODAY - dt.timedelta(days=3), YESTERDAY),
        ("this_month", TODAY.replace(day=1), TODAY),
        ("last_year", dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31)),
    ],
)
def test_date_presets_relative_to_utc_today(sim: Simulator, preset: str, since: dt.date, until: dt.date) -> None:
    row = rows(sim, f"{CAMPAIGN_ID}/insights", date_preset=preset)[0]
    assert (row["date_start"], row["date_stop"]) == (since.isoformat(), until.isoformat())


def test_time_increment_daily_and_monthly(sim: Simulator) -> None:
    daily = rows(sim, f"{CAMPAIGN_ID}/insights", fields="spend", time_range=day_range(10, 1), time_increment="1")
    assert [r["date_start"] for r in daily] == sorted({r["date_start"] for r in daily}) and 7 <= len(daily) <= 10
    assert all(r["date_start"] == r["date_stop"] for r in daily)
    total = rows(sim, f"{CAMPAIGN_ID}/insights", fields="spend", time_range=day_range(10, 1))
    assert Decimal(total[0]["spend"]) == sum(Decimal(r["spend"]) for r in daily)
    monthly = rows(sim, f"{CAMPAIGN_ID}/insights", date_preset="last_90d", time_increment="monthly")
    assert len(monthly) in (3, 4) and all(r["date_start"][:7] == r["date_stop"][:7] for r in monthly)
    weekly = rows(sim, f"{CAMPAIGN_ID}/insights", time_range=day_range(14, 1), time_increment="7")
    assert [(r["date_start"], r["date_stop"]) for r in weekly][0] == (
        (TODAY - dt.timedelta(days=14)).isoformat(),
        (TODAY - dt.timedelta(days=8)).isoformat(),
    )


@pytest.mark.parametrize("breakdown", ["age", "gender", "country", "publisher_platform"])
def test_breakdowns_split_the_total(sim: Simulator, breakdown: str) -> None:
    params = {"fields": "impressions,spend", "date_preset": "last_7d"}
    total = rows(sim, f"{AD_ACCOUNT_ID}/insights", **params)[0]
    split = rows(sim, f"{AD_ACCOUNT_ID}/insights", breakdowns=json.dumps([breakdown]), **params)
    assert len(split) > 1 and all(breakdown in r for r in split)
    assert sum(int(r["impressions"]) for r in split) == int(total["impressions"])


def test_two_breakdowns_combine(sim: Simulator) -> None:
    split = rows(sim, f"{CAMPAIGN_ID}/insights", breakdowns='["age","gender"]', date_preset="last_7d")
    assert {(r["age"], r["gender"]) for r in split} >= {("25-34", "female"), ("65+", "male")}


def test_filtering_by_campaign(sim: Simulator) -> None:
    rule = json.dumps([{"field": "campaign.id", "operator": "IN", "value": [CAMPAIGN_ID]}])
    filtered = rows(sim, f"{AD_ACCOUNT_ID}/insights", level="campaign", fields="campaign_id", filtering=rule)
    assert [r["campaign_id"] for r in filtered] == [CAMPAIGN_ID]


def test_sort_orders_rows(sim: Simulator) -> None:
    ranked = rows(
        sim,
        f"{AD_ACCOUNT_ID}/insights",
        level="campaign",
        fields="spend",
        sort='["spend_descending"]',
        date_preset="last_7d",
    )
    spends = [Decimal(r["spend"]) for r in ranked]
    assert len(spends) > 5 and spends == sorted(spends, reverse=True)


def submit(sim: Simulator, path: str = f"{AD_ACCOUNT_ID}/insights", **form: str) -> str:
    reply = call(sim, path, method="POST", form={"level": "campaign", "fields": "campaign_id,spend", **form})
    assert reply.status == 200, reply.body
    assert set(reply.body) == {"report_run_id"}
    return reply.body["report_run_id"]


def test_report_run_progresses_and_completes(sim: Simulator) -> None:
    run = submit(sim, date_preset="last_7d", time_increment="1")
    seen = []
    for _ in range(5):
        node = call(sim, run).body
        seen.append((node["async_status"], node["async_percent_completion"]))
        if node["async_status"] == "Job Completed":
            break
    assert seen[0] == ("Job Not Started", 0)
    assert seen[-1] == ("Job Completed", 100) and len(seen) == 3
    assert [p for _, p in seen] == sorted(p for _, p in seen)
    assert node["id"] == run and node["account_id"] == AD_ACCOUNT_ID[4:]
    async_rows, _ = all_pages(sim, f"{run}/insights", {"limit": 25})
    sync_rows = rows(
        sim,
        f"{AD_ACCOUNT_ID}/insights",
        level="campaign",
        fields="campaign_id,spend",
        date_preset="last_7d",
        time_increment="1",
    )
    assert async_rows == sync_rows and all(
        set(r) == {"campaign_id", "spend", "date_start", "date_stop"} for r in async_rows
    )
    assert sim.violations() == []


def test_report_run_fields_level_breakdowns_are_fixed_at_submit(sim: Simulator) -> None:
    run = submit(sim, path=f"{CAMPAIGN_ID}/insights", level="ad", fields="ad_id", breakdowns='["gender"]')
    statuses = [call(sim, run, {"fields": "async_status"}).body["async_status"] for _ in range(3)]
    assert statuses[-1] == "Job Completed"
    page = call(sim, f"{run}/insights").body["data"]
    assert page and all(set(r) == {"ad_id", "gender", "date_start", "date_stop"} for r in page)


def test_report_run_insights_before_completion_is_a_violation(sim: Simulator) -> None:
    run = submit(sim)
    reply = call(sim, f"{run}/insights")
    assert reply.status == 400 and "Job Not Started" in reply.error["message"]
    assert len(sim.violations()) == 1


@pytest.mark.parametrize("kind, status", [("report_failed", "Job Failed"), ("report_skipped", "Job Skipped")])
def test_report_faults_end_the_next_run(sim: Simulator, kind: str, status: str) -> None:
    sim.add_fault(kind)
    failing, healthy = submit(sim), submit(sim)
    for _ in range(3):
        final = call(sim, failing).body
        call(sim, healthy)
    assert final["async_status"] == status
    assert call(sim, healthy).body["async_status"] == "Job Completed"


def test_report_polls_zero_completes_at_once() -> None:
    with Simulator(report_polls=0) as quick:
        run = submit(quick)
        assert call(quick, run).body["async_status"] == "Job Completed"
