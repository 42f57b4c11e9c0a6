"""The package's shape: imports point one way, the CLI sits on top, every export is listed, helpers and
defaults live once."""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

import contradict
from contradict.config import DEFAULT_TOML, Config, load_config

PACKAGE = Path(contradict.__file__).resolve().parent
REPO = PACKAGE.parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def import_graph() -> dict[str, set[str]]:
    """Every import inside the package, at module or function level (``TYPE_CHECKING`` blocks included),
    as edges between the package's own modules."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node.level, node.module)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in MODULES else base)
            edges |= {t for t in targets if t == "contradict" or t.startswith("contradict.")}
        graph[module] = {e for e in edges if e in MODULES and e != module}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_import_graph_is_read_from_every_module():
    graph = import_graph()
    assert "contradict.verdict.decide" in graph["contradict.detector"] or \
        "contradict.verdict" in graph["contradict.detector"]
    assert "contradict.nli.runtime" in graph["contradict.nli.scorer"]
    assert "contradict.detector" in graph["contradict.cli.find"]  # a function-level import is an edge


def test_no_import_cycle_inside_the_package():
    assert find_cycle(import_graph()) is None


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_library_module_imports_the_cli():
    offenders = {m: sorted(e for e in edges if e == "contradict.cli" or e.startswith("contradict.cli."))
                 for m, edges in import_graph().items()
                 if not (m == "contradict.cli" or m.startswith("contradict.cli."))}
    assert {m: e for m, e in offenders.items() if e} == {}


def test_imports_point_one_way():
    """records -> stages -> detector -> CLI: no stage imports the detector, evaluation or the CLI."""
    graph = import_graph()
    upper = ("contradict.detector", "contradict.evaluation", "contradict.cli", "contradict.benchmarks")
    for module, edges in graph.items():
        if module.startswith(("contradict.records", "contradict.errors", "contradict.text", "contradict.config",
                              "contradict.io", "contradict.pairing", "contradict.nli", "contradict.verdict",
                              "contradict.extract")):
            assert not [e for e in edges if e.startswith(upper)], module


def test_every_export_is_listed_and_works():
    lazy = set(getattr(contradict, "_LAZY", {}))
    eager = {n for n in vars(contradict) if not n.startswith("_")} - {"annotations", "TYPE_CHECKING", "Any"}
    eager -= {name for name, mod in vars(contradict).items() if isinstance(mod, type(contradict))}  # submodules
    assert set(contradict.__all__) == (lazy | eager | {"__version__"})
    for name in contradict.__all__:
        assert getattr(contradict, name) is not None
    for name in ("Detector", "read_statements", "load_nli", "statements_from_article", "write_findings",
                 "load_config", "Statement", "Finding", "Verdict"):
        assert name in contradict.__all__


@pytest.mark.parametrize("package", ["contradict.nli", "contradict.verdict", "contradict.verdict.cues",
                                     "contradict.extract", "contradict.evaluation", "contradict.cli"])
def test_subpackages_list_their_exports(package):
    mod = importlib.import_module(package)
    assert mod.__doc__ and mod.__all__
    for name in mod.__all__:
        assert hasattr(mod, name), f"{package}.{name}"


def test_defaults_live_in_one_file():
    assert (REPO / "configs" / "default.toml").resolve() == DEFAULT_TOML.resolve()
    assert (REPO / "configs" / "actors.toml").resolve() == (PACKAGE / "data" / "actors.toml").resolve()
    data = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
    cfg = Config()
    assert cfg == load_config()
    for section in fields(Config):
        if section.name == "source":
            continue
        values = getattr(cfg, section.name)
        assert {f.name for f in fields(values)} == set(data[section.name]), section.name
        for f in fields(values):
            expected = data[section.name][f.name]
            assert getattr(values, f.name) == (tuple(expected) if isinstance(expected, list) else expected)


def _sources() -> dict[str, str]:
    return {m: p.read_text(encoding="utf-8") for m, p in MODULES.items()}


def test_one_copy_of_each_helper():
    sources = _sources()
    month_tables = [m for m, s in sources.items() if re.search(r"[\"']january[\"']", s, re.IGNORECASE)]
    assert month_tables == ["contradict.text"]
    splitters = [m for m, s in sources.items() if re.search(r"^def (split_sentences|sentence_spans)\b", s, re.MULTILINE)]
    assert splitters == ["contradict.text"]
    labels = [m for m, s in sources.items() if re.search(r"^LABELS\s*=", s, re.MULTILINE)]
    assert labels == ["contradict.records"]
    quote_patterns = [m for m, s in sources.items() if "\\u201c\\u201d\\u201e\\u00ab\\u00bb" in s]
    assert quote_patterns == ["contradict.text"]
    to_date = [m for m, s in sources.items() if re.search(r"\.date\(\) if isinstance\(", s)]
    assert to_date == []
