"""JOB501: a temp file or directory the job creates is left behind when the job fails."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, FirstOf, ProjectTestCalls, Rule
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._lib.finally_wrap import wrap_in_finally
from rootfix.rules.job._lib.job_test import entry_call, patch_target, work_call
from rootfix.rules.job._lib.tempfiles import Temp, temp_leaks
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex
    from rootfix.rules.job._lib.blocks import Pair


class TempFileLeftOnFailure(Rule):
    """A temp file or directory the job creates is removed only when the job succeeds.

    ## What it does
    Finds `tempfile.mkstemp()`, `tempfile.mkdtemp()` and `tempfile.NamedTemporaryFile(delete=False)` in job
    code whose removal (`os.remove`, `os.unlink`, `shutil.rmtree`, `Path.unlink`) sits on the straight-line
    path after the work rather than in a `finally`, and those the function never removes at all.

    ## Why is this bad?
    A scheduled job runs every night for years. Each run that fails (the upload times out, a row does not
    encode) leaves its export or its unpacked archive in `/tmp`; a job that never removes them leaves one on
    every run. The disk fills up and then every job on the host fails, far from the cause.

    ## Example
    ```python
    def export_orders():
        fd, path = tempfile.mkstemp(suffix=".csv")
        with os.fdopen(fd, "w") as fh:
            write_orders(fh)
        storage.upload(path, "exports/orders.csv")
        os.remove(path)
    ```

    ## Use instead
    ```python
    def export_orders():
        fd, path = tempfile.mkstemp(suffix=".csv")
        try:
            with os.fdopen(fd, "w") as fh:
                write_orders(fh)
            storage.upload(path, "exports/orders.csv")
        finally:
            os.remove(path)
    ```
    (or `tempfile.TemporaryDirectory()` / `NamedTemporaryFile()` as context managers).

    ## Fix safety
    Safe where the removal already exists: it moves into a `finally` around the work. A temp path the job
    never removes is reported without a fix (it may be handed to another process on purpose).
    """

    code = "JOB501"
    name = "temp-file-left-on-failure"
    bug_class = "S5"
    reported_error_is_trigger = True
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "safe"

    VALID = (
        Example(path="exports/jobs.py", code=(
            "import os\nimport tempfile\n\nfrom exports import storage\n\n\n"
            "def export_orders():\n"
            "    fd, path = tempfile.mkstemp(suffix='.csv')\n"
            "    try:\n"
            "        with os.fdopen(fd, 'w') as fh:\n"
            "            fh.write('id\\n')\n"
            "        storage.upload(path)\n"
            "    finally:\n"
            "        os.remove(path)\n")),
        Example(path="exports/jobs.py", code=(  # context managers clean up themselves
            "import tempfile\nfrom pathlib import Path\n\nfrom exports import storage\n\n\n"
            "def export_orders():\n"
            "    with tempfile.TemporaryDirectory() as tmp:\n"
            "        out = Path(tmp) / 'orders.csv'\n"
            "        out.write_text('id\\n')\n"
            "        storage.upload(out)\n"
            "    with tempfile.NamedTemporaryFile('w', suffix='.csv') as fh:\n"
            "        storage.upload(fh.name)\n")),
        Example(path="exports/jobs.py", code=(  # the path is handed back to the caller, who owns it
            "import tempfile\n\n\n"
            "def make_workdir():\n"
            "    path = tempfile.mkdtemp(prefix='export-')\n"
            "    return path\n")),
        Example(path="exports/jobs.py", code=(  # handed to a cleanup helper
            "import tempfile\n\nfrom exports import storage\n\n\n"
            "def export_orders():\n"
            "    path = tempfile.mkdtemp()\n"
            "    storage.upload_dir(path)\n"
            "    storage.cleanup(path)\n")),
    )
    INVALID = (
        Example(path="exports/jobs.py", code=(
            "import os\nimport tempfile\n\nfrom exports import storage\n\n\n"
            "def export_orders():\n"
            "    fd, path = tempfile.mkstemp(suffix='.csv')\n"
            "    with os.fdopen(fd, 'w') as fh:\n"
            "        fh.write('id\\n')\n"
            "    storage.upload(path)\n"
            "    os.remove(path)\n"),
            files=(("shop/settings.py", "CRONJOBS = [('0 3 * * *', 'exports.jobs.export_orders')]\n"),),
            fixed=(
            "import os\nimport tempfile\n\nfrom exports import storage\n\n\n"
            "def export_orders():\n"
            "    fd, path = tempfile.mkstemp(suffix='.csv')\n"
            "    try:\n"
            "        with os.fdopen(fd, 'w') as fh:\n"
            "            fh.write('id\\n')\n"
            "        storage.upload(path)\n"
            "    finally:\n"
            "        os.remove(path)\n")),
        Example(path="backups/tasks.py", code=(  # mkdtemp + rmtree, celery task, from-import spelling
            "import shutil\nfrom tempfile import mkdtemp\n\nfrom celery import shared_task\n\n"
            "from backups import archive\n\n\n"
            "@shared_task\n"
            "def nightly_backup():\n"
            "    workdir = mkdtemp(prefix='backup-')\n"
            "    archive.dump_tables(workdir)\n"
            "    archive.ship(workdir)\n"
            "    shutil.rmtree(workdir)\n"),
            fixed=(
            "import shutil\nfrom tempfile import mkdtemp\n\nfrom celery import shared_task\n\n"
            "from backups import archive\n\n\n"
            "@shared_task\n"
            "def nightly_backup():\n"
            "    workdir = mkdtemp(prefix='backup-')\n"
            "    try:\n"
            "        archive.dump_tables(workdir)\n"
            "        archive.ship(workdir)\n"
            "    finally:\n"
            "        shutil.rmtree(workdir)\n")),
        Example(path="reports/management/commands/send_report.py", code=(  # NamedTemporaryFile(delete=False)
            "import os\nimport tempfile\n\nfrom django.core.management.base import BaseCommand\n\n"
            "from reports import pdf, mail\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        tmp = tempfile.NamedTemporaryFile(suffix='.pdf', delete=False)\n"
            "        pdf.render_to(tmp)\n"
            "        tmp.close()\n"
            "        mail.send_with_attachment(tmp.name)\n"
            "        os.unlink(tmp.name)\n"),
            fixed=(
            "import os\nimport tempfile\n\nfrom django.core.management.base import BaseCommand\n\n"
            "from reports import pdf, mail\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        tmp = tempfile.NamedTemporaryFile(suffix='.pdf', delete=False)\n"
            "        try:\n"
            "            pdf.render_to(tmp)\n"
            "            tmp.close()\n"
            "            mail.send_with_attachment(tmp.name)\n"
            "        finally:\n"
            "            os.unlink(tmp.name)\n")),
        Example(path="feeds/jobs.py", code=(  # with NamedTemporaryFile(delete=False), removed after: no fix
            "import os\nimport tempfile\n\nfrom feeds import client\n\n\n"
            "def push_feed():\n"
            "    with tempfile.NamedTemporaryFile('w', suffix='.xml', delete=False) as fh:\n"
            "        fh.write(client.render())\n"
            "    client.upload(fh.name)\n"
            "    os.unlink(fh.name)\n")),
        Example(path="feeds/jobs.py", code=(  # never removed at all: reported, no fix
            "import tempfile\nfrom pathlib import Path\n\nfrom feeds import client\n\n\n"
            "def push_feed():\n"
            "    workdir = Path(tempfile.mkdtemp())\n"
            "    (workdir / 'feed.xml').write_text(client.render())\n"
            "    client.upload(workdir / 'feed.xml')\n")),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            module = ctx.index.module_of(fn)
            owner = module.classes.get(fn.class_name) if fn.class_name else None
            for stmt, temp, pair in temp_leaks(fn.node, lambda e: ctx.index.resolve(module, e), owner):
                noun = "temp directory" if temp.kind == "dir" else "temp file"
                if pair is None:
                    message = (f"the {noun} created by `{temp.what}` is never removed: every run leaves one "
                               "behind; remove it in `finally` or use a `with tempfile.Temporary...()` block")
                else:
                    message = (f"the {noun} created by `{temp.what}` is removed (line {pair.release_stmt.lineno}) "
                               "only when the work before it succeeds: every failed run leaves it behind; "
                               "remove it in `finally`")
                yield self.finding(fn, stmt, message)

    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", Temp, "Pair | None"] | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        module = index.module_of(fn)
        for stmt, temp, pair in temp_leaks(fn.node, lambda e: index.resolve(module, e)):
            if stmt.lineno == finding.line:
                return fn, temp, pair
        return None

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None or target[2] is None or not target[2].fixable:
            return None
        pair = target[2]
        module = index.by_path[finding.file]
        new = wrap_in_finally(module.source, pair.work[0].lineno, pair.release_stmt.lineno,
                              pair.body[pair.end - 1].lineno)
        return Patch(changes=(FileChange(finding.file, module.source, new),)) if new else None

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> FirstOf | None:
        """Run the job with its work failing: the temp paths it created must be gone afterwards."""
        target = self._target(index, finding)
        if target is None or target[2] is None:
            return None
        fn, temp, pair = target
        module = index.module_of(fn)
        entry = entry_call(index, fn)
        work = work_call(module, pair.work, fn.class_name)
        create = patch_target(module, temp.create, fn.class_name)
        if entry is None or work is None or create is None:
            return None
        imports, run, _ = entry
        call, patch = work
        noun = "temp directory" if temp.kind == "dir" else "temp file"
        # the project's own tests of the job first: they build the rows it needs to get as far as its temp
        # path (called bare, a job with nothing to do returns before it)
        replay = DirectTest(fn.symbol, fn.file, ("job501_replayed_temp_files_removed",), dict(
            work_repr=repr(patch), create_repr=repr(create), work_text=ast.unparse(call.func), noun=noun),
            calls=ProjectTestCalls(fn, "_no_temp_left", infix="failing", beside=True))
        direct = DirectTest(fn.symbol, fn.file, ("job_failing_work", "job501_temp_files_removed"), dict(
            title=f"`{fn.symbol}` leaves no {noun} behind when it fails.",
            doc=(f"The {noun} created by `{temp.what}` was removed only when the work succeeded, so every\n"
                 "failed run left one behind. The test makes the job's work fail and checks that what the job\n"
                 "created is gone."),
            imports=("import os\nimport shutil\n" + imports).strip(), work_repr=repr(patch),
            work_text=ast.unparse(call.func), run=run, create_repr=repr(create), name=fn.node.name, noun=noun))
        return FirstOf((replay, direct))
