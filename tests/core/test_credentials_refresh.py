"""CredentialStore.refresh: once across processes, persisted before a signal can land, never lost.

Runs against keyrings.alt's plaintext file keyring under tmp_path (``isolated_env``) or a
backend double that refuses writes; the real keychain is never touched.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading

import pytest

from agent_ads_core.credentials import SERVICE, CredentialStore, recovery_path
from agent_ads_core.declarations import AuthSpec, CredentialField
from agent_ads_core.errors import ConfigError

SPEC = AuthSpec("acme", fields=(CredentialField("access", "ACME_ACCESS", "Access"),
                                CredentialField("refresh", "ACME_REFRESH", "Refresh")),
                refresh="unused:unused", refreshable_with=("refresh",))


def stored() -> dict:
    import keyring

    raw = keyring.get_password(SERVICE, "acme")
    return json.loads(raw) if raw else {}


def rotating_exchange(sent: list[dict]):
    """A provider double that rotates both tokens, numbering them by call."""
    def exchange(held: dict[str, str]) -> dict[str, str]:
        sent.append(held)
        n = len(sent)
        return {"access": f"access-{n}", "refresh": f"refresh-{n}"}
    return exchange


def test_a_refresh_rotates_and_persists(isolated_env) -> None:
    CredentialStore(SPEC, {}).save({"access": "access-0", "refresh": "refresh-0"})
    sent: list[dict] = []
    store = CredentialStore(SPEC, {})
    assert store.refresh(rotating_exchange(sent)) is True
    assert sent == [{"access": "access-0", "refresh": "refresh-0"}]
    assert stored() == {"access": "access-1", "refresh": "refresh-1"} and store.get("access") == "access-1"


def test_a_run_holding_tokens_another_run_rotated_adopts_them_and_sends_nothing(isolated_env) -> None:
    CredentialStore(SPEC, {}).save({"access": "access-0", "refresh": "refresh-0"})
    slow = CredentialStore(SPEC, {})
    assert slow.get("access") == "access-0"  # this run read its tokens ...
    CredentialStore(SPEC, {}).refresh(rotating_exchange([]))  # ... then another run refreshed
    sent: list[dict] = []
    assert slow.refresh(rotating_exchange(sent)) is False
    assert sent == [] and slow.get("access") == "access-1" and stored()["refresh"] == "refresh-1"


def test_env_tokens_another_run_rotated_are_adopted_too(isolated_env) -> None:
    env = {"ACME_ACCESS": "env-access", "ACME_REFRESH": "env-refresh\n"}  # stray newline: stripped
    first, second = CredentialStore(SPEC, env), CredentialStore(SPEC, env)
    assert first.get("refresh") == second.get("refresh") == "env-refresh"
    sent: list[dict] = []
    assert first.refresh(rotating_exchange(sent)) is True
    assert second.refresh(rotating_exchange(sent)) is False
    assert sent == [{"access": "env-access", "refresh": "env-refresh"}] and second.get("access") == "access-1"


def test_no_refresh_without_a_store_that_can_keep_the_result(isolated_env, monkeypatch) -> None:
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core.init_backend()
    store = CredentialStore(SPEC, {"ACME_ACCESS": "a", "ACME_REFRESH": "r-env"})
    assert "no usable credential store" in store.refresh_blocker()
    sent: list[dict] = []
    with pytest.raises(ConfigError):
        store.refresh(rotating_exchange(sent))
    assert sent == []


class _ReadOnlyKeyring:
    """Reads answer; writes fail, like a keychain locked after it was opened."""

    priority = 1

    def __init__(self, data: dict[str, str]) -> None:
        self.data = {(SERVICE, "acme"): json.dumps(data)}
        self.writable = False

    def get_password(self, service, user):
        return self.data.get((service, user))

    def set_password(self, service, user, password):
        if not self.writable:
            raise RuntimeError("keychain is locked")
        self.data[(service, user)] = password

    def delete_password(self, service, user):
        self.data.pop((service, user), None)


def test_a_refused_write_leaves_the_tokens_in_a_private_recovery_file_that_later_runs_use(
        isolated_env, monkeypatch) -> None:
    import keyring.core

    backend = _ReadOnlyKeyring({"access": "access-0", "refresh": "refresh-0"})
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    sent: list[dict] = []
    with pytest.raises(ConfigError) as info:
        CredentialStore(SPEC, {}).refresh(rotating_exchange(sent))
    path = recovery_path("acme")
    assert str(path) in info.value.message and "auth status" in info.value.hint
    assert "access-1" not in info.value.message + info.value.hint
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["credentials"] == {"access": "access-1", "refresh": "refresh-1"}

    later = CredentialStore(SPEC, {}, warn=lambda message: None)  # the store still refuses writes
    assert later.get("refresh") == "refresh-1" and later.source("refresh") == "recovery_file"
    assert later.store_info()["recovery_file"] == str(path)
    with pytest.raises(ConfigError):
        later.refresh(rotating_exchange(sent))  # refreshes with the recovered token, not the dead stored one
    assert sent[-1] == {"access": "access-1", "refresh": "refresh-1"}

    backend.writable = True
    warnings: list[str] = []
    healed = CredentialStore(SPEC, {}, warn=warnings.append)
    assert healed.get("refresh") == "refresh-2" and healed.source("refresh") == "store"
    assert json.loads(backend.data[(SERVICE, "acme")]) == {"access": "access-2", "refresh": "refresh-2"}
    assert not path.exists() and any(str(path) in w for w in warnings)


def test_auth_status_shows_the_recovery_file(app, monkeypatch) -> None:
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", _ReadOnlyKeyring({"token": "t-0"}))
    path = recovery_path("acme")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"credentials": {"token": "t-recovered"}}))
    run = app("acme", "auth", "status")
    data = json.loads(run.stdout)
    assert {c["name"]: c["source"] for c in data["credentials"]} == {"token": "recovery_file", "secret": "missing"}
    assert data["credential_store"]["recovery_file"] == str(path) and "t-recovered" not in run.stdout + run.stderr


KILL_SCRIPT = """
import os, signal, sys
from agent_ads_core.credentials import CredentialStore
from agent_ads_core.declarations import AuthSpec, CredentialField
spec = AuthSpec("acme", fields=(CredentialField("access", "A", "A"), CredentialField("refresh", "R", "R")))
def exchange(held):
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))  # the signal lands while the response is in hand
    return {"access": "access-new", "refresh": "refresh-new"}
