"""Bookmark pagination over lazily generated objects.

Pinterest bookmarks are opaque strings; clients must pass them back verbatim. Ours are
base64url JSON holding a scan position and a fingerprint of the query that produced
them, so a bookmark replayed against a different query (or mangled) is rejected with a
400 instead of silently returning the wrong page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any

from .hashing import stable_int


class BookmarkError(ValueError):
    """The bookmark does not decode, or belongs to another query."""


def fingerprint(*parts: object) -> str:
    """A short, stable digest of the query a bookmark belongs to."""
    return format(stable_int("bookmark", *parts), "016x")


def encode_bookmark(position: int, query_fingerprint: str) -> str:
    raw = json.dumps({"p": position, "f": query_fingerprint}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_bookmark(bookmark: str, query_fingerprint: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(bookmark + "=" * (-len(bookmark) % 4))
        data = json.loads(raw)
        position = data["p"]
        owner = data["f"]
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise BookmarkError("Invalid bookmark.") from None
    if not isinstance(position, int) or position < 0 or owner != query_fingerprint:
        raise BookmarkError("Invalid bookmark.")
    return position


def paginate(
    candidates: Sequence[int],
    keep: Callable[[int], bool],
    render: Callable[[int], dict[str, Any]],
    *,
    page_size: int,
    bookmark: str | None,
    query_fingerprint: str,
) -> dict[str, Any]:
    """One page of ``render(i)`` for the candidates ``keep`` accepts, plus the next bookmark.

    ``candidates`` is usually a ``range`` so 100k objects cost nothing until scanned.
    After filling the page we scan ahead to the next accepted candidate, so the
    bookmark is null exactly when nothing is left (no trailing empty page).
    """
    position = decode_bookmark(bookmark, query_fingerprint) if bookmark else 0
    items: list[dict[str, Any]] = []
    total = len(candidates)
    while position < total and len(items) < page_size:
        index = candidates[position]
        position += 1
        if keep(index):
            items.append(render(index))
    while position < total and not keep(candidates[position]):
        position += 1
    next_bookmark = encode_bookmark(position, query_fingerprint) if position < total else None
    return {"items": items, "bookmark": next_bookmark}
