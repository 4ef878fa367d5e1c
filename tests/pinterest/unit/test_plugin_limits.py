"""The analytics limits the provider declares are the spec's numbers, per granularity."""

from agent_ads_core.plugins import Registry


def test_declared_analytics_limits_follow_granularity() -> None:
    spec = Registry().load().analytics["pinterest"]
    assert (spec.lookback("DAY"), spec.window_days("DAY")) == (90, 90)
    assert (spec.lookback("hour"), spec.window_days("hour")) == (8, 3)
    assert (spec.lookback("MONTH"), spec.window_days("MONTH")) == (90, 90)


def test_declared_report_lifecycle_covers_every_status_the_spec_lists() -> None:
    from agent_ads_pinterest import apispec

    spec = Registry().load().reports["pinterest"]
    assert spec.success_states | spec.failure_states | {"IN_PROGRESS"} == set(apispec.report_statuses())
    assert not spec.success_states & spec.failure_states
