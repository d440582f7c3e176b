"""Tests generated from every registered rule's VALID / INVALID examples and its documentation.

Both run with all code in scope (``--all-code``): examples test the rule's detection, not component
discovery (tests/test_rules_engine.py covers scoping). Valid examples must give no finding of the rule;
invalid ones exactly ``count`` findings in ``path``, and, when ``fixed`` is given, the fix must produce it
exactly and leave no finding of the rule behind.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from rootfix.check.output import SECTIONS, doc_sections
from rootfix.check.testing import check_findings, check_noop, check_transformed
from rootfix.rules.base import load_all_rules
from rootfix.types import COMPONENT_PREFIX

RULES = load_all_rules()
CODE_RE = re.compile(r"^(WRK|CMD|JOB|SPK)([1-6])\d\d$")
CLASS_LETTER = {"WRK": "W", "CMD": "C", "JOB": "S", "SPK": "P"}
PREFIX_TYPE = {v: k for k, v in COMPONENT_PREFIX.items()}

VALID = [pytest.param(code, ex, id=f"{code}-valid-{i}") for code, cls in RULES.items()
         for i, ex in enumerate(cls.VALID)]
INVALID = [pytest.param(code, ex, id=f"{code}-invalid-{i}") for code, cls in RULES.items()
           for i, ex in enumerate(cls.INVALID)]


@pytest.mark.parametrize(("code", "example"), VALID)
def test_valid_example_has_no_finding(code, example, tmp_path):
    check_noop(code, example.all_files(), root=tmp_path, all_code=True)


@pytest.mark.parametrize(("code", "example"), INVALID)
def test_invalid_example_is_found(code, example, tmp_path):
    check_findings(code, example.all_files(), path=example.path, count=example.count, root=tmp_path / "found",
                   all_code=True)
    if example.fixed is not None:
        check_transformed(code, example.all_files(), path=example.path, expected=example.fixed,
                          root=tmp_path / "fixed", all_code=True)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_metadata_and_docs(code):
    cls = RULES[code]
    m = CODE_RE.match(code)
    assert m, f"{code}: codes are WRK|CMD|JOB|SPK, a class digit 1-6, two digits"
    prefix, digit = m.groups()
    assert cls.bug_class == f"{CLASS_LETTER[prefix]}{digit}", f"{code}: bug_class {cls.bug_class!r} does not match"
    assert PREFIX_TYPE[prefix] in cls.component_types, f"{code}: {PREFIX_TYPE[prefix]} not in component_types"
    assert cls.name and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cls.name), f"{code}: name must be kebab-case"
    assert cls.fix_safety in (None, "safe", "unsafe")
    assert getattr(cls, "scope", "components") in ("components", "all", "long-lived")
    sections = doc_sections(cls.documentation())
    missing = [s for s in SECTIONS if not sections.get(s)]
    assert not missing, f"{code}: docstring lacks sections {missing}"
    assert cls.VALID, f"{code}: needs at least one VALID example"
    assert cls.INVALID, f"{code}: needs at least one INVALID example"
    if cls.fix_safety is None:
        assert all(ex.fixed is None for ex in cls.INVALID), f"{code}: has no fix but an example expects one"


README = Path(__file__).resolve().parents[1] / "README.md"


def test_registry_is_the_documented_catalogue():
    """The generated tests above are only as good as the registry they are drawn from: every rule the README's
    table documents is registered (an empty or partial registry would make them pass vacuously), and nothing
    undocumented is."""
    documented = re.findall(r"^\| ((?:WRK|CMD|JOB|SPK)\d{3}) \| ([a-z0-9-]+) \|", README.read_text(), re.M)
    assert documented, "README.md's rule table not found"
    assert sorted(code for code, _ in documented) == sorted(RULES)
    assert {code: RULES[code].name for code, _ in documented} == dict(documented)
    assert len(VALID) >= len(RULES) and len(INVALID) >= len(RULES)


def test_codes_and_names_are_unique_and_modules_named_after_their_rule():
    names = [cls.name for cls in RULES.values()]
    assert len(set(names)) == len(names), f"duplicate rule names: {sorted(n for n in names if names.count(n) > 1)}"
    for code, cls in RULES.items():
        assert cls.code == code
        module = cls.__module__.rsplit(".", 1)[-1]
        # rules/<component>/<code>_<name>.py: one rule per module, findable by its code
        assert module.startswith(code.lower() + "_"), f"{code} lives in {cls.__module__}"
        assert cls.__module__.startswith("rootfix.rules."), cls.__module__
    modules = [cls.__module__ for cls in RULES.values()]
    assert len(set(modules)) == len(modules), "one rule per module"
