"""Regression tests for command rules, in the project's style (pytest functions or Django TestCase).

A command rule's oracle is written as one module-level function ``_check()`` with plain ``assert`` s
(optionally preceded by helpers); :func:`command_test` says how to wrap it in a test the project's runner
collects (``rootfix/regress/templates/command_check.*.py.tmpl``): a pytest function
(``@pytest.mark.django_db`` when it needs the database) or a ``TestCase`` method.
"""
from __future__ import annotations

import re

from rootfix.rules.base import DirectTest


def command_test(symbol: str, file: str, *, doc: str, imports: list[str], helpers: str, check: str,
                 test_name: str, db: bool) -> DirectTest:
    """``helpers`` (module-level code defining ``_check()``) plus a test calling it, for the code ``symbol`` in
    ``file``."""
    base = "TestCase" if db else "SimpleTestCase"
    return DirectTest(symbol, file, ("command_check",), dict(
        doc=doc.strip(), helpers=helpers.strip("\n"), check=check.strip("\n"),
        test_name=re.sub(r"[^a-z0-9_]+", "_", test_name.lower()),
        imports_pytest="\n".join(dict.fromkeys(["import pytest", *imports] if db else list(imports))),
        deco="@pytest.mark.django_db\n" if db else "",
        imports_testcase="\n".join(dict.fromkeys([f"from django.test import {base}", *imports])),
        base=base, class_name="".join(p.title() for p in symbol.replace(".", "_").split("_")) + "RegressionTests"))
