"""A command module that cannot be imported: only running this command may fail."""

raise ImportError("acme broken_cmd needs a library that is not installed")
