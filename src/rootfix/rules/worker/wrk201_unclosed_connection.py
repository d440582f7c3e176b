"""WRK201: a DB connection / cursor opened in worker code and never closed."""
from __future__ import annotations

import ast
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix import codemod
from rootfix.rules.base import CheckContext, Example, Rule, TaskReplay
from rootfix.rules.worker import _w1common as w1
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

CONNECT = frozenset({"psycopg2.connect", "psycopg.connect", "sqlite3.connect", "sqlite3.dbapi2.connect",
                     "pymysql.connect", "MySQLdb.connect", "mysql.connector.connect", "oracledb.connect",
                     "cx_Oracle.connect", "pyodbc.connect"})
#: Other resources that hold a socket or a file descriptor until closed, and close in their own ``with``.
RESOURCES = {
    "open": "file", "builtins.open": "file", "io.open": "file", "gzip.open": "file", "bz2.open": "file",
    "lzma.open": "file", "codecs.open": "file", "tarfile.open": "file", "zipfile.ZipFile": "file",
    "tempfile.NamedTemporaryFile": "file", "tempfile.TemporaryFile": "file",
    "smtplib.SMTP": "SMTP client", "smtplib.SMTP_SSL": "SMTP client", "smtplib.LMTP": "SMTP client",
    "ftplib.FTP": "FTP client", "ftplib.FTP_TLS": "FTP client", "imaplib.IMAP4": "IMAP client",
    "imaplib.IMAP4_SSL": "IMAP client", "poplib.POP3": "POP3 client", "poplib.POP3_SSL": "POP3 client",
    "requests.Session": "HTTP session", "requests.sessions.Session": "HTTP session", "requests.session":
    "HTTP session", "httpx.Client": "HTTP client", "urllib.request.urlopen": "HTTP response",
    "urllib3.PoolManager": "HTTP pool", "socket.socket": "socket", "socket.create_connection": "socket",
    "paramiko.SSHClient": "SSH client", "paramiko.client.SSHClient": "SSH client",
}

_FILES = (("legacy/__init__.py", ""),)

_BUGGY = '''import logging
import sqlite3

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task
def import_legacy_members():
    conn = sqlite3.connect(settings.LEGACY_DB_PATH)
    rows = conn.execute("SELECT email, name FROM members").fetchall()
    logger.info("read %d legacy members", len(rows))
    conn.close()
    return len(rows)
'''

_FIXED = '''import logging
import sqlite3
from contextlib import closing

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task
def import_legacy_members():
    with closing(sqlite3.connect(settings.LEGACY_DB_PATH)) as conn:
        rows = conn.execute("SELECT email, name FROM members").fetchall()
    logger.info("read %d legacy members", len(rows))
    return len(rows)
'''

_BUGGY_CURSOR = '''from celery import shared_task
from django.db import connection


@shared_task
def refresh_sales_view():
    cursor = connection.cursor()
    cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY sales_daily")
    return cursor.rowcount
'''

_FIXED_CURSOR = '''from celery import shared_task
from django.db import connection


@shared_task
def refresh_sales_view():
    with connection.cursor() as cursor:
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY sales_daily")
        return cursor.rowcount
'''


_BUGGY_HELPER = '''import sqlite3

from celery import shared_task
from django.conf import settings


def open_legacy():
    conn = sqlite3.connect(settings.LEGACY_DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def member_count(conn):
    return conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]


@shared_task
def count_legacy_members():
    conn = open_legacy()
    count = member_count(conn)
    conn.close()
    return count
'''

_FIXED_HELPER = '''import sqlite3
from contextlib import closing

from celery import shared_task
from django.conf import settings


def open_legacy():
    conn = sqlite3.connect(settings.LEGACY_DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def member_count(conn):
    return conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]


@shared_task
def count_legacy_members():
    with closing(open_legacy()) as conn:
        count = member_count(conn)
    return count
'''


