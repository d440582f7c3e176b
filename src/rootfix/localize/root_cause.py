"""Where the bug is, once the candidates are judged: the root cause a validated fix shows
(:func:`root_cause_for`), or the best guess when none was validated (:func:`unconfirmed_root_cause`)."""
from __future__ import annotations

import ast
import difflib
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from rootfix.types import Candidate, Finding, Patch, Suspect

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

__all__ = ["root_cause_for", "unconfirmed_root_cause"]


def _changed_functions(index: "RepoIndex", patch: Patch) -> list["FunctionInfo"]:
    """The project functions whose lines a patch changes (test files aside), in patch order."""
    out: list["FunctionInfo"] = []
    for c in patch.changes:
        if c.path in patch.tests_added or c.old is None:
            continue
        sm = difflib.SequenceMatcher(a=c.old.splitlines(), b=c.new.splitlines(), autojunk=False)
        for tag, i1, i2, _, _ in sm.get_opcodes():
            if tag == "equal":
                continue
            for line in range(i1 + 1, max(i1 + 1, i2) + 1):
                fn = index.enclosing_function(c.path, line)
                if fn is not None and fn not in out:
                    out.append(fn)
    return out


def root_cause_for(index: "RepoIndex", candidate: Candidate, suspects: Sequence[Suspect]) -> Finding | Suspect:
    """Where the accepted fix goes: the rule finding it fixes, else the function the patch changes.
    A finding whose fix is made in another function (an enqueue site sending int keys, fixed in the task
    that relies on them; a thread started in one function, its target fixed to close its connection) names
    the changed function, with the finding as evidence."""
    changed = _changed_functions(index, candidate.patch)
    f = candidate.finding
    if f is not None:
        # a finding on a class (a class-body attribute) owns the changes made in its methods
        own = f.file in candidate.patch.files and any(
            c.file == f.file and (c.symbol == f.symbol or bool(f.symbol) and c.symbol.startswith(f.symbol + "."))
            for c in changed)
        if own or not changed or (f.file in candidate.patch.files and not f.symbol):
            return f
        fn = next((c for s in suspects for c in changed if c.file == s.file and c.symbol == s.symbol), changed[0])
        return Suspect(fn.file, fn.symbol, fn.line, 1.0, (
            f"{f.code} at {f.file}:{f.line} ({f.symbol}): {f.message}",
            f"changed by the validated fix ({candidate.strategy})"))
    for s in suspects:  # the best-ranked suspect among the changed functions
        if any(fn.file == s.file and fn.symbol == s.symbol for fn in changed):
            return replace(s, evidence=s.evidence + (f"changed by the validated fix ({candidate.strategy})",))
    if changed:
        fn = changed[0]
        return Suspect(fn.file, fn.symbol, fn.line, 1.0, (f"changed by the validated fix ({candidate.strategy})",))
    files = candidate.patch.files
    return Suspect(files[0] if files else "", "", 1, 1.0, (f"changed by the validated fix ({candidate.strategy})",))


def _thin_delegate(index: "RepoIndex", fn: "FunctionInfo") -> "FunctionInfo | None":
    """The project function ``fn`` only hands over to (``return jobs.run()``), or None."""
    body = [st for st in fn.node.body
            if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str))]
    if len(body) != 1:
        return None
    callees = {c.qualname: c for c, _ in index.callees(fn)}
    return next(iter(callees.values())) if len(callees) == 1 else None


def unconfirmed_root_cause(index: "RepoIndex", suspects: Sequence[Suspect],
                           findings: Sequence[Finding]) -> Finding | Suspect | None:
    """The best guess at the root cause when no fix was validated: the top suspect, looking through a
    component entry point that only delegates (a beat task that calls ``jobs.send_x()``)."""
    if not suspects:
        return findings[0] if findings else None
    top = suspects[0]
    info = index.by_path.get(top.file)
    fn = info.functions.get(top.symbol) if info is not None else None
    seen = set()
    while fn is not None and fn.qualname not in seen:
        seen.add(fn.qualname)
        target = _thin_delegate(index, fn)
        if target is None:
            break
        fn = target
    if fn is None or (fn.file == top.file and fn.symbol == top.symbol):
        return top
    for s in suspects:
        if s.file == fn.file and s.symbol == fn.symbol:
            return replace(s, evidence=s.evidence + (f"{top.symbol} only delegates to it",))
    return Suspect(fn.file, fn.symbol, fn.line, top.score, (f"{top.symbol} only delegates to it",) + top.evidence)
