"""Driver variables that executor code mutates (a list appended to, a counter incremented) and the driver reads."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from rootfix.discover.walk import walk_tree

MUTATORS = frozenset({"append", "extend", "add", "update", "insert", "setdefault", "pop", "remove", "clear",
                      "discard", "appendleft", "popitem"})


@dataclass(frozen=True)
class Mutation:
    name: str
    node: ast.AST  # the statement or call that mutates
    counter: bool  # ``name += <expr>`` after ``nonlocal``/``global``


def _is_accumulator(value: ast.AST, names: set[str], attrs: set[str]) -> bool:
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "accumulator":
        return True
    if isinstance(value, ast.Name):
        return value.id in names
    return isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) \
        and value.value.id in ("self", "cls") and value.attr in attrs


def accumulators(*scopes: ast.AST) -> set[str]:
    """Names bound to ``<sc>.accumulator(...)`` in the given scopes: directly, through tuple unpacking, or
    from an accumulator kept on the instance (``self.total = sc.accumulator(0)``; ``total = self.total``)."""
    return _accumulated(scopes)[0]


def accumulator_attrs(*scopes: ast.AST) -> set[str]:
    """Instance attributes the given scopes (a class) set to accumulators (``self.malformed = sc.accumulator(0)``)."""
    return _accumulated(scopes)[1]


def _accumulated(scopes: tuple[ast.AST, ...]) -> tuple[set[str], set[str]]:
    names: set[str] = set()
    attrs: set[str] = set()
    pairs: list[tuple[ast.expr, ast.expr]] = []
    for scope in scopes:
        for node in walk_tree(scope):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if isinstance(target, (ast.Tuple, ast.List)) and isinstance(node.value, (ast.Tuple, ast.List)) \
                        and len(target.elts) == len(node.value.elts):
                    pairs += list(zip(target.elts, node.value.elts))
                else:
                    pairs.append((target, node.value))
    for _ in range(3):  # a name bound to another accumulator name: a few rounds settle it
        for target, value in pairs:
            if not _is_accumulator(value, names, attrs):
                continue
            if isinstance(target, ast.Name):
                names.add(target.id)
            elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id in ("self", "cls"):
                attrs.add(target.attr)
    return names, attrs


def _self_attr(node: ast.AST, selfname: str | None) -> str | None:
    """``attr`` for ``self.attr`` (the method's own instance)."""
    if selfname and isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == selfname:
        return node.attr
    return None


def mutations(closure: ast.AST, local: set[str]) -> list[Mutation]:
    """Mutations of names ``closure`` does not bind itself (``local``), and, in a method, of containers and
    counters on its instance (``self.rejected[key] += 1``: the instance is a pickled copy on an executor)."""
    declared = {n for node in walk_tree(closure) if isinstance(node, (ast.Nonlocal, ast.Global)) for n in node.names}
    out: list[Mutation] = []
    args = closure.args.args if isinstance(closure, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
    selfname = args[0].arg if args and args[0].arg == "self" else None
    for node in walk_tree(closure):
        if selfname:
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    attr = _self_attr(t.value, selfname) if isinstance(t, ast.Subscript) else \
                        (_self_attr(t, selfname) if isinstance(node, ast.AugAssign) else None)
                    if attr:
                        out.append(Mutation(attr, node, False))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
                attr = _self_attr(node.func.value, selfname)
                if attr:
                    out.append(Mutation(attr, node, False))
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id in declared:
            out.append(Mutation(node.target.id, node, isinstance(node.op, (ast.Add, ast.Sub))))
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name) and t.id in declared:
                    out.append(Mutation(t.id, node, False))
                elif isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id not in local:
                    out.append(Mutation(t.value.id, node, False))
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Subscript) \
                and isinstance(node.target.value, ast.Name) and node.target.value.id not in local:
            out.append(Mutation(node.target.value.id, node, False))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id not in local:
            out.append(Mutation(node.func.value.id, node, False))
    return out


def driver_reads(owner: ast.AST, name: str, after_line: int, skip: ast.AST) -> list[ast.AST]:
    """Loads of ``name`` in ``owner`` after ``after_line``, outside ``skip`` (the executor code)."""
    inside = {id(n) for n in walk_tree(skip)}
    out = []
    for node in walk_tree(owner):
        if id(node) in inside or getattr(node, "lineno", 0) <= after_line:
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            out.append(node)
        elif isinstance(node, ast.Attribute) and node.attr == name and isinstance(node.ctx, ast.Load):
            out.append(node)
    return out
