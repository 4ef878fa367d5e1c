"""Deterministic pseudo-randomness keyed by strings.

Every seeded value in the simulator (statuses, names, metrics) is a pure function of
its key, so objects never need to be materialised or stored: the same
``(seed, kind, indices...)`` always yields the same value, in any process, on any run.
"""

from __future__ import annotations

import hashlib


def stable_int(*parts: object) -> int:
    """A 64-bit integer that depends only on ``parts`` (unlike ``hash()``, which is salted)."""
    key = "|".join(str(part) for part in parts).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def stable_unit(*parts: object) -> float:
    """A float in [0, 1) that depends only on ``parts``."""
    return stable_int(*parts) / 2**64
