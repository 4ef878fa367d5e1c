"""report-runs submit|status|wait|results against a mocked API and a mocked presigned file host."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import timedelta

import pytest
import responses

from agent_ads_core.analytics_runner import utc_today

ACCOUNT = "549755885175"
REPORTS_URL = f"https://api.test/v5/ad_accounts/{ACCOUNT}/reports"
FILE_URL = "https://files.test/report.json"
FRESH_FILE_URL = "https://files.test/report-fresh.json"
TOKEN = "tok-1"
FINISHED = {"report_status": "FINISHED", "url": FILE_URL, "size": 123}
IN_PROGRESS = {"report_status": "IN_PROGRESS", "url": None, "size": None}
JSON_REPORT = {
    "626700000001": [{"DATE": "2024-05-01", "CAMPAIGN_ID": "626700000001", "SPEND_IN_DOLLAR": 1.5},
                     {"DATE": "2024-05-02", "CAMPAIGN_ID": "626700000001", "SPEND_IN_DOLLAR": 2.0}],
    "626700000002": [{"DATE": "2024-05-01", "CAMPAIGN_ID": "626700000002", "SPEND_IN_DOLLAR": 0}],
}
EXPIRED_XML = ('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>'
               "<Message>Request has expired</Message></Error>")


def days_ago(n: int) -> str:
    return (utc_today() - timedelta(days=n)).isoformat()


def submit_flags(*extra: str) -> list[str]:
    return ["pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--level", "CAMPAIGN",
            "--start-date", days_ago(10), "--end-date", days_ago(1), "--granularity", "DAY",
            "--columns", "SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH", *extra]


def token_args(verb: str, *extra: str) -> list[str]:
    return ["pinterest", "report-runs", verb, "--ad-account-id", ACCOUNT, "--token", TOKEN, *extra]


def add_status(mock: responses.RequestsMock, *bodies: dict) -> None:
    for body in bodies:
        mock.get(REPORTS_URL, json=body, headers={"x-pinterest-rid": "rid-status"})


def add_file(mock: responses.RequestsMock, body: bytes, url: str = FILE_URL, **kwargs) -> None:
    mock.get(url, body=body, **kwargs)


def file_calls(mock: responses.RequestsMock) -> list:
    return [call for call in mock.calls if call.request.url.startswith("https://files.test/")]


# -- submit ------------------------------------------------------------------------


def test_submit_sends_body_from_flags_and_reports_the_token(run_cli, mocked_api) -> None:
    mocked_api.post(REPORTS_URL, json={"report_status": "IN_PROGRESS", "token": TOKEN, "message": None})
    result = run_cli(*submit_flags("--campaign-id", "1,2", "--campaign-id", "3", "--report-format", "csv",
                                   "--targeting-type", "age_bucket", "--envelope"))
    assert result.code == 0, result.stderr
    sent = json.loads(mocked_api.calls[0].request.body)
    assert sent == {"start_date": days_ago(10), "end_date": days_ago(1), "level": "CAMPAIGN", "granularity": "DAY",
                    "report_format": "CSV", "columns": ["SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH"],
                    "campaign_ids": ["1", "2", "3"], "targeting_types": ["AGE_BUCKET"]}
    out = result.json()
    assert out["data"]["token"] == TOKEN and out["meta"]["report_run_id"] == TOKEN
    assert mocked_api.calls[0].request.headers["Authorization"] == "Bearer test-access-token"


def test_submit_flags_override_request_json(run_cli, mocked_api) -> None:
    mocked_api.post(REPORTS_URL, json={"report_status": "IN_PROGRESS", "token": TOKEN})
    body = {"level": "AD_GROUP", "granularity": "TOTAL", "columns": ["SPEND_IN_DOLLAR"], "start_date": days_ago(5),
            "end_date": days_ago(2), "click_window_days": 7}
    result = run_cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT,
                     "--request-json", json.dumps(body), "--granularity", "day", "--columns", "CTR")
    assert result.code == 0, result.stderr
    sent = json.loads(mocked_api.calls[0].request.body)
    assert sent == {**body, "granularity": "DAY", "columns": ["CTR"]}


def test_submit_request_file_dash_reads_stdin(run_cli, mocked_api, monkeypatch) -> None:
    mocked_api.post(REPORTS_URL, json={"report_status": "IN_PROGRESS", "token": TOKEN})
    body = {"level": "CAMPAIGN", "granularity": "DAY", "columns": ["SPEND_IN_DOLLAR"], "start_date": days_ago(3),
            "end_date": days_ago(1)}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(body)))
    result = run_cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--request-file", "-")
    assert result.code == 0, result.stderr
    assert json.loads(mocked_api.calls[0].request.body) == body


def test_invalid_body_is_rejected_before_sending_with_json_paths(run_cli, mocked_api) -> None:
    body = {"level": "CAMPAIGN", "granularity": "DAY", "columns": ["SPEND_IN_DOLAR"], "start_date": days_ago(3)}
    result = run_cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--request-json",
                     json.dumps(body))
    assert result.code == 2 and result.stdout == ""
    message = result.error()["message"]
    assert "$.columns[0]" in message and "SPEND_IN_DOLLAR" in message  # did-you-mean from the long enum
    assert "'end_date' is a required property" in message
    assert len(mocked_api.calls) == 0


def test_bad_flag_enum_suggests_and_sends_nothing(run_cli, mocked_api) -> None:
    result = run_cli(*submit_flags("--level", "CAMPAIGNN"))
    assert result.code == 2
    assert "--level" in result.error()["message"] and "did you mean CAMPAIGN" in result.error()["message"]
    assert len(mocked_api.calls) == 0


def test_range_longer_than_one_report_may_cover_names_the_max(run_cli, mocked_api) -> None:
    result = run_cli(*submit_flags("--start-date", days_ago(200), "--end-date", days_ago(1)))
    assert result.code == 2
    assert "at most 186 days" in result.error()["message"] and "--start-date" in result.error()["message"]
    hourly = run_cli(*submit_flags("--granularity", "HOUR", "--start-date", days_ago(6), "--end-date", days_ago(1)))
    assert hourly.code == 2 and "at most 3 days" in hourly.error()["message"]
    assert len(mocked_api.calls) == 0


def test_lookback_from_request_json_names_the_json_path(run_cli, mocked_api) -> None:
    body = {"level": "PRODUCT_ITEM", "granularity": "DAY", "columns": ["SPEND_IN_DOLLAR"],
            "start_date": days_ago(100), "end_date": days_ago(95)}
    result = run_cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--request-json",
                     json.dumps(body))
    assert result.code == 2 and "$.start_date" in result.error()["message"] and "92 days" in result.error()["message"]
    assert len(mocked_api.calls) == 0


@pytest.mark.parametrize("verb", ["submit", "status", "wait", "results"])
def test_sandbox_is_refused_before_sending(run_cli, mocked_api, verb) -> None:
    args = submit_flags("--sandbox") if verb == "submit" else token_args(verb, "--sandbox")
    result = run_cli(*args)
    assert result.code == 2 and result.stdout == ""
    assert "sandbox" in result.error()["message"]
    assert len(mocked_api.calls) == 0


# -- status and wait -----------------------------------------------------------------


def test_status_prints_the_api_object(run_cli, mocked_api) -> None:
    add_status(mocked_api, FINISHED)
    result = run_cli(*token_args("status", "--envelope"))
    assert result.code == 0, result.stderr
    out = result.json()
    assert out["data"] == FINISHED
    assert out["meta"]["report_status"] == "FINISHED" and out["meta"]["request_id"] == "rid-status"
    assert mocked_api.calls[0].request.params == {"token": TOKEN}


def test_wait_polls_until_finished_without_progress_text_off_a_terminal(run_cli, mocked_api) -> None:
    add_status(mocked_api, IN_PROGRESS, IN_PROGRESS, FINISHED)
    result = run_cli(*token_args("wait", "--poll-interval-seconds", "0.01"))
    assert result.code == 0, result.stderr
    assert result.json() == FINISHED
    assert len(mocked_api.calls) == 3
    assert result.stderr == ""  # progress is for terminals only (tests/e2e/test_terminal_progress.py)
    assert not file_calls(mocked_api)  # no --download: no file fetched


def test_wait_timeout_exits_1_with_resume_hint(run_cli, mocked_api) -> None:
    add_status(mocked_api, IN_PROGRESS)
    result = run_cli(*token_args("wait", "--poll-interval-seconds", "0.01", "--wait-timeout-seconds", "0.03"))
    assert result.code == 1 and result.stdout == ""
    error = result.error()
    assert error["type"] == "transport" and "IN_PROGRESS" in error["message"]
    assert f"agent-ads pinterest report-runs wait --token {TOKEN}" in error["hint"]


@pytest.mark.parametrize("status", ["FAILED", "CANCELLED", "EXPIRED", "DOES_NOT_EXIST"])
def test_wait_failure_status_exits_6_naming_it(run_cli, mocked_api, status) -> None:
    add_status(mocked_api, IN_PROGRESS, {"report_status": status, "url": None, "size": None})
    result = run_cli(*token_args("wait", "--poll-interval-seconds", "0.01", "--download"))
    assert result.code == 6 and result.stdout == ""
    error = result.error()
    assert status in error["message"] and error["provider"] == "pinterest" and error["request_id"] == "rid-status"
    assert not file_calls(mocked_api)


# -- downloads -------------------------------------------------------------------------


def test_wait_download_flattens_json_report_without_authorization(run_cli, mocked_api) -> None:
    add_status(mocked_api, IN_PROGRESS, FINISHED)
    add_file(mocked_api, json.dumps(JSON_REPORT).encode(), content_type="application/json")
    result = run_cli(*token_args("wait", "--poll-interval-seconds", "0.01", "--download"))
    assert result.code == 0, result.stderr
    rows = result.json()
    assert rows == [{"ENTITY_ID": entity, **row} for entity, entity_rows in JSON_REPORT.items() for row in entity_rows]
    download = mocked_api.calls[-1].request
    assert download.url == FILE_URL and "Authorization" not in download.headers


def test_results_of_csv_report(run_cli, mocked_api) -> None:
    add_status(mocked_api, {**FINISHED, "url": "https://files.test/report.csv"})
    add_file(mocked_api, b"CAMPAIGN_ID,DATE,CTR\r\n1,2024-05-01,0.5\r\n2,2024-05-01,\"0,7\"\r\n",
             url="https://files.test/report.csv", content_type="text/csv")
    result = run_cli(*token_args("results", "--envelope"))
    assert result.code == 0, result.stderr
    out = result.json()
    assert out["data"] == [{"CAMPAIGN_ID": "1", "DATE": "2024-05-01", "CTR": "0.5"},
                           {"CAMPAIGN_ID": "2", "DATE": "2024-05-01", "CTR": "0,7"}]
    assert out["meta"]["rows"] == 2 and out["meta"]["report_run_id"] == TOKEN


def test_gzip_report_without_content_encoding_is_detected(run_cli, mocked_api) -> None:
    add_status(mocked_api, FINISHED)
    add_file(mocked_api, gzip.compress(json.dumps(JSON_REPORT).encode()), content_type="application/octet-stream")
    result = run_cli(*token_args("results"))
    assert result.code == 0, result.stderr
    assert len(result.json()) == 3 and result.json()[2]["ENTITY_ID"] == "626700000002"


def test_expired_url_is_fetched_again_through_status(run_cli, mocked_api) -> None:
    add_status(mocked_api, FINISHED, {**FINISHED, "url": FRESH_FILE_URL})
    add_file(mocked_api, EXPIRED_XML.encode(), status=403, content_type="application/xml")
    add_file(mocked_api, json.dumps(JSON_REPORT).encode(), url=FRESH_FILE_URL)
    result = run_cli(*token_args("results"))
    assert result.code == 0, result.stderr
    assert len(result.json()) == 3
    urls = [call.request.url.split("?")[0] for call in mocked_api.calls]
    assert urls == [REPORTS_URL, FILE_URL, REPORTS_URL, FRESH_FILE_URL]


def test_url_expiring_twice_exits_6_with_the_s3_error(run_cli, mocked_api) -> None:
    add_status(mocked_api, FINISHED)
    add_file(mocked_api, EXPIRED_XML.encode(), status=403)
    result = run_cli(*token_args("results"))
    assert result.code == 6 and result.stdout == ""
    assert "AccessDenied: Request has expired" in result.error()["message"]
    assert len(file_calls(mocked_api)) == 2


def test_results_csv_format_written_to_output_file(run_cli, mocked_api, tmp_path) -> None:
    add_status(mocked_api, FINISHED)
    add_file(mocked_api, json.dumps(JSON_REPORT).encode())
    target = tmp_path / "r.csv"
    result = run_cli(*token_args("results", "--format", "csv", "--output", str(target)))
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [row["ENTITY_ID"] for row in rows] == ["626700000001", "626700000001", "626700000002"]
    assert rows[0]["SPEND_IN_DOLLAR"] == "1.5" and list(rows[0])[0] == "ENTITY_ID"


def test_results_of_unfinished_report_exits_2_with_wait_hint(run_cli, mocked_api) -> None:
    add_status(mocked_api, IN_PROGRESS)
    result = run_cli(*token_args("results"))
    assert result.code == 2 and "IN_PROGRESS" in result.error()["message"]
    assert "report-runs wait" in result.error()["hint"]


def test_results_of_failed_report_exits_6(run_cli, mocked_api) -> None:
    add_status(mocked_api, {"report_status": "FAILED", "url": None, "size": None})
    result = run_cli(*token_args("results"))
    assert result.code == 6 and "FAILED" in result.error()["message"]
    assert not file_calls(mocked_api)


def test_corrupt_report_fails_before_any_output(run_cli, mocked_api, tmp_path) -> None:
    add_status(mocked_api, FINISHED)
    add_file(mocked_api, b'{"1": [{"a": 1}, {"a": ')
    target = tmp_path / "r.json"
    result = run_cli(*token_args("results", "--output", str(target)))
    assert result.code == 6 and result.stdout == "" and not target.exists()
    assert "not valid JSON" in result.error()["message"]
