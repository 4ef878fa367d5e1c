"""``python -m agent_ads_meta_simulator``: run the Meta Graph API simulator until SIGTERM/SIGINT.

Once listening it prints exactly one JSON line, ``{"url": ..., "port": ...}``, to stdout so a
parent process (tests, demos, benchmarks) can read where it is; nothing else is ever written
to stdout. Bad arguments (a non-loopback host, a port outside 0-65535) exit 2 with one line
on stderr.
"""

from __future__ import annotations

import argparse
import sys

from agent_ads_simulator_kit.command_line import run, simulator_parser

from .description import DescriptionError
from .server import Simulator


def _parser() -> argparse.ArgumentParser:
    parser = simulator_parser("python -m agent_ads_meta_simulator", __doc__)
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


def _simulator(args: argparse.Namespace) -> Simulator:
    return Simulator(
        args.description_dir,
        args.seed,
        args.report_polls,
        args.host,
        args.port,
        require_appsecret_proof=args.require_appsecret_proof,
    )


def main(argv: list[str] | None = None) -> int:
    return run(_parser().parse_args(argv), _simulator, start_errors=(DescriptionError,))


if __name__ == "__main__":
    sys.exit(main())
