"""Fixtures for Pinterest unit tests: run the CLI in-process against a mocked API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import responses
from cli_runner import CliRun, run_in_process

API_BASE_URL = "https://api.test"


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Callable[..., CliRun]:
    """``run_cli("pinterest", ...)`` with a test token, the base URL https://api.test and no user config."""
    monkeypatch.chdir(tmp_path)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path))
    for name in ("AGENT_ADS_CONFIG", "PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID", "PINTEREST_ADS_SANDBOX",
                 "PINTEREST_ADS_API_VERSION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AGENT_ADS_PROVIDERS", "pinterest")
    monkeypatch.setenv("PINTEREST_ADS_ACCESS_TOKEN", "test-access-token")
    monkeypatch.setenv("PINTEREST_ADS_API_BASE_URL", API_BASE_URL)

    def run(*argv: str) -> CliRun:
        return run_in_process(argv)

    return run


@pytest.fixture
def mocked_api() -> Iterator[responses.RequestsMock]:
    """Every HTTP request must match a registered response; unmatched ones raise."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock
