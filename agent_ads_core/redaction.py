"""Keep secrets out of everything agent-ads writes, including its debug logs.

Secret values are registered here as soon as they are read (from env or the credential
store), and a logging filter replaces any registered value in every log record, so even
``-vv`` tracebacks and header dumps cannot leak them.
"""

from __future__ import annotations

import logging
import re

MASK = "***"
SECRET_KEY_PATTERN = re.compile(r"(token|secret|password|authorization|api[_-]?key|signature|credential|^sig$)", re.I)

_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret value so it is masked wherever it would appear in logs."""
    if value and len(value) >= 4:
        _secrets.add(value)


def looks_secret(name: str) -> bool:
    return bool(SECRET_KEY_PATTERN.search(name))


def scrub(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


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
        record.msg = scrub(message)
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
