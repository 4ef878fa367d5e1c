"""Resolve a provider's secrets: shell environment first, then the OS credential store.

Each provider's credential set is one keyring entry (service ``agent-ads``, user = the
provider name) holding JSON. Writes are read-modify-write under an exclusive file lock and
reads take the same lock shared, so a concurrent write (some backends truncate their file
before rewriting it) is never seen half done. keyring is imported only when some secret is
missing from the environment, and a machine without a usable backend degrades to env-only
instead of crashing.

Tokens rotate (a refresh invalidates the refresh token it used), which makes three promises
necessary, all kept by :meth:`CredentialStore.refresh`:

* a refresh runs only when its result can be stored: spending a refresh token whose
  successor cannot be kept locks the user out;
* refreshes are coordinated across processes: under the lock the store is re-read, and a
  token some other run already replaced is not refreshed again; the newer stored one is used;
* the rotated tokens are persisted before anything else happens, with SIGINT/SIGTERM held
  back meanwhile; if the store refuses the write they go to a 0600 recovery file in the
  state dir, which later runs use and move into the store.

Env values replaced by a refresh are remembered by fingerprint (a small non-secret state
file, so checking costs no keyring import) and skipped in favour of the stored successor.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from agent_ads_core import keyring_backend, state
from agent_ads_core.declarations import AuthSpec
from agent_ads_core.errors import ConfigError
from agent_ads_core.redaction import register_secret

SERVICE = "agent-ads"
NO_BACKEND_HINT = (
    "no usable OS credential store: set the provider's environment variables instead, run a Secret Service "
    "(e.g. gnome-keyring), or install keyrings.alt and set PYTHON_KEYRING_BACKEND"
)
# Human names of keyring backends, by class path; anything else is shown by its class path.
BACKEND_NAMES = {
    "keyring.backends.SecretService.Keyring": "SecretService",
    "keyring.backends.libsecret.Keyring": "libsecret",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
    "keyrings.alt.file.PlaintextKeyring": "keyrings.alt PlaintextKeyring",
    "keyrings.alt.file.EncryptedKeyring": "keyrings.alt EncryptedKeyring",
}
PLAINTEXT_BACKENDS = frozenset({"keyrings.alt.file.PlaintextKeyring"})
# Sources of a credential, as ``auth status`` reports them.
FROM_ENV, FROM_STORE, FROM_RECOVERY, MISSING = "env", "store", "recovery_file", "missing"


class KeyringUnavailable(Exception):
    """The credential store cannot be used on this machine."""


def resolve_backend() -> Any:
    """The keyring backend credentials live in, or :class:`KeyringUnavailable`.

    The one place that chooses the backend. keyring's full discovery probes every installed
    backend, so unless keyring's answer is already cheap (a backend chosen earlier in this
    process, e.g. by ``keyring.set_keyring``, or one named by ``PYTHON_KEYRING_BACKEND``) the
    backend remembered from an earlier run is used (:mod:`agent_ads_core.keyring_backend`).
    It becomes keyring's backend for the rest of the process, so every later call, and
    ``auth status``/``doctor``, see the backend actually used.
    """
    try:
        import keyring.core
        from keyring.backends import chainer, fail
    except Exception as exc:  # pragma: no cover - keyring is a dependency
        raise KeyringUnavailable(str(exc)) from None
    if keyring.core._keyring_backend is None and not os.environ.get(keyring_backend.BACKEND_ENV):
        keyring.core.set_keyring(keyring_backend.resolve())
    backend = keyring.core.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise KeyringUnavailable(f"backend {type(backend).__name__} is not usable")
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        raise KeyringUnavailable("no keyring backends available")
    return backend


def describe_backend(backend: Any) -> tuple[str, bool]:
    """``(name, plaintext)`` of the backend that receives writes (the first of a chain)."""
    from keyring.backends import chainer

    target = backend.backends[0] if isinstance(backend, chainer.ChainerBackend) else backend
    path = f"{type(target).__module__}.{type(target).__qualname__}"
    return BACKEND_NAMES.get(path, path), path in PLAINTEXT_BACKENDS


def _superseded_path() -> Path:
    return state.state_dir() / "superseded.json"


def recovery_path(provider: str) -> Path:
    """Where rotated credentials go when the store refuses them."""
    return state.state_dir() / f"recovered-{provider}.json"


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class _FileLock:
    """One process-wide lock on the state dir's ``credentials.lock``: re-entrant, shared or exclusive.

    flock excludes other processes; the thread lock keeps this process's threads (and a
    nested acquisition, which flock on a second descriptor would deadlock on) in order.
    """

    def __init__(self) -> None:
        self._mutex = threading.RLock()
        self._handle: Any = None
        self._depth = 0
        self._exclusive = False

    @contextmanager
    def __call__(self, exclusive: bool) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: keyring itself serialises writes
            fcntl = None
        with self._mutex:
            if self._depth == 0:
                path = state.state_dir() / "credentials.lock"
                path.parent.mkdir(parents=True, exist_ok=True)
                self._handle = open(path, "a+")  # held across nested acquisitions
            if fcntl and (self._depth == 0 or (exclusive and not self._exclusive)):
                fcntl.flock(self._handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
                self._exclusive = exclusive
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    if fcntl:
                        fcntl.flock(self._handle, fcntl.LOCK_UN)
                    self._handle.close()
                    self._handle, self._exclusive = None, False


_locked = _FileLock()


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back (they stay pending and arrive afterwards) so a rotation is not lost midway."""
    import signal

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, atomically (the temp file is 0600 from birth)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class CredentialStore:
    """One provider's credential set, as declared by its :class:`AuthSpec`."""

    def __init__(self, spec: AuthSpec, environ: Mapping[str, str] | None = None,
                 warn: Callable[[str], None] | None = None) -> None:
        self.spec = spec
        self.environ = os.environ if environ is None else environ
        self._warn = warn or (lambda message: None)
        self._warned: set[str] = set()
        self._stored: dict[str, str] | None = None
        self._recovered: dict[str, str] = {}
        self._store_error: str | None = None
        self._superseded: dict[str, list[str]] | None = None

    @property
    def provider(self) -> str:
        return self.spec.provider

    def env_var(self, name: str) -> str:
        return next(f.env_var for f in self.spec.fields if f.name == name)

    def _raw_env(self, name: str) -> str | None:
        """The env value with surrounding whitespace dropped (a pasted token often ends in a newline)."""
        value = (self.environ.get(self.env_var(name)) or "").strip()
        return value or None

    # -- superseded env values ---------------------------------------------------------
    def _superseded_fingerprints(self) -> dict[str, list[str]]:
        if self._superseded is None:
            try:
                data = json.loads(_superseded_path().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            self._superseded = data.get(self.provider, {}) if isinstance(data, dict) else {}
        return self._superseded

    def _is_superseded(self, name: str, value: str | None) -> bool:
        return value is not None and _fingerprint(value) in self._superseded_fingerprints().get(name, [])

    def env_superseded(self, name: str) -> bool:
        """True when the env value is one agent-ads already replaced by refreshing it."""
        return self._is_superseded(name, self._raw_env(name))

    def _env(self, name: str) -> str | None:
        if self.env_superseded(name) and self._read_store().get(name):
            self._warn_superseded(name)
            return None
        return self._raw_env(name)

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

    # -- reading -----------------------------------------------------------------------
    def _fetch(self, backend: Any) -> dict[str, str]:
        raw = backend.get_password(SERVICE, self.provider)
        return json.loads(raw) if raw else {}

    def _read_recovery(self) -> dict[str, str]:
        try:
            data = json.loads(recovery_path(self.provider).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        values = data.get("credentials") if isinstance(data, dict) else None
        return {k: v for k, v in values.items() if isinstance(v, str) and v} if isinstance(values, dict) else {}

    def _read_store(self) -> dict[str, str]:
        """The stored set with any recovered values over it (cached for the run)."""
        if self._stored is None:
            self._store_error = None
            try:
                backend = resolve_backend()
                with _locked(exclusive=False):
                    self._stored = self._fetch(backend)
                    self._recovered = self._read_recovery()
            except KeyringUnavailable as exc:
                self._store_error = str(exc)
                self._stored, self._recovered = {}, self._read_recovery()
            except Exception as exc:  # a broken backend must not break env-only use
                self._store_error = f"{type(exc).__name__}: {exc}"
                keyring_backend.forget()  # the next run asks keyring's discovery afresh
                self._stored, self._recovered = {}, self._read_recovery()
            for value in (*self._stored.values(), *self._recovered.values()):
                register_secret(value)
            if self._recovered and self._store_error is None:
                self._import_recovery()
        return {**self._stored, **self._recovered}

    def _import_recovery(self) -> None:
        """Move recovered credentials into the store now that it answers; keep the file if it still refuses."""
        path = recovery_path(self.provider)
        try:
            with self._writing("import recovered credentials") as backend:
                if self._read_recovery() != self._recovered:
                    return  # another run replaced or imported it meanwhile; it is theirs to finish
                current = self._fetch(backend)
                current.update(self._recovered)
                backend.set_password(SERVICE, self.provider, json.dumps(current, sort_keys=True))
                path.unlink()
        except ConfigError as exc:
            self._warn(f"credentials recovered in {path} are used for this run; moving them into the credential "
                       f"store failed again: {exc.message}")
            return
        self._stored, self._recovered = current, {}
        self._warn(f"moved refreshed credentials from {path} into the credential store")

    @property
    def store_error(self) -> str | None:
        """Why the credential store could not be read, if it could not."""
        self._read_store()
        return self._store_error

    def get(self, name: str) -> str | None:
        value = self._env(name)
        if value is None:
            value = self._read_store().get(name) or None
        register_secret(value)
        return value

    def source(self, name: str) -> str:
        if self._env(name):
            return FROM_ENV
        if not self._read_store().get(name):
            return MISSING
        return FROM_RECOVERY if name in self._recovered else FROM_STORE

    def status(self) -> list[dict[str, Any]]:
        """Presence and source of each credential; never a value."""
        rows = []
        for field in self.spec.fields:
            source = self.source(field.name)
            row = {"name": field.name, "present": source != MISSING, "source": source, "env_var": field.env_var}
            if field.optional:
                row["optional"] = True
            if self._raw_env(field.name) and source != FROM_ENV:
                row["env_superseded"] = True
            rows.append(row)
        return rows

    def store_info(self) -> dict[str, Any]:
        """Which backend holds the credentials, whether it works and whether it is a plaintext file."""
        info: dict[str, Any] = {"available": self.store_error is None, "error": self.store_error}
        try:
            info["backend"], info["plaintext"] = describe_backend(resolve_backend())
        except KeyringUnavailable:
            info["backend"], info["plaintext"] = None, False
        if self._recovered:
            info["recovery_file"] = str(recovery_path(self.provider))
        return info

    # -- writing -----------------------------------------------------------------------
    def save(self, values: Mapping[str, str], replaced: Mapping[str, str] | None = None) -> None:
        """Merge ``values`` into the stored set under the lock; raises ConfigError without a store.

        ``replaced`` maps names to the values a refresh made obsolete, so that an env var
        still holding one of them is skipped from now on.
        """
        values = {k: v.strip() for k, v in values.items() if v and v.strip()}
        for value in values.values():
            register_secret(value)
        with self._writing("store credentials") as backend:
            current = self._fetch(backend)
            current.update(values)
            backend.set_password(SERVICE, self.provider, json.dumps(current, sort_keys=True))
            if replaced:
                self._remember_superseded(replaced)
        self._stored = current
        self._recovered = {k: v for k, v in self._recovered.items() if k not in values}
        for name, old in (replaced or {}).items():
            if old and self._raw_env(name) == old:
                self._warn_superseded(name)

    @contextmanager
    def _writing(self, action: str) -> Iterator[Any]:
        """The backend, under the exclusive lock; a missing or failing store becomes a config error (exit 2).

        Backends can fail long after they were chosen (a locked keychain, a D-Bus session
        gone), so failures inside the block are reported the same way as a missing store.
        """
        try:
            backend = resolve_backend()
        except KeyringUnavailable as exc:
            raise ConfigError(f"cannot {action}: {exc}", provider=self.provider, hint=NO_BACKEND_HINT) from None
        with _locked(exclusive=True):
            try:
                yield backend
            except ConfigError:
                raise
            except Exception as exc:
                raise ConfigError(f"cannot {action}: the credential store failed: {type(exc).__name__}: {exc}",
                                  provider=self.provider, hint=NO_BACKEND_HINT) from None

    def delete(self) -> bool:
        """Remove the stored set (and any recovery file); True if there was one."""
        with self._writing("delete credentials") as backend:
            existed = backend.get_password(SERVICE, self.provider) is not None
            if existed:
                backend.delete_password(SERVICE, self.provider)
            path = recovery_path(self.provider)
            if path.exists():
                path.unlink()
                existed = True
        self._stored, self._recovered = {}, {}
        return existed

    # -- refreshing --------------------------------------------------------------------
    def refresh_blocker(self) -> str | None:
        """Why a refresh must not run here (its rotated result could not be kept), or None."""
        if self.store_error is not None:
            return f"no usable credential store to keep the rotated tokens in ({self.store_error})"
        return None

    def refresh(self, exchange: Callable[[dict[str, str]], Mapping[str, str]]) -> bool:
        """Refresh once across every agent-ads process; True if this run refreshed, False if it adopted.

        ``exchange(held)`` sends the credentials this run holds to the provider and returns
        the new values to store; it runs under the exclusive lock, after the store was
        re-read, and only if no other run has already replaced what this run holds (then the
        newer stored values are adopted instead and nothing is sent). SIGINT/SIGTERM are held
        from the request until the result is persisted.
        """
        blocker = self.refresh_blocker()
        if blocker is not None:
            raise ConfigError(f"cannot refresh: {blocker}", provider=self.provider, hint=NO_BACKEND_HINT)
        held = {f.name: value for f in self.spec.fields if (value := self.get(f.name))}
        with _locked(exclusive=True):
            self._stored, self._superseded = None, None  # re-read both: another run may have refreshed
            fresh = self._read_store()
            if any(self._is_superseded(name, value) and fresh.get(name) not in (None, value)
                   for name, value in held.items()):
                return False
            with _signals_held():
                new = {k: v.strip() for k, v in exchange(dict(held)).items() if v and v.strip()}
                self._persist(new, replaced={k: held[k] for k in new if held.get(k) and held[k] != new[k]})
        return True

    def _persist(self, new: dict[str, str], replaced: dict[str, str]) -> None:
        """Store rotated values; if the store refuses them, keep them in the 0600 recovery file and say where."""
        try:
            self.save(new, replaced=replaced)
            return
        except ConfigError as exc:
            failure = exc.message
        path = recovery_path(self.provider)
        for value in new.values():
            register_secret(value)
        try:
            kept = {**self._read_recovery(), **new}
            _write_private(path, json.dumps({"provider": self.provider, "credentials": kept}, sort_keys=True))
            self._remember_superseded(replaced)
        except OSError as exc:
            raise ConfigError(f"refreshed credentials could not be stored ({failure}) nor written to {path} "
                              f"({type(exc).__name__}); the old refresh token no longer works",
                              provider=self.provider, hint="re-authorise and run 'auth set' again") from None
        self._recovered = kept
        raise ConfigError(
            f"refreshed credentials could not be stored ({failure}); they were written to {path} (mode 0600)",
            provider=self.provider,
            hint=f"'agent-ads {self.provider} auth status' shows them; later runs use them and move them into the "
                 "credential store once it accepts writes again",
        )
