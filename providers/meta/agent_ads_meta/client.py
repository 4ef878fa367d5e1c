"""The Graph API as commands see it: description-checked calls over the core's HTTP client.

Every call names an :class:`~agent_ads_meta.graph.Edge`; its params are checked and
encoded by :mod:`agent_ads_meta.graph` before anything is sent. GETs are retried by the
core (with Meta's waits from :func:`agent_ads_meta.errors.advise`); the one POST,
creating a report run, never is, since a repeat would start a second run. The client
remembers the last response's trace id and usage headers for the envelope's meta.
"""

from __future__ import annotations

import re
from typing import Any

from agent_ads_core.context import ProviderContext
from agent_ads_core.errors import ArgumentError, TransportError
from agent_ads_core.http import response_json
from agent_ads_core.pagination import Page
from agent_ads_meta import errors
from agent_ads_meta.graph import Edge, build_params

_VERSION = re.compile(r"^v[0-9]+\.0$")


class GraphClient:
    def __init__(self, ctx: ProviderContext, flag_names: dict[str, str] | None = None) -> None:
        self.ctx = ctx
        self.flag_names = flag_names or {}
        self.version = api_version(ctx)
        self.http = ctx.http()
        self.usage: dict[str, Any] = {}
        self.api_version_answered: str | None = None

    @property
    def request_id(self) -> str | None:
        return self.http.last_request_id

    def url(self, edge: Edge, object_id: str) -> str:
        base = str(self.ctx.setting("api_base_url")).rstrip("/")
        return f"{base}/{self.version}/{edge.path(object_id)}"

    def endpoint(self, edge: Edge, object_id: str) -> str:
        return f"{edge.method} /{self.version}/{edge.path(object_id)}"

    def get(self, edge: Edge, object_id: str, params: dict[str, Any] | None = None) -> Any:
        """GET a node or edge with checked params; return its JSON."""
        query = build_params(edge, params or {}, self.flag_names)
        response = self.http.request("GET", self.url(edge, object_id), params=query)
        return self._answer(response, edge, object_id)

    def post(self, edge: Edge, object_id: str, params: dict[str, Any]) -> Any:
        """POST a form body; never retried (a repeat of POST .../insights is a second report run)."""
        form = build_params(edge, params, self.flag_names)
        response = self.http.request("POST", self.url(edge, object_id), data=form, retry_safe=False)
        return self._answer(response, edge, object_id)

    def page(self, edge: Edge, object_id: str, params: dict[str, Any], cursor: str | None,
             limit: int | None) -> Page:
        """One page of a list edge; the listing ends when ``paging.next`` is absent, never on a short page."""
        body = self.get(edge, object_id, {**params, "after": cursor, "limit": limit})
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, list):
            raise TransportError(f"{self.endpoint(edge, object_id)} answered without a data list",
                                 provider=self.ctx.name, request_id=self.request_id)
        paging = body.get("paging") or {}
        after = (paging.get("cursors") or {}).get("after")
        return Page(items=data, next_cursor=after if paging.get("next") and after else None)

    def _answer(self, response: Any, edge: Edge, object_id: str) -> Any:
        self.usage = errors.usage(response) or self.usage
        self.api_version_answered = response.headers.get("facebook-api-version") or self.api_version_answered
        warning = response.headers.get("x-ad-api-version-warning")
        if warning:
            self.ctx.warn(f"Meta: {warning}")
        if response.status_code >= 400:
            raise errors.to_error(response, self.endpoint(edge, object_id))
        return response_json(response, self.endpoint(edge, object_id), provider=self.ctx.name,
                             request_id=self.request_id)

    def meta(self) -> dict[str, Any]:
        """What the envelope's meta learns from the last answer: trace id, usage, answering version."""
        meta: dict[str, Any] = {"request_id": self.request_id}
        if self.usage:
            meta["usage"] = self.usage
        if self.api_version_answered and self.api_version_answered != self.version:
            meta["api_version_answered"] = self.api_version_answered
        return meta


def api_version(ctx: ProviderContext) -> str:
    version = str(ctx.setting("api_version"))
    if not _VERSION.match(version):
        raise ArgumentError(f"api version {version!r} is not of the form vNN.0 (e.g. v26.0)", provider=ctx.name,
                            hint="fix --api-version, META_ADS_API_VERSION or providers.meta.api_version")
    return version
