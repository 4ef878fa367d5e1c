"""``python -m agent_ads_pinterest_simulator``: run the simulator until SIGTERM/SIGINT.

Once listening it prints exactly one JSON line, ``{"url": ..., "port": ...}``, to stdout
so a parent process (tests, ``make demo``, benchmarks) can read where it is; nothing
else is ever written to stdout.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from .server import Simulator, is_loopback


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0..65535, got {port}")
    return port


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m agent_ads_pinterest_simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument("--spec", default=None,
                        help="Pinterest OpenAPI JSON (default: $AGENT_ADS_PINTEREST_OPENAPI, else "
                             "shared/pinterest/openapi.json in the nearest ancestor of the working directory "
                             "or of this package)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data (default 0)")
    parser.add_argument("--accounts", type=int, default=3, help="number of ad accounts (default 3)")
    parser.add_argument("--campaigns", type=int, default=300, help="campaigns per ad account (default 300)")
    parser.add_argument(
        "--report-polls", type=int, default=2, help="IN_PROGRESS polls before a report finishes (default 2)"
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, metavar="SECONDS",
        help="delay every API and file answer by this long, like a network round trip (default 0)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not is_loopback(args.host):
        print(f"error: refusing to bind {args.host!r}; the simulator only listens on loopback", file=sys.stderr)
        return 2
    try:
        simulator = Simulator(
            spec_path=args.spec,
            seed=args.seed,
            accounts=args.accounts,
            campaigns=args.campaigns,
            report_polls=args.report_polls,
            host=args.host,
            port=args.port,
            latency_seconds=args.latency,
        )
        simulator.start()
    except (OSError, ValueError, OverflowError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    stopping = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print(json.dumps({"url": simulator.url, "port": simulator.port}), flush=True)
    stopping.wait()
    simulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
