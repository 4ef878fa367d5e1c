"""The agent skill: ``SKILL.md`` plus ``references/<provider>.md``, generated from the registrations.

Everything provider-specific here is read from what the installed providers registered
(``ProviderInfo``, ``AuthSpec``, config schemas, command specs) and from each command's
argparse parser (:mod:`agent_ads_core.command_reference`), so the skill can never describe
a flag the CLI does not parse or miss one it does.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from agent_ads_core.command_reference import CommandReference, Flag, describe_all
from agent_ads_core.global_options import GLOBAL_OPTIONS, GlobalOption
from agent_ads_core.guides import read_guide
from agent_ads_core.plugins import ProviderRecord, Registry

if TYPE_CHECKING:
    from agent_ads_core.context import RunContext

SKILL_NAME = "agent-ads"
NO_PROVIDER = "No provider is installed: `pip install agent-ads-<platform>`.\n"


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _usage(option: GlobalOption) -> str:
    """``--format json|jsonl|csv``, ``--config PATH``, ``-q, --quiet``."""
    value = "|".join(option.kwargs["choices"]) if "choices" in option.kwargs else option.kwargs.get("metavar")
    return ", ".join(option.flags) + (f" {value}" if option.takes_value and value else "")


def first_command(registry: Registry, provider: str) -> str:
    """Where an agent starts with a provider: its first own listing (not a core command registered under
    its name, like ``auth status`` or ``enums list``), else its first own command."""
    paths = [p for p, spec in registry.commands.items()
             if spec.owner == provider and not spec.target.startswith("agent_ads_core.")]
    listing = next((p for p in paths if p.endswith(" list")), paths[0] if paths else provider)
    return f"agent-ads {listing}"


def skill_markdown(registry: Registry) -> str:
    providers = registry.usable_providers()
    names = ", ".join(r.name for r in providers) or "no provider yet"
    example = f"`{first_command(registry, providers[0].name)}`" if providers else "`agent-ads providers list`"
    description = (f"Query ad-platform APIs read-only from the shell with the agent-ads CLI (installed: {names}): "
                   "ad accounts, campaigns, ad groups, ads, audiences, analytics and reports as JSON. Use when a task "
                   "needs advertising data or metrics from one of these platforms.")
    options = _table(("option", "effect"), [(f"`{_usage(o)}`", o.kwargs.get("help", "")) for o in GLOBAL_OPTIONS])
    codes = [("0", "ok"), ("1", "transport or internal error (network, timeout, bug)"),
             ("2", "config or argument error; nothing was sent"), ("130 / 143", "interrupted / terminated")]
    codes += [(str(r.info.api_error_exit_code), f"{r.name} API error") for r in providers]
    routing = providers and _table(("provider", "covers", "first command", "guide", "reference"), [
        (r.name, r.info.summary, f"`{first_command(registry, r.name)}`",
         f"`agent-ads {r.name} guide`" if r.info.guide else f"`agent-ads {r.name} --help`",
         f"[references/{r.name}.md](references/{r.name}.md)") for r in providers])
    core = _table(("command", "what it does"), [(f"`agent-ads {s.path}`", s.summary)
                                               for s in sorted(registry.commands.values(), key=lambda s: s.path)
                                               if s.owner == "core" or s.owner in registry.plugins])
    return f"""---
name: {SKILL_NAME}
description: {description}
---

# agent-ads

`agent-ads` is a read-only command-line client for advertising platform APIs. Each platform is a
provider plugin that keeps the platform's own vocabulary (its object names, metrics and cursors);
nothing is translated into a common schema. It never creates, changes or deletes anything on a platform.

## Command syntax

`agent-ads <provider> <command> [flags]`, e.g. {example}. Commands have one or two words after
the provider (`campaigns list`, `analytics query`). `agent-ads <provider> <command> --help` shows a
command's flags; every flag is also in `references/<provider>.md`. Global options work before or
after the command:

{options}
## Output

stdout carries data only, JSON by default: one object for `get`-style commands, an array for lists.
`--format jsonl` writes one item per line as pages arrive; `--format csv` flattens nested fields to dot paths.
`--envelope` wraps the data as `{{"data", "meta", "paging", "warnings"}}`; `paging` holds the cursor that
resumes a list cut short by `--max-items`. Lists return one page unless `--all` or `--max-items N` is given.
Warnings go to stderr as `{{"warning": ...}}` lines.

## Errors and exit codes

