"""WRK104: a task catches a network client's transient error and only logs / returns."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix import codemod
from rootfix.project.model import is_test_file
from rootfix.rules.base import CheckContext, Example, Rule, TaskReplay
from rootfix.rules.worker import _w1common as w1
from rootfix.rules.worker._lib.retry import bind_task, transient_replay
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

#: Exceptions of network clients that mean "try again later" (exact names, or whole modules with a trailing dot).
TRANSIENT = frozenset({
    "requests.RequestException", "requests.exceptions.RequestException", "requests.ConnectionError",
    "requests.exceptions.ConnectionError", "requests.Timeout", "requests.exceptions.Timeout",
    "requests.ConnectTimeout", "requests.exceptions.ConnectTimeout", "requests.ReadTimeout",
    "requests.exceptions.ReadTimeout",
    "httpx.TransportError", "httpx.HTTPError", "httpx.TimeoutException", "httpx.ConnectError", "httpx.NetworkError",
    "httpx.RequestError", "httpx.ConnectTimeout", "httpx.ReadTimeout",
    "smtplib.SMTPException", "smtplib.SMTPServerDisconnected", "smtplib.SMTPConnectError",
    "socket.timeout", "socket.error", "TimeoutError", "ConnectionError", "ConnectionResetError",
    "ConnectionRefusedError", "urllib.error.URLError", "urllib3.exceptions.HTTPError",
    "urllib3.exceptions.MaxRetryError", "redis.exceptions.ConnectionError", "redis.exceptions.TimeoutError",
    "redis.ConnectionError", "kombu.exceptions.OperationalError",
})
TRANSIENT_MODULES = ("aiohttp.client_exceptions.",)

_FILES = (
    ("geo/__init__.py", ""),
    ("geo/models.py", '''from django.db import models


class Address(models.Model):
    line1 = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    lat = models.FloatField(null=True)
    lng = models.FloatField(null=True)
'''),
)

_BUGGY = '''import logging

import requests
from celery import shared_task

from geo.models import Address

logger = logging.getLogger(__name__)


@shared_task
def geocode_address(address_id):
    address = Address.objects.get(pk=address_id)
    try:
        resp = requests.get("https://geo.example.com/v1/search", params={"q": f"{address.line1}, {address.city}"},
                            timeout=10)
        resp.raise_for_status()
    except requests.ConnectionError:
        logger.warning("geocoder unreachable for address %s", address.pk)
        return None
    address.lat, address.lng = resp.json()["lat"], resp.json()["lng"]
    address.save(update_fields=["lat", "lng"])
'''

_FIXED = '''import logging

import requests
from celery import shared_task

from geo.models import Address

logger = logging.getLogger(__name__)


@shared_task(bind=True)
def geocode_address(self, address_id):
    address = Address.objects.get(pk=address_id)
    try:
        resp = requests.get("https://geo.example.com/v1/search", params={"q": f"{address.line1}, {address.city}"},
                            timeout=10)
        resp.raise_for_status()
    except requests.ConnectionError as exc:
        logger.warning("geocoder unreachable for address %s", address.pk)
        raise self.retry(exc=exc)
    address.lat, address.lng = resp.json()["lat"], resp.json()["lng"]
    address.save(update_fields=["lat", "lng"])
'''


_PARTNER_CLIENT = (
    "import logging\n"
    "from urllib.error import URLError\n"
    "from urllib.request import urlopen\n\n"
    "logger = logging.getLogger(__name__)\n\n\n"
    "class PartnerUnavailable(Exception):\n"
    "    pass\n\n\n"
    "class PartnerClient:\n"
    "    def __init__(self, url):\n"
    "        self.url = url\n\n"
    "    @classmethod\n"
    "    def for_partner(cls, partner):\n"
    "        return cls(partner.url)\n\n"
    "    def _call(self):\n"
    "        try:\n"
    "            return urlopen(self.url, timeout=10).read()\n"
    "        except URLError as exc:\n"
    "            raise PartnerUnavailable(self.url) from exc\n\n"
    "    def quote(self):\n"
    "        try:\n"
    "            return self._call()\n"
    "        except PartnerUnavailable as exc:\n"
    "            logger.warning('partner down: %s', exc)\n"
    "            {tail}\n"
)


def _quote_actor(client: str) -> tuple[tuple[str, str], ...]:
    """The files of a Dramatiq actor that asks ``client`` (an expression) for a quote."""
    return (("partners/__init__.py", ""), ("quotes/__init__.py", ""), ("quotes/actors.py", (
        "import dramatiq\n\n"
        "from partners.client import PartnerClient\n\n\n"
        "@dramatiq.actor(max_retries=5)\n"
        "def fetch_quote(partner):\n"
        f"    return {client}.quote()\n")))


class TransientErrorNotRetried(Rule):
    """A task catches a network client's transient error and only logs or returns: it never retries.

    ## What it does
    Finds ``except`` handlers in Celery tasks (not inside a loop) that catch the "try again later" errors
    of network clients - ``requests.RequestException`` / ``ConnectionError`` / ``Timeout``,
    ``httpx.TransportError`` / ``HTTPError``, ``smtplib.SMTPException``, ``socket.timeout``,
    ``urllib.error.URLError``, botocore's connection errors, redis connection errors, built-in
    ``ConnectionError`` / ``TimeoutError``, and project exceptions derived from any of them - and neither
    raise, retry nor re-enqueue (nor call a method that does). The remote's own answer (``HTTPError`` from
    ``raise_for_status()``, botocore's ``ClientError``, and project errors derived from them) is not a
    transient error; a handler that records the failure on a row (``job.status = FAILED`` saved, a
    ``mark_failed()``) hands it to whoever retries by hand, and a helper the task calls once per item of a
    loop skips one item, as a ``try`` inside the task's own loop does. In a helper the task calls (another
    module, a service class), also ``except Exception`` / ``except OSError`` around a call at the network
    boundary (``requests.*``, ``httpx.*``, ``urlopen``, ``smtplib``, ``boto3``...); a helper that hands the
    error back (``return exc``) or lets the retryable errors through first is left alone. Findings in
    helpers of Celery tasks have no automatic fix: the error must reach the task, which decides how to retry.
    Dramatiq actors (unless ``max_retries=0``) and Huey tasks declared with ``retries=`` are retried by their
    framework whatever they raise, so there the handler (in the task or a helper it reaches, also through an
    object it builds) only has to let the error through. A project exception counts as transient when the
    project raises it for one (``except URLError as exc: raise PartnerUnavailable(...) from exc``).

    ## Why is this bad?
    The work is silently dropped on a blip: the worker reports SUCCESS, nothing retries it later, and
    the only trace is a warning in the log. Celery's retry machinery (``raise self.retry(exc=exc)``)
    exists for exactly these errors.

    ## Example
    ```python
    @shared_task
    def geocode_address(address_id):
        try:
            resp = requests.get(GEOCODER, params=..., timeout=10)
        except requests.ConnectionError:
            logger.warning("geocoder unreachable")
            return None
    ```

    ## Use instead
    ```python
    @shared_task(bind=True)
    def geocode_address(self, address_id):
        try:
            resp = requests.get(GEOCODER, params=..., timeout=10)
        except requests.ConnectionError as exc:
            logger.warning("geocoder unreachable")
            raise self.retry(exc=exc)
    ```

    ## Fix safety
    Unsafe: the task now retries (``max_retries`` of the task, 3 by default) and finally fails instead of
    succeeding with nothing done; a trailing ``return`` / ``pass`` of the handler is replaced by
    ``raise self.retry(exc=exc)`` (after the handler's log line; a log line is added through the module's
    logger when there was none), ``bind=True`` and ``self`` are added when the task was not bound.
    Make sure the work is idempotent before retrying it. For a Dramatiq actor or a Huey task with retries, a
    handler ending in a bare ``return`` / ``return None`` / ``pass`` ends in ``raise`` instead (after its log
    line); one that returns a value its callers read gets no fix.
    """

    code = "WRK104"
    name = "transient-error-not-retried"
    bug_class = "W1"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(_FIXED, path="geo/tasks.py", files=_FILES),
        Example(  # never retried on purpose (max_retries=0): the failure goes to manual review
            path="quotes/actors.py",
            code=(
                "import logging\n\n"
                "import dramatiq\n"
                "import requests\n\n"
                "logger = logging.getLogger(__name__)\n\n\n"
                "@dramatiq.actor(max_retries=0)\n"
                "def bind_policy(url):\n"
                "    try:\n"
                "        requests.post(url, timeout=10)\n"
                "    except requests.ConnectionError:\n"
                "        logger.warning('bind failed, left for review')\n"
                "        return None\n"
            ),
        ),
        # one bad item in a batch is skipped, the batch goes on: not a retry case
        Example('''import logging

import requests
from celery import shared_task

from geo.models import Address

logger = logging.getLogger(__name__)


@shared_task
def geocode_missing():
    for address in Address.objects.filter(lat__isnull=True)[:500]:
        try:
            requests.get("https://geo.example.com/v1/search", params={"q": address.city}, timeout=10)
        except requests.Timeout:
            logger.warning("geocoder timed out for %s", address.pk)
            continue
''', path="geo/tasks.py", files=_FILES),
        # autoretry_for: the error is re-raised after logging
        Example('''import logging

import requests
from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(requests.RequestException,), retry_backoff=True, max_retries=5)
def ping_partner(url):
    try:
        requests.post(url, timeout=5).raise_for_status()
    except requests.RequestException:
        logger.warning("partner %s unreachable", url)
        raise
''', path="geo/tasks.py", files=_FILES),
        # a non-network error is handled: not this rule's business
        Example('''from celery import shared_task

from geo.models import Address


@shared_task
def drop_address(address_id):
    try:
        Address.objects.get(pk=address_id).delete()
    except Address.DoesNotExist:
        return None
''', path="geo/tasks.py", files=_FILES),
    )
    INVALID = (
        Example(  # a Dramatiq actor's client swallows the project's own "try again later" error
            path="partners/client.py",
            files=_quote_actor('PartnerClient.for_partner(partner)'),
            code=_PARTNER_CLIENT.format(tail="return None"),
            fixed=_PARTNER_CLIENT.format(tail="raise"),
        ),
        Example(  # it returns a "pending" value instead, which nothing but the retrying actor reads
            path="partners/client.py",
            files=_quote_actor('PartnerClient(partner.url)'),
            code=_PARTNER_CLIENT.format(tail="return {'status': 'pending'}"),
            fixed=_PARTNER_CLIENT.format(tail="raise"),
        ),
        Example(_BUGGY, path="geo/tasks.py", files=_FILES, fixed=_FIXED),
        Example('''import logging
import smtplib

from celery import shared_task
from django.core.mail import send_mail

log = logging.getLogger("geo.mail")


@shared_task(bind=True, max_retries=3)
def send_welcome(self, email):
    try:
        send_mail("Welcome", "Hello!", "noreply@example.com", [email])
    except smtplib.SMTPException as err:
        log.error("welcome mail to %s failed: %s", email, err)
''', path="geo/tasks.py", files=_FILES, fixed='''import logging
import smtplib

from celery import shared_task
from django.core.mail import send_mail

log = logging.getLogger("geo.mail")


@shared_task(bind=True, max_retries=3)
def send_welcome(self, email):
    try:
        send_mail("Welcome", "Hello!", "noreply@example.com", [email])
    except smtplib.SMTPException as err:
        log.error("welcome mail to %s failed: %s", email, err)
        raise self.retry(exc=err)
'''),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        for task in w1.worker_tasks(index).values():
            if not retries_on_raise(task) or not ctx.in_scope(task.fn):
                continue
            module = index.module_of(task.fn)
            for try_node in _tries_outside_loops(task.fn.node):
                for handler in try_node.handlers:
                    types = w1.handler_types(index, module, handler) or []
                    transient = [t for t in types if _transient(index, t)]
                    if (not transient or w1.raises_anything(handler) or _requeues(handler)
                            or _delegates(index, module, task.fn, handler)
                            or (_records_failure(task.fn.node, try_node, handler) and not _retry_budget(task))):
                        continue
                    yield self.finding(
                        task.fn, handler,
                        f"task {task.fn.symbol} catches {transient[0]} (a transient network error) and only "
                        f"logs/returns: the work is dropped instead of retried")
        # the same in a helper the task calls (another module, a service class): no fix here — the helper
        # must let the error reach the task, and the task must retry on it (its callers decide)
        from rootfix.rules.worker._lib.autoretry import autoretry_swallows

        tasks = w1.worker_tasks(index)
        # a handler that swallows an autoretry_for error is WRK101's (with its fix): not reported twice
        seen: set[tuple[str, int]] = {(f.file, h.lineno) for f, h, _t, _c in autoretry_swallows(index)}
        called = w1.worker_functions(index)
        for fn, task in w1.worker_code(index).values():
            if fn.qualname in tasks or not retries_on_raise(task) or not (ctx.in_scope(fn) or ctx.in_scope(task.fn)):
                continue
            if fn.qualname in called:
                task = called[fn.qualname][1]
            elif task.framework == "celery":
                continue  # (the methods of objects a Celery task builds: reported without a fix, not yet)
            module = index.module_of(fn)
            for try_node in _tries_outside_loops(fn.node):
                for i, handler in enumerate(try_node.handlers):
                    if any(w1.reraises(h) for h in try_node.handlers[:i]):
                        break  # the errors to retry on are let through explicitly: the rest is a decision
                    types = w1.handler_types(index, module, handler)
                    transient = [t for t in types or [] if _transient(index, t)]
                    if not transient and any(t in _CATCH_NETWORK for t in types or ["bare except"]):
                        call = _network_call(index, module, try_node.body)
                        if call:
                            transient = [f"the error of {call}"]
                    if (not transient or w1.raises_anything(handler) or _requeues(handler)
                            or (fn.file, handler.lineno) in seen or _returns_error(handler)
                            or _delegates(index, module, fn, handler)
                            or _records_failure(fn.node, try_node, handler)
                            or _called_per_item(index, fn, task)
                            or _caller_raises_on_result(index, fn, task, handler)):
                        continue
                    seen.add((fn.file, handler.lineno))
                    f = self.finding(
                        fn, handler,
                        f"{fn.symbol}, called by task {task.fn.symbol}, catches {transient[0]} (a transient network "
                        "error) and only logs/returns: the task finishes as a success and never retries; let the "
                        "error reach the task (raise) and retry there",
                        related=((task.fn.file, task.fn.line, f"task {task.fn.symbol} calls {fn.symbol}"),))
                    # Dramatiq and Huey retry a task whatever it raises: letting the error through is the fix.
                    # A Celery task retries only when it asks to: the helper's error must reach it first.
                    reraisable = _reraisable(handler) or _read_only_by_retrying_tasks(index, fn, tasks)
                    yield f if task.framework != "celery" and reraisable else replace(
                        f, fixable=False, fix_safety=None)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        ran_by = w1.worker_code(index).get(fn.qualname) if fn else None
        if ran_by is not None and ran_by[1].framework != "celery":
            return _let_through(index.module_of(fn).source, finding)
        if task is None:
            return None
        source = index.module_of(task.fn).source
        logger = codemod.module_logger(source)
        self_name = task.self_name or "self"
        module = cst.parse_module(source)
        module, handler = codemod.find_at(module, finding.line, cst.ExceptHandler)
        if handler is None:
            return None
        exc_name = handler.name.name.value if handler.name and isinstance(handler.name.name, cst.Name) else "exc"
        symbol = task.fn.node.name
        limit = task.option("max_retries")
        unbounded = isinstance(limit, ast.Constant) and limit.value is None

        def change(node: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(node, cst.ExceptHandler)
            body = list(node.body.body)
            original_tail: list[cst.BaseStatement] = []
            while body and isinstance(body[-1], cst.SimpleStatementLine) and all(
                    isinstance(s, (cst.Return, cst.Pass)) for s in body[-1].body):
                original_tail.insert(0, body.pop())
            logs = any(isinstance(s, cst.SimpleStatementLine) and any(
                isinstance(x, cst.Expr) and w1_is_log(x) for x in s.body) for s in body)
            log_line = [cst.parse_statement(f'{logger}.warning("{symbol}: %s, retrying", {exc_name})\n')] \
                if not logs and logger else []
            # A handler that records the failure for good (``job.mark_failed()``, ``status = FAILED``) must
            # retry *before* that, or the retried run finds the work already given up on; the giving-up
            # statements stay, for when the retries are used up.
            give_up = next((i for i, s in enumerate(body) if _gives_up(s)), None)
            if give_up is None:
                body.extend(log_line)
                body.append(cst.parse_statement(f"raise {self_name}.retry(exc={exc_name})\n"))
            elif unbounded:
                body[give_up:] = [*log_line, cst.parse_statement(f"raise {self_name}.retry(exc={exc_name})\n")]
            else:
                body[give_up:give_up] = log_line
                body.insert(give_up + len(log_line), cst.parse_statement(
                    f"if {self_name}.request.retries < {self_name}.max_retries:\n"
                    f"    raise {self_name}.retry(exc={exc_name})\n"))
                if original_tail:
                    body.extend(original_tail)
            new = node.with_changes(body=node.body.with_changes(body=body))
            if node.name is None:
                new = new.with_changes(name=cst.AsName(name=cst.Name(exc_name)))
            return new

        module = codemod.replace_node(module, handler, change)
        if not task.bound:
            module = bind_task(module, task, self_name)
        new = module.code
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> TaskReplay | None:
        fn = index.enclosing_function(finding.file, finding.line)
        ran_by = w1.worker_code(index).get(fn.qualname) if fn else None
        if ran_by is not None and ran_by[1].framework == "dramatiq":
            return _dramatiq_replay(index, fn, ran_by[1], finding, self.name)
        task = w1.worker_tasks(index).get(fn.qualname) if fn else None
        if task is None:
            return None
        for node in walk_tree(task.fn.node):
            if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
                for h in node.handlers:
                    if h.lineno == finding.line:
                        return transient_replay(
                            index, task, (node, h), rule=self.name,
                            doc="When the network call fails with a transient error, the task must ask Celery "
                                "to retry instead of finishing as a success with the work dropped.")
        return None


#: Words in a call or attribute name that record a failure as final (``mark_failed``, ``status``, ``give_up``).
_GIVE_UP_WORDS = frozenset({"fail", "failed", "failure", "fails", "dead", "abandon", "abandoned", "cancel",
                            "cancelled", "canceled", "reject", "rejected", "status", "state", "giveup", "give"})


def _transient(index: "RepoIndex", dotted: str) -> bool:
    from rootfix.project import exceptions as X

    if X.is_status_answer(index, dotted):
        return False  # the remote answered (4xx/5xx, an AWS error code): asking again gets the same answer
    return dotted in TRANSIENT or dotted.startswith(TRANSIENT_MODULES) or (
        X.canonical(dotted) not in ("OSError", "Exception", "BaseException") and X.is_transient(index, dotted))


#: Handlers that catch every network client's errors.
_CATCH_NETWORK = frozenset({"OSError", "builtins.OSError", "IOError", "Exception", "builtins.Exception",
                            "BaseException", "bare except"})
_NETWORK_MODULES = ("requests.", "httpx.", "urllib.request.", "urllib3.", "smtplib.", "boto3.", "botocore.",
                    "redis.", "socket.", "http.client.", "aiohttp.")


def _network_call(index: "RepoIndex", module, stmts: list[ast.stmt]) -> str | None:
    """The first call at the network boundary in ``stmts`` (``requests.post``, ``smtplib.SMTP(...)``,
    ``urlopen``, a ``boto3`` client), as written; None when there is none."""
    for stmt in stmts:
        for node in walk_tree(stmt):
            if isinstance(node, ast.Call):
                dotted = index.resolve(module, node.func) or ""
                if dotted.startswith(_NETWORK_MODULES):
                    return ast.unparse(node.func)
    return None


def _delegates(index: "RepoIndex", module, fn, handler: ast.ExceptHandler) -> bool:
    """The handler calls a project function or method that retries or raises (``self.retry_later(exc)``)."""
    for node in w1._walk_no_defs(handler.body):
        if isinstance(node, ast.Call):
            callee = index.resolve_call(module, node, fn.class_name)
            if callee is None and isinstance(node.func, ast.Attribute):
                # a method of the task's base= class, reached through the bound task (`self.x()`)
                callee = next((f for f, _t in w1.worker_functions(index).values()
                               if f.class_name and f.node.name == node.func.attr and w1.is_task_method(index, f)),
                              None)
            if callee is not None and any(
                    isinstance(n, ast.Raise) or (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                                                 and n.func.attr == "retry")
                    for n in w1._walk_no_defs(callee.node.body)):
                return True
    return False


def _returns_error(handler: ast.ExceptHandler) -> bool:
    """The handler hands the error to the caller as a value (``return exc`` / ``return None, exc``): the
    caller decides, so the helper does not swallow it."""
    for node in w1._walk_no_defs(handler.body):
        if isinstance(node, ast.Return) and node.value is not None and handler.name and any(
                isinstance(n, ast.Name) and n.id == handler.name for n in walk_tree(node.value)):
            return True
    return False


def _gives_up(stmt: cst.BaseStatement) -> bool:
    """The statement records the failure for good: calls ``*fail*``-like methods or sets a status/state."""
    try:
        tree = ast.parse(codemod.code_of(stmt).strip())
    except SyntaxError:
        return False
    for node in walk_tree(tree):
        name = None
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and set(t.attr.lower().split("_")) & {"status", "state"}:
                    return True
            continue
        if isinstance(node, ast.Expr) and codemod.is_log_call(node.value):
            return False
        if name and set(name.lower().split("_")) & _GIVE_UP_WORDS:
            return True
    return False


def w1_is_log(expr: cst.Expr) -> bool:
    try:
        node = ast.parse(codemod.code_of(expr).strip()).body[0]
    except SyntaxError:
        return False
    return isinstance(node, ast.Expr) and codemod.is_log_call(node.value)


def _tries_outside_loops(fn: ast.AST) -> list[ast.Try]:
    out: list[ast.Try] = []

    def visit(node: ast.AST, in_loop: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            loop = in_loop or isinstance(child, (ast.For, ast.AsyncFor, ast.While))
            if isinstance(child, (ast.Try, getattr(ast, "TryStar", ast.Try))) and not in_loop:
                out.append(child)
            visit(child, loop)

    visit(fn, False)
    return out


def _requeues(handler: ast.ExceptHandler) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in ("retry", "apply_async", "delay", "enqueue", "enqueue_in", "enqueue_at")
               for n in w1._walk_no_defs(handler.body))


#: Words of a call name that record a failure for good (``mark_failed()``, ``set_failed()``, ``fail()``).
_FAIL_WORDS = frozenset({"fail", "failed", "failure", "errored"})


def _ends_flow(stmts: list[ast.stmt]) -> bool:
    return bool(stmts) and isinstance(stmts[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break))


def _block_of(fn: ast.AST, node: ast.stmt) -> list[ast.stmt] | None:
    for parent in walk_tree(fn):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and any(s is node for s in block):
                return block
        for h in getattr(parent, "handlers", []) or []:
            if any(s is node for s in h.body):
                return h.body
    return None


def _failure_recorded(stmts: list[ast.stmt], *, failure_only: bool) -> bool:
    """``stmts`` store a failure where people see it: a ``status``/``state`` attribute assigned and the row
    saved (``.save()`` / ``.update(status=...)``), or a ``mark_failed()``-like call. ``failure_only``: the
    stored value must name a failure (the code may also run after a success)."""
    assigned = saved = False
    for node in w1._walk_no_defs(stmts):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any(
                    isinstance(t, ast.Attribute) and set(t.attr.lower().split("_")) & {"status", "state"}
                    for t in targets):
                text = ast.unparse(node.value).lower()
                if not failure_only or "fail" in text or "error" in text:
                    assigned = True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("save", "update", "bulk_update"):
                saved = True
                if node.func.attr == "update" and any(
                        k.arg and set(k.arg.split("_")) & {"status", "state"} for k in node.keywords):
                    assigned = True
            if set(node.func.attr.lower().split("_")) & _FAIL_WORDS:
                return True
    return assigned and saved


def _records_failure(fn: ast.AST, try_node: ast.Try, handler: ast.ExceptHandler) -> bool:
    """The handler (or the code after the ``try`` it falls into) records the failure on a row: the job is
    marked failed for a person or a later run to retry, not dropped with only a log line."""
    if _failure_recorded(handler.body, failure_only=False):
        return True
    if _ends_flow(handler.body):
        return False
    block = _block_of(fn, try_node)
    if block is None:
        return False
    after = block[next(i for i, s in enumerate(block) if s is try_node) + 1:]
    # after a try whose body returns, only the handlers reach the code that follows it
    return _failure_recorded(after, failure_only=not _ends_flow(try_node.body))


def _retry_budget(task: w1.TaskInfo) -> bool:
    """The task declares how often and when to retry (``max_retries=6``, ``default_retry_delay=30``): its author
    meant a transient failure to be retried, so a handler that records the failure instead is still the bug."""
    budget = task.option("max_retries")
    if isinstance(budget, ast.Constant) and budget.value in (0, None):
        return False
    return budget is not None or task.option("default_retry_delay") is not None


def _in_loop_nodes(fn: ast.AST) -> set[int]:
    out: set[int] = set()
    for node in w1._walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            out.update(id(n) for n in w1._walk_no_defs(node.body))
    return out


def _callers(index: "RepoIndex", fn, task) -> list[tuple[object, ast.Call]]:
    """``(caller, call)`` of each call of ``fn`` in the code the task reaches."""
    out = []
    for caller, _depth in index.reachable(task.fn, 3):
        for callee, call in index.callees(caller):
            if callee.qualname == fn.qualname:
                out.append((caller, call))
    return out


def _called_per_item(index: "RepoIndex", fn, task) -> bool:
    """Every call of the helper from the task's code is inside a loop: a failure skips one item of a batch
    (a webhook of many, one row), as a ``try`` inside the task's own loop does."""
    calls = _callers(index, fn, task)
    return bool(calls) and all(id(call) in _in_loop_nodes(caller.node) for caller, call in calls)


