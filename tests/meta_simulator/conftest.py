"""Fixtures of the Meta simulator tests: one in-process simulator per module, reset before each test."""

from __future__ import annotations

from simulator_harness import simulator_fixtures

from agent_ads_meta_simulator import Simulator

shared_sim, sim = simulator_fixtures(lambda: Simulator(report_polls=2))
