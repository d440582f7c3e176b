"""Retry helpers shared by the W1 rules: binding a task (WRK102, WRK104) and the regression test that makes a
guarded call fail with the error its handler catches (WRK102, WRK103, WRK104)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import libcst as cst

from rootfix import codemod
from rootfix.rules.base import TaskReplay
from rootfix.rules.worker import _w1common as w1

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex


def bind_task(module: cst.Module, task: w1.TaskInfo, self_name: str = "self") -> cst.Module:
    """``bind=True`` on the task's decorator and ``self`` as its first parameter."""
    module, fdef = codemod.function_at(module, task.fn.node.lineno, task.fn.node.name)
    if fdef is None or task.decorator is None:
        return module
    deco_index = task.fn.node.decorator_list.index(task.decorator)

    def change(node: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(node, cst.FunctionDef)
        decorators = list(node.decorators)
        decorators[deco_index] = codemod.decorator_with_keywords(decorators[deco_index], [("bind", "True")], first=True)
        node = node.with_changes(decorators=decorators)
        params = [p.name.value for p in [*node.params.posonly_params, *node.params.params]]
        if params[:1] != [self_name]:
            node = codemod.add_first_param(node, self_name)
        return node

    return codemod.replace_node(module, fdef, change)


def transient_replay(index: "RepoIndex", task: w1.TaskInfo, node: ast.AST | None, *, rule: str, doc: str,
                     extra_patches: str = "", extra_with: str = "", check: str | None = None) -> TaskReplay | None:
    """A replay test that makes the guarded call of the ``try`` around ``node`` (in a handler) fail with the
    handler's exception, and checks that the task ends in Retry or re-raises that exception."""
    if node is None:
        return None
    found = node if isinstance(node, tuple) else w1.enclosing_try(task.fn.node, node)
    if found is None:
        return None
    try_node, handler = found
    module = index.module_of(task.fn)
    injection = w1.injection_for_handler(index, module, handler)
    target = w1.try_body_target(index, task, try_node)
    if injection is None or target is None:
        return None
    imports, body, exc = injection
    return TaskReplay(
        task.fn.symbol, task, "inject", rule=rule, doc=doc, target=target,
        injected=f"`{target}` failing with the error the task catches", inject_body=body,
        extra_imports=imports, extra_patches=extra_patches, extra_with=extra_with,
        check=check or (f"    assert isinstance(outcome, (Retry, {exc})), (\n"
                        "        f\"the task neither asked Celery to retry nor re-raised the error: {outcome!r}\")"),
    )
