"""A provider that raises inside a hook after registering its provider record."""

from agent_ads_core.declarations import ProviderInfo
from agent_ads_core.hookspecs import hookimpl


@hookimpl
def register_provider(register) -> None:
    register(ProviderInfo(name="raising", summary="raises in register_commands", api_error_exit_code=8))


@hookimpl
def register_commands(register) -> None:
    register("raising hello", "agent_ads_raising.nowhere:Hello", "registered before the failure")
    raise KeyError("missing table")
