"""Is a DataFrame / RDD expression proven small before it is brought to the driver?"""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from rootfix.rules.spark._dataframes import DF_TO_DF, DataFrames
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

#: Calls whose result is bounded, whatever the input: a limit, a global or grouped aggregation, statistics.
BOUNDING = frozenset({"limit", "agg", "summary", "describe", "countByKey", "countByValue", "reduceByKey",
                      "aggregateByKey", "combineByKey", "foldByKey", "pivot", "rollup", "cube"})
#: Grouped-data methods that aggregate (``df.groupBy(...).count()``).
GROUPED = frozenset({"count", "sum", "avg", "mean", "max", "min", "agg"})
#: Results built from driver data: already on the driver.
LOCAL_SOURCES = frozenset({"createDataFrame", "parallelize"})
RDD_STEPS = frozenset({"map", "flatMap", "filter", "mapValues", "flatMapValues", "keys", "values", "sortBy",
                       "sortByKey", "union", "repartition", "coalesce", "cache", "persist", "mapPartitions",
                       "zipWithIndex", "keyBy", "rdd", "toDF", "setName", "sortWithinPartitions"})
SQL_SMALL = re.compile(r"\b(limit\s+\d+|group\s+by|count\s*\(|sum\s*\(|max\s*\(|min\s*\(|avg\s*\()", re.I)
FEW_COLUMNS = 3
MAX_DEPTH = 24


def is_bounded(index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo", node: ast.expr, depth: int = 0,
               columns: int | None = None) -> bool:
    """``node`` is limited, aggregated, a distinct over few selected columns, or built from local data."""
    # every step of a method chain counts: real chains (select, join, hint, coalesce, sort...) run past ten
    if depth > MAX_DEPTH:
        return False
    if isinstance(node, ast.Attribute):
        if node.attr in ("rdd", "na"):
            return is_bounded(index, frames, fn, node.value, depth + 1)
        return False
    if isinstance(node, ast.Name):
        if node.id in DataFrames.params(fn):
            return _param_bounded(index, frames, fn, node.id, depth)
        values = _reaching(fn, node)
        return bool(values) and all(is_bounded(index, frames, fn, v, depth + 1) for v in values)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    # a project function, or a method of the job's own class (``self.per_turbine(losses)``)
    if not isinstance(func, ast.Attribute) or (isinstance(func.value, ast.Name) and func.value.id in ("self", "cls")):
        module = index.module_of(fn)
        target = index.resolve_call(module, node, fn.class_name)
        if target is not None:
            returns = [r.value for r in walk_tree(target.node) if isinstance(r, ast.Return) and r.value is not None]
            return bool(returns) and all(is_bounded(index, frames, target, r, depth + 1) for r in returns)
        return False
    attr = func.attr
    if attr in BOUNDING or attr in LOCAL_SOURCES:
        return True
    if attr in GROUPED and _grouped(func.value):
        return True
    if attr == "sql" and node.args and isinstance(node.args[0], (ast.Constant, ast.JoinedStr)):
        text = node.args[0].value if isinstance(node.args[0], ast.Constant) else ast.unparse(node.args[0])
        return isinstance(text, str) and bool(SQL_SMALL.search(text))
    if attr == "range" and node.args and all(_driver_sized(a) for a in node.args):
        return True
    if attr in ("join", "crossJoin") and node.args:
        return is_bounded(index, frames, fn, func.value, depth + 1) and is_bounded(
            index, frames, fn, node.args[0], depth + 1)
    if attr in ("distinct", "dropDuplicates", "drop_duplicates") and not (attr != "distinct" and node.args):
        # few distinct values of few columns, or the distinct rows of a frame already small
        return _few_columns(func.value) or is_bounded(index, frames, fn, func.value, depth + 1)
    if attr in DF_TO_DF or attr in RDD_STEPS:
        return is_bounded(index, frames, fn, func.value, depth + 1)
    return False


def _driver_sized(node: ast.expr) -> bool:
    """A literal, or ``len(...)`` of a driver collection (``spark.range(len(columns))``)."""
    return isinstance(node, ast.Constant) or (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                                              and node.func.id == "len")


def _reaching(fn: "FunctionInfo", name: ast.Name) -> list[ast.expr]:
    """The assignment of ``name`` last before its use (straight-line approximation); all of them when none is."""
    found = [node for node in walk_tree(fn.node) if isinstance(node, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == name.id for t in node.targets)]
    # an assignment reaches a use that comes after its end: in ``x = a.join(x)`` the ``x`` read is the
    # previous value, not this assignment's (which would recurse into itself and prove nothing)
    before = [a for a in found if ((a.end_lineno or a.lineno), a.end_col_offset or 0) <= (name.lineno, name.col_offset)
              and not any(n is name for n in walk_tree(a.value))]
    if before:
        return [max(before, key=lambda a: (a.lineno, a.col_offset)).value]
    return [a.value for a in found]


def _grouped(node: ast.expr) -> bool:
    while isinstance(node, (ast.Call, ast.Attribute)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "groupBy", "groupby", "rollup", "cube", "pivot"):
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def _few_columns(node: ast.expr) -> bool:
    """A ``select`` of at most FEW_COLUMNS columns down the chain (before any widening step)."""
    while isinstance(node, (ast.Call, ast.Attribute)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("select", "map") and 0 < len(node.args) <= FEW_COLUMNS \
                    and not any(isinstance(a, ast.Starred) for a in node.args):
                return True
            if node.func.attr in ("withColumn", "join", "crossJoin", "selectExpr"):
                return False
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def _param_bounded(index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo", name: str, depth: int) -> bool:
    """Every caller passes a bounded frame for ``name`` (and there is at least one caller)."""
    params = DataFrames.params(fn)
    position = params.index(name) - (1 if fn.class_name else 0)
    callers = index.callers(fn)
    if not callers:
        return False
    for caller, call in callers:
        arg = next((kw.value for kw in call.keywords if kw.arg == name), None)
        if arg is None and 0 <= position < len(call.args):
            arg = call.args[position]
        if arg is None or not is_bounded(index, frames, caller, arg, depth + 1):
            return False
    return True
