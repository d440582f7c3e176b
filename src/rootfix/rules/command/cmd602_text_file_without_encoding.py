"""CMD602: a command or job opens a text file without saying its encoding."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.command._lib.file_roles import ascii_only_write, check_silenced, path_key, written_ascii_by
from rootfix.rules.command._lib.files import FileOpen, file_opens, local_bindings
from rootfix.rules.job._common import node_span, preferred_quote
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex


class TextFileWithoutEncoding(Rule):
    """Text file opened without an encoding.

    ## What it does
    Finds files that management commands, scripts and scheduled jobs (and the code they call) open in text
    mode without `encoding=`: `open(path)`, `open(path, "w")`, `io.open`, `codecs.open`, `gzip.open(path, "rt")`,
    `Path.open()`, `Path.read_text()` and `Path.write_text()`. Binary modes (`"rb"`, `"wb"`, `gzip.open(path)`)
    and calls that pass an encoding are not reported, nor `open(path, "w").close()`, which only creates an empty
    file. Neither is text that is ASCII under any locale: files written only with `json.dump` / `json.dumps`
    (`ensure_ascii` on) or ASCII literals, and reads of a file the same module writes that way. Calls where the
    author silenced pylint's `unspecified-encoding` (or ruff's `PLW1514`) are left to that decision.

    Opt-in (`--select CMD602`, `--select CMD`, or `extend-select`): on a UTF-8 locale, which every current
    Linux image and Python 3.15's UTF-8 mode give, the default encoding already is UTF-8, and on the
    public projects it was measured on none of its findings was a bug in the deployment the project ships
    (as ruff keeps `PLW1514` out of its defaults). Select it where commands run under other locales.

    ## Why is this bad?
    Without `encoding=`, Python uses `locale.getpreferredencoding(False)`: whatever the process's locale
    says. The same command reads and writes UTF-8 on a developer's machine, cp1252 on Windows, and
    ISO-8859-1 or ASCII on a server or container whose `LANG`/`LC_ALL` is set that way; names with accents
    then crash the import with `UnicodeDecodeError` / the export with `UnicodeEncodeError`, or are silently
    written in an encoding the consumer of the file does not expect.

    ## Example
    ```python
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    ```

    ## Use instead
    ```python
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    ```

    ## Fix safety
    Unsafe: the fix adds `encoding="utf-8"`. Where the locale's encoding was already UTF-8 nothing changes;
    elsewhere files are now written as UTF-8 and read as UTF-8, so an input file really encoded in the
    locale's encoding (a cp1252 export from a spreadsheet) now fails to decode instead of being read, and
    consumers that expected the locale's encoding receive UTF-8.
    """

    code = "CMD602"
    name = "text-file-without-encoding"
    bug_class = "C6"
    component_types = ("cli-tool", "scheduled-job")
    default = False  # opt-in: see the docstring
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="depot/management/commands/export_parcels.py",
            code=(
                "import gzip\n"
                "from pathlib import Path\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open('/tmp/p.csv', 'w', encoding='utf-8') as fh:\n"
                "            fh.write('x')\n"
                "        with open('/tmp/p.bin', 'rb') as fh:\n"
                "            fh.read()\n"
                "        with gzip.open('/tmp/p.gz') as fh:\n"
                "            fh.read()\n"
                "        Path('/tmp/p.txt').write_text('x', encoding='utf-8')\n"
                "        with Path('/tmp/p.txt').open('rb') as fh:\n"
                "            fh.read()\n"
            ),
        ),
        Example(  # json.dump keeps ensure_ascii on: the file is ASCII under any locale
            path="depot/management/commands/dump_parcels.py",
            code=(
                "import json\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path'], 'w') as fh:\n"
                "            json.dump({'parcels': 3}, fh, indent=2)\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="depot/management/commands/export_parcels.py",
            code=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path'], 'w', newline='') as fh:\n"
                "            csv.writer(fh).writerow(['code'])\n"
            ),
            fixed=(
                "import csv\n\n"
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        with open(options['path'], 'w', newline='', encoding='utf-8') as fh:\n"
                "            csv.writer(fh).writerow(['code'])\n"
            ),
        ),
        Example(  # pathlib and gzip text mode
            path="depot/jobs.py",
            code=(
                "import gzip\n"
                "from pathlib import Path\n\n\n"
                "def nightly_export(path, summary):\n"
                "    Path(path).write_text(summary)\n"
                "    with gzip.open(path + '.gz', 'wt') as fh:\n"
                "        fh.write(summary)\n"
            ),
            fixed=(
                "import gzip\n"
                "from pathlib import Path\n\n\n"
                "def nightly_export(path, summary):\n"
                "    Path(path).write_text(summary, encoding='utf-8')\n"
                "    with gzip.open(path + '.gz', 'wt', encoding='utf-8') as fh:\n"
                "        fh.write(summary)\n"
            ),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if "/tests/" in f"/{fn.file}" or fn.node.name.startswith("test"):
                continue
            for opened in _unencoded(ctx.index, fn):
                verb = "writes" if _writes(opened) else "reads"
                yield self.finding(fn, opened.call, (
                    f"`{ast.unparse(opened.call.func)}()` {verb} a text file without encoding=: the locale's "
                    "encoding is used (UTF-8 here, cp1252 or ASCII on another server or container), so "
                    "non-ASCII text fails or is written in an unexpected encoding; pass encoding='utf-8'"))

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        source = index.by_path[finding.file].source
        for opened in _unencoded(index, fn):
            call = opened.call
            if call.lineno != finding.line or call.col_offset != finding.col:
                continue
            if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
                return None  # *args / **kwargs may carry an encoding already
            start, end = node_span(source, call)
            text = source[start:end]
            close = text.rstrip().rfind(")")
            head = text[:close].rstrip()
            quote = preferred_quote(source)
            joiner = " " if head.endswith(",") or head.endswith("(") else ", "
            if head.endswith("("):
                joiner = ""
            new_call = f"{head}{joiner}encoding={quote}utf-8{quote}{text[close:]}"
            new = source[:start] + new_call + source[end:]
            cst.parse_module(new)
            return Patch(changes=(FileChange(finding.file, source, new),))
        return None


def _unencoded(index: "RepoIndex", fn: "FunctionInfo") -> Iterable[FileOpen]:
    module = index.module_of(fn)

    def resolve(expr: ast.expr) -> str | None:
        return index.resolve(module, expr)

    # open(path, "w").close(): an empty file is created, no text is ever encoded
    closed_at_once = {id(n.func.value) for n in walk_tree(fn.node) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr == "close" and not n.args}
    lines: list[str] | None = None
    for opened in file_opens(fn.node, resolve):
        if not opened.text or opened.encoding or id(opened.call) in closed_at_once:
            continue
        if _writes(opened):
            if ascii_only_write(fn.node, opened, resolve):
                continue
        else:
            key = path_key(opened.path, local_bindings(fn.node))
            if key is not None and written_ascii_by(_module_writes(index, fn), key, resolve):
                continue
        lines = lines if lines is not None else index.by_path[fn.file].source.splitlines()
        if check_silenced(lines, fn.node, opened.call.lineno):
            continue
        yield opened


def _writes(opened: FileOpen) -> bool:
    return bool(opened.mode) and any(c in opened.mode for c in "wax+")


def _module_writes(index: "RepoIndex", fn: "FunctionInfo") -> Iterable[tuple[ast.AST, FileOpen]]:
    """(function, write-mode open) for every function of ``fn``'s module."""
    info = index.by_path[fn.file]
    module = index.module_of(fn)
    for other in info.functions.values():
        for opened in file_opens(other.node, lambda e: index.resolve(module, e)):
            if _writes(opened):
                yield other.node, opened
