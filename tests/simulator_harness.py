"""What the simulator test folders (``simulator/``, ``meta_simulator/``, ``simulator_kit/``) share.

Importable from every test directory: pytest puts ``tests/`` on the path for its conftest.
"""

from __future__ import annotations

import json
import socket
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import pytest


class Resettable(Protocol):
    def __enter__(self) -> Any: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def reset(self) -> None: ...


SimT = TypeVar("SimT", bound=Resettable)


def simulator_fixtures(build: Callable[[], SimT]) -> tuple[Any, Any]:
    """``shared_sim`` (one started simulator per test module) and ``sim`` (it, reset before each test).

    Starting a simulator loads its API description, so a module shares one; resetting between
    tests keeps them independent. Assign both in a conftest: ``shared_sim, sim = simulator_fixtures(...)``.
    """

    @pytest.fixture(scope="module")
    def shared_sim() -> Iterator[SimT]:
        with build() as started:
            yield started

    @pytest.fixture
    def sim(shared_sim: SimT) -> SimT:
        shared_sim.reset()
        return shared_sim

    return shared_sim, sim


@contextmanager
def running(*argv: str) -> Iterator[tuple[subprocess.Popen[str], dict[str, Any]]]:
    """Run ``python <argv>`` (e.g. ``-m agent_ads_meta_simulator --seed 7``) and yield it with its JSON line.

    The process is killed on the way out if the test did not stop it.
    """
    process = subprocess.Popen(
        [sys.executable, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line, process.stderr.read() if process.stderr else "no output"
        yield process, json.loads(line)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def reset_connections(port: int, path: str, times: int = 3) -> None:
    """Start a request to ``path`` on 127.0.0.1:``port``, headers cut short, and reset the connection.

    Linger 0 makes ``close()`` send a reset rather than a polite FIN: what a killed client does.
    """
    for _ in range(times):
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n".encode())
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
