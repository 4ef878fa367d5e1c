"""The ``agent-ads`` application: argv in, data on stdout, one JSON error on stderr.

Built on cliff's ``App``, overriding the places where stock cliff breaks the contract
agents rely on: its command table (lazy here, see :mod:`commandmanager`), its ``help``
(which loads every command class), its "Did you mean" (printed to stdout) and its error
handling (exit 1 with text on stderr). Here every failure becomes one JSON object with
the exit code of its type, and no traceback reaches the user (``-vv`` logs it).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any, TextIO

from cliff.app import App

from agent_ads_core import __version__, helptext
from agent_ads_core.argparsing import ArgumentParser, unrecognized
from agent_ads_core.commandmanager import LazyCommandManager
from agent_ads_core.errors import AgentAdsError, ArgumentError, InternalError
from agent_ads_core.exit_codes import ExitCode
from agent_ads_core.global_options import add_to_parser, split_argv
from agent_ads_core.redaction import configure_logging, redact_data
from agent_ads_core.signals import Terminated, interrupted
from agent_ads_core.signals import install as install_signal_handlers

LOG = logging.getLogger("agent_ads")


class AgentAdsApp(App):
    NAME = "agent-ads"  # cliff derives it from sys.argv[0], which is "agent_ads_core" under ``python -m``

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None, registry: Any = None) -> None:
        self._registry = registry
        self.ctx: Any = None
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
        return int(self._run(argv))

    def _run(self, argv: list[str]) -> int:
        self.options = argparse.Namespace(quiet=False, verbose=0)
        try:
            global_tokens, rest = split_argv(list(argv))
            self.options = self.parser.parse_args(global_tokens)
            configure_logging(0 if self.options.quiet else self.options.verbose, self.stderr)
            if self.options.version:
                from agent_ads_core.versions import versions

                return self.print_json(versions())
            from agent_ads_core.context import RunContext

            self.ctx = RunContext(self.registry, self.options, self.stdout, self.stderr)
            return self.run_subcommand(rest)
        except AgentAdsError as exc:
            return self.report(exc)
        except BrokenPipeError:
            return ExitCode.BROKEN_PIPE
        except (KeyboardInterrupt, Terminated) as stop:
            return self.report(interrupted(stop))
        except Exception as exc:
            LOG.debug("unexpected error", exc_info=True)
            return self.report(InternalError(f"unexpected {type(exc).__name__}: {exc}",
                                             hint="run again with -vv for the traceback"))

    def run_subcommand(self, argv: list[str]) -> int:
        words = argv[: self.command_manager._get_last_possible_command_index(argv)]
        if words[:1] == ["help"]:
            words, argv = words[1:], [*words[1:], *argv[len(words):]]
            self.options.help = True
        found = self.command_manager.find_spec(words)
        if found is None:
            return self.no_command(words, argv[len(words):])
        spec, name, used = found
        cmd = spec.load()(self, self.options, cmd_name=spec.path)
        parser = cmd.get_parser(f"agent-ads {name}")
        if self.options.help:
            self.stdout.write(parser.format_help())
            return ExitCode.OK
        parsed_args = parser.parse_args(argv[used:])
        from agent_ads_core.output import Renderer, check_output_path

        check_output_path(self.options.output)  # a bad --output fails before anything is sent
        # Chosen before the command runs: a bad --format fails with nothing sent.
        terminal = None if cmd.status_output else self.ctx.terminal_settings()  # status commands ignore config
        csv_safe = not cmd.status_output and bool(self.ctx.resolve_core_setting("csv_safe")[0])
        self.renderer = Renderer(cmd.output_format(), self.options.pretty, self.options.envelope, terminal, csv_safe)
        return cmd.run(parsed_args)

    def no_command(self, words: list[str], rest: list[str]) -> int:
        """Help for the top level or a group; otherwise an unknown-command error naming the closest."""
        registry = self.registry
        if not words:
            if rest:  # e.g. a mistyped global option: never answer it with help text on stdout
                raise ArgumentError(unrecognized(rest, []), hint="see 'agent-ads --help'")
            self.stdout.write(helptext.top_level(registry))
            return ExitCode.OK
        if helptext.is_group(registry, words):
            if self.options.help or not rest:  # a group alone answers like agent-ads alone: its help
                self.stdout.write(helptext.group(registry, words))
                return ExitCode.OK
            subcommands = sorted({p.split()[len(words)] for p, _ in helptext.commands_under(registry, words)})
            raise ArgumentError(f"'{' '.join(words)}' needs a subcommand: {', '.join(subcommands)}",
                                hint=f"see 'agent-ads {' '.join(words)} --help'")
        suggestions = helptext.closest(registry, words)
        hint = f"did you mean: {', '.join(suggestions)}? " if suggestions else ""
        if not registry.usable_providers():
            hint += f"no providers are installed ({helptext.INSTALL_HINT}); "
        raise ArgumentError(f"unknown command '{' '.join(words)}'", hint=hint + "see 'agent-ads --help'")

    # -- output ------------------------------------------------------------------
    def emit(self, result: Any) -> int:
        """Render a command's result to stdout or ``--output``; warnings and meta to stderr."""
        from agent_ads_core.formatters.base import trailer
        from agent_ads_core.output import open_output

        ctx = self.ctx
        ctx.progress.clear()
        ctx.warnings[:0] = result.warnings
        result.warnings = ctx.warnings
        try:
            with open_output(self.options.output, self.stdout) as out:
                self.renderer.render(result, out)
        except (KeyboardInterrupt, Terminated) as stop:
            raise interrupted(stop, self.resume_hint(result)) from None
        if not self.options.envelope:
            self.write_warnings()
        if self.options.include_meta:
            self.stderr.write(json.dumps(trailer(result), ensure_ascii=False, default=str) + "\n")
        return ExitCode.OK

    def resume_hint(self, result: Any) -> str | None:
        """Where a cut listing on stdout can pick up (a file is discarded whole, so it starts over)."""
        paging = result.paging
        cursor = getattr(paging, "next_cursor", None)
        if self.options.output not in (None, "-") or not cursor or not getattr(paging, "cursor_flag", None):
            return None
        return f"the output stopped after {paging.items} item(s); resume with {paging.cursor_flag} {cursor}"

    def write_warnings(self) -> None:
        """Each warning as one ``{"warning": ...}`` line on stderr, unless ``-q``."""
        if not self.options.quiet:
            for warning in self.ctx.warnings:
                self.stderr.write(json.dumps(redact_data({"warning": warning}), ensure_ascii=False) + "\n")

    def print_json(self, data: Any) -> int:
        self.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return ExitCode.OK

    def report(self, exc: AgentAdsError) -> int:
        """Write the error (after any warnings gathered on the way, which may explain it)."""
        if self.ctx is not None:
            self.ctx.progress.clear()
            self.write_warnings()
        self.stderr.write(json.dumps(redact_data(exc.to_dict()), ensure_ascii=False, default=str) + "\n")
        self.stderr.flush()
        codes = self._registry.exit_codes() if self._registry is not None else {}
        return exc.exit_code(codes)


def main(argv: list[str] | None = None) -> int:
    install_signal_handlers()
    app = AgentAdsApp()
    code = app.run(sys.argv[1:] if argv is None else argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return ExitCode.BROKEN_PIPE
    return code
