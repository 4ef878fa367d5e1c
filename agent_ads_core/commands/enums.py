"""``<provider> enums list``: every value of every enum flag, in full, as data.

Error hints cannot show 600 column names; they point here instead. The same table feeds
shell completion, so what completes, what is listed and what is accepted never differ.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from agent_ads_core.command import Command
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result
from agent_ads_core.suggest import did_you_mean

if TYPE_CHECKING:
    from agent_ads_core.context import RunContext

LOG = logging.getLogger("agent_ads")


def enum_rows(ctx: RunContext, prefix: str) -> Iterator[dict[str, Any]]:
    """``{"command", "flag", "values"}`` for each enum flag of each command under ``prefix``."""
    registry = ctx.registry
    for path in sorted(registry.commands):
        if prefix and path.split()[: len(prefix.split())] != prefix.split():
            continue
        try:
            spec = registry.resolve(path)
            command = spec.load()(ctx, path)
            values = command.enum_values()
        except Exception:  # a command that cannot load still leaves the others listed
            LOG.debug("cannot load '%s' for its enum flags", path, exc_info=True)
            continue
        for flag, choices in values.items():
            yield {"command": path, "flag": flag, "values": choices}


class EnumsList(Command):
    """List the valid values of enum flags (levels, granularities, columns, ...), in full.

    Narrow it with --command (e.g. 'analytics query') and --flag (e.g. columns).
    """

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--command", dest="command_words", metavar="WORDS",
                            help="only this command, e.g. 'report-runs submit'")
        parser.add_argument("--flag", metavar="NAME", help="only this flag, with or without dashes, e.g. columns")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        prefix = " ".join(filter(None, [self.provider, parsed_args.command_words]))
        rows = list(enum_rows(self.ctx, self.provider or ""))
        if parsed_args.command_words:
            commands = sorted({row["command"] for row in rows})
            rows = [row for row in rows if row["command"].startswith(prefix)]
            if not rows:
                raise ArgumentError(f"--command: no enum flags under '{prefix}'" + did_you_mean(prefix, commands),
                                    provider=self.provider)
        if parsed_args.flag:
            wanted = "--" + parsed_args.flag.lstrip("-")
            flags = sorted({row["flag"] for row in rows})
            rows = [row for row in rows if row["flag"] == wanted]
            if not rows:
                raise ArgumentError(f"--flag: no enum flag {wanted}" + did_you_mean(wanted, flags),
                                    provider=self.provider, hint="run without --flag to see them all")
        return Result(data=rows, meta=self.base_meta())
