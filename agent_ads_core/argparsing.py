"""argparse adapted to the JSON error contract.

Stock argparse prints usage text and exits 2 on a bad flag; agents need the same exit
code with one JSON object instead, so :class:`ArgumentParser` raises
:class:`~agent_ads_core.errors.ArgumentError`. Abbreviated long options are refused:
``--camp`` silently meaning ``--campaign-id`` is a trap for scripted callers.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from cliff import _argparse

from agent_ads_core.errors import ArgumentError


class ArgumentParser(_argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise ArgumentError(message, hint=f"see '{self.prog} --help'")


def split_values(values: Iterable[str]) -> list[str]:
    """``["1,2", "3", "2"]`` -> ``["1", "2", "3"]``: commas and repeats mean the same, order kept."""
    seen: dict[str, None] = {}
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part:
                seen.setdefault(part, None)
    return list(seen)


class ListAction(argparse.Action):
    """A flag that takes comma-separated values and may be repeated (``--id 1,2 --id 3``)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        current = list(getattr(namespace, self.dest, None) or [])
        setattr(namespace, self.dest, split_values([*current, str(values)]))


def add_list_argument(parser: argparse.ArgumentParser, *flags: str, **kwargs: Any) -> argparse.Action:
    kwargs.setdefault("metavar", "ID[,ID...]")
    return parser.add_argument(*flags, action=ListAction, default=None, **kwargs)
