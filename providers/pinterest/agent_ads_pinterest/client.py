"""The Pinterest API as commands see it: spec-checked requests over the core's HTTP client.

Every request is built from the spec-derived parameter table (:mod:`openapi_table`,
encoded by :mod:`query_encoding`), so what
leaves the machine is something Pinterest's description accepts: unknown flags, bad
enums and wrong array encodings are caught here, before sending.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, NoReturn

from agent_ads_core.context import ProviderContext
from agent_ads_core.errors import ArgumentError, TransportError
from agent_ads_core.http import response_json
from agent_ads_pinterest import openapi_table, query_encoding
from agent_ads_pinterest.auth import api_root, sandbox_enabled
from agent_ads_pinterest.errors import raise_for_response


class PinterestClient:
    def __init__(self, ctx: ProviderContext, flag_names: dict[str, str] | None = None) -> None:
        self.ctx = ctx
        self.flag_names = flag_names or {}
        self.http = ctx.http()

    @cached_property
    def root(self) -> str:
        return api_root(self.ctx)

    @property
    def request_id(self) -> str | None:
        return self.http.last_request_id

    def check_sandbox(self, op_id: str) -> None:
        if sandbox_enabled(self.ctx) and openapi_table.sandbox_disabled(op_id):
            raise ArgumentError(f"{op_id} is not available in the {self.ctx.info.title} sandbox (x-sandbox: disabled)",
                                provider=self.ctx.name, hint="run it without --sandbox against production")

    def endpoint(self, op_id: str) -> str:
        op = openapi_table.operation(op_id)
        return f"{op.method} /{self.ctx.setting('api_version')}{op.path}"

    def url(self, op_id: str, path_values: dict[str, str]) -> str:
        return self.root + query_encoding.build_path(op_id, path_values, self.flag_names)

    def get(self, op_id: str, path_values: dict[str, str], params: dict[str, Any] | None = None) -> Any:
        """GET an operation with spec-checked path and query; return its JSON."""
        self.check_sandbox(op_id)
        url = self.url(op_id, path_values)
        query = query_encoding.build_query(op_id, params or {}, self.flag_names)
        response = self.http.request("GET", url, params=query)
        ids = ", ".join(f"{self.flag_names.get(name, name)} {value}" for name, value in path_values.items())
        raise_for_response(self.ctx, response, op_id, ids)
        return self._json(response, op_id)

    def post_json(self, op_id: str, path_values: dict[str, str], body: dict[str, Any]) -> Any:
        """POST a JSON body; only used for creating report runs, which are safe to retry."""
        self.check_sandbox(op_id)
        response = self.http.request("POST", self.url(op_id, path_values), json=body, retry_safe=True)
        raise_for_response(self.ctx, response, op_id)
        return self._json(response, op_id)

    def _json(self, response: Any, op_id: str) -> Any:
        """A success that is not JSON came from something in between (a proxy, a portal), not the API."""
        return response_json(response, op_id, provider=self.ctx.name, request_id=self.request_id)

    def rows(self, body: Any, op_id: str, key: str | None = "items") -> list[Any]:
        """The list under ``key`` of an answer (the answer itself when ``key`` is None); absent or null is empty.

        Anything else (an object, a string) would be iterated into nonsense rows, so it is refused,
        naming the endpoint, the way a success that is not JSON is.
        """
        if key is not None and not isinstance(body, dict):
            self._refuse(op_id, f"a JSON {_json_kind(body)}, not an object with {key!r}")
        rows = body if key is None else body.get(key)
        if rows is None and key is not None:
            return []
        if not isinstance(rows, list):
            where = "the answer" if key is None else f"{key!r}"
            self._refuse(op_id, f"{where} as a JSON {_json_kind(rows)}, not a list")
        return rows

    def _refuse(self, op_id: str, what: str) -> NoReturn:
        raise TransportError(
            f"{self.endpoint(op_id)} answered with {what}",
            provider=self.ctx.name, request_id=self.request_id,
            hint="check --api-base-url and any proxy between you and the API",
        )

    def download(self, url: str) -> Any:
        """Stream a presigned file URL: it must be fetched with no Authorization header."""
        return self.http.request("GET", url, authenticate=False, stream=True)


def _json_kind(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def ad_account_id(ctx: ProviderContext, flag_value: str | None) -> str:
    """--ad-account-id > its env var > config default_ad_account_id."""
    value = ctx.setting("default_ad_account_id", flag_value, "--ad-account-id")
    if not value:
        raise ArgumentError(
            "no ad account given",
            provider=ctx.name,
            hint=f"pass --ad-account-id, set {ctx.info.env_vars['default_ad_account_id']}, or set "
                 f"providers.{ctx.name}.default_ad_account_id in agent-ads.config.json "
                 f"(list them with 'agent-ads {ctx.name} ad-accounts list')",
        )
    return str(value)
