"""Fact family: which values are Django model instances and querysets, from any source.

Pure functions over the :class:`~rootfix.discover.index.RepoIndex`, cached per index. A value is
classified wherever it comes from:

* manager chains: ``Model.objects.filter(...).first()``, ``.get()``, ``get_or_create()[0]`` (and tuple
  unpacking), ``Model._default_manager``, custom managers (``Model.active_objects``) and custom
  queryset / manager methods defined in the project (``Model.objects.overdue()``), ``get_object_or_404``;
* related access: forward foreign keys and one-to-ones (``report.item``), reverse managers and
  many-to-many managers (``order.lines.all()``, ``author.book_set``), reverse one-to-ones;
* loop variables and comprehension targets over querysets, ``enumerate(qs)``, ``qs[0]``;
* parameters: model type hints (``Optional``/strings too), ``self`` in model methods (querysets in
  custom ``QuerySet``/``Manager`` methods), and values passed by every project call site (a parameter
  all callers pass a row they locked is itself locked);
* helper returns, across modules, through aliases and ``from`` imports, methods of model instances;
* nested functions and lambdas see the bindings of the function around them.

:func:`value_of` answers for one expression at one line of a function (or of a nested function
inside it); :func:`returns` for what a project function returns.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.discover.index import walk_body
from rootfix.project.callables import dispatched, function_ref, table_classes, table_functions
from rootfix.discover.walk import walk_own, walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
#: QuerySet methods that return a QuerySet of the same rows (or fewer).
QS_METHODS = frozenset({"all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "only",
                        "defer", "using", "annotate", "distinct", "reverse", "select_for_update", "alias", "extra",
                        "none", "union", "intersection", "difference", "complex_filter"})
#: ... that return rows that are not model instances.
ROW_METHODS = frozenset({"values", "values_list", "dates", "datetimes"})
INSTANCE_METHODS = frozenset({"get", "first", "last", "earliest", "latest", "create", "aget", "afirst", "alast",
                              "acreate"})
PAIR_METHODS = frozenset({"get_or_create", "update_or_create", "aget_or_create", "aupdate_or_create"})
#: Range lookups: a filter made only of these does not bound a table that grows.
RANGE = ("__lt", "__lte", "__gt", "__gte", "__isnull")
FK_FIELDS = frozenset({"ForeignKey", "OneToOneField", "ParentalKey"})
M2M_FIELDS = frozenset({"ManyToManyField", "ParentalManyToManyField"})
_MANAGER_BASES = ("Manager", "QuerySet", "BaseManager")


@dataclass(frozen=True)
class Value:
    """What an expression holds."""

    kind: str  # "instance" | "queryset" | "manager" | "pair" (get_or_create's tuple)
    model: str | None = None  # dotted model class, when known
    locked: bool = False  # rows fetched with select_for_update()
    origin: str = "fetch"  # fetch | related | param | loop | helper | self | create
    #: querysets only: rooted at a model's manager and not narrowed (only .all() / one-sided range
    #: filters), not sliced -- the whole table (W6)
    unbounded: bool = False
    #: querysets only: the rows are model instances (not values()/values_list())
    instances: bool = True
    prefetch: bool = False

    @property
    def is_instance(self) -> bool:
        return self.kind == "instance"

    @property
    def is_queryset(self) -> bool:
        return self.kind in ("queryset", "manager")


# --------------------------------------------------------------------------- models
def models(index: "RepoIndex") -> dict[str, tuple["ModuleInfo", ast.ClassDef]]:
    from rootfix.discover.related import model_classes

    return model_classes(index)


def _cache(index: "RepoIndex", name: str) -> dict:
    return index.__dict__.setdefault(f"_rootfix_values_{name}", {})


def _class_fields(index: "RepoIndex", model: str) -> dict[str, tuple[str, ast.Call]]:
    """field name -> (field class name, the call), including inherited (abstract) fields."""
    cache = _cache(index, "fields")
    if model in cache:
        return cache[model]
    cache[model] = {}
    out: dict[str, tuple[str, ast.Call]] = {}
    found = index.lookup_class(model)
    if found is not None:
        info, cls = found
        for base in cls.bases:
            dotted = index.resolve(info, base)
            if dotted and dotted in models(index):
                out.update(_class_fields(index, dotted))
        for stmt in cls.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(
                stmt, ast.AnnAssign) and stmt.value else []
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if not isinstance(value, ast.Call):
                continue
            name = _callee_name(index, info, value)
            for t in targets:
                if isinstance(t, ast.Name):
                    out[t.id] = (name, value)
    cache[model] = out
    return out


def _callee_name(index: "RepoIndex", info: "ModuleInfo", call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in ("as_manager",):
        return "Manager"
    if isinstance(func, ast.Call):  # Manager.from_queryset(QS)()
        return "Manager"
    return (index.resolve(info, func) or ast.unparse(func)).rsplit(".", 1)[-1]


def field_class(index: "RepoIndex", model: str | None, field: str) -> str | None:
    """``DecimalField`` for ``Invoice.total``; None when unknown."""
    if not model:
        return None
    hit = _class_fields(index, model).get(field)
    return hit[0] if hit else None


def _model_ref(index: "RepoIndex", info: "ModuleInfo", expr: ast.expr, owner: str) -> str | None:
    """The model a relation field points to: a class, ``"self"``, ``"app.Model"`` or ``"Model"``."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        text = expr.value
        if text == "self":
            return owner
        name = text.rsplit(".", 1)[-1]
        app = text.rsplit(".", 1)[0] if "." in text else None
        candidates = [m for m in models(index) if m.rsplit(".", 1)[-1] == name]
        if app:
            narrowed = [m for m in candidates if f".{app}." in f".{m}" or m.startswith(f"{app}.")]
            candidates = narrowed or candidates
        same = [m for m in candidates if m.rsplit(".", 1)[0] == owner.rsplit(".", 1)[0]]
        return (same or candidates or [None])[0]
    dotted = index.resolve(info, expr)
    return dotted if dotted in models(index) else None


