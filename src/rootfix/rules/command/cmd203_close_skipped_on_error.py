"""CMD203: a polling loop closes stale connections only after a good round; its database-error path skips it."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: calls that drop a broken connection
CLOSERS = frozenset({"django.db.close_old_connections", "django.db.connection.close",
                     "django.db.connections.close_all"})
#: handler names that catch a database error (``django.db.DatabaseError`` and its parents / children)
DB_ERRORS = {"OperationalError": "OperationalError", "DatabaseError": "OperationalError",
             "InterfaceError": "InterfaceError", "Error": "OperationalError", "Exception": "OperationalError",
             "BaseException": "OperationalError"}


@dataclass(frozen=True)
class _Skip:
    loop: ast.While
    handler: ast.ExceptHandler
    closer: ast.stmt  # the loop's own close, after the try
    injected: str  # the django.db error a test raises in the try body
    callee: str | None  # the module-level function the try body calls first (where a test injects)


def _is_closer(index: "RepoIndex", module: "ModuleInfo", stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
        and (index.resolve(module, stmt.value.func) or "") in CLOSERS


def _waits(loop: ast.While) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, (ast.Attribute, ast.Name))
               and (n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id) in ("sleep", "wait")
               for n in walk_no_defs(ast.Module(body=loop.body, type_ignores=[])))


def skipped_closes(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[_Skip]:
    """Handlers of a daemon loop that catch a database error and ``continue`` past the loop's close."""
    module = index.module_of(fn)
    for loop in walk_no_defs(fn.node):
        if not isinstance(loop, ast.While) or not _waits(loop):
            continue
        closes = [i for i, s in enumerate(loop.body) if _is_closer(index, module, s)]
        if not closes:
            continue  # no close at all: CMD201's finding
        for j, stmt in enumerate(loop.body[:closes[-1]]):
            if not isinstance(stmt, ast.Try) or any(i < j for i in closes):
                continue  # a close earlier in the round runs every round
            callee = next((n.func.id for n in walk_no_defs(ast.Module(body=stmt.body, type_ignores=[]))
                           if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                           and n.func.id in module.functions), None)
            for handler in stmt.handlers:
                names = ["BaseException"] if handler.type is None else [
                    ast.unparse(e).rsplit(".", 1)[-1]
                    for e in (handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type])]
                caught = [DB_ERRORS[n] for n in names if n in DB_ERRORS]
                if not caught or any(_is_closer(index, module, s) for s in walk_no_defs(handler)):
                    continue
                if any(isinstance(s, ast.Continue) for s in handler.body):
                    yield _Skip(loop, handler, loop.body[closes[-1]], caught[0], callee)


class CloseSkippedOnError(Rule):
    """A polling loop's `close_old_connections()` runs after a good round only: the error path skips it.

    ## What it does
    In a loop that polls (`while ...:` with a `sleep()` / `wait()`) and calls `close_old_connections()` (or
    closes the connection) after its work, finds a handler of the work's database error
    (`except DatabaseError:`, `OperationalError`, `Exception`) that ends the round with `continue`, jumping past
    that close.

    ## Why is this bad?
    `close_old_connections()` drops a connection that has failed (Django's `errors_occurred` and an unusable
    connection), which is exactly what a database error leaves behind. The loop skips it on that path, so
    after the database restarts, fails over or drops an idle connection, every following round reuses the dead
    connection and fails again ("connection already closed", "server closed the connection unexpectedly")
    until someone restarts the process - while a loop without the `try` would have crashed and been restarted.

    ## Example
    ```python
    while not stop.is_set():
        try:
            sync_once(client)
        except DatabaseError:
            log.exception("database error, retrying")
            stop.wait(backoff)
            continue
        close_old_connections()
        stop.wait(interval)
    ```

    ## Use instead
    ```python
        except DatabaseError:
            log.exception("database error, retrying")
            stop.wait(backoff)
            close_old_connections()
            continue
    ```

    ## Fix safety
    Safe: the loop's own close call is repeated before the handler's `continue`; the success path does not
    change, and the close drops only a connection that failed or outlived `CONN_MAX_AGE`.
    """

    code = "CMD203"
    name = "close-skipped-on-error"
    bug_class = "C2"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(
            path="scripts/poll.py",
            code=(
                "import time\n\n"
                "from django.db import DatabaseError, close_old_connections\n\n\n"
                "def sync_once():\n"
                "    pass\n\n\n"
                "def run():\n"
                "    while True:\n"
                "        close_old_connections()\n"
                "        try:\n"
                "            sync_once()\n"
                "        except DatabaseError:\n"
                "            time.sleep(5)\n"
                "            continue\n"
                "        time.sleep(30)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="scripts/poll.py",
            code=(
                "import time\n\n"
                "from django.db import DatabaseError, close_old_connections\n\n\n"
                "def sync_once():\n"
                "    pass\n\n\n"
                "def run():\n"
                "    while True:\n"
                "        try:\n"
                "            sync_once()\n"
                "        except DatabaseError:\n"
                "            time.sleep(5)\n"
                "            continue\n"
                "        close_old_connections()\n"
                "        time.sleep(30)\n"
            ),
            fixed=(
                "import time\n\n"
                "from django.db import DatabaseError, close_old_connections\n\n\n"
                "def sync_once():\n"
                "    pass\n\n\n"
                "def run():\n"
                "    while True:\n"
                "        try:\n"
                "            sync_once()\n"
                "        except DatabaseError:\n"
                "            time.sleep(5)\n"
                "            close_old_connections()\n"
                "            continue\n"
                "        close_old_connections()\n"
                "        time.sleep(30)\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            if "while" not in ctx.index.module_of(fn).source:
                continue
            for skip in skipped_closes(ctx.index, fn):
                yield self.finding(fn, skip.handler, (
                    f"this handler catches the round's database error and `continue`s past "
                    f"`{ast.unparse(skip.closer).strip()}` (line {skip.closer.lineno}): the dead connection the "
                    "error leaves is reused by every following round until the process is restarted"))

    def _skip(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", _Skip] | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        found = next((s for s in skipped_closes(index, fn) if s.handler.lineno == finding.line), None)
        return (fn, found) if found is not None else None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        found = self._skip(index, finding)
        if found is None:
            return None
        fn, skip = found
        source = index.module_of(fn).source
        lines = source.splitlines(keepends=True)
        close_text = ast.get_source_segment(source, skip.closer)
        if close_text is None or "\n" in close_text:
            return None
        for stmt in sorted((s for s in skip.handler.body if isinstance(s, ast.Continue)),
                           key=lambda s: -s.lineno):
            line = lines[stmt.lineno - 1]
            indent = line[: len(line) - len(line.lstrip())]
            lines.insert(stmt.lineno - 1, f"{indent}{close_text}\n")
        new = "".join(lines)
        ast.parse(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that runs the loop with the first call of its work raising a database error
        on a connection that is now unusable: the next round must not run on that same dead connection."""
        found = self._skip(index, finding)
        if found is None or found[1].callee is None:
            return None
        fn, skip = found
        return DirectTest(fn.symbol, fn.file, ("cmd203_dead_connection_not_reused",), dict(
            target_module_repr=repr(index.module_of(fn).module), callee_repr=repr(skip.callee),
            error=skip.injected), calls=ProjectTestCalls(fn, "_dead_connection_not_reused",
                                                           infix="after_a_database_error", beside=True))
