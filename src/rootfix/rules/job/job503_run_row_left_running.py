"""JOB503: a run row created "running" is closed only when the run succeeds."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._common import preferred_quote
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._lib.run_rows import RunClose, failure_handler, success_only_closes
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

_MODELS = ("feeds/models.py", "from django.db import models\n\n\n"
           "class FeedRun(models.Model):\n"
           "    class Status(models.TextChoices):\n"
           "        RUNNING = 'running'\n        SUCCEEDED = 'succeeded'\n        FAILED = 'failed'\n\n"
           "    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)\n"
           "    finished_at = models.DateTimeField(null=True)\n")
_HEAD = ("from contextlib import contextmanager\n\n"
         "from django.utils import timezone\n\n"
         "from feeds.models import FeedRun\n\n\n"
         "@contextmanager\n"
         "def export_run():\n"
         "    run = FeedRun.objects.create()\n")


class RunRowLeftRunning(Rule):
    """A run row created "running" is set to its final status only on the success path.

    ## What it does
    Finds a row a job creates to record its run (`FeedRun.objects.create(...)`, or one a helper creates and
    returns) whose status field has choices with a failure member (`Status.FAILED`), closed after the work with
    `run.status = FeedRun.Status.SUCCEEDED; run.save()` - when nothing closes it on the way out of a failure
    (no `except` handler or `finally` sets the status).

    ## Why is this bad?
    When the work raises (an FTP server refusing connections, a full disk, a bad row), the row stays
    "running" with no end time and no error. If the row is also the job's lock (later runs skip while a run is
    "running"), every later run skips until someone deletes the row or it is declared stale; at best the run
    history shows a run that never ended, and monitoring that counts failed runs sees none.

    ## Example
    ```python
    run = FeedRun.objects.create(portal=portal)
    try:
        yield run
        run.status = FeedRun.Status.SUCCEEDED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
    finally:
        shutil.rmtree(path, ignore_errors=True)
    ```

    ## Use instead
    ```python
    try:
        yield run
        ...
    except Exception:
        run.status = FeedRun.Status.FAILED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
        raise
    finally:
        shutil.rmtree(path, ignore_errors=True)
    ```

    ## Fix safety
    Safe: an `except Exception:` handler sets the model's own failure status (and the close's timestamps),
    saves, and re-raises, so the job still fails as before; the success path does not change. Offered when the
    close sits in a `try` with no handlers of its own, or in the same block as the row's creation.
    """

    code = "JOB503"
    name = "run-row-left-running"
    bug_class = "S5"
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "safe"

    VALID = (
        Example(
            path="feeds/runs.py",
            files=(_MODELS,),
            code=_HEAD + (
                "    try:\n"
                "        yield run\n"
                "        run.status = FeedRun.Status.SUCCEEDED\n"
                "        run.save()\n"
                "    except Exception:\n"
                "        run.status = FeedRun.Status.FAILED\n"
                "        run.save()\n"
                "        raise\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="feeds/runs.py",
            files=(_MODELS,),
            code=_HEAD + (
                "    try:\n"
                "        yield run\n"
                "        run.status = FeedRun.Status.SUCCEEDED\n"
                "        run.finished_at = timezone.now()\n"
                "        run.save(update_fields=['status', 'finished_at'])\n"
                "    finally:\n"
                "        print('done')\n"
            ),
            fixed=_HEAD + (
                "    try:\n"
                "        yield run\n"
                "        run.status = FeedRun.Status.SUCCEEDED\n"
                "        run.finished_at = timezone.now()\n"
                "        run.save(update_fields=['status', 'finished_at'])\n"
                "    except Exception:\n"
                "        run.status = FeedRun.Status.FAILED\n"
                "        run.finished_at = timezone.now()\n"
                "        run.save(update_fields=['status', 'finished_at'])\n"
                "        raise\n"
                "    finally:\n"
                "        print('done')\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            for close in success_only_closes(ctx.index, fn):
                finding = self.finding(fn, close.assign, (
                    f"`{close.name}.{close.field}` is set to its final value only when the run succeeds: when the "
                    f"work before it raises, the {close.model.rsplit('.', 1)[-1]} row stays in its starting status "
                    f"(never closed, and if later runs skip while one is running, they all skip); close it as "
                    f"{close.failed} in an except handler"))
                if _edit(ctx.index.by_path[fn.file].source, close) is None:
                    finding = replace(finding, fixable=False, fix_safety=None)
                yield finding

    def _close(self, index: "RepoIndex", finding: Finding) -> RunClose | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        return next((c for c in success_only_closes(index, fn) if c.assign.lineno == finding.line), None)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        close = self._close(index, finding)
        if close is None:
            return None
        source = index.by_path[finding.file].source
        new = _edit(source, close)
        if new is None:
            return None
        ast.parse(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that enters the context manager with its work failing at once (the
        exception a failing ``with`` body throws in at the ``yield``): no row of the model may be left in its
        starting status."""
        close = self._close(index, finding)
        if close is None or not _is_context_manager(close):
            return None
        model_module, _, model_name = close.model.rpartition(".")
        return DirectTest(close.fn.symbol, close.fn.file, ("job503_failed_run_is_closed",), dict(
            target_file_repr=repr(close.fn.file), target_name_repr=repr(close.fn.node.name),
            model_module=model_module, model_name=model_name, field_repr=repr(close.field)),
            calls=ProjectTestCalls(close.fn, "_failed_run_is_closed", infix="closes_its_run_when_the_work_fails",
                                   beside=True))


def _is_context_manager(close: RunClose) -> bool:
    return any(ast.unparse(d).rsplit(".", 1)[-1] == "contextmanager" for d in close.fn.node.decorator_list)


def _edit(source: str, close: RunClose) -> str | None:
    """``source`` with the failure handler added: into the close's ``try`` (no handlers there yet), or a
    ``try`` around the work after the row's creation in the same block."""
    lines = source.splitlines(keepends=True)
    node = close.try_node
    if node is not None:
        if node.handlers or not node.body:
            return None
        indent = " " * node.col_offset
        body_indent = lines[node.body[0].lineno - 1]
        unit = body_indent[: len(body_indent) - len(body_indent.lstrip())][len(indent):] or "    "
        handler = failure_handler(close, indent, unit, preferred_quote(source))
        following = node.orelse or node.finalbody
        if following:
            at = following[0].lineno - 2  # the ``else:`` / ``finally:`` line
            while at > 0 and lines[at].strip() not in ("else:", "finally:"):
                at -= 1
            if lines[at].strip() not in ("else:", "finally:"):
                return None
        else:
            at = node.end_lineno or node.lineno
        return "".join(lines[:at] + [handler] + lines[at:])
    block = close.block
    i = block.index(close.assign)
    start = next((j + 1 for j in range(i - 1, -1, -1) if isinstance(block[j], ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == close.name for t in block[j].targets)), None)
    end = next((j for j in range(i, len(block)) if close.save in list(walk_tree(block[j]))), None)
    if start is None or end is None or start >= i:
        return None
    if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.lineno != n.end_lineno
           for st in block[start:end + 1] for n in walk_tree(st)):
        return None  # re-indenting would change a multi-line string
    first, last = block[start].lineno - 1, block[end].end_lineno or block[end].lineno
    indent = " " * block[start].col_offset
    unit = "    "
    inner = "".join(unit + line if line.strip() else line for line in lines[first:last])
    text = f"{indent}try:\n{inner}" + failure_handler(close, indent, unit, preferred_quote(source))
    return "".join(lines[:first]) + text + "".join(lines[last:])
