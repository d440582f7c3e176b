"""WRK501: a task argument the task's JSON serializer cannot carry (model instance, queryset, set, file)."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.discover.index import walk_body
from rootfix.rules.base import CheckContext, Example, GeneratedRun, InvariantRef, Replay, Rule
from rootfix.rules.worker import _enqueue as E
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
INSTANCE_METHODS = frozenset({"get", "first", "last", "latest", "earliest", "create", "get_object_or_404"})
PAIR_METHODS = frozenset({"get_or_create", "update_or_create"})
QUERYSET_METHODS = frozenset({
    "filter", "exclude", "all", "order_by", "select_related", "prefetch_related", "values", "values_list",
    "distinct", "annotate", "only", "defer", "none", "select_for_update", "union", "reverse", "using",
})
TIME_CALLS = frozenset({"django.utils.timezone.now", "datetime.datetime.now", "datetime.datetime.utcnow",
                        "datetime.date.today", "django.utils.timezone.localdate", "datetime.datetime.fromisoformat",
                        "django.utils.timezone.make_aware", "django.utils.timezone.make_naive",
                        "django.utils.timezone.localtime", "datetime.datetime.combine", "datetime.datetime",
                        "datetime.date", "datetime.datetime.fromtimestamp", "datetime.date.fromisoformat"})
#: Methods that return a value of the kind of their receiver.
SAME_KIND_METHODS = {"Decimal": frozenset({"quantize", "normalize", "copy_abs", "copy_negate", "to_integral_value"}),
                     "datetime": frozenset({"replace", "astimezone"})}
DECIMAL_FIELDS = frozenset({"DecimalField"})
TIME_FIELDS = frozenset({"DateTimeField", "DateField", "TimeField"})

_TASKS = """\
from celery import shared_task

from .models import Invoice


@shared_task
def send_invoice(invoice):
    invoice.sent = True
    invoice.save(update_fields=["sent"])
"""
_MODELS = """\
from django.db import models


class Invoice(models.Model):
    number = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    sent = models.BooleanField(default=False)
