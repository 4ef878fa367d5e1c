"""Credential commands built from each provider's :class:`~agent_ads_core.declarations.AuthSpec`.

``auth status`` at the top level aggregates every provider; the provider-scoped forms
(``agent-ads <provider> auth set|status|delete|refresh``) are registered by providers
pointing at these classes. Secrets are read from a no-echo prompt or stdin, never from
flags (shell history, ``ps``), and never printed.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from agent_ads_core.command import Command
from agent_ads_core.declarations import load_target
from agent_ads_core.errors import ArgumentError, ConfigError
from agent_ads_core.result import Result


def provider_status(command: Command, provider: str) -> dict[str, Any]:
    store = command.ctx.credentials(provider)
    credentials = store.status()
    needs_store = any(row["source"] != "env" for row in credentials)
    row: dict[str, Any] = {"provider": provider, "credentials": credentials}
    spec = store.spec
    if spec.refresh:
        present = {r["name"] for r in credentials if r["present"]}
        row["can_refresh"] = set(spec.refreshable_with) <= present
    if needs_store:  # env-only setups never import keyring
        row["credential_store"] = info = store.store_info()
        warn_if_plaintext(command, info)
    return row


def warn_if_plaintext(command: Command, info: dict[str, Any]) -> None:
    message = (f"the credential store is {info['backend']}, a plaintext file: anyone who can read your files can "
               "read these secrets; prefer an OS credential store (see the README's Secrets section)")
    if info.get("plaintext") and message not in command.ctx.warnings:
        command.ctx.warn(message)


class AuthStatus(Command):
    """Show, for each credential, whether it is present and where it comes from (never its value)."""

    status_output = True

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        if self.provider:
            return Result(data=provider_status(self, self.provider), meta=self.base_meta())
        rows = [provider_status(self, name) for name in sorted(self.registry.auth)]
        return Result(data=rows, meta={"provider": None})


class AuthSet(Command):
    """Store the provider's credentials in the OS credential store (prompted without echo)."""

    status_output = True
    read_only = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        fields = ", ".join(f.label + (" (optional)" if f.optional else "") for f in self.spec.fields)
        parser.add_argument("--stdin", action="store_true",
                            help=f"read one non-empty line per value from stdin, in order: {fields}; "
                                 "trailing optional values may be left out")

    @property
    def spec(self):
        return self.registry.auth[self.provider]

    def _read(self, parsed_args: argparse.Namespace) -> dict[str, str]:
        fields = self.spec.fields
        if parsed_args.stdin:
            lines = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]  # no stray whitespace
            # Optional fields may be left out only at the end, so lines still map to fields in order.
            least = next((i for i in range(len(fields)) if all(f.optional for f in fields[i:])), len(fields))
            if not least <= len(lines) <= len(fields):
                expected = f"{least} to {len(fields)}" if least < len(fields) else str(len(fields))
                raise ArgumentError(f"--stdin expects {expected} non-empty lines "
                                    f"({', '.join(f.label for f in fields)}), got {len(lines)}")
            return dict(zip((f.name for f in fields), lines))
        if not sys.stdin.isatty():
            raise ArgumentError("no terminal to prompt on", hint="pipe the values with --stdin")
        values = {}
        for field in fields:
            prompt = f"{field.label} (optional, Enter to skip): " if field.optional else f"{field.label}: "
            try:
                value = getpass.getpass(prompt).strip()
            except EOFError:  # Ctrl-D: the user gave up on the prompt
                raise ArgumentError(f"no value entered for {field.label} (end of input); nothing was stored",
                                    hint="run it again, or pipe the values with --stdin") from None
            if value:
                values[field.name] = value
            elif not field.optional:
                raise ArgumentError(f"{field.label} must not be empty")
        return values

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        values = self._read(parsed_args)
        store = self.ctx.credentials(self.provider)
        store.save(values)
        shadowed = [row["env_var"] for row in store.status() if row["source"] == "env"]
        if shadowed:
            self.ctx.warn(f"{', '.join(shadowed)} set in the environment override the stored values; "
                          "unset them to use what was just stored")
        info = store.store_info()
        warn_if_plaintext(self, info)
        return Result(data={"provider": self.provider, "stored": sorted(values), "store": info["backend"]},
                      meta=self.base_meta())


class AuthDelete(Command):
    """Remove the provider's credentials from the OS credential store."""

    status_output = True
    read_only = False

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        deleted = self.ctx.credentials(self.provider).delete()
        return Result(data={"provider": self.provider, "deleted": deleted}, meta=self.base_meta())


class AuthRefresh(Command):
    """Exchange the refresh credentials for a new access token and store it."""

    status_output = True
    read_only = False

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        spec = self.registry.auth[self.provider]
        if not spec.refresh:
            raise ConfigError(f"provider '{self.provider}' has no token refresh")
        facts = load_target(spec.refresh)(self.pctx)
        return Result(data={"provider": self.provider, "refreshed": True, **facts}, meta=self.base_meta())
