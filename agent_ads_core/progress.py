"""One status line on stderr for long work, for a person watching a terminal.

Agents and pipes must see exactly what they saw before progress existed, so a
:class:`Progress` draws only when stderr is a terminal, ``-q`` is not given and no
``-v`` request log is writing to the same stream; otherwise every call is a no-op.

The line shows what the command is *waiting on* (the next page, request n of m, a report
being built, a download) and is erased as soon as the wait ends, before the command
writes anything else: data on a terminal stdout and progress on a terminal stderr share
one screen, and a half-drawn status line must never end up in front of a row.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from agent_ads_core.redaction import redact

# Redraws within one wait are limited to this rate; the first draw of a wait is immediate.
REDRAW_SECONDS = 0.1
ERASE_LINE = "\r\x1b[K"


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class Progress:
    """The run's status line; the core's runners report their waits to it through the run context."""

    def __init__(self, stream: TextIO | None, *, enabled: bool, width: int = 80,
                 clock: Callable[[], float] = time.monotonic, sink: Callable[[str], None] | None = None) -> None:
        self.stream = stream
        self.enabled = enabled
        self.sink = sink
        self.width = max(width, 20)
        self.clock = clock
        self._drawn_at: float | None = None  # when the visible line was last drawn; None = nothing on screen

    @classmethod
    def for_stream(cls, stream: TextIO, *, quiet: bool, verbose: int, width: int) -> Progress:
        """Enabled only for a person at a terminal who did not ask for silence or a request log."""
        try:
            interactive = stream.isatty()
        except (AttributeError, ValueError):
            interactive = False
        return cls(stream, enabled=interactive and not quiet and not verbose, width=width)

    @classmethod
    def for_callback(cls, sink: Callable[[str], None]) -> Progress:
        """Every status text, unthrottled, to ``sink`` (the Python API's ``progress=``, MCP progress notifications)."""
        return cls(None, enabled=True, sink=sink)

    # -- the events runners report -------------------------------------------------
    def listing(self, pages: int, items: int) -> None:
        """A paged listing is about to fetch page ``pages + 1``."""
        self.status(f"fetching page {pages + 1} ({_plural(items, 'item')} so far)")

    def requests(self, done: int, total: int, rows: int) -> None:
        """A run of ``total`` requests (windows x id batches) is about to send request ``done + 1``."""
        self.status(f"request {done + 1} of {total} ({_plural(rows, 'row')} so far)")

    def report(self, label: str, state: str, elapsed: float, percent: float | None = None) -> None:
        """An asynchronous report is being built; ``percent`` when the API says how far along it is."""
        done = f", {percent:.0f}%" if percent is not None else ""
        self.status(f"{label}: {state}{done}, {elapsed:.0f}s elapsed")

    def download(self, received: int, rows: int) -> None:
        """A file is being downloaded and parsed."""
        self.status(f"downloading: {_size(received)}, {_plural(rows, 'row')}")

    # -- drawing ---------------------------------------------------------------------
    def status(self, text: str) -> None:
        """Draw ``text`` as the one status line, replacing what was there."""
        if not self.enabled:
            return
        if self.sink is not None:
            self.sink(text)
            return
        now = self.clock()
        if self._drawn_at is not None and now - self._drawn_at < REDRAW_SECONDS:
            return
        line = redact("agent-ads: " + text)
        if len(line) > self.width - 1:  # never wrap: a wrapped line cannot be erased with \r
            line = line[: self.width - 2] + "…"
        self.stream.write(ERASE_LINE + line)
        self.stream.flush()
        self._drawn_at = now

    def clear(self) -> None:
        """Erase the line, if one is drawn; the wait it described is over."""
        if self._drawn_at is None:
            return
        self.stream.write(ERASE_LINE)
        self.stream.flush()
        self._drawn_at = None
