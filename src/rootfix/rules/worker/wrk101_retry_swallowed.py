"""WRK101: a Celery ``Retry`` swallowed by a broad ``except`` in the task."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix import codemod
from rootfix.rules.base import CheckContext, Example, FirstOf, Rule, TaskReplay
from rootfix.rules.worker import _w1common as w1
from rootfix.types import FileChange, Finding, Patch
from rootfix.rules.worker._lib.autoretry import _autoretry, _tries, autoretry_swallows, wrapper_swallows
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

_MODELS = '''from django.db import models


class Invoice(models.Model):
    number = models.CharField(max_length=32)
    status = models.CharField(max_length=16, default="open")
    last_error = models.TextField(blank=True)

    def mark_failed(self, error):
        self.status = "failed"
        self.last_error = error
        self.save(update_fields=["status", "last_error"])
'''

_GATEWAY = '''import requests


class GatewayUnavailable(Exception):
    pass


def push_invoice(invoice):
    try:
        resp = requests.post("https://erp.example.com/invoices", json={"number": invoice.number}, timeout=10)
    except requests.RequestException as exc:
        raise GatewayUnavailable(str(exc)) from exc
    resp.raise_for_status()
    return resp.json()["id"]
'''

_BUGGY_DIRECT = '''import logging

from celery import shared_task

from billing.gateway import GatewayUnavailable, push_invoice
from billing.models import Invoice

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=120)
def export_invoice(self, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        try:
            push_invoice(invoice)
        except GatewayUnavailable as exc:
            raise self.retry(exc=exc)
    except Exception as exc:
        logger.exception("export of invoice %s failed", invoice.pk)
        invoice.mark_failed(str(exc))
        return "failed"
    return "exported"
'''

_FIXED_DIRECT = '''import logging

from celery import shared_task
from celery.exceptions import Retry

from billing.gateway import GatewayUnavailable, push_invoice
from billing.models import Invoice

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=120)
def export_invoice(self, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        try:
            push_invoice(invoice)
        except GatewayUnavailable as exc:
            raise self.retry(exc=exc)
    except Retry:
        # a retry was scheduled (celery.exceptions.Retry): let Celery see it
        raise
    except Exception as exc:
        logger.exception("export of invoice %s failed", invoice.pk)
        invoice.mark_failed(str(exc))
        return "failed"
    return "exported"
'''

_BUGGY_HELPER = '''import logging

from celery import shared_task as task

from billing.gateway import GatewayUnavailable, push_invoice
from billing.models import Invoice

log = logging.getLogger(__name__)


def _export(job, invoice):
    try:
        return push_invoice(invoice)
    except GatewayUnavailable as exc:
        log.warning("ERP unavailable for invoice %s, retrying", invoice.pk)
        raise job.retry(exc=exc, countdown=60)


@task(bind=True, max_retries=3)
def export_invoice(self, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        _export(self, invoice)
    except:  # noqa: E722
        log.exception("export of invoice %s failed", invoice.pk)
        invoice.mark_failed("export failed")
'''

_FIXED_HELPER = '''import logging

from celery import shared_task as task
from celery.exceptions import Retry

from billing.gateway import GatewayUnavailable, push_invoice
from billing.models import Invoice

log = logging.getLogger(__name__)


def _export(job, invoice):
    try:
        return push_invoice(invoice)
    except GatewayUnavailable as exc:
        log.warning("ERP unavailable for invoice %s, retrying", invoice.pk)
        raise job.retry(exc=exc, countdown=60)


@task(bind=True, max_retries=3)
def export_invoice(self, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        _export(self, invoice)
    except Retry:
        # a retry was scheduled (celery.exceptions.Retry): let Celery see it
        raise
    except:  # noqa: E722
        log.exception("export of invoice %s failed", invoice.pk)
        invoice.mark_failed("export failed")
'''

_BUGGY_CLASS = '''import logging

from celery import Task
from requests.adapters import Retry

from billing.gateway import GatewayUnavailable, push_invoice
from billing.models import Invoice
from proj.celery import app

logger = logging.getLogger(__name__)
HTTP_RETRY = Retry(total=2)


class ExportInvoiceTask(Task):
    name = "billing.export_invoice"
    max_retries = 4

    def run(self, invoice_id):
        invoice = Invoice.objects.get(pk=invoice_id)
        try:
            self.push(invoice)
        except BaseException as exc:
            logger.error("export of invoice %s failed: %s", invoice.pk, exc)
            invoice.mark_failed(str(exc))

    def push(self, invoice):
        try:
            push_invoice(invoice)
        except GatewayUnavailable as exc:
            raise self.retry(exc=exc)


export_invoice = app.register_task(ExportInvoiceTask())
'''

_FIXED_CLASS = '''import logging

from celery import Task
from celery.exceptions import Retry as CeleryRetry
from requests.adapters import Retry

from billing.gateway import GatewayUnavailable, push_invoice
from billing.models import Invoice
from proj.celery import app

logger = logging.getLogger(__name__)
HTTP_RETRY = Retry(total=2)


class ExportInvoiceTask(Task):
    name = "billing.export_invoice"
    max_retries = 4

    def run(self, invoice_id):
        invoice = Invoice.objects.get(pk=invoice_id)
        try:
            self.push(invoice)
        except CeleryRetry:
            # a retry was scheduled (celery.exceptions.Retry): let Celery see it
            raise
        except BaseException as exc:
            logger.error("export of invoice %s failed: %s", invoice.pk, exc)
            invoice.mark_failed(str(exc))

    def push(self, invoice):
        try:
            push_invoice(invoice)
        except GatewayUnavailable as exc:
            raise self.retry(exc=exc)


export_invoice = app.register_task(ExportInvoiceTask())
'''

_FILES = (("billing/models.py", _MODELS), ("billing/gateway.py", _GATEWAY), ("billing/__init__.py", ""),
          ("proj/__init__.py", ""), ("proj/celery.py", "from celery import Celery\n\napp = Celery('proj')\n"))


class RetrySwallowedByBroadExcept(Rule):
    """Celery's ``Retry`` is caught by a broad ``except`` in the task and never reaches the worker.

    ## What it does
    Finds tasks where ``self.retry(...)`` / ``raise task.retry(...)`` / ``raise Retry(...)`` runs inside a
    ``try:`` - directly, or in a project helper the ``try`` calls (the task passed as an argument or a
    ``Task`` method) - whose first handler able to catch ``celery.exceptions.Retry`` is
    ``except Exception`` / ``except BaseException`` / a bare ``except:`` that does not re-raise; the same
    in the wrapper of a project decorator applied to the task (``@log_failures`` around the task body).
    Also finds handlers — in the task or a helper it calls, in any module — that catch an error the task
    retries on (listed in ``autoretry_for``, or caught by the task's own ``except X: raise self.retry()``)
    through a base class (``except BankError`` for ``BankTimeout``; ``except OSError`` for
    ``requests.ConnectionError``; a broad project exception) and neither raise nor retry: the exception
    hierarchy is resolved through the project's classes and the known hierarchies of the standard
    library and common clients (requests, httpx, urllib3, smtplib, botocore, redis).

    ## Why is this bad?
    ``Task.retry()`` schedules the retry and then *raises* ``Retry`` so the worker records the run as
    RETRY instead of SUCCESS/FAILURE. A catch-all handler written to "record the failure and move on"
    catches that ``Retry`` too: the task finishes as SUCCESS, the handler marks the work failed with
    "Retry in 60s: ...", and the scheduled retry later finds the work already failed. Temporary errors
    (greylisting, timeouts, 503s) become permanent failures.

    ## Example
    ```python
    @shared_task(bind=True, max_retries=5)
    def export_invoice(self, invoice_id):
        invoice = Invoice.objects.get(pk=invoice_id)
        try:
            try:
                push_invoice(invoice)
            except GatewayUnavailable as exc:
                raise self.retry(exc=exc)
        except Exception as exc:
            invoice.mark_failed(str(exc))
    ```

    ## Use instead
    ```python
        try:
            ...
        except Retry:
            # a retry was scheduled (celery.exceptions.Retry): let Celery see it
            raise
        except Exception as exc:
            invoice.mark_failed(str(exc))
    ```

    ## Fix safety
    Safe: an ``except Retry: raise`` clause is added before the broad handler (``from celery.exceptions
    import Retry``, aliased when ``Retry`` already names something else, e.g. urllib3's). Every other
    exception is handled exactly as before; only the retry Celery asked for is no longer swallowed.
    For an error the task retries on, ``except <that error>: raise`` is added before the handler (spelled
    as the module already imports it), so Celery's autoretry (or the task's retry handler) sees it; other
    errors are handled as before. A handler that catches just that error (``except FeedUnavailable as exc:
    log(...); return []``) keeps what it does and ends in ``raise`` instead of its ``return``. The regression test injects that error at the first call the ``try``
    guards and requires a retry — replaying the project's tests that run the task, or, when none does, a
    generated run of the task on the test database.
    """

    code = "WRK101"
    name = "retry-swallowed-by-broad-except"
    bug_class = "W1"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        # the broad handler is preceded by `except Retry: raise`
        Example(_FIXED_DIRECT, path="billing/tasks.py", files=_FILES),
        # the broad handler re-raises after logging
        Example(_BUGGY_DIRECT.replace('        return "failed"\n', "        raise\n"), path="billing/tasks.py",
                files=_FILES),
        # retry is raised outside the try: nothing catches it
        Example('''import logging

from celery import shared_task

from billing.gateway import GatewayUnavailable, push_invoice
from billing.models import Invoice

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5)
def export_invoice(self, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        push_invoice(invoice)
    except GatewayUnavailable as exc:
        raise self.retry(exc=exc)
    except Exception as exc:
        logger.exception("export failed")
        invoice.mark_failed(str(exc))
''', path="billing/tasks.py", files=_FILES),
        # the helper swallows nothing and never retries: a broad handler around it is fine
        Example('''from celery import shared_task

from billing.gateway import push_invoice
from billing.models import Invoice


@shared_task
def export_invoice(invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    try:
        push_invoice(invoice)
    except Exception as exc:
        invoice.mark_failed(str(exc))
''', path="billing/tasks.py", files=_FILES),
    )
    INVALID = (
        Example(_BUGGY_DIRECT, path="billing/tasks.py", files=_FILES, fixed=_FIXED_DIRECT),
        Example(_BUGGY_HELPER, path="billing/tasks.py", files=_FILES, fixed=_FIXED_HELPER),
        Example(_BUGGY_CLASS, path="billing/tasks.py", files=_FILES, fixed=_FIXED_CLASS),
        Example(  # a service class catches just the error the task autoretries on, logs it and returns
            path="stock/service.py",
            files=(("stock/__init__.py", ""),
                   ("stock/client.py", "class FeedDown(Exception):\n    pass\n\n\n"
                                       "class FeedClient:\n    def get(self, path):\n        raise FeedDown(path)\n"),
                   ("stock/tasks.py", "from celery import shared_task\n\nfrom stock.client import FeedDown\n"
                                      "from stock.service import StockService\n\n\n"
                                      "@shared_task(autoretry_for=(FeedDown,), max_retries=3)\n"
                                      "def sync(ward):\n    return len(StockService().levels(ward))\n")),
            code=(
                "import logging\n\nfrom stock.client import FeedClient, FeedDown\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "class StockService:\n"
                "    def __init__(self, client=None):\n"
                "        self.client = client or FeedClient()\n\n"
                "    def levels(self, ward):\n"
                "        try:\n"
                "            payload = self.client.get(f'/wards/{ward}')\n"
                "        except FeedDown as exc:\n"
                "            logger.warning('feed down for %s: %s', ward, exc)\n"
                "            return []\n"
                "        return payload['lines']\n"
            ),
            fixed=(
                "import logging\n\nfrom stock.client import FeedClient, FeedDown\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "class StockService:\n"
                "    def __init__(self, client=None):\n"
                "        self.client = client or FeedClient()\n\n"
                "    def levels(self, ward):\n"
                "        try:\n"
                "            payload = self.client.get(f'/wards/{ward}')\n"
                "        except FeedDown as exc:\n"
                "            logger.warning('feed down for %s: %s', ward, exc)\n"
                "            raise\n"
                "        return payload['lines']\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        for task in w1.worker_tasks(index).values():
            if task.framework != "celery" or not ctx.in_scope(task.fn):
                continue
            module = index.module_of(task.fn)
            for node in walk_tree(task.fn.node):
                if not isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
                    continue
                handler = next((h for h in node.handlers if w1.catches_retry(index, module, h)), None)
                if handler is None or not w1.is_broad(index, module, handler) or w1.reraises(handler):
                    continue
                sites = w1.retry_sites(index, task, node.body)
                if not sites:
                    continue
                site = sites[0]
                caught = "bare except" if handler.type is None else f"except {ast.unparse(handler.type)}"
                where = f"{site.file}:{site.line}"
                yield self.finding(
                    task.fn, handler,
                    f"`{caught}` in task {task.fn.symbol} catches the celery Retry raised by `{site.text}` "
                    f"({where}) and does not re-raise it: the retry is swallowed and the run ends as success",
                    related=tuple((s.file, s.line, "retry raised here") for s in sites[:3]),
                )
        seen: set[tuple[str, int]] = set()
        for fn, handler, task, excs in autoretry_swallows(index):
            if (fn.file, handler.lineno) in seen or not (ctx.in_scope(fn) or ctx.in_scope(task.fn)):
                continue
            seen.add((fn.file, handler.lineno))
            module = index.module_of(fn)
            caught = "bare except" if handler.type is None else f"except {ast.unparse(handler.type)}"
            where = "" if fn.qualname == task.fn.qualname else f" (in {fn.symbol}, called by the task)"
            yield self.finding(
                fn, handler,
                f"`{caught}`{where} catches {', '.join(e.rsplit('.', 1)[-1] for e in excs)}, which task "
                f"{task.fn.symbol} retries on (autoretry_for / its `except ...: raise self.retry()`), and does not "
                "re-raise it: the task never sees the error, so it is never retried",
                related=((task.fn.file, task.fn.line, f"task {task.fn.symbol} declares autoretry_for"),),
            )
        for deco_fn, handler, task in wrapper_swallows(index):
            if (deco_fn.file, handler.lineno) in seen:
                continue
            seen.add((deco_fn.file, handler.lineno))
            caught = "bare except" if handler.type is None else f"except {ast.unparse(handler.type)}"
            what = ("the celery Retry the task raises" if w1.retry_sites(index, task, task.fn.node.body)
                    else "the errors the task lists in autoretry_for")
            yield self.finding(
                deco_fn, handler,
                f"`{caught}` in decorator {deco_fn.symbol}, applied to task {task.fn.symbol}, catches {what} "
                "and does not re-raise it: the retry is swallowed and the run ends as success",
                related=((task.fn.file, task.fn.line, f"{deco_fn.symbol} wraps task {task.fn.symbol}"),),
            )

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        info = index.by_path.get(finding.file)
        if info is None:
            return None
        source = info.source
        module = cst.parse_module(source)
        reraise = _autoretry_types_at(index, finding)
        if reraise:
            local_names = []
            for dotted in reraise:
                mod, _, name = dotted.rpartition(".")
                known = next((loc for loc, target in info.imports.items() if target == dotted), None)
                if known is None and dotted.startswith(f"{info.module}."):
                    known = name  # defined in this very module
                if known is None:  # `import requests` -> requests.ConnectionError (never shadow a builtin)
                    known = next((f"{loc}{dotted[len(target):]}" for loc, target in sorted(
                        info.imports.items(), key=lambda kv: -len(kv[1])) if dotted.startswith(f"{target}.")
                        and loc == target.split(".")[0] == target), None)
                if not mod or known is not None:
                    local_names.append(known or name)  # a builtin, or already imported here
                    continue
                module, local = codemod.import_name(module, mod, name)
                local_names.append(local)
            local = local_names[0] if len(local_names) == 1 else f"({', '.join(local_names)})"
            comment = "# the task retries on this error: let it reach Celery"
        else:
            module, local = _retry_name(module)
            comment = "# a retry was scheduled (celery.exceptions.Retry): let Celery see it"
        # adding an import shifts lines: find the handler by counting from the end of the file
        shift = len(module.code.splitlines()) - len(source.splitlines())
        line = finding.line + shift
        module, handler = codemod.find_at(module, line, cst.ExceptHandler)
        if handler is None:
            return None
        if reraise and _catches_exactly(index, info, finding, reraise):
            # the handler catches just the error the task retries on: it keeps what it does (the log line)
            # and re-raises instead of returning
            body = list(handler.body.body)
            last = body[-1] if body else None
            if isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1 \
                    and isinstance(last.body[0], (cst.Return, cst.Pass)):
                raise_line = cst.parse_statement("raise\n").with_changes(leading_lines=last.leading_lines)
                new_body = handler.body.with_changes(body=[*body[:-1], raise_line])
                new = codemod.replace_node(module, handler, lambda h: h.with_changes(body=new_body)).code
                if new != source:
                    return Patch(changes=(FileChange(finding.file, source, new),))
        new_handler = cst.ensure_type(
            cst.parse_statement(
                f"try:\n    pass\nexcept {local}:\n"
                f"    {comment}\n    raise\n"),
            cst.Try).handlers[0]

        parent = _parent_try(module, handler)
        if parent is None:
            return None
        at = next(i for i, h in enumerate(parent.handlers) if h is handler)

        def insert(try_node: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(try_node, cst.Try)
            handlers = list(try_node.handlers)
            handlers.insert(at, new_handler)
            return try_node.with_changes(handlers=handlers)

        new = codemod.replace_node(module, parent, insert).code
        if new == source:
            return None
        return Patch(changes=(FileChange(finding.file, source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> FirstOf | None:
        """The first that can be written: an autoretry_for error swallowed, a decorator's wrapper swallowing
        the retry, a Retry swallowed in the task."""
        specs = tuple(s for s in (_autoretry_regression_test(self, index, finding),
                                  _wrapper_regression_test(self, index, finding),
                                  self._retry_regression_test(index, finding)) if s is not None)
        return FirstOf(specs) if specs else None

    def _retry_regression_test(self, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
        fn = index.enclosing_function(finding.file, finding.line)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        if task is None:
            return None
        module = index.module_of(task.fn)
        try_node = _try_of_handler(task.fn.node, finding.line)
        if try_node is None:
            return None
        sites = w1.retry_sites(index, task, try_node.body)
        target = None
        for site in sites:
            if site.via is not None:
                target = w1.patch_target(index, module, site.via, task.fn.class_name)
                if target:
                    break
        if target is None:
            found = w1.first_patchable_call(index, module, try_node.body, task.fn.class_name)
            if found is None:
                return None
            target = found[1]
        return TaskReplay(
            task.fn.symbol, task, "inject", rule=self.name,
            doc=("A Retry raised inside the task's guarded block (the task asked Celery to retry) must reach "
                 "Celery instead of being caught by the broad `except`."),
            target=target, injected="a celery Retry raised by the guarded call",
            inject_body='    raise Retry("rootfix: a retry was scheduled")',
            check=("    assert isinstance(outcome, Retry), (\n"
                   "        f\"the Retry raised inside the task was swallowed: the task returned {outcome!r}\")"),
        )


def _catches_exactly(index: "RepoIndex", info: "ModuleInfo", finding: Finding, reraise: list[str]) -> bool:
    """The handler at the finding names one exception type, one the task retries on."""
    handler = next((n for n in walk_tree(info.tree) if isinstance(n, ast.ExceptHandler) and n.lineno == finding.line),
                   None)
    if handler is None or handler.type is None or isinstance(handler.type, ast.Tuple):
        return False
    return (index.resolve(info, handler.type) or "") in reraise


def _retry_name(module: cst.Module) -> tuple[cst.Module, str]:
    return codemod.import_name(module, "celery.exceptions", "Retry")


def _parent_try(module: cst.Module, handler: cst.ExceptHandler) -> cst.Try | None:
    found: list[cst.Try] = []

    class V(cst.CSTVisitor):
        def visit_Try(self, node: cst.Try) -> None:
            if any(h is handler for h in node.handlers):
                found.append(node)

    module.visit(V())
    return found[0] if found else None


def _try_of_handler(fn: ast.AST, line: int) -> ast.Try | None:
    for node in walk_tree(fn):
        if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            if any(h.lineno == line for h in node.handlers):
                return node
    return None


# --------------------------------------------------------------------------- autoretry_for / wrappers


def _autoretry_types_at(index: "RepoIndex", finding: Finding) -> list[str]:
    """The autoretry_for types the handler at the finding must let through (empty: it is celery's Retry)."""
    for fn, handler, _task, caught in autoretry_swallows(index):
        if fn.file == finding.file and handler.lineno == finding.line:
            return caught
    for fn, handler, task in wrapper_swallows(index):
        if (fn.file == finding.file and handler.lineno == finding.line
                and not w1.retry_sites(index, task, task.fn.node.body)):
            return [raw for _, raw in _autoretry(index, task)]
    return []


def _autoretry_regression_test(rule: Rule, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
    """For an autoretry_for error swallowed in the task or a helper: inject that error at the first call the
    ``try`` guards (the network boundary, as the code reaches it) and require that the task retries (or lets
    the error through to Celery's autoretry)."""
    for fn, handler, task, caught in autoretry_swallows(index):
        if fn.file != finding.file or handler.lineno != finding.line:
            continue
        module = index.module_of(fn)
        try_node = next((t for t in _tries(fn.node) if handler in t.handlers), None)
        found = w1.first_patchable_call(index, module, try_node.body, fn.class_name) if try_node else None
        if found is None:
            return None
        dotted = caught[0]
        mod, _, name = dotted.rpartition(".")
        imports = f"from {mod} import {name} as _EXC\n" if mod else f"_EXC = {name}\n"
        body = w1.RAISE_EXC
        return TaskReplay(
            task.fn.symbol, task, "inject", rule=rule.name,
            doc=(f"The task lists {name} in autoretry_for: when the guarded call fails with it, Celery must see "
                 "the error and retry, not a handler that logs it and returns."),
            target=found[1], injected=f"`{found[1]}` failing with {name}", inject_body=body, extra_imports=imports,
            check=("    assert isinstance(outcome, (Retry, _EXC)), (\n"
                   "        f\"the error listed in autoretry_for was swallowed: the task returned {outcome!r}\")"))
    return None


def _guarded_call(index: "RepoIndex", task: w1.TaskInfo) -> str | None:
    """Where a run of ``task`` should fail so that the task asks for a retry: the first patchable call guarded by
    a ``try`` whose handlers retry (the network boundary), else the call a retry site is reached through, else
    the first patchable call of the body outside a ``try`` that would catch the injected error itself."""
    module = index.module_of(task.fn)
    for try_node in _tries(task.fn.node):
        if any(w1.retry_sites(index, task, h.body) for h in try_node.handlers):
            found = w1.first_patchable_call(index, module, try_node.body, task.fn.class_name)
            if found is not None:
                return found[1]
    for site in w1.retry_sites(index, task, task.fn.node.body):
        if site.via is not None:
            target = w1.patch_target(index, module, site.via, task.fn.class_name)
            if target:
                return target
    guarded = {id(n) for t in _tries(task.fn.node)
               if any(w1.catches_retry(index, module, h) for h in t.handlers) for n in walk_tree(t)}
    stmts = [st for st in task.fn.node.body if id(st) not in guarded]
    found = w1.first_patchable_call(index, module, stmts, task.fn.class_name)
    return found[1] if found else None


def _wrapper_regression_test(rule: Rule, index: "RepoIndex", finding: Finding) -> FirstOf | None:
    """For a project decorator whose wrapper swallows what a task it wraps needs to retry: replay (or generate)
    a run of such a task with its guarded call failing the way that makes the task retry (celery's Retry, or
    an autoretry_for error) and require that the outcome of the wrapped task is that retry, not a return."""
    entries = [task for fn, handler, task in wrapper_swallows(index)
               if fn.file == finding.file and handler.lineno == finding.line]
    # a task the project's tests run first (``reached_first``), then one with a retry of its own
    entries.sort(key=lambda t: not w1.retry_sites(index, t, t.fn.node.body))
    specs = []
    for task in entries:
        target = _guarded_call(index, task)
        if target is None:
            continue
        deco = index.enclosing_function(finding.file, finding.line)
        where = deco.symbol if deco else finding.file
        if w1.retry_sites(index, task, task.fn.node.body):
            specs.append(TaskReplay(
                task.fn.symbol, task, "inject", rule=rule.name,
                doc=(f"The task {task.fn.symbol} asks Celery to retry (a Retry raised in its body); the wrapper "
                     f"of the decorator {where} around it must let that Retry reach Celery."),
                target=target, injected=f"`{target}` in the wrapped task raising a celery Retry",
                inject_body='    raise Retry("rootfix: a retry was scheduled")',
                check=("    assert isinstance(outcome, Retry), (\n"
                       f"        f\"the Retry raised inside the task was swallowed by the decorator {where}: \"\n"
                       "        f\"the task returned {outcome!r}\")")))
        else:
            autoretry = _autoretry(index, task)
            if not autoretry:
                continue
            dotted = autoretry[0][0]
            mod, _, name = dotted.rpartition(".")
            imports = f"from {mod} import {name} as _EXC\n" if mod else f"_EXC = {name}\n"
            body = w1.RAISE_EXC
            specs.append(TaskReplay(
                task.fn.symbol, task, "inject", rule=rule.name,
                doc=(f"The task {task.fn.symbol} lists {name} in autoretry_for; the wrapper of the decorator "
                     f"{where} around it must let that error reach Celery so that it retries."),
                target=target, injected=f"`{target}` in the wrapped task failing with {name}", inject_body=body,
                extra_imports=imports,
                check=("    assert isinstance(outcome, (Retry, _EXC)), (\n"
                       f"        f\"the error listed in autoretry_for was swallowed by the decorator {where}: \"\n"
                       "        f\"the task returned {outcome!r}\")")))
    return FirstOf(tuple(specs), reached_first=True) if specs else None
