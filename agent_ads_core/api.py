"""The Python API: run any ``agent-ads`` command in-process and get its data as Python values.

    from agent_ads_core import api

    result = api.run(["acme", "campaigns", "list", "--all"])   # any installed provider's command
    for campaign in result:          # pages are fetched lazily, as the loop asks for them
        ...
    result.paging                    # where the listing stopped (its resume cursor)

``run`` executes exactly what the CLI would for the same argv (the CLI only renders what the
same :meth:`AgentAdsApp.resolve` and :meth:`AgentAdsApp.execute` return): the same validation
before anything is sent, the same settings (flag > ``env`` > config file > default), credentials
(``env``, then the OS credential store), retries and refreshes. Failures raise the core's typed
errors (:class:`ArgumentError`, :class:`ApiError`, ...), whose ``to_dict()`` is the JSON object the
CLI writes on stderr (:func:`exit_code` gives the CLI's exit code). Each call has its own context
and HTTP session, so calls may run from several threads at once; providers are discovered once
per process.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from agent_ads_core.errors import (
    AgentAdsError,
    ApiError,
    ArgumentError,
    AuthError,
    ConfigError,
    InternalError,
    TransportError,
)
from agent_ads_core.global_options import split_argv
from agent_ads_core.result import Result

__all__ = ["AgentAdsError", "ApiError", "ArgumentError", "AuthError", "ConfigError", "InternalError",
           "Response", "TransportError", "exit_code", "registry", "run"]

# Global options that shape rendering, help or the version banner: meaningless to a caller that gets Python values.
RENDERING_OPTIONS = ("--format", "--output", "--pretty", "--envelope", "--include-meta", "--version", "-h", "--help")

_lock = threading.Lock()
_registries: dict[str | None, Any] = {}


def registry() -> Any:
    """The providers and plugins of this process, loaded once (per ``AGENT_ADS_PROVIDERS`` value)."""
    from agent_ads_core.discovery import PROVIDERS_ENV
    from agent_ads_core.plugins import Registry

    key = os.environ.get(PROVIDERS_ENV)
    with _lock:
        if key not in _registries:
            _registries[key] = Registry(warn=io.StringIO()).load()
        return _registries[key]


class Response:
    """One command's outcome: iterate it for the items, read ``data`` for the CLI's JSON value.

    A streamed listing is fetched page by page while it is iterated, and can be iterated once;
    ``meta``, ``paging`` and ``warnings`` are complete once the items have been read.
    """

    def __init__(self, result: Result, run_warnings: list[str]) -> None:
        self._result = result
        self._run_warnings = run_warnings
        self._consumed = False

    @property
    def is_stream(self) -> bool:
        return self._result.is_stream

    def __iter__(self) -> Iterator[Any]:
        result = self._result
        if result.is_stream:
            if self._consumed:
                raise RuntimeError("a streamed result can be iterated only once; keep the items you need")
            self._consumed = True
            yield from _typed_errors(_items(result.pages))
        elif isinstance(self.data, list):
            yield from self.data
        else:
            yield self.data

    @property
    def data(self) -> Any:
        """What the CLI prints with ``--format json``: the object, the document, or the list of every item."""
        result = self._result
        if result.is_stream:
            return list(self)
        return result.text if result.text is not None else result.data

    @property
    def meta(self) -> dict[str, Any]:
        return self._result.meta

    @property
    def paging(self) -> dict[str, Any] | None:
        paging = self._result.paging
        return paging.as_dict() if hasattr(paging, "as_dict") else paging

    @property
    def warnings(self) -> list[str]:
        return [*self._result.warnings, *self._run_warnings]

    @property
    def exit_code(self) -> int:
        """0, or what the CLI would exit with for a command that reports failure in its data (doctor)."""
        return self._result.exit_code

    def envelope(self) -> dict[str, Any]:
        """``{"data", "meta", "paging", "warnings"}``, as ``--envelope`` prints it (reads a stream to the end)."""
        data = self.data
        return {"data": data, "meta": self.meta, "paging": self.paging, "warnings": self.warnings}


def _items(pages: Any) -> Iterator[Any]:
    for page in pages:
        yield from page


def _typed_errors(items: Iterator[Any]) -> Iterator[Any]:
    """Failures while a stream is read surface as the same typed errors as failures before it."""
    try:
        yield from items
    except AgentAdsError:
        raise
    except Exception as exc:
        raise _unexpected(exc) from exc


def _unexpected(exc: Exception) -> AgentAdsError:
    """What the CLI reports for a bug: an ``internal`` error, never a bare exception."""
    return InternalError(f"unexpected {type(exc).__name__}: {exc}")


def exit_code(error: AgentAdsError) -> int:
    """The exit code the CLI would have ended with for this error (API errors: the provider's own)."""
    return error.exit_code(registry().exit_codes())


def run(argv: Sequence[str], *, config: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None,
        progress: Callable[[str], None] | None = None) -> Response:
    """Run ``agent-ads <argv>`` in-process and return its :class:`Response`.

    ``config`` is a config file path (as ``--config``); ``env`` replaces ``os.environ`` for settings,
    credentials and the config location (secrets belong there, never in argv); ``progress`` receives
    the progress lines the CLI writes on stderr (``report-runs wait``). Raises an
    :class:`AgentAdsError` subclass on any failure (:func:`exit_code` gives the CLI's exit code for it).
    """
    from agent_ads_core.app import AgentAdsApp
    from agent_ads_core.context import RunContext

    argv = [str(arg) for arg in argv]
    if config is not None:
        argv = ["--config", os.fspath(config), *argv]
    shared = registry()
    try:
        global_tokens, rest = split_argv(argv)
        rendering = [t for t in global_tokens if t.split("=", 1)[0] in RENDERING_OPTIONS]
        if rendering:
            raise ArgumentError(f"{', '.join(rendering)}: output options do not apply to api.run",
                                hint="iterate the Response, or read its data, meta, paging and warnings")
        environ = os.environ if env is None else env
        app = AgentAdsApp(stdout=io.StringIO(), stderr=io.StringIO(), registry=shared, environ=environ)
        ctx = RunContext(shared, app.parser.parse_args(global_tokens), app.stdout, app.stderr, environ,
                         progress=progress)
        invocation = app.resolve(ctx, rest)
        if invocation is None:
            raise ArgumentError("no command given", hint="pass a command, e.g. ['providers', 'list']")
        result = app.execute(ctx, invocation)
    except (AgentAdsError, KeyboardInterrupt):
        raise
    except Exception as exc:
        raise _unexpected(exc) from exc
    return Response(result, ctx.warnings)
