"""CMD503: ``exclude()`` with several conditions across a multi-valued relation, meant for one related row."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.command._lib.relations import split_across
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

_MODELS = (
    "from django.db import models\n\n\n"
    "class BookingQuerySet(models.QuerySet):\n"
    "    def billable(self):\n"
    "        return self.exclude({exclude})\n\n\n"
    "class Booking(models.Model):\n"
    "    objects = BookingQuerySet.as_manager()\n\n\n"
    "class Adjustment(models.Model):\n"
    "    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name='adjustments')\n"
    "    kind = models.CharField(max_length=10)\n"
    "    status = models.CharField(max_length=10)\n")


class ExcludeAcrossMultiValued(Rule):
    """`exclude()` with several conditions on a multi-valued relation excludes rows that match them separately.

    ## What it does
    Finds `exclude(rel__a=x, rel__b=y)` where `rel` is the reverse side of a foreign key or a many-to-many
    relation (`booking.adjustments`), every condition goes through `rel`, and there is no `Q` argument.

    ## Why is this bad?
    Django documents that `exclude()` across a multi-valued relation does not require one related row to match
    all the conditions (unlike `filter()`): it removes a booking with a *rejected* waiver and, separately, an
    *approved* discount, as if it had an approved waiver. Invoices come out short, reports leave rows out, and
    nothing fails.

    ## Example
    ```python
    Booking.objects.exclude(adjustments__kind="waiver", adjustments__status="approved")
    ```

    ## Use instead
    ```python
    Booking.objects.exclude(adjustments__in=Adjustment.objects.filter(kind="waiver", status="approved"))
    ```

    ## Fix safety
    Unsafe: the conditions move into one `filter()` of the related model, and the row is excluded when one of
    its related rows is in that set - what the code says. Code that relied on the looser meaning (any related
    row for each condition) changes; that reading is rarely meant. The related model is imported at the top of
    the module, or inside the function when its module imports this one.
    """

    code = "CMD503"
    name = "exclude-across-multi-valued"
    bug_class = "C5"
    component_types = ("cli-tool", "scheduled-job", "background-worker")
    fix_safety = "unsafe"
    scope = "all"  # a queryset method runs wherever the component that calls it does

    VALID = (
        Example(path="bookings/models.py", code=_MODELS.format(
            exclude="adjustments__in=Adjustment.objects.filter(kind='waiver', status='approved')")),
        Example(path="bookings/models.py", code=_MODELS.format(exclude="adjustments__status='rejected'")),
    )
    INVALID = (
        Example(path="bookings/models.py",
                code=_MODELS.format(exclude="adjustments__kind='waiver', adjustments__status='approved'"),
                fixed=_MODELS.format(
                    exclude="adjustments__in=Adjustment.objects.filter(kind='waiver', status='approved')")),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            for call, rel, relation in _excludes(ctx.index, fn):
                yield self.finding(fn, call.func, (
                    f"exclude() with {len(call.keywords)} conditions across `{rel}` (many rows per row) drops a row "
                    f"when *any* {rel} row matches each condition, not one row matching all: exclude "
                    f"`{rel}__in=<{relation.model.rsplit('.', 1)[-1]} rows matching all>` instead"), file=fn.file)

    def _found(self, index: "RepoIndex", finding: Finding):
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        return next(((fn, call, rel, relation) for call, rel, relation in _excludes(index, fn)
                     if (call.func.lineno, call.func.col_offset) == (finding.line, finding.col)), None)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        found = self._found(index, finding)
        if found is None:
            return None
        fn, call, rel, relation = found
        module = index.module_of(fn)
        source = module.source
        related = relation.model.rsplit(".", 1)[-1]
        rel_module = relation.model.rsplit(".", 1)[0]
        if related in module.classes and relation.model != f"{module.module}.{related}":
            return None
        # importable here only through a module-level import (a function's own import binds nothing here)
        top = {a.asname or a.name for stmt in module.tree.body if isinstance(stmt, ast.ImportFrom)
               for a in stmt.names}
        local_name = related if (related in module.classes or (
            related in top and module.imports.get(related) == relation.model)) else None
        inner = ", ".join(f"{k.arg.split('__', 1)[1]}={ast.get_source_segment(source, k.value)}" for k in call.keywords)
        first, last = call.keywords[0], call.keywords[-1]
        lines = source.splitlines(keepends=True)
        offset = lambda line, col: sum(len(x) for x in lines[:line - 1]) + col  # noqa: E731 (ASCII columns)
        start = offset(first.lineno, first.col_offset)
        end = offset(last.end_lineno, last.end_col_offset)
        text = f"{rel}__in={related}.objects.filter({inner})"
        own_line = not lines[first.lineno - 1][:first.col_offset].strip()
        if own_line and first.col_offset + len(text) > 99:  # black's layout: the filter's conditions one a line
            pad = " " * first.col_offset
            parts = "".join(f"{pad}    {k.arg.split('__', 1)[1]}={ast.get_source_segment(source, k.value)},\n"
                            for k in call.keywords)
            text = f"{rel}__in={related}.objects.filter(\n{parts}{pad})"
        new = source[:start] + text + source[end:]
        if local_name is None:
            imports_us = module.module in index.modules.get(rel_module, module).imports.values() or any(
                v.startswith(module.module) for v in getattr(index.modules.get(rel_module), "imports", {}).values())
            if imports_us:  # its module imports this one: import it where it is used, as Django code does
                body_line = fn.node.body[0].lineno
                if isinstance(fn.node.body[0], ast.Expr) and isinstance(fn.node.body[0].value, ast.Constant):
                    body_line = fn.node.body[0].end_lineno + 1
                new_lines = new.splitlines(keepends=True)
                indent = " " * fn.node.body[0].col_offset
                new_lines.insert(body_line - 1, f"{indent}from {rel_module} import {related}\n\n")
                new = "".join(new_lines)
            else:
                from rootfix.codemod.imports import add_from_import
                new = add_from_import(new, rel_module, related, first_party=index.first_party)
        try:
            ast.parse(new)
        except SyntaxError:
            return None
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """A row the method keeps, given one related row per condition (each matching only that one): kept."""
        found = self._found(index, finding)
        if found is None:
            return None
        fn, call, rel, _ = found
        args = fn.node.args
        if fn.class_name is None or "." in fn.class_name or len(args.args) - len(args.defaults) != 1:
            return None  # a method of a QuerySet / Manager class the test can call without arguments
        conditions = [(k.arg.split("__", 1)[1], ast.get_source_segment(index.module_of(fn).source, k.value))
                      for k in call.keywords]
        if any("__" in name for name, _ in conditions):
            return None
        return DirectTest(fn.symbol, fn.file, ("cmd503_exclude_same_related_row",), dict(
            owner_repr=repr(fn.class_name), method_repr=repr(fn.node.name), method=fn.node.name, rel=rel,
            rel_repr=repr(rel), conditions_repr=repr(conditions)))


def _excludes(index: "RepoIndex", fn: "FunctionInfo"):
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "exclude":
            found = split_across(node, index)
            if found is not None:
                yield node, found[0], found[1]
