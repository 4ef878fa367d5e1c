"""A tiny stdlib HTTP client for the Meta simulator tests (urllib; no third-party packages)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from agent_ads_meta_simulator import ACCESS_TOKEN, Simulator

VERSION = "v25.0"


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]

    @property
    def error(self) -> dict[str, Any]:
        return self.body["error"]


def call(
    sim: Simulator,
    path: str,
    params: dict[str, Any] | None = None,
    *,
    method: str = "GET",
    form: dict[str, Any] | None = None,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    token: str | None = ACCESS_TOKEN,
    version: str = VERSION,
) -> Reply:
    """One request to ``/{version}/{path}``; ``token`` goes in the query (None sends none)."""
    query = dict(params or {})
    if token is not None and form is None:
        query.setdefault("access_token", token)
    data = body
    all_headers = dict(headers or {})
    if form is not None:
        if token is not None:
            form = {"access_token": token, **form}
        data = urllib.parse.urlencode(form).encode()
        all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    prefix = f"/{version}" if version else ""
    url = f"{sim.url}{prefix}/{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
    request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(
                response.status, json.loads(response.read()), {k.lower(): v for k, v in response.headers.items()}
            )
    except urllib.error.HTTPError as error:
        raw = error.read()
        return Reply(error.code, json.loads(raw), {k.lower(): v for k, v in error.headers.items()})


def get_url(url: str) -> Reply:
    with urllib.request.urlopen(url, timeout=10) as response:
        return Reply(response.status, json.loads(response.read()), {k.lower(): v for k, v in response.headers.items()})


def all_pages(sim: Simulator, path: str, params: dict[str, Any] | None = None) -> tuple[list[Any], list[Reply]]:
    """Follow ``paging.cursors.after`` while ``paging.next`` is present; returns (items, replies)."""
    items: list[Any] = []
    replies: list[Reply] = []
    query = dict(params or {})
    for _ in range(1000):
        reply = call(sim, path, query)
        assert reply.status == 200, reply.body
        replies.append(reply)
        items += reply.body["data"]
        paging = reply.body.get("paging", {})
        if "next" not in paging:
            return items, replies
        query["after"] = paging["cursors"]["after"]
    raise AssertionError("paging never ended")


def control(sim: Simulator, action: str, payload: dict[str, Any] | None = None) -> Reply:
    data = json.dumps(payload).encode() if payload is not None else None
    method = "POST" if payload is not None else "GET"
    request = urllib.request.Request(f"{sim.url}/_sim/{action}", data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, json.loads(response.read()), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Reply(error.code, json.loads(error.read()), dict(error.headers))
