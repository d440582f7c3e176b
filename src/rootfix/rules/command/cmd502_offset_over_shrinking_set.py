"""CMD502: offset pagination over a filtered queryset that the loop's own writes shrink (rows are skipped)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.types import Finding

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo


def _filter_fields(expr: ast.expr) -> set[str]:
    """Fields a queryset chain filters on: ``X.objects.filter(processed=False, tries__lt=3)`` -> {processed, tries}."""
    out: set[str] = set()
    while True:
        if isinstance(expr, ast.Call):
            if isinstance(expr.func, ast.Attribute) and expr.func.attr in ("filter", "exclude"):
                out |= {k.arg.split("__")[0] for k in expr.keywords if k.arg}
            expr = expr.func
        elif isinstance(expr, ast.Attribute):
            expr = expr.value
        else:
            return out


def _bumped(loop: ast.AST, name: str) -> bool:
    """``name += n`` (or ``name = name + n``) inside the loop."""
    for sub in walk_no_defs(loop):
        if isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name) and sub.target.id == name \
                and isinstance(sub.op, ast.Add):
            return True
        if isinstance(sub, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in sub.targets) \
                and isinstance(sub.value, ast.BinOp) and isinstance(sub.value.op, ast.Add) \
                and isinstance(sub.value.left, ast.Name) and sub.value.left.id == name:
            return True
    return False


def _written_fields(loop: ast.AST) -> set[str]:
    """Fields the loop writes: ``obj.processed = True`` and ``.update(processed=True)``."""
    out: set[str] = set()
    for sub in walk_no_defs(loop):
        if isinstance(sub, ast.Assign):
            out |= {t.attr for t in sub.targets if isinstance(t, ast.Attribute)}
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in ("update", "delete"):
            out |= {k.arg for k in sub.keywords if k.arg}
            if sub.func.attr == "delete":
                out.add("*")
    return out


def _range_offset(loop: ast.AST, name: str) -> bool:
    """``for name in range(start, stop, size)``: the loop itself advances the offset."""
    return (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and loop.target.id == name
            and isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Name)
            and loop.iter.func.id == "range" and len(loop.iter.args) == 3)


def _querysets(fn: "FunctionInfo") -> dict[str, ast.expr]:
    """Local names bound once to a queryset chain (``pending = X.objects.filter(...)``): slicing the name
    runs the filter again on every page."""
    bound: dict[str, list[ast.expr]] = {}
    for sub in walk_no_defs(fn.node):
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            bound.setdefault(sub.targets[0].id, []).append(sub.value)
    return {name: values[0] for name, values in bound.items() if len(values) == 1}


def shrinking_pages(fn: "FunctionInfo") -> Iterator[tuple[ast.Subscript, str, set[str]]]:
    """``(slice, offset name, fields both filtered and written)`` for each such page in ``fn``'s loops."""
    querysets = _querysets(fn)
    for loop in walk_no_defs(fn.node):
        if not isinstance(loop, (ast.While, ast.For)):
            continue
        written = None
        for sub in walk_no_defs(loop):
            if not (isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Slice)
                    and isinstance(sub.slice.lower, ast.Name)):
                continue
            source = querysets.get(sub.value.id, sub.value) if isinstance(sub.value, ast.Name) else sub.value
            fields = _filter_fields(source)
            offset = sub.slice.lower.id
            if not fields or not (_bumped(loop, offset) or _range_offset(loop, offset)):
                continue
            written = written if written is not None else _written_fields(loop)
            both = fields & written if "*" not in written else fields
            if both:
                yield sub, offset, both


