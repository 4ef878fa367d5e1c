"""Resolve a provider's secrets: shell environment first, then the OS credential store.

Each provider's credential set is one keyring entry (service ``agent-ads``, user = the
provider name) holding JSON, updated read-modify-write under a file lock so concurrent
runs (an agent running commands in parallel while one refreshes a token) lose nothing.
keyring is imported only when some secret is missing from the environment, and a machine
without a usable backend degrades to env-only instead of crashing.

Tokens rotate: when agent-ads refreshes a credential that came from the environment, the
environment still holds the old, now dead, value. The store remembers a hash of each value
it replaced (in a small non-secret state file, so checking costs no keyring import) and
skips such an env value in favour of the stored one, with a warning, instead of sending a
token it knows is revoked.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from agent_ads_core.declarations import AuthSpec
from agent_ads_core.errors import ConfigError
from agent_ads_core.redaction import register_secret

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


def _state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "agent-ads"


def _lock_path() -> Path:
    return _state_dir() / "credentials.lock"


def _superseded_path() -> Path:
    return _state_dir() / "superseded.json"


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


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

    def __init__(self, spec: AuthSpec, environ: Mapping[str, str] | None = None,
                 warn: Callable[[str], None] | None = None) -> None:
        self.spec = spec
        self.environ = os.environ if environ is None else environ
        self._warn = warn or (lambda message: None)
        self._warned: set[str] = set()
        self._stored: dict[str, str] | None = None
        self._store_error: str | None = None
        self._overrides: dict[str, str] = {}
        self._superseded: dict[str, list[str]] | None = None

    @property
    def provider(self) -> str:
        return self.spec.provider

    def env_var(self, name: str) -> str:
        return next(f.env_var for f in self.spec.fields if f.name == name)

    def _raw_env(self, name: str) -> str | None:
        return self.environ.get(self.env_var(name)) or None

    def _superseded_fingerprints(self) -> dict[str, list[str]]:
        if self._superseded is None:
            try:
                data = json.loads(_superseded_path().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            self._superseded = data.get(self.provider, {}) if isinstance(data, dict) else {}
        return self._superseded

    def env_superseded(self, name: str) -> bool:
        """True when the env value is one agent-ads already replaced by refreshing it."""
        value = self._raw_env(name)
        return value is not None and _fingerprint(value) in self._superseded_fingerprints().get(name, [])

    def _env(self, name: str) -> str | None:
        if self.env_superseded(name) and self._read_store().get(name):
            self._warn_superseded(name)
            return None
        return self._raw_env(name)

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
            row = {"name": field.name, "present": source != "missing", "source": source, "env_var": field.env_var}
            if self._raw_env(field.name) and source != "env":
                row["env_superseded"] = True
            rows.append(row)
        return rows

    def save(self, values: Mapping[str, str], replaced: Mapping[str, str] | None = None) -> None:
        """Merge ``values`` into the stored set under the lock; raises ConfigError without a store.

        ``replaced`` maps names to the values a refresh made obsolete, so that an env var
        still holding one of them is skipped from now on.
        """
        for value in values.values():
            register_secret(value)
        with self._writing("store credentials") as keyring:
            raw = keyring.get_password(SERVICE, self.provider)
            current = json.loads(raw) if raw else {}
            current.update({k: v for k, v in values.items() if v})
            keyring.set_password(SERVICE, self.provider, json.dumps(current, sort_keys=True))
            if replaced:
                self._remember_superseded(replaced)
        self._stored = current
        for name, old in (replaced or {}).items():
            if old and self._raw_env(name) == old:
                self._warn_superseded(name)

    def _warn_superseded(self, name: str) -> None:
        if name not in self._warned:
            self._warned.add(name)
            env_var = self.env_var(name)
            self._warn(f"{env_var} holds a value agent-ads refreshed and replaced; the newer one in the credential "
                       f"store is used instead (update or unset {env_var})")

    def _remember_superseded(self, replaced: Mapping[str, str]) -> None:
        path = _superseded_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        mine = data.setdefault(self.provider, {})
        for name, value in replaced.items():
            if value:
                mine[name] = [*mine.get(name, []), _fingerprint(value)][-20:]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
        self._superseded = mine

    def use_in_memory(self, values: Mapping[str, str]) -> None:
        """Use fresh credentials for this run only (when they could not be stored)."""
        for value in values.values():
            register_secret(value)
        self._overrides.update({k: v for k, v in values.items() if v})

    @contextmanager
    def _writing(self, action: str) -> Iterator[Any]:
        """The keyring, under the lock; a missing or failing store becomes a config error (exit 2).

        Backends can fail long after they were chosen (a locked keychain, a D-Bus session
        gone), so failures inside the block are reported the same way as a missing store.
        """
        try:
            keyring = _keyring()
        except KeyringUnavailable as exc:
            raise ConfigError(f"cannot {action}: {exc}", provider=self.provider, hint=NO_BACKEND_HINT) from None
        with _locked():
            try:
                yield keyring
            except Exception as exc:
                raise ConfigError(f"cannot {action}: the credential store failed: {type(exc).__name__}: {exc}",
                                  provider=self.provider, hint=NO_BACKEND_HINT) from None

    def delete(self) -> bool:
        """Remove the stored set; True if there was one."""
        with self._writing("delete credentials") as keyring:
            if keyring.get_password(SERVICE, self.provider) is None:
                return False
            keyring.delete_password(SERVICE, self.provider)
        self._stored = {}
        return True
