"""``python -m agent_ads_meta_simulator``: run the Meta Graph API simulator until SIGTERM/SIGINT.

Once listening it prints exactly one JSON line, ``{"url": ..., "port": ...}``, to stdout so a
parent process (tests, demos, benchmarks) can read where it is; nothing else is ever written
to stdout. Bad arguments (a non-loopback host, a port outside 0-65535) exit 2 with one line
on stderr.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from .description import DescriptionError
from .server import Simulator, is_loopback


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m agent_ads_meta_simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data (default 0)")
    parser.add_argument(
        "--description-dir",
        default=None,
        help="Meta API description (default: $AGENT_ADS_META_DESCRIPTION or shared/meta)",
    )
    parser.add_argument("--report-polls", type=int, default=2, help="polls before a report run completes (default 2)")
    parser.add_argument(
        "--require-appsecret-proof", action="store_true", help="answer error 100 to calls without appsecret_proof"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not is_loopback(args.host):
        print(f"error: refusing to bind {args.host!r}; the simulator only listens on loopback", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"error: port {args.port} is out of range 0-65535", file=sys.stderr)
        return 2
    try:
        simulator = Simulator(
            description_dir=args.description_dir,
            seed=args.seed,
            report_polls=args.report_polls,
            host=args.host,
            port=args.port,
            require_appsecret_proof=args.require_appsecret_proof,
        ).start()
    except (OSError, ValueError, DescriptionError) as error:
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
