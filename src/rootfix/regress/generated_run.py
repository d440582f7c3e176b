"""Generated runs: call a function of the project on the test database when no project test reaches it.

Issue 8 asks for class oracles that prove a fix *without* a project test: the function is run directly,
inside a Django ``TestCase`` (so on the test database, in the test's transaction), with arguments built
from what the code says it takes:

* a parameter named like a model (``order``, ``booking``) gets an instance of it, ``orders`` a list of
  one, ``order_id`` / ``order_pk`` its primary key;
* instances come from the project's factory_boy factory for the model when it has one
  (``class OrderFactory(DjangoModelFactory): class Meta: model = Order``), else are built from the
  model's fields at run time (required fields filled by type, foreign keys built recursively);
* a method of a model (or of a mixin a model uses) runs on a built instance, a method of a service class
  whose ``__init__`` needs nothing on a fresh object;
* scalar parameters get a value by their name (``*_at`` a time, ``amount``/``count`` 1, text otherwise);
  parameters with defaults are left out. Anything else (``request``, ``rows``) -> no generated run.

:func:`call_plan` returns the plan (imports, statements, the call) or None; :data:`BUILD_HELPERS` is
the runtime half, pasted into the generated test module.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

MODEL_BASES = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
_NUMBERS = ("amount", "total", "count", "quantity", "qty", "price", "number", "limit", "size", "days", "hours")
_COLLECTIONS = ("rows", "items", "lines", "data", "payload", "records", "entries", "kwargs", "args", "options")
_UNKNOWABLE = ("request", "queue", "client", "session", "connection", "conn", "cursor", "file", "fh", "stream")


@dataclass(frozen=True)
class CallPlan:
    imports: tuple[str, ...]
    factories: dict[str, str]  # model label ("app.Model" dotted class) -> factory dotted
    setup: tuple[str, ...]  # statements before the call
    call: str  # the call expression
    args: tuple[str, ...] = ()  # positional argument expressions
    kwargs: tuple[tuple[str, str], ...] = ()  # keyword-only ones


def _is_model(index: "RepoIndex", module: "ModuleInfo", cls: ast.ClassDef, depth: int = 0) -> bool:
    if depth > 6:
        return False
    for base in cls.bases:
        dotted = index.resolve(module, base) or ""
        if dotted in MODEL_BASES:
            return True
        found = index.lookup_class(dotted)
        if found and _is_model(index, found[0], found[1], depth + 1):
            return True
    return False


def models(index: "RepoIndex") -> dict[str, str]:
    """lowercase class name -> dotted class, for the project's concrete-looking models."""
    cache = index.__dict__.setdefault("_rootfix_generated_models", {})
    if "map" in cache:
        return cache["map"]
    out: dict[str, str] = {}
    for info in index.modules.values():
        if "migrations" in info.module.split(".") or "tests" in info.module.split("."):
            continue
        for name, cls in info.classes.items():
            if _is_model(index, info, cls):
                out.setdefault(name.lower(), f"{info.module}.{name}")
    cache["map"] = out
    return out


def factories(index: "RepoIndex") -> dict[str, str]:
    """dotted model -> dotted factory_boy factory (``class Meta: model = X`` of a DjangoModelFactory)."""
    out: dict[str, str] = {}
    for info in index.modules.values():
        for name, cls in info.classes.items():
            if not any((index.resolve(info, b) or "").endswith("DjangoModelFactory") for b in cls.bases):
                continue
            for stmt in cls.body:
                if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
                    for sub in stmt.body:
                        if (isinstance(sub, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "model"
                                                                 for t in sub.targets)):
                            model = index.resolve(info, sub.value) or ""
                            found = index.lookup_class(model)
                            if found:
                                out[f"{found[0].module}.{found[1].name}"] = f"{info.module}.{name}"
    return out


def _model_for(index: "RepoIndex", word: str) -> str | None:
    word = word.lower().replace("_", "")
    table = models(index)
    if word in table:
        return table[word]
    matches = [dotted for name, dotted in table.items() if word.endswith(name)]
    return matches[0] if len(matches) == 1 else None


def _value_for(index: "RepoIndex", name: str) -> tuple[str, str | None] | None:
    """(expression, model dotted or None) for a parameter, or None when nothing sensible can be passed."""
    low = name.lower()
    if low in _UNKNOWABLE or low in _COLLECTIONS:
        return None
    for suffix in ("_id", "_pk"):
        if low.endswith(suffix):
            model = _model_for(index, low[: -len(suffix)])
            return (f"_instance({_local(model)}).pk", model) if model else None
    model = _model_for(index, low)
    if model:
        return f"_instance({_local(model)})", model
    if low.endswith("s") and _model_for(index, low[:-1]):
        model = _model_for(index, low[:-1])
        return f"[_instance({_local(model)})]", model
    if low.endswith(("_at", "when", "date", "time")):
        return "_now()", None
    if low.endswith(_NUMBERS) or low in ("n", "i"):
        return "1", None
    return repr(f"rootfix-{low}"), None


def _local(dotted: str | None) -> str:
    return "_M_" + (dotted or "").rsplit(".", 1)[-1]


