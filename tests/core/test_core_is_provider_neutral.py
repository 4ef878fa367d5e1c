"""The core names no provider: everything provider-specific arrives through the hooks."""

from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "agent_ads_core"
# Lower-cased words that only a provider may say: names, env prefixes, API hosts.
PROVIDER_WORDS = ("pinterest", "meta_ads_", "graph.facebook", "facebook")


def test_no_core_module_mentions_a_provider() -> None:
    offenders = [f"{path.relative_to(CORE)}: {word}" for path in CORE.rglob("*.py")
                 for word in PROVIDER_WORDS if word in path.read_text(encoding="utf-8").lower()]
    assert offenders == []
