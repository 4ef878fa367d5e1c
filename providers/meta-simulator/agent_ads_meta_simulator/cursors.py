"""Cursor paging as Graph does it: opaque base64 cursors, ``paging.next`` absent only at the end.

A cursor encodes a position in the (stable, seeded) list and the ordinal of the page it starts,
so the simulator can make **every third page short** (fewer items than ``limit``, ``next``
still present) without any state. A client that stops on a short page misses data and is
caught. The ``empty_page`` fault additionally serves one empty page that still has ``next``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

DEFAULT_LIMIT = 25
MAX_LIMIT = 500
SHORT_EVERY = 3  # page ordinals 2, 5, 8, ... (0-based) are short


class BadCursor(ValueError):
    pass


def encode(position: int, page: int) -> str:
    raw = json.dumps({"p": position, "n": page}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(b"simcursor:" + raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[int, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii"))
        if not raw.startswith(b"simcursor:"):
            raise ValueError
        value = json.loads(raw[len(b"simcursor:") :])
        position, page = int(value["p"]), int(value["n"])
    except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error) as error:
        raise BadCursor(cursor) from error
    if position < 0 or page < 0:
        raise BadCursor(cursor)
    return position, page


def limit_of(params: dict[str, str]) -> int:
    """``limit`` (already validated as an integer): default 25, capped at 500; 0 means the default."""
    try:
        value = int(params.get("limit") or 0)
    except ValueError:
        value = 0
    if value <= 0:
        return DEFAULT_LIMIT
    return min(value, MAX_LIMIT)


def page(
    items: Sequence[Any],
    params: dict[str, str],
    render: Callable[[Any], Any],
    next_url: Callable[[dict[str, str]], str],
    empty: bool = False,
) -> dict[str, Any]:
    """One page of ``items`` as ``{"data", "paging"}``; raises :class:`BadCursor` for garbage cursors."""
    limit = limit_of(params)
    if params.get("after"):
        start, ordinal = decode(params["after"])
        start = min(start, len(items))
    elif params.get("before"):
        end, ordinal = decode(params["before"])
        end = min(end, len(items))
        start, ordinal = max(0, end - limit), max(0, ordinal - 1)
    else:
        start, ordinal = 0, 0
    size = limit
    if ordinal % SHORT_EVERY == SHORT_EVERY - 1 and limit > 1:
        size = limit - max(1, limit // 3)
    if empty:
        size = 0
    stop = min(len(items), start + size)
    if params.get("before") and not params.get("after"):
        stop = min(len(items), start + limit)
    chunk = [render(item) for item in items[start:stop]]
    if not items:
        return {"data": []}
    paging: dict[str, Any] = {"cursors": {"before": encode(start, ordinal), "after": encode(stop, ordinal + 1)}}
    query = {k: v for k, v in params.items() if k not in ("after", "before")}
    if stop < len(items):
        paging["next"] = next_url({**query, "after": paging["cursors"]["after"]})
    if start > 0:
        paging["previous"] = next_url({**query, "before": paging["cursors"]["before"]})
    return {"data": chunk, "paging": paging}


def url(base: str, query: dict[str, str]) -> str:
    return f"{base}?{urlencode(query)}" if query else base
