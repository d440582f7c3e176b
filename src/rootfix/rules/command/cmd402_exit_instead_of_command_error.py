"""CMD402: a management command ends itself with ``sys.exit()`` instead of raising ``CommandError``."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

import libcst as cst

from rootfix.codemod import import_name
from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.command._lib.arguments import is_command_module
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.rules.job._common import node_span
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit"})


def exits(index: "RepoIndex", fn: "FunctionInfo") -> Iterator[tuple[ast.stmt, ast.Call]]:
    """``(statement, call)`` for each ``sys.exit(...)`` statement (or ``raise SystemExit(...)``) in a
    command's method."""
    module = index.module_of(fn)
    for stmt in walk_no_defs(fn.node):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
                and (index.resolve(module, stmt.value.func) or "") in EXITS:
            yield stmt, stmt.value
        elif isinstance(stmt, ast.Raise) and isinstance(stmt.exc, ast.Call) and stmt.cause is None \
                and (index.resolve(module, stmt.exc.func) or "") in ("SystemExit", "builtins.SystemExit"):
            yield stmt, stmt.exc


def _parents(root: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in walk_tree(root) for child in ast.iter_child_nodes(node)}


def _asks(node: ast.AST, answers: set[str]) -> bool:
    """``node`` reads an interactive answer: calls ``input()`` or names a variable assigned from it."""
    return any((isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("input", "raw_input"))
               or (isinstance(n, ast.Name) and n.id in answers) for n in walk_tree(node))


def _deliberate_exit(index: "RepoIndex", module, fn: ast.AST, stmt: ast.stmt) -> bool:
    """The exit ends an interactive session at the user's request, which no ``call_command()`` caller reaches
    without a terminal: in an ``except KeyboardInterrupt`` handler (Ctrl-C, as Django's own createsuperuser
    does), or under an ``if`` on the answer to an ``input()`` prompt ("Continue? y/n")."""
    answers = {t.id for n in walk_tree(fn) if isinstance(n, ast.Assign) and _asks(n.value, set())
               for t in n.targets if isinstance(t, ast.Name)}
    parents = _parents(fn)
    node: ast.AST = stmt
    while id(node) in parents:
        parent = parents[id(node)]
        if isinstance(parent, ast.ExceptHandler) and parent.type is not None:
            elts = parent.type.elts if isinstance(parent.type, ast.Tuple) else [parent.type]
            if any((index.resolve(module, e) or "").rsplit(".", 1)[-1] == "KeyboardInterrupt" for e in elts):
                return True
        if isinstance(parent, (ast.If, ast.While)) and any(s is node for s in parent.body) \
                and _asks(parent.test, answers):
            return True
        node = parent
    return False


def _replacement(call: ast.Call, source: str, error: str) -> str | None:
    """The statement replacing ``sys.exit(arg)``: ``raise CommandError(...)`` or ``return``."""
    if not call.args:
        return "return"
    arg = call.args[0]
    text = ast.get_source_segment(source, arg) or ""
    if isinstance(arg, ast.Constant) and arg.value in (0, None):
        return "return"
    if isinstance(arg, ast.Constant) and isinstance(arg.value, int):
        return f"raise {error}(returncode={arg.value})"
    if isinstance(arg, (ast.Constant, ast.JoinedStr)) and (isinstance(arg, ast.JoinedStr) or isinstance(arg.value, str)):
        return f"raise {error}({text})"
    return None


class ExitInsteadOfCommandError(Rule):
    """Management command ends itself with `sys.exit()`.

    ## What it does
    Finds `sys.exit(...)` (and `exit()`, `quit()`, `os._exit()`, `raise SystemExit(...)`) statements in the
    methods of a Django management command.

    ## Why is this bad?
    `SystemExit` is not an `Exception`: when the command runs through `call_command()` (from a test, another
    command, a Celery task or a scheduler) it goes through every `except Exception`, skips the caller's
    error handling and, in a worker, ends the process. Django prints `CommandError("...")` cleanly on the
    command line with exit status 1 (or its `returncode`) and raises it as an ordinary exception to
    callers; `sys.exit("message")` also loses `--traceback` and the command's stderr styling.

    ## Example
    ```python
    def handle(self, *args, **options):
        if not options["path"].exists():
            sys.exit(f"no such file: {options['path']}")
    ```

    ## Use instead
    ```python
    def handle(self, *args, **options):
        if not options["path"].exists():
            raise CommandError(f"no such file: {options['path']}")
    ```

    ## Fix safety
    Unsafe: `sys.exit("msg")` becomes `raise CommandError("msg")`, `sys.exit(n)` becomes
    `raise CommandError(returncode=n)` and `sys.exit(0)` / `sys.exit()` becomes `return`. The exit status on
    the command line is kept, but callers that caught `SystemExit` (or tests expecting it) see a different
    exception.
    """

    code = "CMD402"
    name = "exit-instead-of-command-error"
    bug_class = "C4"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="pantry/management/commands/check_stock.py",
            code=(
                "import sys\n\n"
                "from django.core.management.base import BaseCommand, CommandError\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        if not options.get('path'):\n"
                "            raise CommandError('no path given')\n\n\n"
                "def main():\n"
                "    sys.exit(0)  # a console script, not a command\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="pantry/management/commands/check_stock.py",
            code=(
                "import sys\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        if not options.get('path'):\n"
                "            sys.exit(f\"no path given for {options['site']}\")\n"
                "        if options.get('strict'):\n"
                "            self.stderr.write('strict mode is gone')\n"
                "            sys.exit(2)\n"
                "        if options.get('noop'):\n"
                "            sys.exit()\n"
            ),
            count=3,
            fixed=(
                "import sys\n\n"
                "from django.core.management.base import BaseCommand, CommandError\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        if not options.get('path'):\n"
                "            raise CommandError(f\"no path given for {options['site']}\")\n"
                "        if options.get('strict'):\n"
                "            self.stderr.write('strict mode is gone')\n"
                "            raise CommandError(returncode=2)\n"
                "        if options.get('noop'):\n"
                "            return\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if not is_command_module(fn.file) or fn.class_name != "Command":
                continue
            module = ctx.index.module_of(fn)
            for stmt, call in exits(ctx.index, fn):
                if _deliberate_exit(ctx.index, module, fn.node, stmt):
                    continue
                yield self.finding(fn, stmt, (
                    f"`{ast.unparse(call)[:50]}` in a management command: SystemExit escapes callers' "
                    "`except Exception` and ends call_command()'s caller; raise CommandError instead"))

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        source = index.by_path[finding.file].source
        # the name CommandError will have once imported (an alias when the module binds it otherwise)
        _, error = import_name(cst.parse_module(source), "django.core.management.base", "CommandError")
        for stmt, call in exits(index, fn):
            if stmt.lineno != finding.line:
                continue
            new_stmt = _replacement(call, source, error)
            if new_stmt is None:
                return None
            start, end = node_span(source, stmt)
            new = source[:start] + new_stmt + source[end:]
            if new_stmt.startswith("raise"):
                tree, _ = import_name(cst.parse_module(new), "django.core.management.base", "CommandError")
                new = tree.code
            cst.parse_module(new)
            return Patch(changes=(FileChange(finding.file, source, new),))
        return None
