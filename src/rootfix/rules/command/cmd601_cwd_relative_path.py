"""CMD601: a command or job reads or writes a file at a path relative to the current directory."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.command._lib.file_roles import is_bare_name, reads_test_data, regenerates_source
from rootfix.rules.command._lib.files import (changes_directory, file_opens, local_bindings, path_sinks, relative_path,
                                              root_wrapper, settings_folder, settings_read)
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

_SETTINGS = ("depot_site/settings.py", "SECRET_KEY = 'x'\nUSE_TZ = True\n")
_FOLDER_FILES = (
    ("config/settings.py", "MEDIA_ROOT = '/srv/media'\nLIBRARY = {'EXPORT_DIR': 'exports', 'LOAN_SHEETS_DIR': 'exports/loans'}\n"),
    ("library/__init__.py", ""),
    ("library/conf.py", "from django.conf import settings\n\n\ndef library_setting(key):\n    return settings.LIBRARY[key]\n"),
    ("library/management/__init__.py", ""), ("library/management/commands/__init__.py", ""),
    ("library/management/commands/loans.py", (
        "from django.core.management.base import BaseCommand\n\nfrom library.storage import export, loan_sheet\n\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
        "        export('a.csv')\n        loan_sheet('b.csv')\n")),
)
_STORAGE = (
    "import os\n"
    "from pathlib import Path\n\n"
    "from django.conf import settings\n\n"
    "from library.conf import library_setting\n\n\n"
    "def media_path(*parts):\n"
    "    return Path(settings.MEDIA_ROOT).joinpath(*parts)\n\n\n"
    "def export(name):\n"
    "    folder = media_path(library_setting(\"EXPORT_DIR\"))\n"
    "    folder.mkdir(parents=True, exist_ok=True)\n"
    "    return folder / name\n\n\n"
    "def loan_sheet(name):\n"
    "    path = os.path.join({loans}, name)\n"
    "    os.makedirs(os.path.dirname(path), exist_ok=True)\n"
    "    return path\n"
)


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
    Unsafe, and only for a folder read from settings that the settings give relative to a root (`"EXPORT_DIR":
    "exports"`, documented relative to `MEDIA_ROOT`) when the same module already puts the other folders of
    those settings under their root through a helper (`media_path(conf("EXPORT_DIR"))`): the read is wrapped in
    that helper too. Otherwise no automatic fix: which directory the file belongs in (the project's `BASE_DIR`,
    `MEDIA_ROOT`, a configured export directory, an argument) is the author's decision.
    """

    code = "CMD601"
    name = "cwd-relative-path"
    bug_class = "C6"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(path="library/storage.py", files=_FOLDER_FILES,
                code=_STORAGE.format(loans='media_path(library_setting("LOAN_SHEETS_DIR"))')),
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
        Example(  # a folder the settings give relative to MEDIA_ROOT, used without it; its siblings get it
            path="library/storage.py",
            files=_FOLDER_FILES,
            code=_STORAGE.format(loans='library_setting("LOAN_SHEETS_DIR")'),
            fixed=_STORAGE.format(loans='media_path(library_setting("LOAN_SHEETS_DIR"))'),
        ),
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

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        return _fix(index, finding)

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        return _regression(index, finding)

    def _check_function(self, ctx: CheckContext, fn: "FunctionInfo") -> Iterable[Finding]:
        module = ctx.index.module_of(fn)

        def resolve(expr: ast.expr) -> str | None:
            return ctx.index.resolve(module, expr)

        if changes_directory(fn.node, resolve):
            return
        names = local_bindings(fn.node)

        def setting(expr: ast.expr) -> str | None:
            return settings_folder(ctx.index, module, expr)

        found = [(call, literal) for call, path in path_sinks(fn.node, resolve)
                 if (literal := relative_path(path, resolve, names, setting=setting)) is not None]
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


def _folder_read(index: "RepoIndex", finding: Finding):
    """``(function, the settings read of a relative folder, its key, the module's root helper)``, or None."""
    fn = index.enclosing_function(finding.file, finding.line)
    if fn is None:
        return None
    module = index.module_of(fn)
    reads = [n for n in walk_tree(fn.node) if isinstance(n, ast.expr) and settings_folder(index, module, n)]
    if len(reads) != 1:
        return None
    key = settings_read(index, module, reads[0]) or ""
    wrapper = root_wrapper(index, module, key)
    return None if wrapper is None else (fn, reads[0], key, wrapper)


def _fix(index: "RepoIndex", finding: Finding) -> Patch | None:
    found = _folder_read(index, finding)
    if found is None:
        return None
    fn, read, _, wrapper = found
    source = index.module_of(fn).source
    lines = source.splitlines(keepends=True)
    start = sum(len(x) for x in lines[:read.lineno - 1]) + read.col_offset
    end = sum(len(x) for x in lines[:read.end_lineno - 1]) + read.end_col_offset
    new = source[:start] + f"{wrapper}({source[start:end]})" + source[end:]
    try:
        ast.parse(new)
    except SyntaxError:
        return None
    return Patch(changes=(FileChange(finding.file, source, new),))


def _regression(index: "RepoIndex", finding: Finding) -> DirectTest | None:
    """The function run from two empty directories: nothing created in them, the same path returned."""
    found = _folder_read(index, finding)
    if found is None:
        return None
    fn = found[0]
    if fn.class_name or fn.node.args.vararg or fn.node.args.kwonlyargs:
        return None
    args = []
    positional = fn.node.args.args
    for arg in positional[: len(positional) - len(fn.node.args.defaults)]:
        value = _argument(arg)
        if value is None:
            return None
        args.append(value)
    return DirectTest(fn.symbol, fn.file, ("cmd601_same_path_from_any_directory",), dict(
        name=fn.node.name, args="(" + "".join(f"{a}, " for a in args) + ")"))


def _argument(arg: ast.arg) -> str | None:
    """A value for a parameter, from its annotation or name: a slug, a date, a number."""
    annotation = ast.unparse(arg.annotation) if arg.annotation else ""
    name = arg.arg
    if annotation in ("int",) or name.endswith(("_id", "_count", "number")):
        return "1"
    if "date" in annotation or name.endswith(("_on", "_date", "day", "date")):
        return "datetime.date(2024, 1, 2)"
    if "datetime" in annotation or name.endswith("_at"):
        return "datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)"
    if annotation in ("str", "") and not name.endswith(("s", "_list")):
        return repr("rootfix")
    return None


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
