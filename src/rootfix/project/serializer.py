"""Fact family: what survives the task serializer the project configures.

Celery's default serializer is JSON through kombu (``kombu/utils/json.py``). Since kombu 5.3 its
encoder tags and restores ``datetime``, ``date``, ``time``, ``Decimal``, ``UUID`` and ``bytes``
(``{"__type__": "decimal", "__value__": "9.99"}`` -> ``Decimal("9.99")``), and turns Django lazy
strings into ``str``; what it still changes or refuses is plain JSON's doing:

* refused (``EncodeError`` at publish time): model instances, querysets, managers, ``set`` /
  ``frozenset``, open files, and other arbitrary objects;
* changed silently: dict keys that are not strings come back as strings (``{1: "a"}`` ->
  ``{"1": "a"}``), tuples (named tuples too) come back as lists;
* with kombu < 5.3 pinned: ``Decimal``/``UUID``/``datetime``/``date``/``time`` come back as ``str``.

With ``pickle`` (``CELERY_TASK_SERIALIZER``/``task_serializer``, or the task's / call's
``serializer=``) everything picklable survives; RQ pickles, so none of this applies to RQ jobs.

Pure functions over the :class:`~rootfix.discover.index.RepoIndex`, cached per index.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rootfix.project import values as V
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

DECIMAL_FIELDS = frozenset({"DecimalField"})
TIME_FIELDS = frozenset({"DateTimeField", "DateField", "TimeField"})
UUID_FIELDS = frozenset({"UUIDField"})
TIME_CALLS = frozenset({"django.utils.timezone.now", "datetime.datetime.now", "datetime.datetime.utcnow",
                        "datetime.date.today", "django.utils.timezone.localdate", "datetime.datetime.fromisoformat",
                        "django.utils.timezone.make_aware", "django.utils.timezone.make_naive",
                        "django.utils.timezone.localtime", "datetime.datetime.combine", "datetime.datetime",
                        "datetime.date", "datetime.datetime.fromtimestamp", "datetime.date.fromisoformat"})
UUID_CALLS = frozenset({"uuid.uuid4", "uuid.uuid1", "uuid.uuid5", "uuid.uuid3", "uuid.UUID"})


@dataclass(frozen=True)
class Serializer:
    name: str  # "json" | "pickle" | "yaml" | "msgpack" | ...
    native_types: bool  # kombu >= 5.3: Decimal/datetime/UUID round-trip through JSON

    @property
    def json(self) -> bool:
        return self.name in ("json", "application/json")


@dataclass(frozen=True)
class Change:
    """What the serializer does to an argument."""

    kind: str  # model instance | queryset | set | file | int-key dict | tuple | Decimal | datetime | UUID
    effect: str  # "refused" | "changed"
    model: str | None = None
    #: what the task gets instead ("a list", "a dict with str keys", "a str")
    becomes: str = ""


# --------------------------------------------------------------------------- settings
def _settings(index: "RepoIndex") -> dict[str, object]:
    from rootfix.rules.worker._enqueue import static_settings

    cache = index.__dict__.setdefault("_rootfix_serializer", {})
    if "settings" not in cache:
        cache["settings"] = static_settings(index)
    return cache["settings"]  # type: ignore[return-value]


def task_serializer(index: "RepoIndex", settings: dict[str, object] | None = None) -> Serializer:
    """The Celery task serializer configured statically (``CELERY_TASK_SERIALIZER``, ``task_serializer``
    in ``app.conf``, the old ``CELERY_SERIALIZER``), JSON when none is."""
    merged = {**_settings(index), **(settings or {})}
    value = None
    for name in ("CELERY_TASK_SERIALIZER", "CELERY_SERIALIZER", "task_serializer", "CELERY_CELERY_TASK_SERIALIZER"):
        if merged.get(name) is not None:
            value = merged[name]
            break
    name = str(value) if value is not None else "json"
    if name == "application/json":
        name = "json"
    return Serializer(name, not old_kombu(index))


def accept_content(index: "RepoIndex") -> list[str] | None:
    merged = _settings(index)
    for name in ("CELERY_ACCEPT_CONTENT", "accept_content"):
        value = merged.get(name)
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
    return None


def old_kombu(index: "RepoIndex") -> bool:
    """Celery < 5.3 / kombu < 5.3 pinned: JSON then turns Decimal / datetime / UUID into str."""
    cache = index.__dict__.setdefault("_rootfix_serializer", {})
    if "old" in cache:
        return bool(cache["old"])
    old = False
    for path in ("requirements.txt", "requirements/base.txt", "requirements/production.txt", "pyproject.toml",
                 "setup.cfg", "setup.py"):
        p = index.root / path
        if not p.is_file():
            continue
        text = p.read_text(errors="replace")
        for pkg in ("celery", "kombu"):
            for line in re.finditer(rf"(?im)^\s*[\"']?{pkg}(?:\[[^\]]*\])?\s*((?:[<>=!~]=?\s*[\d.*]+\s*,?\s*)+)",
                                    text):
                for op, major, minor, patch in re.findall(
                        r"(==|~=|<=|<|>=|>|!=)\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?", line.group(1)):
                    version = (int(major), int(minor or 0))
                    if op == "~=" and not patch:
                        version = (int(major), 99)
                    if (op in ("==", "~=", "<=") and version < (5, 3)) or (op == "<" and version <= (5, 3)):
                        old = True
    cache["old"] = old
    return old


# --------------------------------------------------------------------------- values
def change_of(index: "RepoIndex", fn: "FunctionInfo", expr: ast.AST, line: int, serializer: Serializer,
              depth: int = 0) -> Change | None:
    """What ``serializer`` does to the value of ``expr`` (in ``fn`` at ``line``); None: it survives
    (or cannot be told)."""
    if not serializer.json or depth > 6:
        return None
    v = V.value_of(index, fn, expr, line)
    if v is not None:
        if v.is_instance:
            return Change("model instance", "refused", v.model)
        if v.is_queryset:
            return Change("queryset", "refused", v.model)
        if v.kind == "pair":
            return Change("model instance", "refused", v.model)
    module = index.module_of(fn)
    if isinstance(expr, (ast.Set, ast.SetComp)):
        return Change("set", "refused", becomes="a list (sorted(...) / list(...))")
    if isinstance(expr, ast.Tuple):
        return Change("tuple", "changed", becomes="a list")
    if isinstance(expr, ast.Dict):
        if any(_int_key(index, fn, k, line) for k in expr.keys if k is not None):
            return Change("int-key dict", "changed", becomes="a dict with str keys")
        return None
    if isinstance(expr, ast.DictComp):
        if _int_key(index, fn, expr.key, line):
            return Change("int-key dict", "changed", becomes="a dict with str keys")
        return None
    if isinstance(expr, ast.Name):
        scope = V.scope_at(index, fn, expr)
        bound = scope.binding(expr.id, line)
        if bound is None:
            return None
        where, bline, how, value = bound
        if how == "value":
            return change_of(index, fn, value, bline, serializer, depth + 1)
        if how == "with" and _is_open(index, module, value):
            return Change("file", "refused")
        if how == "param":
            return _annotated(index, module, value.annotation, serializer)  # type: ignore[attr-defined]
        return None
    if isinstance(expr, ast.Call):
        func = expr.func
        dotted = index.resolve(module, func) if isinstance(func, (ast.Name, ast.Attribute)) else None
        dotted = dotted or ""
        if dotted in ("set", "frozenset", "builtins.set", "builtins.frozenset"):
            return Change("set", "refused", becomes="a list (sorted(...) / list(...))")
        if dotted in ("tuple", "builtins.tuple") or dotted.endswith("namedtuple"):
            return Change("tuple", "changed", becomes="a list")
        if _is_open(index, module, expr):
            return Change("file", "refused")
        if dotted in ("dict", "collections.Counter", "collections.defaultdict") and expr.args:
            return None
        if not serializer.native_types:
            if dotted == "decimal.Decimal":
                return Change("Decimal", "changed", becomes="a str")
            if dotted in TIME_CALLS:
                return Change("datetime", "changed", becomes="a str")
            if dotted in UUID_CALLS:
                return Change("UUID", "changed", becomes="a str")
        target = index.resolve_call(module, expr, fn.class_name)
        if target is None and isinstance(func, ast.Attribute):
            # a method of a model instance the ORM returned (``stay.pet.care_flags()``)
            owner = V.value_of(index, fn, func.value, line)
            if owner is not None and owner.is_instance:
                target = V.instance_method(index, owner.model, func.attr)
        if target is not None and target.qualname != fn.qualname:
            return helper_change(index, target, serializer, depth + 1)
        return None
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and not serializer.native_types:
        owner = V.value_of(index, fn, expr.value, line)
        if owner is not None and owner.is_instance:
            field = V.field_class(index, owner.model, expr.attr)
            if field in DECIMAL_FIELDS:
                return Change("Decimal", "changed", becomes="a str")
            if field in TIME_FIELDS:
                return Change("datetime", "changed", becomes="a str")
            if field in UUID_FIELDS:
                return Change("UUID", "changed", becomes="a str")
    return None


def helper_change(index: "RepoIndex", fn: "FunctionInfo", serializer: Serializer, depth: int = 0) -> Change | None:
    """What the serializer does to what a project helper returns (every return must agree)."""
    cache = index.__dict__.setdefault("_rootfix_serializer_helpers", {})
    key = (fn.qualname, serializer)
    if key in cache:
        return cache[key]
    cache[key] = None
    found: list[Change | None] = []
    for node in V._own_nodes(fn.node):
        if isinstance(node, ast.Return) and node.value is not None:
            found.append(change_of(index, fn, node.value, node.lineno, serializer, depth + 1))
    out = found[0] if found and all(c is not None and c.kind == found[0].kind for c in found) else None
    cache[key] = out
    return out


def _annotated(index, module, ann, serializer: Serializer) -> Change | None:
    if ann is None:
        return None
    text = ast.unparse(ann)
    if re.fullmatch(r"(typing\.)?(Set|FrozenSet|set|frozenset)(\[.*\])?", text):
        return Change("set", "refused", becomes="a list (sorted(...) / list(...))")
    if re.fullmatch(r"(typing\.)?(Tuple|tuple)(\[.*\])?", text):
        return Change("tuple", "changed", becomes="a list")
    if re.fullmatch(r"(typing\.)?(Dict|dict|Mapping)\[\s*int\s*,.*\]", text):
        return Change("int-key dict", "changed", becomes="a dict with str keys")
    return None


def _int_key(index: "RepoIndex", fn: "FunctionInfo", key: ast.AST, line: int) -> bool:
    if isinstance(key, ast.Constant):
        return isinstance(key.value, (int, float)) and not isinstance(key.value, bool) or key.value is None
    if isinstance(key, ast.Attribute) and key.attr in ("pk", "id"):
        return True
    if isinstance(key, ast.Attribute) and key.attr.endswith("_id"):
        return True
    if isinstance(key, ast.Call) and isinstance(key.func, ast.Name) and key.func.id in ("int", "len"):
        return True
    return False


def _is_open(index, module, expr: ast.AST) -> bool:
    if not isinstance(expr, ast.Call):
        return False
    dotted = index.resolve(module, expr.func) or ""
    return dotted in ("open", "io.open", "builtins.open", "codecs.open", "tempfile.NamedTemporaryFile",
                      "tempfile.TemporaryFile") or (
        isinstance(expr.func, ast.Attribute) and expr.func.attr == "open" and isinstance(expr.func.value, ast.Name)
        and expr.func.value.id in ("default_storage", "storage"))


# --------------------------------------------------------------------------- what the task relies on
def task_relies_on(index: "RepoIndex", task: "FunctionInfo", param: str, kind: str, depth: int = 0) -> bool:
    """Does the task body use ``param`` in a way the change breaks? A list instead of a tuple breaks
    hashing (a dict key, ``.get(p)``, a set member), ``== (a, b)``, ``isinstance(p, tuple)``, ``p + (x,)``;
    str keys instead of int keys break lookups by a non-str key (``d[line.pk]``, ``d.get(1)``,
    ``x in d``) and ordering (``sorted(d)``). Unpacking, iterating and ``len`` work the same; passed
    on to a project helper, the helper's use of it decides."""
    if depth == 0 and _passed_to_helper_relying(index, task, param, kind):
        return True
    own_loops: set[str] = set()
    for node in walk_tree(task.node):
        if isinstance(node, (ast.For, ast.comprehension)) and _is_param_iter(node.iter, param):
            for t in walk_tree(node.target):
                if isinstance(t, ast.Name):
                    own_loops.add(t.id)
    for node in walk_tree(task.node):
        if kind == "tuple":
            if isinstance(node, ast.Subscript) and _is(node.slice, param):
                return True
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "get", "add", "setdefault", "pop", "index", "count") and node.args and _is(node.args[0], param):
                return node.func.attr in ("get", "add", "setdefault", "pop")
            if isinstance(node, ast.Compare) and any(
                    (_is(a, param) and isinstance(b, ast.Tuple)) or (_is(b, param) and isinstance(a, ast.Tuple))
                    for a, b in zip([node.left, *node.comparators], node.comparators)):
                return True
            if isinstance(node, ast.Compare) and _is(node.left, param) and any(
                    isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
                return True
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                    "isinstance", "hash") and node.args and _is(node.args[0], param):
                return True
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (
                    (_is(node.left, param) and isinstance(node.right, ast.Tuple))
                    or (_is(node.right, param) and isinstance(node.left, ast.Tuple))):
                return True
            if isinstance(node, (ast.Set, ast.Dict)) and any(_is(e, param) for e in (
                    node.elts if isinstance(node, ast.Set) else [k for k in node.keys if k is not None])):
                return True
        elif kind == "int-key dict":
            key = None
            if isinstance(node, ast.Subscript) and _is(node.value, param):
                key = node.slice
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is(node.func.value, param)
                  and node.func.attr in ("get", "pop", "setdefault") and node.args):
                key = node.args[0]
            elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) \
                    and _is(node.comparators[-1], param):
                key = node.left
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                    "sorted", "min", "max") and node.args and _is(node.args[0], param):
                return True
            if key is not None and not (isinstance(key, ast.Constant) and isinstance(key.value, str)) \
                    and not (isinstance(key, ast.Name) and key.id in own_loops):
                return True
        else:
            return True
    return False


