"""Which columns a table shows, in what order and how wide: the decisions, without any drawing.

A table is for a person, so it leads with what identifies a row (ids, names), then dates
and statuses, then the rest in the order the API gave them, and it never wraps: columns
that do not fit the terminal are hidden (and counted), and long values are cut with an
ellipsis. Everything is decided from the first page, so a streamed ``--all`` listing can
print each page as it arrives with the same columns and widths.

No provider is named here: the choices read only the keys and values of the rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

SEPARATOR = 3  # cells between columns
MAX_WIDTH = 40  # no column is wider than this unless it is the only one
MIN_WIDTH = 10  # a default column narrower than this is not worth showing
MIN_REQUESTED_WIDTH = 4  # a column the user asked for shrinks this far before anything is dropped
_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def is_id(name: str) -> bool:
    lowered = name.lower()
    return lowered == "id" or lowered.endswith("_id")


def is_number(value: Any) -> bool:
    """A JSON number, or text that is one (some APIs send metrics as strings)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and _NUMBER.fullmatch(value) is not None


def parse_date(value: Any) -> datetime | None:
    """``2024-05-01`` or an ISO 8601 date-time as a datetime; anything else None."""
    if not isinstance(value, str) or len(value) < 10 or not value[:4].isdigit() or value[4] != "-":
        return None
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.combine(date.fromisoformat(text[:10]), datetime.min.time()) if len(text) == 10 else None
        except ValueError:
            return None


def lookup(row: Any, column: str) -> Any:
    """The value of ``column`` in a row; a dot path (``targeting_spec.AGE_BUCKET``) reaches into objects."""
    if not isinstance(row, dict):
        return row if column == "value" else None
    if column in row:
        return row[column]
    value: Any = row
    for part in column.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def cell_text(value: Any) -> str:
    """One line of text for a value: numbers without float noise, objects and lists as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(value, ".10g")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return " ".join(str(value).split()) if isinstance(value, str) and ("\n" in value or "\t" in value) else str(value)


def _rank(column: str, values: Sequence[Any]) -> int:
    lowered = column.lower()
    present = [v for v in values if v not in (None, "")]
    if lowered == "id":
        return 0
    if lowered == "name":
        return 1
    if is_id(column):
        return 2
    if lowered.endswith("_name"):
        return 3
    if present and all(parse_date(v) for v in present):
        return 4
    if lowered in ("status", "state") or lowered.endswith(("_status", "_state")):
        return 5
    return 6


def default_columns(rows: Sequence[Any]) -> list[str]:
    """Every key of the rows, identifying ones first, otherwise in the order the API gave them."""
    keys: dict[str, None] = {}
    for row in rows:
        for key in row if isinstance(row, dict) else ["value"]:
            keys.setdefault(str(key), None)
    ranked = sorted(enumerate(keys), key=lambda pair: (_rank(pair[1], [lookup(r, pair[1]) for r in rows]), pair[0]))
    return [name for _, name in ranked]


@dataclass(frozen=True)
class Column:
    name: str
    width: int
    numeric: bool


@dataclass
class Layout:
    columns: list[Column]
    hidden: list[str] = field(default_factory=list)


def plan(rows: Sequence[Any], width: int, requested: Sequence[str] | None = None,
         measure: Callable[[str], int] = len) -> Layout:
    """Choose and size the columns for ``rows`` (the first page) to fit ``width`` cells.

    ``requested`` columns (``--table-columns``) are all kept, in the order given, shrinking
    as far as needed; default columns are added by rank while at least ``MIN_WIDTH`` of each
    still fits, and the rest are reported as hidden.
    """
    names = list(requested) if requested else default_columns(rows)
    candidates = []
    for name in names:
        values = [lookup(row, name) for row in rows]
        texts = [cell_text(v) for v in values]
        natural = max([measure(name), *(measure(t) for t in texts)])
        present = [v for v in values if v not in (None, "")]
        numeric = bool(present) and not is_id(name) and all(is_number(v) for v in present)
        candidates.append(Column(name, min(natural, MAX_WIDTH) if len(names) > 1 else natural, numeric))

    floor = MIN_REQUESTED_WIDTH if requested else MIN_WIDTH
    kept: list[Column] = []
    used = 0
    hidden: list[str] = []
    for col in candidates:
        need = min(col.width, floor) + (SEPARATOR if kept else 0)
        if requested or not hidden and used + need <= width:
            kept.append(col)
            used += need
        else:
            hidden.append(col.name)
    if not kept and candidates:  # even one column must show, cut to the width
        kept, hidden = [candidates[0]], [c.name for c in candidates[1:]]
    return Layout(_shrink(kept, width, floor), hidden)


def _shrink(columns: list[Column], width: int, floor: int) -> list[Column]:
    """Narrow the widest text columns, one cell at a time, until the row fits.

    Numbers and ids are cut last: a truncated amount or id misleads where a truncated name does not.
    """
    widths = [c.width for c in columns]
    budget = width - SEPARATOR * (len(columns) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i, c in enumerate(columns) if widths[i] > min(floor, c.width) and widths[i] > 1]
        if not shrinkable:
            break
        text = [i for i in shrinkable if not columns[i].numeric and not is_id(columns[i].name)]
        widest = max(text or shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return [Column(c.name, w, c.numeric) for c, w in zip(columns, widths)]


def fields_as_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One object shown as a two-column table (field, value), the way a person reads a single record."""
    return [{"field": key, "value": value} for key, value in record.items()]


def first_page(pages: Iterable[list[Any]]) -> tuple[list[Any], Iterable[list[Any]]]:
    """The first non-empty page (to plan the layout from) and the pages after it."""
    rest = iter(pages)
    for page in rest:
        if page:
            return page, rest
    return [], rest
