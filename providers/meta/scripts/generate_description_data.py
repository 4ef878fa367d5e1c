#!/usr/bin/env python3
"""Derive ``agent_ads_meta/graph_description.json`` from Meta's API description.

The description in ``../shared/meta/`` (Meta's SDK code generator input, v25.0) is about
1 MB over 20 files and may not ship with the CLI. This script keeps only what the Meta
commands send or read: the nodes they return (their ``fields``), the edges they call
(their params, with Meta's quirks resolved) and the enums those params name. The file is
deterministic and committed; ``--check`` lets a test catch hand edits and drift.

What is resolved here, once, so the provider reads plain data:
- ``SDKCodegen.json`` ``spec_overriding`` ``return`` patches on edges (POST insights -> AdReportRun);
- ``effective_status`` typed ``list<string>`` on ``ads`` edges takes ``Ad_effective_status`` values;
- ``v26-differences.txt`` lists fields v26.0 removed; they are dropped, as v26.0 is the default version.
  (Its additions are left out: the description does not type them.)

Usage: generate_description_data.py [--description-dir DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parents[2]
OUTPUT = SCRIPT_DIR.parent / "agent_ads_meta" / "graph_description.json"
DESCRIPTION_VERSION = "v25.0"

# (node, method, edge): "#get" is the node's own read.
EDGES = (
    ("User", "GET", "#get"),
    ("User", "GET", "adaccounts"),
    ("User", "GET", "businesses"),
    ("Business", "GET", "owned_ad_accounts"),
    ("Business", "GET", "client_ad_accounts"),
    ("AdAccount", "GET", "#get"),
    ("AdAccount", "GET", "campaigns"),
    ("AdAccount", "GET", "adsets"),
    ("AdAccount", "GET", "ads"),
    ("AdAccount", "GET", "adcreatives"),
    ("AdAccount", "GET", "activities"),
    ("AdAccount", "GET", "customconversions"),
    ("AdAccount", "GET", "adspixels"),
    ("AdAccount", "GET", "insights"),
    ("AdAccount", "POST", "insights"),
    ("Campaign", "GET", "#get"),
    ("Campaign", "GET", "adsets"),
    ("Campaign", "GET", "ads"),
    ("Campaign", "GET", "insights"),
    ("Campaign", "POST", "insights"),
    ("AdSet", "GET", "#get"),
    ("AdSet", "GET", "ads"),
    ("AdSet", "GET", "insights"),
    ("AdSet", "POST", "insights"),
    ("Ad", "GET", "#get"),
    ("Ad", "GET", "previews"),
    ("Ad", "GET", "insights"),
    ("Ad", "POST", "insights"),
    ("AdCreative", "GET", "#get"),
    ("AdCreative", "GET", "previews"),
    ("AdsPixel", "GET", "#get"),
    ("AdsPixel", "GET", "stats"),
    ("AdReportRun", "GET", "#get"),
    ("AdReportRun", "GET", "insights"),
)
# Graph-wide params: valid on every edge though the description lists them on few.
GRAPH_WIDE_PARAMS = ("fields", "limit", "after", "before", "access_token", "appsecret_proof")
_LIST = re.compile(r"^list<(.+)>$")
_OVERRIDE_PATH = re.compile(r"^\$\.apis\[\?\(@\.method=='(\w+)' && @\.endpoint=='(\w+)'\)\]$")
_V26_NODE = re.compile(r"^== (\w+):")
_V26_REMOVED = re.compile(r"^\s+fields only in spec\s*:\s*(\[.*\])$")


def default_description_dir() -> Path:
    return REPO_ROOT.parent / "shared" / "meta"


def _load(directory: Path, name: str) -> Any:
    return json.loads((directory / name).read_text(encoding="utf-8"))


def return_overrides(codegen: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    """``(node, method, endpoint) -> return`` from SDKCodegen's ``spec_overriding``."""
    found = {}
    for node, patches in codegen.get("spec_overriding", {}).items():
        for path, patch in patches.items():
            match = _OVERRIDE_PATH.match(path)
            if match and "return" in patch:
                found[(node, match.group(1), match.group(2))] = patch["return"]
    return found