class UnclosedConnectionInWorker(Rule):
    """A database connection or cursor opened in worker code is not closed on every path.

    ## What it does
    Finds, in tasks and the project code they call, ``x = psycopg2.connect(...)`` / ``sqlite3.connect`` /
    ``pymysql.connect`` / ``MySQLdb.connect`` / ... and ``x = connection.cursor()`` /
    ``connections["alias"].cursor()`` that are not used as a context manager (or through
    ``contextlib.closing``) and whose ``x.close()`` is not in a ``finally`` (returned objects are the
    caller's business and are not reported). A project helper that opens such a resource and returns it
    (``def open_db(): conn = sqlite3.connect(...); ...; return conn``) hands ownership to its caller:
    ``x = open_db()`` in worker code is found the same way.

    ## Why is this bad?
    Outside the request cycle nothing closes them for you: Django closes its connections at the end of
    a request, not of a task, and a raw DB-API connection lives until garbage collection. A worker that
    leaks one per failed run exhausts ``max_connections`` on the database server ("FATAL: sorry, too many
    clients already") for every service sharing it. ``x.close()`` at the end of the happy path is skipped
    by the first exception.

    ## Example
    ```python
    conn = sqlite3.connect(settings.LEGACY_DB_PATH)
    rows = conn.execute("SELECT email FROM members").fetchall()
    conn.close()
    ```

    ## Use instead
    ```python
    with closing(sqlite3.connect(settings.LEGACY_DB_PATH)) as conn:
        rows = conn.execute("SELECT email FROM members").fetchall()
    ```

    ## Fix safety
    Safe. The statements from the assignment to the last use of the name (in the same block) move into a
    ``with``: ``with X.cursor() as cursor:`` for Django cursors, ``with closing(connect(...)) as conn:``
    for DB-API connections (a connection's own ``with`` commits/rolls back but does *not* close it for
    sqlite3 and psycopg2). A final ``conn.close()`` in that range is dropped. No fix is offered when the
    name is used outside that block. Files (``open``, ``gzip.open``, ``zipfile.ZipFile``...), SMTP / FTP / IMAP
    clients, ``requests.Session`` / ``httpx.Client``, ``urlopen`` responses and sockets are found the same way
    and move into their own ``with`` (their ``__exit__`` closes them).

    The regression test replays the project's tests that run the task with the connect (or ``cursor()``)
    call of the finding replaced by a tracked stand-in whose first use fails, and asserts it was closed
    anyway. None is written when no project test runs the task.
    """

    code = "WRK201"
    name = "unclosed-connection-in-worker"
    bug_class = "W2"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(_FIXED, path="legacy/tasks.py", files=_FILES),
        Example(_FIXED_CURSOR, path="legacy/tasks.py", files=_FILES),
        # closed in finally; a factory returning the connection
        Example('''import psycopg2
from celery import shared_task
from django.conf import settings


def open_warehouse():
    return psycopg2.connect(settings.WAREHOUSE_DSN)


@shared_task
def load_facts():
    conn = open_warehouse()
    raw = psycopg2.connect(settings.WAREHOUSE_DSN)
    try:
        with raw.cursor() as cur:
            cur.execute("SELECT 1")
    finally:
        raw.close()
        conn.close()
''', path="legacy/tasks.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY, path="legacy/tasks.py", files=_FILES, fixed=_FIXED),
        Example(_BUGGY_HELPER, path="legacy/tasks.py", files=_FILES, fixed=_FIXED_HELPER),
        Example(_BUGGY_CURSOR, path="legacy/tasks.py", files=_FILES, fixed=_FIXED_CURSOR),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        for fn, _task in w1.worker_functions(index).values():
            if not ctx.in_scope(fn):
                continue
            module = index.module_of(fn)
            closed = _closed_in_finally(fn)
            for node in w1._walk_no_defs(fn.node.body):
                if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                        and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Call)):
                    continue
                kind = opens(index, module, node.value)
                name = node.targets[0].id
                if kind is None or name in closed or _escapes(fn, name):
                    continue
                finding = self.finding(
                    fn, node,
                    f"`{name} = {ast.unparse(node.value.func)}(...)` opens "
                    f"{'an' if kind[0] in 'aeiouFHS' and kind not in ('socket',) else 'a'} {kind} in worker code that is not "
                    f"closed on every path (no `with`, no close() in `finally`): each failing run leaks it")
                if _fix_range(fn, node, name, index) is None:
                    finding = replace(finding, fixable=False, fix_safety=None)
                yield finding

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        info = index.by_path.get(finding.file)
        fn = index.enclosing_function(finding.file, finding.line)
        if info is None or fn is None:
            return None
        stmt = next((n for n in w1._walk_no_defs(fn.node.body) if isinstance(n, ast.Assign)
                     and n.lineno == finding.line), None)
        if stmt is None:
            return None
        kind = opens(index, info, stmt.value)  # type: ignore[arg-type]
        name = stmt.targets[0].id  # type: ignore[union-attr]
        rng = _fix_range(fn, stmt, name, index)
        if rng is None or kind is None:
            return None
        count, close_at = rng
        module = cst.parse_module(info.source)
        closing_name = None
        if kind == "connection":
            module, closing_name = codemod.import_name(module, "contextlib", "closing")
        shift = len(module.code.splitlines()) - len(info.source.splitlines())
        module, line = codemod.find_at(module, finding.line + shift, cst.SimpleStatementLine)
        if line is None:
            return None
        parent = codemod.parent_of(module, line, (cst.IndentedBlock, cst.Module))  # type: ignore[arg-type]
        if parent is None:
            return None
        body = list(parent.body)
        at = next(i for i, s in enumerate(body) if s is line)
        inner = body[at + 1: at + 1 + count]
        rest = body[at + 1 + count:]
        if close_at is not None:
            drop = body[at + close_at]
            rest = [s for s in rest if s is not drop]
        assign = cst.ensure_type(line.body[0], cst.Assign)
        call = assign.value
        if closing_name:
            call = cst.Call(func=cst.parse_expression(closing_name), args=[cst.Arg(value=call)])
        with_node = cst.With(
            items=[cst.WithItem(item=call, asname=cst.AsName(name=cst.Name(name)))],
            body=cst.IndentedBlock(body=inner or [cst.SimpleStatementLine([cst.Pass()])]),
            leading_lines=line.leading_lines)
        new_body = body[:at] + [with_node] + rest
        module = codemod.replace_node(module, parent, lambda p: p.with_changes(body=new_body))
        return Patch(changes=(FileChange(finding.file, info.source, module.code),))


    def regression(self, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
        fn = index.enclosing_function(finding.file, finding.line)
        entry = w1.worker_functions(index).get(fn.qualname) if fn else None
        if fn is None or entry is None:
            return None
        task = entry[1]
        info = index.module_of(fn)
        stmt = next((n for n in w1._walk_no_defs(fn.node.body) if isinstance(n, ast.Assign)
                     and n.lineno == finding.line and isinstance(n.value, ast.Call)), None)
        if stmt is None:
            return None
        kind = opens(index, info, stmt.value)  # type: ignore[arg-type]
        target = w1.patch_target(index, info, stmt.value, fn.class_name)  # type: ignore[arg-type]
        if kind is None or target is None:
            return None
        call = ast.unparse(stmt.value.func)  # type: ignore[union-attr]
        setup = dict(target_repr=repr(target), file_repr=repr(fn.file), function_repr=repr(fn.node.name),
                     closes_on_exit_repr=repr(kind != "connection"), kind=kind)
        check = (f"    if not _OPENED:\n"
                 f"        pytest.skip(\"this scenario does not reach `{call}(...)` in {fn.symbol}\")\n"
                 f"    leaked = [c for c in _OPENED if not c.closed]\n"
                 f"    assert not leaked, (\n"
                 f"        \"the {kind} opened by `{call}(...)` in {fn.symbol} was left open when a query on it \"\n"
                 f"        \"failed: close it with `with` / `closing()` / a `finally`\")\n")
        return TaskReplay(
            fn.symbol, task, "watch", rule=self.name,
            doc=f"A {kind} opened in worker code must be closed on every path, also when a query on it fails.",
            watched=f"`{call}(...)` in {fn.symbol} returns a tracked {kind} whose first use fails",
            setup_template="wrk201_watch_connections", setup_params=setup, check=check)


def opens(index: "RepoIndex", module: "ModuleInfo", call: ast.Call, depth: int = 0) -> str | None:
    dotted = index.resolve(module, call.func) or ""
    if dotted in CONNECT:
        return "connection"
    if dotted in RESOURCES:
        return RESOURCES[dotted]
    helper = index.lookup_function(dotted) if dotted and depth < 2 else None
    if helper is not None:
        kind = _returns_opened(index, helper, depth + 1)
        if kind is not None:
            return kind
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "cursor":
        base = func.value
        if isinstance(base, ast.Subscript):
            base = base.value
        if (index.resolve(module, base) or "") in ("django.db.connection", "django.db.connections"):
            return "cursor"
    return None


def _returns_opened(index: "RepoIndex", fn: "FunctionInfo", depth: int) -> str | None:
    """The kind of resource a project helper opens and hands to its caller (``return sqlite3.connect(...)`` or
    ``conn = connect(...); ...; return conn``), or None: ownership passes to the caller, who must close it."""
    module = index.module_of(fn)
    opened: dict[str, str] = {}
    for node in w1._walk_no_defs(fn.node.body):
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Call)):
            kind = opens(index, module, node.value, depth)
            if kind is not None:
                opened[node.targets[0].id] = kind
    for node in w1._walk_no_defs(fn.node.body):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        if isinstance(node.value, ast.Call):
            kind = opens(index, module, node.value, depth)
            if kind is not None:
                return kind
        if isinstance(node.value, ast.Name) and node.value.id in opened:
            return opened[node.value.id]
    return None


