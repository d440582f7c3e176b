"""Model fields of the project, read statically: which field names are ``DateTimeField`` s."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex


def _field_kind(value: ast.expr) -> str | None:
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name if name.endswith("Field") or name in ("ForeignKey", "OneToOneField", "ManyToManyField") else None


def model_fields(index: "RepoIndex") -> dict[str, dict[str, tuple[str, ast.Call]]]:
    """``{"app.models.Donation": {"received_at": ("DateTimeField", call)}}`` for every class that declares
    fields (abstract bases included; a model inherits its project bases' fields)."""
    own: dict[str, dict[str, tuple[str, ast.Call]]] = {}
    bases: dict[str, list[str]] = {}
    for module in index.by_path.values():
        for name, cls in module.classes.items():
            fields = {}
            for stmt in cls.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                    kind = _field_kind(stmt.value)
                    if kind:
                        fields[stmt.targets[0].id] = (kind, stmt.value)
                elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                    kind = _field_kind(stmt.value)
                    if kind:
                        fields[stmt.target.id] = (kind, stmt.value)
            dotted = f"{module.module}.{name}"
            own[dotted] = fields
            bases[dotted] = [index.resolve(module, b) or "" for b in cls.bases]
    out: dict[str, dict[str, tuple[str, ast.Call]]] = {}

    def collect(dotted: str, depth: int = 0) -> dict[str, tuple[str, ast.Call]]:
        fields: dict[str, tuple[str, ast.Call]] = {}
        if depth < 5:
            for base in bases.get(dotted, []):
                if base in own:
                    fields.update(collect(base, depth + 1))
        fields.update(own.get(dotted, {}))
        return fields

    for dotted in own:
        fields = collect(dotted)
        if fields:
            out[dotted] = fields
    return out


def model_of(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> str | None:
    """The model a queryset expression starts from: ``Donation.objects.filter(...)...`` -> its dotted name."""
    while True:
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Attribute):
            if expr.attr in ("objects", "_default_manager") or expr.attr[:1].isupper():
                return index.resolve(module, expr.value) if expr.attr in ("objects", "_default_manager") \
                    else index.resolve(module, expr)
            expr = expr.value
        elif isinstance(expr, ast.Name):
            return index.resolve(module, expr) if expr.id[:1].isupper() else None
        else:
            return None


def field_kind(fields: dict[str, dict[str, tuple[str, ast.Call]]], model: str | None, path: list[str]) -> str | None:
    """The kind of the field at ``path`` (``["item", "received_at"]``), following ForeignKeys by their
    target's class name; with an unknown model, the kind every model with a field of that name agrees on."""
    if model is not None and model in fields:
        current = model
        for i, name in enumerate(path):
            entry = fields.get(current, {}).get(name)
            if entry is None:
                return None
            kind, call = entry
            if i == len(path) - 1:
                return kind
            target = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "to"), None)
            tname = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) \
                else str(target.value).split(".")[-1] if isinstance(target, ast.Constant) else None
            current = next((m for m in fields if m.rsplit(".", 1)[-1] == tname), "")
        return None
    kinds = {f[path[-1]][0] for f in fields.values() if path[-1] in f}
    return kinds.pop() if len(kinds) == 1 else None
