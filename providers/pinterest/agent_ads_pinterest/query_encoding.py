"""Checking and encoding a request's query and path values the way Pinterest's description says.

A mistyped value, an out-of-range page size or a parameter an endpoint ignores becomes one
local ``ArgumentError`` naming the flag the user typed, instead of a round trip and an
opaque 400. Arrays with ``explode: false`` (``columns``) become one comma-separated value;
exploded arrays (``campaign_ids``) repeat the key.

A parameter whose value is ``None`` or an empty list counts as not given: CLI parsers
produce those for flags the user left out, and no Pinterest parameter here gives an
empty list a meaning of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from agent_ads_core.analytics_runner import parse_date
from agent_ads_core.argparsing import split_values
from agent_ads_core.errors import ArgumentError, InternalError
from agent_ads_core.validation import matches_pattern
from agent_ads_pinterest.enum_matching import check_choices, choices_hint
from agent_ads_pinterest.openapi_table import Operation, Param, operation
from agent_ads_pinterest.plugin import DISPLAY_NAME, NAME


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
        raise _fail(f"{flag}: {number} is not a valid value", choices_hint(param.enum, flag))
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
