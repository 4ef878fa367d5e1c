"""Meta end-to-end harness: the real ``agent-ads`` process against the Meta simulator.

One simulator per session, reset before each test; each test ends by asserting the
simulator found nothing in our requests that Meta's description rejects (unless marked
``expect_violations``). Credentials come from env vars or a file keyring under the
test's temp dir, never the real keychain.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_result import CliRun

from agent_ads_meta_simulator import ACCESS_TOKEN, AD_ACCOUNT_ID, Simulator

AGENT_ADS = Path(sys.executable).with_name("agent-ads")
MetaCli = Callable[..., CliRun]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expect_violations: the test sends what Meta's description rejects on purpose")


@pytest.fixture(scope="session")
def meta_sim() -> Simulator:
    sim = Simulator(report_polls=2).start()
    yield sim
    sim.stop()


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


@pytest.fixture
def meta(tmp_path: Path, meta_sim: Simulator, request: pytest.FixtureRequest) -> MetaCli:
    """``meta("campaigns", "list", env={...}, stdin=...)`` runs ``agent-ads meta campaigns list``."""
    meta_sim.reset()
    base = sandbox_env(tmp_path, meta_sim.url)

    def run(*argv: str, env: dict[str, str | None] | None = None, stdin: str | None = None) -> CliRun:
        full = {**base, **(env or {})}
        return run_agent_ads(["meta", *argv], {k: v for k, v in full.items() if v is not None}, tmp_path, stdin)

    yield run
    if request.node.get_closest_marker("expect_violations") is None:
        assert meta_sim.violations() == [], "the simulator found requests Meta's description rejects"
