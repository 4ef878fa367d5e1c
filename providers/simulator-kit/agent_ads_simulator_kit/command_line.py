"""The ``python -m <simulator>`` runner every simulator shares.

A parent process (tests, demos, benchmarks) starts a simulator, reads exactly one JSON line
``{"url": ..., "port": ...}`` from its stdout to learn where it listens, and stops it with
SIGTERM or SIGINT (exit 0). Nothing else is ever written to stdout. A bad address (a host that is
not loopback, a port outside 0-65535) is an argument error: one ``error:`` line on stderr, exit 2,
nothing bound. A simulator that cannot start (port taken, unreadable API description) exits 1.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

from .http_server import BackgroundServer, check_address

ARGUMENT_ERROR = 2
START_FAILED = 1


def simulator_parser(prog: str, description: str | None) -> argparse.ArgumentParser:
    """A parser with the options every simulator has (``--host``, ``--port``, ``--seed``); it adds its own."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data (default 0)")
    return parser


def run(
    args: argparse.Namespace,
    build: Callable[[argparse.Namespace], BackgroundServer],
    start_errors: tuple[type[Exception], ...] = (),
) -> int:
    """Check ``args.host``/``args.port``, build and start the server, print where it is, serve until SIGTERM/SIGINT.

    ``start_errors`` are the simulator's own exceptions that mean "cannot start" (besides
    ``OSError`` and ``ValueError``); they exit 1 with one line instead of a traceback.
    """
    try:
        check_address(args.host, args.port, ("--host", "--port"))
    except ValueError as error:
        return _fail(error, ARGUMENT_ERROR)
    try:
        server = build(args).start()
    except (OSError, ValueError, *start_errors) as error:
        return _fail(error, START_FAILED)
    stopping = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = {number: signal.signal(number, _stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        print(json.dumps({"url": server.url, "port": server.port}), flush=True)
        stopping.wait()
    finally:
        server.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)
    return 0


def _fail(error: Exception, code: int) -> int:
    print(f"error: {error}", file=sys.stderr)
    return code
