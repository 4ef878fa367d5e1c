"""Decoding and checking of path and query parameters per OpenAPI 3.0 serialization rules.

Query strings are untyped text, so every value is first decoded according to the
parameter's style/explode and declared type, and only then validated against its
schema; that way a schema error talks about the value the client meant to send.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .openapi_schema import SchemaValidators, describe, json_pointer, property_schema, resolve, typed_schema

# OpenAPI 3.0 `style` values for query arrays and the delimiter each one uses when explode=false.
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
_DELIMITER_NAMES = {",": "comma", " ": "space", "|": "pipe"}
# Default style per location (OpenAPI 3.0.3, "style" under Parameter Object).
_DEFAULT_STYLES = {"query": "form", "path": "simple", "header": "simple", "cookie": "form"}

_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DEEP_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])+)$")
_DEEP_SUBKEY = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter with its $refs resolved and serialization defaults applied."""

    name: str
    location: str
    required: bool
    style: str
    explode: bool
    schema: Any
    schema_pointer: str
    ref: str | None  # "#/components/parameters/..." when shared; the date rules key on it
    type: str | None
    item_type: str | None

    @property
    def label(self) -> str:
        return f"{self.location} parameter '{self.name}'"


def load_parameters(spec: dict, path_template: str, method: str) -> dict[str, Parameter]:
    """Path and query parameters of one operation, operation-level overriding path-level."""
    path_item = spec["paths"][path_template]
    declared = [
        (node, json_pointer("paths", path_template, "parameters", index))
        for index, node in enumerate(path_item.get("parameters", []))
    ] + [
        (node, json_pointer("paths", path_template, method, "parameters", index))
        for index, node in enumerate(path_item[method].get("parameters", []))
    ]
    parameters: dict[str, Parameter] = {}
    for node, pointer in declared:
        parameter = _load_parameter(spec, node, pointer)
        if parameter.location in ("path", "query"):
            parameters[parameter.name] = parameter
    return parameters


def _load_parameter(spec: dict, node: dict, pointer: str) -> Parameter:
    ref = node.get("$ref")
    if ref is not None:
        pointer = ref[1:]
    definition = resolve(spec, node)
    location = definition["in"]
    style = definition.get("style", _DEFAULT_STYLES[location])
    schema = definition.get("schema", {})
    typed = typed_schema(spec, schema) or {}
    items = typed_schema(spec, typed.get("items", {})) or {}
    return Parameter(
        name=definition["name"],
        location=location,
        required=bool(definition.get("required", location == "path")),
        style=style,
        explode=bool(definition.get("explode", style == "form")),
        schema=schema,
        schema_pointer=pointer + "/schema",
        ref=ref,
        type=typed.get("type"),
        item_type=items.get("type"),
    )


def coerce(raw: str, type_: str | None) -> Any:
    """Turn query text into the JSON value the declared type expects; ValueError if impossible."""
    if type_ == "integer":
        if not _INTEGER.match(raw):
            raise ValueError(f"expected an integer, got {raw!r}")
        return int(raw)
    if type_ == "number":
        if not _NUMBER.match(raw):
            raise ValueError(f"expected a number, got {raw!r}")
        return float(raw)
    if type_ == "boolean":
        if raw not in ("true", "false"):
            raise ValueError(f"expected true or false, got {raw!r}")
        return raw == "true"
    return raw


