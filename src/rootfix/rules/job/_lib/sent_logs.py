"""Send logs: a row a job creates per item it sends to (``RefillReminder(prescription=p, due_on=...)``), with the
side effect right after it, which nothing in the job reads back. Pure functions over ``ast`` and the index."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rootfix.project import values as V
from rootfix.project.model import is_test_file
from rootfix.rules.job._lib.blocks import walk_no_defs
from rootfix.rules.job._lib.markers import LOGGING, SIDE_EFFECT, _query_name
from rootfix.rules.job._lib.natural_keys import from_row
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

#: what reads a log back: a lookup of its rows
READS = frozenset({"filter", "exclude", "get", "exists", "first", "last", "count", "values", "values_list",
                   "get_or_create", "update_or_create", "in_bulk", "aggregate", "annotate"})


@dataclass(frozen=True)
class SentLog:
    fn: "FunctionInfo"
    create: ast.Call  # ``Log.objects.create(...)``
    statement: ast.stmt  # the statement holding it, directly in the function's or the loop's body
    model: str  # the log model, dotted
    item: str  # the name of the row the job handles (the loop variable, or the per-item function's parameter)
    keys: tuple[ast.keyword, ...]  # the create() keywords taken from that row
    effect: str  # the side effect's callable, as written
    in_loop: bool
    done: tuple[str, str] | None  # (field, value source) the job sets on the log row once the effect succeeded


def _effect_after(block: list[ast.stmt], start: int) -> tuple[str, int] | None:
    for i, stmt in enumerate(block[start + 1:], start + 1):
        for call in (n for n in walk_no_defs([stmt]) if isinstance(n, ast.Call)):
            text = ast.unparse(call.func)
            if SIDE_EFFECT.search(text) and not LOGGING.search(text) and not _query_name(text) \
                    and not text.endswith((".save", ".create", ".update")):
                return text, i
    return None


def _done(block: list[ast.stmt], after: int, var: str | None, fields: set[str]) -> tuple[str, str] | None:
    """``reminder.status = Status.SENT`` after the side effect: the log row's "done" value."""
    if var is None:
        return None
    for stmt in block[after + 1:]:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute) \
                and isinstance(stmt.targets[0].value, ast.Name) and stmt.targets[0].value.id == var \
                and stmt.targets[0].attr in fields and isinstance(stmt.value, (ast.Attribute, ast.Constant)):
            return stmt.targets[0].attr, ast.unparse(stmt.value)
    return None


def _called_per_item(index: "RepoIndex", fn: "FunctionInfo") -> bool:
    for caller, call in index.callers(fn):
        for loop in walk_tree(caller.node):
            if isinstance(loop, (ast.For, ast.AsyncFor)) and any(n is call for s in loop.body for n in walk_tree(s)):
                return True
    return False


def _read_back(index: "RepoIndex", model: str, fk: str, related: str | None) -> bool:
    """Some non-test code of the project looks the log up per item: a lookup of the log keyed by the item
    (``Log.objects.filter(prescription=p)``), the item's related manager (``p.refill_reminders.exists()``), or
    the items queried through the log (``exclude(refill_reminders__status="sent")``). Counting the log's rows
    for a report reads nothing about one item."""
    name = model.rsplit(".", 1)[-1]
    keyed = {fk, f"{fk}_id", f"{fk}__pk", f"{fk}__id", f"{fk}__in", f"{fk}_id__in"}
    for other in index.functions.values():
        if is_test_file(other.file):
            continue
        source = index.module_of(other).source
        if name not in source and (not related or related not in source):
            continue
        for node in walk_no_defs(other.node.body):
            if related and isinstance(node, ast.Attribute) and node.attr == related:
                return True
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in READS):
                continue
            text = ast.unparse(node.func.value)
            if (text.startswith(f"{name}.objects") or text.endswith(f"{name}.objects")) and any(
                    k.arg in keyed for k in node.keywords):
                return True
            if related and any(k.arg and k.arg.split("__")[0] == related for k in node.keywords):
                return True
    return False


