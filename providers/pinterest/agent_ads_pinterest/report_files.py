"""A finished Pinterest async report: its file downloaded and its rows parsed as the bytes arrive.

The file sits behind a presigned URL that expires five minutes after the status call
handing it out and refuses an Authorization header: it is fetched without credentials and,
when it has expired (403), fetched once more through a fresh status call.

A report can be hundreds of megabytes, so nothing here holds the whole file: bytes go
through the core's gzip sniffing (reports may be gzipped with no header saying so),
then through an incremental parser. The format is recognised from the content itself
(a JSON report is an object, so it starts with ``{``; anything else is CSV), because the
status answer does not say which format was requested.

* JSON reports are ``{"<entity id>": [row, row, ...], ...}``. Each row is emitted as its
  own record with the entity id added under :data:`ENTITY_ID` (first key), unless the row
  already has that key, so rows stay attributable once flattened (and every row has the
  same leading column in CSV output).
* CSV reports are a header line plus rows; each row becomes a dict keyed by the header.
  Values stay strings: converting would turn 18-digit ids into lossy numbers.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from agent_ads_core.downloads import CountedChunks, decompressed, response_chunks
from agent_ads_core.errors import ApiError, TransportError

if TYPE_CHECKING:
    from agent_ads_core.context import ProviderContext
    from agent_ads_core.report_runner import ReportStatus
    from agent_ads_pinterest.client import PinterestClient

ENTITY_ID = "ENTITY_ID"
ROWS_PER_PAGE = 500
_S3_CODE = re.compile(r"<Code>([^<]*)</Code>")
_S3_MESSAGE = re.compile(r"<Message>([^<]*)</Message>")
# One row larger than this means the file is not a report (or is corrupt): stop buffering.
MAX_PENDING_CHARS = 32 * 1024 * 1024
_WHITESPACE = " \t\r\n"


class ReportFileError(ApiError):
    """The downloaded file is not a report this parser understands."""

    def __init__(self, message: str) -> None:
        super().__init__(message, hint="download it again; if it persists, report it as a bug")


def _texts(chunks: Iterable[bytes]) -> Iterator[str]:
    """Decode UTF-8 across chunk boundaries (a character may be split), dropping a leading BOM."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        for chunk in chunks:
            text = decoder.decode(chunk)
            if text:
                yield text
        tail = decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise ReportFileError(f"report file is not UTF-8 text: {exc}") from None
    if tail:
        yield tail


