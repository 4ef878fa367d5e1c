"""The issue's six-step workflow, run end to end as a new user would, credentials in the keychain."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

NO_ENV_SECRETS = {name: None for name in ("PINTEREST_ADS_APP_ID", "PINTEREST_ADS_APP_SECRET",
                                          "PINTEREST_ADS_ACCESS_TOKEN", "PINTEREST_ADS_REFRESH_TOKEN")}
SECRETS = "demo-app-id\ndemo-app-secret\ndemo-access-token\ndemo-refresh-token\n"


def day(days_ago: int) -> str:
    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


def test_seed_workflow(cli, simulator, tmp_path):
    def run(*args: str, stdin: str | None = None):
        done = cli(*args, stdin=stdin, env=NO_ENV_SECRETS)
        assert done.code == 0, f"{args}: {done.stderr}"
        return done

    # 1. store the credentials in the keychain (here: the file keyring in tmp)
    stored = run("pinterest", "auth", "set", "--stdin", stdin=SECRETS).json()
    assert stored["store"] == "keyrings.alt PlaintextKeyring" and len(stored["stored"]) == 4
    assert "demo-" not in str(stored)

    # 2. check setup against the API
    doctor = run("pinterest", "doctor", "--api").json()
    assert doctor["ok"] is True and "api" in [c["name"] for c in doctor["checks"]]

    # 3. find the ad account
    accounts = run("pinterest", "ad-accounts", "list").json()
    account = accounts[0]["id"]
    assert account == "549755885175"

    # 4. its campaigns
    campaigns = run("pinterest", "campaigns", "list", "--ad-account-id", account).json()
    ids = [c["id"] for c in campaigns[:2]]
    assert len(ids) == 2 and all(c["ad_account_id"] == account for c in campaigns)

    # 5. a week of daily metrics for two campaigns
    rows = run("pinterest", "analytics", "query", "--ad-account-id", account, "--level", "campaign",
               "--columns", "IMPRESSION_1,CLICKTHROUGH_1,SPEND_IN_DOLLAR", "--granularity", "DAY",
               "--campaign-id", ",".join(ids), "--start-date", day(7), "--end-date", day(1)).json()
    assert len(rows) == 2 * 7
    assert {r["CAMPAIGN_ID"] for r in rows} == set(ids)
    assert {r["DATE"] for r in rows} == {day(n) for n in range(1, 8)}
    assert all({"IMPRESSION_1", "CLICKTHROUGH_1", "SPEND_IN_DOLLAR"} <= set(r) for r in rows)

    # 6. the same as an async report, downloaded as CSV to a file
    submitted = run("pinterest", "report-runs", "submit", "--ad-account-id", account, "--level", "CAMPAIGN",
                    "--granularity", "DAY", "--columns", "IMPRESSION_1,CLICKTHROUGH_1,SPEND_IN_DOLLAR",
                    "--campaign-id", ",".join(ids), "--start-date", day(7), "--end-date", day(1)).json()
    token = submitted["token"]
    waited = run("pinterest", "report-runs", "wait", "--ad-account-id", account, "--token", token,
                 "--poll-interval-seconds", "0.2", "--download", "--format", "csv", "--output", "r.csv")
    assert waited.stdout == ""
    report = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text())))
    assert len(report) == 2 * 7 and {r["ENTITY_ID"] for r in report} == set(ids)
    assert {"DATE", "IMPRESSION_1", "CLICKTHROUGH_1", "SPEND_IN_DOLLAR"} <= set(report[0])
    # the report and the sync query agree on the numbers
    sync = {(r["CAMPAIGN_ID"], r["DATE"]): r["SPEND_IN_DOLLAR"] for r in rows}
    assert {(r["ENTITY_ID"], r["DATE"]): float(r["SPEND_IN_DOLLAR"]) for r in report} == sync

    assert all(r["has_authorization"] for r in simulator.requests() if r["path"].startswith("/v5/ad_accounts"))
