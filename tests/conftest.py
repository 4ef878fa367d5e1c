"""Fixtures shared by every test directory."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from secret_service import MARKER, SecretServiceReport, secret_service_env  # noqa: F401 - a fixture


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: runs against a real Secret Service (gnome-keyring over D-Bus)")
    config.pluginmanager.register(SecretServiceReport(), "secret-service-report")


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Run as a fresh user: XDG dirs and a file keyring under ``tmp_path``, cwd = ``tmp_path``.

    The real keychain, the user's config file and any provider credentials in the caller's
    shell must never leak into a test, in-process or in a subprocess (use the returned
    copy of the environment for those).
    """
    for name in ("config", "data", "state"):
        (tmp_path / "xdg" / name).mkdir(parents=True)
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(tmp_path / "xdg" / name))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    for var in list(os.environ):
        if var.startswith(("AGENT_ADS_", "PINTEREST_ADS_", "META_ADS_", "ACME_")):
            monkeypatch.delenv(var)
    monkeypatch.chdir(tmp_path)
    if "keyring" in sys.modules:  # keyring caches its backend per process
        import keyring.core

        keyring.core.init_backend()
    yield dict(os.environ)
    if "keyring" in sys.modules:
        from keyring.backends import fail

        sys.modules["keyring"].set_keyring(fail.Keyring())
