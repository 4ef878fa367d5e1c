"""``pinterest analytics query``: level routing, encoding, checks before sending, windows and batches."""

from __future__ import annotations

import json
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from agent_ads_core import analytics_runner

ACCOUNT = "549755885175"
ROOT = f"https://api.test/v5/ad_accounts/{ACCOUNT}"
TODAY = date(2024, 6, 30)
CMD = ("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT)
RANGE = ("--start-date", "2024-06-01", "--end-date", "2024-06-10")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analytics_runner, "utc_today", lambda: TODAY)


def query(call: responses.Call) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(call.request.url).query)


def values(call: responses.Call, key: str) -> list[str]:
    return [v for k, v in query(call) if k == key]


def echo_window(request) -> tuple[int, dict[str, str], str]:
    """One row per request, labelled with the window and ids it asked for."""
    params = dict(parse_qsl(urlsplit(request.url).query))
    ids = [v for k, v in parse_qsl(urlsplit(request.url).query) if k == "campaign_ids"]
    row = {"START": params["start_date"], "END": params["end_date"], "IDS": len(ids)}
    return 200, {"x-pinterest-rid": f"rid-{params['start_date']}-{len(ids)}"}, json.dumps([row])


@pytest.mark.parametrize(("level", "path", "id_args", "id_pairs"), [
    ("ad_account", "/analytics", (), []),
    ("campaign", "/campaigns/analytics", ("--campaign-id", "11,12", "--campaign-id", "13"),
     [("campaign_ids", "11"), ("campaign_ids", "12"), ("campaign_ids", "13")]),
    ("ad_group", "/ad_groups/analytics", ("--ad-group-id", "21,22"), [("ad_group_ids", "21"), ("ad_group_ids", "22")]),
    ("ad", "/ads/analytics", ("--ad-id", "31", "--ad-id", "32"), [("ad_ids", "31"), ("ad_ids", "32")]),
    ("ad", "/ads/analytics", ("--campaign-id", "11", "--pin-id", "41,42"),
     [("campaign_ids", "11"), ("pin_ids", "41"), ("pin_ids", "42")]),
    ("ad_pin", "/pins/analytics", ("--campaign", "11", "--pin-id", "41,42"),
     [("pin_ids", "41"), ("pin_ids", "42"), ("campaign_id", "11")]),
])
def test_each_level_hits_its_endpoint_with_columns_joined_and_ids_repeated(
        run_cli, mocked_api, level, path, id_args, id_pairs) -> None:
    rows = [{"DATE": "2024-06-01", "SPEND_IN_DOLLAR": 1.5}]
    mocked_api.get(ROOT + path, json=rows, headers={"x-pinterest-rid": "rid-1"})

    run = run_cli(*CMD, "--level", level, *RANGE, "--columns", "SPEND_IN_DOLLAR", "--columns", "impression_1",
                  "--granularity", "day", *id_args, "--envelope")

    assert run.code == 0, run.stderr
    assert len(mocked_api.calls) == 1
    call = mocked_api.calls[0]
    assert urlsplit(call.request.url).path == f"/v5/ad_accounts/{ACCOUNT}{path}"
    assert values(call, "columns") == ["SPEND_IN_DOLLAR,IMPRESSION_1"]
    assert values(call, "granularity") == ["DAY"]
    assert (values(call, "start_date"), values(call, "end_date")) == (["2024-06-01"], ["2024-06-10"])
    assert [(k, v) for k, v in query(call) if k in ("campaign_ids", "ad_group_ids", "ad_ids", "pin_ids",
                                                    "campaign_id")] == id_pairs
    out = run.json()
    assert out["data"] == rows
    assert out["meta"]["endpoint"] == f"GET /v5/ad_accounts/{{ad_account_id}}{path}"
    assert out["meta"]["request_id"] == "rid-1"


def test_optional_flags_are_sent_in_the_spec_spelling(run_cli, mocked_api) -> None:
    mocked_api.get(ROOT + "/campaigns/analytics", json=[])
    run = run_cli(*CMD, "--level", "campaign", *RANGE, "--columns", "CTR", "--granularity", "TOTAL",
                  "--campaign-id", "11", "--click-window-days", "7", "--engagement-window-days", "1",
                  "--view-window-days", "0", "--conversion-report-time", "time_of_conversion",
                  "--reporting-timezone", "AD_ACCOUNT_TIME_ZONE", "--aggregate-report-rows")
    assert run.code == 0, run.stderr
    sent = dict(query(mocked_api.calls[0]))
    assert sent["click_window_days"] == "7" and sent["engagement_window_days"] == "1"
    assert sent["view_window_days"] == "0" and sent["conversion_report_time"] == "TIME_OF_CONVERSION"
    assert sent["reporting_timezone"] == "AD_ACCOUNT_TIME_ZONE" and sent["aggregate_report_rows"] == "true"


