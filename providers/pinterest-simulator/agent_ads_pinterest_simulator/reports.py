"""The async report lifecycle and the presigned download files.

A report created with ``POST /ad_accounts/{id}/reports`` answers IN_PROGRESS for its
first ``polls_needed`` status polls, then FINISHED (or the status a ``report_failed``
fault chose). Each FINISHED poll hands out a fresh URL
``/_files/<token>.<json|csv>?expires=<epoch>&sig=<hmac>``, valid ``url_ttl`` seconds
(a negative TTL hands out already-expired URLs, for tests),
mimicking an S3 presigned URL: the download needs no token and refuses one.
A report's file is rendered on its first FINISHED poll (which must tell its size), chunk by
chunk into an unlinked temporary file, and downloads stream from that file: a million-row
report costs disk, not memory, and a download measures the client rather than the generator.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import itertools
import json
import math
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from . import metric_rows
from .data import Dataset
from .entities import REPORT_LEVEL_KEYS, report_entities

# Text buffered before a CSV chunk is handed to the socket.
CHUNK_CHARS = 256 * 1024


@dataclass
class Report:
    token: str
    account: int
    request: dict[str, Any]
    final_status: str
    polls: int = 0
    file: BinaryIO | None = None  # the rendered file, written on the first FINISHED poll
    size: int | None = None  # its length in bytes

    @property
    def file_name(self) -> str:
        return f"{self.token}.{'csv' if self.request.get('report_format') == 'CSV' else 'json'}"


class ReportStore:
    """Reports by token, and the signing of their download URLs (thread-safe)."""

    def __init__(self, *, polls_needed: int, url_ttl: float) -> None:
        self.polls_needed = polls_needed
        self.url_ttl = url_ttl
        self._secret = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._reports: dict[str, Report] = {}
        self._counter = itertools.count(1)

    def clear(self) -> None:
        with self._lock:
            for report in self._reports.values():
                if report.file is not None:
                    report.file.close()
            self._reports.clear()

    def rendered(self, dataset: Dataset, report: Report) -> int:
        """Render the report's file once (later calls wait for the first); returns its size in bytes."""
        with self._lock:
            if report.file is None:
                spool = tempfile.TemporaryFile()
                for chunk in render(dataset, report):
                    spool.write(chunk)
                spool.flush()
                report.file, report.size = spool, spool.tell()
            return report.size  # type: ignore[return-value]

    @staticmethod
    def file_chunks(report: Report, chunk_bytes: int = 256 * 1024) -> Iterator[bytes]:
        """The rendered file's bytes; positional reads, so concurrent downloads don't interfere."""
        fd = report.file.fileno()  # type: ignore[union-attr]
        offset = 0
        while chunk := os.pread(fd, chunk_bytes, offset):
            offset += len(chunk)
            yield chunk

    def create(self, account: int, request: dict[str, Any], final_status: str = "FINISHED") -> Report:
        token = f"sim-report-{next(self._counter)}-{secrets.token_hex(4)}"
        report = Report(token, account, request, final_status)
        with self._lock:
            self._reports[token] = report
        return report

    def poll(self, account: int, token: str) -> tuple[str, Report | None]:
        """Count one status poll and return the status it sees (DOES_NOT_EXIST for strangers)."""
        with self._lock:
            report = self._reports.get(token)
            if report is None or report.account != account:
                return "DOES_NOT_EXIST", None
            report.polls += 1
            return ("IN_PROGRESS" if report.polls <= self.polls_needed else report.final_status), report

    def by_file_name(self, name: str) -> Report | None:
        with self._lock:
            report = self._reports.get(name.rsplit(".", 1)[0])
        if report is None or report.file_name != name or report.final_status != "FINISHED":
            return None
        return report

    def _signature(self, name: str, expires: int) -> str:
        return hmac.new(self._secret, f"{name}:{expires}".encode(), hashlib.sha256).hexdigest()

    def presigned_path(self, report: Report) -> str:
        expires = math.ceil(time.time() + self.url_ttl)
        return f"/_files/{report.file_name}?expires={expires}&sig={self._signature(report.file_name, expires)}"

    def check_signature(self, name: str, expires: str | None, sig: str | None) -> str:
        """``"ok"``, ``"expired"`` or ``"bad"`` for a download's query string."""
        if not expires or not sig or not expires.isdigit():
            return "bad"
        if not hmac.compare_digest(sig, self._signature(name, int(expires))):
            return "bad"
        return "ok" if time.time() < int(expires) else "expired"


def render(dataset: Dataset, report: Report) -> Iterator[bytes]:
    """The file body in chunks: a JSON object of id -> rows, or CSV with a header row.

    Generated one entity at a time, so a million-row report never sits in memory.
    """
    request = report.request
    start = dt.date.fromisoformat(request["start_date"])
    end = dt.date.fromisoformat(request["end_date"])
    granularity = request["granularity"]
    columns = list(request["columns"])
    targeting = request["level"].endswith("_TARGETING")
    targeting_types = request.get("targeting_types") or ["AGE_BUCKET"]

    def entity_rows() -> Iterator[tuple[str, list[dict[str, Any]]]]:
        for entity in report_entities(dataset, report.account, request):
            if not targeting:
                yield entity.id, list(metric_rows.rows([entity], start, end, granularity, columns))
                continue
            items = metric_rows.targeting_rows([entity], targeting_types, start, end, granularity, columns)
            yield entity.id, [
                {"TARGETING_TYPE": item["targeting_type"], "TARGETING_VALUE": item["targeting_value"],
                 **item["metrics"], entity.key: entity.id}
                for item in items
            ]

    if request.get("report_format") != "CSV":
        yield from _json_chunks(entity_rows())
        return
    header = list(
        dict.fromkeys(
            (["TARGETING_TYPE", "TARGETING_VALUE"] if targeting else [])
            + [REPORT_LEVEL_KEYS[request["level"].removesuffix("_TARGETING")]]
            + ([] if granularity == "TOTAL" else ["DATE"])
            + columns
        )
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for _entity_id, rows in entity_rows():
        writer.writerows(rows)
        if out.tell() >= CHUNK_CHARS:
            yield _drain(out)
    yield _drain(out)


def _json_chunks(entities: Iterable[tuple[str, list[dict[str, Any]]]]) -> Iterator[bytes]:
    """``{"id": [rows], ...}`` as ``json.dumps`` of the whole dict would write it, one entity at a time."""
    separator = "{"
    for entity_id, rows in entities:
        yield f"{separator}{json.dumps(entity_id)}: {json.dumps(rows, ensure_ascii=False)}".encode()
        separator = ", "
    yield b"{}" if separator == "{" else b"}"


def _drain(out: io.StringIO) -> bytes:
    data = out.getvalue().encode("utf-8")
    out.seek(0)
    out.truncate()
    return data

