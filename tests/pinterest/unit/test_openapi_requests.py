"""Client-side checks and encoding of Pinterest requests, from the table derived from the OpenAPI description."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from agent_ads_core.errors import ArgumentError
from agent_ads_pinterest.enum_matching import check_choices
from agent_ads_pinterest.openapi_table import enum_values, max_items, operation, report_statuses, sandbox_disabled
from agent_ads_pinterest.query_encoding import build_path, build_query
from agent_ads_pinterest.report_body import validate_report_body

ANALYTICS = {"start_date": "2024-01-01", "end_date": "2024-01-31", "granularity": "DAY"}


def error_of(func, *args, **kwargs) -> ArgumentError:
    with pytest.raises(ArgumentError) as info:
        func(*args, **kwargs)
    assert info.value.provider == "pinterest"
    return info.value


def test_operation_describes_method_path_and_params() -> None:
    op = operation("campaigns/list")
    assert (op.method, op.path) == ("GET", "/ad_accounts/{ad_account_id}/campaigns")
    assert op.query["page_size"].maximum == 250
    assert op.path_params["ad_account_id"].pattern == r"^\d+$"


def test_columns_are_one_comma_separated_value() -> None:
    pairs = build_query("ad_account/analytics", {**ANALYTICS, "columns": ["SPEND_IN_DOLLAR", "IMPRESSION_1"]})
    assert [v for k, v in pairs if k == "columns"] == ["SPEND_IN_DOLLAR,IMPRESSION_1"]


def test_array_enum_values_are_normalised_and_deduplicated() -> None:
    pairs = build_query("ad_account/analytics", {**ANALYTICS, "columns": ["ctr", "CTR,spend_in_dollar"]})
    assert ("columns", "CTR,SPEND_IN_DOLLAR") in pairs


def test_campaign_ids_are_repeated_keys_and_comma_lists_flatten() -> None:
    pairs = build_query("campaigns/list", {"campaign_ids": ["1,2", "3", "2"], "page_size": 50})
    assert pairs == [("campaign_ids", "1"), ("campaign_ids", "2"), ("campaign_ids", "3"), ("page_size", "50")]


def test_booleans_and_dates_are_rendered_for_the_wire() -> None:
    pairs = build_query(
        "campaigns/analytics",
        {
            "start_date": date(2024, 1, 1),
            "end_date": "2024-01-02",
            "campaign_ids": ["7"],
            "columns": "SPEND_IN_DOLLAR",
            "granularity": "DAY",
            "aggregate_report_rows": True,
        },
    )
    assert ("start_date", "2024-01-01") in pairs
    assert ("aggregate_report_rows", "true") in pairs


def test_none_and_empty_lists_count_as_not_given() -> None:
    assert build_query("campaigns/list", {"campaign_ids": [], "order": None}) == []


def test_unknown_param_names_the_flag_and_the_endpoint() -> None:
    err = error_of(build_query, "campaigns/list", {"columns": ["SPEND_IN_DOLLAR"]}, {"columns": "--metrics"})
    assert "--metrics" in err.message
    assert "does not accept" in err.message and "campaigns/list" in err.message
    assert "--page-size" in (err.hint or "")


def test_enum_near_miss_suggests_the_right_value() -> None:
    err = error_of(build_query, "ad_account/analytics", {**ANALYTICS, "columns": ["SPEND_IN_DOLAR"]})
    assert "--columns" in err.message and "'SPEND_IN_DOLAR'" in err.message
    assert "did you mean SPEND_IN_DOLLAR" in err.message


def test_check_choices_normalises_case_and_suggests_for_lowercase_typos() -> None:
    allowed = enum_values("ad_account/analytics", "columns")
    assert check_choices(["spend_in_dollar"], allowed, "--columns") == ["SPEND_IN_DOLLAR"]
    err = error_of(check_choices, ["spend_in_dolar", "ctr"], allowed, "--columns")
    assert "did you mean SPEND_IN_DOLLAR" in err.message
    assert "ctr" not in err.message  # valid values are not reported as bad


def test_scalar_enum_rejected_with_valid_values_hint() -> None:
    params = {**ANALYTICS, "granularity": "DAILY", "columns": "CTR"}
    err = error_of(build_query, "ad_account/analytics", params)
    assert "--granularity" in err.message and "DAY" in err.message
    assert "TOTAL, DAY, HOUR, WEEK, MONTH" in (err.hint or "")


def test_integer_enum_rejected() -> None:
    err = error_of(build_query, "ad_account/analytics", {**ANALYTICS, "columns": "CTR", "click_window_days": 5})
    assert "--click-window-days" in err.message


@pytest.mark.parametrize("size", [0, 251])
def test_page_size_bounds(size: int) -> None:
    err = error_of(build_query, "campaigns/list", {"page_size": size})
    assert err.message == f"--page-size must be between 1 and 250, got {size}"


def test_page_size_must_be_an_integer() -> None:
    assert "must be an integer" in error_of(build_query, "campaigns/list", {"page_size": "ten"}).message


def test_pattern_rejects_non_numeric_ids() -> None:
    params = {"campaign_ids": ["12", "abc"]}
    err = error_of(build_query, "campaigns/list", params, {"campaign_ids": "--campaign-id"})
    assert "--campaign-id" in err.message and "'abc'" in err.message


def test_max_items_overflow_is_rejected() -> None:
    limit = max_items("ads/analytics", "pin_ids")
    assert limit == 100
    ids = [str(n) for n in range(1, limit + 2)]
    err = error_of(build_query, "ads/analytics", {**ANALYTICS, "columns": "CTR", "pin_ids": ids})
    assert f"at most {limit}" in err.message and str(limit + 1) in err.message


def test_missing_required_params_are_named() -> None:
    err = error_of(build_query, "ad_account/analytics", {"start_date": "2024-01-01"}, {"columns": "--metrics"})
    assert "--metrics" in err.message and "--end-date" in err.message and "--granularity" in err.message
    assert "--start-date" not in err.message


def test_bad_date_format_names_the_flag() -> None:
    err = error_of(
        build_query, "ad_account/analytics", {**ANALYTICS, "columns": "CTR", "end_date": "2024/01/31"}
    )
    assert "--end-date" in err.message


def test_build_path_fills_and_checks_ids() -> None:
    assert build_path("ads/get", {"ad_account_id": "12", "ad_id": "34"}) == "/ad_accounts/12/ads/34"
    assert "--ad-account-id" in error_of(build_path, "ads/get", {"ad_account_id": "12/x", "ad_id": "3"}).message
    assert "--ad-id" in error_of(build_path, "ads/get", {"ad_account_id": "12"}).message


def test_enum_values_of_array_items() -> None:
    assert "GENDER" in enum_values("ad_account_targeting_analytics/get", "targeting_types")
    assert len(enum_values("ads/analytics", "columns")) > 100


def test_report_statuses_come_from_the_spec() -> None:
    assert {"FINISHED", "IN_PROGRESS", "FAILED"} <= set(report_statuses())


VALID_REPORT = {
    "start_date": "2024-01-01",
    "end_date": "2024-01-31",
    "granularity": "DAY",
    "level": "CAMPAIGN",
    "columns": ["SPEND_IN_DOLLAR", "TOTAL_IMPRESSION"],
    "campaign_ids": ["123"],
}


def test_valid_report_body_passes() -> None:
    validate_report_body(VALID_REPORT)


def test_invalid_report_body_lists_every_error_with_its_path() -> None:
    body = {**VALID_REPORT, "columns": ["SPEND_IN_DOLLAR", "CTR", "SPEND_IN_DOLAR"], "click_window_days": 5}
    del body["level"]
    err = error_of(validate_report_body, body)
    assert "$.columns[2]: 'SPEND_IN_DOLAR' is not a valid value (did you mean SPEND_IN_DOLLAR" in err.message
    assert "$.click_window_days:" in err.message
    assert "'level' is a required property" in err.message
    assert "TOTAL_IMPRESSION" not in err.message  # the long columns enum is not dumped


def test_sandbox_flags_follow_x_sandbox() -> None:
    assert sandbox_disabled("ad_pins/analytics")
    assert sandbox_disabled("analytics/create_report")
    assert not sandbox_disabled("campaigns/list")


@pytest.mark.parametrize("module", ["openapi_table", "enum_matching", "query_encoding", "report_body"])
def test_importing_the_request_checks_does_not_load_jsonschema_or_requests(module: str) -> None:
    code = (f"import sys, agent_ads_pinterest.{module}; "
            "print('jsonschema' in sys.modules, 'requests' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.split() == ["False", "False"]
