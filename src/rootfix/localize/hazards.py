"""Bug-class hazards: what a report's symptoms point at, and where a function's code could cause it.

A traceback frame says where a failure *surfaced*; the cause is often a frame above it that owns the
resource (a lock acquired without ``finally``), a handler that swallowed the error, or a helper the
component calls. The ranking therefore asks two questions of every candidate:

* :func:`symptom_kinds` -- which hazard kinds the report's words point to ("stuck", "never released"
  -> ``lock``; "twice" -> ``idempotency``; "never retried" -> ``swallow``; ...), each with an affinity 0..1;
* :func:`function_hazards` -- which hazard kinds the function's own code shows (static ``ast`` patterns,
  with project facts from :mod:`rootfix.project`: the exception hierarchy, transaction scopes, signal
  receivers), each with the line and a sentence of evidence.

Hazards are evidence even where no rule's fix applies; they are only ever ranked, never reported alone.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rootfix.discover.index import walk_body
from rootfix.types import BugReport
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

#: Report symptoms per hazard kind (regular expressions over the lower-cased report).
SYMPTOMS: dict[str, tuple[str, ...]] = {
    "lock": (r"\bstuck\b", r"never (gets? )?released", r"\block(s|ed)?\b", r"already running", r"skips? every run",
             r"\bhung\b|\bhangs?\b", r"never runs? again", r"\bmutex\b", r"\bsemaphore\b", r"every (later|later|next|following) run"),
    "resource": (r"too many (open )?(files|connections)", r"\bleak", r"connections? (not|never) closed",
                 r"\bfile handles?\b", r"\bcursor"),
    "swallow": (r"never retried", r"\bno retr", r"not retried", r"\bsilently\b", r"\bswallow", r"succeeded",
                r"shows? as success", r"\bsuccess\b", r"marked (as )?(failed|rejected)", r"\bretr(y|ies|ied)\b",
                r"\btransient\b", r"\boutage\b", r"\b5\d\d\b", r"time(d)?[ -]?out"),
    "idempotency": (r"\bduplicat", r"\btwice\b", r"\bagain\b", r"\bdouble", r"more than once", r"\bre-?run",
                    r"\bthree times\b", r"\brepeated"),
    "date_bounds": (r"last day", r"first day", r"\bmidnight\b", r"day (is )?missing", r"missing day",
                    r"end of (the )?(day|month|week)", r"previous day", r"time ?zone", r"\butc\b", r"\bdst\b",
                    r"\byesterday\b"),
    "lost_update": (r"\blost\b", r"under load", r"\bconcurren", r"at the same time", r"\brace\b",
                    r"\bundercount", r"counts? (is|are) (off|wrong|low)", r"wrong total", r"\boverwrit",
                    r"same (time|moment)", r"\bfewer\b", r"only (goes|went) up", r"missing from the (count|total)",
                    r"\b(count|total|counter|balance|tally)s?\b[^.]{0,40}\b(too low|short|lower)"),
    "enqueue_commit": (r"doesnotexist", r"does not exist", r"right after (it is |being )?(created|saved)",
                       r"\bcommit", r"roll(ed)?[ -]?back", r"a few seconds later"),
    "memory": (r"\bmemory\b", r"\boom\b", r"\bkilled\b", r"memoryerror", r"\brss\b", r"\bgrows?\b",
               r"whole table", r"\bswap", r"every row"),
    "serialization": (r"serializ", r"\bjson\b", r"encodeerror", r"\bdecimal\b", r"\bpickl"),
    # code that runs on Spark executors: Django is not set up there, driver objects do not travel
    "executor": (r"appregistrynotready", r"apps aren.t loaded", r"models aren.t loaded", r"\bexecutors?\b",
                 r"python worker", r"pythonexception", r"\bbroadcast", r"can.?not pickle|cannot serialize",
                 r"\budf\b", r"foreachpartition|mappartitions"),
    "batch_skip": (r"\bskip(s|ped|ping)?\b", r"every other", r"some (rows|records|items) (are )?never",
                   r"missing (rows|records|items)", r"\bbatch", r"\bpaginat", r"\bhalf of\b"),
    "arith": (r"wrong( \w+)? (price|total|amount|tier|discount|fee|rate|sum)", r"\btiers?\b", r"\bround", r"off by",
              r"\bdiscount", r"exactly \d+",
              r"overcharg", r"undercharg", r"\bthreshold", r"\bboundary\b"),
}

#: Kinds whose symptoms are also a bug class the rules know (used to read a finding's class as a kind).
RULE_CLASS_KINDS = {"W1": "swallow", "W2": "resource", "W3": "enqueue_commit", "W4": "lost_update",
                    "W5": "serialization", "W6": "memory", "S1": "idempotency", "S4": "date_bounds"}
#: Classes whose findings a report's symptoms can only strengthen (their reports often name no symptom word:
#: a counter that stays 0 is P6 too).
BOOSTED_CLASS_KINDS = {"P4": "executor", "P5": "executor", "P6": "executor"}


def report_text(report: BugReport) -> str:
    # expected_behavior describes the good case ("printed once"): its words are weaker evidence of a symptom.
    return "\n".join((report.component_name, report.bug_description, report.actual_behavior,
                      report.error_message)).lower()


def symptom_kinds(report: BugReport) -> dict[str, float]:
    """Hazard kind -> affinity in (0, 1]: how many of the kind's symptoms the report shows (saturating at 2)."""
    text = report_text(report)
    out: dict[str, float] = {}
    for kind, patterns in SYMPTOMS.items():
        hits = sum(1 for p in patterns if re.search(p, text))
        if hits:
            out[kind] = min(hits, 2) / 2
    return out


