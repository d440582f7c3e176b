"""How a command declares its arguments, read statically (pure functions over ``ast``).

Three declaration styles are covered:

* argparse: ``parser.add_argument(...)`` calls, in a Django command's ``add_arguments``, in a helper that
  is handed the parser, or in a standalone script that builds an ``ArgumentParser``;
* click: ``@click.option(...)`` / ``@click.argument(...)`` decorators;
* typer: ``typer.Option(...)`` / ``typer.Argument(...)`` defaults of a command function's parameters.

Every declaration becomes an :class:`Argument`; rules ask about its keywords (``type=``, ``action=``,
``default=``) without caring which library it came from.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.rules.base import CheckContext

ARGPARSE = "argparse"
CLICK = "click"
TYPER = "typer"


@dataclass(frozen=True)
class Argument:
    """One declared command-line argument."""

    library: str  # argparse | click | typer
    call: ast.Call  # the add_argument / click.option / typer.Option call
    flags: tuple[str, ...]  # "--notify", "-n" (empty for typer)
    dest: str | None  # the name the value arrives under, when it can be told

    def keyword(self, name: str) -> ast.expr | None:
        for kw in self.call.keywords:
            if kw.arg == name:
                return kw.value
        return None

    def literal(self, name: str, missing: object = None) -> object:
        """The literal value of keyword ``name`` (``missing`` when absent; ``...`` when not a literal)."""
        node = self.keyword(name)
        if node is None:
            return missing
        try:
            return ast.literal_eval(node)
        except (ValueError, SyntaxError, TypeError):
            return ...

    @property
    def is_option(self) -> bool:
        return any(f.startswith("-") for f in self.flags)

    @property
    def display(self) -> str:
        longs = [f for f in self.flags if f.startswith("--")]
        return (longs or list(self.flags) or [self.dest or "?"])[0].split("/")[0]


def argparse_dest(call: ast.Call) -> str | None:
    """The ``dest`` argparse derives for an ``add_argument`` call; None when it cannot be told."""
    for kw in call.keywords:
        if kw.arg == "dest":
            return kw.value.value if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str) else None
    names = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not names or len(names) != len(call.args):
        return None
    if not names[0].startswith("-"):
        return names[0].replace("-", "_")
    longs = [n for n in names if n.startswith("--")]
    return (longs[0] if longs else names[0]).lstrip("-").replace("-", "_")


def _flags(call: ast.Call) -> tuple[str, ...]:
    return tuple(a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str))


def argparse_arguments(node: ast.AST) -> Iterator[Argument]:
    """Every ``<x>.add_argument(...)`` call under ``node`` (a function, a module, a class)."""
    for sub in walk_tree(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "add_argument":
            yield Argument(ARGPARSE, sub, _flags(sub), argparse_dest(sub))


def _dotted(expr: ast.expr) -> str:
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.append(expr.id)
    return ".".join(reversed(parts))


def click_arguments(fn: ast.FunctionDef | ast.AsyncFunctionDef, imports: dict[str, str]) -> Iterator[Argument]:
    """``@click.option`` / ``@click.argument`` decorators of ``fn`` (``imports``: the module's local name ->
    dotted target map, so ``from click import option`` is recognised too)."""
    for deco in fn.decorator_list:
        if not isinstance(deco, ast.Call):
            continue
        name = _dotted(deco.func)
        head, _, rest = name.partition(".")
        full = f"{imports.get(head, head)}.{rest}" if rest else imports.get(head, head)
        if full not in ("click.option", "click.argument"):
            continue
        flags = _flags(deco)
        params = [f for f in flags if not f.startswith("-")]
        opts = [f.split("/")[0] for f in flags if f.startswith("-")]
        longs = [f for f in opts if f.startswith("--")]
        dest = params[0] if params else ((longs or opts or [""])[0].lstrip("-").replace("-", "_") or None)
        yield Argument(CLICK, deco, flags, dest)


def typer_arguments(fn: ast.FunctionDef | ast.AsyncFunctionDef, imports: dict[str, str]) -> Iterator[Argument]:
    """Parameters of ``fn`` whose default (or ``Annotated[...]`` metadata) is ``typer.Option/Argument(...)``."""
    args = fn.args
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    for arg, default in pairs:
        candidates = [default]
        if isinstance(arg.annotation, ast.Subscript) and _dotted(arg.annotation.value).endswith("Annotated"):
            sl = arg.annotation.slice
            candidates += list(sl.elts[1:]) if isinstance(sl, ast.Tuple) else []
        for cand in candidates:
            if not isinstance(cand, ast.Call):
                continue
            name = _dotted(cand.func)
            head, _, rest = name.partition(".")
            full = f"{imports.get(head, head)}.{rest}" if rest else imports.get(head, head)
            if full in ("typer.Option", "typer.Argument"):
                flags = tuple(a.value for a in cand.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
                yield Argument(TYPER, cand, flags, arg.arg)


def is_command_module(path: str) -> bool:
    """``<app>/management/commands/<name>.py`` (not a private ``_helper.py``)."""
    parts = path.split("/")
    return (len(parts) >= 3 and parts[-2] == "commands" and parts[-3] == "management"
            and not parts[-1].startswith("_") and parts[-1] != "__init__.py")


def command_name(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".py")


def declaration_in_scope(ctx: "CheckContext", module: "ModuleInfo", fn: "FunctionInfo | None") -> bool:
    """Whether an argument declared in ``fn`` (None: at module level) of ``module`` belongs to a component
    in scope. ``add_arguments`` is never *called* from ``handle`` (Django calls both), so a declaration
    counts when any function of its module is in scope, or when a function of such a module calls it
    (a shared ``add_common_arguments(parser)`` helper)."""
    if ctx.scope is None or fn is None or ctx.in_scope(fn):
        return True
    if any(ctx.in_scope(other) for other in module.functions.values()):
        return True
    for caller, _ in ctx.index.callers(fn):
        cmod = ctx.index.module_of(caller)
        if any(ctx.in_scope(other) for other in cmod.functions.values()):
            return True
    return False


def command_related(ctx: "CheckContext", module: "ModuleInfo", fn: "FunctionInfo | None") -> tuple[tuple[str, int, str], ...]:
    """Related locations for a finding on an argument declaration: the ``handle()`` of the command(s) that
    declare it, so the finding belongs to the command component (``add_arguments`` is not reached from
    ``handle``, Django calls both)."""
    out = []
    modules = [module]
    if fn is not None and "Command.handle" not in module.functions:
        modules += [ctx.index.module_of(c) for c, _ in ctx.index.callers(fn)]
    for m in modules:
        handle = m.functions.get("Command.handle")
        if handle is not None and (m.path, handle.line, "the command's handle()") not in out:
            out.append((m.path, handle.line, "the command's handle()"))
    return tuple(out)


def declaring_command(index: "RepoIndex", module: "ModuleInfo", line: int) -> "ModuleInfo | None":
    """The command module whose parser gets the argument declared at ``line`` of ``module``: the module
    itself, or a command whose ``add_arguments`` calls the helper declaring it. None when there is none."""
    if is_command_module(module.path) and "Command" in module.classes:
        return module
    fn = index.enclosing_function(module.path, line)
    if fn is None:
        return None
    for caller, _ in index.callers(fn):
        cmod = index.module_of(caller)
        if is_command_module(cmod.path) and caller.symbol == "Command.add_arguments":
            return cmod
    return None
