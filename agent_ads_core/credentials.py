"""Resolve a provider's secrets: shell environment first, then the OS credential store.

Each provider's credential set is one keyring entry (service ``agent-ads``, user = the
provider name) holding JSON, updated read-modify-write under a file lock so concurrent
runs (an agent running commands in parallel while one refreshes a token) lose nothing.
keyring is imported only when some secret is missing from the environment, and a machine
without a usable backend degrades to env-only instead of crashing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from agent_ads_core.errors import ConfigError
from agent_ads_core.redaction import register_secret
from agent_ads_core.specs import AuthSpec

SERVICE = "agent-ads"
NO_BACKEND_HINT = (
    "no usable OS credential store: set the provider's environment variables instead, run a Secret Service "
    "(e.g. gnome-keyring), or install keyrings.alt and set PYTHON_KEYRING_BACKEND"
)


class KeyringUnavailable(Exception):
    """The credential store cannot be used on this machine."""


def _keyring() -> Any:
    """Import keyring and fail with :class:`KeyringUnavailable` when it has no real backend."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception as exc:  # pragma: no cover - keyring is a dependency
        raise KeyringUnavailable(str(exc)) from None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise KeyringUnavailable(f"backend {type(backend).__name__} is not usable")
    if type(backend).__name__ == "ChainerBackend" and not getattr(backend, "backends", None):
        raise KeyringUnavailable("no keyring backends available")
    return keyring


def _lock_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "agent-ads" / "credentials.lock"


@contextmanager
def _locked() -> Iterator[None]:
    path = _lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: keyring itself serialises writes
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class CredentialStore:
    """One provider's credential set, as declared by its :class:`AuthSpec`."""

    def __init__(self, spec: AuthSpec, environ: Mapping[str, str] | None = None) -> None:
        self.spec = spec
        self.environ = os.environ if environ is None else environ
        self._stored: dict[str, str] | None = None
        self._store_error: str | None = None
        self._overrides: dict[str, str] = {}

    @property
    def provider(self) -> str:
        return self.spec.provider

    def _env(self, name: str) -> str | None:
        field = next(f for f in self.spec.fields if f.name == name)
        value = self.environ.get(field.env_var)
        return value or None

    def _read_store(self) -> dict[str, str]:
        if self._stored is None:
            try:
                raw = _keyring().get_password(SERVICE, self.provider)
                self._stored = json.loads(raw) if raw else {}
            except KeyringUnavailable as exc:
                self._store_error = str(exc)
                self._stored = {}
            except Exception as exc:  # a broken backend must not break env-only use
                self._store_error = f"{type(exc).__name__}: {exc}"
                self._stored = {}
            for value in self._stored.values():
                register_secret(value)
        return self._stored

    @property
    def store_error(self) -> str | None:
        """Why the credential store could not be read, if it could not."""
        self._read_store()
        return self._store_error

    def get(self, name: str) -> str | None:
        if name in self._overrides:
            return self._overrides[name]
        value = self._env(name)
        if value is None:
            value = self._read_store().get(name) or None
        register_secret(value)
        return value

    def source(self, name: str) -> str:
        if name in self._overrides:
            return "memory"
        if self._env(name):
            return "env"
        return "keychain" if self._read_store().get(name) else "missing"

    def status(self) -> list[dict[str, Any]]:
        """Presence and source of each credential; never a value."""
        rows = []
        for field in self.spec.fields:
            source = self.source(field.name)
            rows.append({"name": field.name, "present": source != "missing", "source": source,
                         "env_var": field.env_var})
        return rows

    def save(self, values: Mapping[str, str]) -> None:
        """Merge ``values`` into the stored set under the lock; raises ConfigError without a store."""
        for value in values.values():
            register_secret(value)
        try:
            keyring = _keyring()
        except KeyringUnavailable as exc:
            raise ConfigError(f"cannot store credentials: {exc}", provider=self.provider, hint=NO_BACKEND_HINT) from None
        with _locked():
            raw = keyring.get_password(SERVICE, self.provider)
            current = json.loads(raw) if raw else {}
            current.update({k: v for k, v in values.items() if v})
            keyring.set_password(SERVICE, self.provider, json.dumps(current, sort_keys=True))
        self._stored = current

    def use_in_memory(self, values: Mapping[str, str]) -> None:
        """Use fresh credentials for this run only (when they could not be stored)."""
        for value in values.values():
            register_secret(value)
        self._overrides.update({k: v for k, v in values.items() if v})

    def delete(self) -> bool:
        """Remove the stored set; True if there was one."""
        try:
            keyring = _keyring()
        except KeyringUnavailable as exc:
            raise ConfigError(f"cannot reach the credential store: {exc}", provider=self.provider,
                              hint=NO_BACKEND_HINT) from None
        with _locked():
            if keyring.get_password(SERVICE, self.provider) is None:
                return False
            keyring.delete_password(SERVICE, self.provider)
        self._stored = {}
        return True
