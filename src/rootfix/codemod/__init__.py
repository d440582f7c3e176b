"""Shared LibCST helpers for the rules' codemods.

LibCST trees are built only for the files being fixed (detection uses :mod:`ast`), so every
helper here takes source text or a ``libcst.Module`` and keeps formatting and comments.
Locations come from the ``ast`` findings (1-based line, 0-based column).
"""
from __future__ import annotations

import ast
import sys
from typing import Callable, Sequence, TypeVar

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from rootfix.discover.parse import parse_tree
from rootfix.discover.walk import walk_tree

N = TypeVar("N", bound=cst.CSTNode)


# --------------------------------------------------------------------------- positions
def positions(module: cst.Module) -> tuple[cst.Module, dict[cst.CSTNode, tuple[int, int]]]:
    """``(module, node -> (line, column))`` for every node, on a metadata-resolved copy of ``module``."""
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    pos = wrapper.resolve(PositionProvider)
    return wrapper.module, {node: (p.start.line, p.start.column) for node, p in pos.items()}


def nodes_at(module: cst.Module, line: int, kind: type[N] | tuple[type, ...],
             col: int | None = None) -> list[N]:
    """Nodes of ``kind`` starting at ``line`` (and ``col`` when given), outermost first."""
    module, pos = positions(module)
    found = [n for n, (ln, c) in pos.items() if ln == line and isinstance(n, kind) and (col is None or c == col)]
    return found  # type: ignore[return-value]


class _Replace(cst.CSTTransformer):
    def __init__(self, target: cst.CSTNode, make: Callable[[cst.CSTNode], cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel]) -> None:
        self.target = target
        self.make = make
        self.done = False

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):  # type: ignore[override]
        if original is self.target:
            self.done = True
            return self.make(updated)
        return updated


def replace_node(module: cst.Module, target: cst.CSTNode,
                 make: Callable[[cst.CSTNode], cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel]) -> cst.Module:
    """``module`` with ``target`` (a node of this very tree, by identity) replaced by ``make(target)``."""
    tr = _Replace(target, make)
    out = module.visit(tr)
    if not tr.done:
        raise LookupError("node to replace not found in module")
    return out  # type: ignore[return-value]


def find_at(module: cst.Module, line: int, kind: type[N] | tuple[type, ...], col: int | None = None,
            where: Callable[[N], bool] | None = None) -> tuple[cst.Module, N | None]:
    """The (metadata-resolved) module and the first node of ``kind`` at ``line``/``col`` matching ``where``.

    Use the returned module with :func:`replace_node`: node identity is per tree.
    """
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    pos = wrapper.resolve(PositionProvider)
    best: N | None = None
    for node, p in pos.items():
        if p.start.line == line and isinstance(node, kind) and (col is None or p.start.column == col):
            if where is None or where(node):  # type: ignore[arg-type]
                best = node  # type: ignore[assignment]
                break
    return wrapper.module, best


def code_of(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


# --------------------------------------------------------------------------- imports
def _import_from_module(node: cst.ImportFrom) -> str:
    if node.module is None:
        return ""
    return code_of(node.module)


def imported_name(source: str, module: str, name: str) -> str | None:
    """The local name bound to ``module.name`` by a top-level ``from module import name [as x]``."""
    tree = parse_tree(source)
    for stmt in walk_tree(tree):
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module == module:
            for alias in stmt.names:
                if alias.name == name:
                    return alias.asname or alias.name
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name == module and alias.asname:
                    return f"{alias.asname}.{name}"
    return None


def bound_names(source: str) -> set[str]:
    """Names bound at module level (imports, defs, classes, assignments)."""
    tree = parse_tree(source)
    out: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                out.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Name):
                    out.add(t.id)
    return out


def _top_package(dotted: str) -> str:
    return dotted.split(".")[0]


