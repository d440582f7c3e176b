"""CMD102: an argparse argument declared with ``type=bool`` (``--notify false`` is True)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

import libcst as cst

from rootfix.project.paths import module_name
from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.command._lib.arguments import (
    Argument, command_related, argparse_arguments, command_name, declaration_in_scope, declaring_command,
)
from rootfix.rules.command._lib.testgen import command_test
from rootfix.rules.job._common import node_span
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

HELPER = '''

def {name}(value):
    """A command-line boolean: `false`, `0`, `no`, `off` mean False (`bool("false")` is True)."""
    text = str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off", ""):
        return False
    raise ValueError(f"not a boolean: {{value!r}}")
'''


def bool_typed(index: "RepoIndex", module: "ModuleInfo") -> Iterator[tuple[Argument, ast.expr]]:
    """``(argument, the type= expression)`` for every argparse argument in ``module`` typed ``bool``."""
    for arg in argparse_arguments(module.tree):
        typ = arg.keyword("type")
        if typ is None or arg.literal("action") not in (None, "store"):
            continue
        if index.resolve(module, typ) in ("bool", "builtins.bool"):
            yield arg, typ


def _helper_name(module: "ModuleInfo") -> str:
    taken = set(module.imports) | set(module.functions) | set(module.classes) | set(module.assignments)
    for name in ("boolean", "parse_boolean", "cli_boolean"):
        if name not in taken:
            return name
    return "_rootfix_boolean"


class BoolTypeOption(Rule):
    """Command-line argument converted with `type=bool`.

    ## What it does
    Finds `add_argument(..., type=bool)` in management commands, argparse scripts and helpers that add
    arguments to a parser.

    ## Why is this bad?
    argparse calls `type` on the text typed on the command line, and `bool()` of any non-empty string is
    `True`: `--notify false`, `--notify 0` and `--notify no` all turn notifications *on*. A string
    `default="False"` is converted the same way. The option looks like it works because `--notify true`
    does what it says; the night someone passes `false`, the command does the opposite.

    ## Example
    ```python
    def add_arguments(self, parser):
        parser.add_argument("--notify", type=bool, default=True)
    ```

    ## Use instead
    ```python
    def boolean(value):
        text = str(value).strip().lower()
        if text in ("1", "true", "t", "yes", "y", "on"):
            return True
        if text in ("0", "false", "f", "no", "n", "off", ""):
            return False
        raise ValueError(f"not a boolean: {value!r}")

    def add_arguments(self, parser):
        parser.add_argument("--notify", type=boolean, default=True)
    ```
    (or `action=argparse.BooleanOptionalAction` for `--notify/--no-notify`, which changes the command line
    every caller uses).

    ## Fix safety
    Unsafe: the fix adds a module-level `boolean()` converter and uses it as `type=`, so every existing
    invocation keeps its spelling (`--notify false` now means False, as written), and values that are not
    booleans (`--notify maybe`, previously True) are now rejected with a usage error. Scripts that relied
    on "any value means yes" change behaviour.
    """

    code = "CMD102"
    name = "bool-type-option"
    bug_class = "C1"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="pantry/management/commands/close_out_day.py",
            code=(
                "import argparse\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--notify', action=argparse.BooleanOptionalAction, default=True)\n"
                "        parser.add_argument('--dry-run', action='store_true')\n"
                "        parser.add_argument('--limit', type=int, default='10')\n\n"
                "    def handle(self, *args, **options):\n"
                "        return options['notify']\n"
            ),
        ),
        Example(  # click's type=bool parses "false" correctly
            path="tools/reindex.py",
            code=(
                "import click\n\n\n"
                "@click.command()\n"
                "@click.option('--notify', type=bool, default=True)\n"
                "def main(notify):\n"
                "    click.echo(notify)\n"
            ),
        ),
        Example(  # a local `bool` converter shadows the builtin
            path="scripts/export.py",
            code=(
                "import argparse\n\n"
                "from tools.cli import strict_bool as bool\n\n\n"
                "def main(argv=None):\n"
                "    parser = argparse.ArgumentParser()\n"
                "    parser.add_argument('--gzip', type=bool)\n"
                "    return parser.parse_args(argv)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="pantry/management/commands/send_expiry_alerts.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    help = 'Warn partner agencies about stock that expires soon'\n\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--notify', type=bool, default=True, help='email the agencies')\n\n"
                "    def handle(self, *args, **options):\n"
                "        return options['notify']\n"
            ),
            fixed=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "def boolean(value):\n"
                '    """A command-line boolean: `false`, `0`, `no`, `off` mean False (`bool("false")` is True)."""\n'
                "    text = str(value).strip().lower()\n"
                '    if text in ("1", "true", "t", "yes", "y", "on"):\n'
                "        return True\n"
                '    if text in ("0", "false", "f", "no", "n", "off", ""):\n'
                "        return False\n"
                '    raise ValueError(f"not a boolean: {value!r}")\n\n\n'
                "class Command(BaseCommand):\n"
                "    help = 'Warn partner agencies about stock that expires soon'\n\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--notify', type=boolean, default=True, help='email the agencies')\n\n"
                "    def handle(self, *args, **options):\n"
                "        return options['notify']\n"
            ),
        ),
        Example(  # a standalone argparse script, nargs='?' with const, two of them
            path="scripts/sync_partners.py",
            code=(
                "import argparse\n\n\n"
                "def main(argv=None):\n"
                "    parser = argparse.ArgumentParser()\n"
                "    parser.add_argument('--archive', nargs='?', const=True, type=bool, default=False)\n"
                "    parser.add_argument('-v', '--verbose', type=bool)\n"
                "    return parser.parse_args(argv)\n\n\n"
                "if __name__ == '__main__':\n"
                "    main()\n"
            ),
            count=2,
        ),
        Example(  # subcommands of a script: `builtins.bool` on a subparser, second helper reused
            path="scripts/maintenance.py",
            code=(
                "import argparse\n"
                "import builtins\n\n\n"
                "def build_parser():\n"
                "    parser = argparse.ArgumentParser()\n"
                "    sub = parser.add_subparsers(dest='cmd')\n"
                "    vacuum = sub.add_parser('vacuum')\n"
                "    vacuum.add_argument('--full', type=builtins.bool, default=False)\n"
                "    return parser\n"
            ),
        ),
        Example(  # a helper that adds shared options to any command's parser, through an argument group
            path="core/cli.py",
            code=(
                "def add_delivery_options(parser):\n"
                "    group = parser.add_argument_group('delivery')\n"
                "    group.add_argument('--send-email', type=bool, default='False')\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for path, module in ctx.index.by_path.items():
            if "/tests/" in f"/{path}" or path.rsplit("/", 1)[-1].startswith("test"):
                continue
            for arg, typ in bool_typed(ctx.index, module):
                fn = ctx.index.enclosing_function(path, arg.call.lineno)
                if not declaration_in_scope(ctx, module, fn):
                    continue
                default = arg.literal("default")
                extra = (f"; its default {default!r} is converted too and is True" if isinstance(default, str)
                         and default.strip().lower() in ("false", "0", "no", "off") else "")
                yield self.finding(fn, typ, (
                    f"`{arg.display}` is converted with type=bool: bool() of any non-empty text is True, so "
                    f"`{arg.display} false` / `0` / `no` turn it on{extra}"), file=path,
                                   related=command_related(ctx, module, fn))

    # ------------------------------------------------------------------ fix
    def _argument(self, index: "RepoIndex", finding: Finding) -> tuple["ModuleInfo", Argument, ast.expr] | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        for arg, typ in bool_typed(index, module):
            if typ.lineno == finding.line and typ.col_offset == finding.col:
                return module, arg, typ
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        found = self._argument(index, finding)
        if found is None:
            return None
        module, _, typ = found
        source = module.source
        name = _existing_helper(module) or _helper_name(module)
        start, end = node_span(source, typ)
        new = source[:start] + name + source[end:]
        if _existing_helper(module) is None:
            new = _insert_helper(new, HELPER.format(name=name))
        cst.parse_module(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Parse `--option false` with the command's own parser: the value must be False."""
        found = self._argument(index, finding)
        if found is None:
            return None
        module, arg, _ = found
        cmd = declaring_command(index, module, arg.call.lineno)
        if cmd is None or arg.dest is None or not arg.is_option:
            return None  # a script's parser is built inside its main(): no test without running it
        command = command_name(cmd.path)
        flag = arg.display
        helpers = (
            "def _parse(*argv):\n"
            f"    parser = Command().create_parser(\"manage.py\", \"{command}\")\n"
            "    for action in parser._actions:  # other required arguments are not under test\n"
            "        action.required = False\n"
            "    return vars(parser.parse_known_args(list(argv))[0])\n"
        )
        check = (
            "def _check():\n"
            "    for text in (\"false\", \"False\", \"0\", \"no\"):\n"
            f"        value = _parse(\"{flag}\", text)[\"{arg.dest}\"]\n"
            f"        assert value is False, f\"{flag} {{text}} gave {{value!r}}\"\n"
            "    for text in (\"true\", \"1\", \"yes\"):\n"
            f"        value = _parse(\"{flag}\", text)[\"{arg.dest}\"]\n"
            f"        assert value is True, f\"{flag} {{text}} gave {{value!r}}\"\n"
        )
        return command_test(
            command, cmd.path,
            doc=(f"Regression test (rootfix {self.code}): `{command} {flag} false` means False.\n\n"
                 f"`{flag}` was converted with type=bool, and bool() of any non-empty text is True."),
            imports=[f"from {module_name(cmd.path)} import Command"], helpers=helpers, check=check,
            test_name=f"test_{command}_{arg.dest}_false_means_false", db=False)


def _existing_helper(module: "ModuleInfo") -> str | None:
    """A converter this rule added before (a second bool option in the same file reuses it)."""
    for name, fn in module.functions.items():
        if "." not in name and ast.get_docstring(fn.node) and "A command-line boolean" in ast.get_docstring(fn.node):
            return name
    return None


def _insert_helper(source: str, helper: str) -> str:
    """``helper`` after the module's leading imports (and module-level assignments right after them)."""
    tree = ast.parse(source)
    at = 0
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) or (
                at == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            at = stmt.end_lineno or at
        else:
            break
    lines = source.splitlines(keepends=True)
    rest = "".join(lines[at:]).lstrip("\n")
    if at == 0:  # no imports: the helper opens the file, with no blank lines above it
        helper = helper.lstrip("\n")
    return "".join(lines[:at]) + helper + "\n\n" + rest
