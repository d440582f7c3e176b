"""WRK101: a Celery ``Retry`` swallowed by a broad ``except`` in the task."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.fix import codemod
from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.worker import _w1common as w1
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

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
    errors are handled as before. The regression test injects that error at the first call the ``try``
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
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        for task in w1.worker_tasks(index).values():
            if task.framework != "celery" or not ctx.in_scope(task.fn):
                continue
            module = index.module_of(task.fn)
            for node in ast.walk(task.fn.node):
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
    def regression_test(self, index: "RepoIndex", finding: Finding) -> tuple[str, str] | None:
        autoretry = _autoretry_regression_test(self, index, finding)
        if autoretry is not None:
            return autoretry
        wrapped = _wrapper_regression_test(self, index, finding)
        if wrapped is not None:
            return wrapped
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
        return w1.replay_test(
            index, task, code=self.code, rule=self.name,
            doc=("A Retry raised inside the task's guarded block (the task asked Celery to retry) must reach "
                 "Celery instead of being caught by the broad `except`."),
            target=target, injected="a celery Retry raised by the guarded call",
            inject_body='    raise Retry("rootfix: a retry was scheduled")',
            check=("    assert isinstance(outcome, Retry), (\n"
                   "        f\"the Retry raised inside the task was swallowed: the task returned {outcome!r}\")"),
        )


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
    for node in ast.walk(fn):
        if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            if any(h.lineno == line for h in node.handlers):
                return node
    return None


# --------------------------------------------------------------------------- autoretry_for / wrappers
_TOO_BROAD = frozenset({"Exception", "BaseException"})


def _autoretry(index: "RepoIndex", task: w1.TaskInfo) -> list[tuple[str, str]]:
    """(canonical, as imported) dotted names of the task's ``autoretry_for`` types, minus catch-alls."""
    from rootfix.project import exceptions as X

    expr = task.option("autoretry_for")
    if expr is None:
        return []
    module = index.module_of(task.fn)
    elts = expr.elts if isinstance(expr, (ast.Tuple, ast.List, ast.Set)) else [expr]
    out = []
    for e in elts:
        raw = index.resolve(module, e) or ""
        if raw and X.canonical(raw) not in _TOO_BROAD:
            out.append((X.canonical(raw), raw))
    return out


def _tries(fn_node: ast.AST) -> list[ast.Try]:
    return [n for n in w1._walk_no_defs(fn_node.body) if isinstance(n, (ast.Try, getattr(ast, "TryStar", ast.Try)))]


def autoretry_swallows(index: "RepoIndex") -> list[tuple["FunctionInfo", ast.ExceptHandler, w1.TaskInfo, list[str]]]:
    """Handlers in a task (or a helper it calls) that catch an ``autoretry_for`` type — exactly, through a
    base class, a project exception above it, or a bare ``except`` — and do not re-raise: Celery's
    autoretry never sees the error. Returns ``(function, handler, task, [raw dotted types caught])``."""
    from rootfix.project import exceptions as X

    cache = index.__dict__.setdefault("_rootfix_w1_autoretry", {})
    if "list" in cache:
        return cache["list"]
    out = []
    for task in w1.worker_tasks(index).values():
        if task.framework != "celery":
            continue
        excs = _autoretry(index, task)
        retry_on = [e for e in _retried_in_handlers(index, task) if e not in excs]
        if not excs and not retry_on:
            continue
        for fn, _depth in index.reachable(task.fn, 2):
            if fn.qualname == task.fn.qualname:
                wanted = excs
            else:  # a helper must also let through what the task's own `except X: raise self.retry()` needs
                wanted = excs + retry_on
            if not wanted:
                continue
            module = index.module_of(fn)
            for try_node in _tries(fn.node):
                if not any(isinstance(n, ast.Call) for s in try_node.body for n in ast.walk(s)):
                    continue
                for handler in try_node.handlers:
                    caught = [raw for canon, raw in wanted if X.handler_catches(index, module, handler, canon)
                              and _may_raise(index, fn, try_node.body, canon)]
                    if not caught:
                        if any(X.handler_catches(index, module, handler, canon) for canon, _raw in wanted):
                            break  # the first handler that catches it, around code that cannot raise it
                        continue
                    # only the first handler that catches counts; raising anything (the same error, or a
                    # translation such as `raise BankTimeout(...) from exc`) lets the task fail or retry
                    if not w1.raises_anything(handler) and not w1.reraises(handler):
                        out.append((fn, handler, task, caught))
                    break
    cache["list"] = out
    return out


