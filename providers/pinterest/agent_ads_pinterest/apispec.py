"""What Pinterest's OpenAPI description says about the requests this provider sends.

Commands call these helpers to validate and encode a request before sending it, so a
mistyped column, an out-of-range page size or a parameter an endpoint ignores becomes
one local ``ArgumentError`` naming the flag (with a "did you mean") instead of a round
trip and an opaque 400. The knowledge comes from ``spec_data.json``, derived from the
official spec by ``scripts/generate_spec_data.py``; it is read lazily, once.

Enum matching: a value that matches an allowed value exactly, or case-insensitively
matches exactly one allowed value, is accepted and normalised to the spec's spelling
(``spend_in_dollar`` -> ``SPEND_IN_DOLLAR``); anything else is rejected with the closest
allowed values as suggestions.

A parameter whose value is ``None`` or an empty list counts as not given: CLI parsers
produce those for flags the user left out, and no Pinterest parameter here gives an
empty list a meaning of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from agent_ads_core.analytics_runner import parse_date
from agent_ads_core.argparsing import split_values
from agent_ads_core.errors import ArgumentError, InternalError
from agent_ads_core.suggest import canonical, did_you_mean
from agent_ads_core.validation import matches_pattern
from agent_ads_pinterest.plugin import DISPLAY_NAME, NAME

DATA_FILE = Path(__file__).with_name("spec_data.json")
# Enums longer than this are summarised rather than printed in full in errors.
SHORT_ENUM = 12
# Other words people use for Pinterest's values (their own or another platform's).
SYNONYMS = {
    "ad_account": "ADVERTISER",
    "account": "ADVERTISER",
    "ad_account_targeting": "ADVERTISER_TARGETING",
    "ad": "PIN_PROMOTION",
    "ad_targeting": "PIN_PROMOTION_TARGETING",
    "adgroup": "AD_GROUP",
    "age": "AGE_BUCKET",
    "sex": "GENDER",
    "asc": "ASCENDING",
    "desc": "DESCENDING",
}


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
def _data() -> dict[str, Any]:
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
        raw = _data()["operations"][op_id]
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


def _query_param(op_id: str, name: str) -> Param:
    try:
        return operation(op_id).query[name]
    except KeyError:
        raise InternalError(f"{op_id} has no query parameter {name!r}", provider=NAME) from None


def max_items(op_id: str, param: str) -> int | None:
    """How many values an array parameter takes per request, so commands can batch ids."""
    return _query_param(op_id, param).max_items


def enum_values(op_id: str, param: str) -> list[Any]:
    """Allowed values (of each element, for arrays) as the spec lists them; empty when free-form."""
    return list(_query_param(op_id, param).choices)


def sandbox_disabled(op_id: str) -> bool:
    """True when the spec marks the operation ``x-sandbox: disabled``: the sandbox host would refuse it."""
    return operation(op_id).sandbox == "disabled"


def report_statuses() -> list[str]:
    """Statuses an async report can report while it is polled."""
    return list(_data()["report_statuses"])


def _invalid_choice(value: str, allowed: Sequence[str]) -> str:
    return f"{value!r} is not a valid value" + did_you_mean(value, allowed, synonyms=SYNONYMS)


def _choices_hint(allowed: Sequence[Any], flag: str) -> str:
    if len(allowed) <= SHORT_ENUM:
        return "valid values: " + ", ".join(map(str, allowed))
    return (f"{len(allowed)} valid values; list them all with "
            f"'agent-ads {NAME} enums list --flag {flag.lstrip('-')}'")


def check_choices(values: list[str], allowed: Sequence[str], flag: str) -> list[str]:
    """Return the values in the spec's spelling, or reject all bad ones at once with suggestions."""
    found = [canonical(value, allowed) for value in values]
    bad = [value for value, match in zip(values, found, strict=True) if match is None]
    if bad:
        raise ArgumentError(
            f"{flag}: " + "; ".join(_invalid_choice(value, allowed) for value in bad),
            provider=NAME,
            hint=_choices_hint(allowed, flag),
        )
    return [match for match in found if match is not None]


def _flag(name: str, flag_names: Mapping[str, str] | None) -> str:
    return (flag_names or {}).get(name) or "--" + name.replace("_", "-")


def _is_absent(value: Any) -> bool:
    return value is None or (isinstance(value, (list, tuple)) and not value)


def _fail(message: str, hint: str | None = None) -> ArgumentError:
    return ArgumentError(message, provider=NAME, hint=hint)


def _check_string(value: str, flag: str, rules: Mapping[str, Any]) -> str:
    """Apply enum/pattern/maxLength rules (of a scalar, or of one array element)."""
    if "enum" in rules:
        return check_choices([value], rules["enum"], flag)[0]
    pattern = rules.get("pattern")
    if pattern and not matches_pattern(pattern, value):
        hint = f"{DISPLAY_NAME} ids are digits only" if pattern == r"^\d+$" else None
        raise _fail(f"{flag}: {value!r} does not match the expected format {pattern}", hint)
    max_length = rules.get("maxLength")
    if max_length is not None and len(value) > max_length:
        raise _fail(f"{flag}: {value!r} is longer than {max_length} characters")
    return value


def _encode_string(param: Param, value: Any, flag: str) -> str:
    if param.format == "date":
        text = value.isoformat() if isinstance(value, date) else str(value)
        return parse_date(text, flag, NAME).isoformat()
    rules = {"enum": param.enum, "pattern": param.pattern, "maxLength": param.max_length}
    return _check_string(str(value), flag, {key: rule for key, rule in rules.items() if rule is not None})


