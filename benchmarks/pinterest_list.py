"""Pinterest list benchmarks against the bundled simulator, reported as ratios from one run.

1. ``agent-ads pinterest campaigns list`` (credentials in env) vs a bare
   ``python -c "import requests; requests.get(...)"`` of the same URL: median of N runs
   each, interleaved so machine noise hits both alike (target: <= 1.5x).
2. Peak RSS of ``campaigns list --all --format jsonl`` over 1k and 100k campaigns
   (target: a difference <= 10 MB, i.e. memory stays flat while streaming).

Nothing here asserts: the numbers are for people, tests never time anything.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ACCOUNT = "549755885175"
TOKEN = "demo-access-token"


def start_simulator(campaigns: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "agent_ads_pinterest_simulator", "--port", "0",
                             "--campaigns", str(campaigns), "--accounts", "1"], stdout=subprocess.PIPE, text=True)
    return proc, json.loads(proc.stdout.readline())["url"]


def env_for(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PINTEREST_ADS_", "AGENT_ADS_"))}
    env.update({"PINTEREST_ADS_ACCESS_TOKEN": TOKEN, "PINTEREST_ADS_API_BASE_URL": url,
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    return env


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def peak_rss_mb(cmd: list[str], env: dict[str, str]) -> float:
    """Peak RSS of one child, read from wait4's rusage (kilobytes on Linux)."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    return usage.ru_maxrss / 1024


def latency(runs: int) -> None:
    sim, url = start_simulator(300)
    try:
        env = env_for(url)
        cli = [str(BIN / "agent-ads"), "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT]
        target = f"{url}/v5/ad_accounts/{ACCOUNT}/campaigns"
        raw = [sys.executable, "-c",
               f"import requests; requests.get({target!r}, headers={{'Authorization': 'Bearer {TOKEN}'}})"]
        timed(cli, env), timed(raw, env)  # warm the page cache
        cli_times, raw_times = [], []
        for _ in range(runs):
            cli_times.append(timed(cli, env))
            raw_times.append(timed(raw, env))
        c, r = statistics.median(cli_times), statistics.median(raw_times)
        print(f"campaigns list: agent-ads {c * 1000:.0f} ms, bare requests {r * 1000:.0f} ms, "
              f"ratio {c / r:.2f}x (target <= 1.5x; median of {runs})")
    finally:
        sim.terminate()
        sim.wait()


def memory() -> None:
    results = {}
    for count in (1_000, 100_000):
        sim, url = start_simulator(count)
        try:
            cmd = [str(BIN / "agent-ads"), "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT,
                   "--all", "--format", "jsonl", "--entity-status", "ACTIVE,PAUSED,ARCHIVED"]
            results[count] = peak_rss_mb(cmd, env_for(url))
        finally:
            sim.terminate()
            sim.wait()
    diff = results[100_000] - results[1_000]
    print(f"peak RSS, --all --format jsonl: 1k campaigns {results[1_000]:.1f} MB, "
          f"100k campaigns {results[100_000]:.1f} MB, difference {diff:.1f} MB (target <= 10 MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    latency(args.runs)
    if not args.skip_memory:
        memory()
    return 0


if __name__ == "__main__":
    sys.exit(main())
