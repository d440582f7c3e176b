"""Per-instance state declared on the class (pure functions over ``ast``).

A container assigned in a class body (``_cache = {}``, ``_rows: dict[int, list[Row]] = {}``,
``_seen = defaultdict(list)``) is one object, created once when the class is defined and shared by every
instance. When the methods fill it through ``self`` (``self._cache[key] = ...``,
``self._rows[k].append(row)``) and never give an instance its own (``self._cache = {}``), every instance
built afterwards in the process sees, and adds to, what the earlier ones put there: a worker or a scheduler
process keeps every run's rows (memory grows run after run) and later runs are served stale ones.

Only containers filled with what the methods read from the database (rows go stale and pile up) or keyed by what
each call is handed (entries pile up; for a worker, W6) count. A
class that shares on purpose says so: it writes through ``cls._x`` / ``ClassName._x`` (a registry), it is
only ever built once, at module level (a singleton), or what it keeps is not rows (a pool of connections
keyed by URL). None of these is reported.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from rootfix.rules.job._lib.blocks import is_test_code as _is_test_code
from rootfix.rules.job._lib.blocks import walk_no_defs
from rootfix.rules.job._lib.process_cache import reads_db
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex
    from rootfix.project.model import Project
    from rootfix.rules.base import CheckContext, DirectTest, Rule
    from rootfix.types import Finding, Patch, Related

#: constructors of a mutable container (resolved names and the bare builtins)
CONTAINERS = frozenset({"dict", "list", "set", "collections.defaultdict", "collections.OrderedDict",
                        "collections.Counter", "collections.deque", "defaultdict", "OrderedDict", "Counter",
                        "deque"})
#: methods that put something into a container
GROW = frozenset({"append", "extend", "add", "update", "setdefault", "insert", "appendleft", "extendleft",
                  "__setitem__"})


@dataclass(frozen=True)
class SharedState:
    """One class-body container the instances fill through ``self``."""

    cls: ast.ClassDef
    stmt: ast.Assign | ast.AnnAssign  # the class-body assignment
    attr: str
    value: ast.expr
    fill: ast.AST  # the first ``self.<attr>`` store found
    fill_method: str  # the method it is in
    #: the methods that fill it read the database: the rows go stale (JOB204, WRK603)
    rows: bool = True


def _is_container(value: ast.expr, resolve: Callable[[ast.expr], "str | None"]) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    return isinstance(value, ast.Call) and (resolve(value.func) or ast.unparse(value.func)) in CONTAINERS


def _self_root(expr: ast.expr, self_name: str, attr: str) -> bool:
    """``self.<attr>``, possibly under subscripts: ``self._rows[k]``, ``self._rows[k][j]``."""
    while isinstance(expr, ast.Subscript):
        expr = expr.value
    return isinstance(expr, ast.Attribute) and expr.attr == attr and isinstance(expr.value, ast.Name) \
        and expr.value.id == self_name


def _direct(expr: ast.expr, owner: str, attr: str) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr == attr and isinstance(expr.value, ast.Name) \
        and expr.value.id == owner


def _fills(method: ast.FunctionDef | ast.AsyncFunctionDef, attr: str) -> Iterator[ast.AST]:
    """Stores into ``self.<attr>``'s contents in ``method``."""
    if not method.args.args or any(isinstance(d, ast.Name) and d.id in ("classmethod", "staticmethod")
                                   for d in method.decorator_list):
        return
    me = method.args.args[0].arg
    for node in walk_no_defs(method):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            if any(isinstance(t, ast.Subscript) and _self_root(t, me, attr) for t in targets):
                yield node
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in GROW \
                and _self_root(node.func.value, me, attr):
            yield node


def _rebinds(method: ast.FunctionDef | ast.AsyncFunctionDef, attr: str) -> bool:
    """``self.<attr> = ...`` (the instance gets its own) or ``cls.<attr> ...`` / deliberate class access."""
    if not method.args.args:
        return False
    me = method.args.args[0].arg
    for node in walk_no_defs(method):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_direct(t, me, attr) for t in targets):
                return True
    return False


def _class_access(index: "RepoIndex", cls_name: str, attr: str) -> bool:
    """Anything in the project names ``ClassName.<attr>`` or ``cls.<attr>`` (a shared registry on purpose)."""
    for info in index.modules.values():
        if attr not in info.source:
            continue
        for node in walk_tree(info.tree):
            if isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.value, ast.Name) \
                    and node.value.id in (cls_name, "cls"):
                return True
    return False