@dataclass(frozen=True)
class Hazard:
    kind: str
    line: int
    why: str
    strength: float = 1.0


# ----------------------------------------------------------------------------------------------- helpers
_LOCK_WORD = re.compile(r"lock|mutex|semaphore|lease", re.I)
_RELEASE = re.compile(r"release|unlock|delete|clear|free|close", re.I)
_CREATE = ("create", "get_or_create", "update_or_create", "bulk_create", "send", "send_mail", "send_mass_mail",
           "post", "charge", "enqueue", "delay", "apply_async")
_NOW = re.compile(r"\bnow\b|\butcnow\b|\btoday\b|run_at|started|_at\b", re.I)
_DATE_NAME = re.compile(r"date|day|start|end|until|since|from|to_|midnight|period|month|week", re.I)
_RANGE_LOOKUP = re.compile(r"__(lt|lte|gt|gte|range|date|day)$")


def _call_name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _dotted(expr: ast.AST) -> str:
    try:
        return ast.unparse(expr)
    except Exception:  # pragma: no cover - unparse of odd nodes
        return ""


def _parents(fn_node: ast.AST) -> dict[ast.AST, ast.AST]:
    out: dict[ast.AST, ast.AST] = {}
    for node in walk_body(fn_node):
        for child in ast.iter_child_nodes(node):
            out[child] = node
    for child in ast.iter_child_nodes(fn_node):
        out[child] = fn_node
    return out


