"""Which code runs on executors: functions and lambdas handed to RDD/DataFrame actions and transformations,
or wrapped as UDFs; module bodies of ``spark-submit`` scripts seen as one more function."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rootfix.discover.index import FunctionInfo
from rootfix.rules.spark._dataframes import DataFrames, imports_pyspark
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

#: RDD / DataFrame methods whose first argument runs on executors.
EXECUTOR_METHODS = frozenset({"map", "flatMap", "foreach", "foreachPartition", "mapPartitions",
                              "mapPartitionsWithIndex", "filter", "reduce", "mapValues", "flatMapValues",
                              "reduceByKey", "aggregateByKey", "combineByKey", "keyBy", "sortBy", "groupBy",
                              "mapInPandas", "mapInArrow", "applyInPandas", "fold"})
FOREACH = frozenset({"foreach", "foreachPartition"})
PER_PARTITION = frozenset({"foreachPartition", "mapPartitions", "mapPartitionsWithIndex", "mapInPandas",
                           "mapInArrow"})
UDF_NAMES = frozenset({"pyspark.sql.functions.udf", "pyspark.sql.functions.pandas_udf",
                       "pyspark.sql.pandas.functions.pandas_udf", "pyspark.sql.udf.UserDefinedFunction"})
RDD_SOURCES = frozenset({"parallelize", "textFile", "wholeTextFiles", "rdd", "range", "binaryFiles",
                         "sequenceFile", "pickleFile"})
PARTIAL = frozenset({"functools.partial"})


@dataclass(frozen=True)
class Closure:
    """One piece of executor code: ``node`` (a lambda or function definition) run by ``how`` (``map``, ``udf``...),
    reported at ``at`` in ``owner``; ``target`` when it is a project function defined elsewhere."""

    node: ast.AST
    at: ast.AST
    how: str
    owner: FunctionInfo
    target: FunctionInfo | None = None
    #: ``frame.foreach(summary.observe)``: the driver variable whose bound method runs on the executors
    receiver: str | None = None


def module_body(module: "ModuleInfo") -> FunctionInfo:
    """The module's top-level statements (a ``spark-submit`` script's body) as a function without parameters."""
    body = [s for s in module.tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    node = ast.FunctionDef(name="<module>", args=ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[],
                                                               kw_defaults=[], kwarg=None, defaults=[]),
                           body=body or [ast.Pass()], decorator_list=[], returns=None, type_params=[])
    node.lineno, node.col_offset, node.end_lineno, node.end_col_offset = 1, 0, len(module.lines) or 1, 0
    return FunctionInfo(f"{module.module}.<module>", module.module, module.path, "", node)


def spark_functions(ctx) -> Iterator[FunctionInfo]:
    """Functions in scope in modules that import pyspark, plus those modules' bodies (scripts)."""
    seen_modules = set()
    # a job module that is handed its session (by a management command, a factory elsewhere) need not import
    # pyspark itself: discovery names it a pyspark-job component all the same
    job_files = {c.file for c in ctx.project.components if c.type == "pyspark-job"}

    def spark_module(module) -> bool:
        return imports_pyspark(module) or module.path in job_files

    for fn in ctx.functions():
        module = ctx.index.module_of(fn)
        if not spark_module(module):
            # a helper in a plain module that Spark code calls (``def to_rows(frame): return frame.collect()``,
            # a service class a job builds and hands its frame: ``CourseAudit(mats).audit(per_runner)``)
            if not _called_from_spark(ctx.index, fn, spark_module):
                continue
            yield fn
            continue
        if module.path not in seen_modules:
            seen_modules.add(module.path)
            if ctx.scope is None or any(c.type == "pyspark-job" and c.file == module.path
                                        for c in ctx.project.components):
                yield module_body(module)
        yield fn
    if ctx.scope is None:
        for module in ctx.index.by_path.values():
            if module.path not in seen_modules and imports_pyspark(module) and not module.functions:
                yield module_body(module)


def _called_from_spark(index, fn: FunctionInfo, spark_module, depth: int = 3) -> bool:
    """Whether a chain of at most ``depth`` project calls leads to ``fn`` from a Spark module."""
    seen = {fn.qualname}
    frontier = [fn]
    for _ in range(depth):
        nxt = []
        for callee in frontier:
            for caller, _call in index.callers(callee):
                if spark_module(index.module_of(caller)):
                    return True
                if caller.qualname not in seen:
                    seen.add(caller.qualname)
                    nxt.append(caller)
        frontier = nxt
    return False


def is_rdd(frames: DataFrames, fn: FunctionInfo, node: ast.expr) -> bool:
    """An RDD or DataFrame receiver: ``df.rdd``, ``sc.parallelize(...)``, a DataFrame, or a chain of those."""
    cur = node
    while isinstance(cur, (ast.Attribute, ast.Call)):
        if isinstance(cur, ast.Attribute):
            if cur.attr in RDD_SOURCES:
                return True
            cur = cur.value
        else:
            cur = cur.func
    if isinstance(node, ast.Name):
        for value in DataFrames.assignments(fn, node.id):
            if value is not node and isinstance(value, (ast.Call, ast.Attribute)) and is_rdd(frames, fn, value):
                return True
    return frames.is_df(fn, node)


