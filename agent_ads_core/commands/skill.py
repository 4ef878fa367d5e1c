"""``skill export --dir PATH`` and ``skill show``: the agent skill generated from the installed providers."""

from __future__ import annotations

import argparse
from pathlib import Path

from agent_ads_core import skill
from agent_ads_core.command import Command
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result


class SkillShow(Command):
    """Print SKILL.md: what agent-ads is, its contract, and one routing row per installed provider."""

    status_output = True

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        return Result(text=skill.skill_markdown(self.registry), meta={"provider": None})


class SkillExport(Command):
    """Write the agent skill folder: SKILL.md and references/<provider>.md (guide + every command and flag).

    Files of the same names are replaced; nothing else in the folder is touched.
    """

    status_output = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--dir", required=True, metavar="PATH",
                            help="the skill folder to write (created if missing), e.g. ~/.claude/skills/agent-ads")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        target = Path(parsed_args.dir).expanduser()
        if target.exists() and not target.is_dir():
            raise ArgumentError(f"--dir: not a directory: {target}")
        files = skill.skill_files(self.ctx)
        for relative, content in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return Result(data={"dir": str(target.resolve()), "files": sorted(files)}, meta={"provider": None})
