"""``make bench``: every benchmark in one run, a line per result, and ``benchmarks/results.json``.

Each line is a ratio (or a difference) measured within this run, next to its target; see
each module's docstring for what it compares. Nothing asserts: missed targets are printed
as MISSED and the run still succeeds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import analytics_range
import mcp_startup
import pinterest_list
import report_download
import startup
from harness import main

if __name__ == "__main__":
    sys.exit(main(startup.run, pinterest_list.run, analytics_range.run, report_download.run, mcp_startup.run,
                  results=Path(__file__).with_name("results.json")))
