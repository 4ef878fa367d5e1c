"""agent-ads MCP server: a plugin that serves every installed provider's read-only commands as MCP tools."""
