"""CMD302: ``bulk_create(..., ignore_conflicts=True)`` whose input size is reported as the rows written."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.types import Finding
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo

REPORTERS = frozenset({"write", "print", "info", "warning", "success", "echo", "secho", "debug", "log"})


def _ignores_conflicts(call: ast.Call) -> bool:
    return any(k.arg == "ignore_conflicts" and isinstance(k.value, ast.Constant) and k.value.value is True
               for k in call.keywords)


def counted_as_written(fn: "FunctionInfo") -> Iterator[tuple[ast.Call, ast.Call]]:
    """``(bulk_create call, the len() reported)`` pairs in ``fn``."""
    sized: dict[str, ast.Call] = {}  # names whose len() says nothing about the rows written
    calls = []
    for node in walk_no_defs(fn.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "bulk_create", "abulk_create") and _ignores_conflicts(node):
            calls.append(node)
            if node.args and isinstance(node.args[0], ast.Name):
                sized[node.args[0].id] = node
    for node in walk_no_defs(fn.node):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and node.value in calls:
            for t in node.targets:
                if isinstance(t, ast.Name):
                    sized[t.id] = node.value
    if not sized and not calls:
        return
    def sized_len(node: ast.AST) -> Iterator[tuple[ast.Call, ast.Call]]:
        """``(bulk_create call, len() call)`` for every ``len()`` of what bulk_create was given or returned."""
        differences = {id(b.left) for b in walk_tree(node) if isinstance(b, ast.BinOp) and isinstance(b.op, ast.Sub)}
        for sub in walk_tree(node):
            if id(sub) in differences:  # len(objs) - written: the skipped rows, computed from a real count
                continue
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "len" and sub.args:
                arg = sub.args[0]
                bulk = sized.get(arg.id) if isinstance(arg, ast.Name) else arg if arg in calls else None
                if bulk is not None:
                    yield bulk, sub

    # a message built first and reported later: msg = f"{len(objs)} imported"; self.stdout.write(msg)
    built: dict[str, list[tuple[ast.Call, ast.Call]]] = {}
    for node in walk_no_defs(fn.node):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found = list(sized_len(node.value))
            if found:
                built[node.targets[0].id] = found
    reported: set[int] = set()
    for node in walk_no_defs(fn.node):
        # output to a person (a return value or an API response may mean "received", not "written")
        is_report = isinstance(node, ast.Call) and (
            (isinstance(node.func, ast.Attribute) and node.func.attr in REPORTERS)
            or (isinstance(node.func, ast.Name) and node.func.id in REPORTERS))
        if not is_report:
            continue
        if any((isinstance(b, ast.BinOp) and isinstance(b.op, ast.Sub))
               or (isinstance(b, ast.Call) and isinstance(b.func, ast.Attribute) and b.func.attr == "count")
               for b in walk_tree(node)):
            continue  # the message carries a real count beside the input size ("12 of 15 rows")
        found = list(sized_len(node))
        found += [pair for sub in walk_tree(node) if isinstance(sub, ast.Name) and sub.id in built
                  for pair in built[sub.id]]
        for bulk, length in found:
            if node.lineno < bulk.lineno:
                continue  # reported before the write: the rows read, not the rows written
            if id(length) not in reported:
                reported.add(id(length))
                yield bulk, length


class IgnoreConflictsCount(Rule):
    """`bulk_create(..., ignore_conflicts=True)` reported as if every row was written.

    ## What it does
    Finds `bulk_create(objs, ignore_conflicts=True)` where the command then reports `len(objs)` or the
    length of `bulk_create`'s result (in `self.stdout.write`, `print`, a log call, `click.echo`) as the
    number of rows imported.

    ## Why is this bad?
    With `ignore_conflicts=True` the database silently skips every row that violates a unique constraint,
    and `bulk_create` still returns *all* the objects it was given. "Imported 500 rows" is printed when 480
    were duplicates and 20 were written; an operator checks the message, not the table, and the missing
    (or never-updated) rows go unnoticed.

    ## Example
    ```python
    created = Pledge.objects.bulk_create(pledges, ignore_conflicts=True)
    self.stdout.write(f"imported {len(created)} pledges")
    ```

    ## Use instead
    ```python
    before = Pledge.objects.count()
    Pledge.objects.bulk_create(pledges, ignore_conflicts=True)
    written = Pledge.objects.count() - before
    self.stdout.write(f"imported {written} pledges, skipped {len(pledges) - written} already present")
    ```

    ## Fix safety
    No automatic fix: counting rows before and after is only exact when nothing else writes to the table
    meanwhile, and whether skipped rows are expected (re-runs) or an error is the command's decision.
    """

    code = "CMD302"
    name = "ignore-conflicts-count"
    bug_class = "C3"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = None

    VALID = (
        Example(
            path="pledges/management/commands/load_pledges.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n"
                "from pledges.models import Pledge\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        pledges = [Pledge(ref=r) for r in options['refs']]\n"
                "        before = Pledge.objects.count()\n"
                "        Pledge.objects.bulk_create(pledges, ignore_conflicts=True)\n"
                "        written = Pledge.objects.count() - before\n"
                "        self.stdout.write(f'{written} written, {len(pledges) - written} already present')\n"
                "        created = Pledge.objects.bulk_create(pledges)\n"
                "        self.stdout.write(f'{len(created)} created')\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="pledges/management/commands/load_pledges.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n"
                "from pledges.models import Pledge\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        pledges = [Pledge(ref=r) for r in options['refs']]\n"
                "        created = Pledge.objects.bulk_create(pledges, ignore_conflicts=True)\n"
                "        self.stdout.write(self.style.SUCCESS(f'imported {len(created)} pledges'))\n"
            ),
        ),
        Example(  # a service logging the count (the return value alone is not reported)
            path="pledges/sync.py",
            code=(
                "import logging\n\n"
                "from pledges.models import Pledge\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "def sync(rows, batch=500):\n"
                "    objs = [Pledge(ref=row['ref']) for row in rows]\n"
                "    Pledge.objects.bulk_create(objs, batch_size=batch, ignore_conflicts=True)\n"
                "    logger.info('synced %d pledges', len(objs))\n"
                "    return len(objs)\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            if "ignore_conflicts" not in ctx.index.module_of(fn).source:
                continue
            for bulk, size in counted_as_written(fn):
                yield self.finding(fn, size, (
                    f"`{ast.unparse(size)}` is reported as the rows written, but bulk_create(ignore_conflicts=True) "
                    f"(line {bulk.lineno}) skips conflicting rows silently and still returns every object given"))
