"""The fake provider's commands: each shows one thing the core must do for any provider."""

from __future__ import annotations

import argparse

from agent_ads_core.command import Command, ListCommand
from agent_ads_core.errors import ApiError
from agent_ads_core.pagination import Page, PageRequest
from agent_ads_core.result import Result


class Ping(Command):
    """Answer pong."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--n", type=int, default=1)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        return Result(data={"pong": True, "provider": self.provider, "n": parsed_args.n}, meta=self.base_meta())


class Fail(Command):
    """Fail as an API would."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        raise ApiError("quota exceeded", provider="acme", http_status=429, code=42, request_id="rid-1")


class Boom(Command):
    """Fail as a bug would."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        raise RuntimeError("kaboom")


class ItemsList(ListCommand):
    """Items 0..count-1 served by a fake paged API."""

    def add_filters(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--count", type=int, default=7)
        parser.add_argument("--fail-on-page", type=int, default=None, help="raise an API error on this page (1-based)")

    def fetch_page(self, parsed_args: argparse.Namespace, request: PageRequest) -> Page:
        self.served = getattr(self, "served", 0) + 1
        if parsed_args.fail_on_page == self.served:
            raise ApiError("server fell over", provider="acme", http_status=500)
        start = int(request.cursor or 0)
        end = min(start + (request.page_size or 3), parsed_args.count)
        items = [{"id": str(i), "nested": {"a": i}} for i in range(start, end)]
        return Page(items, str(end) if end < parsed_args.count else None)


class Stats(Command):
    """Daily metrics per widget, shaped as its own API would: the time series the chart and table read."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        rows = [{"widget_id": f"w{w}", "widget_name": f"Widget {w}", "day": f"2024-05-{d:02d}",
                 "views": str(100 * w + d), "cost": round(1.25 * w * d, 2)} for w in (1, 2) for d in (1, 2, 3)]
        return Result(data=rows, meta=self.base_meta())


class WhoAmI(Command):
    """Read every credential (shows presence only)."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        store = self.ctx.credentials("acme")
        return Result(data={name: store.get(name) is not None for name in ("token", "secret")})


class Settings(Command):
    """Effective settings of the provider."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        keys = ("api_base_url", "region", "timeout_seconds")
        return Result(data={key: self.ctx.setting("acme", key) for key in keys})


class Bearer:
    """Acme's authenticator, declared in its AuthSpec: the core's HTTP client is built with it."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.ctx.credentials.get('token') or ''}"}

    def should_refresh(self, response) -> bool:
        return False

    def refresh(self) -> bool:
        return False


class Fetch(Command):
    """GET the fake API's ping endpoint with the stored token."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        http = self.pctx.http()
        base = self.pctx.setting("api_base_url")
        secret = self.ctx.credentials("acme").get("secret") or ""
        response = http.request("GET", f"{base}/v1/ping", params={"client_secret": secret, "q": "x"})
        return Result(data={"status": response.status_code}, meta=self.base_meta(request_id=http.last_request_id))
