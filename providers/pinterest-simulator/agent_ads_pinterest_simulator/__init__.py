"""A local Pinterest Ads API v5 simulator for end-to-end tests, benchmarks and ``make demo``.

It is an independent oracle: it imports nothing from ``agent_ads_core`` or the provider,
checks every request against Pinterest's official OpenAPI description, and serves
deterministic seeded data. See :class:`Simulator` for the Python API, ``python -m
agent_ads_pinterest_simulator --help`` for the CLI, :mod:`.auth` for the demo
credentials, :mod:`.data` for the seeded ids and :mod:`.faults` for injectable failures.
"""

from .server import Simulator
from .tokens import Credentials

__all__ = ["Credentials", "Simulator"]
