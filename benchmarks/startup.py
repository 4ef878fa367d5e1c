"""Start-up cost of ``agent-ads``: common invocations versus a bare interpreter, interleaved.

Each command is timed as a fresh process (what an agent pays per call); the ratio to
``python -c pass``, measured in the same run, makes numbers comparable across machines.
Run alone: ``.venv/bin/python benchmarks/startup.py [--rounds N]``; ``make bench`` runs all.
"""

from __future__ import annotations

import sys

from harness import AGENT_ADS, Report, Run, interleaved, ratio_line, user_home

NAME = "startup"
# (arguments, target ratio to python -c pass)
COMMANDS = ((("--version",), 1.4), (("--help",), 2.0), (("providers", "list"), 2.1))


def run(report: Report, rounds: int) -> None:
    with user_home() as home:  # a clean user: no config file to read, no keychain to open
        runs = {"python -c pass": Run([sys.executable, "-c", "pass"], home)}
        runs.update({" ".join(args): Run([AGENT_ADS, *args], home) for args, _ in COMMANDS})
        timings = interleaved(runs, rounds)
    for args, limit in COMMANDS:
        command = " ".join(args)
        report.add(ratio_line(NAME, f"agent-ads {command} / python -c pass", timings, command, "python -c pass", limit))


if __name__ == "__main__":
    from harness import main

    sys.exit(main(run))
