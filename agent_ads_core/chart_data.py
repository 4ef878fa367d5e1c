"""What a chart plots, read from the same rows JSON would show: a date axis, metrics, series.

Any provider's time-series rows work without provider code: the date column is the first
whose values all read as dates (``DATE``, ``date_start``), the metric
defaults to the first numeric column that is not an id, and when rows carry several values
of an id column (one row per campaign per day) each id becomes its own series, capped so
the chart stays readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agent_ads_core.errors import ArgumentError
from agent_ads_core.table_layout import default_columns, is_id, is_number, lookup, parse_date

MAX_SERIES = 8


@dataclass
class Series:
    label: str
    points: dict[datetime, float] = field(default_factory=dict)  # date -> value, in date order once built


@dataclass
class ChartData:
    date_column: str
    metrics: list[str]
    series: list[Series]
    entity_column: str | None = None
    dropped_series: int = 0  # entities beyond the cap, not drawn
    summed_points: int = 0  # rows that shared a series and date with another row, added together

    @property
    def dates(self) -> list[datetime]:
        return sorted({d for s in self.series for d in s.points})


def find_date_column(rows: Sequence[dict[str, Any]]) -> str | None:
    for column in default_columns(rows):
        values = [lookup(row, column) for row in rows]
        if values and all(parse_date(v) for v in values):
            return column
    return None


def numeric_columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Columns that hold a number in every row that has them, ids excepted, in the rows' own order."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    numeric = []
    for key in keys:
        present = [row[key] for row in rows if row.get(key) not in (None, "")]
        if present and not is_id(key) and all(is_number(v) for v in present):
            numeric.append(key)
    return numeric


def find_entity_column(rows: Sequence[dict[str, Any]], exclude: Sequence[str]) -> str | None:
    """The id column with the most distinct values, when it has more than one (else one series)."""
    best, best_count = None, 1
    for key in dict.fromkeys(k for row in rows for k in row):
        if key in exclude or not is_id(key):
            continue
        count = len({str(row.get(key)) for row in rows})
        if count > best_count:
            best, best_count = key, count
    return best


def _label_of(row: dict[str, Any], entity_column: str) -> str:
    """``<id>``, or ``<name> (<id>)`` when the row names the entity next to its id (``campaign_name``)."""
    entity = str(row.get(entity_column))
    name_key = entity_column[: -len("_id")] + "_name" if entity_column.lower().endswith("_id") else None
    name = next((row[k] for k in row if name_key and k.lower() == name_key.lower() and row[k]), None)
    return f"{name} ({entity})" if name else entity


def build(rows: Sequence[dict[str, Any]], metrics: Sequence[str] | None = None,
          max_series: int = MAX_SERIES) -> ChartData:
    """The series to draw; raises ArgumentError when the rows are not a time series of numbers."""
    rows = [row for row in rows if isinstance(row, dict)]
    if not rows:
        raise ArgumentError("no rows to chart", hint="widen the date range or check the ids")
    date_column = find_date_column(rows)
    if date_column is None:
        raise ArgumentError("--format chart needs rows with a date column (analytics or report rows)",
                            hint="use --format table for other data")
    available = numeric_columns(rows)
    if metrics:
        unknown = [m for m in metrics if m not in available]
        if unknown:
            raise ArgumentError(f"--chart-metric: not a numeric column of these rows: {', '.join(unknown)}",
                                hint=f"choose from: {', '.join(available) or '(none)'}")
        chosen = list(metrics)
    elif available:
        chosen = available[:1]
    else:
        raise ArgumentError("--format chart found no numeric column to plot", hint="use --format table")
    entity_column = find_entity_column(rows, exclude=[date_column, *chosen])

    by_label: dict[str, Series] = {}
    summed = 0
    for row in rows:
        when = parse_date(lookup(row, date_column))
        prefix = _label_of(row, entity_column) if entity_column else ""
        for metric in chosen:
            value = row.get(metric)
            if value in (None, "") or when is None:
                continue
            label = " ".join(filter(None, [prefix, metric if len(chosen) > 1 or not prefix else ""])) or metric
            series = by_label.setdefault(label, Series(label))
            if when in series.points:
                summed += 1
            series.points[when] = series.points.get(when, 0.0) + float(value)
    ordered = list(by_label.values())
    kept = ordered[: max(max_series, 1)]
    for series in kept:
        series.points = dict(sorted(series.points.items()))
    return ChartData(date_column, chosen, kept, entity_column, len(ordered) - len(kept), summed)
