"""Telling DataFrames apart from look-alikes (Django querysets, sets, RDDs) statically, through the index."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: Methods only a DataFrame has (not QuerySet, set, RDD, str): a receiver using one is a DataFrame.
DF_ONLY = frozenset({
    "withColumn", "withColumns", "withColumnRenamed", "withColumnsRenamed", "selectExpr", "dropDuplicates",
    "drop_duplicates", "unionByName", "toDF", "createOrReplaceTempView", "createTempView", "toPandas",
    "printSchema", "fillna", "dropna", "crossJoin", "withWatermark",
})
#: Attributes only a DataFrame has.
DF_ATTRS = frozenset({"write", "writeStream", "columns", "dtypes", "schema", "na", "rdd"})
#: Methods an RDD does not have: a parameter used with one is a DataFrame (in a module that deals with Spark).
DF_USE = frozenset({"select", "where", "orderBy", "agg"})
#: Methods that return a DataFrame when called on one.
DF_TO_DF = DF_ONLY | frozenset({
    "select", "filter", "where", "join", "agg", "alias", "distinct", "limit", "orderBy", "sort", "union",
    "unionAll", "repartition", "coalesce", "cache", "persist", "sample", "drop", "groupBy", "groupby",
    "hint", "localCheckpoint", "checkpoint", "exceptAll", "intersect", "subtract", "transform",
})
#: Reader methods: ``spark.read[.option(...)].csv(...)`` and friends.
READERS = frozenset({"csv", "json", "parquet", "orc", "text", "table", "load", "jdbc", "avro"})
SESSION_TO_DF = frozenset({"createDataFrame", "sql", "table", "range", "read"})
#: How many steps (a method of a chain, a call into a helper, a caller's argument) a question may follow: a frame
#: built by a loader, reshaped by two helpers and handed on through a service class is a dozen steps from its read.
MAX_DEPTH = 14


def imports_pyspark(module: "ModuleInfo") -> bool:
    return any(target.split(".")[0] == "pyspark" for target in module.imports.values())


class DataFrames:
    """Answers "is this expression a DataFrame?" for expressions inside project functions."""

    def __init__(self, index: "RepoIndex") -> None:
        self.index = index
        self._returns: dict[str, bool] = {}
        self._params: dict[tuple[str, str], bool] = {}
        self._truncated = False  # a question ran out of depth: its "no" is not remembered

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def assignments(fn: "FunctionInfo", name: str) -> list[ast.expr]:
        return [node.value for node in walk_tree(fn.node) if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)]

    @staticmethod
    def params(fn: "FunctionInfo") -> list[str]:
        a = fn.node.args
        return [p.arg for p in [*a.posonlyargs, *a.args, *a.kwonlyargs]]

    def _is_session(self, fn: "FunctionInfo", module: "ModuleInfo", node: ast.expr) -> bool:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            # a job class keeps its session: ``self.spark.table(...)``
            return "spark" in node.attr.lower() and imports_pyspark(module)
        if isinstance(node, ast.Name):
            # a helper module handed the session need not import pyspark: its parameter's name says it
            if "spark" in node.id.lower() and (imports_pyspark(module) or node.id in self.params(fn)):
                return True
            return any(self._builds_session(module, v) for v in self.assignments(fn, node.id))
        if isinstance(node, ast.Call):
            target = self.index.resolve_call(module, node, fn.class_name)
            if target is not None:
                tmod = self.index.module_of(target)
                return any(self._builds_session(tmod, r.value) for r in walk_tree(target.node)
                           if isinstance(r, ast.Return) and r.value is not None)
        return self._builds_session(module, node)

    def _builds_session(self, module: "ModuleInfo", node: ast.expr) -> bool:
        for sub in walk_tree(node):
            if isinstance(sub, (ast.Name, ast.Attribute)):
                dotted = self.index.resolve(module, sub) or ""
                if dotted.startswith("pyspark.sql.SparkSession") or dotted.startswith("pyspark.sql.session.SparkSession"):
                    return True
        return False

    # ------------------------------------------------------------------ the question
    def is_df(self, fn: "FunctionInfo", node: ast.expr, depth: int = 0) -> bool:
        if depth > MAX_DEPTH:
            self._truncated = True
            return False
        module = self.index.module_of(fn)
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                if func.attr in DF_ONLY:
                    return True
                if func.attr in READERS and _has_read(func.value):
                    return True
                if func.attr in SESSION_TO_DF and self._is_session(fn, module, func.value):
                    return True
                if func.attr in DF_TO_DF and self._spark_arguments(module, node):
                    return True  # filter(F.col("x") > 1), persist(StorageLevel.DISK_ONLY): no queryset takes these
                if func.attr in DF_TO_DF:  # a method chain is finite: its links cost no depth
                    return self.is_df(fn, func.value, depth)
            target = self.index.resolve_call(module, node, fn.class_name)
            if target is not None:
                return self.returns_df(target, depth + 1)
            return False
        if isinstance(node, ast.Name):
            if node.id in self.params(fn):
                return self.param_is_df(fn, node.id, depth + 1)
            return any(self.is_df(fn, v, depth + 1) for v in self.assignments(fn, node.id))
        return False

    def _spark_arguments(self, module: "ModuleInfo", call: ast.Call) -> bool:
        """An argument of ``call`` is built from pyspark (``F.col(...)``, ``StorageLevel.X``, ``Window...``)."""
        for arg in [*call.args, *(kw.value for kw in call.keywords)]:
            for sub in walk_tree(arg):
                if isinstance(sub, (ast.Name, ast.Attribute)) and (self.index.resolve(module, sub) or "").startswith(
                        ("pyspark.sql.functions", "pyspark.sql.Column", "pyspark.StorageLevel",
                         "pyspark.storagelevel", "pyspark.sql.Window", "pyspark.sql.window")):
                    return True
        return False

    def returns_df(self, fn: "FunctionInfo", depth: int = 0) -> bool:
        if fn.qualname in self._returns:
            return self._returns[fn.qualname]
        returns = fn.node.returns
        if returns is not None and (self.index.resolve(self.index.module_of(fn), returns) or "").startswith(
                ("pyspark.sql.DataFrame", "pyspark.sql.dataframe.DataFrame", "pyspark.sql.connect.dataframe")):
            self._returns[fn.qualname] = True  # ``def totals(frame) -> DataFrame``: its author says so
            return True
        self._returns[fn.qualname] = False  # recursion guard
        outer, self._truncated = self._truncated, False
        result = any(isinstance(r, ast.Return) and r.value is not None and self.is_df(fn, r.value, depth + 1)
                     for r in walk_tree(fn.node))
        if result or not self._truncated:
            self._returns[fn.qualname] = result
        else:
            del self._returns[fn.qualname]
        self._truncated = outer or self._truncated
        return result

    def param_is_df(self, fn: "FunctionInfo", name: str, depth: int = 0) -> bool:
        """A parameter is a DataFrame when the function uses it as one, or its callers pass one."""
        key = (fn.qualname, name)
        if key in self._params:
            return self._params[key]
        self._params[key] = False
        outer, self._truncated = self._truncated, False
        result = self._used_as_df(fn, name)
        if not result and depth <= MAX_DEPTH:
            params = self.params(fn)
            # a method's callers do not pass ``self``/``cls``; a staticmethod's pass every parameter
            position = params.index(name) - (1 if fn.class_name and params and params[0] in ("self", "cls") else 0)
            for caller, call in self.index.callers(fn):
                arg = next((kw.value for kw in call.keywords if kw.arg == name), None)
                if arg is None and 0 <= position < len(call.args) and not any(
                        isinstance(a, ast.Starred) for a in call.args[: position + 1]):
                    arg = call.args[position]
                if arg is not None and self.is_df(caller, arg, depth + 1):
                    result = True
                    break
        if result or not self._truncated:
            self._params[key] = result
        else:
            del self._params[key]
        self._truncated = outer or self._truncated
        return result

    @staticmethod
    def _used_as_df(fn: "FunctionInfo", name: str) -> bool:
        for node in walk_tree(fn.node):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
                if node.attr in DF_ATTRS or node.attr in DF_ONLY or node.attr in DF_USE:
                    return True
        return False


def _has_read(node: ast.expr) -> bool:
    """``spark.read`` / ``spark.readStream`` somewhere down an attribute/call chain."""
    while isinstance(node, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute):
            if node.attr in ("read", "readStream"):
                return True
            node = node.value
        else:
            node = node.func
    return False