def call_plan(index: "RepoIndex", fn: "FunctionInfo", *, bound_task: bool = False) -> CallPlan | None:
    """How to call ``fn`` on generated data, or None when its inputs cannot be made up (``bound_task``:
    the first parameter is the Celery task itself, not passed)."""
    module = index.module_of(fn)
    args = fn.node.args
    params = args.posonlyargs + args.args
    n_defaults = len(args.defaults)
    required = params[: len(params) - n_defaults] if n_defaults else params
    if bound_task and fn.class_name is None:
        required = required[1:]
    used_models: set[str] = set()
    imports: list[str] = []
    setup: list[str] = []
    receiver = f"_target"
    if fn.class_name is not None:
        required = required[1:]  # self / cls
        cls = module.classes.get(fn.class_name)
        if cls is None:
            return None
        imports.append(f"from {fn.module} import {fn.class_name} as _TargetClass")
        if _is_model(index, module, cls):
            used_models.add(f"{fn.module}.{fn.class_name}")
            setup.append(f"_target = _instance({_local(f'{fn.module}.{fn.class_name}')})")
        else:
            host = next((dotted for dotted in models(index).values()
                         if _uses_mixin(index, dotted, f"{fn.module}.{fn.class_name}")), None)
            init = module.functions.get(f"{fn.class_name}.__init__")
            if host is not None:
                used_models.add(host)
                setup.append(f"_target = _instance({_local(host)})")
            elif init is None or len(init.node.args.args) - 1 <= len(init.node.args.defaults):
                setup.append("_target = _TargetClass()")
            else:
                return None
        receiver = f"_target.{fn.node.name}"
    else:
        imports.append(f"from {fn.module} import {fn.node.name} as _target")
    if bound_task and fn.class_name is not None:
        imports, setup, receiver = [], [], "_target"  # a Task class's run: the task is the caller's business
    values = []
    kwargs = []
    for p in required:
        found = _value_for(index, p.arg)
        if found is None:
            return None
        expr, model = found
        if model:
            used_models.add(model)
        values.append(expr)
    positional = tuple(values)
    for p in args.kwonlyargs:
        i = args.kwonlyargs.index(p)
        if args.kw_defaults[i] is None:
            found = _value_for(index, p.arg)
            if found is None:
                return None
            if found[1]:
                used_models.add(found[1])
            values.append(f"{p.arg}={found[0]}")
            kwargs.append((p.arg, found[0]))
    for dotted in sorted(used_models):
        mod, _, name = dotted.rpartition(".")
        imports.append(f"from {mod} import {name} as {_local(dotted)}")
    fac = {m: f for m, f in factories(index).items() if m in used_models}
    return CallPlan(tuple(imports), fac, tuple(setup), f"{receiver}({', '.join(values)})", positional,
                    tuple(kwargs))


def _uses_mixin(index: "RepoIndex", model: str, mixin: str) -> bool:
    found = index.lookup_class(model)
    if found is None:
        return False
    info, cls = found
    return any(index._follow_reexport(index.resolve(info, b) or "") == mixin for b in cls.bases)


BUILD_HELPERS = '''
_FACTORIES = {factories!r}  # dotted model -> the project's factory_boy factory


def _now():
    from django.utils import timezone

    return timezone.now()


def _instance(model, _depth=0):
    """A saved instance of ``model``: the project's factory when it has one, else required fields by type."""
    import datetime
    import decimal
    import importlib
    import uuid

    from django.db import models

    key = f"{{model.__module__}}.{{model.__name__}}"
    if key in _FACTORIES:
        mod, _, name = _FACTORIES[key].rpartition(".")
        return getattr(importlib.import_module(mod), name)()
    values = {{}}
    for field in model._meta.concrete_fields:
        if (field.primary_key or field.has_default() or field.null or getattr(field, "auto_now", False)
                or getattr(field, "auto_now_add", False)):
            continue
        if field.is_relation:
            if _depth > 4:
                continue
            values[field.name] = _instance(field.related_model, _depth + 1)
        elif field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.EmailField):
            values[field.name] = f"rootfix{{uuid.uuid4().hex[:8]}}@example.com"
        elif isinstance(field, models.URLField):
            values[field.name] = "https://example.com/rootfix"
        elif isinstance(field, (models.CharField, models.TextField, models.SlugField)):
            limit = field.max_length or 32
            values[field.name] = ("rootfix-" + uuid.uuid4().hex)[:limit]
        elif isinstance(field, models.BooleanField):
            values[field.name] = False
        elif isinstance(field, models.DecimalField):
            values[field.name] = decimal.Decimal("1")
        elif isinstance(field, models.FloatField):
            values[field.name] = 1.0
        elif isinstance(field, (models.IntegerField, models.PositiveIntegerField)):
            values[field.name] = 1
        elif isinstance(field, models.DateTimeField):
            values[field.name] = _now()
        elif isinstance(field, models.DateField):
            values[field.name] = datetime.date.today()
        elif isinstance(field, models.TimeField):
            values[field.name] = datetime.time(12)
        elif isinstance(field, models.DurationField):
            values[field.name] = datetime.timedelta(hours=1)
        elif isinstance(field, models.UUIDField):
            values[field.name] = uuid.uuid4()
        elif isinstance(field, models.JSONField):
            values[field.name] = {{}}
    return model.objects.create(**values)
'''


def build_helpers(plan: CallPlan) -> str:
    return BUILD_HELPERS.format(factories=plan.factories)


__all__ = ["BUILD_HELPERS", "CallPlan", "build_helpers", "call_plan", "factories", "models"]
