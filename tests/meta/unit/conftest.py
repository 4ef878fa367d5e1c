"""Meta unit tests: the CLI in-process against ``responses``; nothing leaves the machine."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
import responses
from cli_result import CliRun

from agent_ads_core.app import AgentAdsApp

GRAPH = "https://graph.test"
TOKEN = "unit-meta-token-0123"
SECRET = "unit-meta-app-secret"


@pytest.fixture
def meta(isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliRun]:
    """``meta("campaigns", "list", ...)`` runs ``agent-ads meta ...`` with a test token against GRAPH."""
    monkeypatch.setenv("AGENT_ADS_PROVIDERS", "meta")
    monkeypatch.setenv("META_ADS_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("META_ADS_API_BASE_URL", GRAPH)
    monkeypatch.setenv("META_ADS_DEFAULT_AD_ACCOUNT_ID", "42")

    def run(*argv: str) -> CliRun:
        out, err = io.StringIO(), io.StringIO()
        code = AgentAdsApp(stdout=out, stderr=err).run(["meta", *argv])
        return CliRun(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def graph() -> responses.RequestsMock:
    """Every request must match a registered answer; an unmatched one fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def page(data: list, after: str | None = None, more: bool = False) -> dict:
    """A Graph list answer; ``more`` adds ``paging.next`` (the only sign that more follows)."""
    paging: dict = {"cursors": {"before": "b", "after": after or "end"}}
    if more:
        paging["next"] = f"{GRAPH}/v26.0/next?after={after}"
    return {"data": data, "paging": paging}
