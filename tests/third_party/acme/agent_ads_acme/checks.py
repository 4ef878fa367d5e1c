"""Doctor checks of the fake provider."""

from agent_ads_core.declarations import CheckResult


def local_check(ctx) -> CheckResult:
    return CheckResult(True, f"region {ctx.setting('region')}")


def api_check(ctx) -> CheckResult:
    return CheckResult(False, "api unreachable (test double)")
