"""CMD103: a boolean flag whose default is the value the flag sets: the command line can never change it."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.project.paths import module_name
from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.command._lib.arguments import (
    Argument, command_related, declaration_in_scope, argparse_arguments, click_arguments, command_name, declaring_command, typer_arguments,
)
from rootfix.rules.command._lib.testgen import command_test
from rootfix.rules.job._common import node_span
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex


_OPPOSITE = {"store_true": "store_false", "store_false": "store_true"}


def stuck_flags(index: "RepoIndex", module: "ModuleInfo") -> Iterator[tuple[Argument, str, "FunctionInfo | None"]]:
    """``(argument, why, the function declaring it)`` for every flag the command line cannot switch."""
    declared = list(argparse_arguments(module.tree))
    for arg in declared:
        action, default = arg.literal("action"), arg.literal("default", False)
        if arg.dest is not None and any(other.dest == arg.dest and other.literal("action") == _OPPOSITE.get(action)
                                        for other in declared):
            continue  # `--mail` / `--no-mail` writing one dest: the opposite flag turns it off
        if action == "store_true" and default is True:
            yield arg, "store_true with default=True: it is True whether or not the flag is given", None
        elif action == "store_false" and arg.keyword("default") is not None and default is False:
            yield arg, "store_false with default=False: it is False whether or not the flag is given", None
    for fn in module.functions.values():
        for arg in click_arguments(fn.node, module.imports):
            if arg.literal("is_flag") is True and arg.literal("default") is True and arg.keyword("flag_value") is None \
                    and not any("/" in f for f in arg.flags) and arg.keyword("secondary") is None:
                yield arg, "click is_flag with default=True and no --no- form: it can never be turned off", fn
        for arg in typer_arguments(fn.node, module.imports):
            first = arg.call.args[0] if arg.call.args else None  # typer.Option(default, *names)
            default = first if isinstance(first, ast.Constant) and not isinstance(first.value, str) \
                else arg.keyword("default")
            flags = [f for f in arg.flags if f.startswith("-")]
            if isinstance(default, ast.Constant) and default.value is True and flags and not any("/" in f for f in flags):
                yield arg, "typer bool option named without a --no- form and defaulting to True", fn


class FlagCannotBeTurnedOff(Rule):
    """Boolean flag whose default is the value the flag sets.

    ## What it does
    Finds `add_argument(..., action="store_true", default=True)` (and `store_false` with `default=False`),
    click options with `is_flag=True, default=True` and no `--x/--no-x` pair, and typer `bool` options
    given a single custom name (`typer.Option(True, "--notify")`) with a `True` default.

    ## Why is this bad?
    The flag can only set the value it already has. `--archive` "works" in every test, and there is no
    way left to run the command *without* archiving: an operator passing nothing, the flag, or any
    call from cron gets the same behaviour. It is usually a half-done change of the default.

    ## Example
    ```python
    parser.add_argument("--archive", action="store_true", default=True)
    ```

    ## Use instead
    ```python
    parser.add_argument("--archive", action=argparse.BooleanOptionalAction, default=True)
    ```
    which keeps `--archive` and adds `--no-archive`; for click, `"--archive/--no-archive"`.

    ## Fix safety
    Safe: every command line that worked keeps its meaning (`--archive` still sets True, nothing still
    gives True) and `--no-archive` is added to turn it off. Not offered when a `--no-` option exists already.
    """

    code = "CMD103"
    name = "flag-cannot-be-turned-off"
    bug_class = "C1"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(
            path="pantry/management/commands/archive.py",
            code=(
                "import argparse\n\n"
                "import click\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--archive', action=argparse.BooleanOptionalAction, default=True)\n"
                "        parser.add_argument('--dry-run', action='store_true')\n"
                "        parser.add_argument('--no-email', action='store_false', dest='email', default=True)\n\n"
                "    def handle(self, *args, **options):\n"
                "        return options['archive']\n\n\n"
                "@click.command()\n"
                "@click.option('--archive/--no-archive', default=True)\n"
                "@click.option('--force', is_flag=True)\n"
                "def archive(archive, force):\n"
                "    return archive, force\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="pantry/management/commands/purge_expired.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--archive', action='store_true', default=True, help='archive first')\n\n"
                "    def handle(self, *args, **options):\n"
                "        return options['archive']\n"
            ),
            fixed=(
                "from argparse import BooleanOptionalAction\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--archive', action=BooleanOptionalAction, default=True, help='archive first')\n\n"
                "    def handle(self, *args, **options):\n"
                "        return options['archive']\n"
            ),
        ),
        Example(  # click and typer
            path="tools/reindex.py",
            code=(
                "import click\n"
                "import typer\n\n\n"
                "@click.command()\n"
                "@click.option('--verify', is_flag=True, default=True)\n"
                "def reindex(verify):\n"
                "    return verify\n\n\n"
                "def export(gzip: bool = typer.Option(True, '--gzip')):\n"
                "    return gzip\n"
            ),
            count=2,
        ),
        Example(  # click: the flag gains its --no- form
            path="tools/rebuild.py",
            code=(
                "import click\n\n\n"
                "@click.command()\n"
                "@click.option(\"--verify\", is_flag=True, default=True, help=\"check every index\")\n"
                "def rebuild(verify):\n"
                "    return verify\n"
            ),
            fixed=(
                "import click\n\n\n"
                "@click.command()\n"
                "@click.option(\"--verify/--no-verify\", is_flag=True, default=True, help=\"check every index\")\n"
                "def rebuild(verify):\n"
                "    return verify\n"
            ),
        ),
        Example(  # argparse imported as a module, in a shared helper
            path="core/cli.py",
            code=(
                "import argparse\n\n\n"
                "def add_safety_options(parser):\n"
                "    parser.add_argument('--backup', action='store_true', default=True)\n"
            ),
            fixed=(
                "import argparse\n\n\n"
                "def add_safety_options(parser):\n"
                "    parser.add_argument('--backup', action=argparse.BooleanOptionalAction, default=True)\n"
            ),
        ),
        Example(  # a store_false that can never be True, in an argparse script
            path="scripts/sync.py",
            code=(
                "import argparse\n\n"
                "parser = argparse.ArgumentParser()\n"
                "parser.add_argument('--skip-images', action='store_false', default=False)\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for path, module in ctx.index.by_path.items():
            if "/tests/" in f"/{path}" or path.rsplit("/", 1)[-1].startswith("test"):
                continue
            for arg, why, holder in stuck_flags(ctx.index, module):
                fn = holder or ctx.index.enclosing_function(path, arg.call.lineno)
                if not declaration_in_scope(ctx, module, fn):
                    continue
                yield self.finding(fn, arg.call, f"`{arg.display}`: {why}", file=path,
                                   related=command_related(ctx, module, fn))

    # ------------------------------------------------------------------ fix
    def _argument(self, index: "RepoIndex", finding: Finding) -> tuple["ModuleInfo", Argument, "FunctionInfo | None"] | None:
        module = index.by_path.get(finding.file)
        for arg, _, holder in stuck_flags(index, module) if module else ():
            if arg.call.lineno == finding.line and arg.call.col_offset == finding.col:
                return module, arg, holder
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        found = self._argument(index, finding)
        if found is None:
            return None
        module, arg, _ = found
        source = module.source
        longs = [f for f in arg.flags if f.startswith("--")]
        if not longs or f"--no-{longs[0][2:]}" in source:
            return None
        if arg.library == "argparse" and arg.literal("action") == "store_true":
            node = arg.keyword("action")
            start, end = node_span(source, node)
            name = "argparse.BooleanOptionalAction" if module.imports.get("argparse") == "argparse" else None
            new = source[:start] + (name or "BooleanOptionalAction") + source[end:]
            if name is None and module.imports.get("BooleanOptionalAction") != "argparse.BooleanOptionalAction":
                import libcst as cst

                from rootfix.codemod import add_import
                tree, _ = add_import(cst.parse_module(new), "argparse", "BooleanOptionalAction")
                new = tree.code
        elif arg.library == "click":
            flag = next(a for a in arg.call.args if isinstance(a, ast.Constant) and a.value == longs[0])
            start, end = node_span(source, flag)
            quote = source[start]
            new = source[:start] + f"{quote}{longs[0]}/--no-{longs[0][2:]}{quote}" + source[end:]
        else:
            return None
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Some command line must turn the flag off: parse with the command's own parser."""
        found = self._argument(index, finding)
        if found is None:
            return None
        module, arg, _ = found
        cmd = declaring_command(index, module, arg.call.lineno)
        if arg.library != "argparse" or cmd is None or arg.dest is None:
            return None
        command, flag = command_name(cmd.path), arg.display
        stuck = arg.literal("action") == "store_true"
        helpers = (
            "def _parse(*argv):\n"
            f"    parser = Command().create_parser(\"manage.py\", \"{command}\")\n"
            "    for action in parser._actions:  # other required arguments are not under test\n"
            "        action.required = False\n"
            "    return vars(parser.parse_known_args(list(argv))[0])\n"
        )
        lines = ", ".join(f"({', '.join(repr(a) for a in argv)}{',' if len(argv) == 1 else ''})"
                          for argv in ([], [flag], [f"--no-{flag[2:]}"]))
        check = (
            "def _check():\n"
            f"    values = [_parse(*argv)[\"{arg.dest}\"] for argv in ({lines})]\n"
            f"    assert {not stuck!r} in values, f\"no command line gives {arg.dest}={not stuck}: {{values}}\"\n"
        )
        return command_test(
            command, cmd.path,
            doc=(f"Regression test (rootfix {self.code}): `{command}` can be run with `{arg.dest}` "
                 f"{'off' if stuck else 'on'}.\n\n`{flag}` could only set the value it defaulted to."),
            imports=[f"from {module_name(cmd.path)} import Command"], helpers=helpers, check=check,
            test_name=f"test_{command}_{arg.dest}_can_be_switched", db=False)
