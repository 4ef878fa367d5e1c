"""MCP tools derived from the registrations: one per read-only command of every installed provider.

Nothing here imports the MCP SDK: a tool is a name, a description and a JSON Schema read from the
command's argparse parser (:mod:`agent_ads_core.command_reference`), plus the mapping of call
arguments back to the argv the CLI would parse. A call runs that argv through the Python API, so a
tool validates, authenticates, retries and fails exactly like the command.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from agent_ads_core.command_reference import CommandReference, Flag, describe_all, describing_context
from agent_ads_core.errors import ArgumentError
from agent_ads_core.plugins import GUIDE_COMMAND, Registry

# Flags naming a local file: the server's files are not the caller's, and "-" would read the protocol stream.
LOCAL_FILE_METAVARS = frozenset({"PATH"})
_SCHEMA_TYPES = {"boolean": "boolean", "integer": "integer", "number": "number", "string": "string"}


@dataclass(frozen=True)
class CommandTool:
    """One command exposed as a tool."""

    name: str
    path: str
    description: str
    flags: tuple[Flag, ...]

    @property
    def input_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {flag.key: flag_schema(flag) for flag in self.flags},
            "required": [flag.key for flag in self.flags if flag.required],
            "additionalProperties": False,
        }

    def argv(self, arguments: Mapping[str, Any] | None) -> list[str]:
        """The argv the CLI would get for these arguments; unknown names are an argument error."""
        by_key = {flag.key: flag for flag in self.flags}
        argv = self.path.split()
        for key, value in (arguments or {}).items():
            flag = by_key.get(key)
            if flag is None:
                close = difflib.get_close_matches(key, list(by_key), n=3)
                hint = f"did you mean: {', '.join(close)}? " if close else ""
                raise ArgumentError(f"{self.name}: unknown argument '{key}'",
                                    hint=hint + f"arguments: {', '.join(by_key) or 'none'}")
            argv += flag_argv(flag, value)
        return argv


def flag_schema(flag: Flag) -> dict[str, Any]:
    description = flag.help or ""
    if flag.metavar and flag.kind != "boolean":
        description = f"{description} ({flag.metavar})" if description else flag.metavar
    if flag.kind == "array":
        items: dict[str, Any] = {"type": "string"}
        if flag.choices:
            items["enum"] = list(flag.choices)
        schema: dict[str, Any] = {"type": "array", "items": items}
    else:
        schema = {"type": _SCHEMA_TYPES[flag.kind]}
        if flag.choices:
            schema["enum"] = list(flag.choices)
    if flag.default is not None and not (flag.kind == "boolean" and flag.default is False):
        schema["default"] = flag.default
    if description:
        schema["description"] = description
    return schema


def flag_argv(flag: Flag, value: Any) -> list[str]:
    if flag.kind == "boolean":
        if value is True or str(value).lower() == "true":
            return [flag.name]
        return [flag.negation] if flag.negation else []
    if value is None:
        return []
    if flag.kind == "array":
        values = value if isinstance(value, (list, tuple)) else [value]
        return [f"{flag.name}={item}" for item in values]
    return [f"{flag.name}={value}"]


def exposed(ref: CommandReference, providers: Iterable[str]) -> bool:
    """Read-only data commands of providers: not the credential writers, not the guide (its own tool)."""
    return (ref.spec.owner in providers and ref.error is None and ref.spec.target != GUIDE_COMMAND
            and getattr(ref.command_class, "read_only", False))


def tool_name(path: str) -> str:
    return "_".join(path.replace("-", "_").split())


def command_tools(registry: Registry) -> list[CommandTool]:
    """Every exposed command of every installed provider, its classes imported once."""
    providers = {record.name for record in registry.usable_providers()}
    tools = []
    for ref in describe_all(describing_context(registry)):
        if not exposed(ref, providers):
            continue
        flags = tuple(f for f in ref.flags if f.metavar not in LOCAL_FILE_METAVARS)
        description = ref.spec.summary + (f"\n\n{ref.description}" if ref.description else "")
        tools.append(CommandTool(tool_name(ref.path), ref.path, description, flags))
    return tools