"""


@dataclass(frozen=True)
class BadArg:
    node: ast.expr
    kind: str  # "model instance" | "queryset" | "set" | "file" | "Decimal" | "datetime"
    model: str | None = None  # dotted model class (model instances)


def _chain(expr: ast.AST) -> list[ast.AST]:
    out = []
    while True:
        out.append(expr)
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, (ast.Attribute, ast.Subscript)):
            expr = expr.value
        else:
            return out


def _manager_model(index: "RepoIndex", module: "ModuleInfo", expr: ast.AST) -> tuple[str | None, list[str]] | None:
    chain = _chain(expr)
    attrs = [n.attr for n in chain if isinstance(n, ast.Attribute)]
    if not any(a in MANAGERS for a in attrs):
        return None
    model = None
    if len(chain) >= 2 and isinstance(chain[-2], ast.Attribute) and chain[-2].attr in MANAGERS:
        model = index.resolve(module, chain[-1])
    return model, attrs


def _field_class(index: "RepoIndex", model: str | None, field: str) -> str | None:
    found = index.lookup_class(model) if model else None
    if found is None:
        return None
    info, cls = found
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == field for t in stmt.targets) \
                and isinstance(stmt.value, ast.Call):
            return (index.resolve(info, stmt.value.func) or "").rsplit(".", 1)[-1]
    return None


def _is_model(index: "RepoIndex", dotted: str | None, depth: int = 0) -> bool:
    found = index.lookup_class(dotted) if dotted else None
    if found is None or depth > 5:
        return False
    info, cls = found
    for base in cls.bases:
        b = index.resolve(info, base) or ""
        if b in ("django.db.models.Model", "django.db.models.base.Model") or _is_model(index, b, depth + 1):
            return True
    return False


class Classifier:
    """What kind of value an argument expression holds, from the enclosing function's bindings."""

    def __init__(self, index: "RepoIndex", fn: "FunctionInfo", old_json: bool) -> None:
        self.index, self.fn, self.old_json = index, fn, old_json
        self.module = index.module_of(fn)
        self.bindings: dict[str, list[tuple[int, str, ast.AST]]] = {}
        args = fn.node.args
        for a in args.posonlyargs + args.args + args.kwonlyargs:
            if a.annotation is not None:
                self.bindings.setdefault(a.arg, []).append((fn.line, "annotation", a.annotation))
        for node in walk_body(fn.node):
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        self.bindings.setdefault(t.id, []).append((node.lineno, "value", node.value))
                    elif isinstance(t, ast.Tuple) and t.elts and isinstance(t.elts[0], ast.Name):
                        self.bindings.setdefault(t.elts[0].id, []).append((node.lineno, "pair", node.value))
            elif isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Name):
                self.bindings.setdefault(node.target.id, []).append((node.lineno, "item", node.iter))
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if isinstance(item.optional_vars, ast.Name):
                        self.bindings.setdefault(item.optional_vars.id, []).append(
                            (node.lineno, "with", item.context_expr))

    def classify(self, expr: ast.expr, line: int, depth: int = 0) -> BadArg | None:
        index, module = self.index, self.module
        if depth > 3:
            return None
        if isinstance(expr, ast.Name):
            binds = [b for b in self.bindings.get(expr.id, []) if b[0] <= line]
            if not binds:
                return self._used_as_instance(expr)
            bline, how, value = max(binds, key=lambda b: b[0])
            if how == "annotation":
                dotted = index.resolve(module, value)
                return BadArg(expr, "model instance", dotted) if _is_model(index, dotted) else None
            if how == "with":
                return BadArg(expr, "file") if self._is_open(value) else None
            if how in ("item", "pair"):
                mm = _manager_model(index, module, value)
                if mm is not None and (how == "item" or (isinstance(value, ast.Call) and isinstance(
                        value.func, ast.Attribute) and value.func.attr in PAIR_METHODS)):
                    if how == "item" and any(a in ("values", "values_list") for a in mm[1]):
                        return None
                    return BadArg(expr, "model instance", mm[0])
                if how == "item" and isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                        and value.func.attr in QUERYSET_METHODS - {"values", "values_list"} \
                        and isinstance(value.func.value, ast.Attribute):
                    return BadArg(expr, "model instance")  # iterating a related manager: room.bookings.all()
                return None
            found = self.classify(value, bline, depth + 1)
            return BadArg(expr, found.kind, found.model) if found else None
        if isinstance(expr, (ast.Set, ast.SetComp)):
            return BadArg(expr, "set")
        if isinstance(expr, ast.Call):
            func = expr.func
            dotted = index.resolve(module, func) or ""
            if dotted in ("set", "frozenset"):
                return BadArg(expr, "set")
            if self._is_open(expr):
                return BadArg(expr, "file")
            if dotted.endswith("get_object_or_404") and expr.args:
                model = index.resolve(module, expr.args[0])
                return BadArg(expr, "model instance", model) if _is_model(index, model) else None
            if self.old_json and (dotted in ("decimal.Decimal",)):
                return BadArg(expr, "Decimal")
            if self.old_json and dotted in TIME_CALLS:
                return BadArg(expr, "datetime")
            if self.old_json and isinstance(func, ast.Attribute) and any(
                    func.attr in methods for methods in SAME_KIND_METHODS.values()):
                inner = self.classify(func.value, line, depth + 1)  # Decimal(x).quantize(...)
                if inner is not None and func.attr in SAME_KIND_METHODS.get(inner.kind, ()):
                    return BadArg(expr, inner.kind)
            if isinstance(func, ast.Attribute):
                mm = _manager_model(index, module, expr)
                if mm is not None:
                    if func.attr in INSTANCE_METHODS:
                        return BadArg(expr, "model instance", mm[0])
                    if func.attr in QUERYSET_METHODS:
                        return BadArg(expr, "queryset", mm[0])
                if func.attr == "get_object" and isinstance(func.value, ast.Name) and func.value.id == "self":
                    return BadArg(expr, "model instance")
            return None
        if isinstance(expr, ast.Attribute):
            text = ast.unparse(expr)
            if text in ("self.object", "request.user", "self.request.user"):
                return BadArg(expr, "model instance")
            if isinstance(expr.value, ast.Name):
                owner = self.classify(expr.value, line, depth + 1)
                if owner is not None and owner.kind == "model instance" and owner.model:
                    field = _field_class(index, owner.model, expr.attr)
                    if field in ("ForeignKey", "OneToOneField"):
                        return BadArg(expr, "model instance")
                    if self.old_json and field in DECIMAL_FIELDS:
                        return BadArg(expr, "Decimal")
                    if self.old_json and field in TIME_FIELDS:
                        return BadArg(expr, "datetime")
                if owner is not None and owner.kind == "model instance" and expr.attr == "objects":
                    return None
            mm = _manager_model(index, module, expr)
            if mm is not None and expr.attr in MANAGERS:
                return BadArg(expr, "queryset", mm[0])
        return None

    def _used_as_instance(self, expr: ast.Name) -> BadArg | None:
        """An unannotated parameter the function treats as a model instance: it saves it with
        ``update_fields``, calls ``refresh_from_db()`` / ``full_clean()`` on it, reads its ``.pk``, or
        assigns it a member of a model class (``shipment.status = Shipment.Status.SHIPPED``). Only for
        names never re-bound in the function, so every use is the same value."""
        name = expr.id
        args = self.fn.node.args
        params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
        if name not in params or name in ("self", "cls") or self.bindings.get(name):
            return None
        evidence = False
        model: str | None = None
        for node in walk_body(self.fn.node):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
                if node.attr == "pk":
                    evidence = True
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Name) and node.func.value.id == name):
                method = node.func.attr
                if method in ("refresh_from_db", "full_clean") or (
                        method == "save" and any(k.arg == "update_fields" for k in node.keywords)):
                    evidence = True
            elif isinstance(node, ast.Assign) and model is None:
                for t in node.targets:
                    if not (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == name):
                        continue
                    root = node.value
                    while isinstance(root, ast.Attribute):
                        root = root.value
                    if root is not node.value and isinstance(root, ast.Name):
                        dotted = self.index.resolve(self.module, root)
                        if _is_model(self.index, dotted):
                            model, evidence = dotted, True
        return BadArg(expr, "model instance", model) if evidence else None

    def _is_open(self, expr: ast.AST) -> bool:
        if not isinstance(expr, ast.Call):
            return False
        dotted = self.index.resolve(self.module, expr.func) or ""
        return dotted in ("open", "io.open", "builtins.open", "codecs.open") or (
            isinstance(expr.func, ast.Attribute) and expr.func.attr == "open" and isinstance(expr.func.value, ast.Name)
            and expr.func.value.id in ("default_storage", "storage"))