def _caller_raises_on_result(index: "RepoIndex", fn, task, handler: ast.ExceptHandler) -> bool:
    """The handler returns a value (``return {}``) and the caller checks the result and raises
    (``response = helper(...)`` ... ``if not response: raise TaxError``): the failure reaches the task."""
    if not any(isinstance(n, ast.Return) and n.value is not None for n in w1._walk_no_defs(handler.body)):
        return False
    calls = _callers(index, fn, task)
    if not calls:
        return False
    for caller, call in calls:
        names = {t.id for n in w1._walk_no_defs(caller.node.body)  # type: ignore[attr-defined]
                 if isinstance(n, ast.Assign) and n.value is call for t in n.targets if isinstance(t, ast.Name)}
        if not names or not any(
                isinstance(n, ast.If) and any(isinstance(x, ast.Name) and x.id in names for x in walk_tree(n.test))
                and any(isinstance(x, ast.Raise) for x in w1._walk_no_defs(n.body))
                for n in w1._walk_no_defs(caller.node.body)):  # type: ignore[attr-defined]
            return False
    return True


def retries_on_raise(task: "w1.TaskInfo") -> bool:
    """The task is retried by its framework: a Celery task (when it asks), a Dramatiq actor whose
    ``max_retries`` is not 0 (the Retries middleware retries whatever it raises, 20 times by default), a Huey
    task declared with ``retries=`` above 0."""
    if task.framework == "celery":
        return True
    if task.framework == "dramatiq":
        limit = task.option("max_retries")
        return not (isinstance(limit, ast.Constant) and limit.value == 0)
    if task.framework == "huey":
        limit = task.option("retries")
        return limit is not None and not (isinstance(limit, ast.Constant) and not limit.value)
    return False


