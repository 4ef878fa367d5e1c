"""Base classes for commands: every command returns a Result and the app renders it.

A command is built by the app for one run, from that run's :class:`RunContext`; the app
parses its flags, asks it which settings those flags override, builds the run's
:class:`ProviderContext` with them, calls :meth:`Command.run` and renders what comes
back. A command never writes output and never calls back into the app.
Shared behaviour (paging flags, the pagination runner) lives here once, so a provider's
list command only says how to fetch one page.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_core.errors import ArgumentError, InternalError
from agent_ads_core.pagination import Page, PageRequest, Paginator
from agent_ads_core.result import Result
from agent_ads_core.validation import Choice

if TYPE_CHECKING:
    from agent_ads_core.context import ProviderContext, RunContext
    from agent_ads_core.declarations import ListSpec


GLOBAL_OPTIONS_NOTE = ("Global options work here too: --format json|jsonl|csv|table|chart, --output PATH, --envelope, "
                       "--pretty, -q, -v (see 'agent-ads --help').")


class Command:
    """A command run by ``agent-ads``; subclasses implement :meth:`execute`.

    ``provider`` is taken from the first command word when the class does not fix it,
    so one core class (``auth status``, ``config show``) can serve every provider.
    """

    provider: ClassVar[str | None] = None
    # True for commands that report on agent-ads itself (doctor, auth, config, providers): their
    # JSON is not a table, so the output_format setting (env, config) does not turn it into one.
    status_output: ClassVar[bool] = False
    # False for commands that change local state (stored credentials): tools built on the
    # registrations (an MCP server) expose only read-only commands.
    read_only: ClassVar[bool] = True

    def __init__(self, ctx: RunContext, cmd_name: str) -> None:
        self.ctx = ctx
        self.registry = ctx.registry
        self.cmd_name = cmd_name
        if self.provider is None:
            first = cmd_name.split()[0]
            if first in self.registry.providers:
                self.provider = first

    def get_description(self) -> str:
        return inspect.getdoc(type(self)) or ""

    def get_parser(self, prog_name: str) -> ArgumentParser:
        parser = ArgumentParser(prog=prog_name, description=self.get_description(), epilog=GLOBAL_OPTIONS_NOTE,
                                add_help=False)
        self.add_arguments(parser)
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the command's own flags (global options are added by the app)."""

    def enum_values(self) -> dict[str, list[str]]:
        """Flag -> every value it accepts, for ``enums list``, completion and error hints.

        Flags typed with :class:`~agent_ads_core.validation.Choice` are found on their own;
        a provider adds the flags it checks against its API description.
        """
        parser = self.get_parser(self.cmd_name or "agent-ads")
        return {action.option_strings[-1]: list(action.type.values) for action in parser._actions
                if isinstance(action.type, Choice) and action.option_strings}

    def setting_overrides(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        """Provider settings this command's own flags set (e.g. ``--sandbox``): they win over env and config."""
        return {}

    def run(self, parsed_args: argparse.Namespace, provider_ctx: ProviderContext | None) -> Result:
        """Called by the app: ``provider_ctx`` is the run's context for :attr:`provider` (None for core-wide)."""
        self.pctx = provider_ctx
        return self.execute(parsed_args)

    def output_format(self) -> str:
        """--format always; the output_format setting only for data."""
        if self.status_output:
            return self.ctx.options.format or "json"
        return self.ctx.output_format

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        raise NotImplementedError

    def base_meta(self, **extra: Any) -> dict[str, Any]:
        """The envelope's meta block; providers add endpoint, object_id, request_id."""
        meta: dict[str, Any] = {"provider": self.provider}
        if self.provider and not self.status_output:  # a status command must work with a broken config
            meta["api_version"] = self.ctx.setting(self.provider, "api_version")
        meta.update({k: v for k, v in extra.items() if v is not None})
        return meta


class ListCommand(Command):
    """A paged listing driven by the core's runner, with the provider's native cursor flag."""

    def list_spec(self) -> ListSpec:
        spec = self.registry.lists.get(self.provider)
        if spec is None:
            raise InternalError(f"provider '{self.provider}' registered no ListSpec")
        return spec

    def add_arguments(self, parser: ArgumentParser) -> None:
        spec = self.list_spec()
        group = parser.add_argument_group("paging")
        group.add_argument(spec.cursor_flag, dest="cursor", metavar="CURSOR",
                           help="resume from this cursor (paging in a previous --envelope)")
        group.add_argument(*spec.page_size_flags, dest="page_size", type=int, metavar="N",
                           help=f"items per request ({spec.min_page_size}..{spec.max_page_size})")
        group.add_argument("--all", action="store_true", dest="fetch_all",
                           help="follow cursors to the end, streaming page by page")
        group.add_argument("--max-items", type=int, metavar="N", help="stop after N items (pages as needed)")
        self.add_filters(parser)

    def add_filters(self, parser: ArgumentParser) -> None:
        """Declare the listing's own filter flags."""

    def fetch_page(self, parsed_args: argparse.Namespace, request: PageRequest) -> Page:
        raise NotImplementedError

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        spec = self.list_spec()
        size = parsed_args.page_size
        if size is not None and not spec.min_page_size <= size <= spec.max_page_size:
            raise ArgumentError(f"{spec.page_size_flags[0]} must be between {spec.min_page_size} and "
                                f"{spec.max_page_size}",
                                provider=self.provider)
        if parsed_args.max_items is not None and parsed_args.max_items < 1:
            raise ArgumentError("--max-items must be at least 1", provider=self.provider)
        if size is None and (parsed_args.fetch_all or parsed_args.max_items):
            size = spec.max_page_size  # fewest round trips when many items are wanted
        elif size is None:
            size = spec.default_page_size
        paginator = Paginator(
            fetch=lambda request: self.fetch_page(parsed_args, request),
            cursor_name=spec.cursor_param,
            start_cursor=parsed_args.cursor,
            page_size=size,
            fetch_all=parsed_args.fetch_all,
            max_items=parsed_args.max_items,
            progress=self.ctx.progress,
            cursor_flag=spec.cursor_flag,
        )
        self.meta = self.base_meta()
        return Result(pages=primed(paginator.pages()), meta=self.meta, paging=paginator.state)


def primed(pages: Iterator[list[Any]]) -> Iterator[list[Any]]:
    """Fetch the first page now, so bad flags and refused requests fail before any output is written."""
    first = next(pages, None)
    return itertools.chain([] if first is None else [first], pages)