# --------------------------------------------------------------------------- serializer settings
def _setting(settings: dict[str, object], *names: str) -> object:
    for n in names:
        if n in settings and settings[n] is not None:
            return settings[n]
    return None


def json_serialized(index: "RepoIndex", settings: dict[str, object]) -> bool:
    value = _setting(settings, "CELERY_TASK_SERIALIZER", "CELERY_SERIALIZER", "task_serializer")
    return value is None or str(value) in ("json", "application/json")


def old_kombu(index: "RepoIndex") -> bool:
    """Celery < 5.3 / kombu < 5.3 pinned: JSON then cannot carry Decimal / datetime either."""
    for path in ("requirements.txt", "requirements/base.txt", "requirements/production.txt", "pyproject.toml",
                 "setup.cfg", "setup.py"):
        p = index.root / path
        if not p.is_file():
            continue
        text = p.read_text(errors="replace")
        for pkg in ("celery", "kombu"):
            for line in re.finditer(rf"(?im)^\s*[\"']?{pkg}(?:\[[^\]]*\])?\s*((?:[<>=!~]=?\s*[\d.*]+\s*,?\s*)+)",
                                    text):
                # every specifier of the requirement: ``celery>=5.0,<5.3`` pins an old one too
                for op, major, minor, patch in re.findall(
                        r"(==|~=|<=|<|>=|>|!=)\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?", line.group(1)):
                    version = (int(major), int(minor or 0))
                    if op == "~=" and not patch:  # ~=5.2 allows any 5.x >= 5.2
                        version = (int(major), 99)
                    if (op in ("==", "~=", "<=") and version < (5, 3)) or (op == "<" and version <= (5, 3)):
                        return True
    return False