def manager_names(index: "RepoIndex", model: str | None) -> set[str]:
    """Attributes of the model class that are managers (``objects`` and custom ones)."""
    out = set(MANAGERS)
    if model:
        for name, (cls, _call) in _class_fields(index, model).items():
            if cls.endswith(_MANAGER_BASES) or cls == "Manager":
                out.add(name)
    return out


def related(index: "RepoIndex", model: str | None, attr: str) -> Value | None:
    """``instance.attr`` of a ``model`` instance: a related instance or a related manager."""
    if not model:
        return None
    cache = _cache(index, "related")
    key = (model, attr)
    if key in cache:
        return cache[key]
    cache[key] = None
    out: Value | None = None
    found = index.lookup_class(model)
    hit = _class_fields(index, model).get(attr)
    if hit is not None and found is not None:
        cls_name, call = hit
        target_expr = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "to"), None)
        target = _model_ref(index, found[0], target_expr, model) if target_expr is not None else None
        if cls_name in FK_FIELDS:
            out = Value("instance", target, origin="related")
        elif cls_name in M2M_FIELDS:
            out = Value("manager", target, origin="related")
    elif found is not None:
        # reverse relations: another model's FK/M2M to this one
        for other in models(index):
            for fname, (cls_name, call) in _class_fields(index, other).items():
                if cls_name not in FK_FIELDS | M2M_FIELDS:
                    continue
                target_expr = call.args[0] if call.args else next(
                    (k.value for k in call.keywords if k.arg == "to"), None)
                oinfo = index.lookup_class(other)
                if target_expr is None or oinfo is None or _model_ref(index, oinfo[0], target_expr, other) != model:
                    continue
                rel = next((k.value for k in call.keywords if k.arg == "related_name"), None)
                lower = other.rsplit(".", 1)[-1].lower()
                if isinstance(rel, ast.Constant) and isinstance(rel.value, str):
                    names = {rel.value}
                elif cls_name == "OneToOneField":
                    names = {lower}
                else:
                    names = {f"{lower}_set"}
                if attr in names:
                    kind = "instance" if cls_name == "OneToOneField" else "manager"
                    out = Value(kind, other, origin="related")
    cache[key] = out
    return out


# --------------------------------------------------------------------------- project managers/querysets
def _is_manager_class(index: "RepoIndex", info: "ModuleInfo", cls: ast.ClassDef, depth: int = 0) -> bool:
    if depth > 5:
        return False
    for base in cls.bases:
        target = base.func if isinstance(base, ast.Call) else base
        if isinstance(target, ast.Attribute) and target.attr == "from_queryset":
            return True
        dotted = index.resolve(info, target) or ""
        if dotted.startswith("django.db.models") and dotted.endswith(_MANAGER_BASES):
            return True
        found = index.lookup_class(dotted) if dotted else None
        if found is not None and found[1] is not cls and _is_manager_class(index, found[0], found[1], depth + 1):
            return True
    return False


def queryset_methods(index: "RepoIndex") -> dict[str, list["FunctionInfo"]]:
    """Method name -> methods of the project's Manager / QuerySet subclasses."""
    cache = _cache(index, "qsmethods")
    if "all" in cache:
        return cache["all"]
    out: dict[str, list[FunctionInfo]] = {}
    for info in index.by_path.values():
        for name, cls in info.classes.items():
            if _is_manager_class(index, info, cls):
                for sym, fn in info.functions.items():
                    if fn.class_name == name:
                        out.setdefault(fn.node.name, []).append(fn)
    cache["all"] = out
    return out


def _model_manager_classes(index: "RepoIndex", model: str) -> set[str]:
    """Dotted Manager / QuerySet classes behind a model's managers: ``objects = QS.as_manager()``,
    ``Manager.from_queryset(QS)()``, ``MyManager()``."""
    hit = index.lookup_class(model)
    if hit is None:
        return set()
    info, cls = hit
    out: set[str] = set()
    for stmt in cls.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if not isinstance(value, ast.Call):
            continue
        func = value.func
        refs: list[ast.expr] = []
        if isinstance(func, ast.Attribute) and func.attr == "as_manager":
            refs.append(func.value)
        elif isinstance(func, ast.Call) and isinstance(func.func, ast.Attribute) and func.func.attr == "from_queryset":
            refs += [func.func.value, *func.args]
        else:
            refs.append(func)
        for ref in refs:
            dotted = index.resolve(info, ref) if isinstance(ref, (ast.Name, ast.Attribute)) else None
            if dotted and index.lookup_class(dotted) is not None:
                out.add(dotted)
    return out


def in_manager_class(index: "RepoIndex", fn: "FunctionInfo") -> bool:
    if not fn.class_name:
        return False
    info = index.module_of(fn)
    cls = info.classes.get(fn.class_name)
    return cls is not None and _is_manager_class(index, info, cls)