class _JsonStream:
    """A sliding window over the text: consumed text is dropped, more is read on demand."""

    def __init__(self, texts: Iterator[str]) -> None:
        self.texts = texts
        self.buf = ""
        self.pos = 0
        self.done = False
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.done:
            return False
        text = next(self.texts, None)
        if text is None:
            self.done = True
            return False
        self.buf = self.buf[self.pos:] + text
        self.pos = 0
        if len(self.buf) > MAX_PENDING_CHARS:
            raise ReportFileError(f"report file has a value longer than {MAX_PENDING_CHARS} characters")
        return True

    def peek(self) -> str:
        """The next non-whitespace character ("" at the end of the file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, allowed: str) -> str:
        char = self.peek()
        if not char or char not in allowed:
            found = repr(char) if char else "the end of the file"
            raise ReportFileError(f"report file is not valid JSON: expected one of {allowed!r}, found {found}")
        self.pos += 1
        return char

    def value(self) -> Any:
        """Decode the next complete JSON value, reading more text until it is whole.

        A value must be followed by more text (a delimiter) before it is accepted, so a
        number cut by a chunk boundary (``12`` of ``123``) is never taken as complete.
        """
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                raise ReportFileError(f"report file is not valid JSON: {exc.msg}") from None
            if end < len(self.buf) or not self._more():
                self.pos = end
                return value


def iter_json_entries(texts: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """``(key, element)`` for every element of every array in a top-level JSON object.

    A value that is not an array counts as a single element.
    """
    stream = _JsonStream(iter(texts))
    stream.expect("{")
    if stream.peek() == "}":
        stream.pos += 1
    else:
        while True:
            key = stream.value()
            if not isinstance(key, str):
                raise ReportFileError("report file is not valid JSON: object keys must be strings")
            stream.expect(":")
            if stream.peek() == "[":
                stream.pos += 1
                if stream.peek() == "]":
                    stream.pos += 1
                else:
                    while True:
                        yield key, stream.value()
                        if stream.expect(",]") == "]":
                            break
            else:
                yield key, stream.value()
            if stream.expect(",}") == "}":
                break
    if stream.peek():
        raise ReportFileError("report file is not valid JSON: extra data after the top-level object")


def _json_rows(texts: Iterable[str]) -> Iterator[dict[str, Any]]:
    for entity_id, row in iter_json_entries(texts):
        if not isinstance(row, dict):
            raise ReportFileError(f"report file has a row that is not an object under {entity_id!r}")
        yield row if ENTITY_ID in row else {ENTITY_ID: entity_id, **row}


def _lines(texts: Iterable[str]) -> Iterator[str]:
    """Lines with their endings kept, so the csv module can join quoted multi-line fields."""
    pending = ""
    for text in texts:
        *lines, pending = (pending + text).split("\n")
        yield from (line + "\n" for line in lines)
    if pending:
        yield pending


def _csv_rows(texts: Iterable[str]) -> Iterator[dict[str, Any]]:
    try:
        reader = csv.reader(_lines(texts))
        header = next(reader, None) or []
        for number, values in enumerate(reader, start=2):
            if not values:
                continue
            if len(values) != len(header):
                raise ReportFileError(f"report file is not a valid CSV report: line {number} has {len(values)} "
                                      f"values for {len(header)} header columns")
            yield dict(zip(header, values))
    except csv.Error as exc:
        raise ReportFileError(f"report file is not valid CSV: {exc}") from None


def _quoted(head: str) -> str:
    """The first bytes of a file, for an error message: one line, short (the app redacts secrets in errors)."""
    return json.dumps(head.lstrip()[:80])


def iter_report_rows(chunks: Iterable[bytes], *, expect_rows: bool = False,
                     max_bytes: int | None = None) -> Iterator[dict[str, Any]]:
    """Every row of a JSON or CSV report file, gzipped or not, as a dict.

    What is plainly not a report is refused, quoting how the file starts: an HTML page
    (a proxy's or a maintenance page), a JSON value that is not an object, or an empty
    file where the status said there would be content (``expect_rows``).
    """
    texts = _texts(decompressed(chunks, max_bytes))
    head = ""
    for text in texts:
        head += text
        if len(head.strip()) >= 64:
            break
    if not head.strip():
        if expect_rows:
            raise ReportFileError("report file is empty, but its status gave it a size")
        return
    start = head.lstrip()[0]
    if start == "<":
        raise ReportFileError(f"report file is HTML or XML, not a report; it starts {_quoted(head)}")
    if start == "[" or (start != "{" and head.lstrip()[:1] in '"0123456789-tfn' and _is_json(head)):
        raise ReportFileError(f"report file is JSON but not a report object; it starts {_quoted(head)}")
    rest = itertools.chain([head], texts)
    yield from (_json_rows(rest) if start == "{" else _csv_rows(rest))


def _is_json(head: str) -> bool:
    try:
        json.loads(head)
    except ValueError:
        return False
    return True


# -- downloading -------------------------------------------------------------------
def download_pages(ctx: ProviderContext, client: PinterestClient, token: str, status: dict[str, Any],
                   fresh_status: Callable[[], ReportStatus], *, hint: str,
                   meta: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    """Pages of rows of the finished report ``token``; counts them in ``meta["rows"]``.

    ``hint`` (the command that resumes) ends every error of the download: the report
    itself is fine, only fetching it again is needed.
    """
    from agent_ads_core.http import BROKEN_ANSWERS

    response = _open(ctx, client, token, status, fresh_status, hint)
    progress = ctx.progress
    cap = int(ctx.run.resolve_core_setting("max_download_mb")[0]) * 2**20
    try:
        body = CountedChunks(response_chunks(response))
        rows = iter_report_rows(body, expect_rows=bool(status.get("size")), max_bytes=cap)
        meta["rows"] = 0
        while True:
            progress.download(body.received, meta["rows"])
            page = list(itertools.islice(rows, ROWS_PER_PAGE))
            progress.clear()  # erased before the page is written
            if not page:
                return
            meta["rows"] += len(page)
            yield page
    except BROKEN_ANSWERS as exc:  # the file stopped arriving: the report itself is fine
        raise TransportError(f"report download broke off after {meta.get('rows', 0)} rows: {type(exc).__name__}",
                             provider=ctx.name, hint=hint) from None
    except ReportFileError as exc:
        exc.provider = ctx.name
        exc.hint = hint
        raise
    finally:
        progress.clear()
        response.close()


def _open(ctx: ProviderContext, client: PinterestClient, token: str, status: dict[str, Any],
          fresh_status: Callable[[], ReportStatus], hint: str) -> Any:
    """GET the file; a 403 means the five-minute URL lapsed, so get a fresh one, once."""
    response = client.download(_url(ctx, client, token, status, hint))
    if response.status_code == 403:
        response.close()
        ctx.progress.status("report URL expired; asking for a fresh one")
        try:
            response = client.download(_url(ctx, client, token, fresh_status().payload, hint))
        finally:
            ctx.progress.clear()
    if response.status_code >= 400:
        detail = _s3_error(response)
        response.close()
        raise ApiError(f"report download failed: HTTP {response.status_code} {detail}".rstrip(),
                       provider=ctx.name, http_status=response.status_code, request_id=client.request_id, hint=hint)
    return response


def _url(ctx: ProviderContext, client: PinterestClient, token: str, status: dict[str, Any], hint: str) -> str:
    url = status.get("url")
    if not url:
        raise ApiError(f"report {token} is {status.get('report_status')} but its status has no download URL",
                       provider=ctx.name, request_id=client.request_id, hint=hint)
    return url


def _s3_error(response: Any) -> str:
    """``Code: Message`` from an S3-style XML error body, or "" when there is none."""
    text = next(response.iter_content(4096), b"").decode("utf-8", "replace")  # an error body, read no further
    code, message = _S3_CODE.search(text), _S3_MESSAGE.search(text)
    return ": ".join(m.group(1) for m in (code, message) if m)
