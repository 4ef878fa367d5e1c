"""The core's own commands, registered through the same hooks providers use."""

from __future__ import annotations

from collections.abc import Callable

from agent_ads_core.hookspecs import hookimpl

_C = "agent_ads_core.commands"


@hookimpl
def register_commands(register: Callable) -> None:
    register("providers list", f"{_C}.providers:ProvidersList", "list installed providers and their capabilities",
             aliases=("providers ls",))
    register("auth status", f"{_C}.auth:AuthStatus", "credential presence and source for every provider")
    register("doctor", f"{_C}.doctor:Doctor", "check config, credential store and credentials (--api: call APIs)")
    register("config path", f"{_C}.config:ConfigPath", "show which config file is used")
    register("config show", f"{_C}.config:ConfigShow", "show the config and every effective setting")
    register("config validate", f"{_C}.config:ConfigValidate", "validate the config file")
    register("complete", f"{_C}.complete:Complete", "print a shell completion script")
    register("skill export", f"{_C}.skill:SkillExport", "write the agent skill (SKILL.md + a reference per provider)")
    register("skill show", f"{_C}.skill:SkillShow", "print the agent skill's SKILL.md")
