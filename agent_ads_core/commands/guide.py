"""``agent-ads <provider> guide``: registered by the core for every provider that declares a guide."""

from __future__ import annotations

import argparse

from agent_ads_core.command import Command
from agent_ads_core.guides import read_guide
from agent_ads_core.result import Result


class Guide(Command):
    """Print the provider's guide (Markdown): what each command is for, with worked examples."""

    status_output = True  # a document about agent-ads: no config file is read to choose a format

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        return Result(text=read_guide(self.ctx.provider(self.provider)), meta={"provider": self.provider})
