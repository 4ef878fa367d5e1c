"""Checks of one request against Meta's description: parameters, ``fields``, enums, types.

Once the router has matched a request to a node read (``#get``) or an edge of a node type,
:func:`check_params` returns every problem as a Graph-style message (``(#100) ...``):

* parameters neither declared on that node read / edge nor Graph-wide. Graph-wide everywhere:
  ``fields``, ``limit``, ``after``, ``before``, ``access_token``, ``appsecret_proof``, plus the
  output modifiers ``pretty``, ``suppress_http_code``, ``include_headers``, ``locale``,
  ``date_format`` and, on list edges, ``summary``;
* ``fields`` entries that are not fields (or GET edges) of the returned node type, recursing
  into ``name{...}`` expansions when the referenced type is a node in the description (leniently
  accepting anything under a type the description does not hold);
* values by declared type: enums (``enum_types.json``; list enums as a JSON array or
  comma-separated), ``int``/``unsigned int``, ``bool``, ``float``, ``datetime`` (unix time or ISO
  date/time), ``map``/``Object`` (a JSON object), ``list<Object>``/``list<map>`` (a JSON array
  of objects), plus the named rules ``time_range`` (``{"since","until"}`` ISO dates, since <=
  until), ``time_ranges``, ``time_increment`` (1-90, ``monthly``, ``all_days``), ``filtering``
  (objects with ``field`` and ``operator``) and ``effective_status`` typed ``list<string>``
  (checked against ``<Node>_effective_status``, as the description's README says);
* required parameters that are missing;
* ``limit`` that is not a non-negative integer and cursors that are not this server's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from . import cursors
from .description import Api, Description

GRAPH_WIDE = frozenset({"fields", "limit", "after", "before", "access_token", "appsecret_proof"})
OUTPUT_MODIFIERS = frozenset({"pretty", "suppress_http_code", "include_headers", "locale", "date_format"})
FILTER_OPERATORS = frozenset(
    {
        "EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN", "LESS_THAN_OR_EQUAL",
        "IN_RANGE", "NOT_IN_RANGE", "CONTAIN", "NOT_CONTAIN", "IN", "NOT_IN", "STARTS_WITH", "ENDS_WITH",
        "ANY", "ALL", "AFTER", "BEFORE", "ON_OR_AFTER", "ON_OR_BEFORE", "NONE", "TOP",
    }
)  # fmt: skip
_INT = re.compile(r"-?\d+")
_UINT = re.compile(r"\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")
_FIELD_NAME = re.compile(r"[A-Za-z0-9_]+")


def check_params(description: Description, node_type: str, api: Api, params: dict[str, str]) -> list[str]:
    """Every problem of ``params`` sent to ``api`` (a node read or edge of ``node_type``)."""
    problems: list[str] = []
    is_list_edge = api.endpoint != "#get"
    for name, value in params.items():
        declared = api.params.get(name)
        if name in GRAPH_WIDE:
            problem = _graph_wide(description, api, name, value)
        elif name in OUTPUT_MODIFIERS:
            problem = None
        elif name == "summary" and declared is None and is_list_edge:
            problem = None if value in ("true", "false", "1", "0", "total_count") else _bad(name, value, "total_count")
        elif declared is None:
            where = f"{node_type} {api.method} {api.endpoint}" if is_list_edge else f"{node_type} node read"
            problem = f"(#100) Unsupported parameter '{name}' for {where}"
        else:
            problem = check_value(description, api, name, declared.type, value)
        if problem:
            problems.append(problem)
    for param in api.params.values():
        if param.required and not params.get(param.name):
            problems.append(f"(#100) The parameter {param.name} is required")
    return problems


def _graph_wide(description: Description, api: Api, name: str, value: str) -> str | None:
    if name == "fields":
        node_type = "AdsInsights" if api.endpoint == "insights" else api.returns  # POST insights returns a run
        return "; ".join(check_fields(description, node_type, value)) or None
    if name == "limit":
        return None if _UINT.fullmatch(value) else f"(#100) Param limit must be a non-negative integer, got '{value}'"
    if name in ("after", "before"):
        try:
            cursors.decode(value)
        except cursors.BadCursor:
            return f"(#100) The {name} cursor is invalid: '{value[:60]}'"
    return None


def _bad(name: str, value: str, expected: str) -> str:
    return f"(#100) Param {name} must be {expected}, got '{value[:100]}'"


def check_value(description: Description, api: Api, name: str, type_name: str, value: str) -> str | None:
    """The problem of one declared parameter's value, or None."""
    named = _named_rule(name, value)
    if named is not False:
        return named
    list_match = re.fullmatch(r"list<(.+)>", type_name)
    if list_match:
        inner = list_match.group(1)
        if inner in ("Object", "map") or inner.startswith("map<"):
            parsed = _json(value)
            if not isinstance(parsed, list) or not all(isinstance(v, dict) for v in parsed):
                return _bad(name, value, "a JSON array of objects")
            return None
        items = _list_items(value)
        if items is None:
            return _bad(name, value, "a JSON array")
        if inner == "string" and name == "effective_status":
            inner = f"{api.returns}_effective_status"
        for item in items:
            problem = _scalar(description, name, inner, item)
            if problem:
                return problem
        return None
    return _scalar(description, name, type_name, value)


