"""CMD502: offset pagination over a filtered queryset that the loop's own writes shrink (rows are skipped)."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.project.callables import passed_argument
from rootfix.project.model import Project, is_test_file
from rootfix.rules.base import CheckContext, DirectTest, Example, Rule, owner_replay
from rootfix.rules.command._lib.pagers import Pager, handed_pager, keyset_edits, offset_pages
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex


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


def _querysets(fn: "FunctionInfo") -> dict[str, ast.expr]:
    """Local names bound once to a queryset chain (``pending = X.objects.filter(...)``): slicing the name
    runs the filter again on every page."""
    bound: dict[str, list[ast.expr]] = {}
    for sub in walk_no_defs(fn.node):
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            bound.setdefault(sub.targets[0].id, []).append(sub.value)
    return {name: values[0] for name, values in bound.items() if len(values) == 1}


def shrinking_pages(fn: "FunctionInfo") -> Iterator[tuple[Pager, set[str]]]:
    """``(pager, fields both filtered and written)`` for each page of ``fn``'s loops."""
    querysets = _querysets(fn)
    written: dict[int, set[str]] = {}
    for pager in offset_pages(fn):
        sub = pager.page
        source = querysets.get(sub.value.id, sub.value) if isinstance(sub.value, ast.Name) else sub.value
        fields = _filter_fields(source)
        if not fields:
            continue
        done = written.setdefault(id(pager.loop), _written_fields(pager.loop))
        both = fields & done if "*" not in done else fields
        if both:
            yield pager, both


def handed_shrinking_pages(index: "RepoIndex") -> Iterator[tuple["FunctionInfo", Pager, str, "FunctionInfo", set[str]]]:
    """Pager helpers handed a queryset that a caller filters and, while looping over the pages (in its own
    body or in the functions it calls there), changes: ``(helper, pager, caller, fields)``."""
    pagers = {}
    for fn in index.functions.values():
        if "paginat" in fn.node.name.lower() or "batch" in fn.node.name.lower() or "page" in fn.node.name.lower() \
                or "chunk" in fn.node.name.lower() or any(isinstance(n, ast.Yield) for n in walk_no_defs(fn.node)):
            found = handed_pager(fn) if not is_test_file(fn.file) else None
            if found is not None:
                pagers[fn.qualname] = (fn, *found)
    if not pagers:
        return
    for caller in index.functions.values():
        if is_test_file(caller.file) or caller.qualname in pagers:
            continue
        querysets = None
        for callee, call in index.callees(caller):
            if callee.qualname not in pagers:
                continue
            helper, pager, param = pagers[callee.qualname]
            # ``for batch in pager(qs)``, also through ``enumerate(pager(qs), 1)`` and the like
            loop = next((n for n in walk_no_defs(caller.node) if isinstance(n, (ast.For, ast.AsyncFor))
                         and any(sub is call for sub in ast.walk(n.iter))), None)
            handed = passed_argument(helper, call, param)
            if loop is None or handed is None:
                continue
            if querysets is None:
                querysets = {}
                for sub in walk_no_defs(caller.node):  # every binding: ``qs = qs.filter(...)`` narrows it
                    if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
                        querysets.setdefault(sub.targets[0].id, set()).update(_filter_fields(sub.value))
            fields = querysets.get(handed.id, set()) if isinstance(handed, ast.Name) else _filter_fields(handed)
            if not fields:
                continue
            written = set(_written_fields(loop))
            inside = {id(n) for n in walk_no_defs(loop)}
            for sub, sub_call in index.callees(caller):
                if id(sub_call) in inside and sub.qualname not in pagers:
                    written |= _written_fields(sub.node)
            both = fields & written if "*" not in written else fields
            if both:
                yield helper, pager, param, caller, both


_PAGER = (
    "def iter_pages(queryset, size=100):\n"
    "    queryset = queryset.order_by('pk')\n"
    "    offset = 0\n"
    "    while True:\n"
    "        page = list(queryset[offset:offset + size])\n"
    "        if not page:\n"
    "            return\n"
    "        yield page\n"
    "        offset += size\n"
)
_PAGER_FIXED = (
    "def iter_pages(queryset, size=100):\n"
    "    queryset = queryset.order_by('pk')\n"
    "    last_pk = None\n"
    "    while True:\n"
    "        page = list((queryset if last_pk is None else queryset.filter(pk__gt=last_pk))[:size])\n"
    "        if not page:\n"
    "            return\n"
    "        yield page\n"
    "        last_pk = page[-1].pk\n"
)


def _caller(body: str) -> str:
    return ("from django.core.management.base import BaseCommand\n\n"
            "from archive.models import Box\nfrom archive.paging import iter_pages\nfrom archive.services import seal\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        pending = Box.objects.filter(sealed=False)\n"
            "        for number, page in enumerate(iter_pages(pending, 50), start=1):\n"
            f"{body}")


