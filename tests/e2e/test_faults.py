"""Failures of the real service that the CLI must survive, injected into the simulator."""

from __future__ import annotations

import socket
import time

ACCOUNT = "549755885175"
LIST = ("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "2")


def _campaign_calls(simulator) -> list[dict]:
    return [r for r in simulator.requests() if r["path"].endswith("/campaigns")]


def _await_campaign_calls(simulator, count: int) -> list[dict]:
    """The campaign requests once ``count`` are logged: a held (slow) request is logged when its answer is sent."""
    for _ in range(600):  # a hang guard only: the held request ends after its fault's delay
        calls = _campaign_calls(simulator)
        if len(calls) >= count:
            return calls
        time.sleep(0.05)
    raise AssertionError(f"the simulator logged {len(_campaign_calls(simulator))} campaign requests, not {count}")


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
    run = cli(*LIST, "-v")
    assert run.code == 0, run.stderr
    assert "-> 429; retrying in 1.0s" in run.stderr
    assert time.monotonic() - started >= 1.0  # it did wait, not only say so
    assert [r["status"] for r in _campaign_calls(simulator)] == [429, 200]


def test_rate_limit_waits_the_longer_of_retry_after_and_the_reset(cli, simulator):
    simulator.add_fault("rate_limit", reset=2, retry_after=1)
    started = time.monotonic()
    run = cli(*LIST, "-v")
    assert run.code == 0, run.stderr
    assert "-> 429; retrying in 2.0s" in run.stderr  # the reset (2 s), not Retry-After (1 s)
    assert time.monotonic() - started >= 2.0
    assert [r["status"] for r in _campaign_calls(simulator)] == [429, 200]


def test_daily_quota_exits_6_at_once_saying_when_it_resets(cli, simulator):
    simulator.add_fault("daily_quota")
    run = cli(*LIST, "-v")
    assert run.code == 6
    assert "retrying" not in run.stderr  # no wait for a quota that resets hours later
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
    calls = _campaign_calls(simulator)
    assert error["http_status"] == 500 and error["code"] == 12 and error["request_id"] == calls[-1]["request_id"]
    assert [r["status"] for r in calls] == [500] * 5


def test_dropped_connection_is_retried(cli, simulator):
    simulator.add_fault("drop_connection")
    run = cli(*LIST, "--envelope")
    assert run.code == 0, run.stderr
    assert len(run.json()["data"]) == 2
    calls = _campaign_calls(simulator)
    assert [r["status"] for r in calls] == [None, 200]  # dropped unanswered, then answered
    assert run.json()["meta"]["request_id"] == calls[1]["request_id"]


def test_slow_response_times_out_and_is_retried(cli, simulator):
    simulator.add_fault("slow", delay=2)
    run = cli(*LIST, "--timeout-seconds", "0.5", "--envelope")
    assert run.code == 0, run.stderr
    # The retry is answered (and logged) first; the held request is logged when its delay ends.
    retry, held = _await_campaign_calls(simulator, 2)
    assert run.json()["meta"]["request_id"] == retry["request_id"] != held["request_id"]
    assert held["query"] == retry["query"] and [retry["status"], held["status"]] == [200, 200]


def test_server_down_exits_1_with_a_json_error(cli):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = cli(*LIST, "--api-base-url", f"http://127.0.0.1:{port}")
    assert run.code == 1 and run.stdout == ""
    error = run.error()
    assert error["type"] == "transport" and "Traceback" not in run.stderr


def test_request_id_reaches_the_envelope(cli, simulator):
    run = cli(*LIST, "--envelope")
    [call] = _campaign_calls(simulator)
    assert run.json()["meta"]["request_id"] == call["request_id"]


def test_a_failed_refresh_is_explained_next_to_the_error(cli, simulator):
    simulator.expire_access_token()
    run = cli(*LIST, env={"PINTEREST_ADS_REFRESH_TOKEN": "revoked-refresh-token"})
    assert run.code == 6 and run.stdout == ""
    assert run.error()["http_status"] == 401
    assert "automatic token refresh failed" in run.stderr
    assert "revoked-refresh-token" not in run.stderr
