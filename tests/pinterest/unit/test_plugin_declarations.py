"""The Pinterest plugin module: cheap to import, and everything it declares exists and is consistent."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from agent_ads_core.command import Command, ListCommand
from agent_ads_core.plugins import Registry
from agent_ads_pinterest import openapi_table, plugin

HEAVY = ("requests", "keyring", "jsonschema")


@pytest.fixture(scope="module")
def registry() -> Registry:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AGENT_ADS_PROVIDERS", "pinterest")
        return Registry().load()


def pinterest_commands(registry: Registry) -> dict:
    return {path: spec for path, spec in registry.commands.items() if spec.owner == "pinterest"}


def test_plugin_module_imports_only_light_modules(isolated_env) -> None:
    probe = "import json, sys\nimport agent_ads_pinterest.plugin\nprint(json.dumps(sorted(sys.modules)))\n"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=30,
                          env=isolated_env)
    assert proc.returncode == 0, proc.stderr
    modules = set(json.loads(proc.stdout))
    assert "agent_ads_pinterest.plugin" in modules  # the probe really imported it
    assert not modules & set(HEAVY), modules & set(HEAVY)
    assert not [m for m in modules if m.startswith("agent_ads_pinterest.commands")]
    for lazy in ("agent_ads_pinterest.client", "agent_ads_pinterest.openapi_table",
                 "agent_ads_pinterest.query_encoding", "agent_ads_pinterest.auth",
                 "agent_ads_core.http", "agent_ads_core.credentials"):
        assert lazy not in modules


def test_registry_loads_pinterest_without_warnings(registry: Registry) -> None:
    assert registry.providers["pinterest"].status == "ok", registry.providers["pinterest"].error
    assert registry.warnings == []


def test_every_command_target_imports_and_is_a_command(registry: Registry) -> None:
    commands = pinterest_commands(registry)
    assert len(commands) >= 20
    for path, spec in commands.items():
        cls = spec.load()
        assert isinstance(cls, type) and issubclass(cls, Command), path


def test_every_command_path_and_alias_starts_with_pinterest(registry: Registry) -> None:
    for path, spec in pinterest_commands(registry).items():
        assert path.split()[0] == "pinterest", path
        for alias in spec.aliases:
            assert alias.split()[0] == "pinterest", alias
            assert registry.resolve(alias) is spec


@pytest.mark.parametrize("group", ["ad-accounts", "campaigns", "adgroups", "ads", "audiences"])
def test_object_groups_have_list_get_and_aliases(registry: Registry, group: str) -> None:
    listing = registry.resolve(f"pinterest {group} ls")
    getting = registry.resolve(f"pinterest {group} cat")
    assert listing is not None and listing.path == f"pinterest {group} list"
    assert getting is not None and getting.path == f"pinterest {group} get"
    assert issubclass(listing.load(), ListCommand)
    assert issubclass(getting.load(), Command) and not issubclass(getting.load(), ListCommand)


def test_list_commands_page_within_the_spec_limits(registry: Registry) -> None:
    """The ListSpec's page-size range must be what every list operation accepts."""
    spec = registry.lists["pinterest"]
    assert (spec.cursor_flag, spec.cursor_param) == ("--bookmark", "bookmark")
    list_classes = [s.load() for s in pinterest_commands(registry).values() if issubclass(s.load(), ListCommand)]
    assert list_classes
    for cls in list_classes:
        param = openapi_table.operation(cls.op_id).query["page_size"]
        assert (param.minimum, param.maximum, param.default) == (
            spec.min_page_size, spec.max_page_size, spec.default_page_size), cls.op_id


def test_provider_info(registry: Registry) -> None:
    info = registry.provider_info("pinterest")
    assert info.api_error_exit_code == 6
    assert info.request_id_header == "x-pinterest-rid"
    assert info.settings["api_base_url"] == "https://api.pinterest.com"
    assert info.settings["api_version"] == "v5"
    assert info.env_vars["default_ad_account_id"] == "PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID"
    assert registry.exit_codes()["pinterest"] == 6


def test_auth_spec_declares_every_secret_and_its_refresh(registry: Registry) -> None:
    spec = registry.auth["pinterest"]
    assert {f.name: f.env_var for f in spec.fields} == {
        "app_id": "PINTEREST_ADS_APP_ID", "app_secret": "PINTEREST_ADS_APP_SECRET",
        "access_token": "PINTEREST_ADS_ACCESS_TOKEN", "refresh_token": "PINTEREST_ADS_REFRESH_TOKEN"}
    assert set(spec.refreshable_with) <= {f.name for f in spec.fields}
    from agent_ads_core.declarations import load_target

    assert callable(load_target(spec.refresh))
    for check in registry.doctor_checks:
        if check.provider == "pinterest":
            assert callable(load_target(check.target))


# -- the config schema fragment, through `config validate` ------------------------------------


def write_config(tmp_path, section: dict) -> None:
    (tmp_path / "agent-ads.config.json").write_text(json.dumps({"providers": {"pinterest": section}}))


def test_config_validate_accepts_a_valid_section(isolated_env, run_cli, tmp_path) -> None:
    write_config(tmp_path, {"api_base_url": "https://api.test", "api_version": "v5", "timeout_seconds": 10,
                            "default_ad_account_id": "549755885175", "sandbox": True})
    result = run_cli("pinterest", "config", "validate")
    assert result.code == 0, result.stderr
    assert result.json()["valid"] is True and result.json()["source"] == "cwd"


@pytest.mark.parametrize("key", ["access_token", "app_secret", "refresh_token"])
def test_config_validate_rejects_a_secret_looking_key(isolated_env, run_cli, tmp_path, key: str) -> None:
    write_config(tmp_path, {"default_ad_account_id": "549755885175", key: "abc"})
    result = run_cli("pinterest", "config", "validate")
    assert result.code == 2
    error = result.error()
    assert error["type"] == "config"
    assert f"$.providers.pinterest.{key}: looks like a secret" in error["message"]
    assert "auth set" in error["hint"]
    assert "abc" not in result.stderr  # the value itself is never echoed


@pytest.mark.parametrize(("section", "where"), [
    ({"default_ad_account_id": "act_123"}, "default_ad_account_id"),
    ({"api_version": "5"}, "api_version"),
    ({"timeout_seconds": 0}, "timeout_seconds"),
    ({"sandbox": "yes"}, "sandbox"),
    ({"api_base_url": "api.pinterest.com"}, "api_base_url"),
    ({"colour": "red"}, "colour"),
])
def test_config_validate_rejects_bad_values(isolated_env, run_cli, tmp_path, section: dict, where: str) -> None:
    write_config(tmp_path, section)
    result = run_cli("pinterest", "config", "validate")
    assert result.code == 2
    assert where in result.error()["message"]


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings (docstrings may describe the platform freely)."""
    tree = ast.parse(path.read_text())
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_the_provider_names_itself_only_in_its_declarations() -> None:
    """Name, env vars, request-id header and hosts are declared in plugin.py; the rest reads them from there."""
    package = Path(plugin.__file__).parent
    literal = re.compile(r"\bpinterest\b|PINTEREST_ADS_|x-pinterest", re.I)
    found = [f"{path.relative_to(package)}:{line}: {text!r}" for path in sorted(package.rglob("*.py"))
             if path.name != "plugin.py" for line, text in _code_strings(path) if literal.search(text)]
    assert found == []
