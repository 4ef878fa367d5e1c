"""Start-up cost of ``agent-ads``: median wall time of common invocations versus a bare interpreter.

Run: ``.venv/bin/python benchmarks/startup.py [--runs N]``. Each command is timed as a fresh
process (what an agent pays per call); the ratio to ``python -c pass``, measured in the same
run, makes numbers comparable across machines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AGENT_ADS = Path(sys.executable).with_name("agent-ads")
COMMANDS = (["--version"], ["--help"], ["providers", "list"])


def median_seconds(argv: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    script = [str(AGENT_ADS)] if AGENT_ADS.exists() else [sys.executable, "-m", "agent_ads_core"]
    with tempfile.TemporaryDirectory() as home:
        # a clean user: no config file to read, no keychain to open
        env = {**os.environ, "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "XDG_STATE_HOME": home}
        env.pop("AGENT_ADS_CONFIG", None)
        baseline = median_seconds([sys.executable, "-c", "pass"], runs, env)
        rows = [("python -c pass", baseline)]
        rows += [(f"agent-ads {' '.join(args)}", median_seconds([*script, *args], runs, env)) for args in COMMANDS]
    width = max(len(name) for name, _ in rows)
    print(f"median of {runs} runs, python {sys.version.split()[0]}")
    print(f"{'command'.ljust(width)}  {'ms':>7}  {'x python':>8}")
    for name, seconds in rows:
        print(f"{name.ljust(width)}  {seconds * 1000:7.1f}  {seconds / baseline:8.1f}")


if __name__ == "__main__":
    main()