#: Libraries whose errors only their own calls raise: root of the exception's module -> the call prefixes.
_RAISED_BY = {"requests": ("requests.",), "httpx": ("httpx.",), "botocore": ("botocore.", "boto3."),
              "boto3": ("boto3.", "botocore."), "redis": ("redis.", "django_redis."),
              "urllib3": ("urllib3.", "requests.")}


def _may_raise(index: "RepoIndex", fn: "FunctionInfo", stmts: list[ast.stmt], exc: str) -> bool:
    """``stmts`` can raise ``exc``. For a network library's own error (``requests.RequestException``...) that
    needs a call into the library: directly, through a project function (three calls deep), on a client
    object made by the library (``session = requests.Session()``), or on an injected client (a parameter or
    an attribute of ``self``). Any other error (a project or built-in class): any call can raise it."""
    prefixes = _RAISED_BY.get(exc.split(".", 1)[0])
    if prefixes is None:
        return any(isinstance(n, ast.Call) for s in stmts for n in ast.walk(s))
    module = index.module_of(fn)
    params = {a.arg for a in [*fn.node.args.posonlyargs, *fn.node.args.args, *fn.node.args.kwonlyargs]}
    clients = {t.id for n in w1._walk_no_defs(fn.node.body) if isinstance(n, ast.Assign)
               and isinstance(n.value, ast.Call) and (index.resolve(module, n.value.func) or "").startswith(prefixes)
               for t in n.targets if isinstance(t, ast.Name)}

    def library_call(mod, call: ast.Call) -> bool:
        return (index.resolve(mod, call.func) or "").startswith(prefixes)

    for node in w1._walk_no_defs(stmts):
        if not isinstance(node, ast.Call):
            continue
        if library_call(module, node):
            return True
        callee = index.resolve_call(module, node, fn.class_name)
        if callee is not None:
            if any(library_call(index.module_of(f), n) for f, _d in index.reachable(callee, 3)
                   for n in w1._walk_no_defs(f.node.body) if isinstance(n, ast.Call)):
                return True
            continue
        if isinstance(node.func, ast.Attribute):
            root = node.func.value
            while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if isinstance(root, ast.Name) and root.id != "self" and root.id in clients | params:
                return True
            if isinstance(root, ast.Name) and root.id == "self" and isinstance(node.func.value, ast.Attribute) \
                    and index.resolve_call(module, node, fn.class_name) is None:
                return True  # self.client.post(...): an injected client
    return False


def _retried_in_handlers(index: "RepoIndex", task: w1.TaskInfo) -> list[tuple[str, str]]:
    """(canonical, raw) types of the task's own handlers that retry (``except X: raise self.retry(...)``)."""
    from rootfix.project import exceptions as X

    module = index.module_of(task.fn)
    names = {task.self_name} if task.self_name else set()
    out = []
    for try_node in _tries(task.fn.node):
        for handler in try_node.handlers:
            if handler.type is None or not any(
                    isinstance(n, ast.Call) and w1.is_retry_call(index, module, n, names)
                    for n in w1._walk_no_defs(handler.body)):
                continue
            elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            for e in elts:
                raw = index.resolve(module, e) or ""
                if raw and X.canonical(raw) not in _TOO_BROAD:
                    out.append((X.canonical(raw), raw))
    return out


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


def wrapper_swallows(index: "RepoIndex") -> list[tuple["FunctionInfo", ast.ExceptHandler, w1.TaskInfo]]:
    """Project decorators applied to a retrying task (``self.retry`` or ``autoretry_for``) whose wrapper calls
    the wrapped function inside a ``try`` with a broad handler that does not re-raise: the Retry (or the
    error autoretry needs) never reaches Celery."""
    from rootfix.project import exceptions as X

    out = []
    for task in w1.worker_tasks(index).values():
        if task.framework != "celery" or task.decorator is None:
            continue
        autoretry = _autoretry(index, task)
        retry_sites = bool(w1.retry_sites(index, task, task.fn.node.body))
        if not (autoretry or retry_sites):
            continue
        module = index.module_of(task.fn)
        for deco in task.fn.node.decorator_list:
            if deco is task.decorator:
                continue
            target = deco.func if isinstance(deco, ast.Call) else deco
            deco_fn = index.lookup_function(index.resolve(module, target) or "")
            if deco_fn is None:
                continue
            deco_module = index.module_of(deco_fn)
            params = {a.arg for a in deco_fn.node.args.args}
            for nested in ast.walk(deco_fn.node):
                if not isinstance(nested, (ast.FunctionDef, ast.AsyncFunctionDef)) or nested is deco_fn.node:
                    continue
                # the wrapped function: a parameter of the decorator (or of a decorator factory's inner)
                wrapped = params | {a.arg for n in ast.walk(deco_fn.node) if isinstance(n, ast.FunctionDef)
                                    and n is not nested for a in n.args.args}
                for try_node in _tries(nested):
                    calls_wrapped = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                                        and n.func.id in wrapped for s in try_node.body for n in ast.walk(s))
                    if not calls_wrapped:
                        continue
                    if retry_sites:
                        handler = next((h for h in try_node.handlers if w1.catches_retry(index, deco_module, h)),
                                       None)
                        if handler is not None and w1.is_broad(index, deco_module, handler) \
                                and not w1.reraises(handler):
                            out.append((deco_fn, handler, task))
                        continue
                    for canon, _raw in autoretry:  # autoretry only: the error itself must get through
                        handler = next((h for h in try_node.handlers
                                        if X.handler_catches(index, deco_module, h, canon)), None)
                        if handler is not None and not w1.raises_anything(handler):
                            out.append((deco_fn, handler, task))
                            break
    return out


