"""Setup commands: auth, doctor, config, sandbox, and secrets never leaking."""

from __future__ import annotations

import json

ACCOUNT = "549755885175"
NO_ENV_SECRETS = {name: None for name in ("PINTEREST_ADS_APP_ID", "PINTEREST_ADS_APP_SECRET",
                                          "PINTEREST_ADS_ACCESS_TOKEN", "PINTEREST_ADS_REFRESH_TOKEN")}
SECRETS = "demo-app-id\ndemo-app-secret\ndemo-access-token\ndemo-refresh-token\n"


def test_auth_set_status_refresh_delete_through_the_credential_store(cli, simulator):
    stored = cli("pinterest", "auth", "set", "--stdin", stdin=SECRETS, env=NO_ENV_SECRETS)
    assert stored.code == 0, stored.stderr
    status = cli("pinterest", "auth", "status", env=NO_ENV_SECRETS).json()
    assert {c["name"]: c["source"] for c in status["credentials"]} == {
        "app_id": "store", "app_secret": "store", "access_token": "store", "refresh_token": "store"}
    assert "demo-" not in json.dumps(status)
    assert cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, env=NO_ENV_SECRETS).code == 0

    refreshed = cli("pinterest", "auth", "refresh", env=NO_ENV_SECRETS)
    assert refreshed.code == 0, refreshed.stderr
    facts = refreshed.json()
    assert facts["refresh_token_rotated"] is True and "expires_at" in facts and "scope" in facts
    assert "sim-" not in refreshed.stdout + refreshed.stderr
    # the rotated refresh token was stored: a second refresh works, and calls use the new access token
    assert cli("pinterest", "auth", "refresh", env=NO_ENV_SECRETS).code == 0
    assert cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, env=NO_ENV_SECRETS).code == 0

    deleted = cli("pinterest", "auth", "delete", env=NO_ENV_SECRETS).json()
    assert deleted["deleted"] is True
    status = cli("pinterest", "auth", "status", env=NO_ENV_SECRETS).json()
    assert {c["source"] for c in status["credentials"]} == {"missing"}
    missing = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, env=NO_ENV_SECRETS)
    assert missing.code == 2 and "PINTEREST_ADS_ACCESS_TOKEN" in missing.error()["hint"]


def test_auth_set_rejects_wrong_line_count_and_secret_flags(cli):
    short = cli("pinterest", "auth", "set", "--stdin", stdin="only-one\n", env=NO_ENV_SECRETS)
    assert short.code == 2 and "4 non-empty lines" in short.error()["message"]
    flag = cli("pinterest", "auth", "set", "--access-token", "x")
    assert flag.code == 2