def built_per_run(index: "RepoIndex", cls_name: str) -> bool:
    """The class is instantiated inside some function (an instance per run / per call), not only once at
    module level."""
    for info in index.modules.values():
        if cls_name not in info.source:
            continue
        for fn in info.functions.values():
            for node in walk_no_defs(fn.node):
                if isinstance(node, ast.Call) and (
                        isinstance(node.func, ast.Name) and node.func.id == cls_name
                        or isinstance(node.func, ast.Attribute) and node.func.attr == cls_name):
                    return True
    return False


def shared_states(index: "RepoIndex", module: "ModuleInfo", cls: ast.ClassDef) -> Iterator[SharedState]:
    """The class-body containers of ``cls`` its methods fill through ``self`` and never rebind."""
    methods = [s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            attr, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            attr, value = stmt.target.id, stmt.value
        else:
            continue
        if attr.isupper() or not _is_container(value, lambda e: index.resolve(module, e)):
            continue  # a CONSTANT table is read, not filled
        fills = [(m.name, f) for m in methods for f in _fills(m, attr)]
        if not fills or any(_rebinds(m, attr) for m in methods):
            continue
        # rows from the database go stale and pile up; entries keyed by what each call is handed (a segment's
        # text, an id) pile up too (memory grows with every run); a process-wide pool of connections or
        # clients keyed by its URL, or a registry of the app's classes, is shared on purpose
        rows = any(reads_db(index, module, m, class_name=cls.name) for m in methods
                   if m.name in {name for name, _ in fills})
        if not rows and not any(_keyed_by_input(m, f) for m in methods for name, f in fills if name == m.name):
            continue
        if _class_access(index, cls.name, attr) or not built_per_run(index, cls.name):
            continue
        yield SharedState(cls, stmt, attr, value, fills[0][1], fills[0][0], rows)


_POOLED = re.compile(r"(Client|Session|Connection|Pool|Engine|Api|API|Resource)$")


def _keyed_by_input(method: ast.FunctionDef | ast.AsyncFunctionDef, fill: ast.AST) -> bool:
    """The fill's key or item comes from what the method is handed (a parameter, or a local computed from
    one: ``key = (self.language, text)``), so every new input adds an entry."""
    params = {a.arg for a in [*method.args.posonlyargs, *method.args.args[1:], *method.args.kwonlyargs]}
    if method.args.vararg:
        params.add(method.args.vararg.arg)
    derived = set(params)
    for node in walk_no_defs(method):  # locals assigned from a parameter
        if isinstance(node, ast.Assign) and any(isinstance(n, ast.Name) and n.id in derived
                                                for n in walk_tree(node.value)):
            derived |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    if isinstance(fill, ast.Assign) and any(isinstance(n, ast.Call) and _POOLED.search(
            ast.unparse(n.func).rsplit(".", 1)[-1]) for n in walk_tree(fill.value)):
        return False  # a client / session per endpoint: a pool, shared on purpose
    if isinstance(fill, (ast.Assign, ast.AugAssign)):
        targets = fill.targets if isinstance(fill, ast.Assign) else [fill.target]
        keys = [t.slice for t in targets if isinstance(t, ast.Subscript)]
    elif isinstance(fill, ast.Call):
        keys = list(fill.args[:1])
    else:
        keys = []
    return any(isinstance(n, ast.Name) and n.id in derived for key in keys for n in walk_tree(key))


def subclass_skips_init(index: "RepoIndex", cls_name: str) -> bool:
    """A project class derived from ``cls_name`` defines ``__init__`` without calling ``super().__init__``:
    its instances would never get an attribute the base class's ``__init__`` sets."""
    for info in index.modules.values():
        if cls_name not in info.source:
            continue
        for cls in walk_tree(info.tree):
            if not isinstance(cls, ast.ClassDef) or not any(
                    (b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else "") == cls_name
                    for b in cls.bases):
                continue
            init = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
            if init is not None and not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                                            and n.func.attr == "__init__" for n in walk_tree(init)):
                return True
    return False