def _named_rule(name: str, value: str) -> str | None | bool:
    """Rules the description cannot express; False when ``name`` has none."""
    if name == "time_range":
        return _time_range(name, _json(value), value)
    if name == "time_ranges":
        parsed = _json(value)
        if not isinstance(parsed, list) or not parsed:
            return _bad(name, value, 'a JSON array of {"since","until"} objects')
        for item in parsed:
            problem = _time_range(name, item, value)
            if problem:
                return problem
        return None
    if name == "time_increment":
        if value in ("monthly", "all_days") or (_UINT.fullmatch(value) and 1 <= int(value) <= 90):
            return None
        return _bad(name, value, "an integer from 1 to 90, 'monthly' or 'all_days'")
    if name == "filtering":
        parsed = _json(value)
        if not isinstance(parsed, list):
            return _bad(name, value, "a JSON array of filter objects")
        for item in parsed:
            if not isinstance(item, dict) or not isinstance(item.get("field"), str) or "operator" not in item:
                return _bad(name, value, 'filter objects like {"field":..,"operator":..,"value":..}')
            if str(item["operator"]).upper() not in FILTER_OPERATORS:
                return _bad(name, value, f"a known filter operator ({', '.join(sorted(FILTER_OPERATORS))})")
        return None
    return False


def _time_range(name: str, parsed: Any, raw: str) -> str | None:
    if not isinstance(parsed, dict):
        return _bad(name, raw, 'a JSON object {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}')
    if set(parsed) - {"since", "until"} or not {"since", "until"} <= set(parsed):
        return _bad(name, raw, 'an object with exactly "since" and "until"')
    try:
        since = dt.date.fromisoformat(str(parsed["since"]))
        until = dt.date.fromisoformat(str(parsed["until"]))
    except ValueError:
        return _bad(name, raw, "dates in YYYY-MM-DD form")
    if not (_DATE.fullmatch(str(parsed["since"])) and _DATE.fullmatch(str(parsed["until"]))):
        return _bad(name, raw, "dates in YYYY-MM-DD form")
    if since > until:
        return _bad(name, raw, "a range whose since is not after its until")
    return None


