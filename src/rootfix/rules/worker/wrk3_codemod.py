"""The WRK301 codemod: defer an enqueue with ``transaction.on_commit`` (LibCST, formatting kept).

``wrap_in_on_commit`` turns the statement ``task.delay(order.pk)`` into
``transaction.on_commit(lambda: task.delay(order.pk))`` — or, when an argument would be read too
late by a lambda (a loop variable, a name re-bound or an attribute assigned after the enqueue, a
value computed by a call), into ``transaction.on_commit(partial(task.delay, order.pk))``, which
binds the values now. The module's import style is kept: ``from django.db import transaction``
-> ``transaction.on_commit``; ``from django.db.transaction import atomic`` -> ``on_commit`` added
to that import; nothing -> ``from django.db import transaction`` added.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import MetadataWrapper, PositionProvider

from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex


def _char_col(source_line: str, byte_col: int) -> int:
    return len(source_line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))


def find_call(wrapper: MetadataWrapper, line: int, col: int, end_line: int | None,
              end_col: int | None) -> cst.Call | None:
    """The outermost LibCST ``Call`` spanning exactly (line, col)-(end_line, end_col) (char columns)."""
    positions = wrapper.resolve(PositionProvider)
    best = None
    for node, pos in positions.items():
        if not isinstance(node, cst.Call):
            continue
        if pos.start.line == line and pos.start.column == col and (
                end_line is None or (pos.end.line == end_line and pos.end.column == end_col)):
            if best is None or (pos.end.line, pos.end.column) > (positions[best].end.line, positions[best].end.column):
                best = node
    return best


def _assigned_names(node: ast.AST) -> set[str]:
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            out.add(sub.id)
    return out


def _unstable(fn: "FunctionInfo", call: ast.Call) -> bool:
    """Would ``lambda: call`` see other argument values at commit time than ``call`` sees now?"""
    used = {n.id for n in ast.walk(call) if isinstance(n, ast.Name)}
    used_attrs = {ast.unparse(n) for n in ast.walk(call) if isinstance(n, (ast.Attribute, ast.Subscript))}
    # values computed by calls in the arguments (not the enqueue's own receiver chain)
    func_nodes = {id(n) for n in ast.walk(call.func)}
    for sub in ast.walk(call):
        if isinstance(sub, ast.Call) and sub is not call and id(sub) not in func_nodes:
            return True
    # a delete receiver: Django clears instance.pk once the delete is done, before any commit
    if any("delete" in ast.unparse(d) for d in fn.node.decorator_list):
        return True
    for node in ast.walk(fn.node):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "delete"
                and ast.unparse(node.func.value) in used | used_attrs and node.lineno > call.lineno):
            return True  # deleting the object later clears its pk
    for node in ast.walk(fn.node):
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            body_nodes = [node] if isinstance(node, ast.comprehension) else [node]
            if any(call is sub for b in body_nodes for sub in ast.walk(b)):
                if used & _assigned_names(node):
                    return True  # re-bound on the next iteration
                for sub in ast.walk(node):
                    if isinstance(sub, (ast.Attribute, ast.Subscript)) and isinstance(sub.ctx, ast.Store) \
                            and ast.unparse(sub) in used_attrs:
                        return True
        line = getattr(node, "lineno", 0)
        if line <= (call.end_lineno or call.lineno):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in used:
            return True
        if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, ast.Store) \
                and ast.unparse(node) in used_attrs:
            return True
        if isinstance(node, ast.AugAssign) and ast.unparse(node.target) in used | used_attrs:
            return True
    return False


def _local_for(module: "ModuleInfo", dotted: str) -> str | None:
    for local, target in module.imports.items():
        if target == dotted:
            return local
    return None


def _on_commit_name(module: "ModuleInfo") -> tuple[str, tuple[str, str] | None]:
    """(expression text for on_commit, import to add or None)."""
    direct = _local_for(module, "django.db.transaction.on_commit")
    if direct:
        return direct, None
    tx = _local_for(module, "django.db.transaction")
    if tx:
        return f"{tx}.on_commit", None
    if any(t.startswith("django.db.transaction.") for t in module.imports.values()):
        return "on_commit", ("django.db.transaction", "on_commit")
    return "transaction.on_commit", ("django.db", "transaction")


def _partial_name(module: "ModuleInfo") -> tuple[str, tuple[str, str] | None]:
    direct = _local_for(module, "functools.partial")
    if direct:
        return direct, None
    ft = _local_for(module, "functools")
    if ft:
        return f"{ft}.partial", None
    return "partial", ("functools", "partial")


class _Wrap(cst.CSTTransformer):
    def __init__(self, target: cst.Call, on_commit: str, partial: str | None) -> None:
        self.target = target
        self.on_commit = cst.parse_expression(on_commit)
        self.partial = cst.parse_expression(partial) if partial else None
        self.done = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if original is not self.target:
            return updated
        self.done = True
        if self.partial is not None:
            inner_args = [cst.Arg(updated.func), *updated.args]
            fixed_args = []
            for i, a in enumerate(inner_args):
                if i < len(inner_args) - 1:
                    comma = a.comma if isinstance(a.comma, cst.Comma) else cst.Comma(
                        whitespace_after=cst.SimpleWhitespace(" "))
                    fixed_args.append(a.with_changes(comma=comma))
                else:
                    fixed_args.append(a.with_changes(comma=cst.MaybeSentinel.DEFAULT))
            callback: cst.BaseExpression = cst.Call(func=self.partial, args=fixed_args)
        else:
            callback = cst.Lambda(params=cst.Parameters(), body=updated)
        return cst.Call(func=self.on_commit, args=[cst.Arg(callback)])


def wrap_in_on_commit(index: "RepoIndex", finding: Finding) -> Patch | None:
    """The WRK301 fix for one finding (the enqueue's file only), or None when it cannot be made safely."""
    from rootfix.rules.worker import _enqueue as E

    module = index.by_path.get(finding.file)
    fn = index.enclosing_function(finding.file, finding.line)
    if module is None or fn is None:
        return None
    call = next((n for n in ast.walk(fn.node) if isinstance(n, ast.Call) and n.lineno == finding.line
                 and n.col_offset == finding.col and E.enqueue_of(index, module, n) is not None), None)
    if call is None:
        return None
    facts = E.FunctionFacts.of(index, fn)
    parent = facts.parents.get(id(call))
    if not isinstance(parent, ast.Expr):
        return None  # the result is used: on_commit would return None instead
    lines = module.source.splitlines()
    line_text = lines[call.lineno - 1]
    end_text = lines[(call.end_lineno or call.lineno) - 1]
    wrapper = MetadataWrapper(cst.parse_module(module.source))
    target = find_call(wrapper, call.lineno, _char_col(line_text, call.col_offset), call.end_lineno,
                       _char_col(end_text, call.end_col_offset or 0))
    if target is None:
        return None
    on_commit, on_commit_import = _on_commit_name(module)
    partial, partial_import = (None, None)
    if _unstable(fn, call):
        partial, partial_import = _partial_name(module)
    transformer = _Wrap(target, on_commit, partial)
    tree = wrapper.module.visit(transformer)
    if not transformer.done:
        return None
    context = CodemodContext()
    for imp in (on_commit_import, partial_import):
        if imp:
            AddImportsVisitor.add_needed_import(context, imp[0], imp[1])
    tree = AddImportsVisitor(context).transform_module(tree)
    new = tree.code
    if new == module.source:
        return None
    return Patch(changes=(FileChange(finding.file, module.source, new),))
