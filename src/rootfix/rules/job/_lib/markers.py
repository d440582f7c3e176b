"""Done-markers: the model field a job sets once a row's side effect happened (``sent_at``,
``notified``), and loops over querysets that send without setting it. Pure functions over ``ast``."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rootfix.rules.job._lib.blocks import walk_no_defs
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

#: ``sent_at``, ``is_notified``, and the same named after what was sent (``reminder_sent_at``, ``invoice_emailed``);
#: not ``last_synced_at`` / ``next_...``: times of a recurring effect, not "this row is done"
MARKER_NAME = re.compile(r"^(?!(?:last|first|next|prev|previous)_)([a-z][a-z0-9]*_){0,3}?(is_|was_|has_been_)?(sent|notified|reminded|emailed|mailed|texted|alerted|processed|"
                         r"delivered|charged|billed|invoiced|exported|published|pushed|synced|handled|"
                         r"dispatched|posted|paid_out|done)(_at|_on|_date)?$")
SIDE_EFFECT = re.compile(r"(^|[._])(send\w*|notify\w*|mail\w*|email\w*|sms\w*|text\w*|push\w*|post|publish\w*|deliver\w*|"
                         r"charge\w*|bill\w*|alert\w*|page|webhook\w*|dispatch\w*|delay|apply_async|enqueue\w*|"
                         r"transfer\w*|payout\w*|refund\w*)$", re.I)
LOGGING = re.compile(r"(^|\.)(logger|log|logging|LOGGER|print|self\.stdout|self\.stderr|messages)(\.|$)")
QS_METHODS = frozenset({"filter", "exclude", "all", "select_related", "prefetch_related", "order_by", "only",
                        "iterator", "distinct", "annotate", "defer", "using"})


#: which done-markers record which side effect (a `delivered_at` says nothing about a label being printed)
_MARKERS_FOR = (
    (re.compile(r"send|mail|sms|text|notify|alert|page|remind", re.I),
     re.compile(r"sent|notified|reminded|emailed|mailed|texted|alerted|paged")),
    (re.compile(r"charge|bill|payout|transfer|refund", re.I), re.compile(r"charged|billed|invoiced|paid_out")),
    (re.compile(r"publish|post|push|webhook|deliver|dispatch", re.I),
     re.compile(r"published|posted|pushed|synced|delivered|dispatched|exported")),
    (re.compile(r"delay|apply_async|enqueue", re.I), re.compile(r"sent|notified|dispatched|queued|enqueued")),
)
_ANY_EFFECT = re.compile(r"processed|handled|done")


def marker_fits(effect: str, field: str) -> bool:
    """True when ``field`` can record the side effect named ``effect`` (the called method's name)."""
    if _ANY_EFFECT.search(field):
        return True
    return any(verb.search(effect) and stem.search(field) for verb, stem in _MARKERS_FOR)


@dataclass(frozen=True)
class Marker:
    field: str
    kind: str  # "datetime" (nullable DateTimeField/DateField) | "bool" (BooleanField)

    def unset_lookup(self) -> tuple[str, str]:
        """``(keyword, value source)`` selecting rows not marked yet."""
        return (f"{self.field}__isnull", "True") if self.kind == "datetime" else (self.field, "False")

    def set_value(self, timezone_name: str) -> str:
        return f"{timezone_name}.now()" if self.kind == "datetime" else "True"


def model_markers(cls: ast.ClassDef) -> list[Marker]:
    """Done-marker fields declared on a model class."""
    out = []
    for stmt in cls.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Call)):
            continue
        name = stmt.targets[0].id
        ftype = ast.unparse(stmt.value.func).rsplit(".", 1)[-1]
        if not MARKER_NAME.match(name):
            continue
        null = any(k.arg == "null" and isinstance(k.value, ast.Constant) and k.value.value is True
                   for k in stmt.value.keywords)
        if ftype in ("DateTimeField", "DateField") and null:
            out.append(Marker(name, "datetime"))
        elif ftype in ("BooleanField",) and not name.endswith(("_at", "_on", "_date")):
            out.append(Marker(name, "bool"))
    return out


def queryset_model(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr) -> tuple[str, ast.Call | None] | None:
    """``(model dotted name, the chain's first filter() call or None)`` for ``Model.objects.filter(...)...``."""
    node, filt = expr, None
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QS_METHODS:
        if node.func.attr == "filter":
            filt = node
        node = node.func.value
    if isinstance(node, ast.Attribute) and node.attr == "objects":
        dotted = index.resolve(module, node.value)
        if dotted and index.lookup_class(dotted):
            return dotted, filt
    return None


