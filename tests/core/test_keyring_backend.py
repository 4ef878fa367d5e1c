"""The credential store backend is discovered once, then loaded directly while nothing changed."""

from __future__ import annotations

import pytest

from agent_ads_core import keyring_backend, state

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
