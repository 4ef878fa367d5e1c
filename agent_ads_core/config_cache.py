"""Which config file contents already passed validation, so unchanged files skip jsonschema.

Validating imports jsonschema, the heaviest import a data command would otherwise pay on
every call. The file's bytes and the schema they were checked against (the core's plus
every provider's section) are hashed together; a digest seen valid before is valid now. An
edited file, or a provider whose section changed, gives a new digest and a full validation.
Invalid files are never remembered, so their errors are reported on every run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from agent_ads_core import state

STATE_FILE = "validated-config.json"
MAX_REMEMBERED = 16  # config files (by path) remembered at once


def digest(content: bytes, schema: Mapping[str, Any]) -> str:
    schema_text = json.dumps(schema, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(hashlib.sha256(schema_text).digest() + content).hexdigest()


def is_known_valid(path: Path, value: str) -> bool:
    remembered = state.read_json(STATE_FILE)
    return isinstance(remembered, dict) and remembered.get(str(path.resolve())) == value


def remember_valid(path: Path, value: str) -> None:
    remembered = state.read_json(STATE_FILE)
    entries = dict(remembered) if isinstance(remembered, dict) else {}
    entries.pop(str(path.resolve()), None)
    entries[str(path.resolve())] = value
    state.write_json(STATE_FILE, dict(list(entries.items())[-MAX_REMEMBERED:]))
