"""`make demo`: the seed workflows against the bundled Pinterest and Meta simulators.

It starts each simulator on a free loopback port, keeps every credential in a throwaway
file keyring under a temporary directory (the user's real keychain is never touched),
shows each command before its output, and stops the simulator whatever happens.
The same commands work against real Pinterest or Meta once `agent-ads <provider> auth set`
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
META_SECRETS = "demo-meta-access-token\ndemo-meta-app-secret\n"  # the Meta simulator's demo token and app secret


def start_simulator(module: str = "agent_ads_pinterest_simulator") -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", module, "--port", "0"],
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
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("PINTEREST_ADS_", "META_ADS_", "AGENT_ADS_"))}
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
            violations = count_violations(url)
            print(f"\nRequests the simulator found outside Pinterest's OpenAPI description: {violations}")
            # The human view, last: the same analytics rows as a table and a chart. The demo's output is not
            # a terminal, so it forces a width; at a terminal, the terminal's own width is used.
            wide = {**env, "COLUMNS": "100", "LINES": "24"}
            print("\nFor people at a terminal (needs the agent-ads[terminal] extra):", flush=True)
            run([*analytics, "--format", "table"], wide, show_env="COLUMNS=100")
            run([*analytics, "--format", "chart", "--chart-metric", "SPEND_IN_DOLLAR"], wide, show_env="COLUMNS=100")
        finally:
            sim.terminate()
            sim.wait(timeout=10)
        meta_violations = meta_workflow(env, Path(tmp))
        return 1 if violations or meta_violations else 0


def count_violations(url: str) -> int:
    with urllib.request.urlopen(f"{url}/_sim/violations", timeout=30) as answer:
        return len(json.loads(answer.read()))


def meta_workflow(env: dict[str, str], tmp: Path) -> int:
    """The Meta part: auth set, doctor --api, accounts, campaigns, insights, a report run downloaded."""
    sim, url = start_simulator("agent_ads_meta_simulator")
    try:
        env = {k: v for k, v in env.items() if not k.startswith("META_ADS_")}
        config = Path(env["AGENT_ADS_CONFIG"])
        settings = json.loads(config.read_text())
        settings["providers"]["meta"] = {"api_base_url": url}
        config.write_text(json.dumps(settings, indent=2))
        print(f"\nMeta simulator on {url}; the same config points agent-ads meta at it.")
        run(["meta", "auth", "set", "--stdin"], env, stdin=META_SECRETS,
            show_stdin="printf '%s\\n' \"$ACCESS_TOKEN\" \"$APP_SECRET\"")
        run(["meta", "doctor", "--api", "--pretty"], env)
        accounts = json.loads(run(["meta", "ad-accounts", "list", "--fields", "id,name,currency"], env))
        account = accounts[0]["id"]
        run(["meta", "campaigns", "list", "--ad-account-id", account, "--limit", "3",
             "--fields", "id,name,effective_status,objective"], env)
        run(["meta", "insights", "query", "--ad-account-id", account, "--level", "campaign", "--date-preset",
             "last_7d", "--fields", "campaign_name,impressions,clicks,spend", "--format", "csv"], env)
        submitted = json.loads(run(["meta", "report-runs", "submit", "--ad-account-id", account, "--level", "ad",
                                    "--date-preset", "last_7d", "--time-increment", "1",
                                    "--fields", "ad_id,impressions,spend"], env))
        report = tmp / "meta-report.jsonl"
        run(["meta", "report-runs", "wait", "--report-run-id", submitted["report_run_id"],
             "--poll-interval-seconds", "1", "--download", "--format", "jsonl", "--output", str(report)], env)
        lines = report.read_text().splitlines()
        print(f"\n{report.name}: {len(lines)} rows; first lines:")
        print("\n".join(lines[:3]))
        violations = count_violations(url)
        print(f"\nRequests the simulator found outside Meta's API description: {violations}")
        return violations
    finally:
        sim.terminate()
        sim.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
