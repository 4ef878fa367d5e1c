"""The description checks: fields, params, enums and Meta's encodings, before anything is sent."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from agent_ads_core.errors import ArgumentError
from agent_ads_meta import graph
from agent_ads_meta.auth import appsecret_proof
from agent_ads_meta.graph import Edge

INSIGHTS = Edge("AdAccount", "GET", "insights")


def test_fields_are_checked_against_the_node_with_a_suggestion() -> None:
    assert graph.check_fields("Campaign", "id, name,effective_status") == "id,name,effective_status"
    with pytest.raises(ArgumentError) as caught:
        graph.check_fields("Campaign", "id,nmae")
    assert "'nmae' is not a field of Campaign" in caught.value.message and "name" in caught.value.hint


def test_nested_fields_are_checked_against_the_nested_node() -> None:
    assert graph.check_fields("Ad", "id,creative{id,title}") == "id,creative{id,title}"
    with pytest.raises(ArgumentError, match="'titel' is not a field of AdCreative"):
        graph.check_fields("Ad", "creative{titel}")
    with pytest.raises(ArgumentError, match="never closed"):
        graph.check_fields("Ad", "creative{id")


def test_enums_take_any_case_and_are_sent_as_the_description_spells_them() -> None:
    # AdAccount GET adsets spells date_preset in upper case, every other edge in lower case.
    adsets = graph.build_params(Edge("AdAccount", "GET", "adsets"), {"date_preset": "last_7d"}, {})
    insights = graph.build_params(INSIGHTS, {"date_preset": "LAST_7D"}, {})
    assert adsets["date_preset"] == "LAST_7D" and insights["date_preset"] == "last_7d"


def test_a_bad_enum_value_names_the_flag_and_the_closest_values() -> None:
    with pytest.raises(ArgumentError) as caught:
        graph.build_params(INSIGHTS, {"breakdowns": ["agee"]}, {"breakdowns": "--breakdowns"})
    assert caught.value.message.startswith("--breakdowns: 'agee'") and "age" in caught.value.hint


def test_list_enums_and_json_params_are_compact_json_and_fields_comma_joined() -> None:
    sent = graph.build_params(INSIGHTS, {
        "fields": "spend,impressions", "breakdowns": ["AGE", "gender"],
        "time_range": {"since": "2026-03-01", "until": "2026-03-02"},
        "filtering": [{"field": "spend", "operator": "GREATER_THAN", "value": 1}],
        "use_unified_attribution_setting": True,
    }, {})
    assert sent == {
        "fields": "spend,impressions",
        "breakdowns": '["age","gender"]',
        "time_range": '{"since":"2026-03-01","until":"2026-03-02"}',
        "filtering": '[{"field":"spend","operator":"GREATER_THAN","value":1}]',
        "use_unified_attribution_setting": "true",
    }


def test_params_the_edge_does_not_take_are_refused_but_graph_wide_ones_pass() -> None:
    campaigns = Edge("AdAccount", "GET", "campaigns")
    assert graph.build_params(campaigns, {"limit": 5, "after": "c"}, {}) == {"limit": "5", "after": "c"}
    with pytest.raises(ArgumentError, match="--updated-since does not apply to GET /{adaccount}/campaigns"):
        graph.build_params(campaigns, {"updated_since": 1}, {"updated_since": "--updated-since"})


def test_required_params_are_enforced() -> None:
    with pytest.raises(ArgumentError, match="needs --ad-format"):
        graph.build_params(Edge("Ad", "GET", "previews"), {}, {"ad_format": "--ad-format"})


def test_insights_fields_are_ads_insights_fields_even_on_the_post() -> None:
    post = Edge("Campaign", "POST", "insights")
    assert post.returns == "AdReportRun" and post.fields_node == "AdsInsights"
    assert graph.build_params(post, {"fields": "spend"}, {}) == {"fields": "spend"}


def test_v26_removed_fields_are_refused() -> None:
    with pytest.raises(ArgumentError):
        graph.check_fields("AdsInsights", "marketing_messages_website_purchase")


def test_time_range_needs_both_ends_in_order() -> None:
    assert graph.time_range("2026-03-01", "2026-03-02") == {"since": "2026-03-01", "until": "2026-03-02"}
    with pytest.raises(ArgumentError, match="go together"):
        graph.time_range("2026-03-01", None)
    with pytest.raises(ArgumentError, match="before"):
        graph.time_range("2026-03-02", "2026-03-01")


def test_timestamps_accept_seconds_dates_and_iso_datetimes() -> None:
    assert graph.timestamp("1700000000", "--since") == 1700000000
    assert graph.timestamp("2026-03-01", "--since") == 1772323200
    assert graph.timestamp("2026-03-01T00:00:00Z", "--since") == 1772323200
    with pytest.raises(ArgumentError):
        graph.timestamp("yesterday", "--since")


def test_appsecret_proof_is_the_hex_hmac_of_the_token() -> None:
    expected = hmac.new(b"secret", b"token", hashlib.sha256).hexdigest()
    assert appsecret_proof("token", "secret") == expected


def test_the_data_file_is_small_and_only_what_commands_use() -> None:
    data = graph.description()
    assert set(data["graph_wide_params"]) == {"fields", "limit", "after", "before", "access_token", "appsecret_proof"}
    assert "AdAccount GET campaigns" in data["edges"] and "AdAccount POST campaigns" not in data["edges"]
    assert len(json.dumps(data)) < 200_000