class UnserializableTaskArgument(Rule):
    """Task argument that the task's serializer (JSON) cannot carry.

    ## What it does
    Finds Celery enqueues (`.delay()`, `.apply_async(args=..., kwargs=...)`, `.s(...)`, `send_task`),
    also inside `on_commit` lambdas, that pass a value the configured task serializer
    (`CELERY_TASK_SERIALIZER` / `task_serializer`, JSON by default; `rootfix.project.serializer`)
    refuses or changes: a model instance or a queryset from any source (`rootfix.project.values`),
    a `set` / `frozenset`, an open file (refused: `EncodeError`), a dict with int keys (the task
    gets str keys), a tuple (the task gets a list), a value built by a helper that returns one of
    these; with Celery or kombu older than 5.3 pinned, `Decimal` / `datetime` / `date` / `UUID`
    too (they come back as `str`; kombu 5.3+ restores them). RQ jobs are pickled: not reported.

    ## Why is this bad?
    `kombu` raises `EncodeError: Object of type Invoice is not JSON serializable` when the task is
    published. Tests often miss it: they mock `.delay()`, or run an older Celery whose
    `task_always_eager` never serializes the arguments. Even with pickle, an instance is a stale
    snapshot of the row by the time the worker runs.

    ## Example
    ```python
    invoice = Invoice.objects.create(number=number, total=total)
    send_invoice.delay(invoice)
    ```

    ## Use instead
    ```python
    send_invoice.delay(invoice.pk)

    @shared_task
    def send_invoice(invoice_id):
        invoice = Invoice.objects.get(pk=invoice_id)
    ```

    ## Fix safety
    Other kinds: a set is sent as `list(...)` and rebuilt with `set()` in the task, a tuple
    rebuilt with `tuple()`, int keys with `int()` (only when every caller sends int keys), a
    queryset is sent as its primary keys and re-queried (`filter(pk__in=...)`, order not kept);
    files and helper-built values that cannot be rebuilt soundly get no fix. The regression test
    delivers every job published from the site through the serializer (encode and decode) and
    fails when it cannot be encoded or the task's outcome changes.

    Unsafe, and multi-file: for a model instance the task's parameter is renamed `<name>_id`, its
    first statement re-fetches the row, and every enqueue and direct call of the task in
    non-test code passes `.pk`. Existing tests that call the task with an instance must be
    updated by hand; messages already queued with the old argument name fail. Other kinds are
    reported without a fix.
    """

    code = "WRK501"
    name = "unserializable-task-argument"
    bug_class = "W5"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="billing/services.py",
            code="""\
from .models import Invoice
from .tasks import send_invoice


def issue_invoice(number, total):
    invoice = Invoice.objects.create(number=number, total=total)
    send_invoice.delay(invoice.pk)
    send_invoice.apply_async(args=[invoice.number], kwargs={"total": str(invoice.total)})
    numbers = list(Invoice.objects.filter(sent=False).values_list("number", flat=True))
    send_invoice.delay(numbers)
    return invoice
""",
            files=(("billing/tasks.py", _TASKS.replace("(invoice)", "(invoice_id)")),
                   ("billing/models.py", _MODELS)),
        ),
        Example(  # pickle is configured: instances are carried (stale, but not a crash)
            path="billing/services.py",
            code="""\
from .models import Invoice
from .tasks import send_invoice


def issue_invoice(number, total):
    invoice = Invoice.objects.create(number=number, total=total)
    send_invoice.delay(invoice)
""",
            files=(("billing/tasks.py", _TASKS), ("billing/models.py", _MODELS),
                   ("proj/settings.py", 'CELERY_TASK_SERIALIZER = "pickle"\nCELERY_ACCEPT_CONTENT = ["pickle"]\n')),
        ),
    )

    INVALID = (
        Example(
            path="billing/services.py",
            code="""\
from .models import Invoice
from .tasks import send_invoice


def issue_invoice(number, total):
    invoice = Invoice.objects.create(number=number, total=total)
    send_invoice.delay(invoice)
    return invoice
""",
            fixed="""\
from .models import Invoice
from .tasks import send_invoice


def issue_invoice(number, total):
    invoice = Invoice.objects.create(number=number, total=total)
    send_invoice.delay(invoice.pk)
    return invoice
""",
            files=(("billing/tasks.py", _TASKS), ("billing/models.py", _MODELS)),
        ),
        Example(
            path="billing/services.py",
            code="""\
from .models import Invoice
from .tasks import send_invoice


def resend(numbers):
    pending = Invoice.objects.filter(number__in=numbers)
    send_invoice.apply_async(args=[pending], countdown=10)
    send_invoice.delay({n.strip() for n in numbers})
""",
            files=(("billing/tasks.py", _TASKS), ("billing/models.py", _MODELS)),
            count=2,
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn, call, enq, arg, change in changed_arguments(ctx.index, ctx.settings or {}, ctx.in_scope):
            if change.effect == "refused":
                what = f"a {change.kind}" if change.kind != "model instance" else "a model instance"
                message = (f"{ast.unparse(arg)} is {what} passed to {enq.describe()}; the JSON serializer cannot "
                           f"carry it (EncodeError when the job is published)"
                           + ("; pass its .pk and re-fetch it in the task" if change.kind == "model instance" else
                              "; pass a list and rebuild the set in the task" if change.kind == "set" else
                              "; pass the primary keys and re-query in the task" if change.kind == "queryset" else ""))
            else:
                message = (f"{ast.unparse(arg)} is a {change.kind} passed to {enq.describe()}; the JSON serializer "
                           f"changes it: the task receives {change.becomes}"
                           + (" (d[1] raises KeyError there)" if change.kind == "int-key dict" else ""))
            yield self.finding(
                fn, arg, message,
                related=((enq.task.fn.file, enq.task.fn.line, f"task {enq.task.fn.symbol}"),)
                if enq.task.fn else (),
            )

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        return _fix_instance(index, finding) or _fix_convert(index, finding)

    def regression(self, index: "RepoIndex", finding: Finding) -> Replay | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        call = next((n for n in walk_body(fn.node) if isinstance(n, ast.Call) and n.lineno <= finding.line
                     <= (n.end_lineno or n.lineno) and E.enqueue_of(index, index.module_of(fn), n) is not None), None)
        if call is None:
            return None
        settings = {**E.static_settings(index)}
        serializer = str(_setting(settings, "CELERY_TASK_SERIALIZER", "CELERY_SERIALIZER") or "json")
        invariant = InvariantRef("argument-serialization", (
            finding.file, fn.node.name, call.lineno, call.end_lineno or call.lineno, serializer))
        # no project test publishes from here: run the publishing function once, eagerly, with the
        # rows it needs built, every job delivered through the serializer
        return Replay(finding.symbol, (fn,), invariant, otherwise=GeneratedRun(
            finding.symbol, fn, invariant, check="_SerializationRecorder()",
            install="probe.install(None)", after="probe.uninstall()",
            verdict='"; ".join(probe.violations) or None',
            setup=("from celery import current_app", "from django.test import TestCase",
                   "current_app.conf.task_always_eager = True",
                   "monkeypatch.setattr('celery.app.base.Celery.send_task', lambda app, name, args=None, "
                   "kwargs=None, **options: _round_trip((list(args or ()), dict(kwargs or {}))))"),
            context="TestCase.captureOnCommitCallbacks(execute=True)"))


def changed_arguments(index: "RepoIndex", settings: dict[str, object], in_scope=None):
    """``(function, enqueue call, Enqueue, argument, Change)`` for every argument of a Celery enqueue
    that the configured serializer refuses or changes (:mod:`rootfix.project.serializer`)."""
    from rootfix.project import serializer as S

    ser = S.task_serializer(index, {**E.static_settings(index), **settings})
    if not ser.json:
        return
    # Every function, not only in-scope ones: the place that publishes a project task belongs to
    # that task's component (the worker fails), wherever it is called from.
    for fn in index.functions.values():
        if E.is_test_code(fn.file):
            continue
        for call, enq in E.direct_enqueues(index, fn) + _deferred_enqueues(index, fn):
            if enq.task.framework != "celery" or _pickled(index, enq, call):
                continue
            if in_scope is not None and not (in_scope(fn) or E.publishes_project_task(enq)):
                continue
            classifier = None
            for pos, arg in _arguments(enq):
                change = S.change_of(index, fn, arg, call.lineno, ser)
                if change is None:
                    classifier = classifier or Classifier(index, fn, not ser.native_types)
                    bad = classifier.classify(arg, call.lineno)
                    if bad is not None and bad.kind in ("Decimal", "datetime"):
                        change = S.Change(bad.kind, "changed", becomes="a str")
                    elif bad is not None:
                        change = S.Change(bad.kind, "refused", bad.model)
                if change is not None and change.effect == "changed" and change.kind in ("tuple", "int-key dict"):
                    # reported only when the task relies on what the serializer changes
                    task = enq.task.fn
                    decl = index.task_decl(task) if task else None
                    params = _task_params(task, bool(decl and decl.bound)) if task else []
                    name = params[pos] if isinstance(pos, int) and pos < len(params) else pos
                    if task is None or not isinstance(name, str) or not S.task_relies_on(
                            index, task, name, change.kind):
                        continue
                if change is not None:
                    yield fn, call, enq, arg, change


def _deferred_enqueues(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple[ast.Call, E.Enqueue]]:
    """Enqueues inside on_commit lambdas: they are published too, later."""
    module = index.module_of(fn)
    facts = E.FunctionFacts.of(index, fn)
    out = []
    for node in walk_body(fn.node):
        if isinstance(node, ast.Call) and facts.deferred(node):
            enq = E.enqueue_of(index, module, node)
            if enq is not None:
                out.append((node, enq))
    return out


def _pickled(index: "RepoIndex", enq: E.Enqueue, call: ast.Call) -> bool:
    if any(k.arg == "serializer" for k in call.keywords):
        return True
    fn = enq.task.fn
    decl = index.task_decl(fn) if fn else None
    return bool(decl and decl.option_value("serializer") not in (None, "json"))


def _arguments(enq: E.Enqueue) -> list[tuple[int | str, ast.expr]]:
    out: list[tuple[int | str, ast.expr]] = [(i, a) for i, a in enumerate(enq.args)]
    out += [(k, v) for k, v in enq.kwargs]
    return out


# --------------------------------------------------------------------------- the model-instance fix
def _task_params(fn: "FunctionInfo", bound: bool) -> list[str]:
    params = [a.arg for a in fn.node.args.posonlyargs + fn.node.args.args]
    return params[1:] if bound or fn.class_name else params


def _fix_instance(index: "RepoIndex", finding: Finding) -> Patch | None:
    from rootfix.rules.worker._lib.testnames import is_test_module

    fn = index.enclosing_function(finding.file, finding.line)
    if fn is None:
        return None
    module = index.module_of(fn)
    classifier = Classifier(index, fn, old_kombu(index))
    target = None
    for call, enq in E.direct_enqueues(index, fn) + _deferred_enqueues(index, fn):
        for pos, arg in _arguments(enq):
            if arg.lineno == finding.line and arg.col_offset == finding.col:
                target = (call, enq, pos, arg)
    if target is None:
        return None
    call, enq, pos, arg = target
    bad = classifier.classify(arg, call.lineno)
    if bad is None or not bad.model:
        from rootfix.project import serializer as S

        change = S.change_of(index, fn, arg, call.lineno, S.Serializer("json", True))
        if change is not None and change.kind == "model instance" and change.model:
            bad = BadArg(arg, "model instance", change.model)
    task = enq.task.fn
    if bad is None or bad.kind != "model instance" or task is None or task.class_name or not bad.model:
        return None
    decl = index.task_decl(task)
    params = _task_params(task, bool(decl and decl.bound))
    param = params[pos] if isinstance(pos, int) and pos < len(params) else pos if isinstance(pos, str) else None
    if param is None or param not in params:
        return None
    new_param = param if param.endswith("_id") else f"{param}_id"
    task_names = {n.id for n in walk_tree(task.node) if isinstance(n, ast.Name)} | set(params)
    if new_param in task_names or param.endswith("_id"):
        return None
    model_found = index.lookup_class(bad.model)
    if model_found is None:
        return None
    model_module, model_cls = model_found[0].module, model_found[1].name
    param_index = params.index(param)

    # every call site of the task in non-test code: enqueues and direct calls
    sites: dict[str, list[tuple[int, int, int, int]]] = {}  # path -> arg spans (line, col, end_line, end_col)
    renames: dict[str, list[tuple[int, int]]] = {}  # path -> keyword positions to rename
    for other in index.functions.values():
        if is_test_module(other.file):
            continue
        om = index.module_of(other)
        for node in walk_body(other.node):
            if not isinstance(node, ast.Call):
                continue
            args: list[ast.expr] = []
            kw_nodes: list[ast.keyword] = []
            enq2 = E.enqueue_of(index, om, node)
            if enq2 is not None and enq2.task.fn is not None and enq2.task.fn.qualname == task.qualname:
                if param_index < len(enq2.args):
                    args.append(enq2.args[param_index])
                for k, v in enq2.kwargs:
                    if k == param:
                        args.append(v)
                for sub in walk_tree(node):
                    if isinstance(sub, ast.keyword) and sub.arg == param:
                        kw_nodes.append(sub)
                    if isinstance(sub, ast.Dict):
                        for key in sub.keys:
                            if isinstance(key, ast.Constant) and key.value == param:
                                kw_nodes.append(key)  # type: ignore[arg-type]
            elif index.resolve_call(om, node, other.class_name) is task:
                if param_index < len(node.args):
                    args.append(node.args[param_index])
                for k in node.keywords:
                    if k.arg == param:
                        args.append(k.value)
                        kw_nodes.append(k)
            for a in args:
                sites.setdefault(other.file, []).append((a.lineno, a.col_offset, a.end_lineno, a.end_col_offset))
            for k in kw_nodes:
                renames.setdefault(other.file, []).append((k.lineno, k.col_offset))

    changes: dict[str, str] = {}
    for path in sorted(set(sites) | set(renames) | {task.file}):
        info = index.by_path[path]
        tree = cst.parse_module(info.source)
        wrapper = cst.metadata.MetadataWrapper(tree)
        transformer = _CallSites(info.source, sites.get(path, []), renames.get(path, []), param, new_param)
        tree = wrapper.visit(transformer)
        if path == task.file:
            tree = tree.visit(_TaskRefetch(task.node.name, task.line, param, new_param, model_cls))
            if _local_for(info, f"{model_module}.{model_cls}") is None:
                from rootfix.codemod import with_imports

                tree = with_imports(tree, ((model_module, model_cls),), index.first_party)
        if tree.code != info.source:
            changes[path] = tree.code
    if finding.file not in changes:
        return None
    return Patch(changes=tuple(FileChange(p, index.by_path[p].source, new) for p, new in sorted(changes.items())))


def _local_for(module: "ModuleInfo", dotted: str) -> str | None:
    for local, target in module.imports.items():
        if target == dotted:
            return local
    if dotted.rpartition(".")[0] == module.module:
        return dotted.rpartition(".")[2]
    return None


class _CallSites(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self, source: str, spans, renames, param: str, new_param: str) -> None:
        self.lines = source.splitlines()
        self.spans = {self._chars(s[0], s[1]) for s in spans}
        self.renames = {self._chars(r[0], r[1]) for r in renames}
        self.param, self.new_param = param, new_param

    def _chars(self, line: int, col: int) -> tuple[int, int]:
        text = self.lines[line - 1]
        return line, len(text.encode("utf-8")[:col].decode("utf-8", "replace"))

    def _pos(self, node: cst.CSTNode) -> tuple[int, int]:
        p = self.get_metadata(cst.metadata.PositionProvider, node).start
        return p.line, p.column

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        if original.keyword is not None and original.keyword.value == self.param and self._pos(original) in self.renames:
            updated = updated.with_changes(keyword=cst.Name(self.new_param))
        if self._pos(original.value) in self.spans:
            updated = updated.with_changes(value=_pk_of(updated.value))
        return updated

    def leave_Element(self, original: cst.Element, updated: cst.Element) -> cst.Element:
        if self._pos(original.value) in self.spans:
            return updated.with_changes(value=_pk_of(updated.value))
        return updated

    def leave_DictElement(self, original: cst.DictElement, updated: cst.DictElement) -> cst.DictElement:
        if self._pos(original.key) in self.renames and isinstance(updated.key, cst.SimpleString):
            q = updated.key.value[0]
            updated = updated.with_changes(key=cst.SimpleString(f"{q}{self.new_param}{q}"))
        if self._pos(original.value) in self.spans:
            updated = updated.with_changes(value=_pk_of(updated.value))
        return updated


def _pk_of(expr: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(expr, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
        return cst.Attribute(value=expr, attr=cst.Name("pk"))
    return cst.Attribute(value=cst.parse_expression(f"({cst.Module([]).code_for_node(expr)})"), attr=cst.Name("pk"))


class _TaskRefetch(cst.CSTTransformer):
    """Rename the task's parameter and re-fetch the instance as the body's first statement."""

    def __init__(self, name: str, line: int, param: str, new_param: str, model: str) -> None:
        self.name, self.param, self.new_param, self.model = name, param, new_param, model
        self.depth = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.depth += 1
        return True

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self.depth -= 1
        if self.depth != 0 or original.name.value != self.name:
            return updated
        params = updated.params.with_changes(params=[
            p.with_changes(name=cst.Name(self.new_param)) if p.name.value == self.param else p
            for p in updated.params.params
        ])
        refetch = cst.parse_statement(f"{self.param} = {self.model}.objects.get(pk={self.new_param})\n")
        body = list(updated.body.body)
        at = 1 if body and _is_docstring(body[0]) else 0
        body.insert(at, refetch)
        return updated.with_changes(params=params, body=updated.body.with_changes(body=body))


def _is_docstring(stmt: cst.BaseStatement) -> bool:
    return (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)
            and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


# --------------------------------------------------------------------------- changed-value fixes
#: kind -> (call-site wrapper or None, statement rebuilding the value in the task)
_CONVERSIONS = {
    "set": ("list({})", "{p} = set({p})  # sent as a list: JSON has no sets"),
    "tuple": (None, "{p} = tuple({p})  # JSON turns tuples into lists"),
    "int-key dict": (None, "{p} = {{int(key): value for key, value in {p}.items()}}  # JSON turns int keys into str"),
    "queryset": ('list({}.values_list("pk", flat=True))', "{p} = {m}.objects.filter(pk__in={p})"),
}


def _fix_convert(index: "RepoIndex", finding: Finding) -> Patch | None:
    """Sets, tuples and int-keyed dicts: the task rebuilds what the caller sent (``set()``, ``tuple()``,
    int keys), and a set is sent as a list. Only when every project call site of the task passes the
    same kind of value in that parameter (so the conversion is right for all of them)."""
    from rootfix.rules.worker._lib.testnames import is_test_module
    from rootfix.project import serializer as S

    fn = index.enclosing_function(finding.file, finding.line)
    if fn is None:
        return None
    ser = S.task_serializer(index)
    target = None
    for call, enq in E.direct_enqueues(index, fn) + _deferred_enqueues(index, fn):
        for pos, arg in _arguments(enq):
            if arg.lineno == finding.line and arg.col_offset == finding.col:
                target = (call, enq, pos, arg)
    if target is None:
        return None
    call, enq, pos, arg = target
    change = S.change_of(index, fn, arg, call.lineno, ser)
    task = enq.task.fn
    if change is None or change.kind not in _CONVERSIONS or task is None or task.class_name:
        return None
    if change.kind == "queryset" and (not change.model or index.lookup_class(change.model) is None):
        return None
    if change.kind == "set" and isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) \
            and arg.func.id == "frozenset":
        return None
    decl = index.task_decl(task)
    params = _task_params(task, bool(decl and decl.bound))
    param = params[pos] if isinstance(pos, int) and pos < len(params) else pos if isinstance(pos, str) else None
    if param is None or param not in params:
        return None
    param_index = params.index(param)
    wrap, rebuild = _CONVERSIONS[change.kind]
    # every enqueue of the task must send the same kind in this parameter
    spans: dict[str, list[tuple[int, int]]] = {}
    for other in index.functions.values():
        if is_test_module(other.file) or E.is_test_code(other.file):
            continue
        om = index.module_of(other)
        for node in walk_body(other.node):
            if not isinstance(node, ast.Call):
                continue
            enq2 = E.enqueue_of(index, om, node)
            if enq2 is None or enq2.task.fn is None or enq2.task.fn.qualname != task.qualname:
                continue
            passed = [a for i, a in enumerate(enq2.args) if i == param_index] + [v for k, v in enq2.kwargs
                                                                               if k == param]
            for a in passed:
                c2 = S.change_of(index, other, a, node.lineno, ser)
                if c2 is not None and c2.kind == change.kind:
                    spans.setdefault(other.file, []).append((a.lineno, a.col_offset))
                elif change.kind in ("int-key dict", "queryset"):
                    # int(key) of another caller's str keys / a filter on its values would break it
                    return None
    if not spans:
        return None
    changes: dict[str, str] = {}
    for path in sorted(set(spans) | {task.file}):
        info = index.by_path[path]
        tree = cst.parse_module(info.source)
        if wrap and path in spans:
            tree = cst.metadata.MetadataWrapper(tree).visit(_WrapArgs(info.source, spans[path], wrap))
        if path == task.file:
            model_name = None
            if change.kind == "queryset":
                mod, _, model_name = change.model.rpartition(".")  # type: ignore[union-attr]
                local = _local_for(info, change.model)  # type: ignore[arg-type]
                if local is None:
                    from rootfix.codemod import with_imports

                    tree = with_imports(tree, ((mod, model_name),), index.first_party)
                else:
                    model_name = local
            tree = tree.visit(_TaskRebuild(task.node.name, rebuild.format(p=param, m=model_name)))
        if tree.code != info.source:
            changes[path] = tree.code
    if task.file not in changes:
        return None
    return Patch(changes=tuple(FileChange(p, index.by_path[p].source, new) for p, new in sorted(changes.items())))


class _WrapArgs(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self, source: str, spans, wrap: str) -> None:
        lines = source.splitlines()
        self.spans = {(line, len(lines[line - 1].encode("utf-8")[:col].decode("utf-8", "replace")))
                      for line, col in spans}
        self.wrap = wrap

    def _wrapped(self, original, value):
        p = self.get_metadata(cst.metadata.PositionProvider, original).start
        if (p.line, p.column) in self.spans:
            return cst.parse_expression(self.wrap.format(cst.Module([]).code_for_node(value)))
        return value

    def leave_Arg(self, original, updated):
        return updated.with_changes(value=self._wrapped(original.value, updated.value))

    def leave_Element(self, original, updated):
        return updated.with_changes(value=self._wrapped(original.value, updated.value))

    def leave_DictElement(self, original, updated):
        return updated.with_changes(value=self._wrapped(original.value, updated.value))


class _TaskRebuild(cst.CSTTransformer):
    """Insert the statement that rebuilds the parameter as the task body's first statement."""

    def __init__(self, name: str, statement: str) -> None:
        self.name, self.statement = name, statement
        self.depth = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.depth += 1
        return True

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self.depth -= 1
        if self.depth != 0 or original.name.value != self.name:
            return updated
        body = list(updated.body.body)
        at = 1 if body and _is_docstring(body[0]) else 0
        stmt = cst.parse_statement(self.statement + "\n")
        body.insert(at, stmt)
        return updated.with_changes(body=updated.body.with_changes(body=body))
