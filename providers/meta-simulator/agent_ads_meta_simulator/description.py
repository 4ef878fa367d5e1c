"""Meta's machine-readable Graph API description, read at start-up from ``shared/meta``.

The directory holds one ``<Node>.json`` per node (``fields`` and ``apis``), ``enum_types.json``
and ``SDKCodegen.json`` (whose ``spec_overriding`` patches the node specs, e.g. ``POST
.../insights`` returns ``AdReportRun``). Nothing is copied: the files are parsed in memory.

Where the directory is: the ``description_dir`` argument, else ``$AGENT_ADS_META_DESCRIPTION``,
else the first ``shared/meta`` found walking up from this package and from the current directory.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

ENV_VAR = "AGENT_ADS_META_DESCRIPTION"
NODE_READ = "#get"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool


@dataclass
class Api:
    """One entry of a node's ``apis``: a node read (``endpoint`` ``#get``) or an edge."""

    method: str
    endpoint: str
    returns: str
    params: dict[str, Param] = field(default_factory=dict)


@dataclass
class Node:
    name: str
    fields: dict[str, str]
    apis: dict[tuple[str, str], Api]

    def api(self, method: str, endpoint: str) -> Api | None:
        return self.apis.get((method, endpoint))

    def edges(self, method: str = "GET") -> dict[str, Api]:
        return {e: a for (m, e), a in self.apis.items() if m == method and e != NODE_READ}


class DescriptionError(RuntimeError):
    pass


def find_description_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The description directory (see the module docstring); raises :class:`DescriptionError`."""
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    elif os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    else:
        for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
            for folder in (start, *start.parents):
                candidates.append(folder / "shared" / "meta")
    for candidate in candidates:
        if (candidate / "AdAccount.json").is_file() and (candidate / "enum_types.json").is_file():
            return candidate
    where = candidates[0] if explicit or os.environ.get(ENV_VAR) else "any parent's shared/meta"
    raise DescriptionError(
        f"Meta API description not found (looked in {where}); pass --description-dir or set {ENV_VAR}"
    )


class Description:
    """Nodes with their fields, node reads and edges; enum types by name."""

    def __init__(self, nodes: dict[str, Node], enums: dict[str, list[str]]) -> None:
        self.nodes = nodes
        self.enums = enums

    @classmethod
    def load(cls, directory: str | os.PathLike[str] | None = None) -> Description:
        root = find_description_dir(directory)
        overrides = (
            _read(root / "SDKCodegen.json").get("spec_overriding", {}) if (root / "SDKCodegen.json").is_file() else {}
        )
        nodes: dict[str, Node] = {}
        for path in sorted(root.glob("*.json")):
            if path.name in ("enum_types.json", "SDKCodegen.json"):
                continue
            spec = _read(path)
            if not isinstance(spec, dict) or "fields" not in spec:
                continue
            for pattern, patch in overrides.get(path.stem, {}).items():
                _apply_override(spec, pattern, patch)
            nodes[path.stem] = _node(path.stem, spec)
        enums = {e["name"]: list(e["values"]) for e in _read(root / "enum_types.json")}
        return cls(nodes, enums)

    def node(self, name: str) -> Node | None:
        return self.nodes.get(name)

    def enum(self, type_name: str) -> list[str] | None:
        return self.enums.get(type_name)


def _read(path: Path) -> object:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _node(name: str, spec: dict) -> Node:
    fields = {f["name"]: f.get("type", "string") for f in spec.get("fields", [])}
    apis: dict[tuple[str, str], Api] = {}
    for entry in spec.get("apis", []):
        endpoint = entry.get("endpoint") or entry.get("name") or ""
        params = {
            p["name"]: Param(p["name"], p.get("type", "string"), bool(p.get("required")))
            for p in entry.get("params", [])
        }
        apis[(entry["method"], endpoint)] = Api(entry["method"], endpoint, entry.get("return", "Object"), params)
    return Node(name, fields, apis)


# --- SDKCodegen spec_overriding: the small JSONPath subset it uses -------------------------------

_STEP = re.compile(r"""\.?(?:(\w+)|\['(\w+)'\])(?:\[\?\((.*?)\)\])?""")
_COND = re.compile(r"""@\.(\w+)\s*==\s*'([^']*)'""")
_PATCHED_KEYS = ("return", "type")  # the rest are code-generator flags with no meaning on the wire


def _apply_override(spec: dict, pattern: str, patch: dict) -> None:
    """Apply ``patch``'s wire-relevant keys to what ``pattern`` (``$.apis[?(...)].params[?(...)]``) selects."""
    if pattern == "$" or not pattern.startswith("$"):
        return
    targets: list[object] = [spec]
    position = 1
    while position < len(pattern):
        match = _STEP.match(pattern, position)
        if match is None or match.end() == position:
            return  # a form this reader does not know: leave the spec alone
        key = match.group(1) or match.group(2)
        condition = match.group(3)
        position = match.end()
        selected: list[object] = []
        for target in targets:
            value = target.get(key) if isinstance(target, dict) else None
            if condition is None:
                if value is not None:
                    selected.append(value)
                continue
            wanted = dict(_COND.findall(condition))
            for item in value if isinstance(value, list) else []:
                if isinstance(item, dict) and all(item.get(k) == v for k, v in wanted.items()):
                    selected.append(item)
        targets = selected
    for target in targets:
        if isinstance(target, dict):
            for key in _PATCHED_KEYS:
                if key in patch:
                    target[key] = patch[key]
