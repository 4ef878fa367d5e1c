"""Meta's API description, as the commands check requests against it before sending.

``graph_description.json`` is generated from ``../shared/meta/`` by
``scripts/generate_description_data.py``; it holds the edges the commands call (their
params and the node they return), the fields of those nodes and the enums the params
name. This module answers: is this field of the node, does the edge take this param, is
this enum value valid (case-insensitive, returned as Meta spells it), and how is a value
of this type written on the wire (Meta's encoding rules, see the module's functions).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cache
from importlib import resources
from typing import Any

from agent_ads_core.errors import ArgumentError

PROVIDER = "meta"
_LIST = re.compile(r"^list<(.+)>$")
_JSON_TYPES = ("map", "Object")
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@cache
def description() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("graph_description.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Edge:
    """One Graph call: ``method`` on a ``node`` (``edge`` is ``#get`` for the node itself)."""

    node: str
    method: str
    edge: str

    @property
    def key(self) -> str:
        return f"{self.node} {self.method} {self.edge}"

    @property
    def returns(self) -> str:
        return description()["edges"][self.key]["returns"]

    @property
    def fields_node(self) -> str:
        """The node ``fields=`` names: insights rows even where the POST returns a report run."""
        return "AdsInsights" if self.edge == "insights" else self.returns

    @property
    def params(self) -> dict[str, dict[str, Any]]:
        return description()["edges"][self.key]["params"]

    def takes(self, param: str) -> bool:
        return param in self.params or param in description()["graph_wide_params"]

    def path(self, object_id: str) -> str:
        return object_id if self.edge == "#get" else f"{object_id}/{self.edge}"

    def describe(self) -> str:
        return f"{self.method} /{{{self.node.lower()}}}" + ("" if self.edge == "#get" else f"/{self.edge}")


def node_fields(node: str) -> dict[str, str]:
    return description()["nodes"][node]


def enum_values(edge: Edge, param: str) -> list[str] | None:
    """The values a param takes, or None when the description does not enumerate them."""
    spec = edge.params.get(param)
    if spec is None:
        return None
    inner = _LIST.match(spec["type"])
    return description()["enums"].get(inner.group(1) if inner else spec["type"])


def suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    return f"did you mean {', '.join(close)}?" if close else ""


def check_enum(values: list[str], allowed: list[str], flag: str) -> list[str]:
    """Each value matched case-insensitively and returned as the description spells it."""
    by_lower = {value.lower(): value for value in allowed}
    checked = []
    for value in values:
        found = by_lower.get(value.strip().lower())
        if found is None:
            hint = suggest(value.lower(), list(by_lower)) or f"valid values: {', '.join(allowed)}"
            raise ArgumentError(f"{flag}: {value!r} is not a valid value", provider=PROVIDER, hint=hint)
        checked.append(found)
    return checked


# -- fields= -------------------------------------------------------------------------


def split_fields(text: str) -> list[tuple[str, str | None]]:
    """``a,b{c,d},e`` -> ``[("a", None), ("b", "c,d"), ("e", None)]`` (nested braces kept whole)."""
    items: list[tuple[str, str | None]] = []
    depth, start = 0, 0
    for i, char in enumerate(text + ","):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise ValueError("a '}' closes nothing")
        elif char == "," and depth == 0:
            part = text[start:i].strip()
            start = i + 1
            if not part:
                continue
            name, brace, rest = part.partition("{")
            if brace and not rest.endswith("}"):
                raise ValueError(f"text after '}}' in {part!r}")
            items.append((name.strip(), rest[:-1] if brace else None))
    if depth:
        raise ValueError("a '{' is never closed")
    return items


def check_fields(node: str, text: str, flag: str = "--fields") -> str:
    """Validate ``fields=`` against the node's fields (and nested nodes we know); return it compact."""
    try:
        items = split_fields(text)
    except ValueError as exc:
        raise ArgumentError(f"{flag}: {exc}", provider=PROVIDER, hint="write fields as a,b,c{d,e}") from None
    if not items:
        raise ArgumentError(f"{flag} must name at least one field", provider=PROVIDER)
    known = node_fields(node)
    parts = []
    for name, nested in items:
        # Field modifiers such as name.limit(5) or insights.date_preset(x) keep their base name.
        base = name.split(".", 1)[0]
        if not _FIELD_NAME.match(base) or base not in known:
            hint = suggest(base, list(known)) or f"see the {node} fields in Meta's Graph API reference"
            raise ArgumentError(f"{flag}: {base!r} is not a field of {node}", provider=PROVIDER, hint=hint)
        if nested is None:
            parts.append(name)
            continue
        inner_type = _LIST.sub(r"\1", known[base])
        inner = check_fields(inner_type, nested, flag) if inner_type in description()["nodes"] else nested
        parts.append(f"{name}{{{inner}}}")
    return ",".join(parts)


# -- params ----------------------------------------------------------------------------


def encode(type_name: str, value: Any) -> str:
    """One param value as Meta reads it: JSON text for lists, maps and objects; bools lower case."""
    if _LIST.match(type_name) or type_name in _JSON_TYPES:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def build_params(edge: Edge, values: dict[str, Any], flag_names: dict[str, str]) -> dict[str, str]:
    """Check ``values`` against the edge (names, enums, required) and encode them for sending.

    ``fields`` is validated against the node the edge returns and sent comma-joined;
    None values are left out.
    """
    params: dict[str, str] = {}
    for name, value in values.items():
        if value is None:
            continue
        flag = flag_names.get(name, name)
        if not edge.takes(name):
            raise ArgumentError(f"{flag} does not apply to {edge.describe()} (its params: "
                                f"{', '.join(sorted(edge.params)) or 'none beyond fields/limit/after'})",
                                provider=PROVIDER)
        if name == "fields":
            params[name] = check_fields(edge.fields_node, value, flag)
            continue
        allowed = enum_values(edge, name)
        if allowed is not None:
            value = check_enum(value if isinstance(value, list) else [value], allowed, flag)
            value = value if isinstance(values[name], list) else value[0]
        type_name = edge.params[name]["type"] if name in edge.params else "string"
        params[name] = encode(type_name, value)
    missing = [name for name, spec in edge.params.items() if spec["required"] and name not in params]
    if missing:
        names = ", ".join(flag_names.get(name, name) for name in missing)
        raise ArgumentError(f"{edge.describe()} needs {names}", provider=PROVIDER)
    return params


# -- dates -------------------------------------------------------------------------------


def parse_day(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentError(f"{flag}: {value!r} is not a date (YYYY-MM-DD)", provider=PROVIDER) from None


def time_range(since: str | None, until: str | None, since_flag: str = "--since",
               until_flag: str = "--until") -> dict[str, str] | None:
    """``{"since", "until"}`` from the two flags (both or neither), in order."""
    if since is None and until is None:
        return None
    if since is None or until is None:
        raise ArgumentError(f"{since_flag} and {until_flag} go together", provider=PROVIDER)
    start, end = parse_day(since, since_flag), parse_day(until, until_flag)
    if end < start:
        raise ArgumentError(f"{until_flag} {until} is before {since_flag} {since}", provider=PROVIDER)
    return {"since": start.isoformat(), "until": end.isoformat()}


def timestamp(value: str, flag: str) -> int:
    """A Graph ``datetime`` param as Unix seconds, from seconds, a date or an ISO datetime (UTC if naive)."""
    text = value.strip()
    if text.isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ArgumentError(f"{flag}: {value!r} is not a date, ISO datetime or Unix timestamp",
                            provider=PROVIDER) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())
