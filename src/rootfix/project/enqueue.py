"""Where background jobs are published: the enqueue forms beyond the Celery/RQ basics.

:func:`rootfix.rules.worker._enqueue.enqueue_of` knows Celery ``.delay()`` / ``.apply_async()`` /
``.s()`` / ``.si()`` / ``signature`` / ``send_task`` / canvas ``.delay()`` and RQ ``enqueue*`` (``Queue``,
``django_rq.get_queue(...)``, ``django_rq.enqueue``, ``@job``). This module adds, for any spelling
(aliases, from-imports, methods):

* Dramatiq: ``actor.send(...)`` / ``actor.send_with_options(args=..., kwargs=...)`` on ``@dramatiq.actor``
  functions;
* Huey: calling a ``@huey.task()`` / ``@db_task()`` / ``@HUEY.task()`` function (the call enqueues), and
  ``fn.schedule(...)``;
* canvas called directly: ``group(...)()``, ``chain(...)()``, ``chord(header)(callback)``;
* project dispatchers: a function that calls ``.apply_async`` / ``.delay`` / ``.send`` on a task passed in
  (``def dispatch(task, *args): task.apply_async(args)``) — each call that hands it a task is an enqueue.

Pure functions over the :class:`~rootfix.discover.index.RepoIndex`, cached per index.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.rules.worker._enqueue import Enqueue

DRAMATIQ_ACTORS = frozenset({"dramatiq.actor", "dramatiq.actor.actor", "django_dramatiq.actor"})
HUEY_TASK_ATTRS = frozenset({"task", "db_task"})
CANVAS = frozenset({"celery.group", "celery.chain", "celery.chord", "celery.canvas.group", "celery.canvas.chain",
                    "celery.canvas.chord"})
#: Methods a dispatcher may call on the task it is handed.
_PUBLISH_ATTRS = frozenset({"delay", "apply_async", "send", "send_with_options", "enqueue"})


def _cache(index: "RepoIndex", name: str) -> dict:
    return index.__dict__.setdefault(f"_rootfix_project_enqueue_{name}", {})


def queue_framework(index: "RepoIndex", fn: "FunctionInfo") -> str | None:
    """``dramatiq`` or ``huey`` when ``fn`` is declared an actor / a Huey task (any alias), else None."""
    cache = _cache(index, "framework")
    if fn.qualname in cache:
        return cache[fn.qualname]
    module = index.module_of(fn)
    out = None
    for deco in fn.node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        dotted = index.resolve(module, target) or ""
        if dotted in DRAMATIQ_ACTORS or dotted.endswith(".dramatiq.actor"):
            out = "dramatiq"
        elif dotted.startswith("huey.") and dotted.rsplit(".", 1)[-1] in HUEY_TASK_ATTRS | {"periodic_task",
                                                                                         "db_periodic_task"}:
            out = "huey"
        elif (dotted.rsplit(".", 1)[-1] in HUEY_TASK_ATTRS and isinstance(target, ast.Attribute)
              and _is_huey_instance(index, module, target.value)):
            out = "huey"
        if out:
            break
    cache[fn.qualname] = out
    return out


def _is_huey_instance(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> bool:
    """``huey`` / ``HUEY`` bound to ``RedisHuey(...)`` / ``SqliteHuey(...)`` / ``djhuey.HUEY``."""
    dotted = index.resolve(module, expr) or ""
    if dotted.startswith("huey.") or dotted.endswith("djhuey.HUEY"):
        return True
    mod, _, name = dotted.rpartition(".")
    info = index.modules.get(mod)
    value = info.assignments.get(name) if info is not None else None
    if isinstance(value, ast.Call):
        ctor = index.resolve(info, value.func) or ""
        return ctor.startswith("huey.") and ctor.endswith("Huey")
    return False


def _project_function(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> "FunctionInfo | None":
    dotted = index.resolve(module, expr)
    return index.lookup_function(dotted) if dotted else None


def dispatchers(index: "RepoIndex") -> dict[str, int]:
    """Project functions that publish a task handed to them: qualname -> position of that parameter."""
    cache = _cache(index, "dispatchers")
    if "map" in cache:
        return cache["map"]
    from rootfix.discover.index import walk_body

    out: dict[str, int] = {}
    for fn in index.functions.values():
        params = [a.arg for a in fn.node.args.posonlyargs + fn.node.args.args]
        if fn.class_name is not None and params and params[0] in ("self", "cls"):
            params = params[1:]
        if not params:
            continue
        for node in walk_body(fn.node):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _PUBLISH_ATTRS):
                continue
            recv = node.func.value
            if isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute) and recv.func.attr in ("s", "si",
                                                                                                          "signature"):
                recv = recv.func.value
            if isinstance(recv, ast.Name) and recv.id in params:
                out[fn.qualname] = params.index(recv.id)
                break
    cache["map"] = out
    return out


def extra_enqueue(index: "RepoIndex", module: "ModuleInfo", call: ast.Call,
                  class_name: str | None = None) -> "Enqueue | None":
    """The enqueue forms :func:`~rootfix.rules.worker._enqueue.enqueue_of` does not know (see the module
    docstring), or None."""
    from rootfix.rules.worker._enqueue import Enqueue, TaskRef, task_of

    func = call.func
    # Dramatiq: actor.send(...) / actor.send_with_options(args=(...), kwargs={...})
    if isinstance(func, ast.Attribute) and func.attr in ("send", "send_with_options", "schedule"):
        fn = _project_function(index, module, func.value)
        framework = queue_framework(index, fn) if fn is not None else None
        if fn is not None and framework == ("huey" if func.attr == "schedule" else "dramatiq"):
            kw = {k.arg: k.value for k in call.keywords if k.arg}
            if func.attr == "send":
                args, kwargs = tuple(call.args), tuple((k.arg, k.value) for k in call.keywords if k.arg)
            else:
                args_node = kw.get("args") or (call.args[0] if call.args else None)
                args = tuple(args_node.elts) if isinstance(args_node, (ast.Tuple, ast.List)) else ()
                kwargs = ()
            return Enqueue(call, func.attr, TaskRef(framework, ast.unparse(func.value), fn), args, kwargs)
    # Huey: calling the task function enqueues it
    if isinstance(func, (ast.Name, ast.Attribute)):
        fn = _project_function(index, module, func)
        if fn is not None and queue_framework(index, fn) == "huey":
            return Enqueue(call, "call", TaskRef("huey", ast.unparse(func), fn), tuple(call.args),
                           tuple((k.arg, k.value) for k in call.keywords if k.arg))
    # canvas called: group(...)(), chain(...)(), chord(header)(callback)
    if isinstance(func, ast.Call) and (index.resolve(module, func.func) or "") in CANVAS:
        return Enqueue(call, "call", TaskRef("celery", ast.unparse(func.func)))
    # a project dispatcher handed a task
    if isinstance(func, (ast.Name, ast.Attribute)):
        callee = index.resolve_call(module, call, class_name)
        pos = dispatchers(index).get(callee.qualname) if callee is not None else None
        if pos is not None:
            params = [a.arg for a in callee.node.args.posonlyargs + callee.node.args.args]
            if callee.class_name is not None and params and params[0] in ("self", "cls"):
                params = params[1:]
            arg = call.args[pos] if len(call.args) > pos else next(
                (k.value for k in call.keywords if k.arg == params[pos]), None)
            task = task_of(index, module, arg) if arg is not None else None
            if task is None and arg is not None:
                fn = _project_function(index, module, arg)
                if fn is not None and queue_framework(index, fn):
                    task = TaskRef(queue_framework(index, fn) or "", ast.unparse(arg), fn)
            if task is not None:
                rest = tuple(a for i, a in enumerate(call.args) if i != pos)
                return Enqueue(call, "dispatch", task, rest, tuple((k.arg, k.value) for k in call.keywords
                                                                   if k.arg and k.arg != params[pos]))
    return None


__all__ = ["dispatchers", "extra_enqueue", "queue_framework"]


def enqueue_sites(index: "RepoIndex", fn: "FunctionInfo") -> list[tuple[ast.Call, "Enqueue", ast.AST]]:
    """The enqueues that run (now, not deferred) when ``fn``'s body runs: ``(enqueue call, Enqueue, site)``.

    ``site`` is the node of ``fn`` whose transaction matters: the enqueue itself, or the call of a nested
    function / a lambda bound to a local name that holds the enqueue (``def _publish(): job.delay(...)``
    then ``_publish()``)."""
    cache = _cache(index, "sites")
    if fn.qualname in cache:
        return cache[fn.qualname]
    from rootfix.rules.worker._enqueue import FunctionFacts, enqueue_of

    facts = FunctionFacts.of(index, fn)
    module = facts.module
    local_defs: dict[str, ast.AST] = {}
    for node in walk_tree(fn.node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node is not fn.node:
            local_defs[node.name] = node
        elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda) and len(node.targets) == 1
              and isinstance(node.targets[0], ast.Name)):
            local_defs[node.targets[0].id] = node.value
    out: list[tuple[ast.Call, Enqueue, ast.AST]] = []
    seen: set[int] = set()
    for call in facts.calls():
        enq = enqueue_of(index, module, call)
        if enq is not None:
            out.append((call, enq, call))
            continue
        if isinstance(call.func, ast.Name) and call.func.id in local_defs:
            body = local_defs[call.func.id]
            for inner in walk_tree(body):
                if not isinstance(inner, ast.Call) or id(inner) in seen or facts.deferred_within(inner, body):
                    continue
                enq = enqueue_of(index, module, inner)
                if enq is not None:
                    seen.add(id(inner))
                    out.append((inner, enq, call))
    cache[fn.qualname] = out
    return out
