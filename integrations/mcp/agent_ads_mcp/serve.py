"""``agent-ads mcp serve``: the command that runs the MCP server."""

from __future__ import annotations

import argparse

from agent_ads_core.command import Command
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result

TRANSPORTS = ("stdio", "streamable-http")


class Serve(Command):
    """Serve every installed provider's read-only commands as MCP tools, one tool per command.

    stdio (the default) is what desktop MCP clients launch; --transport streamable-http --port N
    listens on 127.0.0.1 only. Credentials come from this process's environment and the OS
    credential store, as for any agent-ads command; no tool takes a secret as an argument.
    """

    status_output = True  # writes no data to render: the protocol owns stdout

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--transport", choices=TRANSPORTS, default="stdio", help="how clients connect")
        parser.add_argument("--port", type=int, metavar="N", help="port on 127.0.0.1 (streamable-http only)")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        http = parsed_args.transport == "streamable-http"
        if http and parsed_args.port is None:
            raise ArgumentError("--transport streamable-http needs --port N")
        if not http and parsed_args.port is not None:
            raise ArgumentError("--port applies to --transport streamable-http only")
        if parsed_args.port is not None and not 0 < parsed_args.port < 65536:
            raise ArgumentError("--port must be between 1 and 65535")
        from agent_ads_mcp import server

        mcp_server = server.build_server(server.ToolCatalog())
        if http:
            server.serve_http(mcp_server, parsed_args.port)
        else:
            server.serve_stdio(mcp_server)
        return Result(text="")  # stdout was the protocol stream: nothing more is written to it
