"""What every Pinterest command shares: the --sandbox flag, the client, the ad account.

Listing and fetching objects differ only by operation and flags, so they are described
declaratively (:class:`ObjectList`, :class:`ObjectGet`) and the paging itself is the
core's runner.
"""

from __future__ import annotations

import argparse
from functools import cached_property
from typing import Any, ClassVar

from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_core.command import Command, ListCommand
from agent_ads_core.errors import ArgumentError
from agent_ads_core.pagination import Page, PageRequest
from agent_ads_core.result import Result
from agent_ads_pinterest import openapi_table
from agent_ads_pinterest.client import PinterestClient, ad_account_id
from agent_ads_pinterest.plugin import AD_ACCOUNT_ENV, NAME, SANDBOX_API_BASE_URL


class PinterestCommand(Command):
    """Base of every Pinterest command: adds --sandbox and builds the client on demand."""

    provider = NAME

    def flag_names(self) -> dict[str, str]:
        """API parameter -> CLI flag, so spec errors name the flag the user typed."""
        return {"ad_account_id": "--ad-account-id"}

    def get_parser(self, prog_name: str) -> ArgumentParser:
        parser = super().get_parser(prog_name)
        parser.add_argument("--sandbox", action="store_true", default=None,
                            help=f"use {SANDBOX_API_BASE_URL} (or providers.{NAME}.sandbox in config)")
        return parser

    def setting_overrides(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        return {} if parsed_args.sandbox is None else {"sandbox": parsed_args.sandbox}

    @cached_property
    def client(self) -> PinterestClient:
        return PinterestClient(self.pctx, self.flag_names())

    def ad_account(self, parsed_args: argparse.Namespace) -> str:
        return ad_account_id(self.pctx, getattr(parsed_args, "ad_account_id", None))

    def endpoint_meta(self, op_id: str, **extra: Any) -> dict[str, Any]:
        return self.base_meta(endpoint=self.client.endpoint(op_id), **extra)


def add_ad_account_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ad-account-id", metavar="ID", help="ad account (default: $" + AD_ACCOUNT_ENV + " or config)")


class ObjectList(PinterestCommand, ListCommand):
    """A bookmark-paged list endpoint described by its operation and filter flags."""

    op_id: ClassVar[str]
    scoped: ClassVar[bool] = True  # under /ad_accounts/{ad_account_id}
    # (flag, API parameter, help) for comma-separated, repeatable filters
    list_filters: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    # API parameters of which the endpoint takes only one per request (its description says so)
    only_one_of: ClassVar[tuple[str, ...]] = ()

    def get_description(self) -> str:
        text = super().get_description()
        if self.only_one_of:
            flags = self.flag_names()
            text += "\n\nGive only one of " + ", ".join(flags[param] for param in self.only_one_of) + \
                " (the API takes one of these filters per request)."
        return text

    def add_filters(self, parser: ArgumentParser) -> None:
        if self.scoped:
            add_ad_account_argument(parser)
        for flag, param, help_text in self.list_filters:
            metavar = "VALUE[,VALUE...]" if openapi_table.enum_values(self.op_id, param) else "ID[,ID...]"
            add_list_argument(parser, flag, dest=param, help=help_text, metavar=metavar)
        self.add_options(parser)

    def add_options(self, parser: ArgumentParser) -> None:
        """Flags beyond the list filters (order, booleans, ...)."""

    def enum_values(self) -> dict[str, list[str]]:
        values = super().enum_values()
        for flag, param, _help in self.list_filters:
            if choices := openapi_table.enum_values(self.op_id, param):
                values[flag] = [str(choice) for choice in choices]
        return values

    def query(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        """API parameters from the flags; None values are left out."""
        return {param: getattr(parsed_args, param) for _flag, param, _help in self.list_filters}

    def flag_names(self) -> dict[str, str]:
        names = {**super().flag_names(), "page_size": "--page-size", "bookmark": "--bookmark"}
        names.update({param: flag for flag, param, _help in self.list_filters})
        return names

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        given = [self.flag_names()[param] for param in self.only_one_of if getattr(parsed_args, param, None)]
        if len(given) > 1:
            raise ArgumentError(f"{' and '.join(given)} cannot be combined: the API takes only one of them",
                                provider=self.provider, hint="filter by one of them and narrow the rest locally")
        self.path_values = {"ad_account_id": self.ad_account(parsed_args)} if self.scoped else {}
        self.query_params = self.query(parsed_args)
        result = super().execute(parsed_args)
        result.meta.update(self.endpoint_meta(self.op_id))
        return result

    def fetch_page(self, parsed_args: argparse.Namespace, request: PageRequest) -> Page:
        params = {**self.query_params, "page_size": request.page_size, "bookmark": request.cursor}
        body = self.client.get(self.op_id, self.path_values, params)
        self.meta["request_id"] = self.client.request_id
        return Page(items=self.client.rows(body, self.op_id), next_cursor=body.get("bookmark") or None)


class ObjectGet(PinterestCommand):
    """One object by id: a GET with the id in the path."""

    op_id: ClassVar[str]
    id_flag: ClassVar[str | None] = None  # e.g. "--campaign-id"; None: the ad account itself
    id_param: ClassVar[str | None] = None  # path parameter name

    def flag_names(self) -> dict[str, str]:
        names = super().flag_names()
        if self.id_param and self.id_flag:
            names[self.id_param] = self.id_flag
        return names

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_ad_account_argument(parser)
        if self.id_flag:
            parser.add_argument(self.id_flag, dest=self.id_param, required=True, metavar="ID")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        path_values = {"ad_account_id": self.ad_account(parsed_args)}
        object_id = path_values["ad_account_id"]
        if self.id_param:
            object_id = path_values[self.id_param] = getattr(parsed_args, self.id_param)
        data = self.client.get(self.op_id, path_values)
        meta = self.endpoint_meta(self.op_id, object_id=object_id, request_id=self.client.request_id)
        return Result(data=data, meta=meta)

