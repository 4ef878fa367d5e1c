"""``--format jsonl``: one compact JSON record per line; the envelope's trailer is the last line."""

from __future__ import annotations

from typing import TextIO

from agent_ads_core.formatters.base import Formatter, dumps, pages_of, trailer
from agent_ads_core.result import Result


class JsonlFormatter(Formatter):
    name = "jsonl"

    def write(self, result: Result, out: TextIO) -> None:
        for page in pages_of(result):
            for item in page:
                out.write(dumps(item) + "\n")
            out.flush()
        if self.envelope:
            out.write(dumps(trailer(result)) + "\n")
