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
from libcst.metadata import MetadataWrapper, PositionProvider

from rootfix.codemod import with_imports
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

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
    for sub in walk_tree(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            out.add(sub.id)
    return out


def _unstable(fn: "FunctionInfo", call: ast.Call) -> bool:
    """Would ``lambda: call`` see other argument values at commit time than ``call`` sees now?"""
    used = {n.id for n in walk_tree(call) if isinstance(n, ast.Name)}
    used_attrs = {ast.unparse(n) for n in walk_tree(call) if isinstance(n, (ast.Attribute, ast.Subscript))}
    # values computed by calls in the arguments (not the enqueue's own receiver chain)
    func_nodes = {id(n) for n in walk_tree(call.func)}
    for sub in walk_tree(call):
        if isinstance(sub, ast.Call) and sub is not call and id(sub) not in func_nodes:
            return True
    # a delete receiver: Django clears instance.pk once the delete is done, before any commit
    if any("delete" in ast.unparse(d) for d in fn.node.decorator_list):
        return True
    for node in walk_tree(fn.node):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "delete"
                and ast.unparse(node.func.value) in used | used_attrs and node.lineno > call.lineno):
            return True  # deleting the object later clears its pk
    for node in walk_tree(fn.node):
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            body_nodes = [node] if isinstance(node, ast.comprehension) else [node]
            if any(call is sub for b in body_nodes for sub in walk_tree(b)):
                if used & _assigned_names(node):
                    return True  # re-bound on the next iteration
                for sub in walk_tree(node):
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
    def __init__(self, target: cst.Call, on_commit: str, partial: str | None, using: str | None = None) -> None:
        self.target = target
        self.on_commit = cst.parse_expression(on_commit)
        self.partial = cst.parse_expression(partial) if partial else None
        self.using = cst.parse_expression(using) if using else None
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
        args = [cst.Arg(callback)]
        if self.using is not None:
            args = [cst.Arg(callback, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Arg(self.using, keyword=cst.Name("using"),
                            equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                                  whitespace_after=cst.SimpleWhitespace("")))]
        return cst.Call(func=self.on_commit, args=args)


def wrap_in_on_commit(index: "RepoIndex", finding: Finding) -> Patch | None:
    """The WRK301 fix for one finding (the enqueue's file only), or None when it cannot be made safely."""
    from rootfix.rules.worker import _enqueue as E

    module = index.by_path.get(finding.file)
    fn = index.enclosing_function(finding.file, finding.line)
    if module is None or fn is None:
        return None
    call = next((n for n in walk_tree(fn.node) if isinstance(n, ast.Call) and n.lineno == finding.line
                 and n.col_offset == finding.col and E.enqueue_of(index, module, n) is not None), None)
    if call is None:
        return None
    facts = E.FunctionFacts.of(index, fn)
    found_using = _scope_using(index, fn, call)
    if found_using is False:
        return None  # a transaction on a database named by a value the enqueue's function cannot see
    using = found_using or None
    parent = facts.parents.get(id(call))
    if not isinstance(parent, ast.Expr):
        # the result is used: wrap the enqueue and the statements that use it in a local function
        return _wrap_with_users(index, module, fn, facts, call, parent, using)
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
    transformer = _Wrap(target, on_commit, partial, using)
    tree = wrapper.module.visit(transformer)
    if not transformer.done:
        return None
    tree = with_imports(tree, (on_commit_import, partial_import), index.first_party)
    new = tree.code
    if new == module.source:
        return None
    return Patch(changes=(FileChange(finding.file, module.source, new),))


def _scope_using(index: "RepoIndex", fn: "FunctionInfo", call: ast.Call) -> str | None | bool:
    """The ``using=`` the deferral needs (source text), None for the default database, or False when the
    transaction's database is named by a value that is not visible where the enqueue is."""
    from rootfix.project import enqueue as PE
    from rootfix.project import transactions as T

    site = next((s for c, _, s in PE.enqueue_sites(index, fn) if c is call), call)
    scope = T.scope_at(index, fn, site)
    if scope is None or scope.using is None:
        return None
    try:
        ast.literal_eval(scope.using)
        return scope.using
    except (ValueError, SyntaxError):
        pass
    # a name: usable only when the atomic block is in this very function
    if not scope.hops and scope.file == fn.file and fn.line <= scope.line <= fn.end_line:
        return scope.using
    # a model signal's receiver is sent the alias the row was saved to: the transaction's, when the save
    # inside ``atomic(using=X)`` went to X (the router's choice for the model)
    return receiver_using(index, fn) or False


def receiver_using(index: "RepoIndex", fn: "FunctionInfo") -> str | None:
    """``using`` (or ``kwargs["using"]``) in a receiver of a transaction-bound model signal, else None."""
    from rootfix.project.model import Project

    if fn.qualname not in Project.of(index).signal_receivers:
        return None
    args = fn.node.args
    if "using" in [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]:
        return "using"
    return f'{args.kwarg.arg}["using"]' if args.kwarg is not None else None


