"""Load the mutation benchmark's mutants (``mutants/*.yaml``) and apply one to a copy of its fixture.

Each mutant is a mapping: ``id``, ``project`` (a folder of ``tests/fixtures``), ``file`` (relative to the
project), ``symbol`` (``function`` or ``Class.method``, as rootfix reports symbols), ``kind``, ``half``
(``tuning`` or ``untouched``), ``original`` and ``replacement`` (a unique string replacement in ``file``),
optional ``spark: true`` (the mutant needs the project's Spark tests to be caught), and ``bug`` (a rootfix
bug.yaml: component_type, component_name, bug_description, expected_behavior, actual_behavior, optional
error_message).
"""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MUTANT_DIR = HERE / "mutants"
HALVES = ("tuning", "untouched")
REQUIRED = ("id", "project", "file", "symbol", "kind", "half", "original", "replacement", "bug")
BUG_KEYS = ("component_type", "component_name", "bug_description", "expected_behavior", "actual_behavior")


def load_mutants(folder: Path = MUTANT_DIR) -> list[dict]:
    out: list[dict] = []
    for path in sorted(folder.glob("*.yaml")):
        for m in yaml.safe_load(path.read_text()) or []:
            m["_source"] = path.name
            out.append(m)
    return out


def symbols_in(source: str) -> set[str]:
    """Top-level functions and ``Class.method`` names of a module (nested functions excluded)."""
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(f"{node.name}.{sub.name}")
    return names


def enclosing_symbol(source: str, offset: int) -> str | None:
    """The top-level function or ``Class.method`` whose lines contain character ``offset``."""
    line = source.count("\n", 0, offset) + 1
    for node in ast.parse(source).body:
        cands = [(node, node.name)] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
        if isinstance(node, ast.ClassDef):
            cands = [(s, f"{node.name}.{s.name}") for s in node.body
                     if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for fn, name in cands:
            start = min([fn.lineno] + [d.lineno for d in fn.decorator_list])
            if start <= line <= (fn.end_lineno or fn.lineno):
                return name
    return None


def problems(m: dict, fixtures: Path = FIXTURES) -> list[str]:
    """What is wrong with a mutant's data (empty: it applies cleanly where it says it does)."""
    out = [f"missing key {k}" for k in REQUIRED if k not in m]
    if out:
        return out
    if m["half"] not in HALVES:
        out.append(f"half {m['half']!r} not one of {HALVES}")
    out += [f"bug lacks {k}" for k in BUG_KEYS if not str(m["bug"].get(k) or "").strip()]
    path = fixtures / m["project"] / m["file"]
    if not path.is_file():
        return out + [f"no file {path}"]
    text = path.read_text()
    n = text.count(m["original"])
    if n != 1:
        return out + [f"original occurs {n} times in {m['file']}"]
    if m["original"] == m["replacement"]:
        out.append("replacement equals original")
    if m["symbol"] not in symbols_in(text):
        out.append(f"symbol {m['symbol']} not in {m['file']}")
    at = enclosing_symbol(text, text.index(m["original"]))
    if at != m["symbol"]:
        out.append(f"original lies in {at}, not {m['symbol']}")
    try:
        ast.parse(mutate_text(text, m))
    except SyntaxError as exc:
        out.append(f"mutated file does not parse: {exc}")
    return out


def mutate_text(text: str, m: dict) -> str:
    assert text.count(m["original"]) == 1, m["id"]
    return text.replace(m["original"], m["replacement"], 1)


def apply(m: dict, repo: Path) -> None:
    path = repo / m["file"]
    path.write_text(mutate_text(path.read_text(), m))


def bug_yaml(m: dict) -> str:
    keys = BUG_KEYS + ("error_message",)
    return yaml.safe_dump({k: m["bug"][k] for k in keys if m["bug"].get(k)}, sort_keys=False, allow_unicode=True,
                          width=120)
