"""agent-ads core: the plugin host that ad-platform providers plug into."""

__version__ = "0.1.0"
