"""Handles a job opens and closes by hand: files, archives, FTP/SMTP/SFTP sessions. Pure functions over
``ast`` (the caller resolves call targets)."""
from __future__ import annotations

import ast
from typing import Callable, Iterator

from rootfix.rules.job._lib.blocks import Pair, blocks, can_fail, protected_elsewhere, walk_no_defs

OPENERS = {
    "open": "file", "io.open": "file", "gzip.open": "file", "bz2.open": "file", "lzma.open": "file",
    "codecs.open": "file", "zipfile.ZipFile": "archive", "tarfile.open": "archive",
    "ftplib.FTP": "FTP session", "ftplib.FTP_TLS": "FTP session", "smtplib.SMTP": "SMTP session",
    "smtplib.SMTP_SSL": "SMTP session", "paramiko.SSHClient": "SSH session", "sqlite3.connect": "connection",
}
CLOSERS = frozenset({"close", "quit"})

Resolver = Callable[[ast.expr], "str | None"]


def _opened(stmt: ast.stmt, resolve: Resolver) -> tuple[str, str, ast.Call] | None:
    """``(name, kind, call)`` for ``name = open(...)`` / ``name = ftplib.FTP(...)``."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Call)):
        return None
    dotted = resolve(stmt.value.func) or ""
    kind = OPENERS.get(dotted)
    if kind is None and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "open" \
            and dotted.startswith(("pathlib.", "Path")):
        kind = "file"
    return (stmt.targets[0].id, kind, stmt.value) if kind else None


def closes(stmt: ast.stmt, name: str) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr in CLOSERS
            and isinstance(stmt.value.func.value, ast.Name) and stmt.value.func.value.id == name)


def unclosed_on_failure(fn: ast.AST, resolve: Resolver) -> Iterator[tuple[Pair, str, str, ast.Call]]:
    """Handles ``fn`` opens and closes only when the work in between succeeds:
    ``(pair, name, kind, opening call)``."""
    for body in blocks(fn):
        for i, stmt in enumerate(body):
            opened = _opened(stmt, resolve)
            if opened is None:
                continue
            name, kind, call = opened
            for j in range(i + 1, len(body)):
                if closes(body[j], name):
                    work = body[i + 1:j]
                    if work and can_fail(work) and not protected_elsewhere(work, lambda s: closes(s, name)) \
                            and not any(isinstance(n, ast.withitem) and isinstance(n.context_expr, ast.Name)
                                        and n.context_expr.id == name for n in walk_no_defs(work)):
                        yield Pair(tuple(body), stmt, i + 1, j, j + 1, f"{ast.unparse(call.func)}(...)", kind), \
                            name, kind, call
                    break
