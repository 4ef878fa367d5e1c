"""The plugin's hook implementation: one command, imported only when it runs (the MCP SDK with it)."""

from __future__ import annotations

from collections.abc import Callable

from agent_ads_core.hookspecs import hookimpl


@hookimpl
def register_commands(register: Callable) -> None:
    register("mcp serve", "agent_ads_mcp.serve:Serve",
             "serve every installed provider's read-only commands as MCP tools (stdio, or --transport streamable-http)")
