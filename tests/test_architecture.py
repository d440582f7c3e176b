"""The import graph rootfix's layout promises (CONTRIBUTING.md, "Layout").

* No rule module imports another rule module; a family's helper modules (``_name.py``, ``_lib/``, or any
  module of ``rules/<family>/`` that defines no rule) are there to be shared.
* No cycle between ``rules/`` and ``fix/``: ``fix/`` reaches the catalogue only through the rule API
  (``rules/base.py``) and rule modules do not import ``fix/``.
* Rules do not write regression tests: they return a ``RegressionSpec`` (rule API) and ``regress/`` writes it;
  ``regress/`` reaches the catalogue only through the rule API.
* The stage packages import ``types``, the project model, the rule API and the other stages' package
  APIs (``rootfix.<stage>``), never another stage's internals.

Read statically (``ast``), every import counts: module level, function-local and ``TYPE_CHECKING`` ones.

The ``ALLOWED_*`` sets list today's exceptions, each an edge ``(importer, imported)``: they may only shrink.
A listed edge that no longer exists fails the test too, so removing an import means removing its entry.
"""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "rootfix"

#: Packages that take and return ``types.py`` records (``pipeline.py``, ``cli.py`` and ``demo/`` orchestrate).
STAGES = ("intake", "discover", "reproduce", "localize", "fix", "regress", "validate", "report", "check")
#: What every stage may import: the records, the errors and configuration, the atomic writer, the project model
#: (and the index it is built from), the rule API, and the LibCST helpers codemods are written with.
FOUNDATION = ("rootfix.types", "rootfix.errors", "rootfix.config", "rootfix.atomic", "rootfix.project",
              "rootfix.discover.index", "rootfix.discover.parse", "rootfix.discover.walk", "rootfix.rules.base",
              "rootfix.codemod")

# --------------------------------------------------------------------------- allow-lists (shrink only)
#: Rule modules importing another rule's module (its private helpers). Owner: the rule families' authors;
#: the shared parts belong in the family's ``_lib``/underscore helper module.
ALLOWED_RULE_TO_RULE: set[tuple[str, str]] = set()
#: Rule modules importing ``fix/``: none (codemod helpers are ``rootfix.codemod``, a foundation module;
#: regression tests are written by ``regress/``).
ALLOWED_RULES_TO_FIX: set[tuple[str, str]] = set()
#: Rule modules importing ``regress/``: none. A rule says what its test checks (a ``RegressionSpec`` of the rule
#: API) and ``regress/`` writes it.
ALLOWED_RULES_TO_REGRESS: set[tuple[str, str]] = set()
#: Stage modules importing another stage's (or the catalogue's) internals.
ALLOWED_STAGE_INTERNALS = {
    # the W3 scenario replay reads enqueue facts that belong in project/enqueue.py
    ("rootfix.regress.scenario", "rootfix.rules.worker._enqueue"),
    ("rootfix.fix.llm.prompt", "rootfix.intake.template"),
    # candidates are ordered by diff size
    ("rootfix.fix.strategies", "rootfix.report.diff"),
    # reproduction and validation share the test runner and worktrees both ways
    ("rootfix.reproduce.runner", "rootfix.intake.traceback"),
    ("rootfix.reproduce.runner", "rootfix.validate.runner"),
    ("rootfix.reproduce.runner", "rootfix.validate.worktree"),
    ("rootfix.validate.verdict", "rootfix.reproduce.runner"),
    ("rootfix.reproduce.generate", "rootfix.validate.runner"),
    # check reports test code only when asked (the components' test-path predicate) and runs the project's
    # formatter on fixed lines (fix/style.py): both belong in project/ and a shared fix-style module
    ("rootfix.check.engine", "rootfix.discover.components"),
    ("rootfix.check.engine", "rootfix.fix.style"),
}


# --------------------------------------------------------------------------- the graph
def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _exists(dotted: str) -> bool:
    base = SRC / dotted.replace(".", "/")
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


@lru_cache(maxsize=1)
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PKG.rglob("*.py"))
            if "demo/sample" not in p.as_posix() and "_djrunner" not in p.as_posix()}


@lru_cache(maxsize=1)
def _edges() -> frozenset[tuple[str, str]]:
    """(importer, imported module) for every import of a rootfix module, resolved to the module imported."""
    out: set[tuple[str, str]] = set()
    for mod, path in _modules().items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(parts + ([node.module] if node.module else []))
                # ``from pkg import mod`` imports the module; ``from mod import name`` the module itself
                targets = [f"{base}.{a.name}" if _exists(f"{base}.{a.name}") else base for a in node.names]
            else:
                continue
            out.update((mod, t) for t in targets if t == "rootfix" or t.startswith("rootfix."))
    return frozenset(out)


