"""Running the real ``agent-ads`` in a fresh user's sandbox, for the Meta e2e tests and their conftest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_result import CliRun

from agent_ads_meta_simulator import ACCESS_TOKEN, AD_ACCOUNT_ID

AGENT_ADS = Path(sys.executable).with_name("agent-ads")


def sandbox_env(home: Path, sim_url: str, providers: str = "meta") -> dict[str, str]:
    """A fresh user's environment: XDG dirs and a file keyring under ``home``, the simulator as the API."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "DATA", "STATE")},
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "AGENT_ADS_PROVIDERS": providers,
        "META_ADS_API_BASE_URL": sim_url,
        "META_ADS_ACCESS_TOKEN": ACCESS_TOKEN,
        "META_ADS_DEFAULT_AD_ACCOUNT_ID": AD_ACCOUNT_ID,
    }


def run_agent_ads(argv: list[str], env: dict[str, str], cwd: Path, stdin: str | None = None) -> CliRun:
    done = subprocess.run([str(AGENT_ADS), *argv], env=env, cwd=cwd, input=stdin, capture_output=True, text=True,
                          timeout=120)
    return CliRun(done.returncode, done.stdout, done.stderr)
