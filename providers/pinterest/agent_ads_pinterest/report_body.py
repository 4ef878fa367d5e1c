"""Checking an async report's request body against Pinterest's schema before it is sent.

Every problem is reported at once, located by a JSON path into the body; an enum of
hundreds of values (columns) gets a suggestion rather than a dump. jsonschema is imported
only here, only when a report is submitted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from agent_ads_core.errors import ArgumentError
from agent_ads_pinterest.enum_matching import SHORT_ENUM, invalid_choice
from agent_ads_pinterest.openapi_table import report_request_schema
from agent_ads_pinterest.plugin import NAME


def _json_path(parts: Iterable[Any]) -> str:
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part)}]"
    return out


def _describe_error(error: Any) -> str:
    """One line per error; long enums (hundreds of columns) get a suggestion, not a dump."""
    where = _json_path(error.absolute_path)
    if error.validator != "enum" or len(error.validator_value) <= SHORT_ENUM:
        return f"{where}: {error.message}"
    if not isinstance(error.instance, str):
        return f"{where}: {error.instance!r} is not a valid value"
    return f"{where}: {invalid_choice(error.instance, [a for a in error.validator_value if isinstance(a, str)])}"


def validate_report_body(body: dict[str, Any]) -> None:
    """Check an async-report request body against the spec, reporting every problem at once."""
    from jsonschema import Draft7Validator  # heavy; only report creation needs it

    errors = Draft7Validator(report_request_schema()).iter_errors(body)
    lines = [_describe_error(error) for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])]
    if lines:
        raise ArgumentError(
            "invalid report request: " + "; ".join(dict.fromkeys(lines)), provider=NAME,
            hint="fix the listed fields; paths are JSON paths into the request body",
        )


@cache
def report_body_enum(prop: str) -> list[Any]:
    """Allowed values of a report-body property (or of its items) from the spec's request schema."""
    def walk(node: Any) -> list[Any] | None:
        if isinstance(node, dict):
            if prop in node.get("properties", {}):
                schema = node["properties"][prop]
                schema = schema.get("items", schema)
                return schema.get("enum") or next((s["enum"] for s in schema.get("allOf", []) if "enum" in s), None)
            for child in node.get("allOf", []):
                found = walk(child)
                if found is not None:
                    return found
        return None

    return walk(report_request_schema()) or []
