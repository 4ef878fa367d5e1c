"""What every registered command accepts, read from its argparse parser.

The agent skill's command reference and the MCP plugin's tool schemas are both built from
these records, so neither can drift from the flags the CLI really parses. Describing a
command imports its class (and so its module): only the commands that need every parser
(``skill export``, ``mcp serve``) call this, never ``--help``.
"""

from __future__ import annotations

import argparse
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from agent_ads_core.argparsing import ListAction
from agent_ads_core.global_options import add_to_parser

if TYPE_CHECKING:
    from agent_ads_core.context import RunContext
    from agent_ads_core.declarations import CommandSpec
    from agent_ads_core.plugins import Registry

LOG = logging.getLogger("agent_ads")

# argparse ``type`` callables, or the return annotation of a validating one (``positive_seconds -> float``),
# -> JSON Schema type names
_TYPE_NAMES = {int: "integer", float: "number", "int": "integer", "float": "number"}


@dataclass(frozen=True)
class Flag:
    """One option of a command, as an agent needs to know it.

    ``kind`` is ``boolean`` (a switch), ``integer``, ``number``, ``string`` or ``array``
    (comma-separated or repeated values). ``negation`` is the switch that sets the same
    destination to false (``--no-include-shared-accounts``), when the parser has one.
    """

    name: str  # the long option, e.g. "--ad-account-id"
    aliases: tuple[str, ...]
    dest: str
    kind: str
    required: bool
    default: Any
    choices: tuple[Any, ...] | None
    help: str
    metavar: str | None
    negation: str | None = None

    @property
    def key(self) -> str:
        """The option as an identifier (``ad_account_id``): MCP argument names, Python keywords."""
        return self.name.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class CommandReference:
    """A command's words, summary, full description and flags (``error`` when its class cannot load)."""

    spec: CommandSpec
    description: str = ""
    flags: tuple[Flag, ...] = ()
    error: str | None = None
    command_class: type | None = None

    @property
    def path(self) -> str:
        return self.spec.path


def _kind(action: argparse.Action) -> str:
    if isinstance(action, (argparse._StoreTrueAction, argparse._StoreFalseAction)):
        return "boolean"
    if isinstance(action, (ListAction, argparse._AppendAction)) or action.nargs in ("*", "+"):
        return "array"
    if isinstance(action, argparse._CountAction):
        return "integer"
    if action.type in (int, float):
        return _TYPE_NAMES[action.type]
    returns = getattr(action.type, "__annotations__", {}).get("return") if callable(action.type) else None
    return _TYPE_NAMES.get(returns, "string") if isinstance(returns, (str, type)) else "string"


def flags_of(parser: argparse.ArgumentParser, enums: dict[str, list[str]] | None = None) -> tuple[Flag, ...]:
    """The parser's options in declaration order; a store_false twin becomes the ``negation`` of its switch.

    ``enums`` (flag -> allowed values, from :meth:`Command.enum_values`) adds the values a command checks
    itself, e.g. against its API description, to those argparse knows (``choices``).
    """
    flags: dict[str, Flag] = {}
    negations: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or not action.option_strings:
            continue
        longs = [o for o in action.option_strings if o.startswith("--")] or list(action.option_strings)
        if isinstance(action, argparse._StoreFalseAction) and any(f.dest == action.dest for f in flags.values()):
            negations[action.dest] = longs[0]
            continue
        default = None if action.default is argparse.SUPPRESS else action.default
        values = next((enums[o] for o in action.option_strings if o in (enums or {})), action.choices)
        flags[longs[0]] = Flag(
            name=longs[0],
            aliases=tuple(o for o in action.option_strings if o != longs[0]),
            dest=action.dest,
            kind=_kind(action),
            required=bool(action.required),
            default=default,
            choices=tuple(values) if values is not None else None,
            help=(action.help or "").replace("%%", "%"),
            metavar=action.metavar if isinstance(action.metavar, str) else None,
        )
    return tuple(replace(f, negation=negations[f.dest]) if f.dest in negations else f for f in flags.values())


def describing_context(registry: Registry) -> RunContext:
    """A run context for building parsers only (default global options; nothing is sent or written)."""
    from agent_ads_core.context import RunContext

    parser = argparse.ArgumentParser(add_help=False)
    add_to_parser(parser)
    return RunContext(registry, parser.parse_args([]), io.StringIO(), io.StringIO())


def describe(ctx: RunContext, spec: CommandSpec) -> CommandReference:
    """Load the command's class, build its parser as a run would, and read it."""
    try:
        command_class = spec.load()
        command = command_class(ctx, spec.path)
        parser = command.get_parser(f"agent-ads {spec.path}")
    except Exception as exc:  # a broken command is reported, never fatal to the whole reference
        LOG.debug("cannot describe '%s'", spec.path, exc_info=True)
        return CommandReference(spec, error=f"{type(exc).__name__}: {exc}")
    return CommandReference(spec, command.get_description(), flags_of(parser, command.enum_values()),
                            command_class=command_class)


def describe_all(ctx: RunContext, owner: str | None = None) -> Iterator[CommandReference]:
    """Every registered command (of one provider or plugin when ``owner`` is given), in path order."""
    for path in sorted(ctx.registry.commands):
        spec = ctx.registry.commands[path]
        if owner is None or spec.owner == owner:
            yield describe(ctx, spec)
