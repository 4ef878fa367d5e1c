"""Fixtures of the Meta simulator tests: one in-process simulator per module, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agent_ads_meta_simulator import Simulator


@pytest.fixture(scope="module")
def shared_sim() -> Iterator[Simulator]:
    with Simulator(report_polls=2) as sim:
        yield sim


@pytest.fixture
def sim(shared_sim: Simulator) -> Simulator:
    shared_sim.reset()
    return shared_sim
