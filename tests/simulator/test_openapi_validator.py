"""Tests for the simulator's OpenAPI request validator, run against the real Pinterest spec."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from agent_ads_pinterest_simulator.openapi_validator import (
    SpecValidator,
    ValidationResult,
    default_spec_path,
)

TODAY = dt.date(2025, 6, 15)
# Limits as the spec's descriptions state them; literal so a wrong constant in the code fails a test.
LOOKBACK_DAYS = 90
MAX_RANGE_DAYS = 90
HOURLY_LOOKBACK_DAYS = 8
HOURLY_MAX_RANGE_DAYS = 3
ASYNC_REPORT_MAX_RANGE_DAYS = 186
CAMPAIGNS = "/v5/ad_accounts/123/campaigns"
CAMPAIGN_ANALYTICS = "/v5/ad_accounts/123/campaigns/analytics"
REPORTS = "/v5/ad_accounts/123/reports"
JSON_HEADERS = {"Content-Type": "application/json"}
FORM_HEADERS = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def validator() -> SpecValidator:
    return SpecValidator.from_file(default_spec_path(), today=lambda: TODAY)


def days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def get(validator: SpecValidator, path: str, pairs: list[tuple[str, str]]) -> ValidationResult:
    return validator.validate("GET", path, pairs, {}, b"")


def analytics_pairs(**overrides: str) -> list[tuple[str, str]]:
    """A valid campaigns/analytics query; keyword overrides replace single values."""
    values = {
        "start_date": days_ago(10),
        "end_date": days_ago(1),
        "campaign_ids": "42",
        "columns": "SPEND_IN_DOLLAR,IMPRESSION_1",
        "granularity": "DAY",
    }
    values.update(overrides)
    return list(values.items())


def report_body(**overrides: object) -> bytes:
    body = {
        "start_date": days_ago(30),
        "end_date": days_ago(1),
        "granularity": "DAY",
        "level": "CAMPAIGN",
        "columns": ["SPEND_IN_DOLLAR", "IMPRESSION_1"],
        "report_format": "JSON",
    }
    body.update(overrides)
    return json.dumps({key: value for key, value in body.items() if value is not None}).encode()


def violation_about(result: ValidationResult, *fragments: str) -> bool:
    return any(all(fragment in violation for fragment in fragments) for violation in result.violations)


# --- spec location and operations ------------------------------------------------------------


def test_default_spec_path_finds_shared_spec() -> None:
    assert default_spec_path().parts[-3:] == ("shared", "pinterest", "openapi.json")


def test_default_spec_path_honours_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    spec_file = tmp_path / "openapi.json"
    spec_file.write_text("{}")
    monkeypatch.setenv("AGENT_ADS_PINTEREST_OPENAPI", str(spec_file))
    assert default_spec_path() == spec_file
    monkeypatch.setenv("AGENT_ADS_PINTEREST_OPENAPI", str(tmp_path / "missing.json"))
    with pytest.raises(FileNotFoundError, match="AGENT_ADS_PINTEREST_OPENAPI"):
        default_spec_path()


def test_operation_lookup_by_id(validator: SpecValidator) -> None:
    operation = validator.operation("campaigns/list")
    assert (operation.method, operation.path_template, operation.sandbox) == (
        "GET",
        "/ad_accounts/{ad_account_id}/campaigns",
        "enabled",
    )
    with pytest.raises(KeyError):
        validator.operation("campaigns/nonexistent")


# --- routing ------------------------------------------------------------------------------------


def test_valid_campaigns_list_passes(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGNS, [("page_size", "25"), ("entity_statuses", "ACTIVE"), ("order", "ASCENDING")])
    assert result.status == 200, result.violations
    assert result.violations == []
    assert result.operation is not None and result.operation.operation_id == "campaigns/list"
    assert result.path_params == {"ad_account_id": "123"}


def test_literal_segment_beats_template(validator: SpecValidator) -> None:
    analytics = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs())
    single = get(validator, "/v5/ad_accounts/123/campaigns/987", [])
    assert analytics.operation.operation_id == "campaigns/analytics"
    assert analytics.status == 200, analytics.violations
    assert single.operation.operation_id == "campaigns/get"
    assert single.path_params == {"ad_account_id": "123", "campaign_id": "987"}


def test_unknown_path_is_404(validator: SpecValidator) -> None:
    for path in ("/v5/ad_accounts/123/nonexistent", "/ad_accounts/123/campaigns", "/v5"):
        result = get(validator, path, [])
        assert (result.status, result.operation) == (404, None), path


def test_wrong_method_is_405(validator: SpecValidator) -> None:
    result = validator.validate("DELETE", CAMPAIGN_ANALYTICS, [], {}, b"")
    assert (result.status, result.operation) == (405, None)
    assert violation_about(result, "DELETE", "GET")


def test_path_parameter_pattern_enforced(validator: SpecValidator) -> None:
    result = get(validator, "/v5/ad_accounts/abc/campaigns", [])
    assert result.status == 400
    assert violation_about(result, "path parameter 'ad_account_id'", "does not match")


# --- query parameters -----------------------------------------------------------------------------


def test_unknown_query_parameter_rejected(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGNS, [("foo", "1")])
    assert result.status == 400
    assert result.violations == ["query parameter 'foo': unknown parameter"]


def test_required_query_parameter_missing(validator: SpecValidator) -> None:
    pairs = [pair for pair in analytics_pairs() if pair[0] != "columns"]
    result = get(validator, CAMPAIGN_ANALYTICS, pairs)
    assert result.violations == ["query parameter 'columns': required parameter is missing"]


def test_scalar_given_twice_rejected(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGNS, [("page_size", "10"), ("page_size", "20")])
    assert violation_about(result, "query parameter 'page_size'", "given 2 times")


def test_columns_repeated_keys_is_wrong_array_style(validator: SpecValidator) -> None:
    pairs = [pair for pair in analytics_pairs() if pair[0] != "columns"]
    pairs += [("columns", "SPEND_IN_DOLLAR"), ("columns", "IMPRESSION_1"), ("columns", "CTR")]
    result = get(validator, CAMPAIGN_ANALYTICS, pairs)
    assert result.status == 400
    assert result.violations == [
        "query parameter 'columns': wrong array style: explode=false arrays are one comma-separated value, "
        "got 3 repeated keys"
    ]


def test_columns_comma_separated_accepted(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs(columns="SPEND_IN_DOLLAR,IMPRESSION_1,CTR"))
    assert result.status == 200, result.violations
    assert result.query["columns"] == ["SPEND_IN_DOLLAR", "IMPRESSION_1", "CTR"]


def test_columns_item_enum_enforced(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs(columns="SPEND_IN_DOLLAR,NOT_A_COLUMN"))
    assert violation_about(result, "query parameter 'columns'[1]", "'NOT_A_COLUMN' is not one of")


def test_campaign_ids_repeated_keys_accepted(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGNS, [("campaign_ids", "1"), ("campaign_ids", "2")])
    assert result.status == 200, result.violations
    assert result.query["campaign_ids"] == ["1", "2"]


def test_campaign_ids_comma_joined_rejected(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGNS, [("campaign_ids", "1,2")])
    assert result.status == 400
    assert violation_about(result, "query parameter 'campaign_ids'[0]", "'1,2' does not match")


def test_campaign_ids_max_items(validator: SpecValidator) -> None:
    at_limit = get(validator, CAMPAIGNS, [("campaign_ids", str(n)) for n in range(1, 251)])
    over_limit = get(validator, CAMPAIGNS, [("campaign_ids", str(n)) for n in range(1, 252)])
    assert at_limit.status == 200, at_limit.violations
    assert violation_about(over_limit, "query parameter 'campaign_ids'", "is too long")


def test_granularity_enum_violation_message(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs(granularity="DAYS"))
    assert result.violations == [
        "query parameter 'granularity': 'DAYS' is not one of ['TOTAL', 'DAY', 'HOUR', 'WEEK', 'MONTH']"
    ]


@pytest.mark.parametrize(("page_size", "ok"), [("1", True), ("250", True), ("0", False), ("251", False)])
def test_page_size_bounds(validator: SpecValidator, page_size: str, ok: bool) -> None:
    result = get(validator, CAMPAIGNS, [("page_size", page_size)])
    assert (result.status == 200) is ok, result.violations
    if not ok:
        assert violation_about(result, "query parameter 'page_size'", "imum of")


def test_non_integer_page_size_rejected(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGNS, [("page_size", "ten")])
    assert result.violations == ["query parameter 'page_size': expected an integer, got 'ten'"]


def test_boolean_must_be_true_or_false(validator: SpecValidator) -> None:
    assert get(validator, "/v5/ad_accounts", [("include_shared_accounts", "yes")]).status == 400
    result = get(validator, "/v5/ad_accounts", [("include_shared_accounts", "false")])
    assert result.status == 200 and result.query["include_shared_accounts"] is False


def test_decoded_query_types(validator: SpecValidator) -> None:
    result = get(
        validator,
        CAMPAIGN_ANALYTICS,
        analytics_pairs(click_window_days="7", aggregate_report_rows="true"),
    )
    assert result.status == 200, result.violations
    query = result.query
    assert query["click_window_days"] == 7 and type(query["click_window_days"]) is int
    assert query["aggregate_report_rows"] is True
    assert query["columns"] == ["SPEND_IN_DOLLAR", "IMPRESSION_1"]
    assert query["campaign_ids"] == ["42"]
    assert query["granularity"] == "DAY" and query["start_date"] == days_ago(10)


def test_deep_object_parameter(validator: SpecValidator) -> None:
    pairs = [("parameters[catalog_type]", "RETAIL"), ("parameters[report][report_type]", "FEED_INGESTION_ISSUES")]
    result = get(validator, "/v5/catalogs/reports/stats", pairs)
    assert result.query["parameters"] == {"catalog_type": "RETAIL", "report": {"report_type": "FEED_INGESTION_ISSUES"}}
    assert violation_about(result, "query parameter 'parameters'[report]", "'feed_id' is a required property")


# --- analytics dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_date", ["2025/06/01", "2025-02-30", "20250601"])
def test_date_format_enforced(validator: SpecValidator, bad_date: str) -> None:
    result = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs(start_date=bad_date))
    assert violation_about(result, "query parameter 'start_date'", "is not a 'date'")


def test_start_date_lookback(validator: SpecValidator) -> None:
    oldest = get(
        validator,
        CAMPAIGN_ANALYTICS,
        analytics_pairs(start_date=days_ago(LOOKBACK_DAYS), end_date=days_ago(1)),
    )
    too_old = get(
        validator,
        CAMPAIGN_ANALYTICS,
        analytics_pairs(start_date=days_ago(LOOKBACK_DAYS + 1), end_date=days_ago(1)),
    )
    assert oldest.status == 200, oldest.violations
    assert too_old.status == 400
    assert violation_about(too_old, "query parameter 'start_date'", "more than 90 days before today")


def test_date_range_maximum(validator: SpecValidator) -> None:
    start = dt.date.fromisoformat(days_ago(LOOKBACK_DAYS))
    longest = (start + dt.timedelta(days=MAX_RANGE_DAYS)).isoformat()
    too_long = (start + dt.timedelta(days=MAX_RANGE_DAYS + 1)).isoformat()
    ok = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs(start_date=start.isoformat(), end_date=longest))
    bad = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs(start_date=start.isoformat(), end_date=too_long))
    assert ok.status == 200, ok.violations
    assert violation_about(bad, "query parameter 'end_date'", "at most 90 days")


def test_end_date_before_start_date(validator: SpecValidator) -> None:
    result = get(validator, CAMPAIGN_ANALYTICS, analytics_pairs(start_date=days_ago(5), end_date=days_ago(6)))
    assert result.status == 400
    assert violation_about(result, "query parameter 'end_date'", "before start_date")


def test_hourly_granularity_has_shorter_window(validator: SpecValidator) -> None:
    def hourly(start: int, end: int, granularity: str = "HOUR") -> ValidationResult:
        pairs = analytics_pairs(granularity=granularity, start_date=days_ago(start), end_date=days_ago(end))
        return get(validator, CAMPAIGN_ANALYTICS, pairs)

    assert hourly(5, 5 - HOURLY_MAX_RANGE_DAYS).status == 200
    assert violation_about(hourly(5, 5 - HOURLY_MAX_RANGE_DAYS - 1), "query parameter 'end_date'", "granularity HOUR")
    assert hourly(HOURLY_LOOKBACK_DAYS, HOURLY_LOOKBACK_DAYS - 1).status == 200
    assert violation_about(
        hourly(HOURLY_LOOKBACK_DAYS + 1, HOURLY_LOOKBACK_DAYS), "query parameter 'start_date'", "granularity HOUR"
    )
    assert hourly(HOURLY_LOOKBACK_DAYS + 10, 1, granularity="DAY").status == 200


# --- request bodies -------------------------------------------------------------------------------


def test_valid_create_report_body_passes(validator: SpecValidator) -> None:
    result = validator.validate("POST", REPORTS, [], JSON_HEADERS, report_body())
    assert result.status == 200, result.violations
    assert result.operation.operation_id == "analytics/create_report"
    assert result.body["columns"] == ["SPEND_IN_DOLLAR", "IMPRESSION_1"]


def test_create_report_bad_enum_inside_array(validator: SpecValidator) -> None:
    body = report_body(columns=["SPEND_IN_DOLLAR", "IMPRESSION_1", "NOPE"])
    result = validator.validate("POST", REPORTS, [], JSON_HEADERS, body)
    assert result.status == 400
    assert violation_about(result, "body $.columns[2]:", "'NOPE' is not one of")


def test_create_report_missing_required_and_collects_all(validator: SpecValidator) -> None:
    body = report_body(granularity=None, level="NOT_A_LEVEL")
    result = validator.validate("POST", REPORTS, [], JSON_HEADERS, body)
    assert violation_about(result, "body $:", "'granularity' is a required property")
    assert violation_about(result, "body $.level:", "'NOT_A_LEVEL'")


def test_create_report_date_window(validator: SpecValidator) -> None:
    def report(**dates: object) -> ValidationResult:
        return validator.validate("POST", REPORTS, [], JSON_HEADERS, report_body(**dates))

    longest = report(start_date=days_ago(ASYNC_REPORT_MAX_RANGE_DAYS + 1), end_date=days_ago(1))
    too_long = report(start_date=days_ago(ASYNC_REPORT_MAX_RANGE_DAYS + 2), end_date=days_ago(1))
    assert longest.status == 200, longest.violations
    assert violation_about(too_long, "body $.end_date", "at most 186 days")
    product_items = report(level="PRODUCT_ITEM", start_date=days_ago(40), end_date=days_ago(1))
    assert violation_about(product_items, "body $.end_date", "at most 31 days", "level PRODUCT_ITEM")
    assert violation_about(report(start_date="2025-02-30"), "body $.start_date", "calendar date")
    assert violation_about(report(start_date=days_ago(5), end_date=days_ago(6)), "body $.end_date", "before")


def test_nullable_fields_accept_null_only(validator: SpecValidator) -> None:
    def update(**fields: object) -> ValidationResult:
        body = json.dumps([{"id": "1", "ad_account_id": "123", **fields}]).encode()
        return validator.validate("PATCH", CAMPAIGNS, [], JSON_HEADERS, body)

    assert update(daily_spend_cap=None, objective_type=None).status == 200
    assert violation_about(update(daily_spend_cap="x"), "body $[0].daily_spend_cap", "is not of type")
    assert violation_about(update(objective_type="NOPE"), "body $[0].objective_type", "'NOPE' is not one of")


def test_body_content_type_and_presence(validator: SpecValidator) -> None:
    wrong_type = validator.validate("POST", REPORTS, [], {"Content-Type": "text/plain"}, report_body())
    missing = validator.validate("POST", REPORTS, [], JSON_HEADERS, b"")
    broken = validator.validate("POST", REPORTS, [], JSON_HEADERS, b"{not json")
    assert violation_about(wrong_type, "Content-Type", "'text/plain'")
    assert missing.violations == ["body: required request body is missing"]
    assert violation_about(broken, "body: invalid JSON")


def test_oauth_token_form_body(validator: SpecValidator) -> None:
    ok = validator.validate("POST", "/v5/oauth/token", [], FORM_HEADERS, b"grant_type=refresh_token&refresh_token=x")
    bad_grant = validator.validate("POST", "/v5/oauth/token", [], FORM_HEADERS, b"grant_type=password&refresh_token=x")
    no_token = validator.validate("POST", "/v5/oauth/token", [], FORM_HEADERS, b"grant_type=refresh_token")
    assert ok.status == 200, ok.violations
    assert ok.body == {"grant_type": "refresh_token", "refresh_token": "x"}
    assert violation_about(bad_grant, "body $.grant_type", "'password' is not one of")
    assert violation_about(no_token, "'refresh_token' is a required property")


# --- efficiency -----------------------------------------------------------------------------------


def test_construction_and_many_validations(validator: SpecValidator) -> None:
    fresh = SpecValidator(json.loads(default_spec_path().read_text()), today=lambda: TODAY)
    statuses = {get(fresh, CAMPAIGN_ANALYTICS, analytics_pairs()).status for _ in range(1000)}
    assert statuses == {200}
