"""CMD603: a command or job rewrites a published output file in place (readers see it half-written)."""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.command._lib.files import file_opens, local_bindings
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.types import Finding
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: names of the settings / constants that say "other people read what is in here"
PUBLISHED = re.compile(r"export|feed|media|static|public|report|outbox|share|download|sitemap|htdocs|www",
                       re.I)
#: calls that make a write atomic (write elsewhere, then move into place) or go through a temp file
ATOMIC = frozenset({"os.replace", "os.rename", "shutil.move", "tempfile.NamedTemporaryFile", "tempfile.mkstemp"})


def _published_name(expr: ast.expr, module: "ModuleInfo", names: dict[str, ast.expr], depth: int = 0) -> str | None:
    """The settings attribute or module constant naming a published location that ``expr`` is built from."""
    if depth > 3:
        return None
    for node in walk_tree(expr):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "settings" \
                and PUBLISHED.search(node.attr):
            return f"settings.{node.attr}"
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id in names:
                found = _published_name(names[node.id], module, {k: v for k, v in names.items() if k != node.id},
                                        depth + 1)
                if found:
                    return found
            elif node.id.isupper() and PUBLISHED.search(node.id) and (
                    node.id in module.assignments or node.id in module.imports):
                return node.id
    return None


def _published_in(index: "RepoIndex", fn: "FunctionInfo", expr: ast.expr, depth: int = 0) -> str | None:
    """Like :func:`_published_name`, also through what project code returns: a property of the class
    (``self.path`` returning ``outbox_dir() / self.filename``) or a helper (``outbox_dir()`` returning
    ``Path(settings.EXPORT_OUTBOX)``)."""
    module = index.module_of(fn)
    found = _published_name(expr, module, local_bindings(fn.node))
    if found or depth > 2:
        return found
    for node in walk_tree(expr):
        target = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self" \
                and fn.class_name:
            target = module.functions.get(f"{fn.class_name}.{node.attr}") \
                or index._inherited_method(module, fn.class_name, node.attr)
        elif isinstance(node, ast.Call):
            target = index.resolve_call(module, node, fn.class_name)
        if target is None or target.qualname == fn.qualname:
            continue
        for ret in (n.value for n in walk_no_defs(target.node) if isinstance(n, ast.Return) and n.value is not None):
            found = _published_in(index, target, ret, depth + 1)
            if found:
                return found
    return None


def _slow(body: list[ast.stmt]) -> bool:
    """The write takes a while and can fail midway: a loop, or a query, inside it."""
    for node in walk_no_defs(ast.Module(body=body, type_ignores=[])):
        if isinstance(node, (ast.For, ast.While, ast.AsyncFor, ast.comprehension)):
            return True
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            return True
    return False


