"""A third-party output formatter: tab-separated values, installed through an entry point only."""

from __future__ import annotations

from typing import TextIO

from agent_ads_core.formatters.base import Formatter, flatten, pages_of
from agent_ads_core.result import Result


class TsvFormatter(Formatter):
    """One line per record; columns are the first record's keys (enough for a test double)."""

    name = "tsv"
    supports_envelope = False

    def write(self, result: Result, out: TextIO) -> None:
        header: list[str] | None = None
        for page in pages_of(result):
            for item in page:
                row = flatten(item)
                if header is None:
                    header = list(row)
                    out.write("\t".join(header) + "\n")
                out.write("\t".join(str(row.get(key, "")) for key in header) + "\n")
