"""Loops over input rows and the ORM writes in them (pure functions over ``ast``)."""
from __future__ import annotations

import ast
from typing import Callable, Iterable, Iterator
from rootfix.discover import walk
from rootfix.discover.walk import walk_tree

#: calls whose result is a sequence of input rows
ROW_SOURCES = frozenset({
    "csv.reader", "csv.DictReader", "json.load", "json.loads", "yaml.safe_load", "yaml.load",
    "yaml.safe_load_all", "open", "io.open", "codecs.open", "gzip.open", "fileinput.input",
})
#: methods whose result is input rows, whatever they are called on (a file, a path, a sheet)
ROW_METHODS = frozenset({"readlines", "splitlines", "iter_rows", "itertuples", "iterrows", "open", "read_text"})
#: parameter / variable names that hold input rows handed to a helper
ROW_NAMES = frozenset({"rows", "records", "lines", "reader", "entries", "payload", "data", "items_in"})
#: queryset / manager methods that write
QS_WRITES = frozenset({"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "update",
                       "delete", "acreate", "aget_or_create", "aupdate_or_create", "abulk_create"})

Resolver = Callable[[ast.expr], "str | None"]


def walk_no_defs(node: ast.AST) -> Iterable[ast.AST]:
    """``ast.walk`` that does not enter nested functions, lambdas or classes."""
    return walk.walk_no_defs(node)


def _chain_has_manager(expr: ast.expr) -> bool:
    """``Model.objects...`` / ``obj.related_set...`` / ``Model._default_manager`` somewhere in the chain."""
    while True:
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Attribute):
            if expr.attr in ("objects", "_default_manager", "_base_manager") or expr.attr.endswith("_set"):
                return True
            expr = expr.value
        else:
            return False


def orm_writes(node: ast.AST) -> list[ast.Call]:
    """ORM write calls directly under ``node`` (not in nested functions)."""
    out = []
    for sub in walk_no_defs(node):
        if not (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)):
            continue
        attr = sub.func.attr
        if attr in QS_WRITES and _chain_has_manager(sub.func.value):
            out.append(sub)
        elif attr in ("save", "delete", "asave") and not sub.args and all(
                k.arg in ("update_fields", "using", "force_insert", "force_update") for k in sub.keywords) \
                and not _chain_has_manager(sub.func.value):
            out.append(sub)
    return out


def row_bindings(fn: ast.AST, resolve: Resolver) -> set[str]:
    """Local names bound to input rows: ``reader = csv.DictReader(fh)``, ``with open(p) as fh``,
    ``data = json.load(fh)``, and parameters named like rows (``rows``, ``records``, ``lines``)."""
    names: set[str] = set()
    if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        names |= {a.arg for a in [*fn.args.args, *fn.args.kwonlyargs] if a.arg in ROW_NAMES}
    changed = True
    while changed:
        changed = False
        for sub in walk_no_defs(fn):
            pairs: list[tuple[ast.expr, ast.expr]] = []
            if isinstance(sub, ast.Assign):
                pairs = [(t, sub.value) for t in sub.targets]
            elif isinstance(sub, (ast.With, ast.AsyncWith)):
                pairs = [(i.optional_vars, i.context_expr) for i in sub.items if i.optional_vars is not None]
            for target, value in pairs:
                if isinstance(target, ast.Name) and target.id not in names and is_rows(value, names, resolve):
                    names.add(target.id)
                    changed = True
    return names


def is_rows(expr: ast.expr, names: set[str], resolve: Resolver) -> bool:
    """Whether ``expr`` evaluates to input rows (or a file / document holding them)."""
    if isinstance(expr, ast.Name):
        return expr.id in names
    if isinstance(expr, ast.Subscript):  # data["donations"]
        return is_rows(expr.value, names, resolve)
    if isinstance(expr, ast.Call):
        target = resolve(expr.func) or ""
        if target in ROW_SOURCES:
            return True
        if isinstance(expr.func, ast.Attribute):
            if expr.func.attr in ROW_METHODS:
                return True
            if expr.func.attr in ("get", "values", "items") and is_rows(expr.func.value, names, resolve):
                return True
        if target in ("enumerate", "list", "sorted", "reversed", "iter", "islice", "itertools.islice") and expr.args:
            return is_rows(expr.args[0], names, resolve)
        if target == "range":  # chunk offsets over the rows: range(0, len(rows), 500)
            return any(isinstance(a, ast.Call) and resolve(a.func) == "len" and a.args
                       and is_rows(a.args[0], names, resolve) for a in expr.args)
    return False


