"""``python -m agent_ads_pinterest_simulator``: run the simulator until SIGTERM/SIGINT.

Once listening it prints exactly one JSON line, ``{"url": ..., "port": ...}``, to stdout
so a parent process (tests, ``make demo``, benchmarks) can read where it is; nothing
else is ever written to stdout. Bad arguments (a non-loopback host, a port outside 0-65535)
exit 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import sys

from agent_ads_simulator_kit.command_line import run, simulator_parser

from .server import Simulator


def _parser() -> argparse.ArgumentParser:
    parser = simulator_parser("python -m agent_ads_pinterest_simulator", __doc__)
    parser.add_argument(
        "--spec",
        default=None,
        help="Pinterest OpenAPI JSON (default: $AGENT_ADS_PINTEREST_OPENAPI, else shared/pinterest/openapi.json "
        "in the nearest ancestor of the working directory or of this package)",
    )
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


def _simulator(args: argparse.Namespace) -> Simulator:
    return Simulator(
        host=args.host,
        port=args.port,
        seed=args.seed,
        spec_path=args.spec,
        accounts=args.accounts,
        campaigns=args.campaigns,
        report_polls=args.report_polls,
        latency_seconds=args.latency,
    )


def main(argv: list[str] | None = None) -> int:
    return run(_parser().parse_args(argv), _simulator)


if __name__ == "__main__":
    sys.exit(main())