_STOPS = (ast.Return, ast.Yield, ast.YieldFrom, ast.Await, ast.Break, ast.Continue, ast.Nonlocal, ast.Global)


def _loads(node: ast.AST) -> set[str]:
    return {n.id for n in walk_tree(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _block_with(root: ast.AST, stmt: ast.stmt) -> list[ast.stmt] | None:
    for node in walk_tree(root):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and stmt in block:
                return block
        for h in getattr(node, "handlers", []) or []:
            if stmt in h.body:
                return h.body
    return None


def _wrap_with_users(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo", facts, call: ast.Call,
                     parent: ast.AST, using: str | None) -> Patch | None:
    """``job = q.enqueue(...); obj.job_id = job.id; obj.save()`` -> a local function holding the three
    statements, passed to ``on_commit``; names the group reads that change later are bound now as
    default arguments. None when the group cannot be moved safely (it returns, yields, or its names are
    read after it)."""
    if not (isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is call):
        return None
    targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
    if not all(isinstance(t, ast.Name) for t in targets):
        return None
    block = _block_with(fn.node, parent)
    if block is None:
        return None
    names = {t.id for t in targets}
    touched: set[str] = set()
    group = [parent]
    for stmt in block[block.index(parent) + 1:]:
        reads = _loads(stmt)
        uses = bool(reads & names)
        follows = False
        if not uses and touched:  # obj.save() / obj.field = ... after obj.job_id = job.id
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(
                    stmt.value.func, ast.Attribute) and isinstance(stmt.value.func.value, ast.Name):
                follows = stmt.value.func.value.id in touched
        if not (uses or follows):
            break
        group.append(stmt)
        for sub in walk_tree(stmt):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                names.add(sub.id)
            elif isinstance(sub, (ast.Attribute, ast.Subscript)) and isinstance(sub.ctx, ast.Store):
                base = sub.value
                while isinstance(base, (ast.Attribute, ast.Subscript)):
                    base = base.value
                if isinstance(base, ast.Name):
                    touched.add(base.id)
    last = group[-1]
    if any(isinstance(n, _STOPS) for s in group for n in walk_tree(s)):
        return None
    end = last.end_lineno or last.lineno
    for node in walk_tree(fn.node):
        if (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names
                and getattr(node, "lineno", 0) > end):
            return None  # the result is read after the group: it would not exist any more
    lines = module.source.splitlines(keepends=True)
    first = group[0]
    indent = lines[first.lineno - 1][:first.col_offset]
    if indent.strip() or any(lines[s.lineno - 1][:s.col_offset] != indent for s in group):
        return None
    after = lines[end - 1][len(lines[end - 1].rstrip("\r\n")):]
    if lines[end - 1].rstrip("\r\n")[(last.end_col_offset or 0):].strip(" ;"):
        return None  # another statement on the same line
    # names read by the group that change after it (loop variables, re-bound names) are bound now
    reads = set().union(*(_loads(s) for s in group)) - names
    loop_targets: set[str] = set()
    for node in walk_tree(fn.node):
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and any(
                first is sub for sub in walk_tree(node)):
            loop_targets |= _assigned_names(node)
    later = {n.id for n in walk_tree(fn.node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
             and getattr(n, "lineno", 0) > end}
    bound = sorted(reads & (loop_targets | later))
    label = call.func.attr if isinstance(call.func, ast.Attribute) else "job"
    task = E_label(index, module, call)
    used = {n.id for n in walk_tree(fn.node) if isinstance(n, ast.Name)} | {
        n.name for n in walk_tree(fn.node) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    name = f"_{label}_{task}" if task else f"_{label}"
    while name in used:
        name += "_"
    on_commit, on_commit_import = _on_commit_name(module)
    params = ", ".join(f"{b}={b}" for b in bound)
    body = "".join((indent + "    " + ln[len(indent):]) if ln.strip() else ln
                   for ln in lines[first.lineno - 1:end])
    nl = after or "\n"
    new_lines = [f"{indent}def {name}({params}):{nl}", body,
                 f"{indent}{on_commit}({name}" + (f", using={using}" if using else "") + f"){nl}"]
    source = "".join(lines[:first.lineno - 1] + new_lines + lines[end:])
    tree = cst.parse_module(source)
    tree = with_imports(tree, (on_commit_import,), index.first_party)
    return Patch(changes=(FileChange(module.path, module.source, tree.code),))


def E_label(index: "RepoIndex", module: "ModuleInfo", call: ast.Call) -> str:
    from rootfix.rules.worker import _enqueue as E

    enq = E.enqueue_of(index, module, call)
    if enq is None:
        return ""
    text = enq.task.label.rsplit(".", 1)[-1]
    return "".join(ch for ch in text if ch.isalnum() or ch == "_").strip("_")