# --------------------------------------------------------------------------- scopes
class Scope:
    """The bindings of one function body (a project function, or a nested def / lambda inside it)."""

    def __init__(self, index: "RepoIndex", fn: "FunctionInfo", node: ast.AST, parent: "Scope | None" = None):
        self.index, self.fn, self.node, self.parent = index, fn, node, parent
        self.module = index.module_of(fn)
        #: name -> [(line, how, expr)] ; how: value | pair0 | item | enum1 | param
        self.bindings: dict[str, list[tuple[int, str, ast.AST]]] = {}
        args = node.args if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else None
        if args is not None:
            for i, a in enumerate(args.posonlyargs + args.args + args.kwonlyargs):
                self.bindings.setdefault(a.arg, []).append((0, "param", a))
        for sub in _own_nodes(node):
            if isinstance(sub, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
                targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
                if sub.value is None:
                    continue
                for t in targets:
                    self._bind(t, sub.value, sub.lineno, "value")
            elif isinstance(sub, (ast.For, ast.AsyncFor, ast.comprehension)):
                line = getattr(sub, "lineno", None) or getattr(sub.iter, "lineno", 0)
                self._bind(sub.target, sub.iter, line, "item")
            elif isinstance(sub, (ast.With, ast.AsyncWith)):
                for item in sub.items:
                    if item.optional_vars is not None:
                        self._bind(item.optional_vars, item.context_expr, sub.lineno, "with")

    def _bind(self, target: ast.AST, value: ast.AST, line: int, how: str) -> None:
        if isinstance(target, ast.Name):
            self.bindings.setdefault(target.id, []).append((line, how, value))
        elif isinstance(target, (ast.Tuple, ast.List)) and target.elts:
            first = target.elts[0]
            if how == "value" and isinstance(first, ast.Name):
                self.bindings.setdefault(first.id, []).append((line, "pair0", value))
            if how == "item" and len(target.elts) == 2 and isinstance(target.elts[1], ast.Name):
                self.bindings.setdefault(target.elts[1].id, []).append((line, "enum1", value))
            for other in target.elts[(1 if how == "value" else 0):]:
                if isinstance(other, ast.Name) and other.id not in self.bindings:
                    self.bindings.setdefault(other.id, []).append((line, "opaque", value))

    def binding(self, name: str, line: int) -> tuple["Scope", int, str, ast.AST] | None:
        binds = self.bindings.get(name, [])
        before = [b for b in binds if b[0] <= line]
        if before:
            b = max(before, key=lambda b: b[0])
            return self, b[0], b[1], b[2]
        if binds:  # bound only later (a loop's own target read in its header): the first binding
            b = min(binds, key=lambda b: b[0])
            return self, b[0], b[1], b[2]
        if self.parent is not None:
            return self.parent.binding(name, 10 ** 9)
        return None


def _own_nodes(node: ast.AST) -> Iterable[ast.AST]:
    """Nodes of a function body, without nested functions / lambdas / classes (kept per function)."""
    return walk_own(node)


def scopes(index: "RepoIndex", fn: "FunctionInfo") -> list[Scope]:
    """The function's own scope first, then one per nested function or lambda (cached)."""
    cache = _cache(index, "scopes")
    found = cache.get(fn.qualname)
    if found is not None:
        return found
    root = Scope(index, fn, fn.node)
    out = [root]

    def nested(scope: Scope) -> None:
        for sub in _own_nodes(scope.node):
            if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                child = Scope(index, fn, sub, scope)
                out.append(child)
                nested(child)

    nested(root)
    cache[fn.qualname] = out
    return out


def scope_at(index: "RepoIndex", fn: "FunctionInfo", node: ast.AST) -> Scope:
    """The innermost scope of ``fn`` whose own nodes include ``node``."""
    for scope in reversed(scopes(index, fn)):
        if scope.node is node or any(n is node for n in _own_nodes(scope.node)):
            return scope
    return scopes(index, fn)[0]


def own_nodes(scope: Scope) -> Iterator[ast.AST]:
    return _own_nodes(scope.node)


# --------------------------------------------------------------------------- classification
_ACTIVE: set[tuple] = set()
_MAX_ACTIVE = 10  # nested parameter / return look-ups at once (each may recurse through value_of)


def value_of(index: "RepoIndex", fn: "FunctionInfo", expr: ast.AST, line: int | None = None,
             scope: Scope | None = None, depth: int = 0) -> Value | None:
    """What ``expr`` (inside ``fn``, at ``line``) holds: a model instance, a queryset, or None."""
    if depth > 12:
        return None
    scope = scope or scope_at(index, fn, expr)
    line = line if line is not None else getattr(expr, "lineno", 0)
    module = scope.module
    if isinstance(expr, ast.NamedExpr):
        return value_of(index, fn, expr.value, line, scope, depth + 1)
    if isinstance(expr, ast.Await):
        return value_of(index, fn, expr.value, line, scope, depth + 1)
    if isinstance(expr, ast.Name):
        return _name_value(index, fn, expr.id, line, scope, depth, expr)
    if isinstance(expr, ast.Subscript):
        inner = value_of(index, fn, expr.value, line, scope, depth + 1)
        if inner is None:
            return None
        if inner.kind == "pair":
            if isinstance(expr.slice, ast.Constant) and expr.slice.value == 0:
                return replace(inner, kind="instance")
            return None
        if inner.is_queryset:
            if isinstance(expr.slice, ast.Slice):
                return replace(inner, kind="queryset", unbounded=False)
            return replace(inner, kind="instance") if inner.instances else None
        return None
    if isinstance(expr, ast.Attribute):
        return _attribute_value(index, fn, expr, line, scope, depth)
    if isinstance(expr, ast.Call):
        return _call_value(index, fn, expr, line, scope, depth)
    if isinstance(expr, ast.IfExp):
        return value_of(index, fn, expr.body, line, scope, depth + 1) or value_of(
            index, fn, expr.orelse, line, scope, depth + 1)
    if isinstance(expr, ast.BoolOp):
        for v in expr.values:
            got = value_of(index, fn, v, line, scope, depth + 1)
            if got is not None:
                return got
    return None


def _name_value(index, fn, name, line, scope: Scope, depth, node: ast.AST | None = None) -> Value | None:
    bound = scope.binding(name, line)
    if bound is None:
        # a module-level name: a model class's manager is not a value; a module constant queryset is
        return None
    where, bline, how, value = bound
    if node is not None and how not in ("param", "item", "enum1") and _inside(node, value):
        # ``x = f(x)``: the ``x`` read on the right-hand side is the binding before this one
        earlier = [b for b in where.bindings.get(name, []) if b[0] < bline]
        if earlier:
            b = max(earlier, key=lambda b: b[0])
            where, bline, how, value = where, b[0], b[1], b[2]
        elif where.parent is not None and where.parent.binding(name, 10 ** 9) is not None:
            where, bline, how, value = where.parent.binding(name, 10 ** 9)  # type: ignore[misc]
        else:
            return None
    if how == "param":
        return param_value(index, fn, where, value, depth)
    if how == "opaque" or how == "with":
        return None
    got = value_of(index, fn, value, bline, where, depth + 1)
    if got is None:
        return None
    if how == "pair0":
        return replace(got, kind="instance") if got.kind == "pair" else None
    if how in ("item", "enum1"):
        if how == "enum1":
            if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "enumerate"
                    and value.args):
                return None
            got = value_of(index, fn, value.args[0], bline, where, depth + 1)
            if got is None:
                return None
        if got.is_queryset and got.instances:
            return replace(got, kind="instance", origin="loop", unbounded=False)
        return None
    return got


