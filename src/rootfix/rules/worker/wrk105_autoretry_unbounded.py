"""WRK105: ``autoretry_for`` on every exception without backoff / with unbounded retries."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix import codemod
from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.worker import _w1common as w1
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

_FILES = (
    ("reports/__init__.py", ""),
    ("reports/models.py", '''from django.db import models


class Report(models.Model):
    name = models.CharField(max_length=100)
    pdf = models.FileField(upload_to="reports/", blank=True)
'''),
    ("reports/rendering.py", '''def render_pdf(report):
    return b"%PDF-1.7"
'''),
)

_BUGGY = '''from celery import shared_task
from django.core.files.base import ContentFile

from reports.models import Report
from reports.rendering import render_pdf


@shared_task(autoretry_for=(Exception,))
def render_report(report_id):
    report = Report.objects.get(pk=report_id)
    report.pdf.save(f"{report.pk}.pdf", ContentFile(render_pdf(report)))
'''

_FIXED = _BUGGY.replace("@shared_task(autoretry_for=(Exception,))",
                        "@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)")


class AutoretryUnbounded(Rule):
    """``autoretry_for`` catching every exception, without exponential backoff or with unlimited retries.

    ## What it does
    Finds Celery tasks (decorator options or ``Task`` class attributes) whose ``autoretry_for`` contains
    ``Exception`` or ``BaseException`` and that have no ``retry_backoff``, or ``max_retries=None``.

    ## Why is this bad?
    Retrying on *every* exception retries programming errors and permanent failures too. Without
    backoff each of them is retried at a fixed delay (``default_retry_delay``, 3 minutes), so an outage
    of a dependency turns into synchronized retry waves from every worker; with ``max_retries=None``
    a poisoned message is retried forever and never reaches the failure handling.

    ## Example
    ```python
    @shared_task(autoretry_for=(Exception,))
    def render_report(report_id):
        ...
    ```

    ## Use instead
    ```python
    @shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
    def render_report(report_id):
        ...
    ```
    (better still: list the transient exceptions instead of ``Exception``.)

    ## Fix safety
    Unsafe: the retry schedule changes (exponential backoff with jitter, at most 5 retries when no bound
    was given); only the missing options are added, existing ones are kept.
    """

    code = "WRK105"
    name = "autoretry-unbounded"
    bug_class = "W1"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(_FIXED, path="reports/tasks.py", files=_FILES),
        # narrow exception list: a fixed delay is a choice, not a hazard
        Example(_BUGGY.replace("(Exception,)", "(ConnectionError, TimeoutError)"), path="reports/tasks.py",
                files=_FILES),
        # backoff given, max_retries left at Celery's default of 3
        Example(_BUGGY.replace("(Exception,))", "(Exception,), retry_backoff=30, retry_jitter=True)"),
                path="reports/tasks.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY, path="reports/tasks.py", files=_FILES, fixed=_FIXED),
        Example(_BUGGY.replace("@shared_task(autoretry_for=(Exception,))",
                               "@app.task(\n    autoretry_for=[BaseException],\n    retry_backoff=True,\n"
                               "    max_retries=None,\n)").replace(
            "from celery import shared_task\n", "from proj.celery import app\n"),
            path="reports/tasks.py",
            files=(*_FILES, ("proj/__init__.py", ""),
                   ("proj/celery.py", "from celery import Celery\n\napp = Celery('proj')\n")),
            fixed=_BUGGY.replace("@shared_task(autoretry_for=(Exception,))",
                                 "@app.task(\n    autoretry_for=[BaseException],\n    retry_backoff=True,\n"
                                 "    max_retries=5,\n)").replace(
                "from celery import shared_task\n", "from proj.celery import app\n")),
        Example('''from celery import Task

from reports.models import Report
from reports.rendering import render_pdf


class RenderReport(Task):
    autoretry_for = (Exception,)

    def run(self, report_id):
        render_pdf(Report.objects.get(pk=report_id))
''', path="reports/tasks.py", files=_FILES, fixed='''from celery import Task

from reports.models import Report
from reports.rendering import render_pdf


class RenderReport(Task):
    autoretry_for = (Exception,)
    retry_backoff = True
    max_retries = 5

    def run(self, report_id):
        render_pdf(Report.objects.get(pk=report_id))
'''),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        for task in w1.worker_tasks(index).values():
            if task.framework != "celery" or not ctx.in_scope(task.fn):
                continue
            problems = self.problems(index, task)
            if problems is None:
                continue
            node = task.options["autoretry_for"]
            yield self.finding(task.fn, node, f"task {task.fn.symbol} autoretries on every exception "
                                              f"with {' and '.join(problems)}")

    @staticmethod
    def problems(index: "RepoIndex", task: w1.TaskInfo) -> list[str] | None:
        node = task.options.get("autoretry_for")
        if node is None:
            return None
        module = index.module_of(task.fn)
        elts = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
        if not any((index.resolve(module, e) or "") in w1.BROAD for e in elts):
            return None
        out = []
        backoff = task.options.get("retry_backoff")
        if backoff is None or (isinstance(backoff, ast.Constant) and backoff.value in (False, 0, None)):
            out.append("no retry_backoff")
        max_retries = task.options.get("max_retries")
        if isinstance(max_retries, ast.Constant) and max_retries.value is None:
            out.append("max_retries=None (retries forever)")
        return out or None

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = _run_of_class(index, finding) or index.enclosing_function(finding.file, finding.line)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        if task is None:
            return None
        source = index.module_of(task.fn).source
        options = task.options
        add: list[tuple[str, str]] = []
        backoff = options.get("retry_backoff")
        if backoff is None:
            add.append(("retry_backoff", "True"))
        if "max_retries" not in options:
            add.append(("max_retries", "5"))
        module = cst.parse_module(source)
        if task.kind == "decorator":
            module, fdef = codemod.function_at(module, task.fn.node.lineno, task.fn.node.name)
            if fdef is None or task.decorator is None:
                return None
            di = task.fn.node.decorator_list.index(task.decorator)

            def change(node: cst.CSTNode) -> cst.CSTNode:
                assert isinstance(node, cst.FunctionDef)
                decorators = list(node.decorators)
                deco = decorators[di]
                if isinstance(deco.decorator, cst.Call):
                    deco = deco.with_changes(decorator=_set_values(deco.decorator))
                if add:
                    deco = codemod.decorator_with_keywords(deco, add)
                decorators[di] = deco
                return node.with_changes(decorators=decorators)

            module = codemod.replace_node(module, fdef, change)
        else:
            module, assign = codemod.find_at(module, finding.line, cst.SimpleStatementLine)
            if assign is None:
                return None
            lines = [cst.parse_statement(f"{k} = {v}\n") for k, v in add]

            def change_cls(node: cst.CSTNode) -> cst.CSTNode | cst.FlattenSentinel:
                out = codemod.parse_fix_none(node)
                return cst.FlattenSentinel([out, *lines])

            module = codemod.replace_node(module, assign, change_cls)
        new = module.code
        if new == source:
            return None
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """The task's options: exponential backoff and a bound on the retries."""
        fn = _run_of_class(index, finding) or index.enclosing_function(finding.file, finding.line)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        if task is None:
            return None
        name = task.fn.class_name if task.kind == "class" else task.fn.node.name
        getter = (f"    task = {name}\n" if task.kind == "class" else
                  f"    task = getattr({name}, \"_get_current_object\", lambda: {name})()\n")
        return DirectTest(task.fn.symbol, task.fn.file, ("wrk105_retries_bounded",), dict(
            rule=self.name, file=task.fn.file, module=task.fn.module, name=name, name_lower=name.lower(),
            name_title=name.title().replace("_", ""), getter=getter))


def _set_values(call: cst.Call) -> cst.Call:
    args = []
    for a in call.args:
        if a.keyword is not None and a.keyword.value == "max_retries" and isinstance(a.value, cst.Name) \
                and a.value.value == "None":
            a = a.with_changes(value=cst.Integer("5"))
        args.append(a)
    return call.with_changes(args=args)


def _run_of_class(index: "RepoIndex", finding: Finding):
    info = index.by_path.get(finding.file)
    if info is None:
        return None
    for task in w1.worker_tasks(index).values():
        if task.fn.file == finding.file and task.decorator is not None and \
                task.decorator.lineno <= finding.line <= (task.decorator.end_lineno or task.decorator.lineno):
            return task.fn
    for cls in info.classes.values():
        if cls.lineno <= finding.line <= (cls.end_lineno or cls.lineno):
            return info.functions.get(f"{cls.name}.run")
    return None
