"""Issue 9, points 5, 13-15 and 18: every malformed value is exit 2 and nothing is sent.

``mocked_api`` registers no response, so any request that leaves would also show up in
``mocked_api.calls``; each test asserts there were none.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

ACCOUNT = "549755885175"
TODAY = datetime.now(timezone.utc).date()
START, END = (TODAY - timedelta(days=10)).isoformat(), (TODAY - timedelta(days=9)).isoformat()


@pytest.fixture(autouse=True)
def _no_keychain(isolated_env) -> None:
    """A file keyring under tmp_path: nothing here may reach the real keychain."""


def nothing_sent(run, mocked_api, error_type: str = "argument") -> dict:
    assert run.code == 2, run.stderr
    assert mocked_api.calls == [] or len(mocked_api.calls) == 0
    error = run.error()
    assert error["type"] == error_type, error
    return error


@pytest.mark.parametrize("account", ["١٢٣", "１２３", "12 34", "12a"])
def test_ids_accept_ascii_digits_only(run_cli, mocked_api, account: str) -> None:
    run = run_cli("pinterest", "campaigns", "get", "--ad-account-id", ACCOUNT, "--campaign-id", account)
    assert "--campaign-id" in nothing_sent(run, mocked_api)["message"]
    run = run_cli("pinterest", "campaigns", "list", "--ad-account-id", account)
    assert "--ad-account-id" in nothing_sent(run, mocked_api)["message"]


def test_list_filter_ids_accept_ascii_digits_only(run_cli, mocked_api) -> None:
    run = run_cli("pinterest", "ads", "list", "--ad-account-id", ACCOUNT, "--campaign-id", "１２")
    assert "--campaign-id" in nothing_sent(run, mocked_api)["message"]


@pytest.mark.parametrize("version", ["v5/../../x", "5", "v5?x=1"])
def test_api_version_must_look_like_v5_by_flag_or_env(run_cli, mocked_api, monkeypatch, version: str) -> None:
    run = run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--api-version", version)
    assert "--api-version" in nothing_sent(run, mocked_api)["message"]
    monkeypatch.setenv("PINTEREST_ADS_API_VERSION", version)
    run = run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert "PINTEREST_ADS_API_VERSION" in nothing_sent(run, mocked_api, "config")["message"]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "0", "-1"])
def test_timeouts_and_intervals_must_be_finite_and_positive(run_cli, mocked_api, monkeypatch, value: str) -> None:
    run = run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--timeout-seconds", value)
    assert "--timeout-seconds" in nothing_sent(run, mocked_api)["message"]
    run = run_cli("pinterest", "report-runs", "wait", "--ad-account-id", ACCOUNT, "--token", "t",
                  "--poll-interval-seconds", value)
    assert "--poll-interval-seconds" in nothing_sent(run, mocked_api)["message"]
    monkeypatch.setenv("PINTEREST_ADS_TIMEOUT_SECONDS", value)
    run = run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert "PINTEREST_ADS_TIMEOUT_SECONDS" in nothing_sent(run, mocked_api, "config")["message"]


@pytest.mark.parametrize("text", ['{"providers": {"pinterest": {"timeout_seconds": NaN}}}',
                                  '{"providers": {"pinterest": {"timeout_seconds": Infinity}}}',
                                  '{"providers": {"pinterest": {"timeout_seconds": 1e400}}}'])
def test_non_finite_numbers_in_the_config_file_are_config_errors(run_cli, mocked_api, tmp_path, text: str) -> None:
    (tmp_path / "agent-ads.config.json").write_text(text)
    run = run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    nothing_sent(run, mocked_api, "config")


@pytest.mark.parametrize("group", ["ads", "adgroups"])
def test_filters_the_api_takes_only_one_of(run_cli, mocked_api, group: str) -> None:
    run = run_cli("pinterest", group, "list", "--ad-account-id", ACCOUNT, "--campaign-id", "1", "--ad-group-id", "2")
    message = nothing_sent(run, mocked_api)["message"]
    assert "--campaign-id" in message and "--ad-group-id" in message and "only one" in message
    help_text = run_cli("pinterest", group, "list", "--help").stdout
    assert "only one of" in help_text


def test_a_mistyped_flag_gets_the_nearest_real_one(run_cli, mocked_api) -> None:
    run = run_cli("pinterest", "campaigns", "list", "--ad-acount-id", ACCOUNT)
    assert "did you mean --ad-account-id?" in nothing_sent(run, mocked_api)["message"]
    run = run_cli("pinterest", "analytics", "query", "--colums", "SPEND_IN_DOLLAR")  # required flags missing too
    assert "did you mean --columns" in nothing_sent(run, mocked_api)["message"]
    run = run_cli("--formatt", "csv")
    assert "did you mean --format?" in nothing_sent(run, mocked_api)["message"]


def test_enum_values_are_case_insensitive_everywhere(run_cli, mocked_api) -> None:
    mocked_api.get(f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns", json={"items": [{"id": "1"}]})
    run = run_cli("--format", "CSV", "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT,
                  "--order", "descending")
    assert run.code == 0 and run.stdout.splitlines()[0] == "id"
    assert "order=DESCENDING" in mocked_api.calls[0].request.url


@pytest.mark.parametrize(("argv", "suggestion"), [
    (["pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--order", "asc"], "ASCENDING"),
    (["pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--level", "ad_account",
      "--granularity", "DAY", "--start-date", START, "--end-date", END, "--columns", "SPEND_IN_DOLLAR"],
     "ADVERTISER"),
    (["pinterest", "targeting-analytics", "query", "--ad-account-id", ACCOUNT, "--level", "ad_account",
      "--targeting-type", "age", "--granularity", "DAY", "--start-date", START, "--end-date", END,
      "--columns", "SPEND_IN_DOLLAR"], "AGE_BUCKET"),
])
def test_enum_typos_are_matched_on_parts_and_synonyms(run_cli, mocked_api, argv, suggestion: str) -> None:
    assert f"did you mean {suggestion}" in nothing_sent(run_cli(*argv), mocked_api)["message"]


def test_an_invalid_env_value_names_the_variable_and_valid_values(run_cli, mocked_api, monkeypatch) -> None:
    monkeypatch.setenv("PINTEREST_ADS_SANDBOX", "maybe")
    message = nothing_sent(run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT), mocked_api,
                           "config")["message"]
    assert "PINTEREST_ADS_SANDBOX" in message and "true or false" in message
    monkeypatch.delenv("PINTEREST_ADS_SANDBOX")
    monkeypatch.setenv("PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID", "abc")
    message = nothing_sent(run_cli("pinterest", "campaigns", "list"), mocked_api, "config")["message"]
    assert "PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID" in message and "--ad-account-id" not in message


def test_a_numeric_default_ad_account_id_in_the_config_is_taken_as_its_digits(run_cli, mocked_api, tmp_path) -> None:
    (tmp_path / "agent-ads.config.json").write_text(
        json.dumps({"providers": {"pinterest": {"default_ad_account_id": int(ACCOUNT)}}}))
    mocked_api.get(f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns", json={"items": []})
    run = run_cli("pinterest", "campaigns", "list")
    assert run.code == 0, run.stderr
    assert len(mocked_api.calls) == 1


def test_enums_list_gives_every_value_and_long_enum_errors_point_to_it(run_cli, mocked_api) -> None:
    run = run_cli("pinterest", "enums", "list", "--command", "analytics query", "--flag", "columns")
    assert run.code == 0, run.stderr
    [row] = run.json()
    assert row["command"] == "pinterest analytics query" and row["flag"] == "--columns"
    assert len(row["values"]) > 100 and "SPEND_IN_DOLLAR" in row["values"]
    levels = {r["command"]: r["values"] for r in run_cli("pinterest", "enums", "list", "--flag=--level").json()}
    assert levels["pinterest analytics query"] == ["ad_account", "campaign", "ad_group", "ad", "ad_pin"]
    assert "ADVERTISER" in levels["pinterest report-runs submit"]
    run = run_cli("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "ad_account",
                  "--granularity", "DAY", "--start-date", START, "--end-date", END, "--columns", "NOPE")
    hint = nothing_sent(run, mocked_api)["hint"]
    assert "agent-ads pinterest enums list --flag columns" in hint and "..." not in hint
