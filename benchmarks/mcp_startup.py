"""Start-up of ``agent-ads mcp serve`` versus ``agent-ads --help`` (target: under 2x), interleaved.

One run of the server is a fresh process given ``initialize`` and ``tools/list`` as raw JSON-RPC
lines on stdin, timed from spawn until the ``tools/list`` answer: import, tool catalog, both answers. That is what a
desktop client waits for before its first tool call. No client library is in the measurement.
Run alone: ``.venv/bin/python benchmarks/mcp_startup.py [--rounds N]``; ``make bench`` runs all.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from harness import AGENT_ADS, Report, Run, Timing, ratio_line, run_once, user_home

NAME = "mcp_startup"
LIMIT = 2.0
REQUESTS = "".join(json.dumps(request) + "\n" for request in (
    {"jsonrpc": "2.0", "id": 1, "method": "initialize",
     "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}}},
    {"jsonrpc": "2.0", "method": "notifications/initialized"},
    {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}},
))


def serve_once(env: dict[str, str]) -> tuple[float, float, int]:
    """Wall and CPU seconds until ``tools/list`` is answered (stdin stays open until then), and the tool count."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([AGENT_ADS, "mcp", "serve"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(REQUESTS)
    proc.stdin.flush()
    tools = 0
    for line in proc.stdout:
        answer = json.loads(line)
        if answer.get("id") == 2:
            tools = len(answer.get("result", {}).get("tools", []))
            break
    elapsed = time.perf_counter() - started
    proc.stdin.close()
    proc.wait(timeout=60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), tools


def run(report: Report, rounds: int) -> None:
    with user_home() as home:
        env = dict(home)
        help_run = Run([AGENT_ADS, "--help"], home)
        run_once(help_run), serve_once(env)  # warm-up, not kept
        samples: dict[str, list[tuple[float, float]]] = {"--help": [], "mcp serve": []}
        tools = 0
        for round_number in range(rounds):  # alternate which goes first, as the harness does
            for name in (("--help", "mcp serve") if round_number % 2 == 0 else ("mcp serve", "--help")):
                if name == "--help":
                    samples[name].append(run_once(help_run))
                else:
                    wall, cpu, tools = serve_once(env)
                    samples[name].append((wall, cpu))
    if not tools:
        report.skip(NAME, "agent-ads mcp serve / agent-ads --help", "the server did not answer tools/list")
        return
    timings = {name: Timing(tuple(w for w, _ in values), tuple(c for _, c in values))
               for name, values in samples.items()}
    line = ratio_line(NAME, "agent-ads mcp serve (initialize + tools/list) / --help", timings, "mcp serve", "--help",
                      LIMIT)
    line.detail = f"{tools} tools; {line.detail}"
    report.add(line)


if __name__ == "__main__":
    from harness import main

    sys.exit(main(run))
