"""``meta creatives list|get|preview``: ad creatives and their rendered previews."""

from __future__ import annotations

import argparse

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_core.result import Result
from agent_ads_meta.commands.base import (
    AD,
    GraphGet,
    GraphList,
    MetaCommand,
    Param,
    Scope,
    add_scope_arguments,
    chosen_scope,
)
from agent_ads_meta.graph import Edge

CREATIVE = Scope("--creative-id", "AdCreative")
CREATIVE_FIELDS = "id,name,status,object_type,title,body,thumbnail_url"


class CreativesList(GraphList):
    """Ad creatives of an ad account: GET /act_<id>/adcreatives."""

    edge_name = "adcreatives"
    default_fields = CREATIVE_FIELDS


class CreativesGet(GraphGet):
    """One ad creative by id: GET /{creative-id}."""

    scope = CREATIVE
    default_fields = CREATIVE_FIELDS


class CreativesPreview(MetaCommand):
    """Render a creative's or an ad's preview: GET /{creative-id}/previews or /{ad-id}/previews.

    --ad-format is required (e.g. DESKTOP_FEED_STANDARD, MOBILE_FEED_STANDARD,
    INSTAGRAM_STANDARD); each row's body is an HTML iframe snippet.
    """

    scopes = (CREATIVE, AD)
    params = (Param("--ad-format", "ad_format", "the placement to render"),)

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_scope_arguments(parser, self.scopes, required=True)
        self.add_params(parser, [Edge(s.node, "GET", "previews") for s in self.scopes])

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        scope, object_id = chosen_scope(self, parsed_args, self.scopes)
        edge = Edge(scope.node, "GET", "previews")
        body = self.client.get(edge, object_id, self.param_values(parsed_args))
        return Result(data=body.get("data", []), meta=self.endpoint_meta(edge, object_id))
