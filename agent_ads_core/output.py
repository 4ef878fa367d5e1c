"""Render a :class:`~agent_ads_core.result.Result` as json, jsonl or csv.

Streams are written as they arrive and flushed after each page, so memory stays flat
however many records a list returns; CSV, whose header needs every key first, spools
flattened rows to a temporary file instead of holding them in memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TextIO

from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result


def _dumps(value: Any, pretty: bool = False) -> str:
    if pretty:
        return json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def flatten(record: Any, prefix: str = "") -> dict[str, Any]:
    """Flatten nested objects into dot paths (``targeting_spec.AGE_BUCKET``); lists become JSON text."""
    if not isinstance(record, dict):
        return {prefix or "value": record}
    flat: dict[str, Any] = {}
    for key, value in record.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value:
            flat.update(flatten(value, path))
        elif isinstance(value, (list, dict)):
            flat[path] = _dumps(value)
        else:
            flat[path] = value
    return flat


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class Renderer:
    """Writes one result to a text stream in the chosen format."""

    def __init__(self, fmt: str = "json", pretty: bool = False, envelope: bool = False) -> None:
        if envelope and fmt == "csv":
            raise ArgumentError("--envelope needs --format json or jsonl", hint="drop --envelope or use --format json")
        self.fmt = fmt
        self.pretty = pretty
        self.envelope = envelope

    def render(self, result: Result, out: TextIO) -> None:
        pages = result.pages if result.is_stream else self._as_pages(result.data)
        if self.fmt == "csv":
            self._csv(pages, out, result.columns)
        elif self.fmt == "jsonl":
            self._jsonl(pages, out)
            if self.envelope:
                out.write(_dumps(self.trailer(result)) + "\n")
        elif self.envelope:
            self._json_envelope(result, pages, out)
        elif result.is_stream:
            self._json_array(pages, out)
        else:
            out.write(_dumps(result.data, self.pretty) + "\n")
        out.flush()

    def _as_pages(self, data: Any) -> list[list[Any]]:
        return [data if isinstance(data, list) else [data]]

    @staticmethod
    def trailer(result: Result) -> dict[str, Any]:
        paging = result.paging.as_dict() if hasattr(result.paging, "as_dict") else result.paging
        return {"meta": result.meta, "paging": paging, "warnings": result.warnings}

    def _json_array(self, pages: Iterable[list[Any]], out: TextIO, indent: str = "") -> None:
        sep = ",\n" + indent + "  " if self.pretty else ","
        out.write("[")
        first = True
        for page in pages:
            for item in page:
                out.write(("\n" + indent + "  " if self.pretty else "") if first else sep)
                text = _dumps(item, self.pretty)
                out.write(text.replace("\n", "\n" + indent + "  ") if self.pretty else text)
                first = False
            out.flush()
        out.write(("\n" + indent if self.pretty and not first else "") + "]")

    def _json_envelope(self, result: Result, pages: Iterable[list[Any]], out: TextIO) -> None:
        nl, ind = ("\n", "  ") if self.pretty else ("", "")
        out.write("{" + nl + ind + '"data":' + (" " if self.pretty else ""))
        if result.is_stream:
            self._json_array(pages, out, ind)
        else:
            out.write(_dumps(result.data, self.pretty).replace("\n", "\n" + ind))
        for key, value in self.trailer(result).items():
            text = _dumps(value, self.pretty).replace("\n", "\n" + ind)
            out.write("," + nl + ind + json.dumps(key) + ":" + (" " if self.pretty else "") + text)
        out.write(nl + "}\n")

    def _jsonl(self, pages: Iterable[list[Any]], out: TextIO) -> None:
        for page in pages:
            for item in page:
                out.write(_dumps(item) + "\n")
            out.flush()

    def _csv(self, pages: Iterable[list[Any]], out: TextIO, known: list[str] | None = None) -> None:
        import csv

        columns: dict[str, None] = {}
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            for page in pages:
                for item in page:
                    row = flatten(item)
                    for key in row:
                        columns.setdefault(key, None)
                    spool.write(_dumps(row) + "\n")
            spool.seek(0)
            writer = csv.writer(out, lineterminator="\n")
            header = list(columns) or list(known or [])
            if header:
                writer.writerow(header)
            for line in spool:
                row = json.loads(line)
                writer.writerow([_csv_cell(row.get(key)) for key in header])


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
