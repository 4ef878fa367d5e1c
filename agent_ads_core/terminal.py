"""What the core needs to know about the terminal a person is watching: is there one, and how big.

``COLUMNS``/``LINES`` win (they are how a user or a script forces a size, e.g. for output
that is not a terminal), then the real size of the stream's terminal, then of stderr's
(``agent-ads ... --format table | less`` still has a person at a terminal), then 80x24.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

DEFAULT_SIZE = (80, 24)


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or fd-less stream is not a terminal
        return False


def _env_int(environ: Mapping[str, str], name: str) -> int | None:
    try:
        value = int(environ.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


def _real_size(*streams: TextIO) -> tuple[int, int] | None:
    for stream in streams:
        if is_terminal(stream):
            try:
                size = os.get_terminal_size(stream.fileno())
            except (OSError, ValueError, AttributeError):
                continue
            if size.columns > 0:
                return size.columns, size.lines
    return None


def size(stream: TextIO, fallback: TextIO | None = None, environ: Mapping[str, str] | None = None) -> tuple[int, int]:
    """``(columns, lines)`` to fit output written to ``stream``."""
    environ = os.environ if environ is None else environ
    real = _real_size(*(s for s in (stream, fallback) if s is not None)) or DEFAULT_SIZE
    return _env_int(environ, "COLUMNS") or real[0], _env_int(environ, "LINES") or real[1]


@dataclass(frozen=True)
class TerminalView:
    """Where a human-view formatter draws: its size, whether it may use colour, where its notes go.

    ``notes`` is stderr (row counts, hidden columns, capped series), or None with ``-q``.
    """

    width: int
    height: int
    color: bool
    notes: TextIO | None

    def note(self, text: str) -> None:
        if self.notes is not None:
            self.notes.write(text + "\n")
            self.notes.flush()


@dataclass(frozen=True)
class TerminalSettings:
    """What ``--format table`` and ``--format chart`` are asked for: their flags and the config's
    ``terminal`` section (flag > config > default), and the run's stderr."""

    table_columns: list[str] | None = None
    chart_metrics: list[str] | None = None
    chart_type: str = "line"
    chart_height: int | None = None  # rows; None = fit the terminal
    chart_max_series: int | None = None  # None = the chart's own cap
    stderr: TextIO | None = None
    quiet: bool = False

    def view(self, out: TextIO, environ: Mapping[str, str] | None = None) -> TerminalView:
        """How to draw on ``out``: colour only on a terminal (and not with ``NO_COLOR``)."""
        environ = os.environ if environ is None else environ
        columns, lines = size(out, fallback=self.stderr, environ=environ)
        color = is_terminal(out) and not environ.get("NO_COLOR")
        return TerminalView(columns, lines, color, None if self.quiet else self.stderr)


def name_list(text: str | None) -> list[str] | None:
    """``"a, b"`` -> ``["a", "b"]``; nothing given -> None."""
    names = [part.strip() for part in (text or "").split(",") if part.strip()]
    return names or None
