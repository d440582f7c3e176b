"""CMD403: ``.get()`` keyed by an input row's value with no ``DoesNotExist`` handling aborts the whole import."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, DirectTest, Example, FirstOf, Rule
from rootfix.rules.command._lib.arguments import is_command_module
from rootfix.rules.command._lib.lookups import Lookup, Reject, reject_path, row_lookups
from rootfix.rules.command._lib.row_helpers import HelperLookup, helper_lookups
from rootfix.rules.command._lib.scenarios import command_handle_related, replay_with_unknown_value
from rootfix.project.model import is_test_file
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

_INDENT = "    "


_SERVICES = ("depot/services.py", "from depot.models import Product\n\n\ndef find_product(sku):\n"
                                  "    qs = Product.objects.all()\n    return qs.get(sku=sku.upper())\n")
#: a loader handing each row to a helper; ``{lookup}`` is the helper's lookup statement(s)
_HELPER_LOADER = (
    "import csv\n\n"
    "from depot.models import Product, StockLine\n"
    "from depot.services import find_product\n\n\n"
    "class RowError(Exception):\n"
    "    pass\n\n\n"
    "def _apply(row):\n"
    "    sku = row['sku'].strip()\n"
    "    if not row['qty'].strip():\n"
    "        raise RowError('blank quantity')\n"
    "{lookup}"
    "    StockLine.objects.create(product=product, qty=int(row['qty']))\n\n\n"
    "def load(path):\n"
    "    rejected = []\n"
    "    with open(path, newline='') as fh:\n"
    "        for row in csv.DictReader(fh):\n"
    "            try:\n"
    "                _apply(row)\n"
    "            except RowError as exc:\n"
    "                rejected.append(str(exc))\n"
    "                continue\n"
    "    return rejected\n"
)


class LookupMissAbortsImport(Rule):
    """A lookup keyed by an input row's value, with no `DoesNotExist` handling, in a loop over input rows.

    ## What it does
    In a loop over input rows (a CSV reader, the lines of a file, JSON records, rows handed to a helper or a
    service method), finds `Model.objects.get(<field>=<value from the row>)`, `.get()` on a related manager
    or `get_object_or_404(Model, ...)` with no `except Model.DoesNotExist` / `ObjectDoesNotExist` around it.

    The same in a helper the loop hands each row to (`_apply(row)`), directly or through a project function
    that returns `qs.get(...)` keyed by its parameter (`find_product(sku)`), when the loop's `try` around the
    helper rejects only its own errors (`except RowError`).

    ## Why is this bad?
    Input files name things by code: SKUs, account numbers, store codes. One code the database does not
    know (a typo, a product not created yet) raises `DoesNotExist` and aborts the whole run: the rows before
    it are written, the rows after it are dropped, and the operator gets a traceback instead of the row.
    When the loop already rejects other bad rows and carries on, an unknown code is just one more bad row.

    ## Example
    ```python
    for line, row in enumerate(csv.DictReader(fh), start=2):
        if not row["qty"].strip():
            errors.append(f"line {line}: blank quantity")
            continue
        product = Product.objects.get(sku=row["sku"])
        StockLine.objects.create(product=product, qty=int(row["qty"]))
    ```

    ## Use instead
    ```python
        try:
            product = Product.objects.get(sku=row["sku"])
        except Product.DoesNotExist:
            errors.append(f"line {line}: no Product with sku={row['sku']!r}")
            continue
    ```

    ## Fix safety
    Safe when the loop has its own reject path (a call recording the row, then `continue`, or a handler at
    the end of the loop counting it, `except ValueError: skipped += 1`): the fix wraps the lookup in
    `try`/`except Model.DoesNotExist` that records the row the same way (naming the missing value where the
    loop writes a message) and continues; in a per-row helper, the miss raises the error the loop rejects
    rows with (`raise RowError(f"no Product with sku={sku!r}")`). Unsafe in a management command with no reject path: the miss becomes a `CommandError`
    naming the row (a clean message and exit code, still stopping the run). Elsewhere no fix: whether an
    unknown code should stop the run or be skipped is a decision about the data.
    """

    code = "CMD403"
    name = "lookup-miss-aborts-import"
    bug_class = "C4"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "safe"

    _MODELS = ("depot/models.py", "from django.db import models\n\n\nclass Product(models.Model):\n"
               "    sku = models.CharField(max_length=20, unique=True)\n\n\n"
               "class StockLine(models.Model):\n"
               "    product = models.ForeignKey(Product, on_delete=models.CASCADE)\n"
               "    qty = models.IntegerField()\n")
    VALID = (
        Example(
            path="depot/management/commands/load_stock.py",
            files=(_MODELS,),
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from depot.models import Product, StockLine\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('path')\n\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path']) as fh:\n"
                "            for row in csv.DictReader(fh):\n"
                "                try:\n"
                "                    product = Product.objects.get(sku=row['sku'])\n"
                "                except Product.DoesNotExist:\n"
                "                    self.stderr.write(f\"unknown sku {row['sku']!r}\")\n"
                "                    continue\n"
                "                StockLine.objects.create(product=product, qty=int(row['qty']))\n"
                "                main = Product.objects.get(sku='MAIN')  # a constant, not a row value\n"
            ),
        ),
        Example(
            path="depot/loaders.py",
            files=(_MODELS,),
            code=(
                "from depot.models import Product, StockLine\n\n\n"
                "def load(rows):\n"
                "    for row in rows:\n"
                "        product = Product.objects.filter(sku=row['sku']).first()\n"
                "        if product is None:\n"
                "            continue\n"
                "        StockLine.objects.create(product=product, qty=row['qty'])\n"
            ),
        ),
    )
    INVALID = (
        Example(  # a per-row helper looks the code up through a service function; the loop rejects RowError
            path="depot/loading.py", files=(_MODELS, _SERVICES),
            code=_HELPER_LOADER.replace("{lookup}", "    product = find_product(sku)\n"),
            fixed=_HELPER_LOADER.replace("{lookup}", (
                "    try:\n"
                "        product = find_product(sku)\n"
                "    except Product.DoesNotExist:\n"
                "        raise RowError(f\"no Product with sku={sku!r}\")\n")),
        ),
        Example(
            path="depot/loaders.py",
            files=(_MODELS,),
            code=(
                "from depot.models import Product, StockLine\n\n\n"
                "def load(rows, errors):\n"
                "    for n, row in enumerate(rows, start=1):\n"
                "        if not row['qty']:\n"
                "            errors.append(f'row {n}: blank qty')\n"
                "            continue\n"
                "        product = Product.objects.get(sku=row['sku'])\n"
                "        StockLine.objects.create(product=product, qty=row['qty'])\n"
            ),
            fixed=(
                "from depot.models import Product, StockLine\n\n\n"
                "def load(rows, errors):\n"
                "    for n, row in enumerate(rows, start=1):\n"
                "        if not row['qty']:\n"
                "            errors.append(f'row {n}: blank qty')\n"
                "            continue\n"
                "        try:\n"
                "            product = Product.objects.get(sku=row['sku'])\n"
                "        except Product.DoesNotExist:\n"
                "            errors.append(f'row {n}: no Product with sku={row[\"sku\"]!r}')\n"
                "            continue\n"
                "        StockLine.objects.create(product=product, qty=row['qty'])\n"
            ),
        ),
        Example(  # the only reject reads its handler's name: the new handler binds it too
            path="depot/loaders.py",
            files=(_MODELS,),
            code=(
                "from depot.models import Product, StockLine\n\n\n"
                "def load(rows, report):\n"
                "    for line, row in rows:\n"
                "        try:\n"
                "            qty = int(row['qty'])\n"
                "        except ValueError as exc:\n"
                "            report.append((line, str(exc)))\n"
                "            continue\n"
                "        product = Product.objects.get(sku=row['sku'])\n"
                "        StockLine.objects.create(product=product, qty=qty)\n"
            ),
            fixed=(
                "from depot.models import Product, StockLine\n\n\n"
                "def load(rows, report):\n"
                "    for line, row in rows:\n"
                "        try:\n"
                "            qty = int(row['qty'])\n"
                "        except ValueError as exc:\n"
                "            report.append((line, str(exc)))\n"
                "            continue\n"
                "        try:\n"
                "            product = Product.objects.get(sku=row['sku'])\n"
                "        except Product.DoesNotExist as exc:\n"
                "            report.append((line, str(exc)))\n"
                "            continue\n"
                "        StockLine.objects.create(product=product, qty=qty)\n"
            ),
        ),
        Example(  # two rejects: the one with its own message names the missing value best
            path="depot/loaders.py",
            files=(_MODELS,),
            code=(
                "from depot.models import Product, StockLine\n\n\n"
                "def load(rows, report):\n"
                "    for line, row in rows:\n"
                "        try:\n"
                "            qty = int(row['qty'])\n"
                "        except ValueError as exc:\n"
                "            report.append((line, str(exc)))\n"
                "            continue\n"
                "        if qty < 0:\n"
                "            report.append((line, f'negative qty {qty}'))\n"
                "            continue\n"
                "        product = Product.objects.get(sku=row['sku'])\n"
                "        StockLine.objects.create(product=product, qty=qty)\n"
            ),
            fixed=(
                "from depot.models import Product, StockLine\n\n\n"
                "def load(rows, report):\n"
                "    for line, row in rows:\n"
                "        try:\n"
                "            qty = int(row['qty'])\n"
                "        except ValueError as exc:\n"
                "            report.append((line, str(exc)))\n"
                "            continue\n"
                "        if qty < 0:\n"
                "            report.append((line, f'negative qty {qty}'))\n"
                "            continue\n"
                "        try:\n"
                "            product = Product.objects.get(sku=row['sku'])\n"
                "        except Product.DoesNotExist:\n"
                "            report.append((line, f'no Product with sku={row[\"sku\"]!r}'))\n"
                "            continue\n"
                "        StockLine.objects.create(product=product, qty=qty)\n"
            ),
        ),
        Example(  # no reject path in a command: reported, the CommandError fix is unsafe
            path="depot/management/commands/load_stock.py",
            files=(_MODELS,),
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from depot.models import Product, StockLine\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('path')\n\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path']) as fh:\n"
                "            for row in csv.DictReader(fh):\n"
                "                product = Product.objects.get(sku=row['sku'].strip())\n"
                "                StockLine.objects.create(product=product, qty=int(row['qty']))\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def _lookups(self, index: "RepoIndex", fn: "FunctionInfo") -> list[Lookup]:
        module = index.module_of(fn)
        return list(row_lookups(fn.node, lambda expr: index.resolve(module, expr)))

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_file(fn.file) or "/migrations/" in f"/{fn.file}":
                continue
            for lookup in self._lookups(ctx.index, fn):
                what = "get_object_or_404()" if lookup.shortcut else f"{ast.unparse(lookup.call.func)[:40]}()"
                finding = self.finding(fn, lookup.call, (
                    f"{what} keyed by the input row's `{ast.unparse(lookup.value)[:30]}` raises "
                    f"{'Http404' if lookup.shortcut else 'DoesNotExist'} for an unknown value: one unknown code "
                    "aborts the whole run (rows before it written, rows after it dropped)"),
                    related=command_handle_related(ctx.index, fn))
                if reject_path(lookup.loop) is None:
                    command = is_command_module(fn.file) and fn.class_name == "Command"
                    finding = replace(finding, fix_safety="unsafe") if command \
                        else replace(finding, fixable=False, fix_safety=None)
                yield finding
            for hit in helper_lookups(ctx.index, fn):
                model = hit.model or "the row's object"
                finding = self.finding(fn, hit.call, (
                    f"{ast.unparse(hit.call.func)[:40]}() looks the input row's `{ast.unparse(hit.value)[:30]}` up "
                    f"and raises {model}.DoesNotExist for an unknown value, which the loop calling "
                    f"{fn.node.name}() does not reject: one unknown code aborts the whole run"),
                    related=command_handle_related(ctx.index, fn))
                if hit.model is None or hit.reject_with is None:
                    finding = replace(finding, fixable=False, fix_safety=None)
                yield finding

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        fn = next((f for f in module.functions.values() if f.symbol == finding.symbol), None) if module else None
        if module is None or fn is None:
            return None
        lookup = next((lk for lk in self._lookups(index, fn) if lk.call.lineno == finding.line
                       and lk.call.col_offset == finding.col), None)
        if lookup is None:
            hit = next((h for h in helper_lookups(index, fn) if h.call.lineno == finding.line
                        and h.call.col_offset == finding.col), None)
            return _reject_in_helper(module, finding, hit) if hit is not None else None
        source = module.source
        lines = source.splitlines(keepends=True)
        span = _statement_span(lines, lookup.stmt)
        if span is None:
            return None
        first, last, indent = span
        value = _segment(source, lookup.value)
        model = lookup.model or "object"
        imports: list[tuple[str, str]] = []
        if lookup.shortcut:
            exc = "Http404"
            if "Http404" not in module.imports:
                imports.append(("django.http", "Http404"))
        elif lookup.model:
            exc = f"{lookup.model}.DoesNotExist"
        else:
            exc = "ObjectDoesNotExist"
            if "ObjectDoesNotExist" not in module.imports:
                imports.append(("django.core.exceptions", "ObjectDoesNotExist"))
        reject = reject_path(lookup.loop)
        if reject is not None and reject.call is None:
            texts = [_segment(source, st) for st in reject.stmts]
            if any("\n" in t for t in texts):
                return None
            handler_lines = [*texts, "continue"]
        elif reject is not None:
            handler = _reject_call(source, reject, model, lookup.field, value)
            if handler is None:
                return None
            handler_lines = [handler, "continue"]
        elif is_command_module(fn.file) and fn.class_name == "Command":
            target = lookup.loop.target
            number = target.elts[0].id if isinstance(target, ast.Tuple) and target.elts \
                and isinstance(target.elts[0], ast.Name) else None
            text = _fstring("", f"{f'row {{{number}}}: ' if number else ''}no {model} with {lookup.field}=", value)
            if text is None:
                return None
            handler_lines = [f"raise CommandError({text}) from None"]
            if "CommandError" not in module.imports:
                imports.append(("django.core.management.base", "CommandError"))
        else:
            return None
        body = "".join(_INDENT + line if line.strip() else line for line in lines[first:last])
        # the copied reject may read the name its own handler bound (``str(exc)``): bind it here too
        bound = f" as {reject.bound}" if reject is not None and reject.bound else ""
        block = (f"{indent}try:\n{body}{indent}except {exc}{bound}:\n"
                 + "".join(f"{indent}{_INDENT}{h}\n" for h in handler_lines))
        new_lines = lines[:first] + [block] + lines[last:]
        for mod, name in reversed(imports):
            new_lines = _add_import(module.tree, new_lines, mod, name)
        new = "".join(new_lines)
        cst.parse_module(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | FirstOf | None:
        """Replay each project test that runs the function (calling it, else running its command by name
        through ``call_command``) with the first lookup of a row forced to miss: the run must go on (the miss
        reported, the other rows processed), not stop with ``DoesNotExist``."""
        module = index.by_path.get(finding.file)
        fn = next((f for f in module.functions.values() if f.symbol == finding.symbol), None) if module else None
        if fn is None:
            return None
        params = dict(target_file_repr=repr(fn.file), target_name_repr=repr(fn.node.name))
        return replay_with_unknown_value(index, fn, "cmd403_unknown_value_does_not_abort", params,
                                         "_unknown_value_does_not_abort")


def _reject_in_helper(module, finding: Finding, hit: HelperLookup) -> Patch | None:
    """The helper's statement in ``try`` / ``except Model.DoesNotExist``, raising the error its caller's loop
    rejects rows with, naming the unknown value."""
    source = module.source
    lines = source.splitlines(keepends=True)
    span = _statement_span(lines, hit.stmt)
    if hit.model is None or hit.reject_with is None or span is None:
        return None
    first, last, indent = span
    text = _fstring("", f"no {hit.model} with {hit.field}=", _segment(source, hit.value))
    if text is None:
        return None
    body = "".join(_INDENT + line if line.strip() else line for line in lines[first:last])
    block = (f"{indent}try:\n{body}{indent}except {hit.model}.DoesNotExist:\n"
             f"{indent}{_INDENT}raise {hit.reject_with}({text})\n")
    new = "".join(lines[:first] + [block] + lines[last:])
    cst.parse_module(new)
    return Patch(changes=(FileChange(finding.file, source, new),))


def _statement_span(lines: list[str], stmt: ast.stmt) -> tuple[int, int, str] | None:
    """``(first, last, indent)`` of a simple statement (an assignment or an expression) that stands alone on
    its lines, the only kind wrapped in ``try``; None otherwise."""
    if not isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)):
        return None
    first, last = stmt.lineno - 1, stmt.end_lineno or stmt.lineno
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    if stmt.col_offset != len(indent) or ";" in "".join(lines[first:last]).split("#")[0]:
        return None
    return first, last, indent


def _segment(source: str, node: ast.AST) -> str:
    return ast.get_source_segment(source, node) or ast.unparse(node)


def _fstring(prefix_src: str, text: str, value: str) -> str | None:
    """An f-string literal: ``prefix_src`` (the opening of an existing literal, quote included, or "") then
    ``text`` then ``{value!r}``; None when no quote character fits."""
    if prefix_src:
        quote = prefix_src.lstrip("rRbBfFuU")[:1]
        head = prefix_src if prefix_src[:1] in "fF" else "f" + prefix_src
        if quote in value:  # Python < 3.12: the literal's own quote cannot appear inside it
            other = "'" if quote == '"' else '"'
            if other in value:
                return None
            value = value.replace(quote, other)
        return f"{head}{text}{{{value}!r}}{quote}"
    return _fstring('f"', text, value)


def _add_import(tree: ast.Module, lines: list[str], module: str, name: str) -> list[str]:
    """``lines`` with ``from module import name``: added to a one-line import of ``module`` when there is one
    (it sits before the edited loop, so the line numbers of ``tree`` still hold), else after the imports."""
    tops = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    for stmt in tops:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == module and stmt.lineno == stmt.end_lineno \
                and "(" not in lines[stmt.lineno - 1] and "#" not in lines[stmt.lineno - 1]:
            line = lines[stmt.lineno - 1].rstrip("\n")
            return lines[: stmt.lineno - 1] + [f"{line}, {name}\n"] + lines[stmt.lineno:]
    at = tops[-1].end_lineno or tops[-1].lineno if tops else 0
    return lines[:at] + [f"from {module} import {name}\n"] + lines[at:]


def _reject_call(source: str, reject: Reject, model: str, field: str, value: str) -> str | None:
    """The loop's reject call, its message replaced by one naming the missing value."""
    call_src = _segment(source, reject.call)
    if "\n" in call_src:
        return None
    message = reject.message
    if message is None or reject.call is None:
        return call_src
    msg_src = _segment(source, message)
    start = call_src.find(msg_src)
    if start < 0:
        return None
    text = f"no {model} with {field}="
    is_percent = isinstance(message, ast.Constant) and "%" in str(message.value)
    if is_percent and reject.call.args and reject.call.args[0] is message:
        quote = msg_src.lstrip("rRbBuU")[:1]
        return f"{call_src[:start]}{quote}{text}%r{quote}, {value})"
    # keep a prefix like ``f"line {n}: "`` that names the row
    cut = msg_src.find(": ")
    opening = msg_src[: len(msg_src) - len(msg_src.lstrip("rRbBfFuU")) + 1]
    prefix = msg_src[: cut + 2] if cut > 0 else opening
    if isinstance(message, ast.Constant) and "{" in prefix:
        prefix = opening
    if isinstance(message, ast.Constant) and prefix[:1] not in "fF":
        prefix = "f" + prefix
    new_msg = _fstring(prefix, text, value)
    if new_msg is None:
        return None
    return call_src[:start] + new_msg + call_src[start + len(msg_src):]
