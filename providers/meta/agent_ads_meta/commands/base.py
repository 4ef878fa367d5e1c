"""What every Meta command shares: the client, ids, ``--fields``, and flags that are Graph params.

Reading a node and paging an edge differ only in which node or edge, which scope flag
picks the parent object, and which flags become params, so they are declared
(:class:`Param`, :class:`Scope`, :class:`GraphList`, :class:`GraphGet`) and the paging
itself is the core's runner. A flag is offered only when one of the command's edges takes
its param; which edge is used is decided by the scope flag, and a param the chosen edge
does not take is refused before sending (from the description data).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_core.command import Command, ListCommand
from agent_ads_core.errors import ArgumentError
from agent_ads_core.pagination import Page, PageRequest
from agent_ads_core.result import Result
from agent_ads_meta import graph, ids
from agent_ads_meta.client import GraphClient
from agent_ads_meta.graph import Edge

ARCHIVED_NOTE = ("List edges hide ARCHIVED objects unless --effective-status asks for them; DELETED objects are "
                 "never listed but stay readable by id.")


@dataclass(frozen=True)
class Param:
    """A flag that becomes one Graph param.

    ``kind``: ``text`` as given; ``list`` comma-separated or repeated (sent as a JSON array);
    ``timestamp`` a date, ISO datetime or Unix seconds (sent as seconds); ``flag`` a switch
    sent as ``true``.
    """

    flag: str
    param: str
    help: str
    kind: str = "text"

    def add(self, parser: argparse.ArgumentParser, allowed: list[str] | None) -> None:
        help_text = self.help + (f" (one of: {', '.join(allowed)}; any case)" if allowed and len(allowed) <= 25
                                 else " (values from Meta's description; any case)" if allowed else "")
        dest = self.param
        if self.kind == "list":
            add_list_argument(parser, self.flag, dest=dest, metavar="VALUE[,VALUE...]", help=help_text)
        elif self.kind == "flag":
            parser.add_argument(self.flag, dest=dest, action="store_const", const=True, default=None, help=help_text)
        else:
            metavar = "WHEN" if self.kind == "timestamp" else "VALUE"
            parser.add_argument(self.flag, dest=dest, metavar=metavar, help=help_text)

    def value(self, parsed_args: argparse.Namespace) -> Any:
        raw = getattr(parsed_args, self.param, None)
        if raw is not None and self.kind == "timestamp":
            return graph.timestamp(raw, self.flag)
        return raw


@dataclass(frozen=True)
class Scope:
    """A flag naming the parent object whose ``edge`` is listed (``--campaign-id`` -> Campaign)."""

    flag: str
    node: str

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")

    def object_id(self, value: str) -> str:
        return ids.ad_account_id(value, self.flag) if self.node == "AdAccount" else ids.object_id(value, self.flag)


AD_ACCOUNT = Scope("--ad-account-id", "AdAccount")
CAMPAIGN = Scope("--campaign-id", "Campaign")
ADSET = Scope("--adset-id", "AdSet")
AD = Scope("--ad-id", "Ad")
SCOPE_HELP = {
    "AdAccount": "ad account, act_123 or 123 (default: $META_ADS_DEFAULT_AD_ACCOUNT_ID or config)",
    "Campaign": "campaign id",
    "AdSet": "ad set id",
    "Ad": "ad id",
    "AdCreative": "ad creative id",
    "AdsPixel": "pixel id",
    "AdReportRun": "report run id (from 'report-runs submit')",
}


class MetaCommand(Command):
    """Base of every Meta command: the client, ``--fields`` and the flag-to-param table."""

    provider = "meta"
    default_fields: ClassVar[str | None] = None  # None: no --fields flag
    params: ClassVar[tuple[Param, ...]] = ()

    @cached_property
    def client(self) -> GraphClient:
        return GraphClient(self.pctx, self.flag_names())

    def flag_names(self) -> dict[str, str]:
        """Graph param -> CLI flag, so description errors name the flag the user typed."""
        names = {p.param: p.flag for p in self.params}
        names.update({"fields": "--fields", "limit": "--limit", "after": "--after", "time_range": "--since/--until"})
        return names

    def add_fields_argument(self, parser: argparse.ArgumentParser, node: str) -> None:
        if self.default_fields:
            parser.add_argument("--fields", default=self.default_fields, metavar="A,B,C{D,E}",
                                help=f"{node} fields to return, nested with braces (default: {self.default_fields})")

    def add_params(self, parser: argparse.ArgumentParser, edges: list[Edge]) -> None:
        for param in self.params:
            taking = [e for e in edges if e.takes(param.param)]
            if taking:
                param.add(parser, graph.enum_values(taking[0], param.param))

    def param_values(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        values = {p.param: p.value(parsed_args) for p in self.params}
        values["fields"] = getattr(parsed_args, "fields", None)
        return values

    def endpoint_meta(self, edge: Edge, object_id: str, **extra: Any) -> dict[str, Any]:
        return self.base_meta(endpoint=self.client.endpoint(edge, object_id), object_id=object_id,
                              **self.client.meta(), **extra)


def add_scope_arguments(parser: argparse.ArgumentParser, scopes: tuple[Scope, ...], required: bool = False) -> None:
    if not scopes:
        return
    group = parser.add_mutually_exclusive_group(required=required)
    for scope in scopes:
        group.add_argument(scope.flag, dest=scope.dest, metavar="ID", help=SCOPE_HELP[scope.node])


def chosen_scope(command: MetaCommand, parsed_args: argparse.Namespace,
                 scopes: tuple[Scope, ...]) -> tuple[Scope, str]:
    """The scope flag given (at most one, argparse sees to that); else the default ad account."""
    for scope in scopes:
        value = getattr(parsed_args, scope.dest, None)
        if value is not None:
            return scope, scope.object_id(value)
    if AD_ACCOUNT in scopes:
        return AD_ACCOUNT, ids.default_ad_account(command.pctx, None)
    raise ArgumentError(f"give one of {', '.join(s.flag for s in scopes)}", provider=command.provider)


class GraphList(MetaCommand, ListCommand):
    """A list edge of one of ``scopes``' nodes, paged by ``after`` cursors."""

    edge_name: ClassVar[str]
    scopes: ClassVar[tuple[Scope, ...]] = (AD_ACCOUNT,)
    scope_required: ClassVar[bool] = False
    time_range: ClassVar[bool] = False  # --since/--until sent as time_range

    def edges(self) -> list[Edge]:
        return [Edge(scope.node, "GET", self.edge_name) for scope in self.scopes]

    def add_filters(self, parser: ArgumentParser) -> None:
        add_scope_arguments(parser, self.scopes, self.scope_required)
        self.add_fields_argument(parser, self.edges()[0].returns)
        self.add_params(parser, self.edges())
        if self.time_range:
            parser.add_argument("--since", metavar="YYYY-MM-DD", help="with --until: objects with data in this range")
            parser.add_argument("--until", metavar="YYYY-MM-DD", help="last day of the --since range")

    def target(self, parsed_args: argparse.Namespace) -> tuple[Edge, str]:
        scope, object_id = chosen_scope(self, parsed_args, self.scopes)
        return Edge(scope.node, "GET", self.edge_name), object_id

    def param_values(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        values = super().param_values(parsed_args)
        if self.time_range:
            values["time_range"] = graph.time_range(parsed_args.since, parsed_args.until)
        return values

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        self.edge, self.object_id = self.target(parsed_args)
        self.values = self.param_values(parsed_args)
        graph.build_params(self.edge, self.values, self.flag_names())  # refuse bad flags before paging starts
        result = super().execute(parsed_args)
        result.meta.update(self.endpoint_meta(self.edge, self.object_id))
        return result

    def fetch_page(self, parsed_args: argparse.Namespace, request: PageRequest) -> Page:
        page = self.client.page(self.edge, self.object_id, self.values, request.cursor, request.page_size)
        self.meta.update(self.client.meta())
        return page


class GraphGet(MetaCommand):
    """One node read by id (``GET /{id}?fields=...``)."""

    scope: ClassVar[Scope]

    def add_arguments(self, parser: ArgumentParser) -> None:
        required = self.scope.node != "AdAccount"  # the ad account may come from the default
        parser.add_argument(self.scope.flag, dest=self.scope.dest, metavar="ID", required=required,
                            help=SCOPE_HELP[self.scope.node])
        self.add_fields_argument(parser, self.scope.node)
        self.add_params(parser, [Edge(self.scope.node, "GET", "#get")])

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        edge = Edge(self.scope.node, "GET", "#get")
        _scope, object_id = chosen_scope(self, parsed_args, (self.scope,))
        data = self.client.get(edge, object_id, self.param_values(parsed_args))
        return Result(data=data, meta=self.endpoint_meta(edge, object_id))


# Filters of the campaign, ad set and ad listings (offered where the edge takes them).
DELIVERY_FILTERS = (
    Param("--effective-status", "effective_status", "only objects in these delivery states; ARCHIVED must be "
          "asked for", "list"),
    Param("--date-preset", "date_preset", "only objects with data in this preset range"),
    Param("--updated-since", "updated_since", "only objects updated since (date, ISO datetime or Unix seconds)",
          "timestamp"),
)