def _is_udf_decorator(index: "RepoIndex", module: "ModuleInfo", deco: ast.expr) -> bool:
    target = deco.func if isinstance(deco, ast.Call) else deco
    return (index.resolve(module, target) or "") in UDF_NAMES


def _function_ref(index: "RepoIndex", module: "ModuleInfo", fn: FunctionInfo, expr: ast.expr,
                  nested: dict[str, ast.AST]) -> tuple[ast.AST | None, FunctionInfo | None]:
    if isinstance(expr, ast.Call) and (index.resolve(module, expr.func) or "") in PARTIAL and expr.args:
        expr = expr.args[0]
    if isinstance(expr, ast.Lambda):
        return expr, None
    if isinstance(expr, ast.Name) and expr.id in nested:
        return nested[expr.id], None
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls") \
            and fn.class_name:
        # a bound method of the job's own class: ``frame.foreach(self._tally)``
        target = module.functions.get(f"{fn.class_name}.{expr.attr}") \
            or index._inherited_method(module, fn.class_name, expr.attr)
        if target is not None:
            return target.node, target
    if isinstance(expr, (ast.Name, ast.Attribute)):
        dotted = index.resolve(module, expr)
        target = index.lookup_function(dotted) if dotted else None
        if target is not None:
            return target.node, target
    return None, None


def closures(index: "RepoIndex", frames: DataFrames, fn: FunctionInfo) -> Iterator[Closure]:
    """Executor code defined or used in ``fn``: lambdas and functions passed to RDD/DataFrame methods, UDFs."""
    module = index.module_of(fn)
    nested = {n.name: n for n in walk_tree(fn.node)
              if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not fn.node}
    if fn.symbol and any(_is_udf_decorator(index, module, d) for d in fn.node.decorator_list):
        yield Closure(fn.node, fn.node, "udf", fn, fn)
    for sub in nested.values():
        if any(_is_udf_decorator(index, module, d) for d in sub.decorator_list):
            yield Closure(sub, sub, "udf", fn)
    for node in walk_tree(fn.node):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        how = None
        if isinstance(func, ast.Attribute) and func.attr in EXECUTOR_METHODS and (
                is_rdd(frames, fn, func.value)
                or (func.attr in FOREACH | PER_PARTITION and isinstance(func.value, ast.Name)
                    and func.value.id in DataFrames.params(fn) and func.value.id not in ("self", "cls"))):
            how = func.attr
        elif (index.resolve(module, func) or "") in UDF_NAMES:
            how = "udf"
        elif isinstance(func, ast.Attribute) and func.attr == "register" and isinstance(func.value, ast.Attribute) \
                and func.value.attr == "udf" and len(node.args) >= 2:
            how = "udf"
            target_node, target = _function_ref(index, module, fn, node.args[1], nested)
            if target_node is not None:
                yield Closure(target_node, node, how, fn, target)
            continue
        if how is None:
            continue
        if how in ("reduce", "fold") and isinstance(func.value, ast.Name) and not is_rdd(frames, fn, func.value):
            continue
        arg = node.args[-1] if how == "fold" else node.args[0]
        target_node, target = _function_ref(index, module, fn, arg, nested)
        if target_node is not None:
            yield Closure(target_node, arg if isinstance(arg, ast.Lambda) else node, how, fn, target)
            continue
        bound = _bound_method(index, module, fn, arg)
        if bound is not None:
            yield Closure(bound.node, node, how, fn, bound, receiver=arg.id if isinstance(arg, ast.Name)
                          else arg.value.id)  # type: ignore[union-attr]


def _bound_method(index: "RepoIndex", module: "ModuleInfo", fn: FunctionInfo, expr: ast.expr) -> FunctionInfo | None:
    """``summary.observe`` where the function bound ``summary = QcSummary(...)``: that project class's method."""
    if not (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)) or expr.value.id in ("self", "cls"):
        return None
    name = expr.value.id
    built = [n.value for n in walk_tree(fn.node) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
             and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)]
    if len(built) != 1 or not isinstance(built[0].func, (ast.Name, ast.Attribute)):
        return None
    dotted = index.resolve(module, built[0].func)
    found = index.lookup_class(dotted) if dotted else None
    if found is None:
        return None
    info, cls = found
    return info.functions.get(f"{cls.name}.{expr.attr}") or index._inherited_method(info, cls.name, expr.attr)


def local_names(fn: ast.AST) -> set[str]:
    """Parameters and names bound inside ``fn`` (its own code, nested scopes included)."""
    names: set[str] = set()
    if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        a = fn.args
        names |= {p.arg for p in [*a.posonlyargs, *a.args, *a.kwonlyargs]}
        names |= {p.arg for p in (a.vararg, a.kwarg) if p}
    declared = {n for node in walk_tree(fn) if isinstance(node, (ast.Nonlocal, ast.Global)) for n in node.names}
    for node in walk_tree(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node is not fn:
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names - declared


def walk_code(node: ast.AST) -> Iterator[ast.AST]:
    """Nodes of a function or lambda body, without nested function/class definitions."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        sub = stack.pop()
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield sub
        stack.extend(ast.iter_child_nodes(sub))
