"""Plain source edits at ast positions (columns are UTF-8 byte offsets), applied back to front."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.rules.spark._dataframes import DataFrames
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex


def _char(line: str, byte_col: int) -> int:
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def span(source: str, node: ast.AST) -> tuple[int, int]:
    """Character offsets ``[start, end)`` of ``node`` in ``source``."""
    lines = source.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: node.lineno - 1]) + _char(lines[node.lineno - 1], node.col_offset)
    end = sum(len(x) for x in lines[: node.end_lineno - 1]) + _char(lines[node.end_lineno - 1], node.end_col_offset)
    return start, end


def line_span(source: str, lineno: int) -> tuple[int, int]:
    """Offsets of a whole line, its newline included."""
    lines = source.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: lineno - 1])
    return start, start + len(lines[lineno - 1])


def apply(source: str, edits: list[tuple[int, int, str]]) -> str | None:
    """``source`` with each ``(start, end, text)`` replaced; None when edits overlap or the result does not parse."""
    out = source
    last = len(source) + 1
    for start, end, text in sorted(edits, reverse=True):
        if end > last:
            return None
        out = out[:start] + text + out[end:]
        last = start
    try:
        ast.parse(out)
    except SyntaxError:
        return None
    return out


def spark_context(index: "RepoIndex", module: "ModuleInfo", owner: "FunctionInfo") -> str | None:
    """Source of an expression for the job's SparkContext in ``owner``: ``sc``, ``spark.sparkContext``, a variable
    bound to one, or a module-level session's ``.sparkContext``."""
    params = DataFrames.params(owner)
    if "sc" in params:
        return "sc"
    scopes = [owner.node, module.tree]
    for scope in scopes:
        for node in walk_tree(scope):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = node.value
                if isinstance(value, ast.Attribute) and value.attr == "sparkContext":
                    return node.targets[0].id
    for name in params:
        if "spark" in name.lower():
            return f"{name}.sparkContext"
    for scope in scopes:
        for node in walk_tree(scope):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                dotted = ""
                chain = node.value
                while isinstance(chain, (ast.Call, ast.Attribute)):
                    chain = chain.func if isinstance(chain, ast.Call) else chain.value
                    if isinstance(chain, (ast.Name, ast.Attribute)):
                        dotted = index.resolve(module, chain) or dotted
                if dotted.endswith("SparkSession") or ".SparkSession." in dotted + ".":
                    return f"{node.targets[0].id}.sparkContext"
    return None

