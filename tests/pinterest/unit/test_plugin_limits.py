"""The analytics limits the provider declares are the spec's numbers, per granularity."""

from agent_ads_core.plugins import Registry


def test_declared_analytics_limits_follow_granularity() -> None:
    spec = Registry().load().analytics["pinterest"]
    assert (spec.lookback("DAY"), spec.window_days("DAY")) == (90, 90)
    assert (spec.lookback("hour"), spec.window_days("hour")) == (8, 3)
    assert (spec.lookback("MONTH"), spec.window_days("MONTH")) == (90, 90)


def test_declared_report_lifecycle_covers_every_status_the_spec_lists() -> None:
    from agent_ads_pinterest import openapi_table

    spec = Registry().load().reports["pinterest"]
    assert spec.success_states | spec.failure_states | spec.pending_states == set(openapi_table.report_statuses())
    assert not spec.success_states & spec.failure_states and not spec.pending_states & spec.failure_states


def test_declared_id_batch_sizes_are_the_specs_max_items() -> None:
    from agent_ads_pinterest import openapi_table
    from agent_ads_pinterest.commands.analytics import AnalyticsQuery
    from agent_ads_pinterest.commands.analytics_common import BATCHED_IDS
    from agent_ads_pinterest.commands.targeting_analytics import TargetingAnalyticsQuery

    spec = Registry().load().analytics["pinterest"]
    checked = 0
    for command in (AnalyticsQuery, TargetingAnalyticsQuery):
        for level in command.levels.values():
            for param in BATCHED_IDS:
                if param in openapi_table.operation(level.op_id).query:
                    assert spec.ids_per_request(param) == openapi_table.max_items(level.op_id, param), (level, param)
                    checked += 1
    assert checked >= 7
