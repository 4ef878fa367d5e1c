"""End-to-end harness: the real ``agent-ads`` process against the Pinterest simulator.

One simulator serves the whole session (reset before each test); every test ends by
asserting the simulator recorded no request that Pinterest's OpenAPI description
rejects, unless it is marked ``expect_violations``. Credentials live in env vars or in
a file keyring inside the test's temp dir: the real keychain is never touched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_runner import CliRun, run_process

from agent_ads_pinterest_simulator import Simulator

ACCOUNT = "549755885175"
DEMO_CREDENTIALS = {
    "PINTEREST_ADS_APP_ID": "demo-app-id",
    "PINTEREST_ADS_APP_SECRET": "demo-app-secret",
    "PINTEREST_ADS_ACCESS_TOKEN": "demo-access-token",
    "PINTEREST_ADS_REFRESH_TOKEN": "demo-refresh-token",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expect_violations: the test sends requests the spec rejects on purpose")


@pytest.fixture(scope="session")
def simulator() -> Simulator:
    sim = Simulator(report_polls=2).start()
    yield sim
    sim.stop()


class Cli:
    """Runs ``agent-ads`` as a subprocess with an isolated environment (``env`` values of None unset a variable)."""

    def __init__(self, tmp_path: Path, simulator: Simulator) -> None:
        self.tmp_path = tmp_path
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path / "home"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "PINTEREST_ADS_API_BASE_URL": simulator.url,
            "AGENT_ADS_PROVIDERS": "pinterest",
            **DEMO_CREDENTIALS,
        }

    def __call__(self, *args: str, stdin: str | None = None, env: dict[str, str | None] | None = None,
                 timeout: float = 60) -> CliRun:
        return run_process(args, {**self.env, **(env or {})}, stdin=stdin, timeout=timeout, cwd=self.tmp_path)


@pytest.fixture
def cli(tmp_path: Path, simulator: Simulator, request: pytest.FixtureRequest) -> Cli:
    simulator.reset()
    yield Cli(tmp_path, simulator)
    if request.node.get_closest_marker("expect_violations") is None:
        assert simulator.violations() == [], "the simulator recorded requests the OpenAPI description rejects"
