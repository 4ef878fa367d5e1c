"""Shared fixtures for the simulator tests: one in-process simulator per module, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from simulator_harness import simulator_fixtures

from agent_ads_pinterest_simulator import Simulator

shared_sim, sim = simulator_fixtures(lambda: Simulator(report_polls=2))


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session
