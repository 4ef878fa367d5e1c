"""Turns seeded objects into reporting entities (id column + descriptive columns).

The sync analytics endpoints name their entities by id; async reports name them by
level and filters. Both end up here, so a campaign reports the same CAMPAIGN_NAME and
metrics whichever way it was asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .data import AD_SUMMARY_STATUS, SUMMARY_STATUS, Dataset
from .metric_rows import Entity

# Async report levels the simulator can produce, and the id column each is keyed by.
REPORT_LEVEL_KEYS = {
    "ADVERTISER": "ADVERTISER_ID",
    "CAMPAIGN": "CAMPAIGN_ID",
    "AD_GROUP": "AD_GROUP_ID",
    "PIN_PROMOTION": "PIN_PROMOTION_ID",
}


def _account_attributes(ds: Dataset, a: int) -> dict[str, Any]:
    account_id = ds.account_id(a)
    return {"AD_ACCOUNT_ID": account_id, "ADVERTISER_ID": account_id}


def _campaign_attributes(ds: Dataset, a: int, j: int) -> dict[str, Any]:
    return {
        **_account_attributes(ds, a),
        "CAMPAIGN_ID": ds.campaign_id(a, j),
        "CAMPAIGN_NAME": ds.campaign_name(a, j),
        "CAMPAIGN_ENTITY_STATUS": ds.campaign_status(a, j),
        "CAMPAIGN_STATUS": SUMMARY_STATUS[ds.campaign_status(a, j)],
        "CAMPAIGN_OBJECTIVE_TYPE": ds.campaign_objective(a, j),
    }


def _ad_group_attributes(ds: Dataset, a: int, g: int) -> dict[str, Any]:
    return {
        **_campaign_attributes(ds, a, ds.ad_group_campaign(g)),
        "AD_GROUP_ID": ds.ad_group_id(a, g),
        "AD_GROUP_NAME": ds.ad_group_name(a, g),
        "AD_GROUP_ENTITY_STATUS": ds.ad_group_status(a, g),
        "AD_GROUP_STATUS": SUMMARY_STATUS[ds.ad_group_status(a, g)],
    }


def _ad_attributes(ds: Dataset, a: int, i: int) -> dict[str, Any]:
    ad_id = ds.ad_id(a, i)
    return {
        **_ad_group_attributes(ds, a, ds.ad_ad_group(i)),
        "AD_ID": ad_id,
        "PIN_PROMOTION_ID": ad_id,
        "AD_NAME": ds.ad_name(a, i),
        "PIN_ID": ds.pin_id(a, i),
        "AD_STATUS": AD_SUMMARY_STATUS[ds.ad_status(a, i)],
        "PIN_PROMOTION_STATUS": AD_SUMMARY_STATUS[ds.ad_status(a, i)],
    }


def account(ds: Dataset, a: int, key: str = "AD_ACCOUNT_ID") -> Entity:
    return Entity(key, ds.account_id(a), _account_attributes(ds, a))


def campaign(ds: Dataset, a: int, j: int) -> Entity:
    return Entity("CAMPAIGN_ID", ds.campaign_id(a, j), _campaign_attributes(ds, a, j))


def ad_group(ds: Dataset, a: int, g: int) -> Entity:
    return Entity("AD_GROUP_ID", ds.ad_group_id(a, g), _ad_group_attributes(ds, a, g))


def ad(ds: Dataset, a: int, i: int, key: str = "AD_ID") -> Entity:
    return Entity(key, ds.ad_id(a, i), _ad_attributes(ds, a, i))


def pin(ds: Dataset, a: int, i: int) -> Entity:
    return Entity("PIN_ID", ds.pin_id(a, i), _ad_attributes(ds, a, i))


def known_indices(ids: Iterable[str], parse: Callable[[str], int | None]) -> list[int]:
    """Indices of the ids that exist (in request order, without repeats); unknown ids have no data."""
    found: list[int] = []
    for object_id in ids:
        index = parse(object_id)
        if index is not None and index not in found:
            found.append(index)
    return found


def report_entities(ds: Dataset, a: int, request: dict[str, Any]) -> Iterator[Entity]:
    """The entities an async report covers: its level, narrowed by the request's id and status filters."""
    level = request["level"].removesuffix("_TARGETING")
    if level == "ADVERTISER":
        yield account(ds, a, key="ADVERTISER_ID")
        return
    campaign_ids, ad_group_ids, ad_ids, campaign_statuses, ad_group_statuses, ad_statuses = (
        set(request[name]) if request.get(name) else None
        for name in ("campaign_ids", "ad_group_ids", "ad_ids", "campaign_statuses", "ad_group_statuses", "ad_statuses")
    )

    def campaign_ok(j: int) -> bool:
        return (campaign_ids is None or ds.campaign_id(a, j) in campaign_ids) and (
            campaign_statuses is None or SUMMARY_STATUS[ds.campaign_status(a, j)] in campaign_statuses
        )

    def ad_group_ok(g: int) -> bool:
        return (
            campaign_ok(ds.ad_group_campaign(g))
            and (ad_group_ids is None or ds.ad_group_id(a, g) in ad_group_ids)
            and (ad_group_statuses is None or SUMMARY_STATUS[ds.ad_group_status(a, g)] in ad_group_statuses)
        )

    def ad_ok(i: int) -> bool:
        return (
            ad_group_ok(ds.ad_ad_group(i))
            and (ad_ids is None or ds.ad_id(a, i) in ad_ids)
            and (ad_statuses is None or AD_SUMMARY_STATUS[ds.ad_status(a, i)] in ad_statuses)
        )

    campaigns: Iterable[int] = (
        sorted(known_indices(campaign_ids, lambda c: ds.campaign_index(a, c))) if campaign_ids else range(ds.campaigns)
    )
    if level == "CAMPAIGN":
        yield from (campaign(ds, a, j) for j in campaigns if campaign_ok(j))
        return
    groups: Iterable[int] = (
        sorted(known_indices(ad_group_ids, lambda g: ds.ad_group_index(a, g)))
        if ad_group_ids
        else (g for j in campaigns for g in ds.ad_groups_of_campaign(j))
    )
    if level == "AD_GROUP":
        yield from (ad_group(ds, a, g) for g in groups if ad_group_ok(g))
        return
    ads: Iterable[int] = (
        sorted(known_indices(ad_ids, lambda i: ds.ad_index(a, i)))
        if ad_ids
        else (i for g in groups for i in ds.ads_of_ad_group(g))
    )
    yield from (ad(ds, a, i, key="PIN_PROMOTION_ID") for i in ads if ad_ok(i))
