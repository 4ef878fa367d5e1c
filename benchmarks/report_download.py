"""``pinterest report-runs results`` of a 1,000,000-row CSV report: rows per second, flat memory.

The simulator renders the report file once, when its status first says FINISHED (not timed
here), and serves it from disk, so the timed download measures the client: fetch, gzip
sniffing, CSV parsing and ``--format csv`` output, streamed page by page. Peak RSS of the
same command on a 1,000-row report of the same shape is the baseline.

Run alone: ``.venv/bin/python benchmarks/report_download.py``; ``make bench`` runs all.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from harness import (
    ACCOUNT,
    AGENT_ADS,
    Line,
    Report,
    Run,
    env_token,
    simulator,
    timed_with_memory,
    user_home,
)

from agent_ads_core.analytics_runner import utc_today

NAME = "report_download"
DAYS = 100
CAMPAIGNS = 10_000  # x 100 days = 1,000,000 rows at DAY granularity


def report_runs(env: dict[str, str], verb: str, *args: str) -> str:
    argv = [AGENT_ADS, "pinterest", "report-runs", verb, "--ad-account-id", ACCOUNT, *args]
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=True, timeout=300).stdout


def finished_report(env: dict[str, str], campaign_ids: list[str] | None) -> str:
    """Submit a CAMPAIGN x DAY CSV report and wait until its file exists; returns its token."""
    end = utc_today() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=DAYS - 1)
    ids = ["--campaign-id", ",".join(campaign_ids)] if campaign_ids else []
    token = json.loads(report_runs(env, "submit", "--level", "CAMPAIGN", "--granularity", "DAY",
                                   "--report-format", "CSV", "--columns", "SPEND_IN_DOLLAR",
                                   "--start-date", start.isoformat(), "--end-date", end.isoformat(), *ids))["token"]
    report_runs(env, "wait", "--token", token, "--poll-interval-seconds", "0.2")
    return token


def run(report: Report, rounds: int) -> None:
    with simulator(campaigns=CAMPAIGNS, report_polls=0) as url, user_home() as home:
        env = env_token(home, url)
        listed = subprocess.run([AGENT_ADS, "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT,
                                 "--page-size", "10", "--entity-status", "ACTIVE,PAUSED,ARCHIVED"],
                                env=env, capture_output=True, text=True, check=True).stdout
        small = finished_report(env, [item["id"] for item in json.loads(listed)])
        large = finished_report(env, None)

        def results(token: str) -> Run:
            return Run([AGENT_ADS, "pinterest", "report-runs", "results", "--ad-account-id", ACCOUNT,
                        "--token", token, "--format", "csv"], env)

        small_peak = min(timed_with_memory(results(small))[1] for _ in range(3))
        seconds, large_peak = timed_with_memory(results(large))
    rows = CAMPAIGNS * DAYS
    report.add(Line(NAME, f"report-runs results, {rows:,}-row CSV: rows/s", rows / seconds, "rows/s",
                    detail=f"{seconds:.1f} s, one run"))
    growth = large_peak - small_peak
    report.add(Line(NAME, "peak RSS, 1M-row - 1k-row report", growth, "MB", "<= +20 MB", growth <= 20,
                    f"1k rows {small_peak:.1f} MB, 1M rows {large_peak:.1f} MB"))


if __name__ == "__main__":
    from harness import main

    sys.exit(main(run))
