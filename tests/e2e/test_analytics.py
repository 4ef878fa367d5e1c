"""``pinterest analytics query`` as a user runs it: every level, every flag, windows, batches, formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise

import pytest

ACCOUNT = "549755885175"  # the simulator's first seeded ad account
CAMPAIGN = "626700000000"  # its first campaign; ids count up from here (simulator/data.py)
AD_GROUP = "2680000000000"
AD = "687000000000000"
PIN = "394200000000000000"  # the pin of ad 0; ads 0 and 1 are in campaign 0
COLUMNS = "SPEND_IN_DOLLAR,IMPRESSION_1"


def day(days_ago: int) -> str:
    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


def query(cli, *args: str):
    return cli("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--columns", COLUMNS,
               "--start-date", day(3), "--end-date", day(1), *args)


def analytics_calls(simulator) -> list[dict]:
    return [r for r in simulator.requests() if r["path"].endswith("/analytics")]


def values(request: dict, key: str) -> list[str]:
    return [v for k, v in request["query"] if k == key]


@pytest.mark.parametrize("level,ids,path_end,key", [
    ("ad_account", [], f"/ad_accounts/{ACCOUNT}/analytics", "AD_ACCOUNT_ID"),
    ("campaign", ["--campaign-id", CAMPAIGN], "/campaigns/analytics", "CAMPAIGN_ID"),
    ("ad_group", ["--ad-group-id", AD_GROUP], "/ad_groups/analytics", "AD_GROUP_ID"),
    ("ad", ["--ad-id", AD], "/ads/analytics", "AD_ID"),
    ("ad", ["--campaign-id", CAMPAIGN, "--pin-id", PIN], "/ads/analytics", "AD_ID"),
    ("ad_pin", ["--campaign", CAMPAIGN, "--pin-id", PIN], "/pins/analytics", "PIN_ID"),
])
def test_every_level_returns_rows_with_the_requested_columns(cli, simulator, level, ids, path_end, key):
    run = query(cli, "--level", level, "--granularity", "DAY", *ids)
    assert run.code == 0, run.stderr
    rows = run.json()
    assert len(rows) == 3  # one entity, three days
    assert [r["DATE"] for r in rows] == [day(3), day(2), day(1)]
    for row in rows:
        assert {"SPEND_IN_DOLLAR", "IMPRESSION_1", key} <= set(row)
    [call] = analytics_calls(simulator)
    assert call["path"].endswith(path_end)
    assert values(call, "columns") == [COLUMNS]  # one comma-separated value, not repeated keys


LEVEL_IDS = {
    "ad_account": (),
    "campaign": ("--campaign-id", CAMPAIGN),
    "ad_group": ("--ad-group-id", AD_GROUP),
    "ad": ("--ad-id", AD),
    "ad_pin": ("--campaign", CAMPAIGN, "--pin-id", PIN),
}
WINDOW_FLAGS = {"--click-window-days": ("7", "click_window_days", "7"),
                "--engagement-window-days": ("14", "engagement_window_days", "14"),
                "--view-window-days": ("1", "view_window_days", "1"),
                "--conversion-report-time": ("time_of_conversion", "conversion_report_time", "TIME_OF_CONVERSION")}
TIMEZONE = {"--reporting-timezone": ("ad_account_time_zone", "reporting_timezone", "AD_ACCOUNT_TIME_ZONE")}
AGGREGATE = {"--aggregate-report-rows": (None, "aggregate_report_rows", "true")}


@pytest.mark.parametrize("level,optional", [
    ("ad_account", {**WINDOW_FLAGS, **TIMEZONE}),
    ("campaign", {**WINDOW_FLAGS, **TIMEZONE, **AGGREGATE}),
    ("ad_group", {**WINDOW_FLAGS, **TIMEZONE, **AGGREGATE}),
    ("ad", {**WINDOW_FLAGS, **TIMEZONE}),
    ("ad_pin", WINDOW_FLAGS),  # the spec gives ad pins no reporting_timezone
])
def test_optional_flags_each_level_takes_are_accepted_and_sent(cli, simulator, level, optional):
    args = [part for flag, (value, _, _) in optional.items() for part in (flag, value) if part is not None]
    run = query(cli, "--level", level, "--granularity", "TOTAL", *LEVEL_IDS[level], *args)
    assert run.code == 0, run.stderr
    assert len(run.json()) == 1
    sent = analytics_calls(simulator)[-1]["query"]
    for _, param, wire in optional.values():
        assert (param, wire) in sent
    assert ("start_date", day(3)) in sent and ("end_date", day(1)) in sent


@pytest.mark.parametrize("level,flags", [
    ("ad_pin", ("--reporting-timezone", "AD_ACCOUNT_TIME_ZONE")),
    ("ad", ("--aggregate-report-rows",)),
])
def test_optional_flags_a_level_does_not_take_exit_2_naming_the_flag(cli, simulator, level, flags):
    run = query(cli, "--level", level, "--granularity", "TOTAL", *LEVEL_IDS[level], *flags)
    assert run.code == 2 and flags[0] in run.error()["message"]
    assert simulator.requests() == []


@pytest.mark.parametrize("granularity,rows", [("TOTAL", 1), ("DAY", 3), ("HOUR", 72), ("WEEK", None),
                                               ("MONTH", None)])
def test_granularity_variants(cli, simulator, granularity, rows):
    run = query(cli, "--level", "ad_account", "--granularity", granularity.lower())
    assert run.code == 0, run.stderr
    got = run.json()
    assert got and (rows is None or len(got) == rows)
    assert ("granularity", granularity) in analytics_calls(simulator)[-1]["query"]


def test_id_lists_are_repeated_keys_from_commas_and_repeats(cli, simulator):
    second, third = str(int(CAMPAIGN) + 1), str(int(CAMPAIGN) + 2)
    run = query(cli, "--level", "campaign", "--granularity", "TOTAL", "--campaign-id", f"{CAMPAIGN},{second}",
                "--campaign-id", third)
    assert run.code == 0, run.stderr
    assert sorted(r["CAMPAIGN_ID"] for r in run.json()) == [CAMPAIGN, second, third]
    assert values(analytics_calls(simulator)[-1], "campaign_ids") == [CAMPAIGN, second, third]


def test_hour_range_over_three_days_is_split_and_merged_in_date_order(cli, simulator):
    run = cli("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "ad_account",
              "--columns", "SPEND_IN_DOLLAR", "--granularity", "HOUR", "--start-date", day(7), "--end-date", day(1),
              "--envelope")
    assert run.code == 0, run.stderr
    out = run.json()
    stamps = [r["DATE"] for r in out["data"]]
    assert len(stamps) == 7 * 24 and stamps == sorted(stamps)
    assert stamps[0].startswith(day(7)) and stamps[-1].startswith(day(1))
    calls = analytics_calls(simulator)
    assert len(calls) == out["meta"]["requests"] > 1
    windows = sorted((values(c, "start_date")[0], values(c, "end_date")[0]) for c in calls)  # sent side by side
    assert windows[0][0] == day(7) and windows[-1][1] == day(1)
    assert all(date.fromisoformat(b[0]) - date.fromisoformat(a[1]) == timedelta(days=1)
               for a, b in pairwise(windows))  # consecutive, no gap or overlap


def test_more_than_250_ids_are_batched(cli, simulator):
    ids = [str(int(CAMPAIGN) + i) for i in range(260)]
    run = query(cli, "--level", "campaign", "--granularity", "TOTAL", "--campaign-id", ",".join(ids),
                "--format", "jsonl")
    assert run.code == 0, run.stderr
    got = [json.loads(line)["CAMPAIGN_ID"] for line in run.stdout.splitlines()]
    assert sorted(got) == sorted(ids)
    calls = analytics_calls(simulator)
    assert sorted(len(values(c, "campaign_ids")) for c in calls) == [10, 250]


def test_pin_ids_over_100_are_batched_for_ad_pins(cli, simulator):
    pins = [str(int(PIN) + i) for i in range(120)]
    run = query(cli, "--level", "ad_pin", "--granularity", "TOTAL", "--campaign", CAMPAIGN,
                "--pin-id", ",".join(pins))
    assert run.code == 0, run.stderr
    calls = analytics_calls(simulator)
    assert sorted(len(values(c, "pin_ids")) for c in calls) == [20, 100]
    assert all(values(c, "campaign_id") == [CAMPAIGN] for c in calls)
    assert {r["PIN_ID"] for r in run.json()} <= set(pins)


def test_csv_jsonl_and_envelope_output(cli, tmp_path):
    args = ("--level", "campaign", "--campaign-id", f"{CAMPAIGN},{int(CAMPAIGN) + 1}", "--granularity", "DAY")
    rows = query(cli, *args).json()
    as_csv = list(csv.DictReader(io.StringIO(query(cli, *args, "--format", "csv").stdout)))
    assert [r["CAMPAIGN_ID"] for r in as_csv] == [r["CAMPAIGN_ID"] for r in rows]
    assert set(as_csv[0]) == set(rows[0])
    lines = query(cli, *args, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    envelope = query(cli, *args, "--envelope").json()
    assert envelope["data"] == rows
    assert envelope["meta"]["level"] == "campaign" and envelope["meta"]["requests"] == 1
    assert query(cli, *args, "--output", "rows.json").code == 0
    assert json.loads((tmp_path / "rows.json").read_text()) == rows


@pytest.mark.parametrize("args,needle", [
    (("--level", "campaign", "--granularity", "DAY"), "--campaign-id"),
    (("--level", "ad", "--granularity", "DAY", "--campaign-id", CAMPAIGN), "--pin-id"),
    (("--level", "ad_pin", "--granularity", "DAY", "--pin-id", PIN), "--campaign"),
    (("--level", "campaign", "--granularity", "DAYS", "--campaign-id", CAMPAIGN), "DAY"),
    (("--level", "campain", "--granularity", "DAY", "--campaign-id", CAMPAIGN), "campaign"),
    (("--level", "ad_account", "--granularity", "DAY", "--click-window-days", "5"), "--click-window-days"),
    (("--level", "ad_account", "--granularity", "DAY", "--aggregate-report-rows"), "--aggregate-report-rows"),
    (("--level", "ad_account", "--granularity", "DAY", "--campaign-id", CAMPAIGN), "--campaign-id"),
    (("--level", "campaign", "--granularity", "DAY", "--campaign-id", "abc"), "--campaign-id"),
    (("--level", "ad_account", "--granularity", "DAY", "--columns", "SPEND_IN_DOLAR"), "SPEND_IN_DOLLAR"),
    (("--level", "ad_account", "--granularity", "DAY", "--start-date", day(0)), "--start-date"),
])
def test_bad_arguments_exit_2_and_send_nothing(cli, simulator, args, needle):
    run = query(cli, *args)
    assert run.code == 2, run.stderr
    assert run.stdout == ""
    error = run.error()
    assert error["type"] == "argument"
    assert needle in error["message"] + error.get("hint", "")
    assert simulator.requests() == []


def test_hour_beyond_the_lookback_exits_2_and_sends_nothing(cli, simulator):
    run = cli("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "ad_account",
              "--columns", COLUMNS, "--granularity", "HOUR", "--start-date", day(20), "--end-date", day(18))
    assert run.code == 2 and "--start-date" in run.error()["message"]
    assert simulator.requests() == []


def test_a_bad_flag_in_a_later_batch_is_caught_before_the_first_request(cli, simulator):
    ids = [str(int(CAMPAIGN) + i) for i in range(260)]
    run = query(cli, "--level", "campaign", "--granularity", "TOTAL", "--campaign-id", ",".join(ids),
                "--view-window-days", "3")
    assert run.code == 2 and run.stdout == ""
    assert simulator.requests() == []


def test_ad_pin_is_refused_in_the_sandbox_before_sending(cli, simulator):
    run = query(cli, "--level", "ad_pin", "--granularity", "DAY", "--campaign", CAMPAIGN, "--pin-id", PIN,
                "--sandbox")
    assert run.code == 2 and "sandbox" in run.error()["message"]
    assert simulator.requests() == []


def test_a_split_total_range_warns_that_rows_are_per_window(cli, simulator):
    # 101 days (the end may lie in the future) exceed the 90-day window, so TOTAL gives one row per window
    run = cli("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "ad_account",
              "--columns", COLUMNS, "--granularity", "TOTAL", "--start-date", day(90), "--end-date", day(-10),
              "--envelope")
    assert run.code == 0, run.stderr
    out = run.json()
    assert len(out["data"]) == len(analytics_calls(simulator)) == out["meta"]["requests"] == 2
    assert any("split into 2 windows" in w for w in out["warnings"])
