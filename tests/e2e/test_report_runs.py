"""``pinterest report-runs submit|status|wait|results`` against the simulator's async reports.

The session simulator answers IN_PROGRESS to a report's first two status polls, then
FINISHED with a presigned ``/_files`` URL that refuses an Authorization header.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest

ACCOUNT = "549755885175"  # the simulator's first seeded ad account
CAMPAIGNS = ["626700000000", "626700000001"]
AD_GROUP = "2680000000000"
AD = "687000000000000"
FAST = ("--poll-interval-seconds", "0.05", "--wait-timeout-seconds", "20")


def day(days_ago: int) -> str:
    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


def body(**overrides) -> dict:
    return {"start_date": day(3), "end_date": day(1), "granularity": "DAY", "level": "CAMPAIGN",
            "columns": ["SPEND_IN_DOLLAR", "IMPRESSION_1"], "campaign_ids": CAMPAIGNS, **overrides}


def submit(cli, *args: str, stdin: str | None = None) -> str:
    run = cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, *args, stdin=stdin)
    assert run.code == 0, run.stderr
    answer = run.json()
    assert answer["report_status"] == "IN_PROGRESS" and answer["token"]
    return answer["token"]


def submit_flags(cli, *extra: str) -> str:
    return submit(cli, "--level", "campaign", "--granularity", "day", "--columns", "SPEND_IN_DOLLAR,IMPRESSION_1",
                  "--campaign-id", CAMPAIGNS[0], "--campaign-id", CAMPAIGNS[1], "--start-date", day(3),
                  "--end-date", day(1), *extra)


def wait(cli, token: str, *args: str):
    return cli("pinterest", "report-runs", "wait", "--ad-account-id", ACCOUNT, "--token", token, *FAST, *args)


def downloads(simulator) -> list[dict]:
    return [r for r in simulator.requests() if r["path"].startswith("/_files/")]


def status_calls(simulator) -> list[dict]:
    return [r for r in simulator.requests() if r["path"].endswith("/reports") and r["method"] == "GET"]


def test_submit_status_wait_results_lifecycle(cli, simulator):
    token = submit_flags(cli, "--reporting-timezone", "ad_account_time_zone")
    status = cli("pinterest", "report-runs", "status", "--ad-account-id", ACCOUNT, "--token", token, "--envelope")
    assert status.code == 0, status.stderr
    assert status.json()["data"]["report_status"] == "IN_PROGRESS"
    assert status.json()["meta"]["report_run_id"] == token
    assert ("token", token) in status_calls(simulator)[-1]["query"]

    early = cli("pinterest", "report-runs", "results", "--ad-account-id", ACCOUNT, "--token", token)
    assert early.code == 2 and "report-runs wait --token" in early.error()["hint"]

    waited = wait(cli, token, "--envelope")
    assert waited.code == 0, waited.stderr
    out = waited.json()
    assert out["data"]["report_status"] == "FINISHED" and out["data"]["url"]
    assert out["meta"]["polls"] >= 1

    results = cli("pinterest", "report-runs", "results", "--ad-account-id", ACCOUNT, "--token", token)
    assert results.code == 0, results.stderr
    rows = results.json()
    assert len(rows) == 2 * 3  # two campaigns, three days
    assert {r["ENTITY_ID"] for r in rows} == set(CAMPAIGNS)
    assert all(r["ENTITY_ID"] == r["CAMPAIGN_ID"] and {"SPEND_IN_DOLLAR", "IMPRESSION_1", "DATE"} <= set(r)
               for r in rows)


def test_request_json_file_and_stdin_give_the_same_report(cli, tmp_path):
    text = json.dumps(body())
    (tmp_path / "req.json").write_text(text)
    tokens = [submit(cli, "--request-json", text), submit(cli, "--request-file", "req.json"),
              submit(cli, "--request-file", "-", stdin=text)]
    assert len(set(tokens)) == 3
    reports = []
    for token in tokens:
        run = wait(cli, token, "--download", "-q")
        assert run.code == 0, run.stderr
        assert run.stderr == ""
        reports.append(run.json())
    assert reports[0] == reports[1] == reports[2] and len(reports[0]) == 6


def test_flags_override_the_json_body(cli):
    token = submit(cli, "--request-json", json.dumps(body()), "--level", "AD_GROUP", "--ad-group-id", AD_GROUP,
                   "--granularity", "TOTAL")
    rows = wait(cli, token, "--download").json()
    assert [r["ENTITY_ID"] for r in rows] == [AD_GROUP]
    assert rows[0]["AD_GROUP_ID"] == AD_GROUP and "DATE" not in rows[0]


def test_ad_and_targeting_levels(cli):
    ads = wait(cli, submit(cli, "--request-json", json.dumps(body(level="PIN_PROMOTION")), "--ad-id", AD),
               "--download").json()
    assert {r["ENTITY_ID"] for r in ads} == {AD}
    token = submit(cli, "--request-json", json.dumps(body(level="CAMPAIGN_TARGETING", campaign_ids=CAMPAIGNS[:1])),
                   "--targeting-type", "gender,AGE_BUCKET")
    rows = wait(cli, token, "--download").json()
    assert {r["TARGETING_TYPE"] for r in rows} == {"GENDER", "AGE_BUCKET"}
    assert {r["ENTITY_ID"] for r in rows} == {CAMPAIGNS[0]}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_wait_download_in_each_format_and_to_a_file(cli, tmp_path, fmt):
    token = submit_flags(cli)
    run = wait(cli, token, "--download", "--format", fmt, "--output", f"r.{fmt}")
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    text = (tmp_path / f"r.{fmt}").read_text()
    if fmt == "json":
        rows = json.loads(text)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert text.splitlines()[0].startswith("ENTITY_ID,")
    assert len(rows) == 6 and {str(r["ENTITY_ID"]) for r in rows} == set(CAMPAIGNS)
    # the same rows come back from 'results' once the report is finished
    again = cli("pinterest", "report-runs", "results", "--ad-account-id", ACCOUNT, "--token", token, "--format", fmt)
    assert again.stdout == text


def test_csv_report_file_is_parsed_by_its_header(cli):
    token = submit_flags(cli, "--report-format", "csv")
    run = wait(cli, token, "--download")
    assert run.code == 0, run.stderr
    rows = run.json()
    assert len(rows) == 6
    assert {r["CAMPAIGN_ID"] for r in rows} == set(CAMPAIGNS)
    assert all(isinstance(v, str) for r in rows for v in r.values())  # values stay text: no lossy ids


def test_download_carries_no_authorization_header(cli, simulator):
    assert wait(cli, submit_flags(cli), "--download").code == 0
    files = downloads(simulator)
    assert len(files) == 1 and files[0]["status"] == 200 and files[0]["has_authorization"] is False
    assert all(r["has_authorization"] for r in simulator.requests() if r["path"].startswith("/v5/"))


def test_gzipped_report_is_still_parsed(cli, simulator):
    token = submit_flags(cli)
    plain = wait(cli, token, "--download").json()
    simulator.add_fault("gzip_reports")
    zipped = cli("pinterest", "report-runs", "results", "--ad-account-id", ACCOUNT, "--token", token)
    assert zipped.code == 0, zipped.stderr
    assert zipped.json() == plain


def test_expired_url_is_refetched_through_a_fresh_status(cli, simulator):
    token = submit_flags(cli)
    simulator.add_fault("expire_report_urls")
    run = wait(cli, token, "--download")
    assert run.code == 0, run.stderr
    assert len(run.json()) == 6
    assert [r["status"] for r in downloads(simulator)] == [403, 200]
    polls = status_calls(simulator)
    assert len(polls) == 4  # two IN_PROGRESS, one FINISHED, one fresh URL after the 403


def test_failed_report_exits_6_naming_the_state(cli, simulator):
    simulator.add_fault("report_failed")
    token = submit_flags(cli)
    run = wait(cli, token, "--download")
    assert run.code == 6 and run.stdout == ""
    error = run.error()
    assert "FAILED" in error["message"] and token in error["message"]
    assert "report-runs submit" in error["hint"]
    assert downloads(simulator) == []


def test_unknown_token_exits_6(cli):
    run = wait(cli, "sim-report-0-nope")
    assert run.code == 6 and "DOES_NOT_EXIST" in run.error()["message"]


def test_wait_timeout_exits_1_with_the_resume_command(cli, simulator):
    token = submit_flags(cli)
    # one poll answers IN_PROGRESS; the next would start after the 0.1 s timeout, so the wait gives up
    run = cli("pinterest", "report-runs", "wait", "--ad-account-id", ACCOUNT, "--token", token,
              "--poll-interval-seconds", "0.2", "--wait-timeout-seconds", "0.1", "--download")
    assert run.code == 1 and run.stdout == ""
    error = run.error()
    assert f"report-runs wait --token {token}" in error["hint"]
    assert len(status_calls(simulator)) == 1
    # resuming as the hint says finishes the job
    assert wait(cli, token, "--download").code == 0


@pytest.mark.parametrize("args,needle", [
    (("--level", "CAMPAIN"), "CAMPAIGN"),
    (("--granularity", "HOURS"), "HOUR"),
    (("--report-format", "XML"), "--report-format"),
    (("--start-date", "2020-01-01"), "--start-date"),
    (("--start-date", "yesterday"), "--start-date"),
])
def test_bad_submit_flags_exit_2_and_send_nothing(cli, simulator, args, needle):
    run = cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--request-json", json.dumps(body()),
              *args)
    assert run.code == 2 and run.stdout == ""
    assert needle in run.error()["message"] + run.error().get("hint", "")
    assert simulator.requests() == []


@pytest.mark.parametrize("source,stdin,needle", [
    (("--request-json", "{not json"), None, "--request-json"),
    (("--request-json", "[1]"), None, "JSON object"),
    (("--request-file", "missing.json"), None, "missing.json"),
    (("--request-file", "-"), json.dumps(body(level="NOPE")), "level"),
    (("--request-json", json.dumps(body(start_date=day(200)))), None, "$.start_date"),
])
def test_bad_request_bodies_exit_2_and_send_nothing(cli, simulator, source, stdin, needle):
    run = cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, *source, stdin=stdin)
    assert run.code == 2 and run.stdout == ""
    assert needle in run.error()["message"]
    assert simulator.requests() == []


def test_url_expired_twice_exits_6_with_the_s3_error_and_writes_nothing(cli, simulator, tmp_path):
    token = submit_flags(cli)
    simulator.add_fault("expire_report_urls", count=2)
    run = wait(cli, token, "--download", "--output", "r.json")
    assert run.code == 6 and run.stdout == ""
    error = run.error()
    assert error["http_status"] == 403 and "AccessDenied" in error["message"]
    # the one resume command of a report: wait for it (done already) and download again
    assert f"report-runs wait --token {token}" in error["hint"] and error["hint"].endswith("--download'")
    assert not (tmp_path / "r.json").exists()
    assert [r["status"] for r in downloads(simulator)] == [403, 403]


@pytest.mark.parametrize("flag", ["--poll-interval-seconds", "--wait-timeout-seconds"])
def test_non_positive_wait_settings_exit_2_before_polling(cli, simulator, flag):
    token = submit_flags(cli)
    run = cli("pinterest", "report-runs", "wait", "--ad-account-id", ACCOUNT, "--token", token, flag, "0")
    assert run.code == 2 and "greater than 0" in run.error()["message"]
    assert status_calls(simulator) == []
