"""Writing a rule's :data:`~rootfix.rules.base.RegressionSpec` as a test module.

Direct tests are rendered from the files in ``templates/`` (``string.Template`` syntax: ``$name`` /
``${name}``; a literal dollar is ``$$``), so the text of a test lives in one file per kind of test, in
either style, and rule modules only compute what differs per finding.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from rootfix.regress.layout import module_name, regression_test_path, uses_pytest_style
from rootfix.rules.base import DirectTest, FirstOf, GeneratedRun, Replay, SourceTest, TaskReplay

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex
    from rootfix.rules.base import RegressionSpec

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=None)
def _template(name: str) -> Template | None:
    path = TEMPLATES / f"{name}.py.tmpl"
    return Template(path.read_text(encoding="utf-8")) if path.is_file() else None


def template_for(name: str, pytest_style: bool) -> Template | None:
    """The template ``name`` in the project's style: ``name.py.tmpl`` (any style), else
    ``name.pytest.py.tmpl`` / ``name.testcase.py.tmpl``; None when the style has none."""
    found = _template(name) or _template(f"{name}.{'pytest' if pytest_style else 'testcase'}")
    if found is None and not any(_template(f"{name}.{s}") for s in ("pytest", "testcase")):
        raise FileNotFoundError(f"no regression-test template {name!r} in {TEMPLATES}")
    return found


def render(names: tuple[str, ...], params: dict[str, str], *, pytest_style: bool) -> str | None:
    """The templates ``names`` filled with ``params``, concatenated; None when one has no variant for the
    project's style. A placeholder without a value is an error (``KeyError``), never left in the test."""
    out = []
    for name in names:
        template = template_for(name, pytest_style)
        if template is None:
            return None
        out.append(template.substitute(params))
    return "".join(out)


def write(index: "RepoIndex", code: str, spec: "RegressionSpec") -> tuple[str, str] | None:
    """``(path, source)`` of the test ``spec`` describes, for rule ``code``; None when it cannot be written
    here (no project test reaches the code and nothing can be generated, or the style has no template)."""
    if isinstance(spec, DirectTest):
        params = {"code": code, "symbol": spec.symbol, "module": module_name(spec.file), **spec.params}
        folder = None
        if spec.calls is not None:
            from rootfix.regress.reaching import project_test_calls

            found = project_test_calls(index, spec.calls)
            if found is None:
                return None
            params["imports"], params["tests"], first = found
            folder = first if spec.calls.beside else None
        source = render(spec.templates, params, pytest_style=uses_pytest_style(index))
        return None if source is None else (regression_test_path(index, code, spec.symbol, folder), source)
    if isinstance(spec, Replay):
        from rootfix.regress.scenario import command_replay, replay_test, resolve_invariant

        invariant = resolve_invariant(index, spec.invariant)
        if spec.command is not None:
            found = command_replay(index, list(spec.targets), spec.command or None, invariant, code=code,
                                   symbol=spec.symbol)
        else:
            found = replay_test(index, list(spec.targets), invariant, code=code, symbol=spec.symbol,
                                max_depth=spec.max_depth)
        if found is None and spec.otherwise is not None:
            return write(index, code, spec.otherwise)
        return found
    if isinstance(spec, GeneratedRun):
        from rootfix.regress import scenario

        if spec.publish:
            return scenario.generated_publish_test(index, spec.fn, code=code, symbol=spec.symbol)
        return scenario.generated_run_test(index, spec.fn, scenario.resolve_invariant(index, spec.invariant),
                                           code=code, symbol=spec.symbol,
                                           check=spec.check, install=spec.install, verdict=spec.verdict,
                                           after=spec.after, setup=spec.setup, context=spec.context)
    if isinstance(spec, TaskReplay):
        from rootfix.regress.tasks import task_test

        return task_test(index, code, spec)
    if isinstance(spec, SourceTest):
        return (spec.path or regression_test_path(index, code, spec.symbol)), spec.source
    if isinstance(spec, FirstOf):
        specs = list(spec.specs)
        if spec.reached_first:
            from rootfix.regress.tasks import scenarios_for

            specs.sort(key=lambda s: not (isinstance(s, TaskReplay) and scenarios_for(index, s.task)))
        for each in specs:
            found = write(index, code, each)
            if found is not None:
                return found
        return None
    raise TypeError(f"not a regression-test spec: {spec!r}")
