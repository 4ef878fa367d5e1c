"""Deterministic metric rows for the sync analytics, targeting analytics and async reports.

Values are pure functions of (entity id, time bucket, column), so a client can fetch
the same numbers twice, through different endpoints, and get identical answers. Core
metrics are derived from a few base quantities (impressions, clicks, spend...) so
they are mutually consistent: ``SPEND_IN_DOLLAR == SPEND_IN_MICRO_DOLLAR / 1e6``,
``CTR == clicks / impressions`` and so on. Counts are integers, micro-dollar amounts are
integers, dollar amounts and rates are floats. Descriptive columns (``*_ID``,
``*_NAME``, ``*_STATUS``...) come from the entity's attributes, or null when unknown.

``DATE`` labels: DAY -> ``YYYY-MM-DD``; HOUR -> ``YYYY-MM-DD HH:00:00``; WEEK and MONTH ->
the first day of the week (Monday) or month, clipped to ``start_date``; TOTAL -> no DATE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .hashing import stable_int

# Values a targeting type breaks down into; ids are numbers, as in the spec's example.
TARGETING_VALUES: dict[str, tuple[Any, ...]] = {
    "KEYWORD": ("christmas decor ideas", "home office", "summer outfits"),
    "APPTYPE": ("iphone", "ipad", "web", "web_mobile", "android_mobile", "android_tablet"),
    "GENDER": ("female", "male", "unknown"),
    "LOCATION": (500, 501, 502),
    "PLACEMENT": ("SEARCH", "BROWSE", "OTHER"),
    "COUNTRY": ("US", "GB", "DE", "CA"),
    "TARGETED_INTEREST": ("Food and Drinks", "Home Decor", "Travel"),
    "PINNER_INTEREST": ("Chocolate Cookies", "Quilting", "Hiking"),
    "AUDIENCE_INCLUDE": (2542610000000, 2542610000001),
    "GEO": ("US:94102", "US:10001", "GB:SW1A"),
    "AGE_BUCKET": ("18-24", "25-34", "35-44", "45-49", "50-54", "55-64", "65+"),
    "REGION": ("US-CA", "US-NY", "GB-ENG"),
    "AGE_BUCKET_AND_GENDER": ("25-34:female", "25-34:male", "35-44:female"),
    "CREATIVE_TYPE": ("REGULAR", "VIDEO", "CAROUSEL"),
    "AUDIENCE_MULTIPLIER": ("1.0", "1.5"),
    "CREATIVE_ENHANCEMENTS": ("BACKGROUND_ENHANCED", "NONE"),
    "QUIZ_RESULT": ("result_1", "result_2"),
    "MEDIA_TYPE": ("IMAGE", "VIDEO"),
    "LOCAL_ADS_STORE_CODE": ("store-001", "store-002"),
}

# Descriptive (non-metric) columns: null unless the entity knows the value.
_DESCRIPTIVE_SUFFIXES = ("_ID", "_NAME", "_STATUS", "_TYPE", "_LABEL", "_TAG", "_OPTIMIZATION")
_DESCRIPTIVE = {"IS_PREMIERE_CAMPAIGN"}


@dataclass(frozen=True)
class Entity:
    """Something metrics are reported for: its id column, its id, and descriptive columns."""

    key: str
    id: str
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Bucket:
    """One time bucket: the DATE label (None for TOTAL), a hashing key, and its length in days."""

    label: str | None
    key: str
    days: float


def buckets(start: dt.date, end: dt.date, granularity: str) -> list[Bucket]:
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    if granularity == "TOTAL":
        return [Bucket(None, f"{start}..{end}", len(days))]
    if granularity == "DAY":
        return [Bucket(d.isoformat(), d.isoformat(), 1) for d in days]
    if granularity == "HOUR":
        return [Bucket(f"{d} {h:02d}:00:00", f"{d}T{h:02d}", 1 / 24) for d in days for h in range(24)]
    groups: dict[dt.date, int] = {}
    for d in days:
        anchor = d - dt.timedelta(days=d.weekday()) if granularity == "WEEK" else d.replace(day=1)
        groups[anchor] = groups.get(anchor, 0) + 1
    return [Bucket(max(anchor, start).isoformat(), f"{granularity}:{anchor}", n) for anchor, n in groups.items()]


@dataclass(frozen=True)
class _Base:
    """The base quantities every core metric of one (entity, bucket) is derived from."""

    impressions: int
    clicks: int
    spend: int  # micro-dollars
    conversions: int
    engagements: int

    @classmethod
    def of(cls, entity_id: str, bucket: Bucket) -> _Base:
        h = stable_int("base", entity_id, bucket.key)
        impressions = int(bucket.days * (200 + h % 5_000))
        clicks = impressions * (5 + (h >> 16) % 40) // 1_000
        spend = clicks * (200_000 + (h >> 24) % 1_800_000)
        conversions = clicks * ((h >> 48) % 12) // 100
        engagements = impressions * (10 + (h >> 40) % 60) // 1_000
        return cls(impressions, clicks, spend, conversions, engagements)

    def ratio(self, numerator: float, denominator: float, scale: float = 1.0) -> float:
        return round(numerator / denominator * scale, 6) if denominator else 0.0


# Core metrics computed from the base quantities (a table of functions: a report asks for
# one or two columns of a million rows, so only those are computed).
_CORE: dict[str, Callable[[_Base], Any]] = {
    "SPEND_IN_MICRO_DOLLAR": lambda b: b.spend,
    "SPEND_IN_DOLLAR": lambda b: round(b.spend / 1e6, 2),
    "PAID_IMPRESSION": lambda b: b.impressions,
    "TOTAL_IMPRESSION": lambda b: b.impressions,
    "IMPRESSION_1": lambda b: b.impressions,
    "CLICKTHROUGH_1": lambda b: b.clicks,
    "TOTAL_CLICKTHROUGH": lambda b: b.clicks,
    "OUTBOUND_CLICK_1": lambda b: b.clicks * 7 // 10,
    "CTR": lambda b: b.ratio(b.clicks, b.impressions),
    "ECTR": lambda b: b.ratio(b.clicks, b.impressions),
    "OUTBOUND_CTR_1": lambda b: b.ratio(b.clicks * 7 // 10, b.impressions),
    "CPC_IN_MICRO_DOLLAR": lambda b: b.ratio(b.spend, b.clicks),
    "ECPC_IN_MICRO_DOLLAR": lambda b: b.ratio(b.spend, b.clicks),
    "ECPC_IN_DOLLAR": lambda b: b.ratio(b.spend, b.clicks, 1e-6),
    "CPM_IN_MICRO_DOLLAR": lambda b: b.ratio(b.spend, b.impressions, 1_000),
    "CPM_IN_DOLLAR": lambda b: b.ratio(b.spend, b.impressions, 1e-3),
    "ECPM_IN_MICRO_DOLLAR": lambda b: b.ratio(b.spend, b.impressions, 1_000),
    "TOTAL_ENGAGEMENT": lambda b: b.engagements,
    "ENGAGEMENT_RATE": lambda b: b.ratio(b.engagements, b.impressions),
    "EENGAGEMENT_RATE": lambda b: b.ratio(b.engagements, b.impressions),
    "TOTAL_CONVERSIONS": lambda b: b.conversions,
}


def _fallback(column: str, entity_id: str, bucket: Bucket) -> Any:
    """Any other metric, typed by its name: money and rates are floats, the rest counts."""
    h = stable_int("metric", entity_id, bucket.key, column)
    if "MICRO_DOLLAR" in column:
        return int(bucket.days * (h % 50_000_000))
    if "DOLLAR" in column or "COST" in column or "ROAS" in column:
        return round(bucket.days * (h % 100_000) / 100, 2)
    if "RATE" in column or "CTR" in column:
        return round((h % 100_000) / 1_000_000, 6)
    return int(bucket.days * (h % 1_000))


def metric_values(
    entity: Entity, bucket: Bucket, columns: Iterable[str], base_key: str | None = None
) -> dict[str, Any]:
    """The requested columns for one entity and bucket, in request order."""
    key = base_key or entity.id
    base = _Base.of(key, bucket)
    values: dict[str, Any] = {}
    for column in columns:
        if column in entity.attributes:
            values[column] = entity.attributes[column]
        elif column.endswith(_DESCRIPTIVE_SUFFIXES) or column in _DESCRIPTIVE:
            values[column] = None
        else:
            core = _CORE.get(column)
            values[column] = _fallback(column, key, bucket) if core is None else core(base)
    return values


def rows(
    entities: Iterable[Entity],
    start: dt.date,
    end: dt.date,
    granularity: str,
    columns: list[str],
    *,
    aggregate: bool = False,
) -> Iterator[dict[str, Any]]:
    """Sync-analytics rows: one per entity and bucket (or per bucket when ``aggregate``)."""
    spans = buckets(start, end, granularity)
    if aggregate:
        group = list(entities)
        merged = Entity(key="", id=",".join(e.id for e in group))
        for bucket in spans:
            yield _row(merged, bucket, columns, with_key=False)
        return
    for entity in entities:
        for bucket in spans:
            yield _row(entity, bucket, columns, with_key=True)


def _row(entity: Entity, bucket: Bucket, columns: list[str], *, with_key: bool) -> dict[str, Any]:
    row: dict[str, Any] = {entity.key: entity.id} if with_key else {}
    if bucket.label is not None:
        row["DATE"] = bucket.label
    row.update(metric_values(entity, bucket, columns))
    return row


def targeting_rows(
    entities: Iterable[Entity],
    targeting_types: list[str],
    start: dt.date,
    end: dt.date,
    granularity: str,
    columns: list[str],
) -> list[dict[str, Any]]:
    """Targeting-analytics ``data`` items: one per entity, targeting value and bucket.

    Entity ids inside ``metrics`` are numbers, as in the spec's MetricsResponse example.
    """
    spans = buckets(start, end, granularity)
    data: list[dict[str, Any]] = []
    for entity in entities:
        for targeting_type in targeting_types:
            for value in TARGETING_VALUES.get(targeting_type, ("UNKNOWN",)):
                slice_key = f"{entity.id}/{targeting_type}/{value}"
                for bucket in spans:
                    metrics: dict[str, Any] = {entity.key: int(entity.id)}
                    if bucket.label is not None:
                        metrics["DATE"] = bucket.label
                    metrics.update(metric_values(entity, bucket, columns, base_key=slice_key))
                    data.append({"targeting_type": targeting_type, "targeting_value": value, "metrics": metrics})
    return data
