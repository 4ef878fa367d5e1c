"""Insights end to end: the synchronous query and the async report runs."""

from __future__ import annotations

import json

from agent_ads_meta_simulator import AD_ACCOUNT_ID, CAMPAIGN_ID

FAST = ("--poll-interval-seconds", "0.05")


def test_insights_query_with_every_param(meta, meta_sim) -> None:
    result = meta("insights", "query", "--ad-account-id", AD_ACCOUNT_ID, "--level", "campaign",
                  "--fields", "campaign_id,spend,impressions,actions", "--since", "2026-03-01", "--until", "2026-03-03",
                  "--time-increment", "1", "--breakdowns", "age", "--action-breakdowns", "action_type",
                  "--action-attribution-windows", "7d_click,1d_view", "--action-report-time", "conversion",
                  "--use-unified-attribution-setting", "--sort", "spend_descending",
                  "--filtering", '{"field":"spend","operator":"GREATER_THAN","value":0}', "--all")
    assert result.code == 0, result.stderr
    rows = result.json()
    assert rows and {r["date_start"] for r in rows} == {"2026-03-01", "2026-03-02", "2026-03-03"}
    assert all("age" in r and "campaign_id" in r for r in rows)
    sent = meta_sim.requests()[-1]["query"]
    assert json.loads(sent["action_attribution_windows"]) == ["7d_click", "1d_view"]


def test_levels_add_up_across_objects(meta, meta_sim) -> None:
    by_campaign = meta("insights", "query", "--level", "campaign", "--date-preset", "last_7d", "--all",
                       "--fields", "campaign_id,impressions").json()
    account = meta("insights", "query", "--date-preset", "last_7d", "--fields", "impressions").json()
    assert sum(int(r["impressions"]) for r in by_campaign) == int(account[0]["impressions"])
    one = meta("insights", "query", "--campaign-id", CAMPAIGN_ID, "--date-preset", "last_7d", "--fields",
               "campaign_id,impressions").json()
    assert one == [r for r in by_campaign if r["campaign_id"] == CAMPAIGN_ID]


def test_time_ranges_and_csv(meta, meta_sim) -> None:
    result = meta("insights", "query", "--time-ranges", "2026-03-01..2026-03-02,2026-03-03..2026-03-04",
                  "--fields", "spend", "--format", "csv")
    assert result.code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("spend") and len(lines) == 3


def test_adset_and_ad_insights(meta, meta_sim) -> None:
    ad = meta("ads", "list", "--max-items", "1", "--fields", "id,adset_id").json()[0]
    by_adset = meta("insights", "query", "--adset-id", ad["adset_id"], "--date-preset", "last_30d")
    by_ad = meta("insights", "query", "--ad-id", ad["id"], "--date-preset", "last_30d")
    assert by_adset.code == 0 and by_ad.code == 0 and by_ad.json()[0]["ad_id"] == ad["id"]


def test_too_much_data_is_exit_3_pointing_to_report_runs(meta, meta_sim) -> None:
    meta_sim.add_fault("timeout_too_much_data")
    result = meta("insights", "query", "--date-preset", "maximum", "--breakdowns", "age,gender")
    assert result.code == 3 and "report-runs" in result.error()["hint"]
    assert len([r for r in meta_sim.requests() if r["path"].endswith("/insights")]) == 1


def test_report_run_submit_status_wait_download_and_results(meta, meta_sim) -> None:
    submitted = meta("report-runs", "submit", "--level", "ad", "--date-preset", "last_7d",
                     "--fields", "ad_id,spend,impressions")
    assert submitted.code == 0, submitted.stderr
    run_id = submitted.json()["report_run_id"]
    post = [r for r in meta_sim.requests() if r["method"] == "POST"][-1]
    assert post["form"]["level"] == "ad" and "level" not in post["query"]
    status = meta("report-runs", "status", "--report-run-id", run_id)
    assert status.code == 0 and status.json()["async_status"] != "Job Completed"
    rows = meta("report-runs", "wait", "--report-run-id", run_id, "--download", *FAST, "--wait-timeout-seconds", "30")
    assert rows.code == 0, rows.stderr
    assert rows.json() and all(set(r) >= {"ad_id", "spend"} for r in rows.json())
    done = meta("report-runs", "wait", "--report-run-id", run_id, "--fields", "id,async_status", *FAST)
    assert done.json() == {"id": run_id, "async_status": "Job Completed"}
    paged = meta("report-runs", "results", "--report-run-id", run_id, "--all", "--limit", "3")
    assert paged.json() == rows.json()


def test_failed_and_skipped_runs_are_api_errors(meta, meta_sim) -> None:
    for fault, state in (("report_failed", "Job Failed"), ("report_skipped", "Job Skipped")):
        meta_sim.add_fault(fault)
        run_id = meta("report-runs", "submit", "--date-preset", "yesterday").json()["report_run_id"]
        waited = meta("report-runs", "wait", "--report-run-id", run_id, *FAST)
        assert waited.code == 3 and state in waited.error()["message"]


def test_a_wait_that_runs_out_prints_the_resume_command(meta, meta_sim) -> None:
    run_id = meta("report-runs", "submit", "--date-preset", "yesterday").json()["report_run_id"]
    waited = meta("report-runs", "wait", "--report-run-id", run_id, "--poll-interval-seconds", "5",
                  "--wait-timeout-seconds", "1")
    assert waited.code == 1 and f"report-runs wait --report-run-id {run_id}" in waited.error()["hint"]


def test_submit_is_never_retried(meta, meta_sim) -> None:
    meta_sim.add_fault("transient", path="insights")
    result = meta("report-runs", "submit", "--date-preset", "yesterday")
    assert result.code == 3 and len([r for r in meta_sim.requests() if r["method"] == "POST"]) == 1