def _read_only_by_retrying_tasks(index: "RepoIndex", fn: "FunctionInfo", tasks: dict) -> bool:
    """Every project caller of ``fn`` (tests aside) is a Dramatiq/Huey task that retries what it raises: the
    value the handler returns instead of the error (a "pending" receipt) is read by nothing that would not
    rather retry."""
    callers = [c for c, _ in index.callers(fn) if not is_test_file(c.file)]
    return bool(callers) and all(
        c.qualname in tasks and tasks[c.qualname].framework != "celery" and retries_on_raise(tasks[c.qualname])
        for c in callers)


def _reraisable(handler: ast.ExceptHandler) -> bool:
    """The handler ends in a bare ``return`` / ``return None`` / ``pass``: nothing a caller reads."""
    last = handler.body[-1] if handler.body else None
    if isinstance(last, ast.Pass):
        return True
    return isinstance(last, ast.Return) and (last.value is None or (
        isinstance(last.value, ast.Constant) and last.value.value is None))


def _let_through(source: str, finding: Finding) -> Patch | None:
    """The handler's trailing ``return`` / ``pass`` becomes ``raise``: the error reaches the task, which its
    framework retries."""
    module = cst.parse_module(source)
    module, handler = codemod.find_at(module, finding.line, cst.ExceptHandler)
    if handler is None:
        return None

    def change(node: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(node, cst.ExceptHandler)
        body = list(node.body.body)
        while body and isinstance(body[-1], cst.SimpleStatementLine) and all(
                isinstance(s, (cst.Return, cst.Pass)) for s in body[-1].body):
            body.pop()
        body.append(cst.parse_statement("raise\n"))
        return node.with_changes(body=node.body.with_changes(body=body))

    new = codemod.replace_node(module, handler, change).code
    return Patch(changes=(FileChange(finding.file, source, new),)) if new != source else None


def _dramatiq_replay(index: "RepoIndex", fn: "FunctionInfo", task: "w1.TaskInfo", finding: Finding,
                     rule: str) -> TaskReplay | None:
    """The project's tests that run the actor, replayed with the guarded call failing with the handler's
    error: the error must come out of the actor (Dramatiq retries what an actor raises)."""
    for node in walk_tree(fn.node):
        if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            for handler in node.handlers:
                if handler.lineno != finding.line:
                    continue
                module = index.module_of(fn)
                injection = w1.injection_for_handler(index, module, handler)
                found = w1.first_patchable_call(index, module, node.body, fn.class_name)
                if injection is None or found is None:
                    return None
                imports, body, exc = injection
                return TaskReplay(
                    task.fn.symbol, task, "inject", rule=rule, run_attr="fn",
                    doc="When the network call fails with a transient error, the error must reach the actor so "
                        "that Dramatiq retries it, instead of the actor finishing as a success with the work "
                        "dropped.",
                    target=found[1], injected=f"`{found[1]}` failing with the error {fn.symbol} catches",
                    inject_body=body, extra_imports=imports,
                    check=(f"    assert isinstance(outcome, {exc}), (\n"
                           "        f\"the actor finished without raising, so Dramatiq never retries it: {outcome!r}\")"))
    return None