def _closed_in_finally(fn: "FunctionInfo") -> set[str]:
    out: set[str] = set()
    for node in w1._walk_no_defs(fn.node.body):
        if isinstance(node, ast.Try):
            for sub in w1._walk_no_defs(node.finalbody):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "close" \
                        and isinstance(sub.func.value, ast.Name):
                    out.add(sub.func.value.id)
        if isinstance(node, ast.withitem):
            for sub in walk_tree(node.context_expr):
                if isinstance(sub, ast.Name):
                    out.add(sub.id)
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)) \
                and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) == "closing":
            out.update(a.id for a in node.args if isinstance(a, ast.Name))
    return out


def _escapes(fn: "FunctionInfo", name: str) -> bool:
    for node in w1._walk_no_defs(fn.node.body):
        if isinstance(node, (ast.Return, ast.Yield)) and node.value is not None:
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            if any(isinstance(v, ast.Name) and v.id == name for v in values):
                return True
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id == name:
            if any(isinstance(t, ast.Attribute) for t in node.targets):
                return True  # stored on an object: its owner closes it
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call) and any(
                isinstance(a, ast.Name) and a.id == name
                for a in [*node.value.args, *(k.value for k in node.value.keywords)]):
            return True  # handed to the object the function returns (`return Client(http_client=client)`)
    return False


