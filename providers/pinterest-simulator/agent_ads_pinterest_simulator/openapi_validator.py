"""Checks simulator requests against Pinterest's official OpenAPI description.

The simulator is only useful if it rejects what the real API would reject, so every
rule here is derived from the spec itself (paths, parameters, request bodies); the one
exception is the analytics date windows, which the spec states only in prose (see
`openapi_dates`). Construction is cheap: path regexes are compiled up front, while
parameter and body details are resolved per operation on first use.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote

from .openapi_dates import body_windows, query_windows, utc_today, window_violations
from .openapi_params import Parameter, ParameterDecoder, coerce, load_parameters
from .openapi_schema import (
    DATE_SHAPE,
    SchemaValidators,
    describe,
    format_json_path,
    json_pointer,
    parse_date,
    property_schema,
    resolve,
    typed_schema,
)

SPEC_ENV_VAR = "AGENT_ADS_PINTEREST_OPENAPI"
SPEC_RELATIVE_PATH = pathlib.Path("shared", "pinterest", "openapi.json")
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE_SEGMENT = re.compile(r"^\{([^{}]+)\}$")


def default_spec_path() -> pathlib.Path:
    """Env AGENT_ADS_PINTEREST_OPENAPI if set; else walk up from the current directory, and from this
    file's directory, looking in each ancestor D for D/shared/pinterest/openapi.json.

    The spec is vendored outside the repo (it must never be copied in), so both the working
    directory and the installed package location are searched; raises FileNotFoundError
    naming the places searched and the env var to set.
    """
    override = os.environ.get(SPEC_ENV_VAR)
    if override:
        path = pathlib.Path(override)
        if not path.is_file():
            raise FileNotFoundError(f"{SPEC_ENV_VAR}={override!r} does not point to a file")
        return path
    starts = (pathlib.Path.cwd().resolve(), pathlib.Path(__file__).resolve().parent)
    for start in starts:
        for directory in (start, *start.parents):
            candidate = directory / SPEC_RELATIVE_PATH
            if candidate.is_file():
                return candidate
    raise FileNotFoundError(
        f"Pinterest OpenAPI spec not found: no {SPEC_RELATIVE_PATH} above {starts[0]} or {starts[1]}; "
        f"set {SPEC_ENV_VAR} to its location"
    )


@dataclass
class Operation:
    operation_id: str
    method: str
    path_template: str
    sandbox: str | None


@dataclass
class ValidationResult:
    operation: Operation | None
    path_params: dict[str, str]
    query: dict[str, Any]
    body: Any
    violations: list[str]
    status: int


@dataclass(frozen=True)
class _Route:
    template: str
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    operations: dict[str, Operation]

    @property
    def specificity(self) -> tuple[int, ...]:
        """Sort key under which literal segments beat templated ones at the first difference."""
        return tuple(1 if _TEMPLATE_SEGMENT.match(segment) else 0 for segment in self.template.split("/"))


@dataclass(frozen=True)
class _BodyMedia:
    schema: Any
    pointer: str
    schema_ref: str | None


@dataclass(frozen=True)
class _Body:
    required: bool
    media: dict[str, _BodyMedia]


@dataclass(frozen=True)
class _Details:
    parameters: dict[str, Parameter]
    body: _Body | None
    parameter_refs: dict[str, str | None]


class SpecValidator:
    """Validates one HTTP request at a time against the OpenAPI description."""

    def __init__(self, spec: dict, base_path: str = "/v5", today: Callable[[], dt.date] | None = None) -> None:
        self._spec = spec
        self._base_path = base_path.rstrip("/")
        self._today = today or utc_today
        self._schemas = SchemaValidators(spec)
        self._decoder = ParameterDecoder(spec, self._schemas)
        routes = [_compile_route(template, item) for template, item in spec["paths"].items()]
        self._routes = sorted(routes, key=lambda route: route.specificity)
        self._operations = {op.operation_id: op for route in routes for op in route.operations.values()}
        self._details: dict[tuple[str, str], _Details] = {}

    @classmethod
    def from_file(
        cls, path: str | os.PathLike | None = None, *, today: Callable[[], dt.date] | None = None
    ) -> SpecValidator:
        spec_path = pathlib.Path(path) if path is not None else default_spec_path()
        with spec_path.open(encoding="utf-8") as handle:
            return cls(json.load(handle), today=today)

    def operation(self, operation_id: str) -> Operation:
        try:
            return self._operations[operation_id]
        except KeyError:
            raise KeyError(f"no operation with operationId {operation_id!r} in the spec") from None

    def validate(
        self,
        method: str,
        raw_path: str,
        query_pairs: list[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> ValidationResult:
        matched = self._match(raw_path)
        if matched is None:
            return ValidationResult(None, {}, {}, None, [f"no operation matches path {raw_path!r}"], 404)
        route, path_params = matched
        operation = route.operations.get(method.upper())
        if operation is None:
            allowed = ", ".join(route.operations)
            message = f"method {method.upper()} not allowed on {route.template}; allowed: {allowed}"
            return ValidationResult(None, path_params, {}, None, [message], 405)
        details = self._operation_details(operation)
        violations = self._decoder.path(details.parameters, path_params)
        query, query_violations = self._decoder.query(details.parameters, query_pairs)
        violations += query_violations + self._query_date_violations(details, query)
        parsed_body, body_violations = self._check_body(details.body, headers, body)
        violations += body_violations
        return ValidationResult(operation, path_params, query, parsed_body, violations, 400 if violations else 200)

    def _match(self, raw_path: str) -> tuple[_Route, dict[str, str]] | None:
        if not raw_path.startswith(self._base_path + "/"):
            return None
        path = raw_path[len(self._base_path) :]
        for route in self._routes:
            match = route.pattern.match(path)
            if match:
                return route, {name: unquote(value) for name, value in zip(route.names, match.groups(), strict=True)}
        return None

    def _operation_details(self, operation: Operation) -> _Details:
        key = (operation.method, operation.path_template)
        details = self._details.get(key)
        if details is None:
            method = operation.method.lower()
            parameters = load_parameters(self._spec, operation.path_template, method)
            details = _Details(
                parameters=parameters,
                body=_load_body(self._spec, operation.path_template, method),
                parameter_refs={name: parameter.ref for name, parameter in parameters.items()},
            )
            self._details[key] = details
        return details

    def _query_date_violations(self, details: _Details, query: Mapping[str, Any]) -> list[str]:
        windows = query_windows(details.parameter_refs, query)
        dates = _parse_dates(query.get("start_date"), query.get("end_date"))
        if not windows or dates is None:
            return []
        return window_violations(
            *dates, windows, self._today(), "query parameter 'start_date'", "query parameter 'end_date'"
        )

    def _check_body(self, spec_body: _Body | None, headers: Mapping[str, str], raw: bytes) -> tuple[Any, list[str]]:
        if spec_body is None:
            return None, (["body: this operation takes no request body"] if raw.strip() else [])
        if not raw.strip():
            return None, (["body: required request body is missing"] if spec_body.required else [])
        media_type = _content_type(headers)
        declared = sorted(spec_body.media)
        if media_type is None:
            return None, [f"header 'Content-Type': missing; expected one of {declared}"]
        media = spec_body.media.get(media_type)
        if media is None:
            return None, [f"header 'Content-Type': {media_type!r} is not one of {declared}"]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None, ["body: not valid UTF-8"]
        if media_type == FORM_MEDIA_TYPE:
            value, violations = self._parse_form(text, media.schema)
        else:
            value, violations = _parse_json(text)
        if violations:
            return value, violations
        violations = [
            f"body {format_json_path(error.absolute_path)}: {describe(error)}"
            for error in self._schemas.errors(media.pointer, value)
        ]
        return value, violations + self._body_date_violations(media.schema_ref, value)

    def _parse_form(self, text: str, schema: Any) -> tuple[dict[str, Any], list[str]]:
        """Decode a form body, typing each field by its property schema as for query strings."""
        grouped: dict[str, list[str]] = {}
        for key, value in parse_qsl(text, keep_blank_values=True):
            grouped.setdefault(key, []).append(value)
        form: dict[str, Any] = {}
        violations: list[str] = []
        for key, values in grouped.items():
            form[key], problems = self._form_field(values, property_schema(self._spec, schema, key) or {})
            violations += [f"body $.{key}: {problem}" for problem in problems]
        return form, violations

    def _form_field(self, values: list[str], schema: Any) -> tuple[Any, list[str]]:
        typed = typed_schema(self._spec, schema) or {}
        try:
            if typed.get("type") == "array":
                item_type = (typed_schema(self._spec, typed.get("items", {})) or {}).get("type")
                return [coerce(value, item_type) for value in values], []
            value = coerce(values[0], typed.get("type"))
        except ValueError as error:
            return (values if len(values) > 1 else values[0]), [str(error)]
        return value, ([f"given {len(values)} times but it is not an array"] if len(values) > 1 else [])

    def _body_date_violations(self, schema_ref: str | None, body: Any) -> list[str]:
        windows = body_windows(schema_ref, body)
        if not windows:
            return []
        # The body schema only has a YYYY-MM-DD pattern, so impossible dates like 2024-02-30 surface here.
        violations = [
            f"body $.{name}: {body[name]!r} is not a valid calendar date"
            for name in ("start_date", "end_date")
            if isinstance(body.get(name), str) and DATE_SHAPE.match(body[name]) and not _is_calendar_date(body[name])
        ]
        dates = _parse_dates(body.get("start_date"), body.get("end_date"))
        if violations or dates is None:
            return violations
        return window_violations(*dates, windows, self._today(), "body $.start_date", "body $.end_date")


def _compile_route(template: str, path_item: dict) -> _Route:
    """Turn a path template into an anchored regex; templated segments match one segment."""
    names: list[str] = []
    parts: list[str] = []
    for segment in template.split("/"):
        match = _TEMPLATE_SEGMENT.match(segment)
        if match:
            names.append(match.group(1))
            parts.append("([^/]+)")
        else:
            parts.append(re.escape(segment))
    operations = {
        method.upper(): Operation(
            operation_id=path_item[method].get("operationId", f"{method.upper()} {template}"),
            method=method.upper(),
            path_template=template,
            sandbox=path_item[method].get("x-sandbox"),
        )
        for method in _HTTP_METHODS
        if method in path_item
    }
    return _Route(template, re.compile("^" + "/".join(parts) + "$"), tuple(names), operations)


def _load_body(spec: dict, template: str, method: str) -> _Body | None:
    node = spec["paths"][template][method].get("requestBody")
    if node is None:
        return None
    pointer = node["$ref"][1:] if "$ref" in node else json_pointer("paths", template, method, "requestBody")
    node = resolve(spec, node)
    media = {
        media_type.lower(): _BodyMedia(
            schema=content.get("schema", {}),
            pointer=pointer + json_pointer("content", media_type, "schema"),
            schema_ref=content.get("schema", {}).get("$ref"),
        )
        for media_type, content in node.get("content", {}).items()
    }
    return _Body(required=bool(node.get("required", False)), media=media)


def _content_type(headers: Mapping[str, str]) -> str | None:
    """Media type without parameters; header names are matched case-insensitively."""
    for name, value in headers.items():
        if name.lower() == "content-type":
            return value.split(";", 1)[0].strip().lower() or None
    return None


def _parse_json(text: str) -> tuple[Any, list[str]]:
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [f"body: invalid JSON: {error.msg} at line {error.lineno} column {error.colno}"]


def _is_calendar_date(text: str) -> bool:
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


def _parse_dates(start: Any, end: Any) -> tuple[dt.date, dt.date] | None:
    """Both dates, or None when either is absent or malformed (already reported elsewhere)."""
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    try:
        return parse_date(start), parse_date(end)
    except ValueError:
        return None
