"""The run-twice oracle of the S1/S2 job rules: their regression tests replay the project's own tests of a job
(``DirectTest.calls``: ``rootfix.regress.reaching``), then run the job once more."""
from __future__ import annotations


def module_function_entry(expression: str) -> str | None:
    """``_job_module.name`` when the job's entry expression calls a module-level function, else None."""
    import re

    m = re.fullmatch(r"(_job_module\.[A-Za-z_]\w*)\(\)", expression)
    return m.group(1) if m else None