def _inside(node: ast.AST, value: ast.AST) -> bool:
    line = getattr(node, "lineno", None)
    if node is value or line is None or not (
            getattr(value, "lineno", 0) <= line <= (getattr(value, "end_lineno", None) or line)):
        return False
    return any(n is node for n in walk_tree(value))


def _attribute_value(index, fn, expr: ast.Attribute, line, scope, depth) -> Value | None:
    module = scope.module
    # Model.objects / Model.custom_manager
    dotted = index.resolve(module, expr.value) if isinstance(expr.value, (ast.Name, ast.Attribute)) else None
    if dotted and dotted in models(index):
        if expr.attr in manager_names(index, dotted):
            return Value("manager", dotted, unbounded=True)
        return None
    if isinstance(expr.value, ast.Name) and expr.value.id == "self" and expr.attr == "model" \
            and in_manager_class(index, fn):
        return None
    owner = value_of(index, fn, expr.value, line, scope, depth + 1)
    if owner is None:
        return None
    if owner.is_instance:
        rel = related(index, owner.model, expr.attr)
        if rel is not None:
            return replace(rel, locked=False)
        if owner.model is None and expr.attr.endswith("_set"):
            return Value("manager", None, origin="related")
        if owner.model is not None and expr.attr in manager_names(index, owner.model) - MANAGERS:
            return None
        return None
    return None


def _call_value(index, fn, call: ast.Call, line, scope: Scope, depth) -> Value | None:
    module = scope.module
    func = call.func
    if isinstance(func, ast.Attribute):
        method = func.attr
        recv = value_of(index, fn, func.value, line, scope, depth + 1)
        if recv is not None and recv.is_queryset:
            return _queryset_method(index, recv, method, call, depth)
        if recv is not None and recv.is_instance:
            if method == "refresh_from_db":
                return None
            target = instance_method(index, recv.model, method)
            if target is not None:
                got = returns(index, target, depth + 1)
                if got is not None and got.origin == "self":
                    return recv
                return got
            return None
    dotted = index.resolve(module, func) if isinstance(func, (ast.Name, ast.Attribute)) else None
    if dotted:
        leaf = dotted.rsplit(".", 1)[-1]
        if leaf in ("get_object_or_404", "aget_object_or_404") and call.args:
            first = call.args[0]
            model = index.resolve(module, first) if isinstance(first, (ast.Name, ast.Attribute)) else None
            if model in models(index):
                return Value("instance", model)
            inner = value_of(index, fn, first, line, scope, depth + 1)
            if inner is not None and inner.is_queryset:
                return Value("instance", inner.model, inner.locked)
            return None
        if leaf in ("get_list_or_404",) and call.args:
            model = index.resolve(module, call.args[0]) if isinstance(call.args[0], (ast.Name, ast.Attribute)) else None
            return Value("queryset", model if model in models(index) else None, unbounded=False) \
                if model in models(index) else None
        if dotted in models(index):
            return Value("instance", dotted, origin="create")
        target = index.resolve_call(module, call, fn.class_name)
        if target is not None and target.qualname != fn.qualname:
            got = returns(index, target, depth + 1)
            if got is not None and got.origin != "self":
                return replace(got, origin="helper") if got.origin in ("fetch", "loop") else got
    return None


