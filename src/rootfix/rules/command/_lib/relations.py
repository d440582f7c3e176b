"""Multi-valued relations of the project's models, read statically: the reverse side of a foreign key or a
many-to-many field (``booking.adjustments``), and what ``exclude()`` means across one."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rootfix.rules.command._lib.models import model_fields

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

MULTI = frozenset({"ForeignKey", "ManyToManyField"})  # their reverse sides hold many rows (and an M2M's forward one)


@dataclass(frozen=True)
class Relation:
    name: str  # the lookup name: ``adjustments``
    model: str  # the dotted model at the far end (``bookings.models.BookingAdjustment``)


def multi_valued(index: "RepoIndex") -> dict[str, list[Relation]]:
    """lookup name -> the relations of that name that hold many rows: reverse foreign keys (``related_name``, or
    the lowercased model name by default) and many-to-many fields, forward or reverse."""
    cached = index.__dict__.get("_rootfix_multi_valued")
    if cached is not None:
        return cached
    out: dict[str, list[Relation]] = {}
    for model, fields in model_fields(index).items():
        for field, (kind, call) in fields.items():
            if kind not in MULTI:
                continue
            related = next((k.value.value for k in call.keywords if k.arg == "related_name"
                            and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), None)
            query = next((k.value.value for k in call.keywords if k.arg == "related_query_name"
                          and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), None)
            reverse = query or (related if related and related != "+" else None) or model.rsplit(".", 1)[-1].lower()
            out.setdefault(reverse, []).append(Relation(reverse, model))
            if kind == "ManyToManyField":
                target = _target(index, model, call)
                if target:
                    out.setdefault(field, []).append(Relation(field, target))
    index.__dict__["_rootfix_multi_valued"] = out
    return out


def _target(index: "RepoIndex", model: str, call: ast.Call) -> str | None:
    arg = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "to"), None)
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        name = arg.value.rsplit(".", 1)[-1]
    elif isinstance(arg, (ast.Name, ast.Attribute)):
        name = ast.unparse(arg).rsplit(".", 1)[-1]
    else:
        return None
    found = [m for m in model_fields(index) if m.rsplit(".", 1)[-1] == name]
    return found[0] if len(found) == 1 else None


def split_across(call: ast.Call, index: "RepoIndex") -> tuple[str, Relation] | None:
    """``exclude(rel__a=x, rel__b=y)`` with every keyword through one multi-valued relation ``rel`` of a single
    known far-end model, and no positional (``Q``) argument: ``(rel, the relation)``; None otherwise."""
    if call.args or len(call.keywords) < 2 or any(k.arg is None or "__" not in k.arg for k in call.keywords):
        return None
    heads = {k.arg.split("__", 1)[0] for k in call.keywords if k.arg}
    if len(heads) != 1:
        return None
    rel = heads.pop()
    found = {r.model: r for r in multi_valued(index).get(rel, [])}
    if len(found) != 1:
        return None
    return rel, next(iter(found.values()))
