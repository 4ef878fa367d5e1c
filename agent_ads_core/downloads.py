"""Downloaded files as byte streams ready to parse, whatever compression they arrive in.

Report files are often gzip-compressed without saying so (no ``Content-Encoding``, a
generic content type), so compression is recognised by the gzip magic bytes, never by
headers. Everything works chunk by chunk so a large file never sits in memory whole.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterable, Iterator

from agent_ads_core.errors import TransportError

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 64 * 1024
_GZIP_WBITS = zlib.MAX_WBITS | 16


def response_chunks(response: object, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The body of a streamed ``requests`` response (any ``Content-Encoding`` already undone)."""
    return (chunk for chunk in response.iter_content(chunk_size=chunk_bytes) if chunk)  # type: ignore[attr-defined]


class CountedChunks:
    """Chunks passed through unchanged, counting the bytes received (for a download's progress)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = chunks
        self.received = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            self.received += len(chunk)
            yield chunk


def decompressed(chunks: Iterable[bytes], max_bytes: int | None = None) -> Iterator[bytes]:
    """Yield the bytes of ``chunks``, gunzipped when they start with the gzip magic bytes.

    ``max_bytes`` caps what is yielded (after decompression), so neither a huge file nor
    a gzip bomb (a few KB that inflate to gigabytes) can run on; decompression works in
    bounded steps, so memory stays at a chunk whatever the ratio.
    """
    rest = iter(chunks)
    head = b""
    for chunk in rest:
        head += chunk
        if len(head) >= len(GZIP_MAGIC):
            break
    if not head.startswith(GZIP_MAGIC):
        body = itertools.chain([head] if head else [], rest)
    else:
        body = _gunzip(head, rest)
    yield from _capped(body, max_bytes)


def _capped(chunks: Iterable[bytes], max_bytes: int | None) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if max_bytes is not None and total > max_bytes:
            raise TransportError(f"downloaded file is over {max_bytes // 2**20} MB (after decompression); "
                                 "stopped reading it", hint="raise AGENT_ADS_MAX_DOWNLOAD_MB if it is expected")
        yield chunk


def _gunzip(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """Decompress gzip members one after another (``cat a.gz b.gz`` is valid gzip too)."""
    decoder = zlib.decompressobj(_GZIP_WBITS)
    pending = False  # a member has started but not ended
    for chunk in itertools.chain([head], rest):
        while chunk:
            try:
                out = decoder.decompress(chunk, CHUNK_BYTES)  # bounded: a bomb inflates step by step
            except zlib.error as exc:
                raise TransportError(f"downloaded file is not valid gzip: {exc}") from None
            pending = True
            if out:
                yield out
            if decoder.unconsumed_tail:
                chunk = decoder.unconsumed_tail
                continue
            if not decoder.eof:
                break
            chunk, pending = decoder.unused_data, False
            decoder = zlib.decompressobj(_GZIP_WBITS)
    if pending:
        raise TransportError("downloaded gzip file ended early (truncated download)",
                             hint="run the command again to download it anew")