class OffsetOverShrinkingSet(Rule):
    """Offset pagination over a queryset that the loop's own writes shrink.

    ## What it does
    Finds loops that page through `Model.objects.filter(<field>=...)[offset:offset + size]` (directly or
    through a local name bound to the queryset), advance `offset += size` (or take the offset from
    `for offset in range(0, total, size)`), and, inside the same loop, write `<field>` (`obj.processed = True; obj.save()`,
    `.update(processed=True)`) or delete the rows.

    ## Why is this bad?
    Each page is a fresh query. Once the first page is processed its rows no longer match the filter, so
    the second query's `OFFSET size` skips `size` rows that were never processed. A nightly batch of
    1,000 rows in pages of 100 processes 100, 100, 100, ... half of them, and reports success.

    ## Example
    ```python
    offset = 0
    while True:
        page = list(Reminder.objects.filter(sent=False).order_by("pk")[offset:offset + 100])
        if not page:
            break
        for reminder in page:
            send(reminder)
            reminder.sent = True
            reminder.save(update_fields=["sent"])
        offset += 100
    ```

    ## Use instead
    ```python
    last_pk = 0
    while True:
        page = list(Reminder.objects.filter(sent=False, pk__gt=last_pk).order_by("pk")[:100])
        if not page:
            break
        for reminder in page:
            ...
        last_pk = page[-1].pk
    ```
    (keyset pagination: rows that leave the filter cannot shift the next page).

    ## Fix safety
    No automatic fix: always taking the first page is only correct when every row of a page leaves the
    filter (a row that fails and stays would be fetched forever); keyset pagination needs an ordering the
    code may not have.
    """

    code = "CMD502"
    name = "offset-over-shrinking-set"
    bug_class = "C5"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = None

    VALID = (
        Example(
            path="reminders/management/commands/send_reminders.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n"
                "from reminders.models import Reminder\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        last_pk = 0\n"
                "        while True:\n"
                "            page = list(Reminder.objects.filter(sent=False, pk__gt=last_pk).order_by('pk')[:100])\n"
                "            if not page:\n"
                "                break\n"
                "            for reminder in page:\n"
                "                reminder.sent = True\n"
                "                reminder.save()\n"
                "            last_pk = page[-1].pk\n"
                "        offset = 0\n"
                "        while True:  # the loop writes another field: the set does not shrink\n"
                "            page = Reminder.objects.filter(sent=False)[offset:offset + 100]\n"
                "            if not page:\n"
                "                break\n"
                "            page.update(attempts=1)\n"
                "            offset += 100\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="reminders/management/commands/send_reminders.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n"
                "from reminders.models import Reminder\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        offset, size = 0, options['batch']\n"
                "        while True:\n"
                "            page = list(Reminder.objects.filter(sent=False).order_by('pk')[offset:offset + size])\n"
                "            if not page:\n"
                "                break\n"
                "            for reminder in page:\n"
                "                reminder.sent = True\n"
                "                reminder.save(update_fields=['sent'])\n"
                "            offset += size\n"
            ),
        ),
        Example(  # a for loop over page numbers in a service; update() and delete()
            path="reminders/cleanup.py",
            code=(
                "from reminders.models import Reminder\n\n\n"
                "def archive(total, size=500):\n"
                "    start = 0\n"
                "    for _ in range(0, total, size):\n"
                "        ids = Reminder.objects.filter(archived=False).values_list('pk', flat=True)[start:start + size]\n"
                "        Reminder.objects.filter(pk__in=list(ids)).update(archived=True)\n"
                "        start = start + size\n\n\n"
                "def purge(size=500):\n"
                "    offset = 0\n"
                "    while Reminder.objects.filter(expired=True).exists():\n"
                "        for r in Reminder.objects.filter(expired=True)[offset:offset + size]:\n"
                "            r.delete()\n"
                "        offset += size\n"
            ),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            for page, offset, fields in shrinking_pages(fn):
                yield self.finding(fn, page, (
                    f"pages by `{offset}` through a queryset filtered on {', '.join(sorted(fields))}, which the loop "
                    f"itself changes: processed rows leave the filter, so each `{offset} +=` skips as many unprocessed "
                    "rows; page by primary key (pk__gt=last_pk) or always take the first page"))