_SEALS = ("archive/services.py", "def seal(box):\n    box.sealed = True\n    box.save(update_fields=['sealed'])\n")


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

    The same through a helper: `iter_batches(queryset, size)` pages by offset through the queryset it is
    handed, and a caller filters that queryset and, while looping over the batches (in its own body or in
    the functions it calls there), writes a field it filters on. The finding is on the helper's slice.

    ## Fix safety
    Unsafe, offered when the pages are fetched into a list (`page = list(qs[offset:offset + size])`) in a
    `while` loop, the queryset is ordered by primary key, and the offset starts at 0 and is used for nothing
    else: the fix pages by key instead (`qs.filter(pk__gt=last_pk)[:size]`, `last_pk = page[-1].pk`), which
    hands out the same pages as before when nothing changes and no longer skips rows when the loop's own
    writes shrink the set. Unsafe because a pager helper cannot see every queryset its callers hand it:
    `.values()` / `.values_list()` rows have no `.pk`, and a combined (`union()`) queryset cannot be
    filtered (Django's `QuerySet._filter_or_exclude` raises `TypeError`), where slicing worked. No fix otherwise: always taking the first page is only correct when every
    row of a page leaves the filter (a row that fails and stays would be fetched forever), and keyset
    pagination needs an ordering the code may not have. The regression test replays the project's tests
    that run a pager helper with pages of 2 rows and checks every row its queryset matched was handed
    out (a pager written inline gets no test: its fix is proposed).
    """

    code = "CMD502"
    name = "offset-over-shrinking-set"
    bug_class = "C5"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(  # the pager helper's callers never change what they filter on
            path="archive/paging.py", code=_PAGER,
            files=(("archive/management/commands/count_pages.py", _caller(
                "            self.stdout.write(f'{number}: {sum(b.pages for b in page)}')\n")),),
        ),
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
        Example(  # a pager helper; the command's loop seals each box in a service, leaving `sealed=False`
            path="archive/paging.py", code=_PAGER, fixed=_PAGER_FIXED,
            files=(_SEALS, ("archive/management/commands/seal_boxes.py", _caller(
                "            for box in page:\n                seal(box)\n"))),
        ),
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
            for pager, fields in shrinking_pages(fn):
                yield self._fixable(fn, pager, self.finding(fn, pager.page, (
                    f"pages by `{pager.offset}` through a queryset filtered on {', '.join(sorted(fields))}, which "
                    f"the loop itself changes: processed rows leave the filter, so each `{pager.offset} +=` skips as "
                    "many unprocessed rows; page by primary key (pk__gt=last_pk) or always take the first page")))
        seen: set[tuple[str, int]] = set()
        for helper, pager, param, caller, fields in handed_shrinking_pages(ctx.index):
            if (helper.file, pager.page.lineno) in seen or not (ctx.in_scope(helper) or ctx.in_scope(caller)):
                continue
            seen.add((helper.file, pager.page.lineno))
            yield self._fixable(helper, pager, self.finding(helper, pager.page, (
                f"{helper.symbol} pages through the queryset it is handed (`{param}`) by `{pager.offset}`, and "
                f"{caller.symbol} changes {', '.join(sorted(fields))}, which its queryset filters on, while it "
                f"walks the pages: processed rows leave the filter, so each `{pager.offset} +=` skips as many "
                "unprocessed rows; page by primary key (pk__gt=last_pk)"),
                related=((caller.file, caller.line, f"{caller.symbol} filters on {', '.join(sorted(fields))} "
                          "and changes it"),)))

    @staticmethod
    def _fixable(fn: "FunctionInfo", pager: Pager, finding: Finding) -> Finding:
        return finding if keyset_edits(fn, pager) is not None else replace(finding, fixable=False, fix_safety=None)

    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", Pager] | None:
        fn = index.function_of(finding.file, finding.symbol, finding.line)
        if fn is None:
            return None
        return next(((fn, p) for p in offset_pages(fn) if p.page.lineno == finding.line
                     and p.page.col_offset == finding.col), None)

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        edits = keyset_edits(*target) if target is not None else None
        if not edits:
            return None
        source = index.by_path[finding.file].source
        lines = source.splitlines(keepends=True)
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line))
        new = source
        for node, text in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
            a = starts[node.lineno - 1] + len(lines[node.lineno - 1].encode()[:node.col_offset].decode())
            b = starts[node.end_lineno - 1] + len(lines[node.end_lineno - 1].encode()[:node.end_col_offset].decode())
            new = new[:a] + text + new[b:]
        return Patch(changes=(FileChange(finding.file, source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """The project's tests that run the pager helper, replayed with pages of 2 rows: every row its queryset
        matched when the walk began must be handed out. None for a pager written inline in its loop (the test
        would need rows built for its query) or one that is not a generator with a page-size parameter."""
        target = self._target(index, finding)
        found = handed_pager(target[0]) if target is not None else None
        if target is None or found is None or not any(isinstance(n, ast.Yield) for n in walk_no_defs(target[0].node)):
            return None
        fn, (pager, param) = target[0], found
        args = fn.node.args
        params = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
        if not (isinstance(pager.step, ast.Name) and pager.step.id in params):
            return None
        # the tests to replay are those running a command whose loop shrinks the set, not the helper's own
        project = Project.of(index)
        callers = [c for h, _p, _q, c, _f in handed_shrinking_pages(index) if h.qualname == fn.qualname]
        command = next((c.name for caller in callers for c in project.components if c.flavor == "management-command"
                        and (c.file == caller.file or caller.qualname in project.reach(c))), None)
        return owner_replay(index, fn, ("cmd502_every_row_visited_head", "cmd502_every_row_visited"),
                            "_every_row_visited", "visits_every_row",
                            params=dict(queryset_repr=repr(param), size_repr=repr(pager.step.id), page="2"),
                            command=command)