def move_into_init(source: str, state: SharedState) -> str | None:
    """``source`` with the container built in ``__init__`` (``self.<attr> = <value>``, first thing after the
    docstring / ``super().__init__()``) and the class-body assignment dropped (an annotation stays as the
    declaration). None when the class has no ``__init__`` of its own or the value names class-body names."""
    init = next((s for s in state.cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
    if init is None or not init.args.args or init.lineno < state.stmt.lineno:
        return None
    own = {t.id for s in state.cls.body if isinstance(s, (ast.Assign, ast.AnnAssign))
           for t in (s.targets if isinstance(s, ast.Assign) else [s.target]) if isinstance(t, ast.Name)}
    own |= {s.name for s in state.cls.body if isinstance(s, (ast.FunctionDef, ast.ClassDef))}
    if any(isinstance(n, ast.Name) and n.id in own for n in walk_tree(state.value)):
        return None
    lines = source.splitlines(keepends=True)
    stmt = state.stmt
    if stmt.lineno != stmt.end_lineno:
        return None
    me = init.args.args[0].arg
    value_src = ast.get_source_segment(source, state.value) or ast.unparse(state.value)
    body = init.body
    at = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        at = 1
    if len(body) > at and isinstance(body[at], ast.Expr) and isinstance(body[at].value, ast.Call) \
            and "super" in ast.unparse(body[at].value.func):
        at += 1
    anchor = body[at] if at < len(body) else None
    if anchor is None:
        indent_line = lines[body[-1].lineno - 1]
        insert_at = body[-1].end_lineno or body[-1].lineno
    else:
        indent_line = lines[anchor.lineno - 1]
        insert_at = anchor.lineno - 1
    indent = indent_line[: len(indent_line) - len(indent_line.lstrip())]
    assignment = f"{indent}{me}.{state.attr} = {value_src}\n"
    if isinstance(stmt, ast.AnnAssign):
        # the annotation stays in the class body as the attribute's declaration
        line = lines[stmt.lineno - 1]
        cut = line.index("=", stmt.target.end_col_offset)
        kept, first, added = [line[:cut].rstrip() + "\n"], stmt.lineno - 1, [assignment]
    else:
        # the comments right above the class-body line describe the container: they move with it
        first = stmt.lineno - 1
        while first > 0 and lines[first - 1].strip().startswith("#"):
            first -= 1
        kept = []
        added = [indent + line.lstrip() for line in lines[first: stmt.lineno - 1]] + [assignment]
    rest = stmt.lineno
    # no blank line left hanging under the class line, nor two where the assignment sat between them
    if rest < insert_at and not lines[rest].strip() and not kept and (
            first > 0 and (not lines[first - 1].strip() or lines[first - 1].rstrip().endswith(":"))):
        rest += 1
    return "".join(lines[:first] + kept + lines[rest: insert_at] + added + lines[insert_at:])


def add_init(source: str, state: SharedState) -> str | None:
    """For a class with no ``__init__`` of its own: ``source`` with one that builds the container (a base class's
    ``__init__`` still runs first, with whatever it is given), the class-body assignment handled as
    :func:`move_into_init` does. None for a decorated class (a dataclass writes its own) or when the class
    body has no method to put it before."""
    cls = state.cls
    if cls.decorator_list or any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__"
                                 for s in cls.body):
        return None
    method = next((s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
                   and s.lineno > state.stmt.lineno), None)
    if method is None:
        return None
    lines = source.splitlines(keepends=True)
    start = min([method.lineno, *(d.lineno for d in method.decorator_list)])
    head = lines[start - 1]
    indent = head[:len(head) - len(head.lstrip())]
    bases = [b for b in cls.bases if not (isinstance(b, ast.Name) and b.id == "object")]
    stub = ([f"{indent}def __init__(self, *args, **kwargs):\n", f"{indent}    super().__init__(*args, **kwargs)\n"]
            if bases or cls.keywords else [f"{indent}def __init__(self):\n", f"{indent}    pass\n"])
    stubbed = "".join(lines[:start - 1] + stub + ["\n"] + lines[start - 1:])
    tree = ast.parse(stubbed)
    new_cls = next(n for n in walk_tree(tree) if isinstance(n, ast.ClassDef) and n.lineno == cls.lineno)
    stmt = next(n for n in new_cls.body if n.lineno == state.stmt.lineno)
    moved = move_into_init(stubbed, SharedState(new_cls, stmt, state.attr, stmt.value, state.fill,  # type: ignore
                                                state.fill_method, state.rows))
    if moved is None:
        return None
    if not (bases or cls.keywords):  # the placeholder goes: the assignment is the body now
        out = moved.splitlines(keepends=True)
        i = next(i for i, ln in enumerate(out) if ln.strip() == f"self.{state.attr} = " +
                 (ast.get_source_segment(source, state.value) or ast.unparse(state.value)))
        if out[i + 1].strip() == "pass":
            del out[i + 1]
        moved = "".join(out)
    return moved


def found_in(index: "RepoIndex", functions: "Iterable[FunctionInfo]") -> Iterator[tuple["FunctionInfo", SharedState]]:
    """``(method that fills it, state)`` for each shared container filled by one of ``functions``."""
    seen: set[tuple[str, str]] = set()
    for fn in functions:
        if not fn.class_name or "." in fn.class_name or (fn.file, fn.class_name) in seen:
            continue
        seen.add((fn.file, fn.class_name))
        module = index.by_path[fn.file]
        cls = module.classes.get(fn.class_name)
        if cls is None:
            continue
        for state in shared_states(index, module, cls):
            method = module.functions.get(f"{cls.name}.{state.fill_method}")
            if method is not None:
                yield method, state


def at(index: "RepoIndex", file: str, line: int) -> tuple["FunctionInfo", SharedState] | None:
    """The shared container whose class-body assignment is at ``file:line``."""
    module = index.by_path.get(file)
    if module is None:
        return None
    methods = [fn for fn in module.functions.values() if fn.class_name]
    return next(((m, s) for m, s in found_in(index, methods) if s.stmt.lineno == line), None)


def patch(index: "RepoIndex", finding: "Finding") -> "Patch | None":
    """The fix of a finding at a class-body container: the container built in ``__init__``."""
    import libcst as cst

    from rootfix.types import FileChange, Patch

    found = at(index, finding.file, finding.line)
    if found is None:
        return None
    source = index.by_path[finding.file].source
    new = move_into_init(source, found[1]) or add_init(source, found[1])
    if new is None or subclass_skips_init(index, found[1].cls.name):
        return None
    cst.parse_module(new)
    return Patch(changes=(FileChange(finding.file, source, new),))


def left_behind_test(index: "RepoIndex", finding: "Finding") -> "DirectTest | None":
    """Replay each project test that fills the container with the class's shared one emptied first:
    afterwards it must still be empty (each instance filled its own)."""
    from rootfix.rules.base import DirectTest, ProjectTestCalls

    found = at(index, finding.file, finding.line)
    if found is None:
        return None
    method, state = found
    return DirectTest(state.cls.name, method.file, ("class_state_left_behind",), dict(
        cls=state.cls.name, attr=state.attr, attr_repr=repr(state.attr)),
        calls=ProjectTestCalls(method, "_nothing_left_behind", infix="leaves_nothing_shared_after", beside=True))


def related(method: "FunctionInfo", state: SharedState) -> "list[Related]":
    """Where the shared container is filled (the code a component reaches, unlike the class body)."""
    from rootfix.types import Related

    out = [Related(method.file, getattr(state.fill, "lineno", method.line),
                   f"fills the shared container: {method.symbol}")]
    init = next((s for s in state.cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
    if init is not None:  # where each instance is built: the code a component runs first
        out.append(Related(method.file, init.body[0].lineno, f"builds each instance: {state.cls.name}.__init__"))
    return out


def class_reached(project: "Project", method: "FunctionInfo", component_types: tuple[str, ...]) -> bool:
    """Some method of ``method``'s class is code components of these types run."""
    scope = project.scope(component_types)
    module = project.index.by_path[method.file]
    return any(fn.qualname in scope for fn in module.functions.values() if fn.class_name == method.class_name)


def findings(rule: "Rule", ctx: "CheckContext", others: tuple[str, ...], *, primary: bool,
             says: str) -> Iterator["Finding"]:
    """The findings of ``rule`` (JOB204 / WRK603): each shared container of a class the rule's components run.
    A class run by both families is reported once: by the ``primary`` rule, or by the other one when only
    its components (``rule.component_types``) run the class. ``says``: what the kept rows do, in words."""
    from dataclasses import replace

    project = ctx.project
    for method, state in found_in(ctx.index, (f for f in ctx.functions() if not _is_test_code(f.file))):
        if primary and not state.rows:
            continue  # entries that are no rows only cost memory: the worker rule's (W6), not stale state
        ours = class_reached(project, method, rule.component_types)
        theirs = class_reached(project, method, others)
        if not (ours or not theirs) if primary else not (ours and (not theirs or not state.rows)):
            continue
        finding = rule.finding(method, state.stmt, (
            f"`{state.attr}` is declared on the class, so every {state.cls.name} shares one container; "
            f"{state.fill_method}() fills it through self: "
            f"{says if state.rows else 'each call adds entries for what it is handed and none are ever dropped (the process grows run after run)'}"
            "; build it in __init__"),
            related=related(method, state))
        finding = replace(finding, symbol=state.cls.name)
        source = ctx.index.by_path[method.file].source
        if (move_into_init(source, state) or add_init(source, state)) is None \
                or subclass_skips_init(ctx.index, state.cls.name):
            finding = replace(finding, fixable=False, fix_safety=None)
        yield finding
