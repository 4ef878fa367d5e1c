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

from agent_ads_core.errors import ArgumentError
from agent_ads_core.global_options import GLOBAL_OPTIONS
from agent_ads_core.suggest import did_you_mean


class ArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise ArgumentError(message, hint=f"see '{self.prog} --help'")

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        """Like argparse's, but a mistyped flag is answered with the nearest real one."""
        known = list(self._option_string_actions)
        try:
            parsed, extras = self.parse_known_args(args, namespace)
        except ArgumentError:
            # "--colums X" also leaves --columns missing: the typo is the error worth reporting
            typos = [token for token in args or [] if token.startswith("--") and token.split("=", 1)[0] not in known]
            if typos:
                self.error(unrecognized(typos, known))
            raise
        if extras:
            self.error(unrecognized(extras, known))
        return parsed


def unrecognized(tokens: Sequence[str], known: Iterable[str]) -> str:
    """The error for flags nobody declared, naming the nearest real flag of the first one."""
    flags = [flag for flag in known if flag.startswith("--")]
    flags += [flag for opt in GLOBAL_OPTIONS for flag in opt.flags if flag.startswith("--")]
    typos = [token.split("=", 1)[0] for token in tokens if token.startswith("--")]
    return f"unrecognized arguments: {' '.join(tokens)}" + "".join(did_you_mean(typo, flags) for typo in typos[:1])


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
