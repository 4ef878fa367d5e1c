"""``agent-ads providers list``."""

from __future__ import annotations

import argparse

from agent_ads_core.command import Command
from agent_ads_core.helptext import INSTALL_HINT
from agent_ads_core.result import Result


class ProvidersList(Command):
    """List installed providers with their version, status and capabilities."""

    status_output = True

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        rows = []
        for record in self.registry.providers.values():
            row = {
                "name": record.name,
                "distribution": record.distribution,
                "version": record.version,
                "summary": record.info.summary if record.info else None,
                "docs_url": record.info.docs_url if record.info else None,
                "status": record.status,
                "capabilities": record.capabilities,
            }
            if record.error:
                row["error"] = record.error
            rows.append(row)
        warnings = [] if rows else [f"no providers installed; {INSTALL_HINT}"]
        return Result(data=rows, meta={"provider": None}, warnings=warnings)