@pytest.mark.parametrize(("level", "id_args", "needed"), [
    ("campaign", (), "--level campaign requires --campaign-id"),
    ("ad_group", ("--campaign-id", "11"), "--level ad_group requires --ad-group-id"),
    ("ad", (), "--level ad requires --ad-id, or --campaign-id with --pin-id"),
    ("ad", ("--campaign-id", "11"), "--level ad requires --ad-id, or --campaign-id with --pin-id"),
    ("ad", ("--pin-id", "41"), "--level ad requires --ad-id, or --campaign-id with --pin-id"),
    ("ad_pin", ("--pin-id", "41"), "--level ad_pin requires --campaign with --pin-id"),
    ("ad_pin", ("--campaign", "11"), "--level ad_pin requires --campaign with --pin-id"),
])
def test_each_level_requires_its_ids(run_cli, mocked_api, level, id_args, needed) -> None:
    run = run_cli(*CMD, "--level", level, *RANGE, "--columns", "CTR", "--granularity", "DAY", *id_args)
    assert run.code == 2
    assert run.error()["message"] == needed
    assert run.stdout == ""
    assert len(mocked_api.calls) == 0


@pytest.mark.parametrize(("args", "flag", "suggestion"), [
    (("--level", "campain", "--columns", "CTR", "--granularity", "DAY", "--campaign-id", "1"), "--level", "campaign"),
    (("--level", "ad_account", "--columns", "SPEND_IN_DOLLR", "--granularity", "DAY"), "--columns", "SPEND_IN_DOLLAR"),
    (("--level", "ad_account", "--columns", "CTR", "--granularity", "DAYS"), "--granularity", "DAY"),
    (("--level", "ad_account", "--columns", "CTR", "--granularity", "DAY", "--conversion-report-time",
      "TIME_OF_CONVERSIN"), "--conversion-report-time", "TIME_OF_CONVERSION"),
    (("--level", "ad_account", "--columns", "CTR", "--granularity", "DAY", "--reporting-timezone",
      "AD_ACCOUNT_TIMEZONE"), "--reporting-timezone", "AD_ACCOUNT_TIME_ZONE"),
])
def test_enum_near_miss_is_rejected_with_a_suggestion(run_cli, mocked_api, args, flag, suggestion) -> None:
    run = run_cli(*CMD, *RANGE, *args)
    assert run.code == 2
    message = run.error()["message"]
    assert message.startswith(flag) and "did you mean" in message and suggestion in message
    assert len(mocked_api.calls) == 0


def test_window_days_outside_the_allowed_values_are_rejected(run_cli, mocked_api) -> None:
    run = run_cli(*CMD, "--level", "ad_account", *RANGE, "--columns", "CTR", "--granularity", "DAY",
                  "--click-window-days", "5")
    assert run.code == 2
    assert run.error()["message"].startswith("--click-window-days")
    assert "60" in run.error()["hint"]
    assert len(mocked_api.calls) == 0


@pytest.mark.parametrize(("level", "args", "flag"), [
    ("ad", ("--ad-id", "31", "--aggregate-report-rows"), "--aggregate-report-rows"),
    ("campaign", ("--campaign-id", "11", "--pin-id", "41"), "--pin-id"),
    ("ad_account", ("--campaign-id", "11"), "--campaign-id"),
    ("ad_pin", ("--campaign", "11", "--pin-id", "41", "--reporting-timezone", "PINTEREST_TIME_ZONE"),
     "--reporting-timezone"),
    ("ad_pin", ("--campaign", "11", "--pin-id", "41", "--campaign-id", "12"), "--campaign-id"),
])
def test_flag_the_level_endpoint_does_not_take_is_rejected(run_cli, mocked_api, level, args, flag) -> None:
    run = run_cli(*CMD, "--level", level, *RANGE, "--columns", "CTR", "--granularity", "DAY", *args)
    assert run.code == 2
    message = run.error()["message"]
    assert message.startswith(f"{flag}:") and "does not accept this parameter" in message
    assert len(mocked_api.calls) == 0