def _queryset_method(index, recv: Value, method: str, call: ast.Call, depth) -> Value | None:
    if method in QS_METHODS:
        unbounded = recv.unbounded
        if method == "filter":
            unbounded = unbounded and _only_range_filters(call)
        elif method == "exclude":
            # leaving rows out never bounds what remains (``exclude(charged_on=day)``: the backlog still grows)
            unbounded = unbounded and not call.args
        elif method == "none":
            unbounded = False
        return replace(recv, kind="queryset", locked=recv.locked or method == "select_for_update",
                       unbounded=unbounded, prefetch=recv.prefetch or method == "prefetch_related")
    if method in ROW_METHODS:
        return replace(recv, kind="queryset", instances=False)
    if method in INSTANCE_METHODS:
        return replace(recv, kind="instance", unbounded=False, origin="create" if method in (
            "create", "acreate") else recv.origin)
    if method in PAIR_METHODS:
        return replace(recv, kind="pair", unbounded=False)
    if method in ("iterator", "count", "exists", "aggregate", "update", "delete", "in_bulk", "explain",
                  "bulk_create", "bulk_update", "acount", "aexists", "aupdate", "adelete", "as_manager"):
        return None
    # a custom manager / queryset method of the project
    for target in queryset_methods(index).get(method, []):
        got = returns(index, target, depth + 1)
        if got is not None:
            return replace(got, model=recv.model or got.model, locked=recv.locked or got.locked,
                           unbounded=recv.unbounded and got.unbounded, origin=recv.origin)
    return None


def _only_range_filters(call: ast.Call) -> bool:
    if call.args:
        return False  # Q objects: assume they narrow
    if not call.keywords:
        return True
    sides: dict[str, set[str]] = {}
    flags = [kw for kw in call.keywords if kw.arg is not None and isinstance(kw.value, ast.Constant)
             and isinstance(kw.value.value, bool) and not kw.arg.endswith(RANGE)]
    if len(flags) == len(call.keywords):
        return False  # only flags (``filter(is_active=True)``): assume the flag narrows
    for kw in call.keywords:
        if kw in flags:
            continue  # a flag beside a range lookup splits the backlog in two: one side still grows with the table
        if kw.arg is None or not kw.arg.endswith(RANGE):
            return False
        field, _, op = kw.arg.rpartition("__")
        sides.setdefault(field, set()).add("lo" if op in ("gt", "gte") else "hi" if op in ("lt", "lte") else op)
    return not any({"lo", "hi"} <= s for s in sides.values())


def instance_method(index: "RepoIndex", model: str | None, method: str) -> "FunctionInfo | None":
    if not model:
        return None
    found = index.lookup_class(model)
    if found is None:
        return None
    info, cls = found
    fn = info.functions.get(f"{cls.name}.{method}")
    if fn is not None:
        return fn
    return index._inherited_method(info, cls.name, method)


def model_of_self(index: "RepoIndex", fn: "FunctionInfo") -> str | None:
    """The model a method belongs to (``self`` is an instance of it), for methods of model classes."""
    if not fn.class_name or "." in fn.class_name:
        return None
    dotted = f"{fn.module}.{fn.class_name}"
    return dotted if dotted in models(index) else None


def _annotation_model(index: "RepoIndex", module: "ModuleInfo", ann: ast.AST | None) -> str | None:
    if ann is None:
        return None
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        try:
            ann = ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(ann, ast.Subscript):  # Optional[Model]
        return _annotation_model(index, module, ann.slice)
    if isinstance(ann, ast.BinOp):  # Model | None
        return _annotation_model(index, module, ann.left) or _annotation_model(index, module, ann.right)
    if isinstance(ann, (ast.Name, ast.Attribute)):
        dotted = index.resolve(module, ann)
        return dotted if dotted in models(index) else None
    return None


def param_value(index: "RepoIndex", fn: "FunctionInfo", scope: Scope, arg: ast.arg, depth: int = 0) -> Value | None:
    """A parameter's value: from its type hint, ``self`` of a model method, or every project call site."""
    key = ("param", fn.qualname, id(scope.node), arg.arg)
    cache = _cache(index, "params")
    if key in cache:
        return cache[key]
    if key in _ACTIVE or len(_ACTIVE) > _MAX_ACTIVE:
        return None
    _ACTIVE.add(key)
    try:
        # cached whatever the depth it was asked at: computed from a fresh depth (the cycle guard
        # above bounds the recursion), so a long chain does not cache "not known"
        out = _param_value(index, fn, scope, arg, 0)
    finally:
        _ACTIVE.discard(key)
    cache[key] = out
    return out


