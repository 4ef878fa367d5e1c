"""Which settings decide where credentials are sent, and the rules their values must meet.

agent-ads runs inside cloned repositories: a config file found in the working directory
is written by whoever wrote the repository, not by the user. A setting that routes
credentials (``api_base_url`` for every provider, plus whatever a provider declares in
``ProviderInfo.credential_routing_settings``; the OAuth token endpoint hangs off the base
URL) is therefore honoured only from a trusted source: a flag, an environment variable, a
config file named explicitly (``--config``, ``AGENT_ADS_CONFIG``) or the user config. Its
value must be a plain ``http(s)://host[:port][/path]`` URL without ``user:pass@``, and
plain http is allowed only to loopback (local simulators), so a bearer token, a refresh
token or an app secret never crosses a network unencrypted.

Kept free of heavy imports: provider plugin modules import :data:`BASE_URL_PATTERN` for
their config schema at start-up.
"""

from __future__ import annotations

import re

from agent_ads_core.errors import AgentAdsError, ArgumentError, ConfigError

# The one form a base URL may take, used by the config schemas and by setting resolution alike.
BASE_URL_PATTERN = r"^https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$"
_BASE_URL = re.compile(BASE_URL_PATTERN)
URL_RULE = "must be an http(s)://host[:port][/path] URL (no user:pass@, query, fragment or spaces)"
# Sources a credential-routing setting is honoured from ("config" only for an explicit or user file).
TRUSTED_CONFIG_SOURCES = frozenset({"flag", "env", "user"})


def routing_settings(extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``api_base_url`` plus a provider's declared credential-routing settings."""
    return ("api_base_url", *extra)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost``: the only hosts credentials may reach over plain http."""
    import ipaddress

    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(value: object, *, provider: str, key: str, origin: str) -> str:
    """Return ``value`` if credentials may be sent to it; else an argument (flag) or config error.

    ``origin`` says where the value came from (``--api-base-url``, ``$ACME_API_BASE_URL``,
    ``providers.acme.api_base_url in /path/config.json``) so the error names what to fix.
    The value itself is not echoed: a rejected URL may carry ``user:pass@``.
    """
    error: type[AgentAdsError] = ArgumentError if origin.startswith("--") else ConfigError
    text = value if isinstance(value, str) else ""
    from urllib.parse import urlsplit

    if "@" in text.split("//", 1)[-1].split("/", 1)[0]:
        raise error(f"{origin}: a base URL must not carry user:pass@ credentials", provider=provider,
                    hint="credentials come from the environment or 'auth set', never from the URL")
    if not _BASE_URL.match(text):
        raise error(f"{origin}: {key} {URL_RULE}", provider=provider)
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 0 < port < 65536:
        raise error(f"{origin}: {key} has a port out of range", provider=provider)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise error(f"{origin}: {key} uses plain http to a non-loopback host; credentials are sent only over "
                    "https (http is allowed to 127.0.0.1, ::1 and localhost, e.g. a local simulator)",
                    provider=provider)
    return text


def untrusted_config_error(provider: str, key: str, env_var: str | None, path: object) -> ConfigError:
    """The error for a routing setting found in a config file that was not named explicitly."""
    flag = "--" + key.replace("_", "-")
    ways = [f"pass {flag}" if key == "api_base_url" else None,
            f"set {env_var}" if env_var else None,
            f"name the file explicitly with --config {path} or AGENT_ADS_CONFIG",
            "or move the setting to the user config ($XDG_CONFIG_HOME/agent-ads/config.json)"]
    return ConfigError(
        f"providers.{provider}.{key} in {path} (found in the working directory) decides where credentials are "
        "sent, so it is not honoured from a config file agent-ads found on its own",
        provider=provider, hint="to trust it: " + ", ".join(w for w in ways if w),
    )