@pytest.mark.parametrize(("start", "end", "text"), [
    ("2024/06/01", "2024-06-10", "--start-date must be a date in YYYY-MM-DD format"),
    ("2024-06-01", "2024-06-31", "--end-date: '2024-06-31' is not a valid date"),
    ("2024-06-10", "2024-06-01", "--start-date (2024-06-10) is after --end-date (2024-06-01)"),
])
def test_bad_dates_are_rejected(run_cli, mocked_api, start, end, text) -> None:
    run = run_cli(*CMD, "--level", "ad_account", "--start-date", start, "--end-date", end, "--columns", "CTR",
                  "--granularity", "DAY")
    assert run.code == 2
    assert run.error()["message"].startswith(text)
    assert len(mocked_api.calls) == 0


def test_long_day_range_is_split_into_contiguous_windows_merged_in_order(run_cli, mocked_api, monkeypatch) -> None:
    monkeypatch.setattr(analytics_runner, "utc_today", lambda: date(2024, 1, 10))
    mocked_api.add_callback(responses.GET, ROOT + "/analytics", callback=echo_window)
    start, end = date(2024, 1, 1), date(2024, 7, 18)
    assert (end - start).days + 1 == 200

    run = run_cli(*CMD, "--level", "ad_account", "--start-date", start.isoformat(), "--end-date", end.isoformat(),
                  "--columns", "CTR", "--granularity", "DAY", "--envelope")

    assert run.code == 0, run.stderr
    windows = sorted((values(c, "start_date")[0], values(c, "end_date")[0]) for c in mocked_api.calls)
    assert windows == [("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-30"), ("2024-07-01", "2024-07-18")]
    out = run.json()
    assert [(r["START"], r["END"]) for r in out["data"]] == windows
    assert out["meta"]["requests"] == 3
    assert out["meta"]["request_id"] == "rid-2024-07-01-0"  # the last request's
    assert [w for w in out["warnings"] if "after today" not in w] == []  # (the range reaches into the future)


def test_hourly_range_uses_three_day_windows(run_cli, mocked_api) -> None:
    mocked_api.add_callback(responses.GET, ROOT + "/analytics", callback=echo_window)
    run = run_cli(*CMD, "--level", "ad_account", "--start-date", "2024-06-25", "--end-date", "2024-06-29",
                  "--columns", "CTR", "--granularity", "HOUR")
    assert run.code == 0, run.stderr
    assert sorted((values(c, "start_date")[0], values(c, "end_date")[0]) for c in mocked_api.calls) == [
        ("2024-06-25", "2024-06-28"), ("2024-06-29", "2024-06-29")]
    assert [r["START"] for r in run.json()] == ["2024-06-25", "2024-06-29"]


def test_hourly_lookback_is_eight_days(run_cli, mocked_api) -> None:
    run = run_cli(*CMD, "--level", "ad_account", "--start-date", "2024-06-21", "--end-date", "2024-06-22",
                  "--columns", "CTR", "--granularity", "HOUR")
    assert run.code == 2
    assert "the oldest allowed date is 2024-06-22" in run.error()["message"]
    assert len(mocked_api.calls) == 0


def test_split_total_warns_that_rows_are_per_window(run_cli, mocked_api) -> None:
    mocked_api.add_callback(responses.GET, ROOT + "/analytics", callback=echo_window)
    run = run_cli(*CMD, "--level", "ad_account", "--start-date", "2024-06-25", "--end-date", "2024-06-29",
                  "--columns", "CTR", "--granularity", "HOUR", "--envelope")
    assert run.json()["warnings"] == []
    run = run_cli(*CMD, "--level", "ad_account", "--start-date", "2024-06-01", "--end-date", "2024-12-31",
                  "--columns", "CTR", "--granularity", "TOTAL", "--envelope")
    assert len(run.json()["data"]) == 3
    assert any("split into 3 windows" in warning for warning in run.json()["warnings"])


def test_long_id_list_is_split_into_batches_of_max_items(run_cli, mocked_api) -> None:
    mocked_api.add_callback(responses.GET, ROOT + "/campaigns/analytics", callback=echo_window)
    ids = [str(626700000000 + i) for i in range(300)]

    run = run_cli(*CMD, "--level", "campaign", *RANGE, "--columns", "CTR", "--granularity", "DAY",
                  "--campaign-id", ",".join(ids))

    assert run.code == 0, run.stderr
    # Requests may run side by side (the spec's max_concurrency), so their sending order is free;
    # the rows come back in plan order.
    sent = sorted((values(c, "campaign_ids") for c in mocked_api.calls), key=len, reverse=True)
    assert [len(batch) for batch in sent] == [250, 50]
    assert sent[0] + sent[1] == ids
    assert [r["IDS"] for r in run.json()] == [250, 50]


