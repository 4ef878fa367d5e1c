"""The one redaction step every line agent-ads writes passes through.

Secret values are registered here as soon as they are read (from env, stdin or the
credential store) together with the forms they take on the way out: escaped as JSON or by
``repr`` (an exception message quoting a header), URL-encoded (a query or form echoed by a
proxy), base64 (HTTP Basic ``id:secret``). :func:`redact` masks all of them; the error
writer, the warning writer, progress lines, ``--include-meta`` and the envelope trailer,
doctor details and the logging handler all call it, so an API, gateway or exception that
echoes a request cannot carry a secret to the terminal, even with ``-vv``.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from typing import Any
from urllib.parse import quote, quote_plus

MASK = "***"
SECRET_KEY_PATTERN = re.compile(r"(token|secret|password|authorization|api[_-]?key|signature|credential|^sig$)", re.I)
MIN_SECRET_LENGTH = 4

_secrets: set[str] = set()
_pattern: re.Pattern[str] | None = None


def _forms(value: str) -> set[str]:
    """The value and the encodings it commonly appears in when echoed."""
    return {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1], repr(value)[1:-1],
            quote(value, safe=""), quote_plus(value), base64.b64encode(value.encode()).decode().rstrip("=")}


def _add(forms: set[str]) -> None:
    global _pattern
    new = {form for form in forms if len(form) >= MIN_SECRET_LENGTH} - _secrets
    if new:
        _secrets.update(new)
        _pattern = None


def register_secret(value: str | None) -> None:
    """Remember a secret value (and its encodings) so that no output line can show it."""
    if value and len(value.strip()) >= MIN_SECRET_LENGTH:
        _add(_forms(value) | _forms(value.strip()))


def register_basic(user: str | None, password: str | None) -> None:
    """Remember an HTTP Basic pair: ``base64(user:password)`` reveals the password."""
    if user and password:
        register_secret(password)
        _add({base64.b64encode(f"{user}:{password}".encode()).decode().rstrip("=")})


def redact(text: str) -> str:
    """Mask every registered secret in ``text``: the one step between agent-ads and the terminal."""
    global _pattern
    if not _secrets or not text:
        return text
    if _pattern is None:
        _pattern = re.compile("|".join(re.escape(s) for s in sorted(_secrets, key=len, reverse=True)))
    return _pattern.sub(MASK, text)


def redact_data(value: Any) -> Any:
    """:func:`redact` applied to every string (keys too) of a JSON-like structure, before it is serialised."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact_data(k): redact_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_data(v) for v in value]
    return value


def looks_secret(name: str) -> bool:
    return bool(SECRET_KEY_PATTERN.search(name))


def redact_pairs(pairs: list[tuple[str, str]] | dict[str, str] | None) -> list[tuple[str, str]]:
    items = pairs.items() if isinstance(pairs, dict) else (pairs or [])
    return [(k, MASK if looks_secret(k) else str(v)) for k, v in items]


def redact_headers(headers: dict[str, str]) -> dict[str, str]:
    return {k: (MASK if looks_secret(k) or k.lower() == "cookie" else v) for k, v in headers.items()}


class ScrubFilter(logging.Filter):
    """Renders each record early and masks registered secrets in the final text."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = None
        record.msg = redact(message)
        record.args = None
        return True


class LineFormatter(logging.Formatter):
    """Prefixes every line, so a multi-line record (a ``-vv`` traceback) cannot pass for a JSON error line."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"agent-ads: {record.levelname}: "
        return "\n".join(prefix + line for line in (record.getMessage().splitlines() or [""]))


def configure_logging(verbosity: int, stream) -> logging.Logger:
    """``-v`` shows requests (INFO), ``-vv`` shows headers and tracebacks (DEBUG)."""
    logger = logging.getLogger("agent_ads")
    logger.handlers.clear()
    logger.propagate = False
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(LineFormatter())
    handler.addFilter(ScrubFilter())
    logger.addHandler(handler)
    logger.setLevel(level)
    return logger
