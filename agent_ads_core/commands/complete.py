"""Shell completion: cliff's generator, fed by the lazy command table.

Completion is the one place that needs every command's flags, so it alone imports all
command classes.
"""

from __future__ import annotations

import argparse
import logging

from cliff.complete import CompleteCommand

LOG = logging.getLogger("agent_ads")


class Complete(CompleteCommand):
    """Print a shell completion script (bash; --shell none for data)."""

    def _load_hooks(self) -> None:
        self._hooks = []

    def get_actions(self, command: list[str]) -> list[argparse.Action]:
        """A command whose module cannot be imported still completes by name, just without flags."""
        try:
            cmd_factory, cmd_name, _rest = self.app.command_manager.find_command(command)
            cmd = cmd_factory(self.app, None, cmd_name=cmd_name)
            return cmd.get_parser(f"agent-ads {cmd_name}")._get_optional_actions()
        except Exception:
            LOG.debug("cannot load '%s' for completion", " ".join(command), exc_info=True)
            return []
