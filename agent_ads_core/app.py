"""The ``agent-ads`` application: argv in, data on stdout, one JSON error on stderr.

One run flows one way: the app splits argv once into global options and the rest,
resolves the command, builds the run's :class:`~agent_ads_core.context.RunContext` (and,
for a provider command, its one :class:`~agent_ads_core.context.ProviderContext` with the
command's setting overrides), calls the command and renders the
:class:`~agent_ads_core.result.Result` it returns. Every failure becomes one JSON object
on stderr with the exit code of its type; no traceback reaches the user (``-vv`` logs it).

The run path keeps no state between runs (streams and environment are passed in, nothing
is stored on the app but the loaded plugin registry), so one app can serve many runs in
one process, one after another.

Built on cliff's ``App`` for its option parser and command manager, overriding what would
break the contract: its command table (lazy here, see :mod:`commandmanager`), its ``help``
(which loads every command class), its "Did you mean" (printed to stdout) and its error
handling (exit 1 with text on stderr).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from cliff.app import App

from agent_ads_core import __version__, helptext
from agent_ads_core.argparsing import ArgumentParser, unrecognized
from agent_ads_core.commandmanager import LazyCommandManager, command_words
from agent_ads_core.errors import AgentAdsError, ArgumentError, InternalError
from agent_ads_core.exit_codes import ExitCode
from agent_ads_core.global_options import add_to_parser, split_argv
from agent_ads_core.redaction import configure_logging, redact_data
from agent_ads_core.result import Result
from agent_ads_core.signals import Terminated, interrupted
from agent_ads_core.signals import install as install_signal_handlers

if TYPE_CHECKING:
    from agent_ads_core.command import Command
    from agent_ads_core.context import RunContext
    from agent_ads_core.output import Renderer

LOG = logging.getLogger("agent_ads")


@dataclass(frozen=True)
class Invocation:
    """A command built for one run and its parsed flags: what :meth:`AgentAdsApp.execute` runs."""

    command: Command
    parsed_args: argparse.Namespace


class AgentAdsApp(App):
    NAME = "agent-ads"  # cliff derives it from sys.argv[0], which is "agent_ads_core" under ``python -m``

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None, registry: Any = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self._registry = registry
        self.environ = os.environ if environ is None else environ
        super().__init__(
            description="Query ad platforms from the terminal.",
            version=__version__,
            command_manager=LazyCommandManager(lambda: self.registry),
            stdout=stdout,
            stderr=stderr,
        )

    @property
    def registry(self):
        if self._registry is None:
            from agent_ads_core.plugins import Registry

            self._registry = Registry(warn=self.stderr).load()
        return self._registry

    def build_option_parser(self, description: str | None, version: str | None,
                            argparse_kwargs: dict | None = None) -> argparse.ArgumentParser:
        parser = ArgumentParser(prog="agent-ads", description=description, add_help=False)
        add_to_parser(parser)
        return parser

    # -- running -----------------------------------------------------------------
    def run(self, argv: list[str]) -> int:
        """Run one command line; return its exit status as a plain int (see :class:`ExitCode`)."""
        return self.run_split(*split_argv(list(argv)))

    def run_split(self, global_tokens: list[str], rest: list[str]) -> int:
        """Run a command line already split by :func:`split_argv` (the console script splits it once)."""
        ctx: RunContext | None = None
        quiet = False
        try:
            options = self.parser.parse_args(global_tokens)
            quiet = options.quiet
            configure_logging(0 if options.quiet else options.verbose, self.stderr)
            if options.version:
                from agent_ads_core.versions import versions

                self.stdout.write(json.dumps(versions(), ensure_ascii=False) + "\n")
                return int(ExitCode.OK)
            from agent_ads_core.context import RunContext

            ctx = RunContext(self.registry, options, self.stdout, self.stderr, self.environ)
            return int(self.run_command(ctx, rest))
        except AgentAdsError as exc:
            return self.report(exc, ctx, quiet)
        except BrokenPipeError:
            return int(ExitCode.BROKEN_PIPE)
        except (KeyboardInterrupt, Terminated) as stop:
            return self.report(interrupted(stop), ctx, quiet)
        except Exception as exc:
            LOG.debug("unexpected error", exc_info=True)
            return self.report(InternalError(f"unexpected {type(exc).__name__}: {exc}",
                                             hint="run again with -vv for the traceback"), ctx, quiet)

    def run_command(self, ctx: RunContext, argv: list[str]) -> int:
        invocation = self.resolve(ctx, argv)
        if invocation is None:
            return ExitCode.OK
        cmd, options = invocation.command, ctx.options
        from agent_ads_core.output import Renderer, check_output_path

        check_output_path(options.output)  # a bad --output fails before anything is sent
        # Chosen before the command runs: a bad --format fails with nothing sent.
        terminal = None if cmd.status_output else ctx.terminal_settings()  # status commands ignore config
        csv_safe = not cmd.status_output and bool(ctx.resolve_core_setting("csv_safe")[0])
        renderer = Renderer(cmd.output_format(), options.pretty, options.envelope, terminal, csv_safe)
        result = self.execute(ctx, invocation)
        self.render(ctx, renderer, result)
        return result.exit_code

    def resolve(self, ctx: RunContext, argv: list[str]) -> Invocation | None:
        """The command ``argv`` names, with its parsed flags; None when help text was the answer.

        :meth:`resolve` then :meth:`execute` are the whole run short of rendering: the CLI renders
        the Result, :mod:`agent_ads_core.api` hands it to its caller, so both validate, resolve
        settings and credentials, and fail alike.
        """
        words = command_words(argv)
        wants_help = ctx.options.help
        if words[:1] == ["help"]:
            words, argv = words[1:], [*words[1:], *argv[len(words):]]
            wants_help = True
        found = self.command_manager.find_spec(words)
        if found is None:
            self.stdout.write(self.help_text(words, argv[len(words):], wants_help))
            return None
        spec, name, used = found
        cmd = spec.load()(ctx, spec.path)
        parser = cmd.get_parser(f"agent-ads {name}")
        if wants_help:
            self.stdout.write(parser.format_help())
            return None
        return Invocation(cmd, parser.parse_args(argv[used:]))

    @staticmethod
    def execute(ctx: RunContext, invocation: Invocation) -> Result:
        """Run a resolved command with the run's ProviderContext: its Result, not yet rendered."""
        cmd, parsed_args = invocation.command, invocation.parsed_args
        provider_ctx = ctx.for_provider(cmd.provider, cmd.setting_overrides(parsed_args)) if cmd.provider else None
        return cmd.run(parsed_args, provider_ctx)

    def help_text(self, words: list[str], rest: list[str], wants_help: bool) -> str:
        """Help for the top level or a group; otherwise an unknown-command error naming the closest."""
        registry = self.registry
        if not words:
            if rest:  # e.g. a mistyped global option: never answer it with help text on stdout
                raise ArgumentError(unrecognized(rest, []), hint="see 'agent-ads --help'")
            return helptext.top_level(registry)
        if helptext.is_group(registry, words):
            if wants_help or not rest:  # a group alone answers like agent-ads alone: its help
                return helptext.group(registry, words)
            subcommands = sorted({p.split()[len(words)] for p, _ in helptext.commands_under(registry, words)})
            raise ArgumentError(f"'{' '.join(words)}' needs a subcommand: {', '.join(subcommands)}",
                                hint=f"see 'agent-ads {' '.join(words)} --help'")
        suggestions = helptext.closest(registry, words)
        hint = f"did you mean: {', '.join(suggestions)}? " if suggestions else ""
        if not registry.usable_providers():
            hint += f"no providers are installed ({helptext.INSTALL_HINT}); "
        raise ArgumentError(f"unknown command '{' '.join(words)}'", hint=hint + "see 'agent-ads --help'")

    # -- output ------------------------------------------------------------------
    def render(self, ctx: RunContext, renderer: Renderer, result: Result) -> None:
        """Write a command's result to stdout or ``--output``; warnings and meta to stderr."""
        from agent_ads_core.formatters.base import trailer
        from agent_ads_core.output import open_output

        options = ctx.options
        ctx.progress.clear()
        ctx.warnings[:0] = result.warnings
        result.warnings = ctx.warnings
        try:
            with open_output(options.output, self.stdout) as out:
                if result.text is not None:
                    out.write(result.text)
                else:
                    renderer.render(result, out)
        except (KeyboardInterrupt, Terminated) as stop:
            raise interrupted(stop, self.resume_hint(result, options.output)) from None
        if not options.envelope:
            self.write_warnings(ctx.warnings, options.quiet)
        if options.include_meta:
            self.stderr.write(json.dumps(trailer(result), ensure_ascii=False, default=str) + "\n")

    @staticmethod
    def resume_hint(result: Result, output: str | None) -> str | None:
        """Where a cut listing on stdout can pick up (a file is discarded whole, so it starts over)."""
        paging = result.paging
        cursor = getattr(paging, "next_cursor", None)
        if output not in (None, "-") or not cursor or not getattr(paging, "cursor_flag", None):
            return None
        return f"the output stopped after {paging.items} item(s); resume with {paging.cursor_flag} {cursor}"

    def write_warnings(self, warnings: list[str], quiet: bool) -> None:
        """Each warning as one ``{"warning": ...}`` line on stderr, unless ``-q``."""
        if not quiet:
            for warning in warnings:
                self.stderr.write(json.dumps(redact_data({"warning": warning}), ensure_ascii=False) + "\n")

    def report(self, exc: AgentAdsError, ctx: RunContext | None, quiet: bool) -> int:
        """Write the error (after any warnings gathered on the way, which may explain it)."""
        if ctx is not None:
            ctx.progress.clear()
            self.write_warnings(ctx.warnings, quiet)
        self.stderr.write(json.dumps(redact_data(exc.to_dict()), ensure_ascii=False, default=str) + "\n")
        self.stderr.flush()
        codes = self._registry.exit_codes() if self._registry is not None else {}
        return int(exc.exit_code(codes))


def main(argv: list[str] | None = None, split: tuple[list[str], list[str]] | None = None) -> int:
    """Run ``agent-ads``; the console script passes argv already ``split`` so it is split only once."""
    install_signal_handlers()
    app = AgentAdsApp()
    if split is None:
        code = app.run(sys.argv[1:] if argv is None else argv)
    else:
        code = app.run_split(*split)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return int(ExitCode.BROKEN_PIPE)
    return code
