"""Meta unit tests: the CLI in-process against ``responses``; nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import responses
from cli_runner import CliRun, run_in_process
from meta_graph_fakes import GRAPH, TOKEN


@pytest.fixture
def meta(isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliRun]:
    """``meta("campaigns", "list", ...)`` runs ``agent-ads meta ...`` with a test token against GRAPH."""
    monkeypatch.setenv("AGENT_ADS_PROVIDERS", "meta")
    monkeypatch.setenv("META_ADS_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("META_ADS_API_BASE_URL", GRAPH)
    monkeypatch.setenv("META_ADS_DEFAULT_AD_ACCOUNT_ID", "42")

    def run(*argv: str) -> CliRun:
        return run_in_process(["meta", *argv])

    return run


@pytest.fixture
def graph() -> responses.RequestsMock:
    """Every request must match a registered answer; an unmatched one fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock
