"""Many agent-ads processes meeting one expired token: one refresh, everyone succeeds, nothing lost.

The simulator rotates the refresh token on every refresh, so a second refresh with the
same token fails ("Invalid refresh token"): a run that refreshed instead of adopting the
token another run already stored would exit 6.
"""

from __future__ import annotations

import subprocess

import pytest
from cli_runner import AGENT_ADS
from conftest import ACCOUNT, DEMO_CREDENTIALS

PROCESSES = 10
ROUNDS = 3
LIST = ("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "1")
SECRETS = "".join(f"{DEMO_CREDENTIALS[name]}\n" for name in (
    "PINTEREST_ADS_APP_ID", "PINTEREST_ADS_APP_SECRET", "PINTEREST_ADS_ACCESS_TOKEN", "PINTEREST_ADS_REFRESH_TOKEN"))


def run_together(cli, env: dict[str, str]) -> list[tuple[int, str]]:
    procs = [subprocess.Popen([AGENT_ADS, *LIST], env=env, cwd=cli.tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(PROCESSES)]
    return [(proc.wait(timeout=120), proc.stderr.read()) for proc in procs]


def expire_and_race(cli, simulator, env: dict[str, str]) -> None:
    for round_ in range(1, ROUNDS + 1):
        simulator.expire_access_token()
        results = run_together(cli, env)
        assert [code for code, _ in results] == [0] * PROCESSES, [err for code, err in results if code]
        token_posts = [r for r in simulator.requests() if r["path"] == "/v5/oauth/token"]
        assert len(token_posts) == round_  # exactly one refresh per expiry, whoever won the lock
    # the stored refresh token is the newest valid one: refreshing with it works
    refreshed = cli("pinterest", "auth", "refresh",
                    env={"PINTEREST_ADS_ACCESS_TOKEN": None, "PINTEREST_ADS_REFRESH_TOKEN": None})
    assert refreshed.code == 0, refreshed.stderr


def only_stored_credentials(cli) -> dict[str, str]:
    env = {k: v for k, v in cli.env.items() if k not in DEMO_CREDENTIALS}
    assert cli("pinterest", "auth", "set", "--stdin", stdin=SECRETS, env={k: None for k in DEMO_CREDENTIALS}).code == 0
    return env


def test_concurrent_runs_after_expiry_all_succeed_with_stored_credentials(cli, simulator) -> None:
    expire_and_race(cli, simulator, only_stored_credentials(cli))


def test_concurrent_runs_after_expiry_all_succeed_with_env_credentials(cli, simulator) -> None:
    """The env refresh token is spent once; every other run adopts what the winner stored."""
    expire_and_race(cli, simulator, dict(cli.env))


@pytest.mark.secret_service
def test_concurrent_runs_against_a_real_secret_service(cli, simulator, secret_service_env) -> None:
    cli.env.update(secret_service_env)
    cli.env.pop("PYTHON_KEYRING_BACKEND")
    status = cli("pinterest", "auth", "status", env={k: None for k in DEMO_CREDENTIALS})
    assert status.json()["credential_store"]["backend"] == "SecretService", status.stdout
    expire_and_race(cli, simulator, only_stored_credentials(cli))
