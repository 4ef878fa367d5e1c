"""``pinterest analytics query --granularity DAY`` when the network, not the CLI, is the cost.

The simulator answers every request after 300 ms, as a distant API would. A long range or a
long id list takes several requests (windows x id batches); fetched concurrently they should
cost little more than one. Compared, interleaved, in one run:

* the longest range the API accepts at DAY granularity vs a 30-day range (ad account level);
* one day for 1,000 campaigns (id batches of 250) vs for 250 campaigns.

Rows are few (one per day, or per campaign), so the simulator's own work stays small next
to the latency being measured.

Run alone: ``.venv/bin/python benchmarks/analytics_range.py [--rounds N]``; ``make bench`` runs all.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from harness import ACCOUNT, AGENT_ADS, Report, Run, env_token, interleaved, ratio_line, simulator, user_home

from agent_ads_core.analytics_runner import utc_today
from agent_ads_pinterest.dates import ANALYTICS_LOOKBACK_DAYS

NAME = "analytics_range"
LATENCY = 0.3
CAMPAIGNS = 1_000
BATCH = 250  # campaign_ids maxItems in Pinterest's spec


def query(start: dt.date, end: dt.date, ids: list[str] | None = None) -> list[str]:
    level = ["--level", "campaign", "--campaign-id", ",".join(ids)] if ids else ["--level", "ad_account"]
    return [AGENT_ADS, "pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, *level,
            "--granularity", "DAY", "--columns", "SPEND_IN_DOLLAR,IMPRESSION_1",
            "--start-date", start.isoformat(), "--end-date", end.isoformat()]


def campaign_ids(env: dict[str, str]) -> list[str]:
    argv = [AGENT_ADS, "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--format", "jsonl",
            "--entity-status", "ACTIVE,PAUSED,ARCHIVED"]
    lines = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(line)["id"] for line in lines]


def run(report: Report, rounds: int) -> None:
    today = utc_today()
    longest = today - dt.timedelta(days=ANALYTICS_LOOKBACK_DAYS)
    with simulator(campaigns=CAMPAIGNS, latency=LATENCY) as url, user_home() as home:
        env = env_token(home, url)
        ids = campaign_ids(env)
        runs = {
            "30 days": Run(query(today - dt.timedelta(days=29), today), env),
            "longest range": Run(query(longest, today), env),
            f"{BATCH} ids": Run(query(today, today, ids[:BATCH]), env),
            f"{len(ids)} ids": Run(query(today, today, ids), env),
        }
        timings = interleaved(runs, max(3, rounds // 2))
    report.add(ratio_line(NAME, f"longest DAY range ({ANALYTICS_LOOKBACK_DAYS} days back) / 30 days, 300 ms",
                          timings, "longest range", "30 days", 1.6))
    report.add(ratio_line(NAME, f"{len(ids)} campaign ids / {BATCH} ids, 300 ms", timings,
                          f"{len(ids)} ids", f"{BATCH} ids", 1.6))


if __name__ == "__main__":
    from harness import main

    sys.exit(main(run))