def atomic_decorated(fn: ast.FunctionDef | ast.AsyncFunctionDef, resolve: Resolver) -> bool:
    for deco in fn.decorator_list:
        target = resolve(deco.func if isinstance(deco, ast.Call) else deco) or ""
        if target.endswith("transaction.atomic") or target == "atomic":
            return True
    return False


def is_atomic_with(node: ast.AST, resolve: Resolver) -> bool:
    if not isinstance(node, (ast.With, ast.AsyncWith)):
        return False
    for item in node.items:
        expr = item.context_expr
        target = resolve(expr.func if isinstance(expr, ast.Call) else expr) or ""
        if target.endswith("transaction.atomic") or target == "atomic":
            return True
    return False


def inside_atomic(fn: ast.AST, node: ast.AST, resolve: Resolver) -> bool:
    """``node`` sits in a ``with transaction.atomic():`` block of ``fn``."""
    for sub in walk_no_defs(fn):
        if is_atomic_with(sub, resolve) and any(n is node for n in walk_tree(sub)):
            return True
    return False


def catches_per_row(loop: ast.For | ast.AsyncFor) -> bool:
    """The loop body handles each row's failure itself (``try: ... except Exception: skip``): a
    deliberate skip-bad-rows import, not a half import."""
    for stmt in loop.body:
        if isinstance(stmt, ast.Try) and orm_writes(ast.Module(body=stmt.body, type_ignores=[])):
            for handler in stmt.handlers:
                names = [handler.type] if not isinstance(handler.type, ast.Tuple) else list(handler.type.elts)
                if handler.type is None or any(isinstance(n, ast.Name) and n.id in ("Exception", "BaseException")
                                               or isinstance(n, ast.Attribute) and n.attr == "Error"
                                               for n in names):
                    if not any(isinstance(s, ast.Raise) for s in walk_tree(handler)):
                        return True
    return False


def non_idempotent_writes(node: ast.AST) -> list[ast.Call]:
    """The writes under ``node`` that a re-run would repeat rather than reproduce: inserts (``create``,
    ``bulk_create``, ``save()`` of a newly constructed instance or after ``+=``), deletes, and updates with
    ``F()`` arithmetic. ``update(x=value)``, ``update_or_create`` and ``get_or_create`` converge on a re-run."""
    constructed = set()
    bumped = set()
    for sub in walk_no_defs(node):
        if isinstance(sub, ast.Assign) and isinstance(sub.value, ast.Call):
            func = sub.value.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name[:1].isupper():
                constructed |= {t.id for t in sub.targets if isinstance(t, ast.Name)}
        elif isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Attribute) \
                and isinstance(sub.target.value, ast.Name):
            bumped.add(sub.target.value.id)
    out = []
    guarded = _guarded_inserts(node)
    for call in orm_writes(node):
        attr = call.func.attr
        receiver = call.func.value
        if attr in ("create", "acreate") and id(call) in guarded:
            continue  # created only when a lookup found none: a re-run finds it and converges
        if attr in ("create", "acreate", "bulk_create", "abulk_create", "delete"):
            out.append(call)
        elif attr == "update" and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "F"
                                      for k in call.keywords for n in walk_tree(k.value)):
            out.append(call)
        elif attr in ("save", "asave") and (
                (isinstance(receiver, ast.Name) and (receiver.id in constructed or receiver.id in bumped))
                or (isinstance(receiver, ast.Call))):
            out.append(call)
    return out


def _guarded_inserts(node: ast.AST) -> set[int]:
    """ids of the calls under ``node`` in the body of an ``if`` that tests a lookup came back empty
    (``if not qs.exists():``, ``if qs.first() is None:``, ``if not qs.count():``)."""
    out: set[int] = set()
    for sub in walk_no_defs(node):
        if isinstance(sub, ast.If) and _tests_absence(sub.test):
            out |= {id(n) for stmt in sub.body for n in walk_no_defs(stmt)}
    return out


def _tests_absence(test: ast.expr) -> bool:
    def lookup(e: ast.expr) -> bool:
        return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                   and n.func.attr in ("exists", "first", "count", "aexists", "afirst", "acount") for n in walk_tree(e))

    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_tests_absence(v) for v in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return lookup(test.operand)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and (
            (isinstance(test.ops[0], ast.Is) and isinstance(test.comparators[0], ast.Constant)
             and test.comparators[0].value is None)
            or (isinstance(test.ops[0], ast.Eq) and isinstance(test.comparators[0], ast.Constant)
                and test.comparators[0].value == 0)):
        return lookup(test.left)
    return False
