"""`make demo`: the seed workflow against the bundled Pinterest simulator.

It starts the simulator on a free loopback port, keeps every credential in a throwaway
file keyring under a temporary directory (the user's real keychain is never touched),
shows each command before its output, and stops the simulator whatever happens.
The same commands work against real Pinterest once `agent-ads pinterest auth set`
holds real credentials and no api_base_url override is configured.
"""

from __future__ import annotations

import datetime
import json
import os
import shlex
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
AGENT_ADS = str(BIN / "agent-ads")
DEMO_SECRETS = "demo-app-id\ndemo-app-secret\ndemo-access-token\ndemo-refresh-token\n"


def start_simulator() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "agent_ads_pinterest_simulator", "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise SystemExit("the simulator did not start")
    return proc, json.loads(line)["url"]


def run(args: list[str], env: dict[str, str], stdin: str | None = None, show_stdin: str | None = None,
        show_env: str | None = None) -> str:
    shown = "agent-ads " + " ".join(shlex.quote(a) for a in args)
    if show_env:
        shown = f"{show_env} {shown}"
    if show_stdin:
        shown = f"{show_stdin} | {shown}"
    print(f"\n$ {shown}", flush=True)
    done = subprocess.run([AGENT_ADS, *args], env=env, input=stdin, text=True, capture_output=True, timeout=120)
    out = done.stdout
    text = out if len(out) < 2500 else out[:2500] + "\n... (truncated for the demo)"
    print(text, end="" if text.endswith("\n") else "\n")
    if done.stderr:
        print(done.stderr, end="", file=sys.stderr)
    if done.returncode != 0:
        raise SystemExit(f"demo step failed with exit code {done.returncode}")
    return out


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="agent-ads-demo-") as tmp:
        sim, url = start_simulator()
        try:
            config = Path(tmp) / "agent-ads.config.json"
            env = {k: v for k, v in os.environ.items() if not k.startswith(("PINTEREST_ADS_", "AGENT_ADS_"))}
            env.update({
                "AGENT_ADS_CONFIG": str(config),
                "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                "XDG_DATA_HOME": str(Path(tmp) / "data"),
                "XDG_STATE_HOME": str(Path(tmp) / "state"),
            })
            config.write_text(json.dumps({"providers": {"pinterest": {"api_base_url": url}}}, indent=2))
            print(f"Pinterest simulator on {url}; config {config} points agent-ads at it.")
            run(["--version"], env)
            run(["providers", "list", "--pretty"], env)
            run(["pinterest", "auth", "set", "--stdin"], env, stdin=DEMO_SECRETS,
                show_stdin="printf '%s\\n' \"$APP_ID\" \"$APP_SECRET\" \"$ACCESS_TOKEN\" \"$REFRESH_TOKEN\"")
            run(["pinterest", "auth", "status", "--pretty"], env)
            run(["pinterest", "doctor", "--api", "--pretty"], env)
            accounts = json.loads(run(["pinterest", "ad-accounts", "list"], env))
            account = accounts[0]["id"]
            campaigns = json.loads(run(["pinterest", "campaigns", "list", "--ad-account-id", account,
                                        "--page-size", "3"], env))
            ids = ",".join(c["id"] for c in campaigns[:2])
            today = datetime.datetime.now(datetime.timezone.utc).date()
            start = (today - datetime.timedelta(days=7)).isoformat()
            end = (today - datetime.timedelta(days=1)).isoformat()
            analytics = ["pinterest", "analytics", "query", "--ad-account-id", account, "--level", "campaign",
                         "--campaign-id", ids, "--start-date", start, "--end-date", end,
                         "--columns", "IMPRESSION_1,CLICKTHROUGH_1,SPEND_IN_DOLLAR", "--granularity", "DAY"]
            run([*analytics, "--format", "csv"], env)
            submitted = json.loads(run(["pinterest", "report-runs", "submit", "--ad-account-id", account,
                                        "--level", "CAMPAIGN", "--start-date", start, "--end-date", end,
                                        "--granularity", "DAY", "--columns", "IMPRESSION_1,SPEND_IN_DOLLAR",
                                        "--report-format", "CSV"], env))
            report = Path(tmp) / "report.csv"
            run(["pinterest", "report-runs", "wait", "--ad-account-id", account, "--token", submitted["token"],
                 "--poll-interval-seconds", "1", "--download", "--format", "csv", "--output", str(report)], env)
            lines = report.read_text().splitlines()
            print(f"\n{report.name}: {len(lines) - 1} rows; first lines:")
            print("\n".join(lines[:4]))
            with urllib.request.urlopen(f"{url}/_sim/violations", timeout=30) as answer:
                violations = json.loads(answer.read())
            print(f"\nRequests the simulator found outside Pinterest's OpenAPI description: {len(violations)}")
            # The human view, last: the same analytics rows as a table and a chart. The demo's output is not
            # a terminal, so it forces a width; at a terminal, the terminal's own width is used.
            wide = {**env, "COLUMNS": "100", "LINES": "24"}
            print("\nFor people at a terminal (needs the agent-ads[terminal] extra):", flush=True)
            run([*analytics, "--format", "table"], wide, show_env="COLUMNS=100")
            run([*analytics, "--format", "chart", "--chart-metric", "SPEND_IN_DOLLAR"], wide, show_env="COLUMNS=100")
            return 1 if violations else 0
        finally:
            sim.terminate()
            sim.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
