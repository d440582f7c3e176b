"""Rule findings as localization evidence: every rule's findings on the project, split into the ones on the
code the reported component runs (ranked as suspects) and the others (the "similar bugs elsewhere")."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rootfix.project.model import Project
from rootfix.types import COMPONENT_PREFIX, Component, Finding, RelatedCode

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

__all__ = ["component_findings", "rule_findings", "split_findings"]

#: The rule families a fix draws on (the catalogue's component prefixes: WRK, CMD, JOB, SPK).
_FAMILIES = tuple(COMPONENT_PREFIX.values())


def rule_findings(index: "RepoIndex") -> list[Finding]:
    """Every rule's findings on all code, noqa and the project's configuration applied.

    The component filter (:func:`split_findings`) is applied afterwards, so the same run also
    yields the "similar bugs elsewhere".
    """
    from rootfix.check import run_check

    config = None
    try:
        from rootfix.config import read_config

        pyproject = index.root / "pyproject.toml"
        if pyproject.is_file():
            config = read_config(pyproject)
    except Exception:  # a broken [tool.rootfix] must not stop the fix
        config = None
    result = run_check([index.root], root=index.root, select="ALL", all_code=True, config=config,
                       use_cache=False)
    return [f for f in result.findings if f.code[:3] in _FAMILIES]


def component_findings(index: "RepoIndex", component: Component,
                       related: RelatedCode | None) -> tuple[list[Finding], list[Finding]]:
    """(every rule's findings on the code ``component`` runs, the others): :func:`split_findings` of
    :func:`rule_findings` over the component's reach (:meth:`rootfix.project.model.Project.reach`)."""
    return split_findings(index, component, rule_findings(index), Project.of(index).reach(component, related))


def _finding_fn(index: "RepoIndex", f: Finding) -> "FunctionInfo | None":
    info = index.by_path.get(f.file)
    if info is not None and f.symbol in info.functions:
        return info.functions[f.symbol]
    return index.enclosing_function(f.file, f.line)


def split_findings(index: "RepoIndex", component: Component, findings: Iterable[Finding],
                   reach: dict[str, "FunctionInfo"]) -> tuple[list[Finding], list[Finding]]:
    """(findings on the component's code, the others).

    A finding belongs to the component when it is in code the component runs, when one of its
    related locations is (a W3 finding in the caller that enqueues the task), or when it names
    the component (its task / command name).
    """
    names = {component.name, *component.aliases}
    if component.target:
        names.add(component.target)
    short = {n.rsplit(".", 1)[-1] for n in names if n}
    comp_fn = Project.of(index).component_function(component)
    if comp_fn is not None:
        short.add(comp_fn.symbol.rsplit(".", 1)[-1])
    reach_files = {fn.file for fn in reach.values()}
    mine: list[Finding] = []
    other: list[Finding] = []
    for f in findings:
        fn = _finding_fn(index, f)
        hit = fn is not None and fn.qualname in reach
        if not hit:
            for rel in f.related:
                rfn = index.enclosing_function(rel.path, rel.line)
                if rfn is not None and rfn.qualname in reach:
                    hit = True
                    break
        if not hit and short:
            text = f.message
            hit = any(len(n) > 3 and (f"{n}(" in text or f"{n}." in text or f"`{n}`" in text or f"'{n}'" in text
                                      or f" {n} " in f" {text} ") for n in short)
        if not hit and not reach and f.file == component.file:
            hit = True
        (mine if hit else other).append(f)
    want = COMPONENT_PREFIX.get(component.type, "")
    # the component type's own rules first; then others (a beat task is also a worker task)
    mine.sort(key=lambda f: (not f.code.startswith(want), f.file not in reach_files, f.file, f.line))
    return mine, other
