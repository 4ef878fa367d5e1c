"""What every formatter shares: the base class and the helpers to write a Result.

A formatter writes one :class:`~agent_ads_core.result.Result` to a text stream. Results
may stream (``pages`` is a generator), so a formatter writes page by page and flushes
after each, keeping memory flat however many records a listing returns.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Iterable
from typing import Any, ClassVar, TextIO

from agent_ads_core.errors import ArgumentError
from agent_ads_core.redaction import redact_data
from agent_ads_core.result import Result
from agent_ads_core.terminal import TerminalSettings


def dumps(value: Any, pretty: bool = False) -> str:
    """Compact JSON (or indented with ``pretty``); unknown types (dates) become text.

    JSON has no NaN or Infinity: a non-finite number (an API's ``NaN``, or ``1e400``, which
    parses as infinity) is written as ``null``, so the output always parses.
    """
    layout: dict[str, Any] = {"indent": 2} if pretty else {"separators": (",", ":")}
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str, **layout)
    except ValueError:  # rare: pay for the walk only when a non-finite number is there
        return json.dumps(finite(value), ensure_ascii=False, default=str, **layout)


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinity replaced by None, at any depth."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    return value


def flatten(record: Any, prefix: str = "") -> dict[str, Any]:
    """Flatten nested objects into dot paths (``targeting_spec.AGE_BUCKET``); lists become JSON text."""
    if not isinstance(record, dict):
        return {prefix or "value": record}
    flat: dict[str, Any] = {}
    for key, value in record.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value:
            flat.update(flatten(value, path))
        elif isinstance(value, (list, dict)):
            flat[path] = dumps(value)
        else:
            flat[path] = value
    return flat


def trailer(result: Result) -> dict[str, Any]:
    """``meta``, ``paging`` and ``warnings``: what an envelope or ``--include-meta`` adds to the data.

    Redacted here, the one place both paths take it from (a cursor or warning can echo a secret).
    """
    paging = result.paging.as_dict() if hasattr(result.paging, "as_dict") else result.paging
    return redact_data({"meta": result.meta, "paging": paging, "warnings": result.warnings})


def pages_of(result: Result) -> Iterable[list[Any]]:
    """The result as pages of records: a single value counts as one page of one record."""
    if result.is_stream:
        return result.pages  # type: ignore[return-value]
    return [result.data if isinstance(result.data, list) else [result.data]]


class Formatter:
    """Base of every output formatter; subclasses implement :meth:`write`.

    ``supports_envelope`` is False for formats that cannot hold the ``{data, meta, ...}``
    wrapper (a CSV table): asking for one is then an argument error before anything runs.
    ``requires`` names the modules a format draws with when they come from an optional
    extra; one that is missing is an argument error with ``install_hint``, also before
    anything runs (the modules are imported here, so a format that fails, fails first).
    """

    name: ClassVar[str]
    supports_envelope: ClassVar[bool] = True
    requires: ClassVar[tuple[str, ...]] = ()
    install_hint: ClassVar[str | None] = None

    def __init__(self, *, pretty: bool = False, envelope: bool = False,
                 terminal: TerminalSettings | None = None, csv_safe: bool = False) -> None:
        if envelope and not self.supports_envelope:
            raise ArgumentError(f"--envelope needs --format json or jsonl, not {self.name}",
                                hint="drop --envelope or use --format json")
        for module in self.requires:
            try:
                importlib.import_module(module)
            except ImportError:
                raise ArgumentError(f"--format {self.name} needs {module}, which is not installed",
                                    hint=self.install_hint) from None
        self.pretty = pretty
        self.envelope = envelope
        self.terminal = terminal or TerminalSettings()
        self.csv_safe = csv_safe  # spreadsheet formats neutralise formulas (see --csv-safe)

    def write(self, result: Result, out: TextIO) -> None:
        """Write the whole result to ``out``."""
        raise NotImplementedError
