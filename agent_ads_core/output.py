"""Where a :class:`~agent_ads_core.result.Result` goes: stdout or an atomically written file.

The formats themselves are plugins (:mod:`agent_ads_core.formatters`); this module picks
one by name and owns the output stream.
"""

from __future__ import annotations

import os
import stat
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
                 terminal: TerminalSettings | None = None, csv_safe: bool = False) -> None:
        self.formatter = formatters.load(fmt)(pretty=pretty, envelope=envelope, terminal=terminal,
                                              csv_safe=csv_safe)

    def render(self, result: Result, out: TextIO) -> None:
        self.formatter.write(result, _encodable(out))
        out.flush()


def _encodable(out: TextIO) -> TextIO:
    """``out`` itself, or a wrapper escaping what its encoding cannot hold (an ASCII or C-locale stdout)."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return out if encoding.startswith("utf") else _JsonEscaping(out)  # type: ignore[return-value]


class _JsonEscaping:
    """Writes characters the stream's encoding lacks as JSON ``\\uXXXX`` escapes.

    Non-ASCII text only ever occurs inside JSON strings, where such an escape means the
    same character, so JSON and JSONL stay valid and exact (CSV shows the escape as text).
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.encoding = out.encoding

    def write(self, text: str) -> int:
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            text = "".join(char if _fits(char, self.encoding) else _escape(char) for char in text)
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()


def _fits(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _escape(char: str) -> str:
    import json

    return json.dumps(char)[1:-1]  # the same escape json.dumps(ensure_ascii=True) would write


def _target(path: str) -> str:
    """The file that will receive the data: a symlink is followed, so the link itself stays."""
    return os.path.realpath(path)


def check_output_path(path: str | None) -> None:
    """Refuse an unusable --output before the command runs, so no request is wasted on it."""
    if path in (None, "-"):
        return
    if not path or not path.strip():
        raise ArgumentError("--output: the path is empty", hint="give a file name, or '-' for stdout")
    target = _target(path)
    if os.path.isdir(target):
        raise ArgumentError(f"--output: {path} is a directory", hint="give a file name inside it")
    directory, name = os.path.split(target)
    if not os.path.isdir(directory):
        raise ArgumentError(f"--output: directory does not exist: {directory}")
    try:
        longest = os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        longest = 255
    if len(os.fsencode(name)) > longest:
        raise ArgumentError(f"--output: the file name is longer than {longest} bytes")
    if os.path.exists(target) and not stat.S_ISREG(os.stat(target).st_mode):
        if not os.access(target, os.W_OK):
            raise ArgumentError(f"--output: {path} is not writable")
    elif not os.access(directory, os.W_OK | os.X_OK):
        raise ArgumentError(f"--output: cannot create files in {directory}", hint="choose a writable directory")


@contextmanager
def open_output(path: str | None, stdout: TextIO) -> Iterator[TextIO]:
    """Yield the stream to write to; a file is written beside its target and renamed on success.

    A command that fails midway leaves any existing file untouched and no temp file behind.
    A symlink is written through (its target is replaced, the link stays); an existing file
    keeps its permission bits; something that is not a regular file (a FIFO, ``/dev/null``,
    a terminal) is written directly, since replacing it would destroy it.
    """
    if path in (None, "-"):
        yield stdout
        return
    check_output_path(path)
    target = _target(path)
    existing = os.stat(target) if os.path.exists(target) else None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(target, "w", encoding="utf-8", newline="") as special:
            yield special
        return
    fd, tmp = tempfile.mkstemp(prefix=".agent-ads-", suffix=".tmp", dir=os.path.dirname(target))
    handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        yield handle
        handle.close()
        # mkstemp makes 0600: keep the old file's mode, or give what open() would
        os.chmod(tmp, stat.S_IMODE(existing.st_mode) if existing else _default_file_mode())
        os.replace(tmp, target)
    except BaseException:
        handle.close()
        os.unlink(tmp)
        raise


def _default_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