CredentialStore(spec, {"A": "access-old", "R": "refresh-old"}).refresh(exchange)
print("after-refresh", flush=True)
"""


@pytest.mark.parametrize(("name", "returncode"), [("SIGTERM", -signal.SIGTERM), ("SIGINT", -signal.SIGINT)])
def test_a_signal_during_the_exchange_waits_until_the_rotated_tokens_are_stored(isolated_env, name, returncode):
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, name], env=isolated_env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == returncode, proc.stderr
    assert "after-refresh" not in proc.stdout  # the signal still took effect, right after persisting
    assert stored() == {"access": "access-new", "refresh": "refresh-new"}


class _TearingKeyring:
    """A file-like backend that empties the entry before writing it, pausing in between."""

    priority = 1

    def __init__(self) -> None:
        self.value: str | None = json.dumps({"access": "a", "refresh": "r"})
        self.mid_write = threading.Event()
        self.reader_done = threading.Event()

    def get_password(self, service, user):
        return self.value

    def set_password(self, service, user, password):
        self.value = None
        self.mid_write.set()
        self.reader_done.wait(timeout=2)  # a reader that does not wait for the lock reads now
        self.value = password

    def delete_password(self, service, user):
        self.value = None


def test_a_read_during_a_write_never_sees_an_empty_store(isolated_env, monkeypatch) -> None:
    import keyring.core

    backend = _TearingKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    writer = threading.Thread(target=lambda: CredentialStore(SPEC, {}).save({"access": "a2"}))
    writer.start()
    assert backend.mid_write.wait(timeout=30)
    seen = CredentialStore(SPEC, {}).get("refresh")
    backend.reader_done.set()
    writer.join(timeout=30)
    assert seen == "r"


def test_the_state_dir_recovery_file_is_created_private_even_with_a_loose_umask(isolated_env, monkeypatch) -> None:
    import keyring.core

    old = os.umask(0)
    try:
        monkeypatch.setattr(keyring.core, "_keyring_backend", _ReadOnlyKeyring({"access": "a", "refresh": "r"}))
        with pytest.raises(ConfigError):
            CredentialStore(SPEC, {}).refresh(rotating_exchange([]))
    finally:
        os.umask(old)
    assert stat.S_IMODE(recovery_path("acme").stat().st_mode) == 0o600
