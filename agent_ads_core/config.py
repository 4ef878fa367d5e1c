"""Find, read and validate ``agent-ads.config.json``.

The file holds non-secret settings only. Its schema is the core's part plus the fragment
each provider registers under ``providers.<name>``; jsonschema is imported only when a
file actually has to be validated: commands without a config file never pay for it, nor do
commands reading a file whose content already passed against the same schema (see
:mod:`config_cache`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_ads_core import config_cache, formatters
from agent_ads_core.credential_routing import BASE_URL_PATTERN, URL_RULE
from agent_ads_core.errors import ConfigError
from agent_ads_core.global_options import CHART_TYPES
from agent_ads_core.redaction import looks_secret
from agent_ads_core.validation import finite_number

CONFIG_ENV = "AGENT_ADS_CONFIG"
OUTPUT_FORMAT_ENV = "AGENT_ADS_OUTPUT_FORMAT"
# Rules of the core settings that have no fixed list of values.
CORE_RULES: dict[str, dict[str, Any]] = {
    "csv_safe": {"type": "boolean"},
    "max_download_mb": {"type": "integer", "minimum": 1},
}
# The core's own settings: key -> (global option dest, env var, default). Providers' are in ProviderInfo.
CORE_SETTINGS: dict[str, tuple[str, str, Any]] = {
    "output_format": ("format", OUTPUT_FORMAT_ENV, "json"),
    "csv_safe": ("csv_safe", "AGENT_ADS_CSV_SAFE", False),
    "max_download_mb": ("max_download_mb", "AGENT_ADS_MAX_DOWNLOAD_MB", 1024),
}
LOCAL_NAME = "agent-ads.config.json"
# A settings file is a few hundred bytes; anything this big is the wrong file.
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ConfigLocation:
    path: Path
    source: str  # flag | env | cwd | user | none

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def user_config_path(environ: Mapping[str, str] = os.environ) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "agent-ads" / "config.json"


def locate(flag_path: str | None, environ: Mapping[str, str] = os.environ) -> ConfigLocation:
    """``--config`` > ``$AGENT_ADS_CONFIG`` > ``./agent-ads.config.json`` > the user config dir.

    An explicitly named file must exist; the implicit locations are optional.
    """
    if flag_path:
        return ConfigLocation(Path(flag_path), "flag")
    if environ.get(CONFIG_ENV):
        return ConfigLocation(Path(environ[CONFIG_ENV]), "env")
    local = Path.cwd() / LOCAL_NAME
    if local.is_file():
        return ConfigLocation(local, "cwd")
    user = user_config_path(environ)
    return ConfigLocation(user, "user" if user.is_file() else "none")


# Defaults for the human view (--format table/chart); flags override them.
TERMINAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "chart_type": {"enum": list(CHART_TYPES)},
        "chart_height": {"type": "integer", "minimum": 5, "maximum": 200},
        "chart_max_series": {"type": "integer", "minimum": 1, "maximum": 50},
    },
}


def build_schema(fragments: Mapping[str, dict]) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "output_format": {"enum": formatters.available()},
            "terminal": TERMINAL_SCHEMA,
            **CORE_RULES,
            "max_concurrency": {"type": "integer", "minimum": 1},
            "providers": {
                "type": "object",
                "additionalProperties": False,
                "properties": dict(fragments),
            },
        },
    }


def _json_path(parts: list[Any]) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def secret_keys(data: Any, parts: list[Any] | None = None) -> list[str]:
    """JSON paths of keys that look like secrets, which never belong in a config file."""
    parts = parts or []
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if looks_secret(str(key)) and key != "$schema":
                found.append(_json_path([*parts, key]))
            found.extend(secret_keys(value, [*parts, key]))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(secret_keys(value, [*parts, i]))
    return found


_BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}


def _describe(error: Any) -> str:
    """What a value must be, from the schema alone: a rejected value is never echoed (it may be a secret)."""
    kind, expected = error.validator, error.validator_value
    if kind == "pattern":
        return URL_RULE if expected == BASE_URL_PATTERN else f"must match {expected}"
    if kind == "type":
        return "must be of type " + (" or ".join(expected) if isinstance(expected, list) else str(expected))
    if kind == "enum":
        return "must be one of " + ", ".join(json.dumps(v) for v in expected)
    if kind in _BOUNDS:
        return f"must be {_BOUNDS[kind]} {expected}"
    if kind in ("additionalProperties", "required"):
        return error.message  # names keys, never values
    return f"is not valid ({kind})"


def validation_errors(data: Any, schema: dict[str, Any]) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft7Validator(schema)
    errors = [
        f"{_json_path(list(e.absolute_path))}: {_describe(e)}"
        for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    errors += [f"{p}: looks like a secret; secrets never go in the config file" for p in secret_keys(data)]
    return errors


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    try:
        return finite_number(text)
    except ValueError:
        raise ValueError(f"{text} is too large for a number") from None


def load(location: ConfigLocation, fragments: Mapping[str, dict]) -> dict[str, Any]:
    """Read and validate the file; every problem is reported at once as a config error (exit 2)."""
    if not location.exists:
        if location.source in ("flag", "env"):
            raise ConfigError(f"config file not found: {location.path}", hint="check --config / AGENT_ADS_CONFIG")
        return {}
    try:
        with location.path.open("rb") as handle:
            content = handle.read(MAX_CONFIG_BYTES + 1)
        if len(content) > MAX_CONFIG_BYTES:
            raise ConfigError(f"config file {location.path} is over {MAX_CONFIG_BYTES // 1024} KiB; "
                              "it holds a few settings, so this is not it", hint="check --config / AGENT_ADS_CONFIG")
        data = json.loads(content.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite_float)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {location.path}: {exc}") from None
    except (json.JSONDecodeError, ValueError) as exc:
        raise ConfigError(f"config file {location.path} is not valid JSON: {exc}") from None
    except RecursionError:
        raise ConfigError(f"config file {location.path} is nested too deeply to be a settings file") from None
    schema = build_schema(fragments)
    checked = config_cache.digest(content, schema)
    if config_cache.is_known_valid(location.path, checked):
        return data
    errors = validation_errors(data, schema)
    if errors:
        hint = None
        if secret_keys(data):
            hint = "store secrets with 'agent-ads <provider> auth set' or environment variables"
        raise ConfigError(f"invalid config file {location.path}: " + "; ".join(errors), hint=hint)
    config_cache.remember_valid(location.path, checked)
    return data
