"""Regression tests for command rules, in the project's style (pytest functions or Django TestCase).

A command rule's oracle is written as one module-level function ``_check()`` with plain ``assert`` s
(optionally preceded by helpers); this module wraps it in a test the project's runner collects:
a pytest function (``@pytest.mark.django_db`` when it needs the database) or a ``TestCase`` method.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rootfix.regress.layout import regression_test_path, uses_pytest_style

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex


def command_test(index: "RepoIndex", code: str, symbol: str, *, doc: str, imports: list[str], helpers: str,
                 check: str, test_name: str, db: bool) -> tuple[str, str]:
    """``(path, source)``: ``helpers`` (module-level code defining ``_check()``) plus a test calling it."""
    path = regression_test_path(index, code, symbol)
    head = f'"""{doc.strip()}\n"""\n'
    test_name = re.sub(r"[^a-z0-9_]+", "_", test_name.lower())
    if uses_pytest_style(index):
        lines = ["import pytest", *imports] if db else list(imports)
        deco = "@pytest.mark.django_db\n" if db else ""
        test = f"{deco}def {test_name}():\n    _check()\n"
    else:
        base = "TestCase" if db else "SimpleTestCase"
        lines = [f"from django.test import {base}", *imports]
        cls = "".join(p.title() for p in symbol.replace(".", "_").split("_")) + "RegressionTests"
        test = f"class {cls}({base}):\n    def {test_name}(self):\n        _check()\n"
    body = head + "\n".join(dict.fromkeys(lines)) + "\n\n\n" + helpers.strip("\n") + "\n\n\n" + check.strip("\n") \
        + "\n\n\n" + test
    return path, body
