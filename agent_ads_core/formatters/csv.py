"""``--format csv``: nested objects flattened to dot-path columns, the header the union of all keys.

Values are written as they are (data fidelity); with ``--csv-safe`` a text value starting
like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets a leading ``'``, as spreadsheet
tools expect, so opening the file never runs what an ad's name contained.

The header needs every key before the first row is written, so flattened rows are spooled
to a temporary file instead of being held in memory.
"""

from __future__ import annotations

import csv
import json
import math
import tempfile
from typing import Any, TextIO

from agent_ads_core.formatters.base import Formatter, dumps, flatten, pages_of
from agent_ads_core.result import Result

# What spreadsheet tools read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, csv_safe: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # as JSON writes null
    if csv_safe and isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as text, never evaluated
    return value


class CsvFormatter(Formatter):
    name = "csv"
    supports_envelope = False

    def write(self, result: Result, out: TextIO) -> None:
        columns: dict[str, None] = {}
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            for page in pages_of(result):
                for item in page:
                    row = flatten(item)
                    for key in row:
                        columns.setdefault(key, None)
                    spool.write(dumps(row) + "\n")
            spool.seek(0)
            writer = csv.writer(out, lineterminator="\n")
            header = list(columns) or list(result.columns or [])
            if header:
                writer.writerow(header)
            for line in spool:
                row = json.loads(line)
                writer.writerow([_cell(row.get(key), self.csv_safe) for key in header])