A failure writes exactly one JSON object to stderr, never a traceback:
`{{"error": {{"type", "message", "provider", "http_status", "code", "request_id", "hint"}}}}` (absent fields omitted).
`type` is one of `argument`, `config`, `auth`, `api`, `transport`, `internal`. Read `hint`: it names the fix
or the closest valid value. A bad flag or value is rejected before any request is sent.

{_table(("exit code", "meaning"), codes)}
## Settings

Non-secret settings resolve as: command-line flag > environment variable > config file > default.
The config file is `--config PATH`, else `$AGENT_ADS_CONFIG`, else `./agent-ads.config.json`, else
`~/.config/agent-ads/config.json`; each provider's keys live under `providers.<provider>`.
`agent-ads config show` prints every effective setting with its source.

## Secrets

Credentials come from environment variables first, then the OS credential store (`agent-ads <provider> auth set`,
which prompts without echo). They are never read from config files, never accepted as flags, never printed or
logged. Never put a secret on a command line or in a file; `agent-ads <provider> auth status` shows where each
credential comes from without revealing it.

## Providers

{routing or NO_PROVIDER}
## Commands outside the providers

{core}"""


def _flag_row(flag: Flag) -> tuple[str, ...]:
    names = " / ".join([flag.name, *flag.aliases, *([flag.negation] if flag.negation else [])])
    kind = {"array": "list (comma-separated or repeated)", "boolean": "switch"}.get(flag.kind, flag.kind)
    values = ", ".join(f"`{c}`" for c in flag.choices) if flag.choices else (flag.metavar or "")
    default = "" if flag.default in (None, False) else f"`{json.dumps(flag.default)}`"
    return (f"`{names}`", kind, "yes" if flag.required else "", default, values, flag.help)


def command_section(ref: CommandReference) -> str:
    spec = ref.spec
    text = f"### `agent-ads {spec.path}`\n\n{spec.summary}"
    if spec.aliases:
        text += f" (alias: {', '.join(f'`agent-ads {a}`' for a in spec.aliases)})"
    text += "\n\n"
    if ref.error:
        return text + f"This command could not be loaded ({ref.error}).\n\n"
    if ref.description:
        text += f"```text\n{ref.description}\n```\n\n"
    if ref.flags:
        text += _table(("flag", "type", "required", "default", "values", "help"), [_flag_row(f) for f in ref.flags])
    else:
        text += "No flags besides the global options.\n"
    return text + "\n"


def settings_section(registry: Registry, record: ProviderRecord) -> str:
    info = record.info
    schema = registry.config_schemas.get(info.name, {}).get("properties", {})
    keys = list(dict.fromkeys([*info.settings, *info.env_vars, *schema]))
    rows = []
    for key in keys:
        allowed = schema.get(key, {}).get("enum")
        default = info.settings.get(key)
        rows.append((f"`{key}`", f"`{info.env_vars[key]}`" if key in info.env_vars else "",
                     f"`providers.{info.name}.{key}`" if key in schema else "",
                     "" if default is None else f"`{json.dumps(default)}`",
                     ", ".join(f"`{v}`" for v in allowed) if allowed else ""))
    text = "## Settings\n\nFlag > environment variable > config file key > default.\n\n"
    text += _table(("setting", "environment variable", "config key", "default", "values"), rows)
    auth = registry.auth.get(info.name)
    if auth:
        text += "\n## Credentials\n\nEnvironment variable first, then the OS credential store "
        text += f"(`agent-ads {info.name} auth set`); never in config files or flags.\n\n"
        text += _table(("credential", "environment variable"), [(f.label, f"`{f.env_var}`") for f in auth.fields])
    return text


def reference_markdown(ctx: RunContext, record: ProviderRecord) -> str:
    """The provider's guide, then the generated reference of every command it registered."""
    registry = ctx.registry
    guide = read_guide(record.info) if record.info.guide else f"# {record.name}\n\n{record.info.summary}\n"
    text = guide.rstrip("\n") + "\n\n---\n\n# Command reference: " + record.name + "\n\n"
    text += "Generated from the installed provider's registrations and argument parsers.\n\n"
    text += settings_section(registry, record) + "\n## Commands\n\n"
    text += "".join(command_section(ref) for ref in describe_all(ctx, record.name))
    return text


def skill_files(ctx: RunContext) -> dict[str, str]:
    """Relative path -> content of every file of the skill folder."""
    files = {"SKILL.md": skill_markdown(ctx.registry)}
    for record in ctx.registry.usable_providers():
        files[f"references/{record.name}.md"] = reference_markdown(ctx, record)
    return files
