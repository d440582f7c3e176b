"""``rootfix demo``: the bundled sample project (``sample/``, bug in ``sample_bug.yaml``) and its runner."""
from __future__ import annotations

__all__ = ["run_demo"]


def run_demo(*args, **kwargs):  # lazy: importing the package must not pull in rich / the pipeline
    from rootfix.demo.run import run_demo as _run

    return _run(*args, **kwargs)
