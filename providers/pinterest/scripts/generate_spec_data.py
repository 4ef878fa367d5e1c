#!/usr/bin/env python3
"""Derive ``agent_ads_pinterest/spec_data.json`` from Pinterest's OpenAPI description.

The CLI validates requests before sending them, but the 2 MB spec may not be shipped
or parsed on every command. This script extracts only what the provider's commands
need (query/path parameters of the operations it calls, the async-report request body
as a self-contained JSON Schema, the report statuses) into a small deterministic file
that is committed; ``--check`` lets a test catch hand edits and spec drift.

Usage: generate_spec_data.py [--spec PATH] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parents[2]
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "pinterest" / "openapi.json"
OUTPUT = SCRIPT_DIR.parent / "agent_ads_pinterest" / "spec_data.json"
SPEC_ENV = "AGENT_ADS_PINTEREST_OPENAPI"

OPERATION_IDS = (
    "ad_accounts/list",
    "ad_accounts/get",
    "campaigns/list",
    "campaigns/get",
    "ad_groups/list",
    "ad_groups/get",
    "ads/list",
    "ads/get",
    "audiences/list",
    "audiences/get",
    "ad_account/analytics",
    "campaigns/analytics",
    "ad_groups/analytics",
    "ads/analytics",
    "ad_pins/analytics",
    "ad_account_targeting_analytics/get",
    "campaign_targeting_analytics/get",
    "ad_groups_targeting_analytics/get",
    "ad_targeting_analytics/get",
    "analytics/create_report",
    "analytics/get_report",
    "oauth/token",
)
REPORT_CREATE_OP = "analytics/create_report"
REPORT_GET_OP = "analytics/get_report"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Constraints a client can check before sending; everything else in a parameter schema
# (descriptions, examples) only bloats the file.
PARAM_KEYS = ("type", "enum", "minimum", "maximum", "minItems", "maxItems", "pattern", "maxLength", "default", "format")
ITEM_KEYS = ("type", "enum", "pattern", "maxLength")
# OpenAPI-only or documentation keywords that Draft 7 would ignore or misread.
DROPPED_SCHEMA_KEYS = {
    "description",
    "example",
    "title",
    "nullable",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "deprecated",
    "discriminator",
}
SCHEMA_MAP_KEYS = ("properties", "patternProperties")
SCHEMA_LIST_KEYS = ("allOf", "anyOf", "oneOf")
SCHEMA_ONE_KEYS = ("items", "additionalProperties", "not")


class SpecError(Exception):
    """The spec lacks something the provider relies on; the data must not be half-built."""


def resolve_ref(spec: dict[str, Any], ref: str) -> Any:
    """Follow a local JSON pointer such as ``#/components/schemas/Granularity``."""
    if not ref.startswith("#/"):
        raise SpecError(f"only local $refs are supported, got {ref}")
    node: Any = spec
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def to_json_schema(spec: dict[str, Any], schema: Any, seen: tuple[str, ...] = ()) -> Any:
    """Inline every $ref and translate OpenAPI 3.0 quirks into plain Draft 7.

    The walk is keyword-aware so that a property *named* ``description`` survives while
    the ``description`` keyword is dropped. ``nullable: true`` becomes a type list
    because Draft 7 has no such keyword.
    """
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref in seen:
            raise SpecError(f"recursive schema {ref} cannot be inlined")
        return to_json_schema(spec, resolve_ref(spec, ref), seen + (ref,))
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in DROPPED_SCHEMA_KEYS or key.startswith("x-"):
            continue
        if key in SCHEMA_MAP_KEYS:
            out[key] = {name: to_json_schema(spec, sub, seen) for name, sub in value.items()}
        elif key in SCHEMA_LIST_KEYS:
            out[key] = [to_json_schema(spec, sub, seen) for sub in value]
        elif key in SCHEMA_ONE_KEYS:
            out[key] = to_json_schema(spec, value, seen)
        else:
            out[key] = value
    if schema.get("nullable"):
        out = make_nullable(out)
    return out


def make_nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """Let ``null`` through a schema the way OpenAPI's ``nullable`` does."""
    if "type" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    result = {**schema, "type": [*types, "null"]}
    if "enum" in schema:
        result["enum"] = [*schema["enum"], None]
    return result


