"""CMD601: a command or job reads or writes a file at a path relative to the current directory."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable, Iterable

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.command._lib.file_roles import is_bare_name, reads_test_data, regenerates_source
from rootfix.rules.command._lib.files import changes_directory, file_opens, local_bindings, path_sinks, relative_path
from rootfix.types import Finding

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo

_SETTINGS = ("depot_site/settings.py", "SECRET_KEY = 'x'\nUSE_TZ = True\n")


class CwdRelativePath(Rule):
    """File path resolved against the process's working directory.

    ## What it does
    Finds files that management commands, scripts and scheduled jobs (and the code they call) open, read,
    write, create or remove at a relative path written in the code: `open("exports/parcels.csv", "w")`,
    `Path("reports") / name`, `os.path.join("data", name)`, also after `os.path.abspath()` / `.resolve()`,
    and through a local name bound to one. Paths taken from settings (`BASE_DIR`, `MEDIA_ROOT`), from
    `__file__`, from the command's arguments or absolute literals are not reported, nor functions that set
    their own directory with `os.chdir()`.

    A bare file name (`open("permissions.json", "w")`) is reported only in code a scheduler, a worker or a
    Spark job runs: in a command a person runs, putting the file in (or taking it from) the directory they
    run it in is the command-line convention. Developer tools run from the checkout are not reported either:
    functions that read the project's test data (`Path("unittests/scans") / name`) or regenerate files
    committed in the source tree (`templates/snippets/*.html`).

    ## Why is this bad?
    A relative path is resolved against the directory the process was started from, not the project. Run
    by hand from the project root it works; run by cron (whose working directory is the user's home),
    systemd, a container entrypoint, Celery beat or `call_command()` from a test, the same command writes
    its export somewhere nobody looks, reads a stale copy, or fails with `FileNotFoundError`.

    ## Example
    ```python
    def handle(self, *args, **options):
        with open("exports/parcels.csv", "w", encoding="utf-8") as fh:
            write_rows(fh)
    ```

    ## Use instead
    ```python
    def handle(self, *args, **options):
        with open(settings.BASE_DIR / "exports" / "parcels.csv", "w", encoding="utf-8") as fh:
            write_rows(fh)
    ```
    or take the path as an argument (`parser.add_argument("--output", type=Path)`), which makes the caller
    say where the file goes.

    ## Fix safety
    No automatic fix: which directory the file belongs in (the project's `BASE_DIR`, `MEDIA_ROOT`, a
    configured export directory, an argument) is the author's decision.
    """

    code = "CMD601"
    name = "cwd-relative-path"
    bug_class = "C6"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = None

    VALID = (
        Example(
            path="depot/management/commands/export_parcels.py",
            files=(_SETTINGS,),
            code=(
                "import os\n"
                "from pathlib import Path\n\n"
                "from django.conf import settings\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--output', default='parcels.csv')\n\n"
                "    def handle(self, *args, **options):\n"
                "        with open(settings.BASE_DIR / 'exports' / 'parcels.csv', 'w', encoding='utf-8') as fh:\n"
                "            fh.write('code')\n"
                "        with open(options['output'], 'w', encoding='utf-8') as fh:\n"
                "            fh.write('code')\n"
                "        Path(__file__).resolve().parent.joinpath('x.txt').write_text('x', encoding='utf-8')\n"
                "        with open('/var/lib/depot/state.json', encoding='utf-8') as fh:\n"
                "            fh.read()\n"
                "        os.makedirs(os.path.join(settings.MEDIA_ROOT, 'exports'), exist_ok=True)\n"
            ),
        ),
        Example(  # the function chooses its directory first
            path="scripts/nightly.py",
            code=(
                "import os\n\n\n"
                "def main():\n"
                "    os.chdir('/srv/depot')\n"
                "    with open('exports/nightly.csv', 'w', encoding='utf-8') as fh:\n"
                "        fh.write('x')\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="depot/management/commands/export_parcels.py",
            files=(_SETTINGS,),
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open('exports/parcels.csv', 'w', encoding='utf-8') as fh:\n"
                "            fh.write('code')\n"
            ),
        ),
        Example(  # pathlib, a local name, os.path.join and abspath: three files
            path="depot/jobs.py",
            code=(
                "import os\n"
                "from pathlib import Path\n\n\n"
                "def nightly_export(name):\n"
                "    out = Path('reports') / f'{name}.txt'\n"
                "    out.write_text('done', encoding='utf-8')\n"
                "    os.makedirs(os.path.join('archive', name), exist_ok=True)\n"
                "    with open(os.path.abspath('state.json'), encoding='utf-8') as fh:\n"
                "        return fh.read()\n"
            ),
            count=3,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            yield from self._check_function(ctx, fn)

    def _check_function(self, ctx: CheckContext, fn: "FunctionInfo") -> Iterable[Finding]:
        module = ctx.index.module_of(fn)

        def resolve(expr: ast.expr) -> str | None:
            return ctx.index.resolve(module, expr)

        if changes_directory(fn.node, resolve):
            return
        names = local_bindings(fn.node)
        found = [(call, literal) for call, path in path_sinks(fn.node, resolve)
                 if (literal := relative_path(path, resolve, names)) is not None]
        if not found or _developer_tool(ctx, fn, found, resolve):
            return
        unattended = None
        for call, literal in found:
            if is_bare_name(literal):
                if unattended is None:
                    unattended = _unattended(ctx, fn)
                if not unattended:
                    continue
            yield self.finding(fn, call, (
                f"`{ast.unparse(call)[:60]}` uses the relative path {literal!r}, resolved against the directory "
                "the process starts in: run by cron, systemd or call_command() elsewhere, it reads or writes "
                "another file or fails; build it from settings (BASE_DIR, MEDIA_ROOT) or take it as an argument"))


def _unattended(ctx: CheckContext, fn: "FunctionInfo") -> bool:
    """``fn`` runs where nobody chose the working directory: code a scheduler, a worker or a Spark job
    reaches, or code no discovered command reaches (a library function, ``check`` on plain paths)."""
    project = ctx.project
    if fn.qualname in project.scope(("scheduled-job", "background-worker", "pyspark-job")):
        return True
    return fn.qualname not in project.scope("cli-tool")


def _developer_tool(ctx: CheckContext, fn: "FunctionInfo", found: list[tuple[ast.Call, str]],
                    resolve: Callable[[ast.expr], "str | None"]) -> bool:
    """The function reads the project's test data or regenerates files committed in the source tree."""
    if any(reads_test_data(literal) for _, literal in found):
        return True
    writes = {id(o.call) for o in file_opens(fn.node, resolve) if o.mode and any(c in o.mode for c in "wax+")}
    return any(id(call) in writes and regenerates_source(literal, ctx.index.root) for call, literal in found)
