"""CMD401: a value from an input row converted or looked up with no handling of blank / malformed values."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.command._lib.writes import is_rows, orm_writes, row_bindings, walk_no_defs
from rootfix.types import Finding
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

#: conversions that raise on a blank or malformed string
CONVERSIONS = frozenset({
    "int", "float", "decimal.Decimal", "datetime.date.fromisoformat", "datetime.datetime.fromisoformat",
    "datetime.datetime.strptime", "uuid.UUID", "json.loads",
})
#: exceptions that cover a failed conversion / lookup
COVERING = frozenset({"ValueError", "Exception", "BaseException", "TypeError", "KeyError", "InvalidOperation",
                      "DoesNotExist", "ObjectDoesNotExist", "ValidationError", "LookupError", "ArithmeticError"})


def _row_value(expr: ast.expr, row_vars: set[str]) -> bool:
    """``row["qty"]``, ``row.get("qty")``, ``row[2]``, ``fields[1].strip()`` for a row variable."""
    while isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in (
            "strip", "lower", "upper", "replace", "lstrip", "rstrip", "get"):
        if expr.func.attr == "get":
            return isinstance(expr.func.value, ast.Name) and expr.func.value.id in row_vars
        expr = expr.func.value
    return isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name) and expr.value.id in row_vars


def _covered(loop: ast.AST, node: ast.AST) -> bool:
    """``node`` sits in a ``try`` (inside the loop) whose handlers cover a failed conversion."""
    for sub in walk_tree(loop):
        if isinstance(sub, ast.Try) and any(node is n for stmt in sub.body for n in walk_tree(stmt)):
            for handler in sub.handlers:
                if handler.type is None:
                    return True
                names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                if any((n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else "")
                       in COVERING for n in names):
                    return True
    return False


_OPENERS = frozenset({"open", "io.open", "codecs.open", "gzip.open", "bz2.open"})


def _file_handles(fn: ast.AST, resolve) -> set[str]:
    """Names bound to an opened text file: ``with open(path) as fh`` / ``fh = open(path)``."""
    out: set[str] = set()
    for sub in walk_no_defs(fn):
        pairs: list[tuple[ast.expr | None, ast.expr]] = []
        if isinstance(sub, (ast.With, ast.AsyncWith)):
            pairs = [(i.optional_vars, i.context_expr) for i in sub.items]
        elif isinstance(sub, ast.Assign) and len(sub.targets) == 1:
            pairs = [(sub.targets[0], sub.value)]
        for target, value in pairs:
            if isinstance(target, ast.Name) and isinstance(value, ast.Call) and (
                    resolve(value.func) in _OPENERS
                    or (isinstance(value.func, ast.Attribute) and value.func.attr == "open")):
                out.add(target.id)
    return out


def _text_lines(expr: ast.expr, handles: set[str], resolve) -> bool:
    """The loop walks the raw lines of a text file (``for line in fh``, ``fh.readlines()``,
    ``text.splitlines()``): the loop variable itself is an unconverted string, blank lines included."""
    if isinstance(expr, ast.Name):
        return expr.id in handles
    if isinstance(expr, ast.Call):
        if resolve(expr.func) in ("enumerate",) and expr.args:
            return _text_lines(expr.args[0], handles, resolve)
        if resolve(expr.func) in _OPENERS:
            return True
        return isinstance(expr.func, ast.Attribute) and expr.func.attr in ("readlines", "splitlines")
    return False


def unvalidated_values(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[tuple[ast.Call, str]]:
    module = index.module_of(fn)

    def resolve(expr: ast.expr) -> str | None:
        return index.resolve(module, expr)

    rows = row_bindings(fn.node, resolve)
    handles = _file_handles(fn.node, resolve)
    for loop in walk_no_defs(fn.node):
        if not isinstance(loop, (ast.For, ast.AsyncFor)) or not is_rows(loop.iter, rows, resolve):
            continue
        if not orm_writes(ast.Module(body=loop.body, type_ignores=[])):
            continue  # reading only (a report, a preview): a crash writes nothing
        row_vars = {n.id for n in walk_tree(loop.target) if isinstance(n, ast.Name)}
        # names split from the row: `sku, qty = line.split(",")`, `fields = row.split(";")`
        for sub in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
            if isinstance(sub, ast.Assign) and any(isinstance(n, ast.Name) and n.id in row_vars
                                                   for n in walk_tree(sub.value)):
                row_vars |= {n.id for t in sub.targets for n in walk_tree(t) if isinstance(n, ast.Name)}
        for call in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            arg = call.args[0]
            raw = _row_value(arg, row_vars) or (isinstance(arg, ast.Name) and arg.id in row_vars
                                                and (arg.id not in {n.id for n in walk_tree(loop.target)
                                                                    if isinstance(n, ast.Name)}
                                                     or _text_lines(loop.iter, handles, resolve)))
            if not raw or _covered(loop, call):
                continue
            target = resolve(call.func) or ""
            if target in CONVERSIONS:
                yield call, (f"{target.rsplit('.', 1)[-1]}({ast.unparse(arg)[:30]}) raises on a blank or malformed "
                             "value: the command stops with a traceback at that row")
        # ``Model.objects.get(key=<row value>)`` with no DoesNotExist handling is CMD403's (with its fix)


class UnvalidatedInputRow(Rule):
    """Input rows converted or looked up with no handling of blank or malformed values.

    ## What it does
    In a loop over input rows (CSV, JSON, lines of a file) that writes to the database, finds values of the
    row passed to `int()`, `float()`, `Decimal()`, `date.fromisoformat()`, `strptime()`, `UUID()`,
    `json.loads()`, with no `try`/`except` in the loop covering the failure (`ValueError`, ...). A row value
    used as the key of `Model.objects.get()` is CMD403's.

    ## Why is this bad?
    Real exports contain blank lines, empty cells (`""`), `12,5` decimal commas and SKUs that do not exist
    yet. The first such row stops the command with a raw traceback instead of a message naming the line;
    without a transaction (CMD301) the rows before it stay written.

    ## Example
    ```python
    for row in csv.DictReader(fh):
        item = Item.objects.get(sku=row["sku"])
        Donation.objects.create(item=item, quantity=int(row["quantity"]))
    ```

    ## Use instead
    ```python
    for line, row in enumerate(csv.DictReader(fh), start=2):
        try:
            item = Item.objects.get(sku=row["sku"])
            quantity = int(row["quantity"])
        except (Item.DoesNotExist, ValueError) as exc:
            raise CommandError(f"line {line}: {exc}") from exc
        Donation.objects.create(item=item, quantity=quantity)
    ```

    ## Fix safety
    No automatic fix: whether a bad row should stop the import, be skipped and reported, or be defaulted is
    a decision about the data, not about the code.
    """

    code = "CMD401"
    name = "unvalidated-input-row"
    bug_class = "C4"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = None

    _MODELS = ("pantry/models.py", "from django.db import models\n\n\nclass Item(models.Model):\n"
               "    sku = models.CharField(max_length=20)\n    quantity = models.IntegerField()\n")
    VALID = (
        Example(
            path="pantry/management/commands/import_counts.py",
            files=(_MODELS,),
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand, CommandError\n\n"
                "from pantry.models import Item\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path']) as fh:\n"
                "            for line, row in enumerate(csv.DictReader(fh), start=2):\n"
                "                try:\n"
                "                    item = Item.objects.get(sku=row['sku'])\n"
                "                    item.quantity = int(row['quantity'])\n"
                "                except (Item.DoesNotExist, ValueError) as exc:\n"
                "                    raise CommandError(f'line {line}: {exc}') from exc\n"
                "                item.save()\n"
                "            for row in csv.DictReader(open(options['path'])):\n"
                "                total = int(row['quantity'])  # reading only\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="pantry/management/commands/import_counts.py",
            files=(_MODELS,),
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from pantry.models import Item\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path']) as fh:\n"
                "            for row in csv.DictReader(fh):\n"
                "                item = Item.objects.get(sku=row['sku'].strip())\n"
                "                item.quantity = int(row['quantity'])\n"
                "                item.save()\n"
            ),
            count=1,
        ),
        Example(  # split lines in a helper, Decimal and dates
            path="pantry/loaders.py",
            files=(_MODELS,),
            code=(
                "from datetime import date\n"
                "from decimal import Decimal\n\n"
                "from pantry.models import Item\n\n\n"
                "def load(path):\n"
                "    for line in open(path):\n"
                "        sku, qty, day = line.split(';')\n"
                "        Item.objects.create(sku=sku, quantity=Decimal(qty), day=date.fromisoformat(day))\n"
            ),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or "/migrations/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            for call, message in unvalidated_values(ctx.index, fn):
                yield self.finding(fn, call, message)
