"""WRK401: a model field read, changed in Python and written back — concurrent tasks lose updates."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.discover.index import walk_body
from rootfix.rules.base import CheckContext, Example, FirstOf, GeneratedRun, InvariantRef, Replay, Rule
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

FETCH_METHODS = frozenset({"get", "first", "last", "latest", "earliest", "get_or_create", "update_or_create"})
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})

_MODELS = """\
from django.db import models


class Room(models.Model):
    name = models.CharField(max_length=80)
    checkins = models.PositiveIntegerField(default=0)
    capacity = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    booked = models.DecimalField(max_digits=6, decimal_places=1, default=0)
"""


@dataclass(frozen=True)
class Source:
    """Where an instance came from."""

    model: str | None  # expression naming the model class in the module, when known
    locked: bool  # fetched with select_for_update()
    kind: str = "fetch"  # "fetch" | "param" | "related" | "loop" | "helper" | "self" | "create"
    dotted: str | None = None  # the model class, dotted


@dataclass(frozen=True)
class RMW:
    fn: "FunctionInfo"
    stmt: ast.stmt  # the read-modify-write statement
    var: str
    field: str
    op: str  # "+" | "-"
    amount: ast.expr
    save: ast.Call
    source: Source
    scope_node: ast.AST | None = None  # the function body (or nested function) holding it


def _local_model(index: "RepoIndex", module: "ModuleInfo", dotted: str | None) -> str | None:
    """How ``module`` names the model class (its import alias, or its own class)."""
    if not dotted:
        return None
    for local, target in module.imports.items():
        if index._follow_reexport(target) == dotted or target == dotted:
            return local
    mod, _, name = dotted.rpartition(".")
    if mod == module.module:
        return name
    for local, target in module.imports.items():  # ``from loyalty import models as m`` -> m.Member
        if target == mod:
            return f"{local}.{name}"
    return None


def _source(index: "RepoIndex", fn: "FunctionInfo", scope, var: str, line: int, saved: bool) -> Source | None:
    """The instance ``var`` holds at ``line``, from the project's value facts."""
    from rootfix.project import values as V

    module = index.module_of(fn)
    expr = ast.Name(id=var, ctx=ast.Load())
    value = V.value_of(index, fn, expr, line, scope)
    bound = scope.binding(var, line)
    if value is None:
        # a parameter the function saves: an instance whose model is not known
        if not (saved and bound is not None and bound[2] == "param" and var not in ("cls",)):
            return None
        value = V.Value("instance", None, origin="param")
    if not value.is_instance:
        return None
    locked = value.locked
    if not locked and bound is not None and bound[2] == "param" and bound[0].node is fn.node:
        locked = V.locked_by_callers(index, fn, value.model)
    kind = value.origin if value.origin != "create" else "fetch"
    return Source(_local_model(index, module, value.model), locked, kind, value.model)


def _update_fields(call: ast.Call) -> list[str] | None:
    """The literal ``update_fields`` of a save() call; None when absent; [] when not literal."""
    for kw in call.keywords:
        if kw.arg == "update_fields":
            if isinstance(kw.value, (ast.List, ast.Tuple, ast.Set)):
                return [e.value for e in kw.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            return ["?"]
    return None


def _rmw(stmt: ast.stmt) -> tuple[str, str, str, ast.expr] | None:
    """``x.f += n`` / ``x.f = x.f + n`` / ``x.f = n + x.f`` / ``-`` -> (x, f, op, n)."""
    ops = {ast.Add: "+", ast.Sub: "-"}
    if isinstance(stmt, ast.AugAssign) and type(stmt.op) in ops:
        t = stmt.target
        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name):
            return t.value.id, t.attr, ops[type(stmt.op)], stmt.value
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, ast.BinOp) \
            and type(stmt.value.op) in ops:
        t = stmt.targets[0]
        if not (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)):
            return None
        same = ast.dump(t.__class__(value=t.value, attr=t.attr, ctx=ast.Load()))
        left, right = stmt.value.left, stmt.value.right
        if ast.dump(left) == same:
            return t.value.id, t.attr, ops[type(stmt.value.op)], right
        if ast.dump(right) == same and isinstance(stmt.value.op, ast.Add):
            return t.value.id, t.attr, "+", left
    return None


