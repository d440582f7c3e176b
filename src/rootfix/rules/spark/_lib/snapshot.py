"""Model instances broadcast to executors, and what executor code reads of them.

A broadcast of ``{row.key: row for row in Model.objects...}`` cannot be unpickled where Django is not set up
(every Spark Python worker). When everything the project reads of the broadcast's values is a column of the
model (``species.common_name``, ``room.building_id``), the values can travel as plain snapshots of the
instances' columns instead, and the readers work unchanged.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rootfix.project import values as V
from rootfix.project.model import is_test_file
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

RELATIONS = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField", "GenericForeignKey", "ParentalKey",
                       "TreeForeignKey", "ForeignObject"})
#: what the snapshot of one instance is: every concrete column under its attribute name (``owner_id``)
SNAPSHOT = "SimpleNamespace(**{{f.attname: getattr({v}, f.attname) for f in {v}._meta.concrete_fields}})"


@dataclass(frozen=True)
class BroadcastRows:
    """``{key: row for row in rows}`` (or ``[row for row in rows]``) broadcast: ``element`` is the ``row``
    name in the comprehension's value, ``model`` the dotted model class of the rows."""

    comprehension: ast.DictComp | ast.ListComp
    element: ast.Name
    model: str


def broadcast_rows(index: "RepoIndex", fn: "FunctionInfo", value: ast.expr) -> BroadcastRows | None:
    """The comprehension of model rows that ``value`` (the argument of ``sc.broadcast``) is, or None."""
    from rootfix.rules.spark._dataframes import DataFrames

    if isinstance(value, ast.Name):
        bound = DataFrames.assignments(fn, value.id)
        if len(bound) != 1:
            return None
        value = bound[0]
    if not isinstance(value, (ast.DictComp, ast.ListComp)) or len(value.generators) != 1:
        return None
    gen = value.generators[0]
    element = value.value if isinstance(value, ast.DictComp) else value.elt
    if not (isinstance(gen.target, ast.Name) and isinstance(element, ast.Name) and element.id == gen.target.id):
        return None
    rows = V.value_of(index, fn, gen.iter, gen.iter.lineno)
    if rows is None or not rows.is_queryset or not rows.instances or not rows.model:
        return None
    return BroadcastRows(value, element, rows.model)


def _is_value_read(node: ast.AST) -> bool:
    """``b.value.get(k)`` / ``b.value[k]``: one element of a broadcast (or any ``.value`` holder)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        base = node.func.value
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        base = node.value
    else:
        return False
    return isinstance(base, ast.Attribute) and base.attr == "value"


def _loop_elements(node: ast.For) -> list[str]:
    """``for v in b.value.values()`` / ``for k, v in b.value.items()`` / ``for v in b.value``: the ``v`` names."""
    it = node.iter
    method = it.func.attr if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) else None
    holder = it.func.value if method else it
    if not (isinstance(holder, ast.Attribute) and holder.attr == "value"):
        return []
    if method == "items" and isinstance(node.target, ast.Tuple) and len(node.target.elts) == 2 \
            and isinstance(node.target.elts[1], ast.Name):
        return [node.target.elts[1].id]
    if method in (None, "values") and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def element_reads(index: "RepoIndex") -> list[tuple[set[str], bool]]:
    """For each function of the project (tests left out) that takes an element out of a ``.value`` holder:
    ``(attributes read on it, opaque)``; opaque when the element is also passed on, returned or stored, so
    what is read of it is not known here."""
    out: list[tuple[set[str], bool]] = []
    for fn in index.functions.values():
        if is_test_file(fn.file):
            continue
        names: set[str] = set()
        attrs: set[str] = set()
        direct_parents: set[int] = set()
        for node in walk_tree(fn.node):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                    and _is_value_read(node.value):
                names.add(node.targets[0].id)
            elif isinstance(node, ast.For):
                names.update(_loop_elements(node))
            elif isinstance(node, ast.Attribute) and _is_value_read(node.value):
                attrs.add(node.attr)  # b.value[k].name
                direct_parents.add(id(node.value))
        if not names and not attrs:
            continue
        opaque = False
        parents = {id(child): parent for parent in walk_tree(fn.node) for child in ast.iter_child_nodes(parent)}
        for node in walk_tree(fn.node):
            if not (isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)):
                continue
            parent = parents.get(id(node))
            if isinstance(parent, ast.Attribute):
                attrs.add(parent.attr)
            elif isinstance(parent, ast.Compare) and all(
                    isinstance(c, ast.Constant) and c.value is None for c in parent.comparators):
                continue  # `x is None`
            elif isinstance(parent, (ast.If, ast.IfExp, ast.While, ast.BoolOp, ast.UnaryOp)):
                continue  # truthiness
            else:
                opaque = True
        out.append((attrs, opaque))
    return out


def _readers(index: "RepoIndex", model: str) -> list[tuple[set[str], bool, bool]]:
    """``(attributes, opaque, columns only)`` of each reader of broadcast elements that are ``model`` rows: a
    reader counts as one when it reads at least one field of the model."""
    def column(attr: str) -> bool:
        kind = V.field_class(index, model, attr)
        if kind is not None:
            return kind.endswith("Field") and kind not in RELATIONS
        if attr == "id":
            return True
        return attr.endswith("_id") and V.field_class(index, model, attr[:-3]) in RELATIONS

    def field(attr: str) -> bool:
        return V.field_class(index, model, attr) is not None or column(attr)

    return [(attrs, opaque, all(column(a) for a in attrs)) for attrs, opaque in element_reads(index)
            if any(field(a) for a in attrs)]


def columns_only(index: "RepoIndex", model: str) -> bool:
    """Whether everything the project reads of broadcast elements that are ``model`` rows is a column.

    Such a reader must read nothing but columns (``name``, ``owner_id``; not ``owner``, a method or a
    property) and not pass the element on. At least one reader must exist: with none, nothing says what the
    executors need.
    """
    readers = _readers(index, model)
    return bool(readers) and all(not opaque and columns for _, opaque, columns in readers)


def read_columns(index: "RepoIndex", model: str) -> list[str]:
    """The columns of ``model`` that readers of its broadcast rows read, sorted."""
    return sorted({a for attrs, _, _ in _readers(index, model) for a in attrs})