def in_place_writes(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[tuple[ast.Call, str]]:
    """``(open call, published location)`` for files ``fn`` truncates and rewrites where readers look."""
    module = index.module_of(fn)

    def resolve(expr: ast.expr) -> str | None:
        return index.resolve(module, expr)

    if any(isinstance(n, ast.Call) and ((resolve(n.func) or "") in ATOMIC or (
            isinstance(n.func, ast.Attribute) and n.func.attr in ("replace", "rename")
            and not n.args[1:] and n.args)) for n in walk_no_defs(fn.node)):
        return  # the function moves a file into place itself (or writes through a temp file)
    opened = {id(o.call): o for o in file_opens(fn.node, resolve)
              if o.mode is not None and o.mode.startswith("w") and o.path is not None}
    for node in walk_no_defs(fn.node):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                o = opened.get(id(item.context_expr))
                where = _published_in(index, fn, o.path) if o is not None else None
                if where and _slow(node.body):
                    yield o.call, where
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and id(node.value) in opened:
            o = opened[id(node.value)]
            where = _published_in(index, fn, o.path)
            rest = [s for s in fn.node.body if s.lineno > node.lineno]
            if where and _slow(rest):
                yield o.call, where


class NonAtomicOutputWrite(Rule):
    """Published output file rewritten in place.

    ## What it does
    Finds files that commands and scheduled jobs open for writing (`"w"`, `"wb"`, `"wt"`, also `Path.open("w")`)
    at a published location - a path built from a setting or module constant named like one
    (`settings.EXPORT_DIR`, `MEDIA_ROOT`, `FEED_DIR`, `STATIC_ROOT`, `REPORTS_DIR`, ...) - and fill with a
    loop or queries, when the function never moves a finished file into place (`os.replace`, `os.rename`,
    `shutil.move`, `Path.replace`) nor writes through a temp file.

    ## Why is this bad?
    `open(path, "w")` truncates the published file first. While the job runs, the web server, a partner's
    download or the next job reads an empty or half-written file; when the job fails midway (a query error,
    a full disk, a kill at deploy time) the truncated file stays and is served until the next good run.

    ## Example
    ```python
    with open(settings.FEED_DIR / "prices.csv", "w", encoding="utf-8") as fh:
        for sku in Sku.objects.all():
            fh.write(line(sku))
    ```

    ## Use instead
    ```python
    target = settings.FEED_DIR / "prices.csv"
    tmp = target.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for sku in Sku.objects.all():
            fh.write(line(sku))
    os.replace(tmp, target)  # atomic on one file system: readers see the old file or the new one
    ```

    ## Fix safety
    No automatic fix: the temporary file must be on the same file system as the target (or `os.replace`
    is not atomic), and some consumers watch the directory for new files, which a `.tmp` file would trigger.
    """

    code = "CMD603"
    name = "non-atomic-output-write"
    bug_class = "C6"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = None

    VALID = (
        Example(
            path="shop/management/commands/write_feed.py",
            code=(
                "import os\n\n"
                "from django.conf import settings\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from shop.models import Sku\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        target = settings.FEED_DIR / 'prices.csv'\n"
                "        tmp = target.with_suffix('.tmp')\n"
                "        with open(tmp, 'w', encoding='utf-8') as fh:\n"
                "            for sku in Sku.objects.all():\n"
                "                fh.write(sku.code)\n"
                "        os.replace(tmp, target)\n"
            ),
        ),
        Example(  # a file given on the command line, and appending to a log
            path="shop/management/commands/write_feed.py",
            code=(
                "from django.conf import settings\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from shop.models import Sku\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['output'], 'w', encoding='utf-8') as fh:\n"
                "            for sku in Sku.objects.all():\n"
                "                fh.write(sku.code)\n"
                "        with open(settings.EXPORT_DIR / 'feed.log', 'a', encoding='utf-8') as log:\n"
                "            for sku in Sku.objects.all():\n"
                "                log.write(sku.code)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="shop/management/commands/write_feed.py",
            code=(
                "from django.conf import settings\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from shop.models import Sku\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(settings.FEED_DIR / 'prices.csv', 'w', encoding='utf-8') as fh:\n"
                "            for sku in Sku.objects.all():\n"
                "                fh.write(sku.code)\n"
            ),
        ),
        Example(  # a module constant, os.path.join, a handle assigned and closed later
            path="shop/jobs.py",
            code=(
                "import os\n\n"
                "from shop.models import Sku\n\n"
                "FEED_DIR = '/srv/feeds'\n\n\n"
                "def write_stock_feed():\n"
                "    path = os.path.join(FEED_DIR, 'stock.csv')\n"
                "    fh = open(path, 'w', encoding='utf-8')\n"
                "    for sku in Sku.objects.all():\n"
                "        fh.write(sku.code)\n"
                "    fh.close()\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            for call, where in in_place_writes(ctx.index, fn):
                yield self.finding(fn, call, (
                    f"`{ast.unparse(call)[:60]}` truncates and rewrites a file under {where} in place: readers see "
                    "it empty or half-written while the job runs, and a failure midway leaves it so; write a "
                    "temporary file beside it and os.replace() it into place"))
