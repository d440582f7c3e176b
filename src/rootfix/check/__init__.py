"""check -- ``rootfix check``: index the code, run the selected rules of the catalogue (:mod:`rootfix.rules`) on
their scope, apply ``noqa`` and per-file ignores, fix, print, cache.

    engine.py     run_check: files -> index -> Project -> rules -> findings -> fixes (merged hunks, atomic writes)
    merge.py      one fix pass: patches -> non-overlapping line hunks per file
    selection.py  --select / --ignore / per-file-ignores, the engine's own codes (E999, RFX100)
    noqa.py       ``# noqa`` directives: parsing, suppression, removing unused codes
    output.py     text / json / sarif / github formats
    cache.py      the warm-run result cache (outside the user's repo)
    testing.py    check_noop / check_findings / check_transformed for rule authors' tests
"""
from __future__ import annotations

__all__ = ["run_check"]


def run_check(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    """:func:`rootfix.check.engine.run_check` (imported on first use: the engine loads the rule catalogue)."""
    from rootfix.check.engine import run_check as run

    return run(*args, **kwargs)
