"""Pinterest commands, one module per command group, each imported only when it runs."""
