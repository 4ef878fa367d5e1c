"""``complete --shell bash|zsh|fish``: print a completion script (see :mod:`agent_ads_core.completion`).

Completion is the one place that needs every command's flags, so it alone imports all
command classes.
"""

from __future__ import annotations

import argparse

from agent_ads_core.command import Command
from agent_ads_core.completion import SHELLS, build_table, script
from agent_ads_core.result import Result
from agent_ads_core.validation import Choice


class Complete(Command):
    """Print a shell completion script: commands, flags, global options and enum values.

    bash:  eval "$(agent-ads complete --shell bash)"    (e.g. in ~/.bashrc)
    zsh:   eval "$(agent-ads complete --shell zsh)"     (e.g. in ~/.zshrc)
    fish:  agent-ads complete --shell fish > ~/.config/fish/completions/agent-ads.fish
    """

    status_output = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--shell", type=Choice(SHELLS), default="bash", metavar="{bash,zsh,fish}",
                            help="the shell to complete in (default bash)")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        """A script is text for the shell, not data: the app writes it as is, whatever --format."""
        return Result(text=script(parsed_args.shell, build_table(self.ctx)))
