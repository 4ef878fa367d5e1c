"""The parts of cliff (and argparse) the core builds on, pinned: this fails loudly when they change shape.

pyproject pins ``cliff>=4.14,<5`` (4.14 is the newest cliff for Python 3.10); the core no longer touches ``cliff._argparse`` or
``CommandManager._get_last_possible_command_index``. What it still relies on beyond
documented API is listed here, so an upgrade that changes it breaks this test, not users.
"""

from __future__ import annotations

import inspect
from importlib import metadata

from cliff.app import App
from cliff.commandmanager import CommandManager


def _params(func) -> list[str]:
    return list(inspect.signature(func).parameters)


def test_cliff_is_within_the_pinned_range() -> None:
    major, minor = (int(part) for part in metadata.version("cliff").split(".")[:2])
    assert (4, 14) <= (major, minor) < (5, 0)


def test_app_and_command_manager_hooks_keep_their_signatures() -> None:
    assert _params(App.__init__)[:6] == ["self", "description", "version", "command_manager", "stdin", "stdout"]
    assert "stderr" in _params(App.__init__)
    assert _params(App.build_option_parser)[:4] == ["self", "description", "version", "argparse_kwargs"]
    assert _params(CommandManager.__init__)[:3] == ["self", "namespace", "convert_underscores"]
    assert _params(CommandManager.load_commands) == ["self", "namespace"]
    assert _params(CommandManager.add_command)[:3] == ["self", "name", "command_class"]