def _in_with_item(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    cur = node
    while cur in parents:
        p = parents[cur]
        if isinstance(p, (ast.With, ast.AsyncWith)) and any(cur is i.context_expr for i in p.items):
            return True
        cur = p
    return False


def _in_finally(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    cur = node
    while cur in parents:
        p = parents[cur]
        if isinstance(p, ast.Try) and any(cur is s for s in p.finalbody):
            return True
        cur = p
    return False


def _is_queryset(index: "RepoIndex", fn: "FunctionInfo", expr: ast.AST) -> bool:
    """The project model's answer: is ``expr`` a queryset (from any source: helpers, managers, relations)?"""
    if not isinstance(expr, (ast.Call, ast.Name, ast.Attribute)):
        return False
    from rootfix.project import values

    try:
        v = values.value_of(index, fn, expr, getattr(expr, "lineno", None))
    except Exception:
        return False
    return v is not None and v.is_queryset


def _acquires(c: ast.Call) -> str | None:
    """``lock`` / ``resource`` when the call acquires one (a lock key, a file, a connection, a cursor)."""
    name, text = _call_name(c), _dotted(c.func)
    if (name in ("acquire", "add", "set", "get_or_create", "create", "lock") and _LOCK_WORD.search(_dotted(c))) \
            or name == "acquire" or (_LOCK_WORD.search(name) and not _RELEASE.search(name)):
        return "lock"
    if name in ("open", "connect", "cursor", "socket", "urlopen", "Session", "SMTP") \
            or text.endswith(("psycopg2.connect", "sqlite3.connect")):
        return "resource"
    return None


def _returned_names(fn_node: ast.AST) -> set[str]:
    return {n.value.id for n in walk_body(fn_node) if isinstance(n, ast.Return) and isinstance(n.value, ast.Name)}


def _flows_to_return(c: ast.Call, parents: dict[ast.AST, ast.AST], returned: set[str]) -> bool:
    """The acquired value is handed to the caller (``return open(...)`` / ``x = connect(); ...; return x``)."""
    p = parents.get(c)
    if isinstance(p, ast.Return):
        return True
    return isinstance(p, ast.Assign) and any(isinstance(t, ast.Name) and t.id in returned for t in p.targets)


def _factory_kind(index: "RepoIndex", fn: "FunctionInfo") -> str | None:
    """``lock`` / ``resource`` when project function ``fn`` acquires one and returns it to its caller."""
    cache = index.__dict__.setdefault("_rootfix_factories", {})
    if fn.qualname not in cache:
        cache[fn.qualname] = None
        parents = _parents(fn.node)
        returned = _returned_names(fn.node)
        for c in walk_body(fn.node):
            if isinstance(c, ast.Call) and _acquires(c) and _flows_to_return(c, parents, returned):
                cache[fn.qualname] = _acquires(c)
                break
    return cache[fn.qualname]


# ----------------------------------------------------------------------------------------------- detectors
def function_hazards(index: "RepoIndex", fn: "FunctionInfo", want: frozenset[str] | None = None,
                     deep: bool = True) -> list[Hazard]:
    """The hazards ``fn``'s own code shows (cached on the index). ``want``: only these kinds are looked for
    (the costlier detectors run only when asked); ``deep``: use the project model's value facts (querysets
    from helpers), which costs more -- off for the whole-project widening."""
    want = frozenset(SYMPTOMS) if want is None else want
    cache = index.__dict__.setdefault("_rootfix_hazards", {})
    key = (fn.qualname, want, deep)
    if key in cache:
        return cache[key]
    try:
        found = [h for h in _hazards(index, fn, want, deep) if h.kind in want]
    except Exception:  # evidence is best effort: a detector must never break the ranking
        found = []
    cache[key] = found
    return found


def _hazards(index: "RepoIndex", fn: "FunctionInfo", want: frozenset[str], deep: bool) -> list[Hazard]:
    from rootfix.project import exceptions as exc_facts

    module = index.module_of(fn)
    parents = _parents(fn.node)
    nodes = list(walk_body(fn.node))
    calls = [n for n in nodes if isinstance(n, ast.Call)]
    out: list[Hazard] = []

    # lock / resource acquired here and not released on every path (no ``with``, release not in ``finally``)
    releases_in_finally = any(_RELEASE.search(_call_name(c)) and _in_finally(c, parents) for c in calls)
    returned = _returned_names(fn.node)
    for c in calls if want & {"lock", "resource"} else ():
        kind = _acquires(c)
        if kind is None:  # a project helper that opens and returns the resource: the caller owns it
            target = index.resolve_call(module, c, fn.class_name)
            kind = _factory_kind(index, target) if target is not None else None
        if kind is None or _in_with_item(c, parents) or _in_finally(c, parents):
            continue
        if releases_in_finally or _flows_to_return(c, parents, returned):
            continue
        released = any(_RELEASE.search(_call_name(r)) for r in calls)
        how = "released outside a finally (skipped when an exception is raised)" if released else "never released here"
        out.append(Hazard(kind, c.lineno, f"{kind} acquired at line {c.lineno} ({_dotted(c)[:60]}) {how}"))
        break

    # errors caught and not re-raised (swallowed): broad handlers, transient network errors
    for node in nodes if "swallow" in want else ():
        if not isinstance(node, ast.ExceptHandler):
            continue
        types = exc_facts.type_list(index, module, node.type) if node.type is not None else ["bare except"]
        broad = node.type is None or any(t in ("Exception", "BaseException") for t in types)
        transient = any(exc_facts.is_transient(index, t) for t in types if t != "bare except")
        if not (broad or transient):
            continue
        body = list(walk_tree(ast.Module(body=node.body, type_ignores=[])))
        if any(isinstance(b, ast.Raise) for b in body) or any(
                isinstance(b, ast.Call) and _call_name(b) == "retry" for b in body):
            continue
        what = "every exception" if broad else ", ".join(types)[:60]
        out.append(Hazard("swallow", node.lineno, f"catches {what} at line {node.lineno} and does not re-raise or retry"))

    # enqueue inside a transaction or from a transaction-bound signal receiver (the job can run before commit)
    enqueues = [c for c in calls if _call_name(c) in ("delay", "apply_async", "enqueue", "send_task", "enqueue_call")]
    if enqueues and "enqueue_commit" in want:
        from rootfix.project import transactions
        from rootfix.project.model import Project

        receiver = Project.of(index).signal_receivers.get(fn.qualname)
        for c in enqueues:
            scope = None
            try:
                scope = transactions.scope_at(index, fn, c)
            except Exception:
                pass
            if scope is not None or receiver is not None:
                where = f"a transaction ({scope.why})" if scope is not None else f"a {receiver[1]} receiver"
                out.append(Hazard("enqueue_commit", c.lineno, f"publishes a job at line {c.lineno} inside {where}"))
                break
    if enqueues and any(c.args or c.keywords for c in enqueues):
        out.append(Hazard("serialization", enqueues[0].lineno,
                          f"passes arguments to a job at line {enqueues[0].lineno}", 0.5))

    # duplicates on rerun: writes / sends with no idempotency key; the run time in a get_or_create lookup
    for c in calls:
        name = _call_name(c)
        if name in ("get_or_create", "update_or_create") and any(
                kw.arg and kw.arg != "defaults" and _NOW.search(_dotted(kw.value)) for kw in c.keywords):
            out.append(Hazard("idempotency", c.lineno, f"{name} at line {c.lineno} looks up by the run time"))
            break
    else:
        writes = [c for c in calls if _call_name(c) in _CREATE]
        if writes:
            out.append(Hazard("idempotency", writes[0].lineno,
                              f"writes or sends at line {writes[0].lineno} ({_call_name(writes[0])}) with no "
                              "check for a previous run", 0.3))

    # read-modify-write: obj.n += 1 then save() (lost updates under concurrency)
    saves = any(_call_name(c) == "save" for c in calls)
    for node in nodes:
        if saves and isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Attribute):
            out.append(Hazard("lost_update", node.lineno,
                              f"read-modify-write of {_dotted(node.target)} at line {node.lineno} then save()"))
            break
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute) \
                and isinstance(node.value, ast.BinOp) and _dotted(node.targets[0]) in _dotted(node.value):
            out.append(Hazard("lost_update", node.lineno,
                              f"{_dotted(node.targets[0])} recomputed from its old value at line {node.lineno}"))
            break

    # date bounds: range lookups, day arithmetic, .date() cuts
    date_lines = []
    for node in nodes:
        if isinstance(node, ast.keyword) and node.arg and _RANGE_LOOKUP.search(node.arg):
            date_lines.append(node.value.lineno if hasattr(node.value, "lineno") else fn.line)
        elif isinstance(node, ast.Call) and (_call_name(node) in ("timedelta", "combine", "date", "replace")
                                             and (_call_name(node) != "replace" or any(
                                                 k.arg in ("hour", "day") for k in node.keywords))):
            date_lines.append(node.lineno)
        elif isinstance(node, ast.Compare) and _DATE_NAME.search(_dotted(node)):
            date_lines.append(node.lineno)
    if date_lines:
        out.append(Hazard("date_bounds", date_lines[0],
                          f"cuts dates / day ranges ({len(date_lines)} place(s), first at line {date_lines[0]})",
                          min(1.0, 0.4 + 0.2 * len(date_lines))))

    # whole tables loaded: iterate / list() a manager chain without .iterator()
    for node in nodes if "memory" in want else ():
        target = node.iter if isinstance(node, (ast.For, ast.comprehension)) else (
            node.args[0] if isinstance(node, ast.Call) and _call_name(node) in ("list", "sorted", "len")
            and node.args else None)
        if target is None:
            continue
        text = _dotted(target)
        if "iterator" in text or "[:" in text:
            continue
        if "objects" in text or text.endswith(".all()") or (deep and _is_queryset(index, fn, target)):
            line = getattr(node, "lineno", getattr(target, "lineno", fn.line))
            out.append(Hazard("memory", line, f"loads a whole queryset into memory at line {line} ({text[:50]})"))
            break
    for node in nodes:  # module-level state grown by the function
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "append", "extend", "add", "update", "setdefault") and isinstance(node.func.value, ast.Name) \
                and node.func.value.id in module.assignments:
            out.append(Hazard("memory", node.lineno, f"grows module-level {node.func.value.id} at line {node.lineno}"))
            break

    # batch loops that skip rows: offsets / slices advanced while the filtered set shrinks, stepping ranges
    for node in nodes:
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and (
                node.slice.lower is not None or node.slice.upper is not None) and not isinstance(
                    node.slice.lower or node.slice.upper, ast.Constant):
            out.append(Hazard("batch_skip", node.lineno, f"slices batches at line {node.lineno} ({_dotted(node)[:50]})"))
            break
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and re.search(
                r"offset|start|page|cursor|skip|index|pos", node.target.id, re.I):
            out.append(Hazard("batch_skip", node.lineno, f"advances {node.target.id} at line {node.lineno}"))
            break

    # arithmetic on thresholds / tiers: strict vs non-strict comparisons against numbers, rounding
    compares = [n for n in nodes if isinstance(n, ast.Compare) and any(
        isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in n.ops)]
    money = [c for c in calls if _call_name(c) in ("round", "quantize", "Decimal", "min", "max", "ceil", "floor")]
    if compares or money:
        first = (compares or money)[0]
        out.append(Hazard("arith", first.lineno,
                          f"compares/rounds amounts ({len(compares)} comparison(s), first at line {first.lineno})",
                          min(1.0, 0.3 + 0.2 * (len(compares) + len(money)))))
    return out


__all__ = ["BOOSTED_CLASS_KINDS", "Hazard", "RULE_CLASS_KINDS", "SYMPTOMS", "function_hazards", "report_text", "symptom_kinds"]
