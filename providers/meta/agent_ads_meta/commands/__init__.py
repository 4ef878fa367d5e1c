"""The ``agent-ads meta ...`` commands, one module per group of Graph objects."""
