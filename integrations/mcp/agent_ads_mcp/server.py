"""The MCP server: tools built from the registrations, each call run in-process through the Python API.

Calls run in worker threads (the API is thread-safe), so a slow report wait never blocks other
requests; their progress lines become MCP progress notifications. Every failure is returned as a
tool error carrying the CLI's JSON error (type, message, hint), never a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

import anyio
import anyio.from_thread
import anyio.to_thread
import mcp_types as types
from mcp.server import Server

from agent_ads_core import __version__, api
from agent_ads_core.errors import AgentAdsError, ArgumentError, InternalError
from agent_ads_mcp.tools import CommandTool, command_tools

LOG = logging.getLogger("agent_ads")
PROVIDERS_TOOL = "agent_ads_providers"
GUIDE_TOOL = "agent_ads_guide"
INSTRUCTIONS = ("Read-only access to advertising platform APIs through agent-ads. Each tool is one "
                f"'agent-ads <provider> <command>'; call {GUIDE_TOOL} for a provider's guide before its first use. "
                "Errors carry a JSON object with type, message and a hint naming the fix.")
READ_ONLY = types.ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                                  open_world_hint=True)


class ToolCatalog:
    """The tools of this server, built once at start (command classes are imported once)."""

    def __init__(self) -> None:
        registry = api.registry()
        self.commands = {tool.name: tool for tool in command_tools(registry)}
        self.guides = sorted(r.name for r in registry.usable_providers() if r.info.guide)

    def tools(self) -> list[types.Tool]:
        tools = [
            types.Tool(name=PROVIDERS_TOOL, description="List installed providers, their status and capabilities.",
                       input_schema={"type": "object", "properties": {}, "additionalProperties": False},
                       annotations=READ_ONLY),
            types.Tool(name=GUIDE_TOOL, description="A provider's guide (Markdown): what each command is for, "
                       "with worked examples. Read it before using a provider's tools.",
                       input_schema={"type": "object", "required": ["provider"], "additionalProperties": False,
                                     "properties": {"provider": {"type": "string", "enum": self.guides}}},
                       annotations=READ_ONLY),
        ]
        tools += [types.Tool(name=t.name, description=t.description + f"\n\nCLI: agent-ads {t.path}",
                             input_schema=t.input_schema, annotations=READ_ONLY) for t in self.commands.values()]
        return tools

    def argv(self, name: str, arguments: dict[str, Any] | None) -> list[str]:
        if name == PROVIDERS_TOOL:
            return ["providers", "list"]
        if name == GUIDE_TOOL:
            provider = (arguments or {}).get("provider")
            if provider not in self.guides:
                raise ArgumentError(f"{GUIDE_TOOL}: unknown provider {provider!r}",
                                    hint=f"one of: {', '.join(self.guides) or 'none installed'}")
            return [provider, "guide"]
        tool: CommandTool | None = self.commands.get(name)
        if tool is None:
            raise ArgumentError(f"unknown tool '{name}'", hint=f"see tools/list ({len(self.commands) + 2} tools)")
        return tool.argv(arguments)


def call(catalog: ToolCatalog, name: str, arguments: dict[str, Any] | None,
         progress: Callable[[str], None]) -> types.CallToolResult:
    """Run one tool call to completion (in a worker thread): the envelope, or the JSON error."""
    try:
        response = api.run(catalog.argv(name, arguments), progress=progress)
        envelope = response.envelope()
    except AgentAdsError as exc:
        return error_result(exc)
    except Exception as exc:  # never a traceback to the client; -vv logs it on stderr
        LOG.debug("tool %s failed", name, exc_info=True)
        return error_result(InternalError(f"unexpected {type(exc).__name__}: {exc}"))
    text = envelope["data"] if isinstance(envelope["data"], str) else json.dumps(envelope, ensure_ascii=False,
                                                                                  default=str)
    structured = json.loads(json.dumps(envelope, default=str))  # plain JSON values only
    return types.CallToolResult(content=[types.TextContent(text=text)], structured_content=structured)


def error_result(exc: AgentAdsError) -> types.CallToolResult:
    body = exc.to_dict()
    return types.CallToolResult(content=[types.TextContent(text=json.dumps(body, ensure_ascii=False, default=str))],
                                structured_content=json.loads(exc.to_json()), is_error=True)


def build_server(catalog: ToolCatalog) -> Server:
    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=catalog.tools())

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        sent = 0

        def progress(message: str) -> None:
            nonlocal sent
            sent += 1
            anyio.from_thread.run(partial(ctx.session.report_progress, sent, None, message))

        return await anyio.to_thread.run_sync(call, catalog, params.name, params.arguments, progress)

    return Server("agent-ads", version=__version__, instructions=INSTRUCTIONS,
                  on_list_tools=list_tools, on_call_tool=call_tool)


def serve_stdio(server: Server) -> None:
    from mcp.server.stdio import stdio_server

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(main)


def serve_http(server: Server, port: int) -> None:
    """Streamable HTTP on 127.0.0.1 only: the tools act with this machine's credentials."""
    import uvicorn

    app = server.streamable_http_app(host="127.0.0.1")
    uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")).run()