NUMERIC_FIELDS = frozenset({
    "IntegerField", "PositiveIntegerField", "BigIntegerField", "SmallIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "DecimalField", "FloatField", "DurationField",
})


def _numeric_field(index: "RepoIndex", module: "ModuleInfo", model: str | None, field: str,
                   amount: ast.expr, dotted_model: str | None = None) -> bool | None:
    """Is ``model.field`` a numeric model field? None when it cannot be told (then the amount decides)."""
    if isinstance(amount, ast.JoinedStr) or (isinstance(amount, ast.Constant) and isinstance(amount.value, str)):
        return False
    found = index.lookup_class(dotted_model) if dotted_model else None
    if found is None and model:
        try:
            dotted = index.resolve(module, ast.parse(model, mode="eval").body)
        except SyntaxError:
            dotted = None
        found = index.lookup_class(dotted) if dotted else None
    if found is None:
        if isinstance(amount, ast.Constant) and isinstance(amount.value, (int, float)):
            return True
        return None
    info, cls = found
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == field for t in stmt.targets):
            if isinstance(stmt.value, ast.Call):
                name = (index.resolve(info, stmt.value.func) or "").rsplit(".", 1)[-1]
                return name in NUMERIC_FIELDS
            return None
    return None


def find_rmw(index: "RepoIndex", fn: "FunctionInfo") -> list[RMW]:
    """Read-modify-writes of a model field in ``fn`` and the functions / lambdas nested in it."""
    from rootfix.project import values as V

    out = []
    module = index.module_of(fn)
    for scope in V.scopes(index, fn):
        nodes = list(V.own_nodes(scope))
        saves: dict[str, list[ast.Call]] = {}
        for node in nodes:
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "save", "asave") and isinstance(node.func.value, ast.Name)):
                saves.setdefault(node.func.value.id, []).append(node)
        for node in sorted((n for n in nodes if isinstance(n, ast.stmt)), key=lambda n: n.lineno):
            found = _rmw(node)
            if found is None:
                continue
            var, field, op, amount = found
            if var not in saves:
                continue
            src = _source(index, fn, scope, var, node.lineno, True)
            if src is None or src.locked:
                continue
            if _numeric_field(index, module, src.model, field, amount, src.dotted) is False:
                continue
            if any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == var
                   and n.attr == field for n in walk_tree(amount)):
                continue
            later = [s for s in saves[var] if s.lineno > node.lineno]
            save = next((s for s in later if (_update_fields(s) is None or field in (_update_fields(s) or [])
                                              or "?" in (_update_fields(s) or []))), None)
            if save is None:
                continue
            out.append(RMW(fn, node, var, field, op, amount, save, src, scope.node))
    return out


_ACCOUNT = (
    "from django.db import models\n"
    "from django.utils import timezone\n\n\n"
    "class Account(models.Model):\n"
    "    balance = models.DecimalField(max_digits=10, decimal_places=2, default=0)\n"
    "    required = models.DecimalField(max_digits=10, decimal_places=2, default=100)\n"
    "    paid_on = models.DateField(null=True)\n\n"
    "    def credit(self, amount):\n"
    "{body}"
)


