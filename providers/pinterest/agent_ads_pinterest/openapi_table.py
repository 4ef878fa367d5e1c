"""Pinterest's OpenAPI description as a table of operations and their parameters.

``spec_data.json`` holds what the client needs of the official description (operations,
their query and path parameters with the constraints a client can check up front, the
report request schema, report statuses), derived by ``scripts/generate_spec_data.py``; a
test fails when it is stale. It is read lazily, once, and looked up here by operationId.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from agent_ads_core.errors import InternalError
from agent_ads_pinterest.plugin import NAME

DATA_FILE = Path(__file__).with_name("spec_data.json")


@dataclass(frozen=True)
class Param:
    """One query or path parameter, with the constraints a client can check up front."""

    name: str
    type: str
    required: bool = False
    explode: bool = True
    enum: tuple[Any, ...] | None = None
    items: Mapping[str, Any] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    max_length: int | None = None
    default: Any = None
    format: str | None = None

    @property
    def choices(self) -> tuple[Any, ...]:
        """Allowed values of the parameter, or of each element for arrays; empty when free-form."""
        values = self.items.get("enum") if self.type == "array" else self.enum
        return tuple(values or ())


@dataclass(frozen=True)
class Operation:
    """One API operation as the spec describes it; ``path`` is relative to ``/v5``."""

    op_id: str
    method: str
    path: str
    sandbox: str | None
    query: dict[str, Param]
    path_params: dict[str, Param]


@cache
def _table() -> dict[str, Any]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _param(name: str, raw: Mapping[str, Any]) -> Param:
    return Param(
        name=name,
        type=raw["type"],
        required=raw.get("required", False),
        explode=raw.get("explode", True),
        enum=tuple(raw["enum"]) if "enum" in raw else None,
        items=raw.get("items", {}),
        minimum=raw.get("minimum"),
        maximum=raw.get("maximum"),
        min_items=raw.get("minItems"),
        max_items=raw.get("maxItems"),
        pattern=raw.get("pattern"),
        max_length=raw.get("maxLength"),
        default=raw.get("default"),
        format=raw.get("format"),
    )


@cache
def operation(op_id: str) -> Operation:
    """Look up an operation by its operationId; an unknown id is a bug in the caller."""
    try:
        raw = _table()["operations"][op_id]
    except KeyError:
        raise InternalError(f"operation {op_id!r} is not in spec_data.json", provider=NAME) from None
    return Operation(
        op_id=op_id,
        method=raw["method"],
        path=raw["path"],
        sandbox=raw.get("sandbox"),
        query={name: _param(name, p) for name, p in raw["query"].items()},
        path_params={name: _param(name, p) for name, p in raw["path_params"].items()},
    )


def query_param(op_id: str, name: str) -> Param:
    try:
        return operation(op_id).query[name]
    except KeyError:
        raise InternalError(f"{op_id} has no query parameter {name!r}", provider=NAME) from None


def max_items(op_id: str, param: str) -> int | None:
    """How many values an array parameter takes per request, so commands can batch ids."""
    return query_param(op_id, param).max_items


def enum_values(op_id: str, param: str) -> list[Any]:
    """Allowed values (of each element, for arrays) as the spec lists them; empty when free-form."""
    return list(query_param(op_id, param).choices)


def sandbox_disabled(op_id: str) -> bool:
    """True when the spec marks the operation ``x-sandbox: disabled``: the sandbox host would refuse it."""
    return operation(op_id).sandbox == "disabled"


def report_statuses() -> list[str]:
    """Statuses an async report can report while it is polled."""
    return list(_table()["report_statuses"])




@cache
def report_request_schema() -> dict[str, Any]:
    """The JSON schema of an async report's request body (``AdsAnalyticsCreateAsyncRequest``)."""
    return _table()["report_request_schema"]