def add_import(module: cst.Module, from_module: str, name: str, alias: str | None = None,
               first_party: frozenset[str] | set[str] = frozenset()) -> tuple[cst.Module, str]:
    """Make ``from from_module import name`` available; return the new module and the local name.

    Reuses an existing import of the name; otherwise adds it in the project's isort/ruff style
    (:func:`rootfix.codemod.imports.add_from_import`: its section, its order, one name per line when the file
    writes them so). ``first_party``: the project's top-level packages (else guessed from relative imports).
    """
    from rootfix.codemod.imports import add_from_import

    source = module.code
    existing = imported_name(source, from_module, name)
    if existing and (alias is None or existing == alias):
        return module, existing
    new = add_from_import(source, from_module, name, alias, first_party)
    return cst.parse_module(new), alias or name


def with_imports(module: cst.Module, imports: Sequence[tuple[str, str | None] | None],
                 first_party: frozenset[str] | set[str] = frozenset()) -> cst.Module:
    """``module`` with each ``(from_module, name)`` imported in the project's isort/ruff style (its section,
    its order), as :func:`add_import` does; ``None`` entries are skipped; ``first_party``: the project's
    top-level packages (``RepoIndex.first_party``). (LibCST's ``AddImportsVisitor`` appends after the last
    import, a third-party import below the relative ones.)"""
    for imp in imports:
        if imp is None:
            continue
        from_module, name = imp
        if name is None:
            from libcst.codemod import CodemodContext
            from libcst.codemod.visitors import AddImportsVisitor

            context = CodemodContext()
            AddImportsVisitor.add_needed_import(context, from_module)
            module = AddImportsVisitor(context).transform_module(module)
            continue
        module, _ = add_import(module, from_module, name, first_party=first_party)
    return module


def import_name(module: cst.Module, from_module: str, name: str) -> tuple[cst.Module, str]:
    """Like :func:`add_import`, but picks ``<Alias>`` when ``name`` is already bound to something else
    (e.g. urllib3's ``Retry`` in a module that needs Celery's)."""
    source = module.code
    existing = imported_name(source, from_module, name)
    if existing:
        return module, existing
    if name in bound_names(source) or name in _local_names(source):
        alias = f"{from_module.split('.')[0].capitalize()}{name}"
        return add_import(module, from_module, name, alias)
    return add_import(module, from_module, name)


