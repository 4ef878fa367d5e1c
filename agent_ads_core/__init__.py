"""agent-ads core: the plugin host that providers (Pinterest, ...) plug into."""

__version__ = "0.1.0"
