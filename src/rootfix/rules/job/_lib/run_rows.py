"""Run rows: a row a job creates in a "running" status and closes with a final one (pure ``ast`` over the index).

``FeedRun.objects.create(...)`` (status defaults to ``Status.RUNNING``) then, after the work,
``run.status = FeedRun.Status.SUCCEEDED; run.save()``: the row is the run's history entry and, often, its lock
(the next run skips while one is "running"). When the close sits only on the success path, a failed run stays
"running" for good. The model says what a failed run is called: a member of the status field's choices named
FAILED / ERROR / ABORTED.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rootfix.project import values as V
from rootfix.rules.job._lib.blocks import can_fail, walk_no_defs
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

FAILED_NAMES = re.compile(r"^(FAILED|FAILURE|FAIL|ERROR|ERRORED|ABORTED|CRASHED)$")
_NOW = re.compile(r"(^|\.)(now|utcnow)$")


@dataclass(frozen=True)
class RunClose:
    """``name.<field> = <final status>`` (and its save) on the success path only."""

    fn: "FunctionInfo"
    name: str  # the local holding the row
    model: str  # dotted model
    field: str  # the status field
    assign: ast.Assign  # the success close
    block: list[ast.stmt]  # the statement list holding it
    failed: str  # the source of the failed status (``FeedRun.Status.FAILED``)
    stamps: tuple[str, ...]  # ``finished_at = timezone.now()`` assignments of the close, as source lines
    save: ast.Call  # the ``name.save(...)`` after it
    try_node: ast.Try | None  # the try whose body holds the close (None: the function body)


def _choices_class(index: "RepoIndex", model: str, call: ast.Call) -> tuple[ast.ClassDef, str | None] | None:
    """The choices class of a field (``choices=Status.choices``) and its default member (``Status.RUNNING``)."""
    found = index.lookup_class(model)
    if found is None:
        return None
    info, cls = found
    choices = next((k.value for k in call.keywords if k.arg == "choices"), None)
    if not (isinstance(choices, ast.Attribute) and choices.attr == "choices" and isinstance(choices.value, ast.Name)):
        return None
    name = choices.value.id
    owner = next((c for c in cls.body if isinstance(c, ast.ClassDef) and c.name == name), None) \
        or info.classes.get(name)
    if owner is None:
        return None
    default = next((k.value for k in call.keywords if k.arg == "default"), None)
    member = default.attr if isinstance(default, ast.Attribute) else None
    return owner, member


def _members(cls: ast.ClassDef) -> list[str]:
    return [t.id for s in cls.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)]


def _handled_elsewhere(fn: ast.AST, name: str, field: str) -> bool:
    """``fn`` sets ``name.<field>`` in an ``except`` handler or a ``finally``: failures are closed already."""
    for node in walk_no_defs(fn):
        if isinstance(node, ast.Try):
            for stmts in [*(h.body for h in node.handlers), node.finalbody]:
                for sub in walk_no_defs(stmts):
                    if isinstance(sub, ast.Assign) and any(
                            isinstance(t, ast.Attribute) and t.attr == field and isinstance(t.value, ast.Name)
                            and t.value.id == name for t in sub.targets):
                        return True
                    if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) \
                            and sub.func.attr in ("update", "delete") and name in ast.unparse(sub.func.value):
                        return True
    return False


def _lists(fn: ast.AST) -> Iterator[tuple[list[ast.stmt], ast.Try | None]]:
    """Statement lists of ``fn`` that run on the success path: the body, ``with`` / ``for`` / ``if`` bodies and
    ``try`` bodies (not handlers, not ``finally``)."""
    yield fn.body, None  # type: ignore[attr-defined]
    for node in walk_no_defs(fn):
        if isinstance(node, ast.Try):
            yield node.body, node
        elif isinstance(node, (ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.If, ast.While)):
            yield node.body, None


def success_only_closes(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[RunClose]:
    """The run rows ``fn`` creates (or gets from a helper that creates them) and closes on success only."""
    for block, try_node in _lists(fn.node):
        for i, stmt in enumerate(block):
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Attribute) and isinstance(stmt.targets[0].value, ast.Name)
                    and isinstance(stmt.value, ast.Attribute)):
                continue
            name, field = stmt.targets[0].value.id, stmt.targets[0].attr
            value = V.value_of(index, fn, stmt.targets[0].value, stmt.lineno)
            if value is None or not value.is_instance or value.origin != "create" or not value.model:
                continue
            spec = V._class_fields(index, value.model).get(field)
            found = _choices_class(index, value.model, spec[1]) if spec is not None else None
            if found is None:
                continue
            choices, initial = found
            members = _members(choices)
            failed = next((m for m in members if FAILED_NAMES.match(m)), None)
            if failed is None or stmt.value.attr in (initial, failed) or initial is None:
                continue
            save = next((n for s in block[i + 1:] for n in walk_tree(s) if isinstance(n, ast.Call)
                         and isinstance(n.func, ast.Attribute) and n.func.attr == "save"
                         and isinstance(n.func.value, ast.Name) and n.func.value.id == name), None)
            if save is None or _handled_elsewhere(fn.node, name, field):
                continue
            # the work before the close can fail (a call, a yield: the with body's exception arrives there);
            # in a plain block, the work after the row is bound
            start = 0
            if try_node is None:
                start = next((j + 1 for j in range(i - 1, -1, -1) if isinstance(block[j], ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == name for t in block[j].targets)), 0)
            if not can_fail(block[start:i]):
                continue
            stamps = tuple(ast.unparse(s) for s in block[i + 1:]
                           if isinstance(s, ast.Assign) and len(s.targets) == 1
                           and isinstance(s.targets[0], ast.Attribute) and isinstance(s.targets[0].value, ast.Name)
                           and s.targets[0].value.id == name and isinstance(s.value, ast.Call)
                           and _NOW.search(ast.unparse(s.value.func)))
            failed_src = ast.unparse(stmt.value.value) + "." + failed
            yield RunClose(fn, name, value.model, field, stmt, block, failed_src, stamps, save, try_node)


def failure_handler(close: RunClose, indent: str, unit: str, quote: str = '"') -> str:
    """``except Exception:`` closing the row as failed (with the close's timestamps), then re-raising."""
    fields = [close.field] + [s.split("=", 1)[0].strip().rsplit(".", 1)[-1] for s in close.stamps]
    body = [f"{close.name}.{close.field} = {close.failed}", *close.stamps]
    has_fields = any(k.arg == "update_fields" for k in close.save.keywords)
    listed = ", ".join(f"{quote}{f}{quote}" for f in fields)
    body.append(f"{close.name}.save(update_fields=[{listed}])" if has_fields else f"{close.name}.save()")
    body.append("raise")
    return f"{indent}except Exception:\n" + "".join(f"{indent}{unit}{line}\n" for line in body)
