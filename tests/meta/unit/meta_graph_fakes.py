"""Fakes of Graph answers for the Meta unit tests (a module of its own: every test directory has a conftest)."""

from __future__ import annotations

GRAPH = "https://graph.test"
TOKEN = "unit-meta-token-0123"
SECRET = "unit-meta-app-secret"


def page(data: list, after: str | None = None, more: bool = False) -> dict:
    """A Graph list answer; ``more`` adds ``paging.next`` (the only sign that more follows)."""
    paging: dict = {"cursors": {"before": "b", "after": after or "end"}}
    if more:
        paging["next"] = f"{GRAPH}/v26.0/next?after={after}"
    return {"data": data, "paging": paging}