def test_auth_set_without_a_keyring_backend_exits_2_with_a_hint(cli):
    run = cli("pinterest", "auth", "set", "--stdin", stdin=SECRETS,
              env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert run.code == 2
    assert "keyrings.alt" in run.error()["hint"]
    # reads still work from env
    status = cli("pinterest", "auth", "status", env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert status.code == 0 and {c["source"] for c in status.json()["credentials"]} == {"env"}


def test_doctor_api_refreshes_and_calls_the_api(cli, simulator):
    run = cli("pinterest", "doctor", "--api")
    assert run.code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["ok"] is True
    assert "api" in [c["name"] for c in report["checks"]]
    paths = [r["path"] for r in simulator.requests()]
    assert paths == ["/v5/oauth/token", "/v5/ad_accounts"]
    assert ("page_size", "1") in simulator.requests()[-1]["query"]


def test_doctor_fails_without_credentials(cli):
    run = cli("pinterest", "doctor", env=NO_ENV_SECRETS)
    assert run.code != 0
    assert run.json()["ok"] is False


def test_config_show_reports_precedence_and_hides_secrets(cli, tmp_path):
    (tmp_path / "agent-ads.config.json").write_text(json.dumps(
        {"providers": {"pinterest": {"timeout_seconds": 12, "default_ad_account_id": "1"}}}))
    shown = cli("pinterest", "config", "show", "--timeout-seconds", "7").json()
    effective = shown["effective"]
    assert effective["timeout_seconds"] == {"value": 7.0, "source": "flag", "env_var": "PINTEREST_ADS_TIMEOUT_SECONDS"}
    assert effective["api_base_url"]["source"] == "env"
    assert effective["default_ad_account_id"]["source"] == "config"
    assert "demo-" not in json.dumps(shown)
    path = cli("pinterest", "config", "path").json()
    assert path["source"] == "cwd" and path["exists"] is True


def test_config_with_a_secret_is_rejected(cli, tmp_path):
    (tmp_path / "agent-ads.config.json").write_text(json.dumps({"providers": {"pinterest": {"access_token": "x"}}}))
    run = cli("pinterest", "config", "validate")
    assert run.code == 2
    error = run.error()
    assert "$.providers.pinterest.access_token" in error["message"] and "auth set" in error["hint"]


def test_sandbox_refuses_operations_the_spec_disables_before_sending(cli, simulator):
    run = cli("pinterest", "report-runs", "status", "--ad-account-id", ACCOUNT, "--token", "abc", "--sandbox")
    assert run.code == 2 and "sandbox" in run.error()["message"]
    assert simulator.requests() == []


def test_sandbox_changes_the_default_base_url(cli):
    shown = cli("pinterest", "config", "show", env={"PINTEREST_ADS_API_BASE_URL": None,
                                                     "PINTEREST_ADS_SANDBOX": "true"}).json()
    assert shown["effective"]["sandbox"]["value"] is True


def test_secrets_never_appear_even_with_vv(cli, simulator):
    simulator.expire_access_token()
    run = cli("-vv", "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "1")
    assert run.code == 0, run.stderr
    assert "Authorization" in run.stderr  # headers are logged ...
    for secret in ("demo-access-token", "demo-refresh-token", "demo-app-secret", "sim-access", "sim-refresh"):
        assert secret not in run.stderr + run.stdout  # ... but never their secret values


def test_env_tokens_rotated_by_a_refresh_are_not_sent_again(cli, simulator):
    # doctor --api refreshes, which rotates both tokens; the env vars now hold dead values
    assert cli("pinterest", "doctor", "--api").code == 0
    run = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "1")
    assert run.code == 0, run.stderr
    assert "PINTEREST_ADS_ACCESS_TOKEN holds a value agent-ads refreshed and replaced" in run.stderr
    assert [r["path"] for r in simulator.requests()][-1].endswith("/campaigns")  # no second refresh needed
    status = cli("pinterest", "auth", "status").json()
    rows = {c["name"]: c for c in status["credentials"]}
    assert rows["access_token"]["source"] == "store" and rows["access_token"]["env_superseded"] is True
    assert rows["app_id"]["source"] == "env"
    # an expired token later on is refreshed with the stored (rotated) refresh token
    simulator.expire_access_token()
    assert cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "1").code == 0


def test_auth_status_says_whether_a_refresh_is_possible(cli):
    assert cli("pinterest", "auth", "status").json()["can_refresh"] is True
    without = cli("pinterest", "auth", "status", env={"PINTEREST_ADS_APP_SECRET": None})
    assert without.json()["can_refresh"] is False


def test_auth_set_warns_when_env_vars_will_override_what_it_stored(cli):
    run = cli("pinterest", "auth", "set", "--stdin", stdin=SECRETS,
              env={"PINTEREST_ADS_APP_ID": None, "PINTEREST_ADS_APP_SECRET": None})
    assert run.code == 0, run.stderr
    warning = json.loads(run.stderr.splitlines()[0])["warning"]
    assert "PINTEREST_ADS_ACCESS_TOKEN, PINTEREST_ADS_REFRESH_TOKEN" in warning
    assert "PINTEREST_ADS_APP_ID" not in warning
