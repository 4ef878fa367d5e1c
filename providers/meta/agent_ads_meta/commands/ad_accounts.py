"""``meta me``, ``meta businesses list`` and ``meta ad-accounts list|get``: who the token can see.

Ad accounts come from the token's user (``GET /me/adaccounts``) or, with ``--business-id``
(or the default business), from a business's ``owned_ad_accounts`` or
``client_ad_accounts`` (``--relation``).
"""

from __future__ import annotations

import argparse
from typing import ClassVar

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result
from agent_ads_meta import ids
from agent_ads_meta.commands.base import AD_ACCOUNT, GraphGet, GraphList, MetaCommand
from agent_ads_meta.graph import Edge

AD_ACCOUNT_FIELDS = "id,account_id,name,account_status,currency,timezone_name,amount_spent,business"
RELATIONS = {"owned": "owned_ad_accounts", "client": "client_ad_accounts"}
ME = "me"


class Me(MetaCommand):
    """The user (or system user) the access token belongs to: GET /me."""

    default_fields = "id,name"

    def add_arguments(self, parser: ArgumentParser) -> None:
        self.add_fields_argument(parser, "User")

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        edge = Edge("User", "GET", "#get")
        data = self.client.get(edge, ME, self.param_values(parsed_args))
        return Result(data=data, meta=self.endpoint_meta(edge, ME))


class BusinessesList(GraphList):
    """Businesses (Business Managers) the token's user belongs to: GET /me/businesses.

    Needs the business_management permission.
    """

    edge_name = "businesses"
    scopes = ()
    default_fields = "id,name,verification_status,created_time"

    def edges(self) -> list[Edge]:
        return [Edge("User", "GET", self.edge_name)]

    def target(self, parsed_args: argparse.Namespace) -> tuple[Edge, str]:
        return self.edges()[0], ME


class AdAccountsList(GraphList):
    """Ad accounts the token can read: GET /me/adaccounts, or a business's with --business-id.

    With --business-id (or META_ADS_DEFAULT_BUSINESS_ID), --relation picks the business's
    owned_ad_accounts (default) or client_ad_accounts.
    """

    edge_name = "adaccounts"
    scopes = ()
    default_fields = AD_ACCOUNT_FIELDS

    def edges(self) -> list[Edge]:
        return [Edge("User", "GET", "adaccounts"), *(Edge("Business", "GET", e) for e in RELATIONS.values())]

    def add_filters(self, parser: ArgumentParser) -> None:
        parser.add_argument("--business-id", metavar="ID",
                            help="list this business's ad accounts (default: $META_ADS_DEFAULT_BUSINESS_ID or config)")
        parser.add_argument("--relation", choices=sorted(RELATIONS), type=str.lower,
                            help="with a business: owned (default) or client ad accounts")
        super().add_filters(parser)

    def target(self, parsed_args: argparse.Namespace) -> tuple[Edge, str]:
        business = ids.default_business(self.pctx, parsed_args.business_id)
        if business is None:
            if parsed_args.relation:
                raise ArgumentError("--relation needs a business", provider=self.provider,
                                    hint="pass --business-id or set META_ADS_DEFAULT_BUSINESS_ID")
            return Edge("User", "GET", "adaccounts"), ME
        return Edge("Business", "GET", RELATIONS[parsed_args.relation or "owned"]), business


class AdAccountsGet(GraphGet):
    """One ad account: GET /act_<id>."""

    scope = AD_ACCOUNT
    default_fields: ClassVar[str] = AD_ACCOUNT_FIELDS
