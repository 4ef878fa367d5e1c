"""Help listings built from registered summaries, so ``--help`` imports no command class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent_ads_core import suggest
from agent_ads_core.global_options import GLOBAL_OPTIONS

if TYPE_CHECKING:
    from agent_ads_core.plugins import Registry

INSTALL_HINT = ("providers are separate packages named agent-ads-<platform>: pip install one, "
                "then run 'agent-ads providers list'")
NO_PROVIDERS = (
    "No providers are installed, so only the core commands are available.\n"
    f"{INSTALL_HINT[0].upper()}{INSTALL_HINT[1:]}.\n"
)


def _table(rows: list[tuple[str, str]]) -> str:
    width = max((len(a) for a, _ in rows), default=0)
    return "".join(f"  {a.ljust(width)}  {b}\n" for a, b in rows)


def commands_under(registry: Registry, prefix: list[str]) -> list[tuple[str, str]]:
    n = len(prefix)
    return [(spec.path, spec.summary) for path, spec in sorted(registry.commands.items())
            if path.split()[:n] == prefix]


def is_group(registry: Registry, words: list[str]) -> bool:
    return bool(words) and any(path.split()[: len(words)] == words for path in registry.commands)


def top_level(registry: Registry) -> str:
    options = _table([(", ".join(o.flags), o.kwargs.get("help", "")) for o in GLOBAL_OPTIONS])
    core = [(s.path, s.summary) for s in sorted(registry.commands.values(), key=lambda s: s.path)
            if s.owner == "core"]
    providers = [(r.name, f"{r.info.summary}  (agent-ads {r.name} --help)")
                 for r in registry.usable_providers()]
    text = (
        "usage: agent-ads [global options] <command> [options]\n\n"
        "Query ad platforms from the terminal: read-only, JSON on stdout, JSON errors on stderr.\n"
        "Global options work before or after the command.\n\n"
        f"Global options:\n{options}\nCore commands:\n{_table(core)}\n"
    )
    text += f"Providers:\n{_table(providers)}" if providers else NO_PROVIDERS
    return text + "\nExit codes: 0 ok, 1 transport/internal, 2 config/argument, provider codes for API errors.\n"


def group(registry: Registry, words: list[str]) -> str:
    prefix = " ".join(words)
    rows = [(path[len(prefix) + 1 :], summary) for path, summary in commands_under(registry, words)]
    return (f"usage: agent-ads {prefix} <command> [options]\n\n"
            f"Commands:\n{_table(rows)}\nRun 'agent-ads {prefix} <command> --help' for a command's flags.\n")


def closest(registry: Registry, words: list[str], limit: int = 3) -> list[str]:
    """Commands (or groups) nearest to what was typed, compared with as many leading words."""
    heads = {" ".join(path.split()[: len(words)]) for path in registry.all_paths()}
    return suggest.closest(" ".join(words), sorted(heads), limit=limit)
