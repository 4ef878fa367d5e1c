"""The credential store's backend, remembered between runs so reading a secret stays cheap.

keyring finds its backend by importing and probing every installed one on each run (on
Linux it even starts a process looking for the macOS library): about twice the cost of
the whole rest of a data command. The backend it chose is remembered in the state dir,
keyed by what could change the choice (keyring's version, ``PYTHON_KEYRING_BACKEND``, the
interpreter's environment, keyring's own config file), and later runs instantiate that
class directly. Anything unexpected (the key changed, the class is gone, fails to start
or says it is not viable here, e.g. no D-Bus session for the Secret Service) falls back to
keyring's full discovery, whose answer is remembered anew. A chain (keyring's answer when
several backends are usable, e.g. the Secret Service and a keyrings.alt file) is
remembered as its members in order and rebuilt from them; the fail backend and other
unusable answers are never remembered.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from agent_ads_core import state

STATE_FILE = "keyring-backend.json"
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"
_NOT_REMEMBERED = ("keyring.backends.chainer", "keyring.backends.fail")


def resolve() -> Any:
    """The backend to use: the remembered one when it still loads, else keyring's discovery."""
    key = _key()
    remembered = state.read_json(STATE_FILE)
    if key is not None and isinstance(remembered, dict) and remembered.get("key") == key:
        backend = _instantiate(remembered.get("backend"))
        if backend is not None:
            return backend
    backend = discover()
    name = _name(backend)
    if key is not None and name is not None:
        state.write_json(STATE_FILE, {"key": key, "backend": name})
    return backend


def discover() -> Any:
    """keyring's own choice (environment, its config file, then every installed backend by priority)."""
    import keyring.core

    keyring.core.init_backend()  # keyring keeps its first answer per process; ask afresh
    return keyring.core.get_keyring()


def forget() -> None:
    """Drop the remembered backend (e.g. after it failed at use), so the next run discovers again."""
    state.write_json(STATE_FILE, None)


def _key() -> list[Any] | None:
    try:
        version = metadata.version("keyring")
    except metadata.PackageNotFoundError:
        return None
    return [version, os.environ.get(BACKEND_ENV), sys.prefix, _config_stamp()]


def _config_stamp() -> list[int] | None:
    """keyring's config file (``keyringrc.cfg``) can name a backend too: editing it must count."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    try:
        stat = (Path(base) / "python_keyring" / "keyringrc.cfg").stat()
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_size]


def _name(backend: Any) -> str | list[str] | None:
    """``"module:Class"``, or a chain's members in order; None for what must not be remembered."""
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        members = [_member_name(member) for member in backend.backends]
        return members if len(members) > 1 and None not in members else None  # type: ignore[return-value]
    return _member_name(backend)


def _member_name(backend: Any) -> str | None:
    cls = type(backend)
    if cls.__module__.startswith(_NOT_REMEMBERED) or getattr(backend, "priority", 1) <= 0:
        return None
    return f"{cls.__module__}:{cls.__qualname__}"


def _instantiate(name: Any) -> Any:
    if isinstance(name, list):
        members = [_instantiate_member(member) for member in name]
        return _remembered_chain()(members) if len(members) > 1 and None not in members else None
    return _instantiate_member(name)


@functools.cache
def _remembered_chain() -> type:
    """keyring's chainer over members given to it: its own ``backends`` rediscovers them on each use."""
    from keyring.backends import chainer

    class RememberedChain(chainer.ChainerBackend):
        priority = 10  # what keyring's chainer reports for two or more members
        viable = False  # never a candidate in keyring's own discovery

        def __init__(self, members: list[Any]) -> None:
            super().__init__()
            self.members = members

        @property
        def backends(self) -> list[Any]:  # type: ignore[override]
            return self.members

    return RememberedChain


def _instantiate_member(name: Any) -> Any:
    if not isinstance(name, str) or ":" not in name:
        return None
    module_name, _, class_name = name.partition(":")
    try:
        from keyring.backend import KeyringBackend

        cls = getattr(importlib.import_module(module_name), class_name)
        # keyring's own load_keyring checks viability the same way (the Secret Service asks D-Bus)
        backend = cls() if cls.priority > 0 else None
    except Exception:  # noqa: BLE001 - any failure means: discover instead
        return None
    return backend if isinstance(backend, KeyringBackend) else None
