"""Which lookup misses a ``try`` handles, and which ones its body can raise (pure functions over ``ast``).

``Model.objects.get()`` raises ``Model.DoesNotExist``, a subclass of ``ObjectDoesNotExist`` made per model:
``except Track.DoesNotExist`` does not catch ``Label.DoesNotExist``. A handler that names one model's miss
says the author handles "not found"; a lookup of another model in the same ``try`` (or in the project
function it calls) escapes it.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable, Iterator

from rootfix.rules.command._lib.lookups import MISS_HANDLERS, _model_of_get
from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.discover.walk import walk_tree

Resolver = Callable[[ast.expr], "str | None"]


@dataclass(frozen=True)
class Escape:
    """A lookup whose miss escapes a handler written for another model's miss."""

    handler: ast.ExceptHandler
    caught: tuple[str, ...]  # the models the handler names (``CollectionObject``)
    model: str  # the model of the lookup that escapes (``ObjectLabel``), as its module names it
    call: ast.Call  # the ``.get()``
    via: ast.Call | None  # the call in the try body that reaches it (None: the lookup is in the body itself)


def _names(handler: ast.ExceptHandler) -> list[ast.expr]:
    if handler.type is None:
        return []
    return list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]


def handled(handlers: list[ast.ExceptHandler]) -> tuple[set[str], bool]:
    """(models whose ``DoesNotExist`` the handlers name, whether some handler catches every miss)."""
    models: set[str] = set()
    for handler in handlers:
        if handler.type is None:
            return models, True
        for expr in _names(handler):
            if isinstance(expr, ast.Attribute) and expr.attr == "DoesNotExist" and isinstance(expr.value, ast.Name):
                models.add(expr.value.id)
            elif (expr.attr if isinstance(expr, ast.Attribute) else getattr(expr, "id", "")) in MISS_HANDLERS:
                return models, True
    return models, False


def unguarded_gets(fn: ast.AST) -> Iterator[tuple[ast.Call, str]]:
    """``(call, model)`` for each ``Model.objects...get()`` in ``fn`` no enclosing ``try`` of ``fn`` handles."""
    guarded: set[int] = set()
    for node in walk_no_defs(fn):
        if isinstance(node, ast.Try):
            models, every = handled(node.handlers)
            for stmt in node.body:
                for sub in walk_tree(stmt):
                    if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "get":
                        model = _model_of_get(sub.func)
                        if every or model in models:
                            guarded.add(id(sub))
    for node in walk_no_defs(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and id(node) not in guarded:
            model = _model_of_get(node.func)
            if model is not None:
                yield node, model


def escapes(try_node: ast.Try, body_gets: list[tuple[ast.Call, str, ast.Call | None]]) -> Iterator[Escape]:
    """The lookups ``body_gets`` (``(get call, model, call reaching it)``, from the try body and the project
    functions it calls) whose miss none of ``try_node``'s handlers catches, when one handler names another
    model's ``DoesNotExist``."""
    models, every = handled(try_node.handlers)
    if every or not models:
        return
    handler = next(h for h in try_node.handlers if any(
        isinstance(e, ast.Attribute) and e.attr == "DoesNotExist" for e in _names(h)))
    for call, model, via in body_gets:
        if model not in models:
            yield Escape(handler, tuple(sorted(models)), model, call, via)
