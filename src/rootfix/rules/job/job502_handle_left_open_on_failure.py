"""JOB502: a file or session the job opens is closed only when the job succeeds."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._lib.finally_wrap import wrap_in_finally
from rootfix.rules.job._lib.handles import unclosed_on_failure
from rootfix.rules.job._lib.job_test import dotted_module, entry_call, patch_target, work_call
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex


class HandleLeftOpenOnFailure(Rule):
    """A file, archive or FTP/SMTP session the job opens is closed only when the job gets to the end.

    ## What it does
    Finds `f = open(...)`, `gzip.open`, `zipfile.ZipFile`, `tarfile.open`, `ftplib.FTP(...)`,
    `smtplib.SMTP(...)`, `sqlite3.connect(...)` in job code, assigned to a name and closed with `.close()` /
    `.quit()` on the straight-line path after the work rather than in a `finally` or a `with` block.

    ## Why is this bad?
    Every run that fails leaves the handle open. In a long-running scheduler process (beat's worker,
    APScheduler, a `run_scheduler` loop) they pile up until the process hits "Too many open files", a
    half-written export stays locked on Windows shares, and a remote FTP/SMTP server keeps the session
    until it times out - and then refuses the next run's login.

    ## Example
    ```python
    def upload_feed():
        ftp = ftplib.FTP(settings.FEED_HOST)
        ftp.login(settings.FEED_USER, settings.FEED_PASSWORD)
        ftp.storbinary("STOR feed.xml", build_feed())
        ftp.quit()
    ```

    ## Use instead
    ```python
    def upload_feed():
        ftp = ftplib.FTP(settings.FEED_HOST)
        try:
            ftp.login(settings.FEED_USER, settings.FEED_PASSWORD)
            ftp.storbinary("STOR feed.xml", build_feed())
        finally:
            ftp.quit()
    ```
    (or `with ftplib.FTP(...) as ftp:`).

    ## Fix safety
    Safe: the close call already exists; the fix moves it into a `finally` around the work.
    """

    code = "JOB502"
    name = "handle-left-open-on-failure"
    bug_class = "S5"
    reported_error_is_trigger = True
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "safe"

    VALID = (
        Example(path="feeds/jobs.py", code=(
            "import ftplib\n\nfrom feeds import build\n\n\n"
            "def upload_feed():\n"
            "    with ftplib.FTP('ftp.example.com') as ftp:\n"
            "        ftp.login('u', 'p')\n"
            "        ftp.storbinary('STOR feed.xml', build.feed())\n")),
        Example(path="feeds/jobs.py", code=(
            "from feeds import build\n\n\n"
            "def write_feed(path):\n"
            "    fh = open(path, 'w')\n"
            "    try:\n"
            "        fh.write(build.feed_text())\n"
            "    finally:\n"
            "        fh.close()\n")),
        Example(path="feeds/jobs.py", code=(  # handed back to the caller, who closes it
            "import gzip\n\n\n"
            "def open_log(path):\n"
            "    fh = gzip.open(path, 'rt')\n"
            "    return fh\n")),
        Example(path="feeds/jobs.py", code=(  # nothing between open and close can fail
            "def touch(path):\n"
            "    fh = open(path, 'a')\n"
            "    fh.close()\n")),
    )
    INVALID = (
        Example(path="feeds/jobs.py", code=(
            "import ftplib\n\nfrom feeds import build\n\n\n"
            "def upload_feed():\n"
            "    ftp = ftplib.FTP('ftp.example.com')\n"
            "    ftp.login('u', 'p')\n"
            "    ftp.storbinary('STOR feed.xml', build.feed())\n"
            "    ftp.quit()\n"),
            files=(("shop/settings.py", "CRONJOBS = [('0 * * * *', 'feeds.jobs.upload_feed')]\n"),),
            fixed=(
            "import ftplib\n\nfrom feeds import build\n\n\n"
            "def upload_feed():\n"
            "    ftp = ftplib.FTP('ftp.example.com')\n"
            "    try:\n"
            "        ftp.login('u', 'p')\n"
            "        ftp.storbinary('STOR feed.xml', build.feed())\n"
            "    finally:\n"
            "        ftp.quit()\n")),
        Example(path="reports/management/commands/dump_orders.py", code=(  # open() in a command, gzip
            "import gzip\n\nfrom django.core.management.base import BaseCommand\n\nfrom reports import rows\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        out = gzip.open('/var/exports/orders.csv.gz', 'wt')\n"
            "        for line in rows.order_lines():\n"
            "            out.write(line)\n"
            "        out.close()\n"),
            fixed=(
            "import gzip\n\nfrom django.core.management.base import BaseCommand\n\nfrom reports import rows\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        out = gzip.open('/var/exports/orders.csv.gz', 'wt')\n"
            "        try:\n"
            "            for line in rows.order_lines():\n"
            "                out.write(line)\n"
            "        finally:\n"
            "            out.close()\n")),
        Example(path="mail/tasks.py", code=(  # SMTP session in a celery task, from-import spelling
            "from smtplib import SMTP\n\nfrom celery import shared_task\n\nfrom mail import digest\n\n\n"
            "@shared_task\n"
            "def send_digest():\n"
            "    smtp = SMTP('localhost')\n"
            "    for message in digest.messages():\n"
            "        smtp.send_message(message)\n"
            "    smtp.quit()\n"),
            fixed=(
            "from smtplib import SMTP\n\nfrom celery import shared_task\n\nfrom mail import digest\n\n\n"
            "@shared_task\n"
            "def send_digest():\n"
            "    smtp = SMTP('localhost')\n"
            "    try:\n"
            "        for message in digest.messages():\n"
            "            smtp.send_message(message)\n"
            "    finally:\n"
            "        smtp.quit()\n")),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            module = ctx.index.module_of(fn)
            for pair, name, kind, call in unclosed_on_failure(fn.node, lambda e: ctx.index.resolve(module, e)):
                yield self.finding(fn, pair.acquire_stmt, (
                    f"the {kind} opened by `{ast.unparse(call.func)}(...)` is closed (line {pair.release_stmt.lineno}) "
                    "only when the work before it succeeds: every failed run leaves it open; close it in `finally` "
                    "or use `with`"))

    def _target(self, index: "RepoIndex", finding: Finding):
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        module = index.module_of(fn)
        for pair, name, kind, call in unclosed_on_failure(fn.node, lambda e: index.resolve(module, e)):
            if pair.acquire_stmt.lineno == finding.line:
                return fn, pair, name, kind, call
        return None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        pair = target[1]
        module = index.by_path[finding.file]
        new = wrap_in_finally(module.source, pair.work[0].lineno, pair.release_stmt.lineno,
                              pair.body[pair.end - 1].lineno)
        return Patch(changes=(FileChange(finding.file, module.source, new),)) if new else None

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Run the job with its work failing: every handle it opened must be closed afterwards."""
        target = self._target(index, finding)
        if target is None:
            return None
        fn, pair, name, kind, call = target
        module = index.module_of(fn)
        entry = entry_call(index, fn)
        work = work_call(module, pair.work, fn.class_name, skip=(name + ".",))
        opener = patch_target(module, call, fn.class_name) if not isinstance(call.func, ast.Name) \
            or call.func.id != "open" else f"{dotted_module(module.module)}.open"
        if entry is None or work is None or opener is None:
            return None
        imports, run, _ = entry
        return DirectTest(fn.symbol, fn.file, ("job_failing_work", "job502_handles_closed"), dict(
            title=f"`{fn.symbol}` closes its {kind} when it fails.",
            doc=(f"The {kind} opened by `{ast.unparse(call.func)}(...)` was closed only when the work succeeded.\n"
                 "The test makes the job's work fail and checks that what the job opened is closed."),
            imports=("import builtins\n" + imports).strip(), work_repr=repr(work[1]),
            work_text=ast.unparse(work[0].func), run=run, opener_repr=repr(opener), name=fn.node.name, kind=kind))