def _param_value(index, fn, scope: Scope, arg: ast.arg, depth) -> Value | None:
    module = scope.module
    model = _annotation_model(index, module, arg.annotation)
    if model:
        return Value("instance", model, origin="param")
    if scope.node is not fn.node:
        # a nested function's / lambda's parameter: its callers are not followed, but a default
        # (``lambda c=customer: ...``, the loop-variable capture idiom) is the enclosing scope's value
        args = scope.node.args  # type: ignore[attr-defined]
        positional = args.posonlyargs + args.args
        defaults = dict(zip([a.arg for a in positional[len(positional) - len(args.defaults):]], args.defaults))
        defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
        default = defaults.get(arg.arg)
        if default is not None and scope.parent is not None:
            return value_of(index, fn, default, getattr(default, "lineno", 0), scope.parent, depth + 1)
        return None
    params = fn.node.args.posonlyargs + fn.node.args.args
    is_static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.node.decorator_list)
    if params and params[0] is arg and fn.class_name and not is_static:
        model = model_of_self(index, fn)
        if model:
            return Value("instance", model, origin="self")
        if in_manager_class(index, fn):
            return Value("queryset", None, origin="self", unbounded=True)
        return None
    sender = _receiver_sender(index, fn)
    if sender and arg.arg == "instance":
        return Value("instance", sender, origin="param")
    # every project call site of the function
    position = None
    offset = 1 if fn.class_name and params and params[0].arg in ("self", "cls") and not is_static else 0
    for i, a in enumerate(params):
        if a is arg:
            position = i - offset
    got: list[Value] = []
    for caller, call in call_sites(index, fn):
        passed = None
        if position is not None and 0 <= position < len(call.args) and not any(
                isinstance(a, ast.Starred) for a in call.args[:position + 1]):
            passed = call.args[position]
        for kw in call.keywords:
            if kw.arg == arg.arg:
                passed = kw.value
        if passed is None:
            continue
        v = value_of(index, caller, passed, call.lineno, None, depth + 1)
        if v is None:
            return None  # some caller passes something else: not known
        got.append(v)
    if not got:
        return None
    first = got[0]
    return Value(first.kind, first.model if all(v.model == first.model for v in got) else None,
                 locked=all(v.locked for v in got), origin="param",
                 unbounded=all(v.unbounded for v in got), instances=all(v.instances for v in got))


def _receiver_sender(index: "RepoIndex", fn: "FunctionInfo") -> str | None:
    """``@receiver(post_save, sender=Card)`` (or ``post_save.connect(fn, sender=Card)``): Card."""
    module = index.module_of(fn)
    for deco in fn.node.decorator_list:
        if isinstance(deco, ast.Call) and (index.resolve(module, deco.func) or "").endswith("receiver"):
            for kw in deco.keywords:
                if kw.arg == "sender":
                    dotted = index.resolve(module, kw.value)
                    return dotted if dotted in models(index) else None
    for node in walk_tree(module.tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == fn.node.name):
            for kw in node.keywords:
                if kw.arg == "sender":
                    dotted = index.resolve(module, kw.value)
                    return dotted if dotted in models(index) else None
    return None


def call_sites(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple["FunctionInfo", ast.Call]]:
    """Project calls of ``fn``: the index's call graph, plus ``x.method()`` on instances of its model."""
    out = list(index.callers(fn))
    model = model_of_self(index, fn)
    if model is not None:
        seen = {id(c) for _, c in out}
        for caller, call in method_calls(index).get(fn.node.name, []):
            if id(call) in seen or caller.qualname == fn.qualname:
                continue
            recv = value_of(index, caller, call.func.value, call.lineno)  # type: ignore[attr-defined]
            if recv is not None and recv.is_instance and (recv.model == model or recv.model is None):
                out.append((caller, call))
    elif in_manager_class(index, fn):
        seen = {id(c) for _, c in out}
        for caller, call in queryset_method_calls(index).get(fn.node.name, []):
            if id(call) in seen or caller.qualname == fn.qualname:
                continue
            recv = value_of(index, caller, call.func.value, call.lineno)  # type: ignore[attr-defined]
            # the receiver is a queryset or manager, or a chain the value model cannot type: the method's
            # name is the project's own, so the call is taken as its
            if recv is None or recv.kind in ("queryset", "manager"):
                out.append((caller, call))
    return out


def queryset_method_calls(index: "RepoIndex") -> dict[str, list[tuple["FunctionInfo", ast.Call]]]:
    """Method name -> ``<expr>.name(...)`` calls in project functions, for the methods of the project's own
    ``QuerySet`` / ``Manager`` classes (``Session.objects.completed().ended_between(a, b)``)."""
    cache = _cache(index, "qscalls")
    if "all" in cache:
        return cache["all"]
    names = {n for n in queryset_methods(index) if not n.startswith("_")} - QS_METHODS - ROW_METHODS \
        - INSTANCE_METHODS - PAIR_METHODS - {"get_queryset", "update", "count", "exists", "delete"}
    out: dict[str, list[tuple[FunctionInfo, ast.Call]]] = {}
    if names:
        for fn in index.functions.values():
            for node in walk_tree(fn.node):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names:
                    out.setdefault(node.func.attr, []).append((fn, node))
    cache["all"] = out
    return out


def method_calls(index: "RepoIndex") -> dict[str, list[tuple["FunctionInfo", ast.Call]]]:
    """Method name -> ``<expr>.name(...)`` calls anywhere in project functions, for names that are
    methods of model classes."""
    cache = _cache(index, "methodcalls")
    if "all" in cache:
        return cache["all"]
    names = set()
    for dotted, (info, cls) in models(index).items():
        for stmt in cls.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(stmt.name)
    names -= {"save", "delete", "__str__", "clean", "full_clean", "get_absolute_url", "__init__", "update", "count",
              "exists", "refresh_from_db", "items", "keys", "values", "append", "format", "join", "split"}
    names -= QS_METHODS | ROW_METHODS | INSTANCE_METHODS | PAIR_METHODS
    names = {n for n in names if not n.startswith("__")}
    out: dict[str, list[tuple[FunctionInfo, ast.Call]]] = {}
    if names:
        for fn in index.functions.values():
            for node in walk_tree(fn.node):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names
                        and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", "cls"))):
                    out.setdefault(node.func.attr, []).append((fn, node))
    cache["all"] = out
    return out


