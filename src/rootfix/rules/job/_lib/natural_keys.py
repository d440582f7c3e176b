"""Natural keys of rows a job creates: the model's unique fields and constraints, and the fields a
per-row ``create()`` fills from the loop's row. Pure functions over ``ast``."""
from __future__ import annotations

import ast
import re

from rootfix.rules.job._lib.blocks import walk_no_defs

KEYISH = re.compile(r"(^|_)(day|date|period|month|week|year|quarter|kind|type|slot|number|code|ref|reference|key|"
                    r"external_id|invoice|order|customer|account|user|subscription|period_start|for)$")
EXISTENCE = frozenset({"exists", "get_or_create", "update_or_create", "first", "get", "count",
                       "aget_or_create", "aupdate_or_create", "aexists"})


def unique_sets(cls: ast.ClassDef) -> list[frozenset[str]]:
    """Field sets the model declares unique: ``unique=True`` fields, ``unique_together``,
    ``UniqueConstraint(fields=[...])`` (without a condition)."""
    out: list[frozenset[str]] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Call):
            if any(k.arg in ("unique", "primary_key") and isinstance(k.value, ast.Constant) and k.value.value is True
                   for k in stmt.value.keywords):
                out.append(frozenset({stmt.targets[0].id}))
            if ast.unparse(stmt.value.func).endswith("OneToOneField"):
                out.append(frozenset({stmt.targets[0].id}))
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            for m in stmt.body:
                if not isinstance(m, ast.Assign) or not isinstance(m.targets[0], ast.Name):
                    continue
                if m.targets[0].id == "unique_together":
                    try:
                        value = ast.literal_eval(m.value)
                    except ValueError:
                        continue
                    groups = [value] if value and isinstance(value[0], str) else list(value)
                    out += [frozenset(g) for g in groups]
                elif m.targets[0].id == "constraints" and isinstance(m.value, (ast.List, ast.Tuple)):
                    for c in m.value.elts:
                        if isinstance(c, ast.Call) and ast.unparse(c.func).endswith("UniqueConstraint") and not any(
                                k.arg == "condition" for k in c.keywords):
                            fields = next((k.value for k in c.keywords if k.arg == "fields"), None)
                            try:
                                out.append(frozenset(ast.literal_eval(fields))) if fields is not None else None
                            except ValueError:
                                continue
    return out


def from_row(value: ast.expr, var: str) -> bool:
    """``row``, ``row.pk``, ``row.customer``, ``row.customer_id`` - a value taken from the loop's row."""
    node = value
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id == var


def checks_existence(fn: ast.AST, model_text: str) -> bool:
    """The function looks the rows up before creating (``.exists()``, ``get_or_create``...) or catches
    ``IntegrityError``: a rerun is already handled."""
    for node in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in EXISTENCE:
            if ast.unparse(node.func).startswith(model_text):
                return True
        if isinstance(node, ast.ExceptHandler) and node.type is not None and "IntegrityError" in ast.unparse(node.type):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "bulk_create" \
                and any(k.arg in ("ignore_conflicts", "update_conflicts") for k in node.keywords):
            return True
    return False


def natural_key(kwargs: list[ast.keyword], unique: list[frozenset[str]], loop_var: str | None) -> tuple[str, ...]:
    """The keyword names that identify the row: a unique set fully given, else (inside a loop over rows)
    the fields filled from the row plus key-like fields (``day``, ``period``, ``kind``)."""
    given = {k.arg for k in kwargs if k.arg}
    for fields in sorted(unique, key=len):
        if fields and fields <= given:
            return tuple(k.arg for k in kwargs if k.arg in fields)
    if loop_var is None:
        return ()
    row = [k.arg for k in kwargs if k.arg and from_row(k.value, loop_var)
           and not re.search(r"(amount|total|price|cents|count|balance|qty|quantity)", k.arg)]
    if not row:
        return ()
    return tuple(k.arg for k in kwargs if k.arg and (k.arg in row or KEYISH.search(k.arg)))