def _scalar(description: Description, name: str, type_name: str, value: str) -> str | None:
    if type_name == "string":
        return None
    if type_name == "int":
        return None if _INT.fullmatch(value) else _bad(name, value, "an integer")
    if type_name == "unsigned int":
        return None if _UINT.fullmatch(value) else _bad(name, value, "a non-negative integer")
    if type_name == "float":
        try:
            float(value)
        except ValueError:
            return _bad(name, value, "a number")
        return None
    if type_name == "bool":
        return None if value.lower() in ("true", "false", "1", "0") else _bad(name, value, "a boolean")
    if type_name == "datetime":
        return None if _INT.fullmatch(value) or _DATETIME.fullmatch(value) else _bad(name, value, "a datetime")
    if type_name in ("map", "Object") or type_name.startswith("map<"):
        return None if isinstance(_json(value), dict) else _bad(name, value, "a JSON object")
    values = description.enum(type_name)
    if values is not None:
        if value in values:
            return None
        return f"(#100) {name} must be one of the following values: {', '.join(values)}"
    return None  # another node type (e.g. Targeting, AdCreative): not checked


def _json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return None


def _list_items(value: str) -> list[str] | None:
    text = value.strip()
    if text.startswith("["):
        parsed = _json(text)
        if not isinstance(parsed, list) or not all(isinstance(v, str | int | float) for v in parsed):
            return None
        return [str(v) for v in parsed]
    return [part.strip() for part in text.split(",") if part.strip()]


# --- fields ---------------------------------------------------------------------------------------


def parse_fields(text: str) -> list[tuple[str, Any]]:
    """``a,b{c,d.limit(2)},e.as(x)`` -> ``[("a", None), ("b", [("c", None), ("d", None)]), ("e", None)]``.

    Modifiers (``.limit(..)``, ``.as(..)``, ...) are dropped; raises ValueError on unbalanced braces.
    """
    items, position = _parse_list(text, 0)
    if position != len(text):
        raise ValueError("unbalanced braces")
    return items


def _parse_list(text: str, position: int) -> tuple[list[tuple[str, Any]], int]:
    items: list[tuple[str, Any]] = []
    while position < len(text):
        char = text[position]
        if char == "}":
            return items, position
        if char in ", ":
            position += 1
            continue
        start = position
        while position < len(text) and text[position] not in ",{}(":
            position += 1
        name = text[start:position].strip()
        sub = None
        while position < len(text) and text[position] == "(":
            depth = 0
            while position < len(text):
                depth += {"(": 1, ")": -1}.get(text[position], 0)
                position += 1
                if depth == 0:
                    break
            while position < len(text) and text[position] not in ",{}(":
                position += 1
        if position < len(text) and text[position] == "{":
            sub, position = _parse_list(text, position + 1)
            if position >= len(text) or text[position] != "}":
                raise ValueError("unbalanced braces")
            position += 1
        name = name.split(".", 1)[0]
        if name:
            items.append((name, sub))
    return items, position


def check_fields(description: Description, node_type: str, text: str) -> list[str]:
    try:
        tree = parse_fields(text)
    except ValueError:
        return [f"(#100) Syntax error in fields '{text[:100]}'"]
    problems: list[str] = []
    _check_tree(description, node_type, tree, problems)
    return problems


def _check_tree(description: Description, node_type: str, tree: list[tuple[str, Any]], problems: list[str]) -> None:
    node = description.node(node_type)
    if node is None:
        return  # a type the description does not hold: accept whatever is asked of it
    for name, sub in tree:
        if not _FIELD_NAME.fullmatch(name):
            problems.append(f"(#100) Syntax error in fields: '{name}'")
            continue
        if name in node.fields:
            target = _node_of(node.fields[name])
        elif (edge := node.api("GET", name)) is not None:
            target = _node_of(edge.returns)
        else:
            problems.append(f"(#100) Tried accessing nonexisting field ({name}) on node type ({node_type})")
            continue
        if sub and target is not None:
            _check_tree(description, target, sub, problems)


def _node_of(type_name: str) -> str | None:
    match = re.fullmatch(r"list<(.+)>", type_name)
    return match.group(1) if match else type_name
