"""Pinterest Ads provider for agent-ads."""

__version__ = "0.1.0"
