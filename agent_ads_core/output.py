"""Where a :class:`~agent_ads_core.result.Result` goes: stdout or an atomically written file.

The formats themselves are plugins (:mod:`agent_ads_core.formatters`); this module picks
one by name and owns the output stream.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TextIO

from agent_ads_core import formatters
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result
from agent_ads_core.terminal import TerminalSettings


class Renderer:
    """Writes one result to a text stream with the formatter plugin named by ``--format``.

    Built before the command runs, so an unknown format or ``--envelope`` with a format
    that cannot hold one fails before anything is sent.
    """

    def __init__(self, fmt: str = formatters.DEFAULT, pretty: bool = False, envelope: bool = False,
                 terminal: TerminalSettings | None = None) -> None:
        self.formatter = formatters.load(fmt)(pretty=pretty, envelope=envelope, terminal=terminal)

    def render(self, result: Result, out: TextIO) -> None:
        self.formatter.write(result, out)
        out.flush()


@contextmanager
def open_output(path: str | None, stdout: TextIO) -> Iterator[TextIO]:
    """Yield the stream to write to; a file is written beside its target and renamed on success.

    A command that fails midway leaves any existing file untouched and no temp file behind.
    """
    if path in (None, "-"):
        yield stdout
        return
    target = os.path.abspath(path)
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise ArgumentError(f"--output: directory does not exist: {directory}")
    fd, tmp = tempfile.mkstemp(prefix=".agent-ads-", suffix=".tmp", dir=directory)
    handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        yield handle
        handle.close()
        os.chmod(tmp, _default_file_mode())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, target)
    except BaseException:
        handle.close()
        os.unlink(tmp)
        raise


def _default_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
