"""A provider whose plugin module fails to import."""

raise RuntimeError("agent_ads_broken cannot start")