def mentions(node: ast.AST, field: str) -> bool:
    """``node`` mentions ``field`` as a keyword (``sent_at__isnull=True``), a string, or an attribute."""
    for n in walk_tree(node):
        if isinstance(n, ast.keyword) and n.arg and n.arg.split("__")[0] == field:
            return True
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.split("__")[0].lstrip("-") == field:
            return True
        if isinstance(n, ast.Attribute) and n.attr == field:
            return True
    return False


@dataclass(frozen=True)
class UnmarkedLoop:
    loop: ast.For
    var: str
    model: str
    marker: Marker
    effect: ast.Call  # the first side-effect call in the loop
    effect_stmt: ast.stmt  # the loop-body statement holding it
    filter_call: ast.Call | None  # where to add the "not marked yet" condition (None: already filtered)
    source: ast.expr  # the queryset expression the loop iterates (after following a local name)


def loop_source(fn: ast.AST, loop: ast.For) -> ast.expr:
    """The loop's iterable without ``.iterator()``, following a local assigned once in the function
    (``due = Model.objects.filter(...)``; ``for r in due.iterator():``)."""
    it = loop.iter
    while isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr == "iterator":
        it = it.func.value
    if isinstance(it, ast.Name):
        values = [n.value for n in walk_no_defs(fn.body) if isinstance(n, ast.Assign)  # type: ignore[attr-defined]
                  and any(isinstance(t, ast.Name) and t.id == it.id for t in n.targets)]
        if len(values) == 1:
            return values[0]
    return it


def unmarked_loops(index: "RepoIndex", module: "ModuleInfo", fn: ast.AST) -> Iterator[UnmarkedLoop]:
    """Loops over a model's rows that cause a side effect per row, on a model with a done-marker
    field, where nothing in the function sets (or filters on) that marker."""
    for loop in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if not isinstance(loop, ast.For) or not isinstance(loop.target, ast.Name):
            continue
        source = loop_source(fn, loop)
        found = queryset_model(index, module, source)
        if found is None:
            continue
        model, filt = found
        cls = index.lookup_class(model)
        markers = model_markers(cls[1]) if cls else []
        if not markers:
            continue
        effect = None
        for stmt in loop.body:
            for call in (n for n in walk_no_defs(stmt) if isinstance(n, ast.Call)):
                text = ast.unparse(call.func)
                if SIDE_EFFECT.search(text) and not LOGGING.search(text) and not _query_name(text):
                    effect = (call, stmt)
                    break
            if effect:
                break
        if effect is None:
            continue
        root = effect[0].func
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id == loop.target.id:
            continue  # reminder.send(): the row's own method may well record it
        verb = ast.unparse(effect[0].func).rsplit(".", 1)[-1]
        markers = [m for m in markers if marker_fits(verb, m.field)]
        if not markers or _marks_somewhere(fn, loop, markers):
            continue
        marker = markers[0]
        already_filtered = any(mentions(source, m.field) for m in markers)
        yield UnmarkedLoop(loop, loop.target.id, model, marker, effect[0], effect[1],
                           None if already_filtered else filt, source)


#: First words of a function name that reads or computes (``get_alert_status``, ``build_text``): the effect
#: word after them names what is read, not an action.
_QUERY_WORDS = frozenset({"get", "is", "has", "find", "lookup", "build", "make", "render", "format", "compute",
                          "calc", "calculate", "check", "should", "can", "parse", "load", "read", "count"})


def _query_name(func_text: str) -> bool:
    words = func_text.rsplit(".", 1)[-1].strip("_").lower().split("_")
    return bool(words) and words[0] in _QUERY_WORDS


def _marks_somewhere(fn: ast.AST, loop: ast.For, markers: list[Marker]) -> bool:
    """The function records that a row was done: writes the loop variable, updates or deletes rows,
    or creates a record (which may be the marker) - any of these and we stay quiet."""
    var = loop.target.id  # type: ignore[attr-defined]
    fields = {m.field for m in markers}
    for node in walk_no_defs(fn.body):  # type: ignore[attr-defined]
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and (t.attr in fields or
                                                    (isinstance(t.value, ast.Name) and t.value.id == var)):
                    return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            if attr in ("update", "delete", "bulk_update", "save", "create", "get_or_create", "update_or_create",
                        "bulk_create", "add", "set"):
                if attr in ("add", "set") and not isinstance(node.func.value, ast.Attribute):
                    continue  # set.add / cache.set are not row writes
                if attr == "set" and "cache" in ast.unparse(node.func.value):
                    continue
                return True
    return False
