"""``pinterest targeting-analytics query``: level routing, encoding, checks before sending, row extraction."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from agent_ads_core import analytics_runner

ACCOUNT = "549755885175"
ROOT = f"https://api.test/v5/ad_accounts/{ACCOUNT}"
CMD = ("pinterest", "targeting-analytics", "query", "--ad-account-id", ACCOUNT,
       "--start-date", "2024-06-01", "--end-date", "2024-06-10", "--columns", "SPEND_IN_DOLLAR")
ROWS = [
    {"targeting_type": "AGE_BUCKET", "targeting_value": "25-34", "metrics": {"SPEND_IN_DOLLAR": 2.5}},
    {"targeting_type": "GENDER", "targeting_value": "female", "metrics": {"SPEND_IN_DOLLAR": 1.0}},
]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analytics_runner, "utc_today", lambda: date(2024, 6, 30))


def query(call: responses.Call) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(call.request.url).query)


@pytest.mark.parametrize(("level", "path", "id_args", "id_pairs"), [
    ("ad_account", "/targeting_analytics", (), []),
    ("ad_group", "/ad_groups/targeting_analytics", ("--ad-group-id", "21,22"),
     [("ad_group_ids", "21"), ("ad_group_ids", "22")]),
    ("ad", "/ads/targeting_analytics", ("--ad-id", "31", "--ad-id", "32"), [("ad_ids", "31"), ("ad_ids", "32")]),
])
def test_each_level_encodes_types_as_one_value_and_emits_the_data_rows(
        run_cli, mocked_api, level, path, id_args, id_pairs) -> None:
    mocked_api.get(ROOT + path, json={"data": ROWS}, headers={"x-pinterest-rid": "rid-t"})

    run = run_cli(*CMD, "--level", level, "--granularity", "TOTAL", "--targeting-type", "age_bucket",
                  "--targeting-type", "GENDER", "--attribution-type", "INDIVIDUAL,household", *id_args, "--envelope")

    assert run.code == 0, run.stderr
    assert len(mocked_api.calls) == 1
    call = mocked_api.calls[0]
    assert urlsplit(call.request.url).path == f"/v5/ad_accounts/{ACCOUNT}{path}"
    sent = query(call)
    assert [v for k, v in sent if k == "targeting_types"] == ["AGE_BUCKET,GENDER"]
    assert [v for k, v in sent if k == "attribution_types"] == ["INDIVIDUAL,HOUSEHOLD"]
    assert [v for k, v in sent if k == "columns"] == ["SPEND_IN_DOLLAR"]
    assert [(k, v) for k, v in sent if k in ("ad_group_ids", "ad_ids")] == id_pairs
    out = run.json()
    assert out["data"] == ROWS
    assert out["meta"]["request_id"] == "rid-t"
    assert out["meta"]["endpoint"] == f"GET /v5/ad_accounts/{{ad_account_id}}{path}"


@pytest.mark.parametrize(("level", "id_args", "needed"), [
    ("ad_group", (), "--level ad_group requires --ad-group-id"),
    ("ad", ("--ad-group-id", "21"), "--level ad requires --ad-id"),
])
def test_each_level_requires_its_ids(run_cli, mocked_api, level, id_args, needed) -> None:
    run = run_cli(*CMD, "--level", level, "--granularity", "DAY", "--targeting-type", "GENDER", *id_args)
    assert run.code == 2
    assert run.error()["message"] == needed
    assert len(mocked_api.calls) == 0


@pytest.mark.parametrize(("args", "flag", "suggestion"), [
    (("--targeting-type", "AGE_BUCKT"), "--targeting-type", "AGE_BUCKET"),
    (("--targeting-type", "GENDER", "--attribution-type", "INDIVIDUL"), "--attribution-type", "INDIVIDUAL"),
])
def test_enum_near_miss_is_rejected_with_a_suggestion(run_cli, mocked_api, args, flag, suggestion) -> None:
    run = run_cli(*CMD, "--level", "ad_account", "--granularity", "DAY", *args)
    assert run.code == 2
    message = run.error()["message"]
    assert message.startswith(flag) and f"did you mean {suggestion}" in message
    assert len(mocked_api.calls) == 0


def test_targeting_types_are_checked_against_the_level_endpoint(run_cli, mocked_api) -> None:
    """CREATIVE_ENHANCEMENTS exists for ad groups and ads but not for the ad account endpoint."""
    mocked_api.get(ROOT + "/ad_groups/targeting_analytics", json={"data": []})
    args = ("--granularity", "DAY", "--targeting-type", "CREATIVE_ENHANCEMENTS")
    refused = run_cli(*CMD, "--level", "ad_account", *args)
    assert refused.code == 2
    assert refused.error()["message"].startswith("--targeting-type: 'CREATIVE_ENHANCEMENTS' is not a valid value")
    assert len(mocked_api.calls) == 0
    accepted = run_cli(*CMD, "--level", "ad_group", "--ad-group-id", "21", *args)
    assert accepted.code == 0, accepted.stderr
    assert len(mocked_api.calls) == 1


def test_id_flag_of_another_level_is_rejected(run_cli, mocked_api) -> None:
    run = run_cli(*CMD, "--level", "ad_account", "--granularity", "DAY", "--targeting-type", "GENDER",
                  "--ad-id", "31")
    assert run.code == 2
    assert run.error()["message"].startswith("--ad-id: GET /ad_accounts/{ad_account_id}/targeting_analytics")
    assert len(mocked_api.calls) == 0


def test_hourly_range_is_split_and_rows_merged(run_cli, mocked_api) -> None:
    def by_window(request):
        start = dict(parse_qsl(urlsplit(request.url).query))["start_date"]
        return 200, {}, f'{{"data": [{{"targeting_value": "{start}"}}]}}'

    mocked_api.add_callback(responses.GET, ROOT + "/targeting_analytics", callback=by_window)
    run = run_cli("pinterest", "targeting-analytics", "query", "--ad-account-id", ACCOUNT, "--level", "ad_account",
                  "--start-date", "2024-06-25", "--end-date", "2024-06-29", "--columns", "CTR",
                  "--granularity", "HOUR", "--targeting-type", "GENDER")
    assert run.code == 0, run.stderr
    assert run.json() == [{"targeting_value": "2024-06-25"}, {"targeting_value": "2024-06-29"}]


def test_api_error_exits_6_with_nothing_on_stdout(run_cli, mocked_api) -> None:
    mocked_api.get(ROOT + "/targeting_analytics", status=403, json={"code": 29, "message": "Not authorized."})
    run = run_cli(*CMD, "--level", "ad_account", "--granularity", "DAY", "--targeting-type", "GENDER")
    assert run.code == 6
    assert run.stdout == ""
    assert (run.error()["message"], run.error()["http_status"]) == ("Not authorized.", 403)


def test_help_shows_what_each_level_requires(run_cli) -> None:
    run = run_cli("pinterest", "targeting-analytics", "query", "--help")
    assert "ad_group    ad_groups_targeting_analytics/get; requires --ad-group-id" in run.stdout
    assert "ad          ad_targeting_analytics/get; requires --ad-id" in run.stdout


def test_an_empty_csv_has_the_flattened_row_columns(run_cli, mocked_api) -> None:
    mocked_api.get("https://api.test/v5/ad_accounts/549755885175/targeting_analytics", json={"data": []})
    run = run_cli("pinterest", "targeting-analytics", "query", "--ad-account-id", "549755885175",
                  "--level", "ad_account", "--start-date", "2024-06-01", "--end-date", "2024-06-02",
                  "--columns", "IMPRESSION_1", "--granularity", "DAY", "--targeting-type", "GENDER",
                  "--format", "csv")
    assert run.code == 0, run.stderr
    assert run.stdout == "targeting_type,targeting_value,metrics.IMPRESSION_1\n"
