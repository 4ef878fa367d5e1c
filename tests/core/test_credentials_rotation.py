"""A credential refreshed by agent-ads supersedes the env value it replaced."""

from __future__ import annotations

import sys

import pytest

from agent_ads_core.credentials import CredentialStore
from agent_ads_core.declarations import AuthSpec, CredentialField

SPEC = AuthSpec("acme", fields=(CredentialField("token", "ACME_TOKEN", "Token"),
                                CredentialField("refresh", "ACME_REFRESH", "Refresh")))


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    import keyring.core

    keyring.core.set_keyring(keyring.core.load_keyring("keyrings.alt.file.PlaintextKeyring"))
    yield
    keyring.core._keyring_backend = None


def test_env_wins_until_agent_ads_replaces_its_value(file_keyring):
    env = {"ACME_TOKEN": "old-token", "ACME_REFRESH": "old-refresh"}
    warnings: list[str] = []
    store = CredentialStore(SPEC, env, warn=warnings.append)
    assert store.get("token") == "old-token" and store.source("token") == "env"

    store.save({"token": "new-token", "refresh": "new-refresh"},
               replaced={"token": "old-token", "refresh": "old-refresh"})
    assert any("ACME_TOKEN" in w for w in warnings)

    later = CredentialStore(SPEC, env, warn=warnings.append)  # a later run, same stale env
    assert later.get("token") == "new-token" and later.get("refresh") == "new-refresh"
    assert later.source("token") == "store"
    assert {r["name"]: r.get("env_superseded") for r in later.status()} == {"token": True, "refresh": True}

    fresh = CredentialStore(SPEC, {"ACME_TOKEN": "user-set-token"})  # a new env value wins again
    assert fresh.get("token") == "user-set-token" and fresh.source("token") == "env"


def test_env_only_reads_never_import_keyring(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for name in [m for m in sys.modules if m == "keyring" or m.startswith("keyring.")]:
        monkeypatch.delitem(sys.modules, name)
    store = CredentialStore(SPEC, {"ACME_TOKEN": "t", "ACME_REFRESH": "r"})
    assert store.get("token") == "t" and store.get("refresh") == "r"
    assert "keyring" not in sys.modules


class _LockedKeyring:
    """A backend that was chosen fine but refuses every call, like a locked keychain."""

    priority = 1

    def get_password(self, service, user):
        raise RuntimeError("keychain is locked")

    set_password = delete_password = get_password


def test_a_backend_failing_at_run_time_is_a_config_error(tmp_path, monkeypatch):
    import keyring.core

    from agent_ads_core.errors import ConfigError

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(keyring.core, "_keyring_backend", _LockedKeyring())
    store = CredentialStore(SPEC, {})
    with pytest.raises(ConfigError) as info:
        store.save({"token": "t"})
    assert "keychain is locked" in info.value.message and "keyrings.alt" in info.value.hint
    with pytest.raises(ConfigError):
        store.delete()
    assert store.get("token") is None and store.store_error and "locked" in store.store_error