def _local_names(source: str) -> set[str]:
    out: set[str] = set()
    for node in walk_tree(parse_tree(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
    return out


# --------------------------------------------------------------------------- loggers
_LOGGER_FACTORIES = ("getLogger", "get_task_logger", "get_logger", "getChild")


def module_logger(source: str) -> str | None:
    """The module-level logger's name: ``logger = logging.getLogger(__name__)``, ``log = get_task_logger(...)``,
    ``logger = structlog.get_logger()``; None when the module has none."""
    tree = parse_tree(source)
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            value = stmt.value
            if isinstance(value, ast.Call):
                func = value.func
                attr = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                if attr in _LOGGER_FACTORIES:
                    return stmt.targets[0].id
    return None


def is_log_call(node: ast.AST, logger_names: Sequence[str] = ()) -> bool:
    """``logger.warning(...)``, ``log.exception(...)``, ``logging.error(...)``, ``print(...)``."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "print"
    if isinstance(func, ast.Attribute) and func.attr in (
            "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "msg"):
        base = func.value
        name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
        return name in logger_names or "log" in name.lower()
    return False


# --------------------------------------------------------------------------- decorators / calls
def with_keywords(call: cst.Call, keywords: Sequence[tuple[str, str]], first: bool = False) -> cst.Call:
    """``call`` with extra ``name=value`` keyword arguments (values as source), keeping its layout.

    ``first`` puts them before the existing arguments (``bind=True`` reads best first).
    """
    args = list(call.args)
    new = [cst.Arg(keyword=cst.Name(k), value=cst.parse_expression(v),
                   equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                         whitespace_after=cst.SimpleWhitespace("")))
           for k, v in keywords]
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if not args:
        return call.with_changes(args=[a.with_changes(comma=comma) for a in new[:-1]] + [new[-1]])
    if first:
        return call.with_changes(args=[a.with_changes(comma=comma) for a in new] + args)
    last = args[-1]
    multiline = "\n" in code_of(call)
    if multiline and isinstance(last.comma, cst.Comma):
        # trailing-comma, one-argument-per-line layout: copy the last argument's spacing
        ws = last.comma
        return call.with_changes(args=args + [a.with_changes(comma=ws) for a in new])
    args[-1] = last.with_changes(comma=comma)
    tail = [a.with_changes(comma=comma) for a in new[:-1]] + [new[-1].with_changes(comma=last.comma)]
    return call.with_changes(args=args + tail)


def decorator_with_keywords(deco: cst.Decorator, keywords: Sequence[tuple[str, str]], first: bool = False) -> cst.Decorator:
    """``@shared_task`` -> ``@shared_task(bind=True)``; ``@app.task(x=1)`` -> ``@app.task(bind=True, x=1)``."""
    expr = deco.decorator
    if isinstance(expr, cst.Call):
        return deco.with_changes(decorator=with_keywords(expr, keywords, first))
    return deco.with_changes(decorator=with_keywords(cst.Call(func=expr), keywords, first))


def add_first_param(fn: cst.FunctionDef, name: str) -> cst.FunctionDef:
    """``def f(a, b)`` -> ``def f(name, a, b)``."""
    params = fn.params
    new = cst.Param(name=cst.Name(name))
    if params.posonly_params:
        return fn.with_changes(params=params.with_changes(
            posonly_params=[new.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                            *params.posonly_params]))
    if params.params or params.star_arg is not cst.MaybeSentinel.DEFAULT or params.kwonly_params or params.star_kwarg:
        return fn.with_changes(params=params.with_changes(
            params=[new.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), *params.params]))
    return fn.with_changes(params=params.with_changes(params=[new]))


def function_at(module: cst.Module, line: int, name: str) -> tuple[cst.Module, cst.FunctionDef | None]:
    """The ``def name`` whose ``def`` line (as :mod:`ast` reports it) is ``line``."""
    module, name_node = find_at(module, line, cst.Name, where=lambda n: n.value == name)
    if name_node is None:
        return module, None
    found: list[cst.FunctionDef] = []

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            if node.name is name_node:
                found.append(node)

    module.visit(V())
    return module, (found[0] if found else None)


def parent_of(module: cst.Module, child: cst.CSTNode, kind: type[N]) -> N | None:
    """The innermost node of ``kind`` containing ``child`` (by identity)."""
    stack: list[cst.CSTNode] = []
    found: list[cst.CSTNode] = []

    class V(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if found:
                return False
            if node is child:
                found.extend(n for n in reversed(stack) if isinstance(n, kind))
                return False
            stack.append(node)
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            if stack and stack[-1] is original_node:
                stack.pop()

    module.visit(V())
    return found[0] if found else None  # type: ignore[return-value]


def parse_fix_none(stmt: cst.CSTNode) -> cst.CSTNode:
    """``x = None`` class attributes are bounded to 5 (used for ``max_retries = None``); other nodes unchanged."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign):
        assign = stmt.body[0]
        target = assign.targets[0].target
        if isinstance(target, cst.Name) and target.value == "max_retries" and isinstance(assign.value, cst.Name) \
                and assign.value.value == "None":
            return stmt.with_changes(body=[assign.with_changes(value=cst.Integer("5"))])
    return stmt


def import_in_group(module: cst.Module, from_module: str, name: str, local_packages: frozenset[str] | set[str] = frozenset()
                    ) -> tuple[cst.Module, str]:
    """Like :func:`import_name`, with the project's top-level packages known (``local_packages``), so the new
    line goes into its isort section (third party before first party)."""
    source = module.code
    if imported_name(source, from_module, name) or name in bound_names(source) or name in _local_names(source):
        return import_name(module, from_module, name)
    return add_import(module, from_module, name, first_party=local_packages)

