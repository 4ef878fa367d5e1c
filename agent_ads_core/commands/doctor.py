"""``doctor``: the core's checks (config, credential store, credentials) plus each provider's."""

from __future__ import annotations

import argparse
from typing import Any

from agent_ads_core.command import Command
from agent_ads_core.commands.auth import warn_if_plaintext
from agent_ads_core.declarations import CheckResult, load_target
from agent_ads_core.errors import AgentAdsError
from agent_ads_core.exit_codes import ExitCode
from agent_ads_core.redaction import redact_data
from agent_ads_core.result import Result


class Doctor(Command):
    """Check config, credential store and credentials; --api also calls each provider's API once."""

    status_output = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--api", action="store_true", help="also refresh credentials and make one cheap API call")

    def _config_check(self) -> CheckResult:
        location = self.ctx.config_location
        try:
            _ = self.ctx.config  # reading validates
        except AgentAdsError as exc:
            return CheckResult(False, exc.message)
        detail = f"{location.path} ({location.source})" if location.exists else "no config file (defaults apply)"
        return CheckResult(True, detail)

    def _credential_checks(self, provider: str) -> list[tuple[str, CheckResult]]:
        store = self.ctx.credentials(provider)
        rows = store.status()
        results = []
        info = store.store_info()
        facts = {key: info[key] for key in ("backend", "plaintext", "recovery_file") if key in info}
        if not info["available"]:
            env_only = all(r["source"] == "env" for r in rows)
            results.append(("credential_store", CheckResult(env_only, f"unavailable: {info['error']}", facts)))
        else:
            detail = info["backend"]
            if info["plaintext"]:
                detail += " (a plaintext file)"
                warn_if_plaintext(self, info)
            results.append(("credential_store", CheckResult(True, detail, facts)))
        optional = {f.name for f in store.spec.fields if f.optional}
        for row in rows:
            if row["present"]:
                outcome = CheckResult(True, f"from {row['source']}")
            elif row["name"] in optional:
                outcome = CheckResult(True, f"not set (optional: {row['env_var']} or auth set)")
            else:
                outcome = CheckResult(False, f"missing (set {row['env_var']} or run auth set)")
            results.append((f"credential:{row['name']}", outcome))
        return results

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        """Every check's outcome as data; the first failure's exit code is the run's (through the Result)."""
        registry = self.registry
        providers = [self.provider] if self.provider else [r.name for r in registry.usable_providers()]
        checks: list[dict[str, Any]] = []
        exit_codes: list[int] = []

        def record(provider: str | None, name: str, outcome: CheckResult, code: int = ExitCode.USAGE) -> None:
            checks.append(redact_data({"provider": provider, "name": name, "ok": outcome.ok,
                                       "detail": outcome.detail, **dict(outcome.data)}))
            if not outcome.ok:
                exit_codes.append(code)

        record(None, "config", self._config_check())
        for provider in providers:
            if provider in registry.auth:
                for name, outcome in self._credential_checks(provider):
                    record(provider, name, outcome)
            for check in registry.doctor_checks:
                if check.provider != provider or (check.needs_api and not parsed_args.api):
                    continue
                try:
                    outcome = load_target(check.target)(self.ctx.for_provider(provider))
                    record(provider, check.name, outcome)
                except AgentAdsError as exc:
                    exc.provider = exc.provider or provider
                    record(provider, check.name, CheckResult(False, exc.message),
                           exc.exit_code(registry.exit_codes()))
        data = {"ok": not exit_codes, "checks": checks}
        return Result(data=data, meta=self.base_meta(), exit_code=exit_codes[0] if exit_codes else ExitCode.OK)