def _autoretry_regression_test(rule: Rule, index: "RepoIndex", finding: Finding) -> tuple[str, str] | None:
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
        body = ("    try:\n"
                "        exc = _EXC(\"rootfix: injected transient error\")\n"
                "    except TypeError:  # exception types with required arguments\n"
                "        exc = _EXC.__new__(_EXC)\n"
                "    raise exc")
        return w1.replay_test(
            index, task, code=rule.code, rule=rule.name,
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
               if any(w1.catches_retry(index, module, h) for h in t.handlers) for n in ast.walk(t)}
    stmts = [st for st in task.fn.node.body if id(st) not in guarded]
    found = w1.first_patchable_call(index, module, stmts, task.fn.class_name)
    return found[1] if found else None


def _wrapper_regression_test(rule: Rule, index: "RepoIndex", finding: Finding) -> tuple[str, str] | None:
    """For a project decorator whose wrapper swallows what a task it wraps needs to retry: replay (or generate)
    a run of such a task with its guarded call failing the way that makes the task retry (celery's Retry, or
    an autoretry_for error) and require that the outcome of the wrapped task is that retry, not a return."""
    entries = [task for fn, handler, task in wrapper_swallows(index)
               if fn.file == finding.file and handler.lineno == finding.line]
    # a task the project's tests run first, then one with a retry of its own
    entries.sort(key=lambda t: (not w1.scenarios_for(index, t), not w1.retry_sites(index, t, t.fn.node.body)))
    for task in entries:
        target = _guarded_call(index, task)
        if target is None:
            continue
        deco = index.enclosing_function(finding.file, finding.line)
        where = deco.symbol if deco else finding.file
        if w1.retry_sites(index, task, task.fn.node.body):
            result = w1.replay_test(
                index, task, code=rule.code, rule=rule.name,
                doc=(f"The task {task.fn.symbol} asks Celery to retry (a Retry raised in its body); the wrapper "
                     f"of the decorator {where} around it must let that Retry reach Celery."),
                target=target, injected=f"`{target}` in the wrapped task raising a celery Retry",
                inject_body='    raise Retry("rootfix: a retry was scheduled")',
                check=("    assert isinstance(outcome, Retry), (\n"
                       f"        f\"the Retry raised inside the task was swallowed by the decorator {where}: \"\n"
                       "        f\"the task returned {outcome!r}\")"))
        else:
            autoretry = _autoretry(index, task)
            if not autoretry:
                continue
            dotted = autoretry[0][0]
            mod, _, name = dotted.rpartition(".")
            imports = f"from {mod} import {name} as _EXC\n" if mod else f"_EXC = {name}\n"
            body = ("    try:\n"
                    "        exc = _EXC(\"rootfix: injected transient error\")\n"
                    "    except TypeError:  # exception types with required arguments\n"
                    "        exc = _EXC.__new__(_EXC)\n"
                    "    raise exc")
            result = w1.replay_test(
                index, task, code=rule.code, rule=rule.name,
                doc=(f"The task {task.fn.symbol} lists {name} in autoretry_for; the wrapper of the decorator "
                     f"{where} around it must let that error reach Celery so that it retries."),
                target=target, injected=f"`{target}` in the wrapped task failing with {name}", inject_body=body,
                extra_imports=imports,
                check=("    assert isinstance(outcome, (Retry, _EXC)), (\n"
                       f"        f\"the error listed in autoretry_for was swallowed by the decorator {where}: \"\n"
                       "        f\"the task returned {outcome!r}\")"))
        if result is not None:
            return result
    return None