def returns(index: "RepoIndex", fn: "FunctionInfo", depth: int = 0) -> Value | None:
    """What a project function returns, when every ``return`` gives the same kind of value
    (``self`` in a model method / queryset method comes back as origin "self")."""
    cache = _cache(index, "returns")
    if fn.qualname in cache:
        return cache[fn.qualname]
    key = ("returns", fn.qualname)
    if key in _ACTIVE or len(_ACTIVE) > _MAX_ACTIVE:
        return None
    depth = 0  # cached: computed from a fresh depth, like param_value
    _ACTIVE.add(key)
    try:
        got: list[Value] = []
        root = scopes(index, fn)[0]
        for node in _own_nodes(fn.node):
            if isinstance(node, ast.Return) and node.value is not None:
                if isinstance(node.value, ast.Constant) and node.value.value is None:
                    continue
                v = value_of(index, fn, node.value, node.lineno, root, depth + 1)
                if v is None:
                    got = []
                    break
                got.append(v)
        out = None
        if got and all(v.kind == got[0].kind for v in got):
            first = got[0]
            out = replace(first, model=first.model if all(v.model == first.model for v in got) else None,
                          locked=all(v.locked for v in got), unbounded=all(v.unbounded for v in got))
    finally:
        _ACTIVE.discard(key)
    cache[fn.qualname] = out
    return out


def is_model_instance(index: "RepoIndex", fn: "FunctionInfo", expr: ast.AST, line: int | None = None) -> bool:
    v = value_of(index, fn, expr, line)
    return v is not None and v.is_instance


def locked_by_callers(index: "RepoIndex", fn: "FunctionInfo", model: str | None, depth: int = 0) -> bool:
    """Every project caller of ``fn`` (at least one) runs it while holding a ``select_for_update()``
    lock on a row of ``model``: fetched in the caller before the call (in a transaction), or held
    by the caller's own callers."""
    sites = call_sites(index, fn)
    if not sites or depth > 3:
        return False
    for caller, call in sites:
        held = False
        for scope in scopes(index, caller):
            for node in own_nodes(scope):
                if not (isinstance(node, ast.Call) and node.lineno <= call.lineno):
                    continue
                if (isinstance(node.func, ast.Attribute) and node.func.attr == "select_for_update") \
                        or _returns_locked(index, caller, node):
                    v = value_of(index, caller, node, node.lineno, scope)
                    if v is not None and (model is None or v.model in (None, model)
                                          or _references(index, model, v.model)):
                        held = True
        if not held and not locked_by_callers(index, caller, model, depth + 1):
            return False
    return True


def _returns_locked(index: "RepoIndex", fn: "FunctionInfo", call: ast.Call) -> bool:
    """``call`` is a project helper that returns a ``select_for_update()`` queryset
    (``def app_qs_select_for_update(): return App.objects.select_for_update()``)."""
    callee = index.resolve_call(index.module_of(fn), call, fn.class_name)
    return callee is not None and any(
        isinstance(r, ast.Return) and r.value is not None and any(
            isinstance(n, ast.Attribute) and n.attr == "select_for_update" for n in walk_tree(r.value))
        for r in walk_tree(callee.node))


def _references(index: "RepoIndex", model: str | None, parent: str | None) -> bool:
    """``model`` has a foreign key to ``parent``: a lock on the parent row serializes the writers of its
    children that take it (``lock the App, then update its AppProblem``)."""
    found = index.lookup_class(model) if model and parent else None
    if found is None:
        return False
    info, cls = found
    short = parent.rsplit(".", 1)[-1]
    for node in walk_tree(cls):
        if isinstance(node, ast.Call) and ast.unparse(node.func).rsplit(".", 1)[-1] in ("ForeignKey", "OneToOneField") \
                and node.args:
            target = node.args[0]
            text = target.value if isinstance(target, ast.Constant) and isinstance(target.value, str) else \
                (index.resolve(info, target) or ast.unparse(target))
            if str(text).rsplit(".", 1)[-1] == short:
                return True
    return False


