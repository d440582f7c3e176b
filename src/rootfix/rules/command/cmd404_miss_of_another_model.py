"""CMD404: a handler for one model's ``DoesNotExist`` around a lookup of another model."""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, DirectTest, Example, FirstOf, Rule
from rootfix.rules.command._lib.misses import Escape, escapes, unguarded_gets
from rootfix.rules.command._lib.scenarios import command_handle_related, replay_with_unknown_value
from rootfix.project.model import is_test_file
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

_MODELS = ("stores/models.py", "from django.db import models\n\n\n"
           "class Item(models.Model):\n    number = models.CharField(max_length=20, unique=True)\n\n\n"
           "class Label(models.Model):\n    barcode = models.CharField(max_length=20, unique=True)\n"
           "    item = models.ForeignKey(Item, on_delete=models.CASCADE)\n")
_LOOKUP = ("stores/lookups.py", "from stores.models import Item, Label\n\n\n"
           "def find(token):\n"
           "    if token.startswith('KC'):\n"
           "        return Label.objects.select_related('item').get(barcode=token).item\n"
           "    return Item.objects.get(number=token)\n")


@dataclass(frozen=True)
class _Found:
    fn: "FunctionInfo"
    escape: Escape
    model_dotted: str  # the escaping model's dotted path


class MissOfAnotherModel(Rule):
    """`except A.DoesNotExist` around code whose lookup of another model `B` can miss too.

    ## What it does
    Finds a `try` whose handler names one model's miss (`except Item.DoesNotExist:`) while its body looks up
    another model with `.get()` - itself or in the project function it calls (`resolve(token)` that looks
    a barcode up in `Label` and a number up in `Item`) - and no handler catches that model's miss
    (`Label.DoesNotExist`, `ObjectDoesNotExist`).

    ## Why is this bad?
    Each model has its own `DoesNotExist` class; `except Item.DoesNotExist` does not catch
    `Label.DoesNotExist`. The author meant "the token matched nothing" to be handled (reported, skipped,
    turned into a clear error), but only for one kind of token: a retired barcode escapes as a raw traceback
    and aborts the command instead of being reported like an unknown number.

    ## Example
    ```python
    try:
        item = find(token)  # Label.objects.get(...) or Item.objects.get(...)
    except Item.DoesNotExist:
        unknown.append(token)
    ```

    ## Use instead
    ```python
    try:
        item = find(token)
    except (Item.DoesNotExist, Label.DoesNotExist):
        unknown.append(token)
    ```

    ## Fix safety
    Safe: the handler also names the other model's `DoesNotExist` (imported where the module does not have
    it), so its miss takes the path the author wrote for the first one. Nothing else changes. No fix when the
    handler writes (`create()` on a miss): that path makes the first model's row, not one for the other.
    """

    code = "CMD404"
    name = "miss-of-another-model"
    bug_class = "C4"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(
            path="stores/moves.py",
            files=(_MODELS, _LOOKUP),
            code=(
                "from django.core.exceptions import ObjectDoesNotExist\n\n"
                "from stores.lookups import find\n"
                "from stores.models import Item\n\n\n"
                "def resolve_all(tokens):\n"
                "    unknown = []\n"
                "    for token in tokens:\n"
                "        try:\n"
                "            find(token)\n"
                "        except ObjectDoesNotExist:\n"
                "            unknown.append(token)\n"
                "    return unknown\n\n\n"
                "def by_number(number):\n"
                "    try:\n"
                "        return Item.objects.get(number=number)\n"
                "    except Item.DoesNotExist:\n"
                "        return None\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="stores/moves.py",
            files=(_MODELS, _LOOKUP),
            code=(
                "from stores.lookups import find\n"
                "from stores.models import Item\n\n\n"
                "def resolve_all(tokens):\n"
                "    unknown = []\n"
                "    for token in tokens:\n"
                "        try:\n"
                "            find(token)\n"
                "        except Item.DoesNotExist:\n"
                "            unknown.append(token)\n"
                "    return unknown\n"
            ),
            fixed=(
                "from stores.lookups import find\n"
                "from stores.models import Item, Label\n\n\n"
                "def resolve_all(tokens):\n"
                "    unknown = []\n"
                "    for token in tokens:\n"
                "        try:\n"
                "            find(token)\n"
                "        except (Item.DoesNotExist, Label.DoesNotExist):\n"
                "            unknown.append(token)\n"
                "    return unknown\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def _found(self, index: "RepoIndex", fn: "FunctionInfo") -> Iterator[_Found]:
        module = index.module_of(fn)
        for node in walk_tree(fn.node):
            if not isinstance(node, ast.Try):
                continue
            gets: list[tuple[ast.Call, str, ast.Call | None]] = []
            dotted: dict[int, str] = {}
            body = ast.Module(body=node.body, type_ignores=[])
            for call, model in unguarded_gets(body):
                gets.append((call, model, None))
                dotted[id(call)] = _dotted(index, module, model)
            for sub in walk_tree(body):
                callee = index.resolve_call(module, sub, fn.class_name) if isinstance(sub, ast.Call) else None
                if callee is None or callee.qualname == fn.qualname:
                    continue
                for call, model in unguarded_gets(callee.node):
                    gets.append((call, model, sub))
                    dotted[id(call)] = _dotted(index, index.module_of(callee), model)
            caught = {_dotted(index, module, name) for name in _caught(node)}
            for escape in escapes(node, gets):
                if dotted[id(escape.call)] not in caught:
                    yield _Found(fn, escape, dotted[id(escape.call)])

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_file(fn.file):
                continue
            for found in self._found(ctx.index, fn):
                escape = found.escape
                where = f" in {ast.unparse(escape.via.func)}()" if escape.via is not None else ""
                finding = self.finding(fn, escape.handler, (
                    f"`except {'/'.join(escape.caught)}.DoesNotExist` handles a miss, but the "
                    f"{escape.model}.objects...get(){where} in this try raises {escape.model}.DoesNotExist, "
                    "which it does not catch: that miss escapes as a raw traceback and aborts the run"),
                    related=command_handle_related(ctx.index, fn))
                if _writes(escape.handler):
                    finding = replace(finding, fixable=False, fix_safety=None)
                yield finding

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        found = [f for f in self._found(index, fn) if f.escape.handler.lineno == finding.line]
        if not found:
            return None
        module = index.module_of(fn)
        handler = found[0].escape.handler
        if _writes(handler):
            return None  # the handler makes the missing row (create on miss): not a "not found" report path
        source = module.source
        import libcst as cst

        from rootfix.codemod import add_import

        tree = cst.parse_module(source)
        locals_: list[str] = []
        for f in dict.fromkeys(x.model_dotted for x in found):
            owner, _, name = f.rpartition(".")
            local = next((k for k, v in module.imports.items() if v == f), None)
            if local is None and owner == module.module:
                local = name
            if local is None:
                if not owner:
                    return None
                tree, local = add_import(tree, owner, name, first_party=index.first_party)
            locals_.append(local)
        # the import (if any) sits above the handler: find the handler's type again in the new text
        new = tree.code
        old_type = ast.get_source_segment(source, handler.type) if handler.type is not None else None
        if old_type is None:
            return None
        shift = new.count("\n") - source.count("\n")
        lines = new.splitlines(keepends=True)
        at = handler.lineno - 1 + shift
        line = lines[at]
        if line.count(old_type) != 1:
            return None
        added = ", ".join(f"{name}.DoesNotExist" for name in locals_)
        if isinstance(handler.type, ast.Tuple):
            inner = old_type.strip()[1:-1].rstrip().rstrip(",")
            replacement = f"({inner}, {added})"
        else:
            replacement = f"({old_type}, {added})"
        lines[at] = line.replace(old_type, replacement)
        result = "".join(lines)
        ast.parse(result)
        return Patch(changes=(FileChange(finding.file, source, result),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | FirstOf | None:
        """Replay each project test that runs the function (calling it, else running its command by name)
        with the other model's first lookup under it forced to miss: that miss must be handled as the first
        model's is, not escape as ``DoesNotExist``."""
        fn = index.enclosing_function(finding.file, finding.line)
        found = [f for f in self._found(index, fn) if f.escape.handler.lineno == finding.line] if fn else []
        if fn is None or not found:
            return None
        params = dict(target_file_repr=repr(fn.file), target_name_repr=repr(fn.node.name),
                      models_repr=repr(tuple(sorted({f.model_dotted.rsplit(".", 1)[-1] for f in found}))))
        return replay_with_unknown_value(index, fn, "cmd404_other_model_miss_handled", params,
                                         "_other_model_miss_handled")


def _writes(handler: ast.ExceptHandler) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in (
        "create", "get_or_create", "update_or_create", "bulk_create", "save") for n in walk_tree(handler))


def _caught(try_node: ast.Try) -> list[str]:
    out = []
    for handler in try_node.handlers:
        exprs = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        out += [e.value.id for e in exprs if isinstance(e, ast.Attribute) and e.attr == "DoesNotExist"
                and isinstance(e.value, ast.Name)]
    return out


def _dotted(index: "RepoIndex", module: "ModuleInfo", name: str) -> str:
    return index.resolve(module, ast.Name(id=name, ctx=ast.Load())) or f"{module.module}.{name}"
