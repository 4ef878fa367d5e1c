"""The core names no provider: everything provider-specific arrives through the hooks."""

from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "agent_ads_core"


def test_no_core_module_mentions_a_provider() -> None:
    offenders = [str(path.relative_to(CORE)) for path in CORE.rglob("*.py")
                 if "pinterest" in path.read_text(encoding="utf-8").lower()]
    assert offenders == []