def _passed_to_helper_relying(index: "RepoIndex", fn: "FunctionInfo", param: str, kind: str,
                               depth: int = 0, seen: set[str] | None = None) -> bool:
    """``param`` is passed (as itself) to a project function that relies on what the change breaks."""
    if depth > 3:
        return False
    seen = seen if seen is not None else {fn.qualname}
    module = index.module_of(fn)
    for node in walk_tree(fn.node):
        if not isinstance(node, ast.Call):
            continue
        positions = [i for i, a in enumerate(node.args) if _is(a, param)]
        keywords = [k.arg for k in node.keywords if k.arg and _is(k.value, param)]
        if not positions and not keywords:
            continue
        if any(isinstance(a, ast.Starred) for a in node.args):
            continue
        target = index.resolve_call(module, node, fn.class_name)
        if target is None or target.qualname in seen:
            continue
        params = [a.arg for a in target.node.args.posonlyargs + target.node.args.args]
        if target.class_name and params and params[0] in ("self", "cls") and isinstance(node.func, ast.Attribute):
            params = params[1:]
        names = [params[i] for i in positions if i < len(params)]
        names += [k for k in keywords if k in params or k in [a.arg for a in target.node.args.kwonlyargs]]
        seen.add(target.qualname)
        for name in names:
            if task_relies_on(index, target, name, kind, depth=1) or _passed_to_helper_relying(
                    index, target, name, kind, depth + 1, seen):
                return True
    return False


def _is(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_param_iter(node: ast.AST, name: str) -> bool:
    if _is(node, name):
        return True
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is(node.func.value, name)
            and node.func.attr in ("keys", "items"))
