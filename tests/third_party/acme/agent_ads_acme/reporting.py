"""The fake provider's analytics and report commands: only Acme's calls, the core runs them.

Acme's fake API (served by ``responses`` in the tests):

* ``GET /v1/stats?since=&until=&item_ids=a,b`` -> ``{"rows": [...]}``
* ``POST /v1/exports`` -> ``{"export_id": "..."}``
* ``GET /v1/exports/<id>`` -> ``{"state": "QUEUED|RUNNING|DONE|FAILED", "progress": 40}``
* ``GET /v1/exports/<id>/rows?page=N`` -> ``{"rows": [...], "next_page": N+1 | null}``
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from agent_ads_core.analytics_runner import DateWindow, run_analytics
from agent_ads_core.argparsing import add_list_argument
from agent_ads_core.command import Command
from agent_ads_core.context import ProviderContext
from agent_ads_core.report_runner import ReportCalls, ReportRunner, ReportStatus
from agent_ads_core.result import Result


class AcmeApi:
    """Acme's endpoints over the core's HTTP client."""

    def __init__(self, ctx: ProviderContext) -> None:
        self.http = ctx.http()
        self.base = f"{ctx.setting('api_base_url')}/v1"

    def get(self, path: str, **params: Any) -> Any:
        return self.http.request("GET", self.base + path, params=params).json()

    def stats(self, window: DateWindow, ids: list[str]) -> list[dict[str, Any]]:
        return self.get("/stats", since=window.start.isoformat(), until=window.end.isoformat(),
                        item_ids=",".join(ids))["rows"]

    def create_export(self) -> str:
        return self.http.request("POST", self.base + "/exports", retry_safe=True).json()["export_id"]

    def export_status(self, export_id: str) -> ReportStatus:
        body = self.get(f"/exports/{export_id}")
        return ReportStatus(body["state"], percent=body.get("progress"), payload=body,
                            request_id=self.http.last_request_id)

    def export_rows(self, export_id: str, status: ReportStatus) -> Iterator[list[dict[str, Any]]]:
        page: int | None = 1
        while page is not None:
            body = self.get(f"/exports/{export_id}/rows", page=page)
            yield body["rows"]
            page = body.get("next_page")


class StatsQuery(Command):
    """Daily stats of items, any range and any number of ids (the core windows and batches them)."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--since", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--until", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--granularity", default="DAY")
        add_list_argument(parser, "--item-id", dest="item_ids")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        ctx = self.pctx
        api = AcmeApi(ctx)
        run = run_analytics(ctx, self.registry.analytics[self.provider], start=parsed_args.since,
                            end=parsed_args.until, granularity=parsed_args.granularity, ids=parsed_args.item_ids,
                            fetch=api.stats, start_flag="--since", end_flag="--until")
        meta = self.base_meta(windows=run.windows, batches=run.batches, requests=run.requests,
                              concurrency=run.concurrency)
        return Result(pages=run.pages(), meta=meta)


class ExportsRun(Command):
    """Create an export, wait for it (progress on stderr) and emit its rows."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--export-id", help="resume waiting for this export instead of creating one")
        parser.add_argument("--wait-timeout-seconds", type=float)

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        ctx = self.pctx
        api = AcmeApi(ctx)
        calls = ReportCalls(submit=api.create_export, status=api.export_status, results=api.export_rows,
                            resume_command=lambda export_id: f"agent-ads acme exports run --export-id {export_id}")
        runner = ReportRunner(ctx, self.registry.reports[self.provider], calls,
                              wait_timeout_seconds=parsed_args.wait_timeout_seconds)
        export_id = parsed_args.export_id or runner.submit()
        status = runner.wait(export_id)
        return Result(pages=runner.results(export_id, status),
                      meta=self.base_meta(export_id=export_id, polls=runner.polls))
