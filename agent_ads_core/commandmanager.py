"""cliff's CommandManager, fed by registered command specs instead of a stevedore scan.

Stock cliff builds a stevedore ``ExtensionManager`` which imports every command module at
start-up (the reason OpenStack's client grew slow). Here the table of commands is the
registry's ``path -> "module:Class"`` strings; a class is imported only when its command
runs (or when ``complete`` needs every parser).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cliff.commandmanager import CommandManager

from agent_ads_core.declarations import CommandSpec

if TYPE_CHECKING:
    from agent_ads_core.plugins import Registry


def command_words(argv: list[str]) -> list[str]:
    """The leading tokens that can name a command: everything before the first option."""
    for i, token in enumerate(argv):
        if token.startswith("-"):
            return argv[:i]
    return list(argv)


class LazyEntryPoint:
    """Looks like the entry point cliff expects, but imports on ``load()`` only."""

    def __init__(self, name: str, spec: CommandSpec) -> None:
        self.name = name
        self.spec = spec

    @property
    def value(self) -> str:
        return self.spec.target

    def load(self) -> type:
        return self.spec.load()


class LazyCommandManager(CommandManager):
    def __init__(self, registry_source) -> None:
        self._registry_source = registry_source
        super().__init__(namespace=None, convert_underscores=True)

    @property
    def registry(self) -> Registry:
        return self._registry_source()

    def load_commands(self, namespace: str) -> None:
        """Never scan entry points for commands: providers register them through hooks."""

    def add_command(self, name: str, command_class: type) -> None:
        """cliff's own ``help`` and ``complete`` are replaced by the core plugin's."""

    def __iter__(self) -> Iterator[tuple[str, LazyEntryPoint]]:
        registry = self.registry
        for path in registry.all_paths():
            yield path, LazyEntryPoint(path, registry.resolve(path))

    def find_spec(self, words: list[str]) -> tuple[CommandSpec, str, int] | None:
        """The longest run of leading words that names a command or alias."""
        for i in range(len(words), 0, -1):
            name = " ".join(words[:i])
            spec = self.registry.resolve(name)
            if spec is not None:
                return spec, name, i
        return None

    def find_command(self, argv: list[str]) -> tuple[type, str, list[str]]:
        found = self.find_spec(command_words(argv))
        if found is None:
            raise ValueError(f"Unknown command {argv!r}")
        spec, _name, used = found
        return spec.load(), spec.path, argv[used:]