class ParameterDecoder:
    """Decodes and validates the parameters of a request against their declarations."""

    def __init__(self, spec: dict, schemas: SchemaValidators) -> None:
        self._spec = spec
        self._schemas = schemas

    def path(self, parameters: Mapping[str, Parameter], values: Mapping[str, str]) -> list[str]:
        violations: list[str] = []
        for name, raw in values.items():
            parameter = parameters.get(name)
            if parameter is not None:
                violations += self._check(parameter, [raw])[1]
        return violations

    def query(
        self, parameters: Mapping[str, Parameter], pairs: list[tuple[str, str]]
    ) -> tuple[dict[str, Any], list[str]]:
        declared = {name: p for name, p in parameters.items() if p.location == "query"}
        grouped, deep, violations = _group_pairs(declared, pairs)
        decoded: dict[str, Any] = {}
        for name, parameter in declared.items():
            if parameter.style == "deepObject" and name in deep:
                value, problems = self._deep_object(parameter, deep[name])
            elif name in grouped:
                value, problems = self._check(parameter, grouped[name])
            else:
                if parameter.required:
                    violations.append(f"{parameter.label}: required parameter is missing")
                continue
            decoded[name] = value
            violations += problems
        return decoded, violations

    def _check(self, parameter: Parameter, values: list[str]) -> tuple[Any, list[str]]:
        value, problems = _decode(parameter, values)
        if not problems:
            problems = self._schema_violations(parameter, value)
        return value, problems

    def _schema_violations(self, parameter: Parameter, value: Any) -> list[str]:
        return [
            parameter.label + "".join(f"[{token}]" for token in error.absolute_path) + ": " + describe(error)
            for error in self._schemas.errors(parameter.schema_pointer, value)
        ]

    def _deep_object(self, parameter: Parameter, entries: list[tuple[list[str], str]]) -> tuple[Any, list[str]]:
        """Rebuild `name[a][b]=v` pairs into an object, typing leaves by their property schema."""
        root: dict[str, Any] = {}
        problems: list[str] = []
        for keys, raw in entries:
            node, schema = root, parameter.schema
            for key in keys[:-1]:
                schema = property_schema(self._spec, schema, key) if schema is not None else None
                node = node.setdefault(key, {})
                if not isinstance(node, dict):
                    problems.append(f"{parameter.label}[{key}]: given both as a value and as an object")
                    break
            else:
                leaf = property_schema(self._spec, schema, keys[-1]) if schema is not None else None
                leaf_type = (typed_schema(self._spec, leaf) or {}).get("type") if leaf is not None else None
                try:
                    node[keys[-1]] = coerce(raw, leaf_type)
                except ValueError as error:
                    problems.append(f"{parameter.label}[{']['.join(keys)}]: {error}")
        if not problems:
            problems = self._schema_violations(parameter, root)
        return root, problems


def _group_pairs(
    declared: Mapping[str, Parameter], pairs: list[tuple[str, str]]
) -> tuple[dict[str, list[str]], dict[str, list[tuple[list[str], str]]], list[str]]:
    """Split raw pairs into per-parameter value lists, deepObject entries and unknown keys."""
    grouped: dict[str, list[str]] = {}
    deep: dict[str, list[tuple[list[str], str]]] = {}
    unknown: dict[str, None] = {}
    for key, value in pairs:
        parameter = declared.get(key)
        if parameter is not None and parameter.style != "deepObject":
            grouped.setdefault(key, []).append(value)
            continue
        match = _DEEP_KEY.match(key)
        owner = declared.get(match.group(1)) if match else None
        if owner is not None and owner.style == "deepObject":
            deep.setdefault(owner.name, []).append((_DEEP_SUBKEY.findall(match.group(2)), value))
        else:
            unknown[key] = None
    violations = [f"query parameter '{key}': unknown parameter" for key in unknown]
    return grouped, deep, violations


def _decode(parameter: Parameter, values: list[str]) -> tuple[Any, list[str]]:
    """Apply style/explode and type coercion; problems here make schema checks meaningless."""
    if parameter.type == "array":
        raw_items, problems = _split_array(parameter, values)
        items: list[Any] = []
        for index, raw in enumerate(raw_items):
            try:
                items.append(coerce(raw, parameter.item_type))
            except ValueError as error:
                items.append(raw)
                problems.append(f"{parameter.label}[{index}]: {error}")
        return items, problems
    problems = []
    if len(values) > 1:
        problems.append(f"{parameter.label}: given {len(values)} times but it is not an array")
    try:
        return coerce(values[0], parameter.type), problems
    except ValueError as error:
        return values[0], problems + [f"{parameter.label}: {error}"]


def _split_array(parameter: Parameter, values: list[str]) -> tuple[list[str], list[str]]:
    delimiter = _DELIMITERS.get(parameter.style, ",")
    if parameter.explode:
        return list(values), []
    problems = []
    if len(values) > 1:
        problems.append(
            f"{parameter.label}: wrong array style: explode=false arrays are one "
            f"{_DELIMITER_NAMES[delimiter]}-separated value, got {len(values)} repeated keys"
        )
    return [item for value in values if value for item in value.split(delimiter)], problems
