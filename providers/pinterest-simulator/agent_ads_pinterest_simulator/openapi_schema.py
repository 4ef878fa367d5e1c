"""OpenAPI 3.0 schema objects evaluated with jsonschema.

OpenAPI 3.0 schemas are a Draft 4 dialect plus a few keywords of their own. Rather
than rewriting the 2 MB spec into plain JSON Schema up front (slow, and it would
break `$ref` identity), the spec is registered once as a referencing resource and
the Draft 4 validator is extended to understand the OpenAPI-only keywords:
`nullable`, `discriminator`, and the `date` format.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote

import jsonschema
import referencing
from jsonschema.exceptions import ValidationError, best_match
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:pinterest-openapi"

# Long enums (e.g. ~200 report columns) would otherwise drown the useful part of a message.
MAX_MESSAGE_CHARS = 400

DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> dt.date:
    """Parse YYYY-MM-DD strictly; `date.fromisoformat` alone also accepts YYYYMMDD since 3.11."""
    if not DATE_SHAPE.match(text):
        raise ValueError(f"{text!r} is not a date in YYYY-MM-DD format")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid calendar date") from None


def json_pointer(*tokens: str | int) -> str:
    """Build an RFC 6901 pointer; path templates contain '/' and '{' that must be escaped."""
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in tokens)


def resolve(spec: dict, node: Any) -> Any:
    """Follow local `$ref`s (possibly chained) to the node they point at."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            raise ValueError(f"unsupported or cyclic $ref {ref!r}")
        seen.add(ref)
        node = spec
        for token in ref[2:].split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def typed_schema(spec: dict, schema: Any) -> dict | None:
    """Find the schema that declares `type`, looking through $ref and composition.

    Query strings carry no type information, so decoding needs the declared type even
    when it sits behind `{"$ref": ...}` or `{"allOf": [{"$ref": ...}]}`.
    """
    schema = resolve(spec, schema)
    if not isinstance(schema, dict):
        return None
    if "type" in schema:
        return schema
    for keyword in ("allOf", "oneOf", "anyOf"):
        for branch in schema.get(keyword, ()):
            found = typed_schema(spec, branch)
            if found is not None:
                return found
    return None


def property_schema(spec: dict, schema: Any, name: str) -> Any | None:
    """Find the schema of object property `name` across composition branches."""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict):
        return None
    if name in schema.get("properties", {}):
        return schema["properties"][name]
    for keyword in ("allOf", "oneOf", "anyOf"):
        for branch in schema.get(keyword, ()):
            found = property_schema(spec, branch, name)
            if found is not None:
                return found
    return None


def format_json_path(tokens: Iterable[str | int]) -> str:
    """Render a jsonschema error path the way people read JSON: $.columns[2]."""
    text = "$"
    for token in tokens:
        text += f"[{token}]" if isinstance(token, int) else f".{token}"
    return text


def clip(message: str) -> str:
    """Shorten from the middle: jsonschema puts the offending value first and the verdict last."""
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    keep = (MAX_MESSAGE_CHARS - 5) // 2
    return f"{message[:keep]} ... {message[-keep:]}"


def describe(error: ValidationError) -> str:
    """Message for one error; for failed oneOf/anyOf, point at the closest branch's failure."""
    message = error.message
    if error.validator in ("oneOf", "anyOf") and error.context:
        closest = best_match(error.context)
        message = f"{message}; closest match fails at {format_json_path(closest.absolute_path)}: {closest.message}"
    return clip(message)


def _discriminator_target(schema: dict, instance: Any) -> str | None:
    """The mapped schema $ref chosen by the instance's discriminator property, if any."""
    discriminator = schema.get("discriminator")
    if not isinstance(discriminator, dict) or not isinstance(instance, dict):
        return None
    value = instance.get(discriminator.get("propertyName"))
    return discriminator.get("mapping", {}).get(value) if isinstance(value, str) else None


def _allow_nullable(keyword_check: Any) -> Any:
    """Let `nullable: true` admit null wherever the sibling keywords would reject it.

    OpenAPI 3.0.3 strictly only widens an explicit `type`, but the spec also puts
    `nullable` next to `allOf: [$ref]`, where generators and servers accept null too.
    """

    def check(validator: Any, value: Any, instance: Any, schema: dict) -> Iterator[ValidationError]:
        if instance is None and schema.get("nullable") is True:
            return
        yield from keyword_check(validator, value, instance, schema)

    return check


def _use_discriminator(keyword_check: Any) -> Any:
    """oneOf/anyOf with a discriminator validate only the mapped branch.

    Plain oneOf would reject payloads matching several overlapping branches (the
    catalog vertical schemas), which the discriminator exists to disambiguate.
    """

    def check(validator: Any, value: Any, instance: Any, schema: dict) -> Iterator[ValidationError]:
        target = _discriminator_target(schema, instance)
        if target is None:
            yield from keyword_check(validator, value, instance, schema)
        else:
            yield from validator.descend(instance, {"$ref": target})

    return check


def _base_discriminator(validator: Any, value: Any, instance: Any, schema: dict) -> Iterator[ValidationError]:
    """A discriminator on a base schema (no oneOf/anyOf) also applies the mapped subtype.

    This is how `OauthAccessTokenRequest` makes `refresh_token` required for
    grant_type=refresh_token.
    """
    if "oneOf" in schema or "anyOf" in schema:
        return
    target = _discriminator_target(schema, instance)
    if target is not None:
        yield from validator.descend(instance, {"$ref": target})


def _check_date(instance: object) -> bool:
    if isinstance(instance, str):
        parse_date(instance)
    return True


_DRAFT4 = jsonschema.Draft4Validator.VALIDATORS
OpenApiValidator = jsonschema.validators.extend(
    jsonschema.Draft4Validator,
    {
        "type": _allow_nullable(_DRAFT4["type"]),
        "enum": _allow_nullable(_DRAFT4["enum"]),
        "allOf": _allow_nullable(_DRAFT4["allOf"]),
        "oneOf": _allow_nullable(_use_discriminator(_DRAFT4["oneOf"])),
        "anyOf": _allow_nullable(_use_discriminator(_DRAFT4["anyOf"])),
        "discriminator": _base_discriminator,
    },
)

# Only `date` is checked: other formats in the spec (int64, double, date-time) are
# either implied by `type` or would need optional third-party checkers.
FORMAT_CHECKER = jsonschema.FormatChecker(formats=())
FORMAT_CHECKER.checks("date", raises=ValueError)(_check_date)


class SchemaValidators:
    """One cached validator per spec location, all sharing the spec as `$ref` target."""

    def __init__(self, spec: dict) -> None:
        resource = referencing.Resource.from_contents(spec, default_specification=DRAFT4)
        self._registry = referencing.Registry().with_resource(SPEC_URI, resource)
        self._validators: dict[str, Any] = {}

    def errors(self, pointer: str, instance: Any) -> list[ValidationError]:
        """Validate `instance` against the schema found at `pointer` inside the spec."""
        validator = self._validators.get(pointer)
        if validator is None:
            root = {"$ref": f"{SPEC_URI}#{quote(pointer, safe='/~')}"}
            validator = OpenApiValidator(root, registry=self._registry, format_checker=FORMAT_CHECKER)
            self._validators[pointer] = validator
        return list(validator.iter_errors(instance))