def sent_logs(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[SentLog]:
    module = index.module_of(fn)
    params = [a.arg for a in fn.node.args.args if a.arg not in ("self", "cls")]
    per_item = bool(params) and _called_per_item(index, fn)
    blocks: list[tuple[list[ast.stmt], set[str], bool]] = []
    if per_item:
        blocks.append((fn.node.body, set(params), False))
    for loop in walk_no_defs(fn.node.body):
        if isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name):
            blocks.append((loop.body, {loop.target.id}, True))
    for block, items, in_loop in blocks:
        for i, stmt in enumerate(block):
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.Expr)) else None
            if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "create"
                    and isinstance(value.func.value, ast.Attribute) and value.func.value.attr == "objects"):
                continue
            model = index.resolve(module, value.func.value.value) or ""
            if index.lookup_class(model) is None:
                continue
            item = next((k.value.id for k in value.keywords if k.arg and isinstance(k.value, ast.Name)
                         and k.value.id in items and (V.field_class(index, model, k.arg) or "") == "ForeignKey"), None)
            if item is None:
                continue
            effect = _effect_after(block, i)
            if effect is None:
                continue
            fk = next(k.arg for k in value.keywords if isinstance(k.value, ast.Name) and k.value.id == item)
            related = _related_name(index, model, fk)
            if _read_back(index, model, fk, related):
                continue
            keys = tuple(k for k in value.keywords if k.arg and from_row(k.value, item))
            var = stmt.targets[0].id if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) else None
            fields = {f for f in _fields(index, model)}
            yield SentLog(fn, value, stmt, model, item, keys, effect[0], in_loop, _done(block, effect[1], var, fields))


def _fields(index: "RepoIndex", model: str) -> list[str]:
    found = index.lookup_class(model)
    if found is None:
        return []
    return [s.targets[0].id for s in found[1].body if isinstance(s, ast.Assign) and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name) and V.field_class(index, model, s.targets[0].id)]


def _related_name(index: "RepoIndex", model: str, fk: str) -> str | None:
    found = index.lookup_class(model)
    if found is None:
        return None
    for stmt in found[1].body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == fk \
                and isinstance(stmt.value, ast.Call):
            for k in stmt.value.keywords:
                if k.arg == "related_name" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str):
                    return k.value.value
            return model.rsplit(".", 1)[-1].lower()  # the default query name
    return None


def guard_text(index: "RepoIndex", log: SentLog) -> str | None:
    """The statement that skips an item already logged (``if Log.objects.filter(...).exists(): continue``), or
    None when the function's exits do not say what "skipped" returns."""
    name = ast.unparse(log.create.func.value.value)
    conditions = [ast.unparse(k) for k in log.keys]
    if log.done is not None:
        conditions.append(f"{log.done[0]}={log.done[1]}")
    if log.in_loop:
        leave = "continue"
    else:
        returns = [n for n in walk_no_defs(log.fn.node.body) if isinstance(n, ast.Return)]
        nothing = [r for r in returns if r.value is None or (isinstance(r.value, ast.Constant) and r.value.value is None)]
        if nothing:
            leave = "return None" if any(r.value is not None for r in nothing) else "return"
        elif not returns or _result_unused(index, log.fn):
            leave = "return"
        else:
            return None
    one_line = f"if {name}.objects.filter({', '.join(conditions)}).exists():"
    if len(one_line) + log.statement.col_offset > 99:  # black's layout, one condition a line
        one_line = f"if {name}.objects.filter(\n" + "".join(f"    {c},\n" for c in conditions) + ").exists():"
    return f"{one_line}\n    {leave}"


def _result_unused(index: "RepoIndex", fn: "FunctionInfo") -> bool:
    """Every project caller calls ``fn`` as a statement of its own: what it returns is read by nobody."""
    callers = index.callers(fn)
    if not callers:
        return False
    for caller, call in callers:
        if not any(isinstance(n, ast.Expr) and n.value is call for n in walk_tree(caller.node)):
            return False
    return True
