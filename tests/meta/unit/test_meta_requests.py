"""What leaves the machine, and what comes back: auth, ids, paging, encoding, errors, retries, usage."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from meta_graph_fakes import GRAPH, SECRET, TOKEN, page

from agent_ads_core import http as http_mod
from agent_ads_meta.auth import appsecret_proof

CAMPAIGNS = f"{GRAPH}/v26.0/act_42/campaigns"
INSIGHTS = f"{GRAPH}/v26.0/act_42/insights"


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    monkeypatch.setitem(http_mod.HttpClient.__init__.__kwdefaults__, "sleep", waits.append)
    return waits


def query(call) -> dict[str, list[str]]:
    return parse_qs(urlsplit(call.request.url).query)


def error(code: int, status: int = 400, **extra) -> dict:
    return {"error": {"message": f"(#{code}) failed", "type": "OAuthException", "code": code,
                      "fbtrace_id": "TRACE1", **extra}}


def test_token_goes_in_the_header_never_the_url_and_ids_get_act(meta, graph) -> None:
    graph.get(CAMPAIGNS, json=page([{"id": "1"}]))
    result = meta("campaigns", "list", "--ad-account-id", "42")
    assert result.code == 0 and result.json() == [{"id": "1"}]
    sent = graph.calls[0].request
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}" and TOKEN not in sent.url
    assert "appsecret_proof" not in query(graph.calls[0])


def test_with_an_app_secret_every_request_carries_appsecret_proof(meta, graph, monkeypatch) -> None:
    monkeypatch.setenv("META_ADS_APP_SECRET", SECRET)
    graph.get(f"{GRAPH}/v26.0/me", json={"id": "7", "name": "Dana"})
    assert meta("me").code == 0
    assert query(graph.calls[0])["appsecret_proof"] == [appsecret_proof(TOKEN, SECRET)]


def test_a_short_page_with_next_is_not_the_end(meta, graph) -> None:
    graph.get(CAMPAIGNS, json=page([{"id": "1"}], after="c1", more=True),
              match=[responses.matchers.query_param_matcher({"limit": "3"}, strict_match=False)])
    graph.get(CAMPAIGNS, json=page([], after="c2", more=True),
              match=[responses.matchers.query_param_matcher({"after": "c1"}, strict_match=False)])
    graph.get(CAMPAIGNS, json=page([{"id": "2"}], after="c3"),
              match=[responses.matchers.query_param_matcher({"after": "c2"}, strict_match=False)])
    result = meta("campaigns", "list", "--all", "--limit", "3")
    assert result.code == 0 and result.json() == [{"id": "1"}, {"id": "2"}] and len(graph.calls) == 3


@pytest.mark.parametrize("flag", ["--limit", "--page-size"])
def test_limit_and_page_size_are_one_flag(meta, graph, flag) -> None:
    graph.get(CAMPAIGNS, json=page([]))
    assert meta("campaigns", "list", flag, "7").code == 0
    assert query(graph.calls[0])["limit"] == ["7"]


def test_the_envelope_resumes_with_the_after_cursor_and_carries_usage(meta, graph) -> None:
    usage = {"call_count": 12, "total_cputime": 3, "total_time": 4}
    graph.get(CAMPAIGNS, json=page([{"id": "1"}], after="c1", more=True),
              headers={"x-app-usage": json.dumps(usage), "x-fb-trace-id": "T9"})
    result = meta("campaigns", "list", "--envelope", "--limit", "1")
    body = result.json()
    assert body["paging"]["after"] == "c1" and body["paging"]["complete"] is False
    assert body["meta"]["usage"] == {"app": usage} and body["meta"]["request_id"] == "T9"
    assert body["meta"]["endpoint"] == "GET /v26.0/act_42/campaigns"


@pytest.mark.parametrize("argv, message", [
    (["campaigns", "list", "--fields", "id,nmae"], "not a field of Campaign"),
    (["campaigns", "list", "--effective-status", "actve"], "--effective-status"),
    (["campaigns", "list", "--since", "2026-01-01"], "go together"),
    (["campaigns", "list", "--ad-account-id", "abc"], "not an ad account id"),
    (["campaigns", "get", "--campaign-id", "act_1"], "digits only"),
    (["adsets", "list", "--campaign-id", "5", "--updated-since", "2026-01-01"], "does not apply"),
    (["insights", "query", "--time-increment", "91"], "--time-increment"),
    (["insights", "query", "--date-preset", "last_7d", "--since", "2026-01-01", "--until", "2026-01-02"],
     "one way"),
    (["insights", "query", "--filtering", "{bad"], "not JSON"),
    (["insights", "query", "--filtering", '{"field": "spend"}'], "not a filter object"),
    (["insights", "query", "--campaign-id", "1", "--ad-id", "2"], "not allowed with"),
    (["insights", "query", "--time-ranges", "2026-01-01"], "SINCE..UNTIL"),
    (["campaigns", "list", "--limit", "501"], "--limit must be between"),
    (["creatives", "preview", "--ad-id", "1", "--ad-format", "DESKTOP_FEED"], "did you mean"),
])
def test_bad_input_is_exit_2_and_nothing_is_sent(meta, graph, argv, message) -> None:
    result = meta(*argv)
    assert result.code == 2 and message in json.dumps(result.error()), result.stderr
    assert len(graph.calls) == 0


def test_bad_api_version_is_refused_before_sending(meta, graph) -> None:
    result = meta("--api-version", "v26", "me")
    assert result.code == 2 and "--api-version" in result.error()["message"] and len(graph.calls) == 0


def test_insights_params_are_encoded_as_meta_reads_them(meta, graph) -> None:
    graph.get(INSIGHTS, json=page([{"spend": "1"}]))
    result = meta("insights", "query", "--since", "2026-03-01", "--until", "2026-03-02", "--breakdowns", "AGE,gender",
                  "--level", "CAMPAIGN", "--filtering", '{"field":"spend","operator":"GREATER_THAN","value":0}',
                  "--time-increment", "Monthly", "--use-unified-attribution-setting")
    assert result.code == 0, result.stderr
    sent = {k: v[0] for k, v in query(graph.calls[0]).items()}
    assert sent["breakdowns"] == '["age","gender"]' and sent["level"] == "campaign"
    assert sent["time_range"] == '{"since":"2026-03-01","until":"2026-03-02"}'
    assert sent["time_increment"] == "monthly" and sent["use_unified_attribution_setting"] == "true"
    assert sent["fields"].startswith("campaign_id,campaign_name,date_start")


def test_report_run_submit_posts_a_form_and_is_never_retried(meta, graph) -> None:
    graph.post(INSIGHTS, status=500, json=error(2, is_transient=True))
    result = meta("report-runs", "submit", "--date-preset", "last_7d", "--breakdowns", "age")
    assert result.code == 3 and len(graph.calls) == 1
    form = parse_qs(graph.calls[0].request.body)
    assert form["breakdowns"] == ['["age"]'] and "date_preset" not in query(graph.calls[0])


def test_gets_are_retried_on_transient_codes(meta, graph) -> None:
    graph.get(CAMPAIGNS, status=400, json=error(2, is_transient=True))
    graph.get(CAMPAIGNS, json=page([{"id": "1"}]))
    assert meta("campaigns", "list").code == 0 and len(graph.calls) == 2


def test_expired_token_is_an_auth_error_with_the_trace_id_and_exit_3(meta, graph) -> None:
    graph.get(CAMPAIGNS, status=401, json=error(190, error_subcode=463))
    result = meta("campaigns", "list")
    err = result.error()
    assert result.code == 3 and err["type"] == "auth" and err["request_id"] == "TRACE1"
    assert "auth set" in err["hint"] and "subcode 463" in err["message"] and len(graph.calls) == 1


def test_permission_errors_name_the_permissions(meta, graph) -> None:
    graph.get(CAMPAIGNS, status=403, json=error(200))
    result = meta("campaigns", "list")
    assert result.code == 3 and "ads_read" in result.error()["hint"]


def test_too_much_data_points_to_report_runs_without_retrying(meta, graph) -> None:
    graph.get(INSIGHTS, status=500, json=error(100, error_subcode=1487534))
    result = meta("insights", "query")
    assert result.code == 3 and "report-runs" in result.error()["hint"] and len(graph.calls) == 1


def test_a_rate_limit_wait_beyond_the_deadline_fails_fast_with_the_wait(meta, graph, no_sleep) -> None:
    usage = {"42": [{"type": "ads_insights", "call_count": 100, "total_cputime": 10, "total_time": 10,
                     "estimated_time_to_regain_access": 15}]}
    graph.get(INSIGHTS, status=400, json=error(80000), headers={"x-business-use-case-usage": json.dumps(usage)})
    result = meta("insights", "query")
    err = result.error()
    assert result.code == 3 and "about 15 min" in err["message"] and "retry after" in err["hint"]
    assert len(graph.calls) == 1 and no_sleep == []


def test_a_short_rate_limit_wait_is_slept_then_retried(meta, graph, no_sleep) -> None:
    usage = {"42": [{"type": "ads_management", "estimated_time_to_regain_access": 1}]}
    graph.get(CAMPAIGNS, status=400, json=error(17), headers={"x-business-use-case-usage": json.dumps(usage)})
    graph.get(CAMPAIGNS, json=page([]))
    assert meta("campaigns", "list").code == 0 and len(graph.calls) == 2
    assert 60 <= no_sleep[0] < 61


def test_secrets_never_reach_logs_or_echoed_errors(meta, graph, monkeypatch, capsys) -> None:
    monkeypatch.setenv("META_ADS_APP_SECRET", SECRET)
    proof = appsecret_proof(TOKEN, SECRET)
    graph.get(CAMPAIGNS, status=400, json=error(100, message=f"bad access_token={TOKEN}&appsecret_proof={proof}"))
    result = meta("-vv", "campaigns", "list")
    logging.getLogger("agent_ads").handlers.clear()
    everything = result.stdout + result.stderr
    assert result.code == 3 and "access_token=***&appsecret_proof=***" in result.error()["message"]
    assert "GET" in result.stderr  # the -vv request log line was written, and scrubbed
    assert TOKEN not in everything and proof not in everything and SECRET not in everything


def test_auth_set_takes_the_token_alone_and_doctor_passes_without_a_secret(meta, graph, monkeypatch) -> None:
    monkeypatch.delenv("META_ADS_ACCESS_TOKEN")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("stored-token-9876\n"))
    stored = meta("auth", "set", "--stdin")
    assert stored.code == 0 and stored.json()["stored"] == ["access_token"]
    graph.get(f"{GRAPH}/v26.0/me", json={"id": "7", "name": "Dana"})
    doctor = meta("doctor", "--api")
    checks = {c["name"]: c for c in doctor.json()["checks"]}
    assert doctor.code == 0 and checks["credential:app_secret"]["ok"] and checks["api"]["appsecret_proof"] is False
    assert graph.calls[0].request.headers["Authorization"] == "Bearer stored-token-9876"
