"""Failures of the real service that the CLI must survive, injected into the simulator."""

from __future__ import annotations

import socket
import time

ACCOUNT = "549755885175"
LIST = ("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "2")


def _campaign_calls(simulator) -> list[dict]:
    return [r for r in simulator.requests() if r["path"].endswith("/campaigns")]


def test_expired_token_is_refreshed_once_and_the_call_succeeds(cli, simulator):
    simulator.expire_access_token()
    run = cli(*LIST)
    assert run.code == 0, run.stderr
    assert len(run.json()) == 2
    paths = [r["path"] for r in simulator.requests()]
    assert paths == ["/v5/ad_accounts/549755885175/campaigns", "/v5/oauth/token",
                     "/v5/ad_accounts/549755885175/campaigns"]
    # env still holds the old token, so the user is told the keychain copy is shadowed
    assert "PINTEREST_ADS_ACCESS_TOKEN" in run.stderr


def test_without_a_store_no_run_ever_spends_the_env_refresh_token(cli, simulator):
    """doctor --api and any number of commands leave the env refresh token the valid one."""
    no_store = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    doctor = cli("pinterest", "doctor", "--api", env=no_store)
    assert doctor.code == 0, doctor.stderr
    assert "refresh_skipped" in next(c for c in doctor.json()["checks"] if c["name"] == "api")
    simulator.expire_access_token()
    for _ in range(3):
        run = cli(*LIST, env=no_store)
        assert run.code == 6 and "auth set" in run.error()["hint"]
        assert cli("pinterest", "doctor", "--api", env=no_store).code == 6
    assert "/v5/oauth/token" not in [r["path"] for r in simulator.requests()]
    # the env refresh token still works: a run with a store refreshes with it and succeeds
    assert cli(*LIST).code == 0


def test_refresh_happens_only_once(cli, simulator):
    simulator.add_fault("expired_token", count=5)
    run = cli(*LIST)
    assert run.code == 6
    assert run.error()["http_status"] == 401
    assert [r["path"] for r in simulator.requests()].count("/v5/oauth/token") == 1


def test_rate_limit_waits_for_the_reset_header(cli, simulator):
    simulator.add_fault("rate_limit", reset=1)
    started = time.monotonic()
    run = cli(*LIST)
    assert run.code == 0, run.stderr
    assert time.monotonic() - started >= 1.0
    assert [r["status"] for r in _campaign_calls(simulator)] == [429, 200]


def test_rate_limit_waits_the_longer_of_retry_after_and_the_reset(cli, simulator):
    simulator.add_fault("rate_limit", reset=2, retry_after=1)
    started = time.monotonic()
    run = cli(*LIST)
    assert run.code == 0, run.stderr
    assert time.monotonic() - started >= 2.0  # the reset (2 s), not Retry-After (1 s)


def test_daily_quota_exits_6_at_once_saying_when_it_resets(cli, simulator):
    simulator.add_fault("daily_quota")
    started = time.monotonic()
    run = cli(*LIST)
    assert run.code == 6
    assert time.monotonic() - started < 10
    error = run.error()
    assert error["http_status"] == 429 and error["code"] == 8 and "resets" in error["message"]
    assert len(_campaign_calls(simulator)) == 1


def test_400_retry_after_message_is_retried(cli, simulator):
    simulator.add_fault("retry_after_400", seconds=1)
    run = cli(*LIST)
    assert run.code == 0, run.stderr
    assert [r["status"] for r in _campaign_calls(simulator)] == [400, 200]


def test_5xx_burst_recovers(cli, simulator):
    simulator.add_fault("server_error", count=2, status=503)
    run = cli(*LIST)
    assert run.code == 0, run.stderr
    assert [r["status"] for r in _campaign_calls(simulator)] == [503, 503, 200]


def test_5xx_beyond_the_retry_budget_exits_6(cli, simulator):
    simulator.add_fault("server_error", count=50, status=500)
    run = cli(*LIST)
    assert run.code == 6 and run.stdout == ""
    error = run.error()
    assert error["http_status"] == 500 and error["code"] == 12 and error["request_id"]
    assert len(_campaign_calls(simulator)) == 5


def test_dropped_connection_is_retried(cli, simulator):
    simulator.add_fault("drop_connection")
    run = cli(*LIST)
    assert run.code == 0, run.stderr
    assert len(run.json()) == 2


def test_slow_response_times_out_and_is_retried(cli, simulator):
    simulator.add_fault("slow", delay=2)
    run = cli(*LIST, "--timeout-seconds", "0.5")
    assert run.code == 0, run.stderr


def test_server_down_exits_1_with_a_json_error(cli):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = cli(*LIST, "--api-base-url", f"http://127.0.0.1:{port}")
    assert run.code == 1 and run.stdout == ""
    error = run.error()
    assert error["type"] == "transport" and "Traceback" not in run.stderr


def test_request_id_reaches_the_envelope(cli):
    run = cli(*LIST, "--envelope")
    assert run.json()["meta"]["request_id"]


def test_a_failed_refresh_is_explained_next_to_the_error(cli, simulator):
    simulator.expire_access_token()
    run = cli(*LIST, env={"PINTEREST_ADS_REFRESH_TOKEN": "revoked-refresh-token"})
    assert run.code == 6 and run.stdout == ""
    assert run.error()["http_status"] == 401
    assert "automatic token refresh failed" in run.stderr
    assert "revoked-refresh-token" not in run.stderr