def _encode_integer(param: Param, value: Any, flag: str) -> str:
    text = str(value).strip()
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not re.fullmatch(r"-?[0-9]+", text):
        raise _fail(f"{flag} must be an integer, got {value!r}")
    number = int(str(value).strip())
    if param.enum is not None and number not in param.enum:
        raise _fail(f"{flag}: {number} is not a valid value", _choices_hint(param.enum, flag))
    low, high = param.minimum, param.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            raise _fail(f"{flag} must be between {low} and {high}, got {number}")
        bound = f"at least {low}" if low is not None else f"at most {high}"
        raise _fail(f"{flag} must be {bound}, got {number}")
    return str(number)


def _encode_boolean(param: Param, value: Any, flag: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower()
    raise _fail(f"{flag} must be true or false, got {value!r}")


def _encode_array(param: Param, value: Any, flag: str) -> list[str]:
    raw = [value] if isinstance(value, (str, int)) else value
    item_rules = {key: rule for key, rule in param.items.items() if key != "enum"}
    values = [_check_string(item, flag, item_rules) for item in split_values(str(v) for v in raw)]
    if "enum" in param.items:
        # normalising case can turn distinct spellings into repeats
        values = list(dict.fromkeys(check_choices(values, param.items["enum"], flag)))
    if param.min_items is not None and len(values) < param.min_items:
        raise _fail(f"{flag} needs at least {param.min_items} value(s), got {len(values)}")
    if param.max_items is not None and len(values) > param.max_items:
        raise _fail(
            f"{flag} accepts at most {param.max_items} values per request, got {len(values)}",
            f"split the values over several requests of {param.max_items} or fewer",
        )
    return values


_SCALAR_ENCODERS = {"string": _encode_string, "integer": _encode_integer, "boolean": _encode_boolean}


def _encode(param: Param, value: Any, flag: str) -> list[str]:
    """Validate one value and return its wire form(s): one string, or one per array element."""
    if param.type == "array":
        return _encode_array(param, value, flag)
    encoder = _SCALAR_ENCODERS.get(param.type)
    if encoder is None:
        raise InternalError(f"query parameter {param.name} has unsupported type {param.type}", provider=NAME)
    return [encoder(param, value, flag)]


def _reject_unknown(op: Operation, names: Iterable[str], flag_names: Mapping[str, str] | None) -> None:
    unknown = [name for name in names if name not in op.query]
    if unknown:
        accepted = ", ".join(_flag(name, flag_names) for name in op.query) or "no query parameters"
        raise _fail(
            f"{', '.join(_flag(name, flag_names) for name in unknown)}: {op.method} {op.path} ({op.op_id}) "
            "does not accept this parameter",
            f"this endpoint accepts: {accepted}",
        )


def _reject_missing(op_id: str, missing: list[str], flag_names: Mapping[str, str] | None) -> None:
    if missing:
        raise _fail(f"missing required {', '.join(_flag(name, flag_names) for name in missing)} for {op_id}")


def build_query(op_id: str, params: dict[str, Any], flag_names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Validate query parameters against the spec and encode them for ``requests``' ``params=``.

    ``flag_names`` maps parameter names to the CLI flags that set them (default:
    ``--name-with-dashes``) so errors speak the user's language. Arrays with
    ``explode: false`` (e.g. ``columns``) become one comma-separated value; exploded
    arrays (e.g. ``campaign_ids``) repeat the key. Pairs follow the order of ``params``.
    """
    op = operation(op_id)
    given = {name: value for name, value in params.items() if not _is_absent(value)}
    _reject_unknown(op, given, flag_names)
    _reject_missing(op_id, [n for n, p in op.query.items() if p.required and n not in given], flag_names)
    pairs: list[tuple[str, str]] = []
    for name, value in given.items():
        param = op.query[name]
        encoded = _encode(param, value, _flag(name, flag_names))
        if param.type == "array" and not param.explode:
            encoded = [",".join(encoded)]
        pairs.extend((name, item) for item in encoded)
    return pairs


def build_path(op_id: str, values: dict[str, str], flag_names: dict[str, str] | None = None) -> str:
    """Fill the operation's path template, checking ids first so a typo never reaches another URL."""
    op = operation(op_id)
    _reject_missing(op_id, [name for name in op.path_params if _is_absent(values.get(name))], flag_names)
    path = op.path
    for name, param in op.path_params.items():
        path = path.replace("{" + name + "}", _encode_string(param, str(values[name]).strip(), _flag(name, flag_names)))
    return path


@cache
def _report_schema() -> dict[str, Any]:
    return _data()["report_request_schema"]


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
    return f"{where}: {_invalid_choice(error.instance, [a for a in error.validator_value if isinstance(a, str)])}"


def validate_report_body(body: dict[str, Any]) -> None:
    """Check an async-report request body against the spec, reporting every problem at once."""
    from jsonschema import Draft7Validator  # heavy; only report creation needs it

    errors = Draft7Validator(_report_schema()).iter_errors(body)
    lines = [_describe_error(error) for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])]
    if lines:
        raise _fail(
            "invalid report request: " + "; ".join(dict.fromkeys(lines)),
            "fix the listed fields; paths are JSON paths into the request body",
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

    return walk(_report_schema()) or []
