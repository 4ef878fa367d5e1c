"""A fresh user's sandbox for running the real ``agent-ads`` (``cli_runner.run_process``) in the Meta e2e tests."""

from __future__ import annotations

import os
from pathlib import Path

from agent_ads_meta_simulator import ACCESS_TOKEN, AD_ACCOUNT_ID


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
