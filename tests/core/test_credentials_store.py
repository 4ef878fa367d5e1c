"""agent_ads_core.credentials: env first, then one keyring entry per provider, safe under concurrency.

Every test runs against keyrings.alt's PlaintextKeyring in tmp_path or keyring's fail
backend (the ``isolated_env`` fixture); the real keychain is never touched.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from agent_ads_core.credentials import SERVICE, CredentialStore
from agent_ads_core.declarations import AuthSpec, CredentialField
from agent_ads_core.errors import ConfigError

SPEC = AuthSpec("acme", fields=(CredentialField("token", "ACME_TOKEN", "Token"),
                                CredentialField("secret", "ACME_SECRET", "Secret")))
FAIL_BACKEND = "keyring.backends.fail.Keyring"


def stored(provider: str = "acme") -> dict:
    import keyring

    raw = keyring.get_password(SERVICE, provider)
    return json.loads(raw) if raw else {}


def test_keyring_is_the_isolated_file_backend(isolated_env, tmp_path: Path) -> None:
    CredentialStore(SPEC, environ={}).save({"token": "t-1"})
    assert (tmp_path / "xdg" / "data" / "python_keyring" / "keyring_pass.cfg").is_file()


def test_env_first_then_keyring(isolated_env) -> None:
    CredentialStore(SPEC, environ={}).save({"token": "from-store", "secret": "store-secret"})
    store = CredentialStore(SPEC, environ={"ACME_TOKEN": "from-env"})
    assert store.get("token") == "from-env" and store.source("token") == "env"
    assert store.get("secret") == "store-secret" and store.source("secret") == "store"
    assert CredentialStore(SPEC, environ={"ACME_TOKEN": ""}).get("token") == "from-store"  # empty env is unset
    rows = CredentialStore(SPEC, environ={"ACME_TOKEN": "from-env"}).status()
    assert rows == [{"name": "token", "present": True, "source": "env", "env_var": "ACME_TOKEN"},
                    {"name": "secret", "present": True, "source": "store", "env_var": "ACME_SECRET"}]


def test_one_json_entry_per_provider_merged_on_save(isolated_env) -> None:
    CredentialStore(SPEC, environ={}).save({"token": "t-1"})
    CredentialStore(SPEC, environ={}).save({"secret": "s-1"})
    CredentialStore(AuthSpec("other", fields=()), environ={}).save({"key": "o-1"})
    assert stored("acme") == {"secret": "s-1", "token": "t-1"}
    assert stored("other") == {"key": "o-1"}


def test_delete(isolated_env) -> None:
    store = CredentialStore(SPEC, environ={})
    assert store.delete() is False
    store.save({"token": "t-1"})
    assert store.delete() is True and stored() == {} and store.get("token") is None


def test_concurrent_saves_from_threads_lose_nothing(isolated_env) -> None:
    def worker(n: int) -> None:
        for i in range(8):
            CredentialStore(SPEC, environ={}).save({f"k{n}_{i}": f"v{n}_{i}"})

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert stored() == {f"k{n}_{i}": f"v{n}_{i}" for n in range(6) for i in range(8)}


def test_concurrent_saves_from_processes_lose_nothing(isolated_env) -> None:
    script = (
        "import sys\n"
        "from agent_ads_core.credentials import CredentialStore\n"
        "from agent_ads_core.declarations import AuthSpec\n"
        "n = sys.argv[1]\n"
        "for i in range(5):\n"
        "    CredentialStore(AuthSpec('acme', fields=()), environ={}).save({f'p{n}_{i}': 'x' + n})\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n)], env=isolated_env) for n in range(5)]
    assert [proc.wait(timeout=60) for proc in procs] == [0] * 5
    assert stored() == {f"p{n}_{i}": f"x{n}" for n in range(5) for i in range(5)}


def test_without_a_backend_reads_fall_back_to_env(isolated_env, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_BACKEND)
    keyring.core.init_backend()
    store = CredentialStore(SPEC, environ={"ACME_TOKEN": "from-env"})
    assert store.get("token") == "from-env" and store.get("secret") is None
    assert store.source("secret") == "missing" and "not usable" in store.store_error
    with pytest.raises(ConfigError) as info:
        store.save({"token": "x"})
    assert "keyrings.alt" in info.value.hint and "environment variables" in info.value.hint


def test_auth_set_without_a_backend_exits_2_with_a_hint(cli, env) -> None:
    run = cli("acme", "auth", "set", "--stdin", stdin="tok-123\nsec-456\n",
              env={**env, "PYTHON_KEYRING_BACKEND": FAIL_BACKEND})
    assert run.code == 2 and run.stdout == ""
    error = json.loads(run.stderr)["error"]
    assert error["type"] == "config" and "keyrings.alt" in error["hint"] and "environment variables" in error["hint"]
    assert "tok-123" not in run.stderr


def test_env_only_commands_work_without_a_backend(cli, env) -> None:
    bad = {**env, "PYTHON_KEYRING_BACKEND": FAIL_BACKEND, "ACME_TOKEN": "tok-env-1"}
    run = cli("acme", "whoami", env=bad)
    assert run.code == 0 and json.loads(run.stdout) == {"token": True, "secret": False}
    run = cli("auth", "status", env=bad)
    assert run.code == 0
    row = json.loads(run.stdout)[0]
    assert row["credential_store"]["available"] is False
    assert [c["source"] for c in row["credentials"]] == ["env", "missing"]
    run = cli("doctor", env={**bad, "ACME_SECRET": "sec-env-1"})
    checks = {c["name"]: c["ok"] for c in json.loads(run.stdout)["checks"] if c["provider"] == "acme"}
    assert run.code == 0 and checks["credential_store"] is True  # env-only is a working setup


def test_auth_set_stores_and_status_never_shows_values(cli) -> None:
    run = cli("acme", "auth", "set", "--stdin", stdin="tok-abc-123\nsec-def-456\n")
    assert run.code == 0 and json.loads(run.stdout) == {"provider": "acme", "stored": ["secret", "token"],
                                                     "store": "keyrings.alt PlaintextKeyring"}
    assert json.loads(cli("acme", "whoami").stdout) == {"token": True, "secret": True}
    status = cli("acme", "auth", "status", "-vv")
    assert [c["source"] for c in json.loads(status.stdout)["credentials"]] == ["store", "store"]
    for run in (status, cli("auth", "status"), cli("doctor", "-vv")):
        assert "tok-abc-123" not in run.stdout + run.stderr and "sec-def-456" not in run.stdout + run.stderr


def test_auth_set_stdin_needs_one_line_per_field(cli) -> None:
    run = cli("acme", "auth", "set", "--stdin", stdin="only-one\n")
    assert run.code == 2 and json.loads(run.stderr)["error"]["type"] == "argument" and "only-one" not in run.stderr


def _modules_after(env: dict[str, str], argv: list[str]) -> tuple[int, list[str]]:
    code = (
        "import sys; from agent_ads_core.app import main\n"
        f"rc = main({argv!r})\n"
        "print(rc, sorted(m for m in ('keyring', 'jsonschema') if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], env={**env, "AGENT_ADS_PROVIDERS": "acme"},
                          capture_output=True, text=True, timeout=30)
    rc, modules = proc.stderr.strip().splitlines()[-1].split(" ", 1)
    return int(rc), json.loads(modules.replace("'", '"'))


def test_keyring_not_imported_when_env_supplies_every_secret(env) -> None:
    full = {**env, "ACME_TOKEN": "tok-1", "ACME_SECRET": "sec-1"}
    assert _modules_after(full, ["acme", "whoami"]) == (0, [])
    assert _modules_after(full, ["acme", "auth", "status"]) == (0, [])
    # the check is meaningful: a missing secret does reach for the store
    assert _modules_after({**env, "ACME_TOKEN": "tok-1"}, ["acme", "whoami"]) == (0, ["keyring"])
