"""The entry of a job's rerun (JOB102): the project tests of a job are replayed by ``rootfix.regress.reaching``
(``DirectTest.calls``), the run-twice oracles are templates of ``rootfix/regress/templates``."""
from __future__ import annotations


def module_function_entry(expression: str) -> str | None:
    """``_job_module.name`` when the job's entry expression calls a module-level function, else None."""
    import re

    m = re.fullmatch(r"(_job_module\.[A-Za-z_]\w*)\(\)", expression)
    return m.group(1) if m else None
