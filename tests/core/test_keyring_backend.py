"""The credential store backend is discovered once, then loaded directly while nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from agent_ads_core import keyring_backend, state
from agent_ads_core.credentials import CredentialStore, resolve_backend
from agent_ads_core.declarations import AuthSpec, CredentialField

FILE = "keyrings.alt.file:PlaintextKeyring"


@pytest.fixture
def discoveries(isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the backends keyring's full discovery returned, one per discovery."""
    found: list[str] = []
    real = keyring_backend.discover

    def counting() -> object:
        backend = real()
        found.append(f"{type(backend).__module__}:{type(backend).__qualname__}")
        return backend

    monkeypatch.setattr(keyring_backend, "discover", counting)
    return found


def name_of(backend: object) -> str:
    return f"{type(backend).__module__}:{type(backend).__qualname__}"


def test_discovered_once_then_loaded_directly(discoveries: list[str]) -> None:
    assert name_of(keyring_backend.resolve()) == FILE
    assert name_of(keyring_backend.resolve()) == FILE
    assert discoveries == [FILE]
    assert state.read_json(keyring_backend.STATE_FILE)["backend"] == FILE


def test_a_changed_backend_setting_is_discovered_again(discoveries: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    keyring_backend.resolve()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert name_of(keyring_backend.resolve()) == "keyring.backends.null:Keyring"
    assert discoveries == [FILE, "keyring.backends.null:Keyring"]


def test_a_remembered_backend_that_no_longer_loads_falls_back_to_discovery(discoveries: list[str]) -> None:
    keyring_backend.resolve()
    remembered = state.read_json(keyring_backend.STATE_FILE)
    state.write_json(keyring_backend.STATE_FILE, {**remembered, "backend": "keyrings.gone:Nope"})
    assert name_of(keyring_backend.resolve()) == FILE
    keyring_backend.forget()
    assert name_of(keyring_backend.resolve()) == FILE
    assert discoveries == [FILE, FILE, FILE]


def test_the_fail_backend_is_never_remembered(discoveries: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring_backend.resolve()
    keyring_backend.resolve()
    assert discoveries == ["keyring.backends.fail:Keyring"] * 2
    assert state.read_json(keyring_backend.STATE_FILE) is None


# -- through the credential store: one run after another --------------------------------------
SPEC = AuthSpec("acme", fields=(CredentialField("token", "ACME_TOKEN", "Token"),))


class _BrokenAtUse(KeyringBackend):
    """Starts fine, then fails when asked (a keychain locked after it was chosen)."""

    priority = 1
    viable = False  # keyring's discovery (and its chainer) must never offer it to a later test

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("keychain is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("keychain is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("keychain is locked")


@pytest.fixture
def new_run(isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Start each "run" as a new process would: keyring has chosen nothing, no backend is named.

    keyring's config file names the file backend, so its discovery answers the same whatever
    else is installed here. Returns the function that starts the next run.
    """
    import keyring.core

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    config = Path(isolated_env["XDG_CONFIG_HOME"]) / "python_keyring" / "keyringrc.cfg"
    config.parent.mkdir(parents=True)
    config.write_text("[backend]\ndefault-keyring = keyrings.alt.file.PlaintextKeyring\n")

    def start() -> None:
        monkeypatch.setattr(keyring.core, "_keyring_backend", None)

    start()
    return start


@pytest.fixture
def keyring_discoveries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per time keyring ran its backend discovery (by our call or its own lazy one)."""
    import keyring.core

    calls: list[int] = []
    real = keyring.core.init_backend

    def spy(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(keyring.core, "init_backend", spy)
    return calls


def test_a_later_run_reads_the_store_through_the_remembered_backend_without_discovery(
        new_run: Callable[[], None], keyring_discoveries: list[int]) -> None:
    CredentialStore(SPEC, {}).save({"token": "stored-1"})
    assert len(keyring_discoveries) == 1
    assert state.read_json(keyring_backend.STATE_FILE)["backend"] == FILE
    new_run()
    store = CredentialStore(SPEC, {})
    assert store.get("token") == "stored-1" and store.source("token") == "store"
    assert store.store_info()["backend"] == "keyrings.alt PlaintextKeyring"
    assert len(keyring_discoveries) == 1


@pytest.mark.parametrize("stale", ["keyrings.gone:Nope", "keyring.backends.fail:Keyring",
                                   "keyring.backends.SecretService:Keyring", "not even a name"])
def test_a_stale_remembered_backend_falls_back_to_discovery_and_is_rewritten(
        new_run: Callable[[], None], keyring_discoveries: list[int], monkeypatch: pytest.MonkeyPatch,
        stale: str) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")  # no Secret Service here
    CredentialStore(SPEC, {}).save({"token": "stored-1"})
    remembered = state.read_json(keyring_backend.STATE_FILE)
    state.write_json(keyring_backend.STATE_FILE, {**remembered, "backend": stale})
    new_run()
    store = CredentialStore(SPEC, {})
    assert store.get("token") == "stored-1" and store.store_error is None
    assert len(keyring_discoveries) == 2
    assert state.read_json(keyring_backend.STATE_FILE) == remembered


def test_a_remembered_backend_failing_at_use_is_forgotten(new_run: Callable[[], None]) -> None:
    CredentialStore(SPEC, {}).save({"token": "stored-1"})
    remembered = state.read_json(keyring_backend.STATE_FILE)
    state.write_json(keyring_backend.STATE_FILE, {**remembered, "backend": name_of(_BrokenAtUse())})
    new_run()
    store = CredentialStore(SPEC, {})
    assert store.get("token") is None and "keychain is locked" in (store.store_error or "")
    assert state.read_json(keyring_backend.STATE_FILE) is None
    new_run()
    assert CredentialStore(SPEC, {}).get("token") == "stored-1"


def test_a_backend_chosen_in_this_process_is_used_and_not_remembered(
        new_run: Callable[[], None], keyring_discoveries: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core

    chosen = _BrokenAtUse()  # any backend a caller chose (keyring.set_keyring, a test's patch)
    monkeypatch.setattr(keyring.core, "_keyring_backend", chosen)
    assert resolve_backend() is chosen
    assert keyring_discoveries == [] and state.read_json(keyring_backend.STATE_FILE) is None


def test_a_backend_named_in_the_environment_is_keyrings_own_cheap_path(
        new_run: Callable[[], None], keyring_discoveries: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    assert name_of(resolve_backend()) == FILE
    assert state.read_json(keyring_backend.STATE_FILE) is None
