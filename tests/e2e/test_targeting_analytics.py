"""``pinterest targeting-analytics query`` as a user runs it: levels, targeting types, attribution."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

ACCOUNT = "549755885175"  # the simulator's first seeded ad account
AD_GROUP = "2680000000000"
AD = "687000000000000"
COLUMNS = "SPEND_IN_DOLLAR,IMPRESSION_1"


def day(days_ago: int) -> str:
    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


def query(cli, *args: str):
    return cli("pinterest", "targeting-analytics", "query", "--ad-account-id", ACCOUNT, "--columns", COLUMNS,
               "--start-date", day(3), "--end-date", day(1), "--granularity", "TOTAL", *args)


def last_query(simulator) -> list[tuple[str, str]]:
    return [r for r in simulator.requests() if "targeting_analytics" in r["path"]][-1]["query"]


@pytest.mark.parametrize("level,ids,path_end,key", [
    ("ad_account", [], f"/ad_accounts/{ACCOUNT}/targeting_analytics", "AD_ACCOUNT_ID"),
    ("ad_group", ["--ad-group-id", AD_GROUP], "/ad_groups/targeting_analytics", "AD_GROUP_ID"),
    ("ad", ["--ad-id", AD], "/ads/targeting_analytics", "AD_ID"),
])
def test_every_level_returns_rows_per_targeting_value(cli, simulator, level, ids, path_end, key):
    run = query(cli, "--level", level, "--targeting-type", "GENDER", *ids)
    assert run.code == 0, run.stderr
    rows = run.json()
    assert rows and {r["targeting_type"] for r in rows} == {"GENDER"}
    assert len({r["targeting_value"] for r in rows}) == len(rows)
    for row in rows:
        assert {"SPEND_IN_DOLLAR", "IMPRESSION_1", key} <= set(row["metrics"])
    call = [r for r in simulator.requests() if r["path"].endswith(path_end)]
    assert len(call) == 1
    assert [v for k, v in call[0]["query"] if k == "columns"] == [COLUMNS]


def test_targeting_types_from_commas_and_repeats_are_one_comma_value(cli, simulator):
    run = query(cli, "--level", "ad_account", "--targeting-type", "age_bucket,GENDER", "--targeting-type",
                "LOCATION", "--attribution-type", "INDIVIDUAL")
    assert run.code == 0, run.stderr
    assert {r["targeting_type"] for r in run.json()} == {"AGE_BUCKET", "GENDER", "LOCATION"}
    sent = last_query(simulator)
    assert [v for k, v in sent if k == "targeting_types"] == ["AGE_BUCKET,GENDER,LOCATION"]
    assert [v for k, v in sent if k == "attribution_types"] == ["INDIVIDUAL"]


def test_common_flags_are_sent(cli, simulator):
    run = query(cli, "--level", "ad", "--ad-id", f"{AD},{int(AD) + 1}", "--targeting-type", "GENDER",
                "--click-window-days", "30", "--engagement-window-days", "7", "--view-window-days", "0",
                "--conversion-report-time", "TIME_OF_AD_ACTION", "--reporting-timezone", "PINTEREST_TIME_ZONE",
                "--attribution-type", "household", "--format", "jsonl")
    assert run.code == 0, run.stderr
    assert len(run.stdout.splitlines()) >= 2
    sent = last_query(simulator)
    for pair in [("click_window_days", "30"), ("engagement_window_days", "7"), ("view_window_days", "0"),
                 ("conversion_report_time", "TIME_OF_AD_ACTION"), ("reporting_timezone", "PINTEREST_TIME_ZONE"),
                 ("attribution_types", "HOUSEHOLD"), ("ad_ids", AD), ("ad_ids", str(int(AD) + 1))]:
        assert pair in sent


@pytest.mark.parametrize("args,needle", [
    (("--level", "ad_group", "--targeting-type", "GENDER"), "--ad-group-id"),
    (("--level", "ad_account", "--targeting-type", "GENDR"), "GENDER"),
    (("--level", "campaign", "--targeting-type", "GENDER"), "--level"),
])
def test_bad_arguments_exit_2_and_send_nothing(cli, simulator, args, needle):
    run = query(cli, *args)
    assert run.code == 2 and run.stdout == ""
    error = run.error()
    assert needle in error["message"] + error.get("hint", "")
    assert simulator.requests() == []