def v26_removed_fields(text: str) -> dict[str, set[str]]:
    """Fields v26.0 no longer has, per node, from ``v26-differences.txt``."""
    removed: dict[str, set[str]] = {}
    node = None
    for line in text.splitlines():
        if header := _V26_NODE.match(line):
            node = header.group(1)
        elif (fields := _V26_REMOVED.match(line)) and node:
            removed.setdefault(node, set()).update(json.loads(fields.group(1).replace("'", '"')))
    return removed


def _api(node_doc: dict[str, Any], method: str, edge: str) -> dict[str, Any]:
    for api in node_doc["apis"]:
        endpoint = api.get("endpoint") or api.get("name")
        if api["method"] == method and endpoint == edge:
            return api
    raise KeyError(f"{method} {edge}")


def _enum_names(type_name: str, enums: dict[str, list[str]]) -> list[str]:
    inner = _LIST.match(type_name)
    name = inner.group(1) if inner else type_name
    return [name] if name in enums else []


def build(directory: Path) -> dict[str, Any]:
    enum_table = {entry["name"]: entry["values"] for entry in _load(directory, "enum_types.json")}
    overrides = return_overrides(_load(directory, "SDKCodegen.json"))
    differences = directory / "v26-differences.txt"
    removed = v26_removed_fields(differences.read_text(encoding="utf-8")) if differences.exists() else {}
    docs: dict[str, dict[str, Any]] = {}
    edges: dict[str, Any] = {}
    used_enums: set[str] = set()
    for node, method, edge in EDGES:
        doc = docs.setdefault(node, _load(directory, f"{node}.json"))
        api = _api(doc, method, edge)
        returns = overrides.get((node, method, edge), api["return"])
        params = {}
        for param in api["params"]:
            type_name = param["type"]
            if param["name"] == "effective_status" and type_name == "list<string>" and returns == "Ad":
                type_name = "list<Ad_effective_status>"  # the description leaves it untyped (README quirk)
            params[param["name"]] = {"type": type_name, "required": bool(param.get("required"))}
            used_enums.update(_enum_names(type_name, enum_table))
        edges[f"{node} {method} {edge}"] = {"returns": returns, "params": dict(sorted(params.items()))}
    returned = {edge["returns"] for edge in edges.values()} | {node for node, _m, _e in EDGES}
    returned |= {"AdsPixelStats"}  # AdsPixelStatsResult.data holds these
    nodes = {}
    for node in sorted(returned):
        doc = docs.get(node) or _load(directory, f"{node}.json")
        gone = removed.get(node, set())
        nodes[node] = {field["name"]: field["type"] for field in sorted(doc["fields"], key=lambda f: f["name"])
                       if field["name"] not in gone}
    return {
        "generated_by": "providers/meta/scripts/generate_description_data.py",
        "description_version": DESCRIPTION_VERSION,
        "graph_wide_params": list(GRAPH_WIDE_PARAMS),
        "edges": dict(sorted(edges.items())),
        "nodes": nodes,
        "enums": {name: enum_table[name] for name in sorted(used_enums)},
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--description-dir", type=Path, default=default_description_dir(),
                        help="the directory of Meta's description (default ../shared/meta)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed file differs")
    args = parser.parse_args(argv)
    if not (args.description_dir / "enum_types.json").exists():
        print(f"no Meta description at {args.description_dir}", file=sys.stderr)
        return 2
    text = render(build(args.description_dir))
    if not args.check:
        OUTPUT.write_text(text, encoding="utf-8")
        return 0
    committed = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
    if committed == text:
        return 0
    print(f"{OUTPUT.name} differs from what {DESCRIPTION_VERSION} derives; regenerate it with {Path(__file__).name}",
          file=sys.stderr)
    return 1

if __name__ == "__main__":
    sys.exit(main())
