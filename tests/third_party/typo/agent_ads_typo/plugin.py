"""A provider with a misspelled hook; pluggy must reject it rather than silently ignore the commands."""

from agent_ads_core.declarations import ProviderInfo
from agent_ads_core.hookspecs import hookimpl


@hookimpl
def register_provider(register) -> None:
    register(ProviderInfo(name="typo", summary="misspells a hook", api_error_exit_code=7))


@hookimpl
def register_comands(register) -> None:
    register("typo hello", "agent_ads_typo.nowhere:Hello", "never registered")
