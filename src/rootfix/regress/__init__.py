"""Regression tests: the one stage that writes them.

A rule says what its test must check (:meth:`rootfix.rules.base.Rule.regression` returns a record of the
rule API); this stage knows the project's test layout and style (:mod:`.layout`), finds the project's tests
that reach a function and replays them under an invariant (:mod:`.scenario`; for worker tasks,
:mod:`.tasks`; called one by one from a direct test, :mod:`.reaching`), builds generated runs when no test reaches the code (:mod:`.generated_run`), and renders
direct tests from the template files in ``templates/`` (:mod:`.render`).

``regression_test(rule, index, finding)`` -> ``(repo-relative path, source)`` or None is the stage's API.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rootfix.regress.layout import module_name, regression_test_path, tests_dir, uses_pytest_style
from rootfix.regress.render import write

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex
    from rootfix.rules.base import Rule
    from rootfix.types import Finding

__all__ = ["module_name", "regression_test", "regression_test_path", "tests_dir", "uses_pytest_style", "write"]


def regression_test(rule: "Rule", index: "RepoIndex", finding: "Finding") -> tuple[str, str] | None:
    """``(repo-relative path, source)`` of the regression test for ``finding``: a test in the project's style
    that fails on the buggy code and passes once it is fixed; None when the rule cannot say what to check."""
    spec = rule.regression(index, finding)
    if spec is None:
        return None
    return write(index, rule.code, spec)