class ReadModifyWrite(Rule):
    """Model field read, changed in Python and saved back (lost update).

    ## What it does
    Finds `obj.field += n`, `obj.field -= n` and `obj.field = obj.field + n` followed by
    `obj.save()` (with or without `update_fields` naming the field), where `obj` is a model instance
    from any source (`rootfix.project.values`): a manager chain (`.get()`, `.first()`,
    `get_or_create()[0]`, custom managers and queryset methods, `get_object_or_404()`), a related
    access (`card.member`, `member.cards.all()`), a loop over a queryset, a helper's return value in
    another module, a type-hinted parameter or one every caller passes a row in, `self` in a model
    method, a receiver's `instance` - in task code, helpers, service classes, model methods and
    receivers, and in functions nested in them. Quiet when the row is locked
    (`select_for_update()`, also when every caller holds that lock) or the update is already an
    `F()` expression / `update()`.

    ## Why is this bad?
    Workers run the same task concurrently. Two of them read `checkins = 5`, both write `6`: one
    increment is lost, silently. Retries and duplicate deliveries (`acks_late`) make it common.

    ## Example
    ```python
    room = Room.objects.get(pk=room_id)
    room.checkins += 1
    room.save(update_fields=["checkins"])
    ```

    ## Use instead
    ```python
    room = Room.objects.get(pk=room_id)
    Room.objects.filter(pk=room.pk).update(checkins=F("checkins") + 1)
    room.refresh_from_db(fields=["checkins"])  # only when room.checkins is used afterwards
    ```
    The database does the addition, atomically. (`select_for_update()` inside `atomic()` is the
    other correct fix; it holds a row lock for the rest of the transaction.)

    ## Fix safety
    When the new value decides something before the save (`if acct.balance >= target: acct.paid = True`),
    the instance reads it back right after the update (`refresh_from_db(fields=[...])`), so the decision
    is taken on what the database holds. No fix when the new value guards the write (a check such as
    `if obj.balance < 0: raise`: the update would already be made), or the save is in another block, or the old value is read before the write for anything else (a cap, a
    balance check, the amount itself: `headroom = cap - obj.hours`): that logic needs
    `select_for_update()` inside `atomic()`, by hand.
    The regression test replays the project's tests that reach the code with a concurrent writer
    injected between the read and the write (its change must survive); when none reaches it, a
    generated run of the function on the test database, with the rows it needs built from the
    models' fields (or the project's factories).

    Unsafe: `QuerySet.update()` does not call the model's `save()`, sends no `pre_save`/`post_save`
    signals and does not touch `auto_now` fields. The save is removed only when it wrote nothing
    but this field (`update_fields` naming only it, or no other field of the instance assigned in
    the function); with other fields in `update_fields` the field is dropped from it. No fix when
    `save()` without `update_fields` would also write other assigned fields.
    """

    code = "WRK401"
    name = "read-modify-write"
    bug_class = "W4"
    component_types = ("background-worker", "scheduled-job")
    fix_safety = "unsafe"

    VALID = (
        Example(
            path="rooms/tasks.py",
            code="""\
from celery import shared_task
from django.db import transaction
from django.db.models import F

from .models import Room


@shared_task
def record_checkin(room_id):
    Room.objects.filter(pk=room_id).update(checkins=F("checkins") + 1)


@shared_task
def record_checkout(room_id):
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room_id)
        room.checkins -= 1
        room.save(update_fields=["checkins"])


@shared_task
def rename(room_id, suffix):
    room = Room.objects.get(pk=room_id)
    room.name = room.name + suffix
    room.checkins = 0
    total = room.checkins + 1
    room.save(update_fields=["name", "checkins"])
    return total
""",
            files=(("rooms/models.py", _MODELS),),
        ),
    )

    INVALID = (
        Example(  # a model method the task calls; the new balance decides a flag before the save
            path="members/models.py",
            code=_ACCOUNT.format(body=(
                "        self.balance += amount\n"
                "        if self.paid_on is None and self.balance >= self.required:\n"
                "            self.paid_on = timezone.localdate()\n"
                "        self.save(update_fields=['balance', 'paid_on'])\n")),
            fixed=_ACCOUNT.format(body=(
                "        Account.objects.filter(pk=self.pk).update(balance=models.F(\"balance\") + amount)\n"
                "        self.refresh_from_db(fields=[\"balance\"])\n"
                "        if self.paid_on is None and self.balance >= self.required:\n"
                "            self.paid_on = timezone.localdate()\n"
                "        self.save(update_fields=['paid_on'])\n")),
            files=(("members/tasks.py", (
                "from celery import shared_task\n\nfrom members.models import Account\n\n\n"
                "@shared_task\ndef book_payment(account_id, amount):\n"
                "    Account.objects.get(pk=account_id).credit(amount)\n")),),
        ),
        Example(  # the new value guards the write: an update first would be made before the guard fires
            path="members/models.py",
            code=_ACCOUNT.format(body=(
                "        self.balance += amount\n"
                "        if self.balance > self.required:\n"
                "            raise ValueError('overpaid')\n"
                "        self.save(update_fields=['balance'])\n")),
            files=(("members/tasks.py", (
                "from celery import shared_task\n\nfrom members.models import Account\n\n\n"
                "@shared_task\ndef book_payment(account_id, amount):\n"
                "    Account.objects.get(pk=account_id).credit(amount)\n")),),
        ),
        Example(  # the amount is worked out from the stale fields (a cap): reported, no F() fix
            path="rooms/tasks.py",
            code="""\
from decimal import Decimal

from celery import shared_task

from .models import Room


@shared_task
def book_nights(room_id, nights):
    room = Room.objects.get(pk=room_id)
    free = max(room.capacity - room.booked, 0)
    taken = min(Decimal(nights), free)
    room.booked = room.booked + taken
    room.save(update_fields=["booked"])
""",
            files=(("rooms/models.py", _MODELS),),
        ),
        Example(
            path="rooms/tasks.py",
            code="""\
import logging

from celery import shared_task

from .models import Room

logger = logging.getLogger(__name__)


@shared_task
def record_checkin(room_id):
    room = Room.objects.get(pk=room_id)
    room.checkins += 1
    room.save(update_fields=["checkins"])
    logger.info("room %s: %s check-ins", room.pk, room.checkins)
""",
            fixed="""\
import logging

from celery import shared_task
from django.db.models import F

from .models import Room

logger = logging.getLogger(__name__)


@shared_task
def record_checkin(room_id):
    room = Room.objects.get(pk=room_id)
    Room.objects.filter(pk=room.pk).update(checkins=F("checkins") + 1)
    room.refresh_from_db(fields=["checkins"])
    logger.info("room %s: %s check-ins", room.pk, room.checkins)
""",
            files=(("rooms/models.py", _MODELS),),
        ),
        Example(
            path="rooms/jobs.py",
            code="""\
from django.db import models

from .models import Room


def close_day(rooms_open):
    for room in Room.objects.filter(name__in=rooms_open):
        room.checkins = room.checkins - 1
        room.name = room.name.strip()
        room.save(update_fields=["name", "checkins"])
""",
            fixed="""\
from django.db import models

from .models import Room


def close_day(rooms_open):
    for room in Room.objects.filter(name__in=rooms_open):
        Room.objects.filter(pk=room.pk).update(checkins=models.F("checkins") - 1)
        room.name = room.name.strip()
        room.save(update_fields=["name"])
""",
            files=(("rooms/models.py", _MODELS),),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        from rootfix.rules.worker._enqueue import is_test_code
        from rootfix.rules.worker._w1common import worker_code

        # code in scope, and the code tasks reach through method calls on rows and on service objects
        # (a model method a task calls on an instance it got from a related access)
        reached = worker_code(ctx.index) if ctx.scope is not None else {}
        for fn in ctx.index.functions.values():
            if not (ctx.in_scope(fn) or fn.qualname in reached) or is_test_code(fn.file):
                continue
            for r in find_rmw(ctx.index, fn):
                model = r.source.model or f"type({r.var})._default_manager"
                yield self.finding(
                    fn, r.stmt,
                    f"{r.var}.{r.field} is read, changed and written back with {r.var}.save(): a concurrent "
                    f"run between the read and the save loses its update; let the database do it: "
                    f"{model}.objects.filter(pk={r.var}.pk).update({r.field}=F(\"{r.field}\") {r.op} ...)"
                    if r.source.model else
                    f"{r.var}.{r.field} is read, changed and written back with {r.var}.save(): a concurrent "
                    f"run between the read and the save loses its update; use an F() update",
                    related=((fn.file, r.save.lineno, "saved here"),),
                )

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        module = index.by_path.get(finding.file)
        if fn is None or module is None:
            return None
        rmw = next((r for r in find_rmw(index, fn) if r.stmt.lineno == finding.line), None)
        if rmw is None:
            return None
        var, field = rmw.var, rmw.field
        # fields assigned on the instance besides this one, before the save
        others = {n.attr for n in _body(rmw)
                  if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name)
                  and n.value.id == var and n.attr != field and n.lineno <= rmw.save.lineno}
        fields = _update_fields(rmw.save)
        if fields is None:
            if others:
                return None
            new_save: str | None = None
        elif "?" in fields:
            return None
        else:
            rest = [f for f in fields if f != field]
            new_save = None if not rest else "keep"
        # does the code after the RMW read the field (or hand the whole instance on)?
        needs_refresh = False
        for n in _body(rmw):
            if getattr(n, "lineno", 0) <= rmw.stmt.lineno or n is rmw.save.func.value:
                continue
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == var:
                if n.attr == field and isinstance(n.ctx, ast.Load):
                    needs_refresh = True
            elif isinstance(n, ast.Name) and n.id == var and isinstance(n.ctx, ast.Load):
                parent_is_attr = any(isinstance(p, ast.Attribute) and p.value is n for p in _body(rmw))
                if not parent_is_attr:
                    needs_refresh = True
        f_name = _local_name(module, "django.db.models.F")
        add_f = None
        if f_name is None:
            models_name = _local_name(module, "django.db.models")
            if models_name:
                f_name = f"{models_name}.F"
            else:
                f_name, add_f = "F", ("django.db.models", "F")
        model_name = rmw.source.model
        add_model = None
        if model_name is None and rmw.source.dotted and index.lookup_class(rmw.source.dotted) is not None:
            mod, _, cls_name = rmw.source.dotted.rpartition(".")
            other = index.modules.get(mod)
            # a module-level import of a module that imports this one back would be circular (models
            # of two apps): then the instance's own class names the manager
            circular = other is not None and any(
                t == module.module or t.startswith(module.module + ".") for t in other.imports.values())
            if cls_name not in {n.id for n in walk_tree(module.tree) if isinstance(n, ast.Name)} and not circular:
                model_name, add_model = cls_name, (mod, cls_name)
        manager = f"{model_name}.{_manager_attr(index, rmw.source.dotted)}" if model_name \
            else f"type({var})._default_manager"
        amount = ast.unparse(rmw.amount)
        if isinstance(rmw.amount, (ast.BinOp, ast.BoolOp, ast.IfExp, ast.Compare)):
            amount = f"({amount})"
        update = f'{manager}.filter(pk={var}.pk).update({field}={f_name}("{field}") {rmw.op} {amount})'
        refresh = f'{var}.refresh_from_db(fields=["{field}"])'
        save_line = rmw.save.lineno
        rmw_line = rmw.stmt.lineno
        save_stmt = next((n for n in _body(rmw) if isinstance(n, ast.Expr) and n.value is rmw.save), None)
        if save_stmt is None:
            return None
        if _reads_instance(rmw, var, rmw.amount):
            return None  # the amount is worked out from the instance's (stale) fields: see below
        inside = {id(n) for n in walk_tree(rmw.stmt)}
        if any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == var
               and n.attr == field and isinstance(n.ctx, ast.Load) and id(n) not in inside
               and getattr(n, "lineno", 0) <= rmw_line for n in _body(rmw)):
            # the value read before the write decides something (a cap, a balance check, the amount
            # itself): an F() update adds to the current value but keeps a decision taken on a stale
            # one; that needs select_for_update() in atomic() by hand
            return None
        if not _same_block(rmw, save_stmt):
            # a conditional save: an F() update would write what the condition may not; that needs
            # select_for_update() in atomic() by hand
            return None
        if any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == var
               and n.attr == field and isinstance(n.ctx, ast.Load) and rmw_line < n.lineno < save_line
               for n in _body(rmw)):
            # the new value decides something before the save (``if obj.balance >= target: ...``): it is
            # read back right after the update, so the decision is taken on the value the database holds
            # (this write and any concurrent one), not on a stale sum. Not when it guards the write
            # (``if obj.balance < 0: raise``): the update would already be made when the guard fires
            for n in _body(rmw):
                if isinstance(n, ast.If) and rmw_line < n.lineno < save_line and any(
                        isinstance(x, ast.Attribute) and isinstance(x.value, ast.Name) and x.value.id == var
                        and x.attr == field for x in walk_tree(n.test)) and any(
                        isinstance(x, (ast.Raise, ast.Return)) for x in walk_tree(n)):
                    return None
            needs_refresh = True

        class T(cst.CSTTransformer):
            METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

            def leave_SimpleStatementLine(self, original, updated):
                line = self.get_metadata(cst.metadata.PositionProvider, original).start.line
                if line == rmw_line:
                    body = [cst.parse_statement(update)]
                    if needs_refresh:
                        body.append(cst.parse_statement(refresh))
                    first = body[0].with_changes(leading_lines=updated.leading_lines)
                    return cst.FlattenSentinel([first, *body[1:]])
                if line == save_line:
                    if new_save is None:
                        return cst.RemoveFromParent()
                    return updated.visit(_DropField(field))
                return updated

        from libcst.metadata import MetadataWrapper

        from rootfix.codemod import with_imports

        tree = with_imports(MetadataWrapper(cst.parse_module(module.source)).visit(T()), (add_model, add_f),
                            index.first_party)
        return Patch(changes=(FileChange(finding.file, module.source, tree.code),))

    def regression(self, index: "RepoIndex", finding: Finding) -> FirstOf | None:
        """The project's tests that reach the code, replayed with a concurrent run / writer; when none
        reaches it, a generated run of the function on the test database (rows built from the models'
        fields or the project's factories) with a concurrent writer injected between read and write."""
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        rmw = next((r for r in find_rmw(index, fn) if r.stmt.lineno == finding.line), None)
        if rmw is None or not rmw.source.dotted or index.lookup_class(rmw.source.dotted) is None:
            return None
        model_dotted = rmw.source.dotted
        specs: list = []
        if rmw.source.kind == "fetch" and rmw.scope_node in (None, fn.node):
            specs.append(Replay(finding.symbol, (fn,), InvariantRef("concurrent-rerun", (fn, model_dotted, rmw.field))))
        write = InvariantRef("concurrent-write", (fn, model_dotted, rmw.field))
        specs.append(Replay(finding.symbol, (fn,), write, otherwise=GeneratedRun(
            finding.symbol, fn, write, check="_ConcurrentWriteProbe()")))
        return FirstOf(tuple(specs))