# --------------------------------------------------------------------------- calls through values
def callees(index: "RepoIndex", fn: "FunctionInfo") -> list["FunctionInfo"]:
    """Project functions ``fn`` calls: the index's call graph, plus methods called on values the index
    does not type: model instances from any source (``report.item.recompute()``), instances of project
    classes built in place (``StatusReport().build()``, ``svc = Service(); svc.run()``) - nested
    functions and lambdas included."""
    cache = _cache(index, "callees")
    if fn.qualname in cache:
        return cache[fn.qualname]
    out = {c.qualname: c for c, _ in index.callees(fn)}
    cache[fn.qualname] = list(out.values())
    module = index.module_of(fn)
    for scope in scopes(index, fn):
        for node in _own_nodes(scope.node):
            if isinstance(node, ast.Call):
                # a project function handed to a scheduler / executor / thread runs when it is called
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    target = function_ref(index, module, arg) if isinstance(arg, (ast.Name, ast.Attribute)) \
                        else None
                    if target is not None and target.qualname != fn.qualname:
                        out.setdefault(target.qualname, target)
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Subscript, ast.Call)):
                for target in dispatched(index, module, node):  # ``JOBS[name]()``: every job of the table
                    if target.qualname != fn.qualname:
                        out.setdefault(target.qualname, target)
                continue
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                # ``job, save = REPORTS[name]; job(...)``: a name taken from a dispatch table
                bound = scope.binding(node.func.id, node.lineno)
                if bound is not None and bound[2] in ("value", "pair0", "opaque"):
                    for target in table_functions(index, module, bound[3]):  # type: ignore[arg-type]
                        if target.qualname != fn.qualname:
                            out.setdefault(target.qualname, target)
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            method, recv = node.func.attr, node.func.value
            target = None
            cls_call = None
            if isinstance(recv, ast.Call):
                cls_call = recv
            elif isinstance(recv, ast.Name):
                bound = scope.binding(recv.id, node.lineno)
                if bound is not None and bound[2] == "value" and isinstance(bound[3], ast.Call):
                    cls_call = bound[3]
            cls_expr = cls_call.func if cls_call is not None else None
            if cls_expr is not None and isinstance(cls_expr, (ast.Subscript, ast.Call)):
                # ``JOBS[name](spark, day).run()``: the method of every class the dispatch table holds
                for info, cls in table_classes(index, module, cls_expr):
                    found_method = info.functions.get(f"{cls.name}.{method}") or index._inherited_method(
                        info, cls.name, method)
                    if found_method is not None and found_method.qualname != fn.qualname:
                        out.setdefault(found_method.qualname, found_method)
                continue
            if cls_expr is not None and isinstance(cls_expr, (ast.Name, ast.Attribute)):
                dotted = index.resolve(module, cls_expr)
                found = index.lookup_class(dotted) if dotted else None
                if found is None and isinstance(cls_expr, ast.Attribute):
                    found = index.factory_class(module, cls_call, fn.class_name)  # ``Client.for_partner(p)``
                if found is not None:
                    info, cls = found
                    target = info.functions.get(f"{cls.name}.{method}") or index._inherited_method(
                        info, cls.name, method)
            if target is None and not (isinstance(recv, ast.Name) and recv.id in ("self", "cls")):
                v = value_of(index, fn, recv, node.lineno, scope)
                if v is not None and v.is_instance:
                    target = instance_method(index, v.model, method)
                elif method in queryset_method_calls(index) and (v is None or v.kind in ("queryset", "manager")):
                    # the project's own queryset / manager method (``X.objects.completed().ended_between()``):
                    # taken when one class defines it, or one of the receiver's model's managers does
                    found = queryset_methods(index).get(method, [])
                    if len(found) > 1 and v is not None and v.model:
                        own = _model_manager_classes(index, v.model)
                        found = [f for f in found if f"{f.module}.{f.class_name}" in own]
                    target = found[0] if len(found) == 1 else None
            if target is not None and target.qualname != fn.qualname:
                out.setdefault(target.qualname, target)
        if scope.node is not fn.node:
            for sub in _own_nodes(scope.node):
                if isinstance(sub, ast.Call):
                    t = index.resolve_call(module, sub, fn.class_name)
                    if t is not None and t.qualname != fn.qualname:
                        out.setdefault(t.qualname, t)
    cache[fn.qualname] = list(out.values())
    return cache[fn.qualname]


#: Methods of Django's Model API that every model has: called all over a project, through the static graph too.
_MODEL_API = frozenset({"save", "delete", "refresh_from_db", "clean", "full_clean", "clean_fields",
                        "validate_unique", "get_absolute_url", "save_base", "serializable_value"})


def method_callers(index: "RepoIndex", target: "FunctionInfo") -> list[tuple["FunctionInfo", ast.Call]]:
    """``(caller, call)`` for the calls of the method ``target`` the index's call graph does not see: on a value
    only :func:`callees` types (a model instance the ORM returned, ``order.mark_resulted()``; an instance built
    in place). Only modules whose text names the method are looked at."""
    if not target.class_name or f"{target.module}.{target.class_name}" not in models(index) \
            or target.node.name.startswith("_") or target.node.name in _MODEL_API:
        return []  # only a model's own methods: what the ORM hands back is a model instance
    cache = _cache(index, "method_callers")
    if target.qualname in cache:
        return cache[target.qualname]
    name = target.node.name
    needle = f".{name}("
    static = {(c.qualname, id(call)) for c, call in index.callers(target)}
    out: list[tuple[FunctionInfo, ast.Call]] = []
    for info in index.modules.values():
        if needle not in info.source:
            continue
        lines = info.source.splitlines()
        for fn in info.functions.values():
            end = getattr(fn.node, "end_lineno", None) or fn.line
            if needle not in "\n".join(lines[fn.node.lineno - 1:end]):
                continue  # only functions whose own text calls the method
            if fn.qualname == target.qualname or not any(c.qualname == target.qualname for c in callees(index, fn)):
                continue
            for node in _own_nodes(fn.node):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name \
                        and (fn.qualname, id(node)) not in static:
                    out.append((fn, node))
    cache[target.qualname] = out
    return out


def reachable(index: "RepoIndex", fn: "FunctionInfo", max_depth: int = 3) -> list["FunctionInfo"]:
    """``fn`` and what it calls (:func:`callees`), breadth first, up to ``max_depth`` calls away."""
    seen = {fn.qualname: fn}
    frontier = [fn]
    for _ in range(max_depth):
        nxt = []
        for f in frontier:
            for c in callees(index, f):
                if c.qualname not in seen:
                    seen[c.qualname] = c
                    nxt.append(c)
        frontier = nxt
    return list(seen.values())
