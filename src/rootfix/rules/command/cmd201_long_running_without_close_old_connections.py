"""CMD201: a polling command loop that uses the database and never closes stale connections."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

import libcst as cst

from rootfix.codemod import with_imports
from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.command._lib.scenarios import command_of
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

CLOSERS = frozenset({"close_old_connections", "close_all", "close"})
SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "gevent.sleep"})


def _calls(index: "RepoIndex", fn: "FunctionInfo", node: ast.AST, depth: int = 0) -> Iterator[tuple[str, ast.Call]]:
    """``(resolved name or attribute, call)`` for calls under ``node``, following project calls one level."""
    module = index.module_of(fn)
    for sub in walk_no_defs(node):
        if not isinstance(sub, ast.Call):
            continue
        name = index.resolve(module, sub.func) or (sub.func.attr if isinstance(sub.func, ast.Attribute) else "")
        yield name, sub
        if depth == 0:
            callee = index.resolve_call(module, sub, fn.class_name)
            if callee is not None and callee.qualname != fn.qualname:
                yield from _calls(index, callee, callee.node, depth + 1)


def _uses_orm(index: "RepoIndex", fn: "FunctionInfo", node: ast.AST) -> bool:
    if any(isinstance(s, ast.Attribute) and s.attr in ("objects", "_default_manager") for s in walk_no_defs(node)):
        return True
    module = index.module_of(fn)
    for sub in walk_no_defs(node):
        if isinstance(sub, ast.Call):
            callee = index.resolve_call(module, sub, fn.class_name)
            if callee is not None and callee.qualname != fn.qualname and any(
                    isinstance(s, ast.Attribute) and s.attr in ("objects", "_default_manager")
                    for s in walk_no_defs(callee.node)):
                return True
    return False


def polling_loops(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[ast.While]:
    for loop in walk_no_defs(fn.node):
        if not isinstance(loop, ast.While):
            continue
        names = [name for name, _ in _calls(index, fn, loop)]
        if not any(n in SLEEPS or n.endswith(".sleep") or n == "sleep" or n.endswith(".wait") for n in names):
            continue  # not a daemon loop
        if any(n.rsplit(".", 1)[-1] in CLOSERS and ("connection" in n or n.endswith("close_old_connections")
                                                   or n == "close_old_connections") for n in names):
            continue
        if _uses_orm(index, fn, loop) and not _drains(loop) and _survives_errors(index, fn, loop):
            yield loop


#: Handlers that keep a loop going after a database error.
_KEEPS_GOING = frozenset({"Exception", "BaseException", "DatabaseError", "OperationalError", "InterfaceError",
                          "Error"})


def _survives_errors(index: "RepoIndex", fn: "FunctionInfo", loop: ast.While) -> bool:
    """The loop catches the database error of a round and goes on (``except Exception: log``), in its body
    or in a function it calls: only then does every following round fail on the dead connection. A loop
    that lets the error through ends the process, and its supervisor starts a fresh one."""
    module = index.module_of(fn)
    bodies: list[ast.AST] = [ast.Module(body=loop.body, type_ignores=[])]
    for sub in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
        if isinstance(sub, ast.Call):
            callee = index.resolve_call(module, sub, fn.class_name)
            if callee is not None and callee.qualname != fn.qualname:
                bodies.append(callee.node)
    for body in bodies:
        for node in walk_no_defs(body):
            if not isinstance(node, ast.ExceptHandler):
                continue
            names = [] if node.type is None else [
                ast.unparse(e).rsplit(".", 1)[-1]
                for e in (node.type.elts if isinstance(node.type, ast.Tuple) else [node.type])]
            if (node.type is None or set(names) & _KEEPS_GOING) and not any(
                    isinstance(n, ast.Raise) for n in walk_no_defs(ast.Module(body=node.body, type_ignores=[]))):
                return True
    return False


def _drains(loop: ast.While) -> bool:
    """The loop ends when the work runs out: a ``return`` / ``break`` under an ``if`` on a value the round
    computes (``min_id = Job.objects.aggregate(...)``; ``if min_id is None: return``). A finite purge in
    chunks, with a pause for other queries, not a daemon polling for days."""
    def own(stmts: list[ast.stmt]) -> Iterator[ast.AST]:
        stack: list[ast.AST] = list(stmts)
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
                                 ast.For, ast.AsyncFor, ast.While)):
                continue
            stack.extend(ast.iter_child_nodes(node))

    computed = {t.id for n in own(loop.body) if isinstance(n, ast.Assign)
                and any(isinstance(c, ast.Call) for c in walk_tree(n.value))
                for tgt in n.targets for t in walk_tree(tgt) if isinstance(t, ast.Name)}
    for node in own(loop.body):
        if isinstance(node, ast.If) and any(isinstance(n, ast.Name) and n.id in computed for n in walk_tree(node.test)) \
                and any(isinstance(n, (ast.Return, ast.Break)) for n in own(node.body)):
            return True
    return False



#: a poller whose rounds use the ORM one call away; ``{imports}`` / ``{close}`` are the fix's lines
_POLLER = (
    "import threading\n\n"
    "{imports}"
    "from exports.models import ExportJob\n\n"
    "stop = threading.Event()\n\n\n"
    "def _round():\n"
    "    try:\n"
    "        return ExportJob.objects.filter(state='queued').update(state='running')\n"
    "    except Exception:\n"
    "        return 0\n\n\n"
    "def poll_forever(interval=10):\n"
    "    while not stop.is_set():\n"
    "{close}"
    "        _round()\n"
    "        stop.wait(interval)\n"
)


class LongRunningWithoutCloseOldConnections(Rule):
    """Polling command loop that uses the database and never calls `close_old_connections()`.

    ## What it does
    Finds `while` loops in commands (and the code they reach) that sleep between rounds (`time.sleep`,
    `Event.wait`), query the database and catch a round's error to go on (`except Exception:` that logs),
    but never call `django.db.close_old_connections()` (or close the connection) in the loop. A loop that
    ends when the work runs out (a chunked purge) is not a daemon; one that lets the error through ends
    the process, and its supervisor starts a fresh one with a new connection.

    ## Why is this bad?
    Django closes stale connections at the start and end of each *request*; a management command that runs
    for days gets no requests. When the database restarts, fails over, or drops idle connections
    (`wait_timeout`, a proxy's idle timeout, `CONN_MAX_AGE`), every following round fails with
    `OperationalError: server closed the connection unexpectedly` / `MySQL server has gone away` until
    someone restarts the process.

    ## Example
    ```python
    def handle(self, *args, **options):
        while True:
            try:
                for job in ExportJob.objects.filter(state="queued"):
                    run_export(job)
            except Exception:
                logger.exception("export round failed")
            time.sleep(30)
    ```

    ## Use instead
    ```python
    def handle(self, *args, **options):
        while True:
            close_old_connections()
            try:
                for job in ExportJob.objects.filter(state="queued"):
                    run_export(job)
            except Exception:
                logger.exception("export round failed")
            time.sleep(30)
    ```

    ## Fix safety
    Unsafe: the fix calls `close_old_connections()` first in each round (and imports it). It closes a
    connection that is inside a transaction, so no fix is offered when the loop runs in one (`atomic()`
    around it, or a caller's); a project test that runs the loop inside `TestCase` may then fail, and the
    fix is only accepted when the project's tests still pass.
    """

    code = "CMD201"
    name = "long-running-without-close-old-connections"
    bug_class = "C2"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="exports/management/commands/export_worker.py",
            code=(
                "import time\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.db import close_old_connections\n\n"
                "from exports.models import ExportJob\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        while True:\n"
                "            close_old_connections()\n"
                "            for job in ExportJob.objects.filter(state='queued'):\n"
                "                job.run()\n"
                "            time.sleep(30)\n\n"
                "    def wait_for_file(self, path):\n"
                "        while not path.exists():  # no database in the loop\n"
                "            time.sleep(1)\n"
            ),
        ),
        Example(  # a database error ends the process: its supervisor starts a new one, with a new connection
            path="exports/management/commands/export_worker.py",
            code=(
                "import time\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from exports.models import ExportJob\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        while True:\n"
                "            for job in ExportJob.objects.filter(state='queued'):\n"
                "                job.run()\n"
                "            time.sleep(30)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="exports/management/commands/export_worker.py",
            code=(
                "import time\n\n"
                "from django.core.management.base import BaseCommand\n\n"
                "from exports.models import ExportJob\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        while True:\n"
                "            try:\n"
                "                for job in ExportJob.objects.filter(state='queued'):\n"
                "                    job.run()\n"
                "            except Exception as exc:\n"
                "                self.stderr.write(f'round failed: {exc}')\n"
                "            time.sleep(options['interval'])\n"
            ),
            fixed=(
                "import time\n\n"
                "from django.core.management.base import BaseCommand\n"
                "from django.db import close_old_connections\n\n"
                "from exports.models import ExportJob\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        while True:\n"
                "            close_old_connections()\n"
                "            try:\n"
                "                for job in ExportJob.objects.filter(state='queued'):\n"
                "                    job.run()\n"
                "            except Exception as exc:\n"
                "                self.stderr.write(f'round failed: {exc}')\n"
                "            time.sleep(options['interval'])\n"
            ),
        ),
        Example(  # the ORM one call away, a stop event's wait() as the pause
            path="exports/poller.py",
            code=_POLLER.format(imports="", close=""),
            fixed=_POLLER.format(imports="from django.db import close_old_connections\n\n",
                                 close="        close_old_connections()\n"),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            source = ctx.index.module_of(fn).source
            if "while" not in source or ("sleep" not in source and ".wait(" not in source):
                continue
            for loop in polling_loops(ctx.index, fn):
                yield self.finding(fn, loop, (
                    "long-running loop queries the database between sleeps but never calls "
                    "close_old_connections(): after a database restart or an idle timeout every round fails "
                    "with OperationalError until the process is restarted"))

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        """``close_old_connections()`` first in each round of the loop (Django's request cycle does the same
        at each request): a connection the server dropped, or older than ``CONN_MAX_AGE``, is closed and the
        round opens a fresh one."""
        module = index.by_path.get(finding.file)
        fn = index.enclosing_function(finding.file, finding.line)
        if module is None or fn is None or not _binds_free(module.source, fn):
            return None
        loop = next((n for n in walk_no_defs(fn.node) if isinstance(n, ast.While) and n.lineno == finding.line), None)
        if loop is None or not loop.body:
            return None
        from rootfix.project.transactions import scope_at

        if scope_at(index, fn, loop) is not None:
            return None  # closing the connection would end the transaction the loop runs in
        first = loop.body[0]
        lines = module.source.splitlines(keepends=True)
        head = lines[first.lineno - 1]
        indent = head[:len(head) - len(head.lstrip())]
        if first.lineno == loop.lineno or not head.strip():
            return None  # ``while x: work()`` on one line
        lines.insert(first.lineno - 1, f"{indent}close_old_connections()\n")
        new = with_imports(cst.parse_module("".join(lines)), (("django.db", "close_old_connections"),),
                           index.first_party).code
        return Patch(changes=(FileChange(finding.file, module.source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that runs the loop (by calling it, or the command by name) with the first
        call of its work raising the error a dropped connection gives: the next round must not run on that
        same dead connection."""
        fn = index.enclosing_function(finding.file, finding.line)
        loop = next((n for n in walk_no_defs(fn.node) if isinstance(n, ast.While) and n.lineno == finding.line),
                    None) if fn is not None else None
        callee = _first_work(index, fn, loop) if loop is not None else None
        if callee is None:
            return None
        return DirectTest(fn.symbol, fn.file, ("cmd203_dead_connection_not_reused",), dict(
            target_module_repr=repr(index.module_of(fn).module), callee_repr=repr(callee),
            error="OperationalError"), calls=ProjectTestCalls(
                fn, "_dead_connection_not_reused", infix="after_a_database_error", beside=True,
                command=command_of(index, fn) if "/management/commands/" in f"/{fn.file}" else None))


def _binds_free(source: str, fn: "FunctionInfo") -> bool:
    """``close_old_connections`` is not a name of something else in the module or the function."""
    tree = ast.parse(source)
    for node in walk_tree(tree):
        if isinstance(node, ast.alias) and (node.asname or node.name) == "close_old_connections":
            return True
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == "close_old_connections":
            return False
        if isinstance(node, ast.Name) and node.id == "close_old_connections" and isinstance(node.ctx, ast.Store):
            return False
    return True


def _first_work(index: "RepoIndex", fn: "FunctionInfo", loop: ast.While) -> str | None:
    """The first project call of a round that uses the database, as the test module can replace it: a
    module-level function by name, a method of the loop's own class as ``Class.method``."""
    module = index.module_of(fn)
    for sub in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])):
        if not isinstance(sub, ast.Call):
            continue
        callee = index.resolve_call(module, sub, fn.class_name)
        if callee is None or callee.qualname == fn.qualname or not _uses_orm(index, callee, callee.node):
            continue
        if isinstance(sub.func, ast.Name) and callee.class_name is None and callee.file == fn.file:
            return sub.func.id
        if isinstance(sub.func, ast.Attribute) and isinstance(sub.func.value, ast.Name) \
                and sub.func.value.id == "self" and callee.class_name == fn.class_name and callee.file == fn.file:
            return f"{fn.class_name}.{sub.func.attr}"
    return None