def _same_block(rmw: RMW, save_stmt: ast.stmt) -> bool:
    """The save runs whenever the read-modify-write does: same statement list."""
    for node in _body(rmw) + [rmw.scope_node or rmw.fn.node]:
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and rmw.stmt in block:
                return save_stmt in block
    return False


def _reads_instance(rmw: RMW, var: str, expr: ast.AST) -> bool:
    """Whether ``expr`` is worked out, through local variables assigned before the write, from a field of
    ``var`` (``overtime = hours - min(hours, self.cap - self.regular)``)."""
    assigns: dict[str, list[ast.AST]] = {}
    for n in _body(rmw):
        if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and n.value is not None \
                and n.lineno < rmw.stmt.lineno:
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for t in targets:
                for name in walk_tree(t):
                    if isinstance(name, ast.Name):
                        assigns.setdefault(name.id, []).append(n.value)
    seen: set[str] = set()
    todo = [expr]
    while todo:
        node = todo.pop()
        for sub in walk_tree(node):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == var \
                    and isinstance(sub.ctx, ast.Load):
                return True
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id not in seen:
                seen.add(sub.id)
                todo.extend(assigns.get(sub.id, ()))
    return False


def _body(rmw: RMW) -> list[ast.AST]:
    """The nodes of the function body (or nested function) holding the read-modify-write."""
    from rootfix.project import values as V

    node = rmw.scope_node if rmw.scope_node is not None else rmw.fn.node
    if node is rmw.fn.node:
        return list(walk_body(node))
    return list(V._own_nodes(node))


def _manager_attr(index: "RepoIndex", dotted: str | None) -> str:
    """``objects`` unless the model declares other managers without it (then ``_default_manager``)."""
    from rootfix.project import values as V

    names = V.manager_names(index, dotted) - V.MANAGERS
    if not names:
        return "objects"
    fields = V._class_fields(index, dotted) if dotted else {}
    return "objects" if "objects" in fields else "_default_manager"


class _DropField(cst.CSTTransformer):
    def __init__(self, field: str) -> None:
        self.field = field

    def leave_Arg(self, original, updated):
        if updated.keyword is not None and updated.keyword.value == "update_fields" and isinstance(
                updated.value, (cst.List, cst.Tuple)):
            elements = [e for e in updated.value.elements
                        if not (isinstance(e.value, cst.SimpleString) and e.value.evaluated_value == self.field)]
            if elements and not (isinstance(updated.value, cst.Tuple) and len(elements) == 1):
                elements[-1] = elements[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated.with_changes(value=updated.value.with_changes(elements=elements))
        return updated


def _local_name(module: "ModuleInfo", dotted: str) -> str | None:
    for local, target in module.imports.items():
        if target == dotted:
            return local
    return None