def _fix_range(fn: "FunctionInfo", stmt: ast.Assign, name: str,
               index: "RepoIndex | None" = None) -> tuple[int, int | None] | None:
    """How many statements after ``stmt`` (same block) use ``name``, and whether the last is ``name.close()``."""
    block = _block_of(fn.node, stmt)
    if block is None:
        return None
    at = block.index(stmt)
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    last = at
    # names derived from the resource (``writer = csv.writer(out)``, ``cur = conn.cursor()``) must be used
    # inside the with-block too
    tracked = {name}
    for i in range(at + 1, len(block)):
        used = {n.id for n in walk_tree(block[i]) if isinstance(n, ast.Name)}
        if used & tracked:
            if any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in walk_tree(block[i])):
                return None
            last = i
            if isinstance(block[i], (ast.Assign, ast.AnnAssign)) and _wraps(block[i].value, tracked, index, fn):
                tracked |= {n.id for n in walk_tree(block[i]) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    # every use must be inside the block
    for tname in tracked:
        uses = sum(1 for n in walk_tree(fn.node) if isinstance(n, ast.Name) and n.id == tname)
        in_block = sum(1 for s in block[at:last + 1] for n in walk_tree(s) if isinstance(n, ast.Name) and n.id == tname)
        if uses != in_block:
            return None
    del pattern
    tail = block[last]
    drop = (last > at and isinstance(tail, ast.Expr) and isinstance(tail.value, ast.Call)
            and isinstance(tail.value.func, ast.Attribute) and tail.value.func.attr == "close"
            and isinstance(tail.value.func.value, ast.Name) and tail.value.func.value.id == name)
    if drop:
        # the with-block ends at the last real use; the now redundant close() is dropped
        end = max([i for i in range(at + 1, last)
                   if any(isinstance(n, ast.Name) and n.id in tracked for n in walk_tree(block[i]))], default=at)
        return end - at, last - at
    return last - at, None


def _wraps(value: ast.expr | None, tracked: set[str], index: "RepoIndex | None" = None,
           fn: "FunctionInfo | None" = None) -> bool:
    """``csv.writer(out)`` / ``io.TextIOWrapper(fh)`` / ``conn.cursor()``: an object that works on the resource
    (unusable once it is closed), as opposed to a value read from it (``conn.execute(...).fetchall()``)."""
    if not isinstance(value, ast.Call):
        return False
    if any(isinstance(a, ast.Name) and a.id in tracked for a in value.args):
        callee = index.resolve_call(index.module_of(fn), value, fn.class_name) if index and fn else None
        # a project function that reads through the resource and returns plain values does not wrap it
        return callee is None or _returns_param(callee)
    func = value.func
    return (isinstance(func, ast.Attribute) and func.attr in ("cursor", "makefile")
            and isinstance(func.value, ast.Name) and func.value.id in tracked)


def _returns_param(fn: "FunctionInfo") -> bool:
    """Whether ``fn`` hands back one of its parameters or an object working on one (``csv.writer(fh)``,
    ``conn.cursor()``), or is a generator; a value read through it (``conn.execute(...).fetchone()``) is not."""
    args = fn.node.args  # type: ignore[attr-defined]
    params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)} - {"self", "cls"}
    for node in w1._walk_no_defs(fn.node.body):  # type: ignore[attr-defined]
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True  # a generator reads through the resource lazily, after the call returned
        if isinstance(node, ast.Return) and node.value is not None and _wraps(node.value, params):
            return True
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id in params:
            return True
    return False


def _block_of(root: ast.AST, stmt: ast.stmt) -> list[ast.stmt] | None:
    for node in walk_tree(root):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and any(s is stmt for s in block):
                return block
        if isinstance(node, ast.Try):
            for h in node.handlers:
                if any(s is stmt for s in h.body):
                    return h.body
    return None
