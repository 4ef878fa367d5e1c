"""Issue 9, point 21: hints point the right way, and a group alone answers with its help."""

from __future__ import annotations

import pytest

ACCOUNT = "549755885175"
REPORTS_URL = f"https://api.test/v5/ad_accounts/{ACCOUNT}/reports"
TOKEN_URL = "https://api.test/v5/oauth/token"


@pytest.fixture(autouse=True)
def _no_keychain(isolated_env) -> None:
    """A file keyring under tmp_path: nothing here may reach the real keychain."""


def report(*verb_and_flags: str) -> list[str]:
    return ["pinterest", "report-runs", *verb_and_flags, "--ad-account-id", ACCOUNT, "--token", "tok"]


def test_a_report_that_does_not_exist_suggests_checking_token_and_ad_account(run_cli, mocked_api) -> None:
    mocked_api.get(REPORTS_URL, json={"report_status": "DOES_NOT_EXIST", "url": None, "size": None})
    hint = run_cli(*report("results")).error()["hint"]
    assert "--token" in hint and "--ad-account-id" in hint and "report-runs submit" not in hint


def test_the_still_running_hint_carries_the_ad_account(run_cli, mocked_api) -> None:
    mocked_api.get(REPORTS_URL, json={"report_status": "IN_PROGRESS", "url": None, "size": None})
    run = run_cli(*report("results"))
    assert run.code == 2
    assert f"report-runs wait --token tok --ad-account-id {ACCOUNT} --download" in run.error()["hint"]


def test_a_401_after_a_failed_refresh_suggests_reauthorising(run_cli, mocked_api, monkeypatch) -> None:
    for name, value in {"APP_ID": "a", "APP_SECRET": "s", "REFRESH_TOKEN": "r"}.items():
        monkeypatch.setenv(f"PINTEREST_ADS_{name}", value)
    mocked_api.get(f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns", status=401,
                   json={"code": 2, "message": "Authentication failed."})
    mocked_api.post(TOKEN_URL, status=401, json={"code": 2, "message": "Authentication failed."})
    run = run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    hint = run.error()["hint"]
    assert run.code == 6 and "re-authorise" in hint and "auth refresh" not in hint


def test_a_404_says_which_id_was_not_found(run_cli, mocked_api) -> None:
    mocked_api.get(f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns/777", status=404,
                   json={"code": 404, "message": "Campaign not found."})
    error = run_cli("pinterest", "campaigns", "get", "--ad-account-id", ACCOUNT, "--campaign-id", "777").error()
    assert "--campaign-id 777" in error["message"] and f"--ad-account-id {ACCOUNT}" in error["message"]


@pytest.mark.parametrize("argv", [[], ["pinterest"], ["pinterest", "campaigns"]])
def test_agent_ads_and_a_group_alone_show_help_and_exit_0(run_cli, argv: list[str]) -> None:
    run = run_cli(*argv)
    assert run.code == 0 and run.stderr == ""
    assert run.stdout.startswith("usage: agent-ads")