def test_windows_and_batches_combine_window_by_window(run_cli, mocked_api) -> None:
    mocked_api.add_callback(responses.GET, ROOT + "/campaigns/analytics", callback=echo_window)
    ids = [str(626700000000 + i) for i in range(251)]
    run = run_cli(*CMD, "--level", "campaign", "--start-date", "2024-06-25", "--end-date", "2024-06-29",
                  "--columns", "CTR", "--granularity", "HOUR", "--campaign-id", ",".join(ids))
    assert run.code == 0, run.stderr
    assert [(r["START"], r["IDS"]) for r in run.json()] == [
        ("2024-06-25", 250), ("2024-06-25", 1), ("2024-06-29", 250), ("2024-06-29", 1)]


def test_start_before_lookback_names_the_oldest_allowed_date(run_cli, mocked_api) -> None:
    oldest = TODAY - timedelta(days=90)
    run = run_cli(*CMD, "--level", "ad_account", "--start-date", (oldest - timedelta(days=1)).isoformat(),
                  "--end-date", "2024-06-10", "--columns", "CTR", "--granularity", "DAY")
    assert run.code == 2
    assert f"the oldest allowed date is {oldest.isoformat()}" in run.error()["message"]
    assert run.error()["hint"] == f"use --start-date {oldest.isoformat()} or later"
    assert len(mocked_api.calls) == 0


def test_ad_pin_is_refused_in_the_sandbox_before_sending(run_cli, mocked_api) -> None:
    run = run_cli(*CMD, "--level", "ad_pin", *RANGE, "--columns", "CTR", "--granularity", "DAY",
                  "--campaign", "11", "--pin-id", "41", "--sandbox")
    assert run.code == 2
    assert "ad_pins/analytics is not available in the Pinterest sandbox" in run.error()["message"]
    assert run.stdout == ""
    assert len(mocked_api.calls) == 0


def test_api_error_exits_6_with_nothing_on_stdout(run_cli, mocked_api) -> None:
    mocked_api.get(ROOT + "/analytics", status=400, json={"code": 2, "message": "Invalid parameters."},
                   headers={"x-pinterest-rid": "rid-bad"})
    run = run_cli(*CMD, "--level", "ad_account", *RANGE, "--columns", "CTR", "--granularity", "DAY")
    assert run.code == 6
    assert run.stdout == ""
    error = run.error()
    assert (error["message"], error["http_status"], error["request_id"]) == ("Invalid parameters.", 400, "rid-bad")


def test_ad_account_comes_from_the_environment(run_cli, mocked_api, monkeypatch) -> None:
    monkeypatch.setenv("PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID", "123")
    mocked_api.get("https://api.test/v5/ad_accounts/123/analytics", json=[{"AD_ACCOUNT_ID": "123"}])
    run = run_cli("pinterest", "analytics", "query", "--level", "ad_account", *RANGE, "--columns", "CTR",
                  "--granularity", "DAY")
    assert run.code == 0, run.stderr
    assert run.json() == [{"AD_ACCOUNT_ID": "123"}]


def test_help_shows_what_each_level_requires(run_cli) -> None:
    run = run_cli("pinterest", "analytics", "query", "--help")
    assert run.code == 0
    assert "ad          ads/analytics; requires --ad-id, or --campaign-id with --pin-id" in run.stdout
    assert "ad_pin      ad_pins/analytics; requires --campaign with --pin-id" in run.stdout
    assert "campaign    campaigns/analytics; requires --campaign-id" in run.stdout


def test_an_empty_csv_still_has_the_requested_columns(run_cli, mocked_api) -> None:
    mocked_api.get(ROOT + "/campaigns/analytics", json=[])
    run = run_cli(*CMD, "--level", "campaign", *RANGE, "--columns", "spend_in_dollar,CTR", "--granularity", "DAY",
                  "--campaign-id", "11", "--format", "csv")
    assert run.code == 0, run.stderr
    assert run.stdout == "SPEND_IN_DOLLAR,CTR\n"
