"""Meta end-to-end harness: the real ``agent-ads`` process against the Meta simulator.

One simulator per session, reset before each test; each test ends by asserting the
simulator found nothing in our requests that Meta's description rejects (unless marked
``expect_violations``). Credentials come from env vars or a file keyring under the
test's temp dir, never the real keychain.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runner import CliRun, run_process
from meta_cli import sandbox_env

from agent_ads_meta_simulator import Simulator

MetaCli = Callable[..., CliRun]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expect_violations: the test sends what Meta's description rejects on purpose")


@pytest.fixture(scope="session")
def meta_sim() -> Simulator:
    sim = Simulator(report_polls=2).start()
    yield sim
    sim.stop()


@pytest.fixture
def meta(tmp_path: Path, meta_sim: Simulator, request: pytest.FixtureRequest) -> MetaCli:
    """``meta("campaigns", "list", env={...}, stdin=...)`` runs ``agent-ads meta campaigns list``."""
    meta_sim.reset()
    base = sandbox_env(tmp_path, meta_sim.url)

    def run(*argv: str, env: dict[str, str | None] | None = None, stdin: str | None = None) -> CliRun:
        return run_process(["meta", *argv], {**base, **(env or {})}, cwd=tmp_path, stdin=stdin, timeout=120)

    yield run
    if request.node.get_closest_marker("expect_violations") is None:
        assert meta_sim.violations() == [], "the simulator found requests Meta's description rejects"
