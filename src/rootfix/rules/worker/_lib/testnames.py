"""Test modules by name, as the scenario replay tells them (``test_*.py``, ``*_test.py``, ``tests.py``; not
``conftest.py``): WRK501 leaves the values built in such modules alone."""
from __future__ import annotations

import re

_TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_test|tests)\.py$")


def is_test_module(path: str) -> bool:
    return bool(_TEST_FILE.search(path)) and not path.endswith("conftest.py")