def flatten(schema: dict[str, Any]) -> dict[str, Any]:
    """Merge ``allOf`` parts into one dict: parameter schemas use it only to attach an enum."""
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema.get("allOf", []):
        for key, value in flatten(part).items():
            merged.setdefault(key, value)
    return merged


def describe_param(spec: dict[str, Any], param: dict[str, Any]) -> dict[str, Any]:
    """Keep what a client needs to validate and encode one query or path parameter."""
    schema = flatten(to_json_schema(spec, param.get("schema", {})))
    if "type" not in schema:
        raise SpecError(f"parameter {param['name']} has no type")
    out: dict[str, Any] = {key: schema[key] for key in PARAM_KEYS if key in schema}
    out["required"] = bool(param.get("required", False))
    if param["in"] == "query":
        # Query parameters default to style=form, whose default explode is true (OpenAPI 3.0.3 §4.7.12.2).
        out["explode"] = bool(param.get("explode", param.get("style", "form") == "form"))
    if schema["type"] == "array":
        items = flatten(schema.get("items", {}))
        out["items"] = {key: items[key] for key in ITEM_KEYS if key in items}
    return out


def describe_operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    """Summarise one operation: where it lives, sandbox support and its parameters.

    Path-level parameters come first so that operation-level ones with the same name
    override them, as OpenAPI specifies.
    """
    path_item = spec["paths"][path]
    operation = path_item[method]
    params = [resolve_param(spec, p) for p in path_item.get("parameters", []) + operation.get("parameters", [])]
    return {
        "method": method.upper(),
        "path": path,
        "sandbox": operation.get("x-sandbox"),
        "query": {p["name"]: describe_param(spec, p) for p in params if p["in"] == "query"},
        "path_params": {p["name"]: describe_param(spec, p) for p in params if p["in"] == "path"},
    }


def resolve_param(spec: dict[str, Any], param: dict[str, Any]) -> dict[str, Any]:
    """Parameters are often shared components referenced by $ref."""
    return resolve_ref(spec, param["$ref"]) if "$ref" in param else param


def index_operations(spec: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Map operationId to (path, method) for the whole spec."""
    index = {}
    for path, path_item in spec["paths"].items():
        for method in HTTP_METHODS:
            op_id = path_item.get(method, {}).get("operationId")
            if op_id:
                index[op_id] = (path, method)
    return index


def report_request_schema(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    """The create-report body as a standalone Draft 7 schema."""
    body = spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return {"$schema": "http://json-schema.org/draft-07/schema#", **to_json_schema(spec, body)}


def report_statuses(spec: dict[str, Any], path: str, method: str) -> list[str]:
    """Statuses a polled report can be in, so the CLI knows which ones are terminal."""
    response = spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
    status = flatten(to_json_schema(spec, response)["properties"]["report_status"])
    return list(status["enum"])


def build(spec: dict[str, Any]) -> dict[str, Any]:
    """Everything that goes into spec_data.json."""
    index = index_operations(spec)
    missing = [op_id for op_id in OPERATION_IDS if op_id not in index]
    if missing:
        raise SpecError(f"operations missing from the spec: {', '.join(missing)}")
    return {
        "spec_version": spec.get("info", {}).get("version"),
        "operations": {op_id: describe_operation(spec, *index[op_id]) for op_id in OPERATION_IDS},
        "report_request_schema": report_request_schema(spec, *index[REPORT_CREATE_OP]),
        "report_statuses": report_statuses(spec, *index[REPORT_GET_OP]),
    }


def render(data: dict[str, Any]) -> str:
    """Deterministic text so that --check can compare byte for byte."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def default_spec_path() -> Path:
    return Path(os.environ.get(SPEC_ENV) or DEFAULT_SPEC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--spec", type=Path, default=None, help=f"OpenAPI file (default: ${SPEC_ENV} or {DEFAULT_SPEC})"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is out of date")
    args = parser.parse_args(argv)
    spec_path = args.spec or default_spec_path()
    try:
        text = render(build(json.loads(spec_path.read_text(encoding="utf-8"))))
    except (OSError, ValueError, KeyError, SpecError) as exc:
        print(f"error: cannot derive spec data from {spec_path}: {exc!r}", file=sys.stderr)
        return 2
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date; run {Path(__file__).name} to regenerate it", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
