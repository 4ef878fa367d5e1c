"""auth set/status/refresh/delete with the real CLI, the simulator and a real Secret Service."""

from __future__ import annotations

import pytest
from conftest import ACCOUNT, DEMO_CREDENTIALS

pytestmark = pytest.mark.secret_service

NO_ENV_SECRETS = {name: None for name in DEMO_CREDENTIALS}
SECRETS = "".join(f"{DEMO_CREDENTIALS[name]}\n" for name in (
    "PINTEREST_ADS_APP_ID", "PINTEREST_ADS_APP_SECRET", "PINTEREST_ADS_ACCESS_TOKEN", "PINTEREST_ADS_REFRESH_TOKEN"))


def test_auth_lifecycle_on_a_secret_service(cli, simulator, secret_service_env) -> None:
    cli.env.update(secret_service_env)
    cli.env.pop("PYTHON_KEYRING_BACKEND")
    stored = cli("pinterest", "auth", "set", "--stdin", stdin=SECRETS, env=NO_ENV_SECRETS)
    assert stored.code == 0, stored.stderr
    assert stored.json()["store"] == "SecretService" and "plaintext" not in stored.stderr
    status = cli("pinterest", "auth", "status", env=NO_ENV_SECRETS).json()
    assert {c["source"] for c in status["credentials"]} == {"store"}
    assert status["credential_store"]["backend"] == "SecretService"

    simulator.expire_access_token()
    listed = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, env=NO_ENV_SECRETS)
    assert listed.code == 0, listed.stderr  # refreshed on 401, rotated tokens kept in the Secret Service
    refreshed = cli("pinterest", "auth", "refresh", env=NO_ENV_SECRETS)
    assert refreshed.code == 0, refreshed.stderr
    assert refreshed.json()["stored_in"] == "SecretService"
    assert [r["path"] for r in simulator.requests()].count("/v5/oauth/token") == 2

    assert cli("pinterest", "auth", "delete", env=NO_ENV_SECRETS).json()["deleted"] is True
    status = cli("pinterest", "auth", "status", env=NO_ENV_SECRETS).json()
    assert {c["source"] for c in status["credentials"]} == {"missing"}
