"""Filters several Pinterest list commands share: entity statuses and sorting by id.

Campaigns, ad groups and ads take the same ``entity_statuses`` filter (and hide archived
objects by default); those and audiences sort by id with ``order``. Each list command
names what it takes from here rather than from another command's module.
"""

from __future__ import annotations

import argparse
from typing import Any

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_core.validation import Choice
from agent_ads_pinterest.commands.base import ObjectList
from agent_ads_pinterest.enum_matching import SYNONYMS
from agent_ads_pinterest.openapi_table import enum_values

# (flag, API parameter, help) in the shape of ObjectList.list_filters
ENTITY_STATUS = ("--entity-status", "entity_statuses", "ACTIVE, PAUSED, ARCHIVED, DRAFT, DELETED_DRAFT "
                 "(default ACTIVE,PAUSED)")
ARCHIVED_NOTE = ("Archived objects are hidden unless asked for: the API's default --entity-status is "
                 "ACTIVE,PAUSED; add ARCHIVED to see them.")


class OrderedList(ObjectList):
    """A list endpoint that also sorts by id (``--order``)."""

    def add_options(self, parser: ArgumentParser) -> None:
        parser.add_argument("--order", type=Choice(enum_values(self.op_id, "order"), SYNONYMS),
                            metavar="{ASCENDING,DESCENDING}", help="sort by id")

    def query(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        return {**super().query(parsed_args), "order": parsed_args.order}
