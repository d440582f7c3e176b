"""CMD301: a loop of database writes over input rows with no transaction around it."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

import libcst as cst

from rootfix.codemod import find_at, import_name, imported_name
from rootfix.rules.base import CheckContext, Example, Replay, Rule
from rootfix.rules.command._lib.oracles import all_or_nothing
from rootfix.rules.command._lib.scenarios import command_handle_related, command_of
from rootfix.rules.command._lib.writes import (
    atomic_decorated, catches_per_row, inside_atomic, is_atomic_with, is_rows, non_idempotent_writes, orm_writes,
    row_bindings, walk_no_defs,
)
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

_MODELS = "from django.db import models\n\n\nclass Donation(models.Model):\n    donor = models.CharField(max_length=80)\n"


def partial_import_loops(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[tuple[ast.For | ast.AsyncFor, list[str]]]:
    """``(loop, what it writes)`` for each loop over input rows in ``fn`` that writes with no transaction."""
    module = index.module_of(fn)

    def resolve(expr: ast.expr) -> str | None:
        return index.resolve(module, expr)

    if atomic_decorated(fn.node, resolve):
        return
    rows = row_bindings(fn.node, resolve)
    for loop in walk_no_defs(fn.node):
        if not isinstance(loop, (ast.For, ast.AsyncFor)) or not (
                is_rows(loop.iter, rows, resolve) or _row_generator(index, module, fn, loop.iter)):
            continue
        if inside_atomic(fn.node, loop, resolve) or catches_per_row(loop):
            continue
        body = ast.Module(body=loop.body, type_ignores=[])
        if any(is_atomic_with(sub, resolve) for sub in walk_no_defs(body)):
            continue  # one transaction per row: a deliberate choice
        writes = [ast.unparse(c.func)[-60:] + "()" for c in non_idempotent_writes(body)]
        for sub in walk_no_defs(body):  # one call away: self.import_row(row), save_donation(row)
            if isinstance(sub, ast.Call):
                callee = index.resolve_call(module, sub, fn.class_name)
                if callee is None or callee.qualname == fn.qualname:
                    continue

                def cresolve(e: ast.expr, m: "ModuleInfo" = index.module_of(callee)) -> str | None:
                    return index.resolve(m, e)

                # a callee that opens its own transaction makes one transaction per row: deliberate
                if not atomic_decorated(callee.node, cresolve) and any(
                        not inside_atomic(callee.node, w, cresolve) for w in non_idempotent_writes(callee.node)):
                    writes.append(f"{callee.symbol}()")
        if not writes and orm_writes(body):
            # the loop's own writes converge on a re-run (update_or_create), but what was deleted before it
            # is gone for good when a row fails halfway (``--replace``: the old rows first, then the new)
            writes = [ast.unparse(c.func)[-60:] + "() before the loop" for c in orm_writes(fn.node)
                      if c.func.attr in ("delete", "adelete") and c.lineno < loop.lineno
                      and not inside_atomic(fn.node, c, resolve)]
        if not writes or _callers_atomic(index, fn):
            continue
        yield loop, list(dict.fromkeys(writes))


def _write_span(fn: ast.AST, loop: ast.stmt) -> tuple[int, int]:
    """How many statements before and after ``loop``, in its own block, belong in its transaction: those
    from the first ORM write before it to the last one after it (``batch = Batch.objects.create()`` ...
    the loop ... ``batch.save()``); the statements around them (a dry-run branch, the ``return``) stay out."""
    for node in walk_tree(fn):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and any(st is loop for st in block):
                at = block.index(loop)
                writes = [i for i, st in enumerate(block) if orm_writes(ast.Module(body=[st], type_ignores=[]))]
                before = [i for i in writes if i < at]
                after = [i for i in writes if i > at]
                return (at - before[0] if before else 0), (after[-1] - at if after else 0)
    return 0, 0


def _row_generator(index: "RepoIndex", module: "ModuleInfo", fn: "FunctionInfo", expr: ast.expr) -> bool:
    """``expr`` calls a project generator that yields the rows it reads (``for row in self.rows(fh)``, where
    ``rows()`` loops over a ``csv.DictReader`` and yields parsed rows), maybe through ``enumerate()``/``list()``."""
    while isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in (
            "enumerate", "list", "iter", "sorted") and expr.args:
        expr = expr.args[0]
    if not isinstance(expr, ast.Call):
        return False
    callee = index.resolve_call(module, expr, fn.class_name)
    if callee is None or callee.qualname == fn.qualname:
        return False
    nodes = list(walk_no_defs(callee.node))
    if not any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes):
        return False
    cmodule = index.module_of(callee)

    def cresolve(e: ast.expr) -> str | None:
        return index.resolve(cmodule, e)

    rows = row_bindings(callee.node, cresolve)
    return any((isinstance(n, (ast.For, ast.AsyncFor)) and is_rows(n.iter, rows, cresolve))
               or (isinstance(n, ast.YieldFrom) and is_rows(n.value, rows, cresolve)) for n in nodes)


def _callers_atomic(index: "RepoIndex", fn: "FunctionInfo") -> bool:
    """Every project caller runs ``fn`` inside a transaction already."""
    callers = [(c, call) for c, call in index.callers(fn) if "/tests/" not in f"/{c.file}"]
    if not callers:
        return False
    for caller, call in callers:
        cmod = index.module_of(caller)

        def resolve(expr: ast.expr, m: "ModuleInfo" = cmod) -> str | None:
            return index.resolve(m, expr)

        if not (atomic_decorated(caller.node, resolve) or inside_atomic(caller.node, call, resolve)):
            return False
    return True


class ImportWithoutAtomic(Rule):
    """Database writes in a loop over input rows, with no transaction around the loop.

    ## What it does
    Finds loops over input rows (a `csv.reader` / `DictReader`, `json.load(...)`, the lines of a file,
    `rows` handed to a helper) whose body makes writes a re-run would repeat (`create()`, `bulk_create()`,
    `save()` of a new instance or after `+=`, `delete()`, `update()` with `F()` arithmetic, or a project
    function that does) while neither the loop, the function, nor every caller of the function is inside
    `transaction.atomic()`. Loops of plain `update(x=value)` / `update_or_create()` converge when re-run
    and are not reported.

    ## Why is this bad?
    In autocommit mode every write commits on its own. When row 40 of 100 fails (an unknown SKU, a
    malformed date, a constraint), the command stops with a traceback and rows 1-39 stay written.
    Re-running the corrected file imports them a second time; not re-running leaves half an import
    nobody can tell from a whole one.

    ## Example
    ```python
    def handle(self, *args, **options):
        with open(options["path"], newline="") as fh:
            for row in csv.DictReader(fh):
                Donation.objects.create(item=Item.objects.get(sku=row["sku"]), quantity=int(row["qty"]))
    ```

    ## Use instead
    ```python
    def handle(self, *args, **options):
        with open(options["path"], newline="") as fh:
            with transaction.atomic():
                for row in csv.DictReader(fh):
                    Donation.objects.create(item=Item.objects.get(sku=row["sku"]), quantity=int(row["qty"]))
    ```
    Loops that handle each row's failure themselves (`try: ... except Exception: skipped += 1`) or open
    one transaction per row are deliberate and not reported.

    ## Fix safety
    Unsafe: the loop is wrapped in `transaction.atomic()`, so one bad row now rolls back every row of the
    run (all-or-nothing), where before the good rows before it were kept; a very large import holds one
    transaction (and its locks) for its whole duration. Side effects outside the database (emails, files,
    API calls) made before the failure are not rolled back.
    """

    code = "CMD301"
    name = "import-without-atomic"
    bug_class = "C3"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="pantry/management/commands/import_items.py",
            files=(("pantry/models.py", _MODELS),),
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.db import transaction\n\n"
                "from pantry.models import Donation\n\n\n"
                "class Command(BaseCommand):\n"
                "    @transaction.atomic\n"
                "    def handle(self, *args, **options):\n"
                "        for row in csv.DictReader(open(options['path'])):\n"
                "            Donation.objects.create(donor=row['donor'])\n"
            ),
        ),
        Example(  # deliberate skip-bad-rows import, and one transaction per row
            path="pantry/importers.py",
            files=(("pantry/models.py", _MODELS),),
            code=(
                "import json\n"
                "import logging\n\n"
                "from django.db import transaction\n\n"
                "from pantry.models import Donation\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "def import_lenient(path):\n"
                "    skipped = 0\n"
                "    for row in json.load(open(path)):\n"
                "        try:\n"
                "            Donation.objects.create(donor=row['donor'])\n"
                "        except Exception:\n"
                "            skipped += 1\n"
                "    return skipped\n\n\n"
                "def import_per_row(lines):\n"
                "    for line in lines:\n"
                "        with transaction.atomic():\n"
                "            Donation(donor=line.strip()).save()\n"
            ),
        ),
        Example(  # the service called per row opens its own transaction (one per row): deliberate
            path="pantry/management/commands/import_orders.py",
            files=(("pantry/models.py", _MODELS), ("pantry/services.py", (
                "from django.db import transaction\n\n"
                "from pantry.models import Donation\n\n\n"
                "def record(row):\n"
                "    with transaction.atomic():\n"
                "        Donation.objects.create(donor=row['donor'])\n"))),
            code=(
                "import json\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.services import record\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path']) as fh:\n"
                "            for line in fh:\n"
                "                record(json.loads(line))\n"
            ),
        ),
        Example(  # plain updates converge when the file is run again
            path="pantry/management/commands/set_prices.py",
            files=(("pantry/models.py", _MODELS),),
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.models import Donation\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        for row in csv.reader(open(options['path'])):\n"
                "            Donation.objects.filter(pk=row[0]).update(donor=row[1])\n"
                "            Donation.objects.update_or_create(pk=row[0], defaults={'donor': row[1]})\n"
            ),
        ),
        Example(  # the caller opens the transaction
            path="pantry/sync.py",
            files=(("pantry/models.py", _MODELS),),
            code=(
                "from django.db import transaction\n\n"
                "from pantry.models import Donation\n\n\n"
                "def _write(records):\n"
                "    for record in records:\n"
                "        Donation.objects.update_or_create(donor=record['donor'])\n\n\n"
                "def sync(records):\n"
                "    with transaction.atomic():\n"
                "        _write(records)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="pantry/management/commands/import_donations.py",
            files=(("pantry/models.py", _MODELS),),
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.models import Donation\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path'], newline='') as fh:\n"
                "            # one donation per line of the desk's export\n"
                "            for row in csv.DictReader(fh):\n"
                "                Donation.objects.create(donor=row['donor'])\n"
            ),
            fixed=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.db import transaction\n\n"
                "from pantry.models import Donation\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path'], newline='') as fh:\n"
                "            # one donation per line of the desk's export\n"
                "            with transaction.atomic():\n"
                "                for row in csv.DictReader(fh):\n"
                "                    Donation.objects.create(donor=row['donor'])\n"
            ),
        ),
        Example(  # a service class: JSON document, the write one call away, `atomic` imported by name
            path="pantry/services/intake.py",
            files=(("pantry/models.py", _MODELS),),
            code=(
                "import json\n\n"
                "from django.db.transaction import atomic\n\n"
                "from pantry.models import Donation\n\n\n"
                "class IntakeService:\n"
                "    def load(self, path):\n"
                "        with open(path) as fh:\n"
                "            payload = json.load(fh)\n"
                "        for entry in payload['donations']:\n"
                "            self._store(entry)\n\n"
                "    def _store(self, entry):\n"
                "        donation = Donation(donor=entry['donor'])\n"
                "        donation.save()\n"
            ),
            fixed=(
                "import json\n\n"
                "from django.db.transaction import atomic\n\n"
                "from pantry.models import Donation\n\n\n"
                "class IntakeService:\n"
                "    def load(self, path):\n"
                "        with open(path) as fh:\n"
                "            payload = json.load(fh)\n"
                "        with atomic():\n"
                "            for entry in payload['donations']:\n"
                "                self._store(entry)\n\n"
                "    def _store(self, entry):\n"
                "        donation = Donation(donor=entry['donor'])\n"
                "        donation.save()\n"
            ),
        ),
        Example(  # lines of a text file, F() arithmetic and deletes; a helper handed the rows
            path="pantry/cleanup.py",
            files=(("pantry/models.py", _MODELS),),
            code=(
                "from pathlib import Path\n\n"
                "from django.db.models import F\n\n"
                "from pantry.models import Donation\n\n\n"
                "def apply_adjustments(path):\n"
                "    for line in Path(path).read_text().splitlines():\n"
                "        donor, delta = line.split(',')\n"
                "        Donation.objects.filter(donor=donor).update(quantity=F('quantity') + int(delta))\n\n\n"
                "def purge(rows):\n"
                "    for donor in rows:\n"
                "        Donation.objects.filter(donor=donor).delete()\n"
            ),
            count=2,
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or "/migrations/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            for loop, writes in partial_import_loops(ctx.index, fn):
                yield self.finding(fn, loop, (
                    f"loop over input rows writes ({', '.join(writes[:3])}) with no transaction: a failure "
                    "half-way leaves the rows before it committed (half an import); wrap it in transaction.atomic()"),
                    related=command_handle_related(ctx.index, fn))

    # ------------------------------------------------------------------ fix
    def _loop(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", ast.AST] | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        for loop, _ in partial_import_loops(index, fn):
            if loop.lineno == finding.line:
                return fn, loop
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        if self._loop(index, finding) is None:
            return None
        source = index.by_path[finding.file].source
        tree = cst.parse_module(source)
        atomic = imported_name(source, "django.db.transaction", "atomic")
        transaction = imported_name(source, "django.db", "transaction")
        if atomic is None:
            atomic = f"{transaction or 'transaction'}.atomic"
        tree, loop = find_at(tree, finding.line, cst.For)
        if loop is None:
            return None
        fn, ast_loop = self._loop(index, finding)  # type: ignore[misc]
        start, end = _write_span(fn.node, ast_loop)

        class _Wrap(cst.CSTTransformer):
            """Wraps the statements of the loop's block from its first write to its last (the loop among
            them) in one transaction: a header row created before the loop and the totals saved after it
            must not survive a failed import either."""

            def leave_IndentedBlock(self, original: cst.IndentedBlock, updated: cst.IndentedBlock) -> cst.IndentedBlock:
                body = list(updated.body)
                at = next((i for i, st in enumerate(original.body) if st is loop), None)
                if at is None:
                    return updated
                first, last = at - start, at + end
                inner = [st if i else st.with_changes(leading_lines=[]) for i, st in enumerate(body[first:last + 1])]
                block = cst.With(items=[cst.WithItem(cst.parse_expression(f"{atomic}()"))],
                                 body=cst.IndentedBlock(body=inner), leading_lines=body[first].leading_lines)
                return updated.with_changes(body=[*body[:first], block, *body[last + 1:]])

        tree = tree.visit(_Wrap())
        if atomic.startswith("transaction.") and transaction is None:
            tree, _ = import_name(tree, "django.db", "transaction")
        new = tree.code
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> Replay | None:
        """Replay the project's tests that run this code, with a failure injected half-way (see
        :mod:`rootfix.rules.command._lib.oracles`); None when no test reaches it."""
        found = self._loop(index, finding)
        if found is None:
            return None
        fn, _ = found
        module = fn.module[4:] if fn.module.startswith("src.") else fn.module
        return Replay(fn.symbol, (fn,), all_or_nothing(module, fn.symbol), command=command_of(index, fn) or "")