def _rule_modules() -> set[str]:
    """Modules of ``rules/<family>/`` that define a rule (a class with a ``code = "..."``)."""
    out = set()
    for mod, path in _modules().items():
        if not mod.startswith("rootfix.rules.") or mod.count(".") < 3:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in s.targets)
                    and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str) for s in node.body):
                out.add(mod)
                break
    return out


def _within(mod: str, prefix: str) -> bool:
    return mod == prefix or mod.startswith(prefix + ".")


def _check(found: set[tuple[str, str]], allowed: set[tuple[str, str]], what: str) -> None:
    new = sorted(found - allowed)
    gone = sorted(allowed - found)
    assert not new, f"{what}:\n" + "\n".join(f"  {a} imports {b}" for a, b in new)
    assert not gone, "fixed -- remove from the allow-list:\n" + "\n".join(f"  {a} -> {b}" for a, b in gone)


# --------------------------------------------------------------------------- the tests
def test_the_graph_is_read():
    edges = _edges()
    assert ("rootfix.check.engine", "rootfix.rules.base") in edges
    assert ("rootfix.check.engine", "rootfix.project.model") in edges
    assert {"rootfix.rules.worker.wrk301_enqueue_in_transaction", "rootfix.rules.job.job401_utc_day_bounds",
            "rootfix.rules.command.cmd101_option_without_dest"} <= _rule_modules()
    assert "rootfix.rules.worker._enqueue" not in _rule_modules()


def test_no_rule_module_imports_another_rule_module():
    rules = _rule_modules()
    found = {(a, b) for a, b in _edges() if a in rules and b in rules and a != b}
    _check(found, ALLOWED_RULE_TO_RULE, "a rule module imports another rule module (share through a helper module)")


def test_no_cycle_between_rules_and_fix():
    edges = _edges()
    to_fix = {(a, b) for a, b in edges if _within(a, "rootfix.rules") and _within(b, "rootfix.fix")}
    _check(to_fix, ALLOWED_RULES_TO_FIX, "rules/ imports fix/")
    to_rules = {(a, b) for a, b in edges if _within(a, "rootfix.fix") and _within(b, "rootfix.rules")
                and b not in ("rootfix.rules", "rootfix.rules.base")}
    allowed_back = {e for e in ALLOWED_STAGE_INTERNALS if _within(e[0], "rootfix.fix")
                    and _within(e[1], "rootfix.rules")}
    _check(to_rules, allowed_back, "fix/ imports rules/ beyond the rule API (rules/base.py)")
    assert not any(a == "rootfix.rules.base" and _within(b, "rootfix.fix") for a, b in edges), \
        "the rule API must not import fix/"


def test_rules_do_not_write_regression_tests():
    """A rule returns what its test must check; ``regress/`` writes it (and ``regress/`` reaches the catalogue
    only through the rule API)."""
    edges = _edges()
    to_regress = {(a, b) for a, b in edges if _within(a, "rootfix.rules") and _within(b, "rootfix.regress")}
    _check(to_regress, ALLOWED_RULES_TO_REGRESS, "rules/ imports regress/")
    back = {(a, b) for a, b in edges if _within(a, "rootfix.regress") and _within(b, "rootfix.rules")
            and b not in ("rootfix.rules", "rootfix.rules.base")}
    _check(back, {e for e in ALLOWED_STAGE_INTERNALS if _within(e[0], "rootfix.regress")},
           "regress/ imports rules/ beyond the rule API (rules/base.py)")
    assert not any(a == "rootfix.rules.base" and _within(b, "rootfix.regress") for a, b in edges), \
        "the rule API must not import regress/"


def test_stages_import_foundation_and_stage_apis_only():
    found = set()
    for a, b in _edges():
        stage = a.split(".")[1] if a.count(".") >= 1 else ""
        if stage not in STAGES or _within(b, f"rootfix.{stage}") or b == "rootfix":
            continue
        if any(_within(b, f) for f in FOUNDATION):
            continue
        other = b.split(".")[1]
        if other in STAGES and b == f"rootfix.{other}":  # another stage's package API
            continue
        found.add((a, b))
    _check(found, ALLOWED_STAGE_INTERNALS, "a stage imports another stage's internals")
