"""The core's credential store on a real Secret Service (gnome-keyring in a private D-Bus session).

Everything else runs on keyrings.alt's plaintext file; these prove the same code works, and
is named honestly, on the OS credential store Linux desktops and headless servers use.
"""

from __future__ import annotations

import json

import pytest

from agent_ads_core import keyring_backend, state
from agent_ads_core.credentials import CredentialStore, describe_backend, resolve_backend
from agent_ads_core.declarations import AuthSpec, CredentialField

pytestmark = pytest.mark.secret_service

SPEC = AuthSpec("acme", fields=(CredentialField("token", "ACME_TOKEN", "Token"),
                                CredentialField("secret", "ACME_SECRET", "Secret")),
                refresh="unused:unused", refreshable_with=("secret",))


@pytest.fixture
def on_secret_service(env, secret_service_env, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    import keyring.core

    for name, value in secret_service_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    keyring.core.init_backend()
    return {**env, **secret_service_env}


def test_the_backend_is_the_secret_service_and_named_so(on_secret_service) -> None:
    assert describe_backend(resolve_backend()) == ("SecretService", False)
    assert CredentialStore(SPEC, {}).store_info() == {"available": True, "error": None, "backend": "SecretService",
                                                      "plaintext": False}


def test_save_get_merge_delete(on_secret_service) -> None:
    CredentialStore(SPEC, {}).save({"token": "ss-token-1"})
    CredentialStore(SPEC, {}).save({"secret": "ss-secret-1"})
    store = CredentialStore(SPEC, {})
    assert store.get("token") == "ss-token-1" and store.get("secret") == "ss-secret-1"
    assert [row["source"] for row in store.status()] == ["store", "store"]
    assert CredentialStore(SPEC, {}).delete() is True
    assert CredentialStore(SPEC, {}).get("token") is None


def test_refresh_coordination(on_secret_service) -> None:
    CredentialStore(SPEC, {}).save({"token": "t-0", "secret": "s-0"})
    slow = CredentialStore(SPEC, {})
    assert slow.get("secret") == "s-0"
    sent: list[dict] = []

    def exchange(held: dict[str, str]) -> dict[str, str]:
        sent.append(held)
        return {"token": f"t-{len(sent)}", "secret": f"s-{len(sent)}"}

    assert CredentialStore(SPEC, {}).refresh(exchange) is True
    assert slow.refresh(exchange) is False and slow.get("token") == "t-1"
    assert len(sent) == 1


def test_auth_commands_report_the_secret_service(cli, on_secret_service) -> None:
    env = {k: v for k, v in on_secret_service.items() if k != "PYTHON_KEYRING_BACKEND"}
    run = cli("acme", "auth", "set", "--stdin", stdin="ss-tok-123\nss-sec-456\n", env=env)
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["store"] == "SecretService" and "plaintext" not in run.stderr
    status = json.loads(cli("acme", "auth", "status", env=env).stdout)
    assert status["credential_store"]["backend"] == "SecretService" and status["credential_store"]["plaintext"] is False
    doctor = json.loads(cli("doctor", env=env).stdout)
    store_check = next(c for c in doctor["checks"] if c["name"] == "credential_store" and c["provider"] == "acme")
    assert store_check["detail"] == "SecretService" and store_check["ok"] is True


def test_the_secret_service_is_remembered_and_loaded_directly_by_later_runs(cli, on_secret_service,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core
    from keyrings.alt.file import PlaintextKeyring

    # as on a desktop without keyrings.alt (a test dependency here): discovery finds the Secret Service alone
    monkeypatch.setattr(PlaintextKeyring, "priority", 0)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    CredentialStore(SPEC, {}).save({"token": "ss-token-1"})
    assert state.read_json(keyring_backend.STATE_FILE)["backend"] == "keyring.backends.SecretService:Keyring"

    discoveries: list[int] = []
    real = keyring.core.init_backend
    monkeypatch.setattr(keyring.core, "init_backend", lambda *a, **k: (discoveries.append(1), real(*a, **k)))
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # the next run
    store = CredentialStore(SPEC, {})
    assert store.get("token") == "ss-token-1"
    assert store.store_info()["backend"] == "SecretService" and discoveries == []
    env = {k: v for k, v in on_secret_service.items() if k != "PYTHON_KEYRING_BACKEND"}
    status = json.loads(cli("acme", "auth", "status", env=env).stdout)  # a real process: loads the remembered one
    assert status["credential_store"]["backend"] == "SecretService"
    assert status["credentials"][0]["source"] == "store"
    assert state.read_json(keyring_backend.STATE_FILE)["backend"] == "keyring.backends.SecretService:Keyring"


def test_a_chain_is_remembered_as_its_members_and_still_reads_from_each(on_secret_service,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core
    from keyrings.alt.file import PlaintextKeyring

    # keyrings.alt is installed here, so discovery answers with a chain: Secret Service first, then the file
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    CredentialStore(SPEC, {}).save({"token": "ss-token-1"})
    assert state.read_json(keyring_backend.STATE_FILE)["backend"] == ["keyring.backends.SecretService:Keyring",
                                                                      "keyrings.alt.file:PlaintextKeyring"]
    PlaintextKeyring().set_password("agent-ads", "other", json.dumps({"token": "file-only"}))

    discoveries: list[int] = []
    real = keyring.core.init_backend
    monkeypatch.setattr(keyring.core, "init_backend", lambda *a, **k: (discoveries.append(1), real(*a, **k)))
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # the next run
    store = CredentialStore(SPEC, {})
    assert store.get("token") == "ss-token-1" and store.store_info()["backend"] == "SecretService"
    other = AuthSpec("other", fields=(CredentialField("token", "OTHER_TOKEN", "Token"),))
    assert CredentialStore(other, {}).get("token") == "file-only"  # the chain's second member still answers
    assert discoveries == []
