"""Find the component a bug report names.

Reports name components the way people talk: ``SendEmailTask``, ``import-users``, ``manage.py import_users``,
``app.tasks.send_email``, ``analytics/jobs/upload_stats.py``, or a whole phrase such as
``kitchen ticket printing (Celery task kitchen.tasks.print_kitchen_ticket)``. :func:`resolve_component` pulls
the identifiers out of such a phrase (dotted paths, file paths, ``manage.py NAME``, quoted / parenthesised
names, plain identifiers, the phrase itself) and scores every component's names against them: an exact match
first, then a normalized one (case, ``_``/``-``/spaces, CamelCase vs snake_case, a ``Task``/``Job``/``Command``
suffix, ``.py``). Misspellings are not guessed at: they get a one-line error with the closest names.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Iterable, Sequence

from rootfix.errors import UsageError
from rootfix.types import COMPONENT_TYPES, Component

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

__all__ = ["ComponentNotFound", "code_component", "resolve_component", "normalize_name", "name_candidates",
           "component_keys"]

_SUFFIXES = ("_task", "_job", "_command", "_cmd")
_STOPWORDS = frozenset({
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "by", "for", "to", "with", "run", "runs", "ran",
    "task", "tasks", "job", "jobs", "command", "commands", "celery", "beat", "cron", "worker", "workers",
    "queue", "script", "daily", "nightly", "hourly", "weekly", "monthly", "every", "scheduled", "spark",
    "pyspark", "manage", "py", "python", "django", "rq", "management", "tool", "cli", "the", "is", "via",
})
#: Minimum score for a match (normalized equality of a phrase-derived identifier).
_THRESHOLD = 50


def normalize_name(text: str) -> str:
    """``SendEmailTask`` / ``send-email`` / ``Send Email`` / ``send_email.py`` -> ``send_email``."""
    s = text.strip().strip("`'\"")
    s = re.sub(r"^(?:python[\d.]*\s+)?(?:\./)?manage\.py\s+", "", s)
    s = re.sub(r"^django-admin(?:\.py)?\s+", "", s)
    if s.endswith(".py"):
        s = s[:-3]
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = s.lower()
    s = re.sub(r"[^a-z0-9./]+", "_", s).strip("_")
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break
    return s


@dataclass(frozen=True)
class Candidate:
    text: str
    weight: float  # how specific the source of the candidate is (1.0: a whole name, path or dotted path)


def name_candidates(name: str) -> list[Candidate]:
    """The identifiers a report's ``component_name`` may name a component by, most specific first."""
    out: dict[str, float] = {}

    def add(text: str, weight: float) -> None:
        text = text.strip().strip("`'\".,;:()[]")
        if text and weight > out.get(text, 0):
            out[text] = weight

    add(name, 1.0)
    for m in re.finditer(r"`([^`]+)`", name):
        add(m.group(1), 1.0)
    for m in re.finditer(r"\(([^()]*)\)", name):
        for part in m.group(1).split(","):
            add(part, 0.9)
    outside = re.sub(r"\([^()]*\)", " ", name)
    add(outside, 0.8)
    for m in re.finditer(r"(?:python[\d.]*\s+)?(?:\./)?manage\.py\s+([A-Za-z_][\w-]*)", name):
        add(f"manage.py {m.group(1)}", 1.0)
        add(m.group(1), 0.95)
    for m in re.finditer(r"django-admin(?:\.py)?\s+([A-Za-z_][\w-]*)", name):
        add(m.group(1), 0.95)
    for m in re.finditer(r"(?:[\w.-]+/)+[\w.-]+\.py|[\w-]+\.py\b", name):
        if m.group(0) != "manage.py":
            add(m.group(0), 1.0)
    for m in re.finditer(r"(?:[\w.-]+/)+[\w-]+", name):
        add(m.group(0), 0.85)
    for m in re.finditer(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+", name):
        if not m.group(0).endswith(".py") and m.group(0) != "manage.py":
            add(m.group(0), 1.0)
    # Quoted names: "mail" is often a queue, but 'import_users' a command.
    for m in re.finditer(r"[\"']([\w.:/-]+)[\"']", name):
        add(m.group(1), 0.7)
    for m in re.finditer(r"[A-Za-z_][\w-]*", name):
        word = m.group(0)
        if word.lower() not in _STOPWORDS and (len(word) > 2):
            structured = "_" in word or "-" in word or re.search(r"[a-z][A-Z]", word)
            add(word, 0.9 if structured else 0.55)
    # The prose outside parentheses as one identifier: "appointment reminders" -> appointment_reminders.
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", outside)]
    if 1 < len(words) <= 6:
        add("_".join(words), 0.75)
        # a command line without its program name: "bbank units receive" names the click command "units receive"
        for i in range(1, len(words) - 1):
            add("_".join(words[i:]), 0.7)
        core = [w for w in words if w.lower() not in _STOPWORDS]
        if core and core != words:
            add("_".join(core), 0.7)
    return [Candidate(t, w) for t, w in sorted(out.items(), key=lambda kv: -kv[1])]


def component_keys(c: Component) -> list[tuple[str, float]]:
    """Every name a component answers to, with how strongly it identifies it."""
    keys: list[tuple[str, float]] = [(c.name, 1.0)]
    keys += [(a, 1.0) for a in c.aliases]
    keys.append((c.file, 1.0))
    if c.symbol and c.symbol != "<module>":
        module = PurePosixPath(c.file).with_suffix("").as_posix().replace("/", ".")
        keys.append((f"{module}.{c.symbol}", 0.95))
        if "." in c.symbol:
            keys.append((c.symbol.split(".")[0], 0.6))
    if c.target:
        keys.append((c.target, 0.95))
    for k, v in c.details:
        if k == "started_by":
            keys.append((v, 0.8))
        elif k == "class":
            keys.append((v, 1.0))
    return keys


def _score(cands: Sequence[Candidate], c: Component) -> tuple[float, int, float]:
    best, hits, total = 0.0, 0, 0.0
    keys = component_keys(c)
    norm_keys = [(normalize_name(k), w) for k, w in keys]
    last_keys = [(normalize_name(re.split(r"[./]", k.rstrip("/"))[-1]) if "." in k or "/" in k else "", w)
                 for k, w in keys]
    for cand in cands:
        ncand = normalize_name(cand.text)
        score = 0.0
        for (k, w), (nk, _), (lk, _) in zip(keys, norm_keys, last_keys):
            if cand.text == k:
                s = 100 * w
            elif ncand and ncand == nk:
                s = 90 * w
            elif ncand and ("." in cand.text or "/" in cand.text) and nk and (
                    nk.endswith("." + ncand) or nk.endswith("/" + ncand) or ncand.endswith("/" + nk)):
                # a shorter dotted/path suffix of a key: tasks.send_email vs app.tasks.send_email
                s = 80 * w
            elif ncand and lk and ncand == lk and "." not in cand.text and "/" not in cand.text:
                s = 75 * w  # an identifier that is the last part of a dotted name / path
            else:
                continue
            score = max(score, s * cand.weight)
        if score >= _THRESHOLD:
            hits += 1
            total += score
        best = max(best, score)
    return best, hits, total


def resolve_component(components: Iterable[Component], component_type: str, component_name: str, *,
                      repo: str | None = None, skipped: Iterable[str] = (),
                      index: "RepoIndex | None" = None) -> Component:
    """The component a report's ``component_type`` / ``component_name`` names.

    Components of ``component_type`` are preferred; a component of another type is accepted when the name
    matches it and nothing of the requested type (a beat task reported as a scheduled job but found only as a
    Celery task). Given the ``index``, project code the name points at directly (a function, a method, a
    class, a module, a file: :func:`code_component`) is the component when no discovered one matches.
    Raises :class:`ComponentNotFound` (a :class:`UsageError`) with one line saying what was looked for and
    the closest names when nothing matches.
    """
    comps = list(components)
    ctype = re.sub(r"[\s_\-]+", "-", (component_type or "").strip().lower())
    if ctype not in COMPONENT_TYPES:
        close = difflib.get_close_matches(ctype, COMPONENT_TYPES, n=1, cutoff=0.4)
        hint = f"did you mean {close[0]!r}?" if close else "expected one of " + ", ".join(COMPONENT_TYPES)
        raise UsageError(f"unknown component_type {component_type!r}: {hint}")
    name = " ".join((component_name or "").split())
    where = f" in {repo}" if repo else ""
    if not name:
        raise UsageError(f"empty component_name (a {ctype} of the repo{where})")
    cands = name_candidates(name)
    scored = [(_score(cands, c), i, c) for i, c in enumerate(comps)]
    matching = [(s, i, c) for s, i, c in scored if s[0] >= _THRESHOLD]
    same = [x for x in matching if x[2].type == ctype]
    pool = same or matching
    if pool:
        pool.sort(key=lambda x: (-x[0][0], -x[0][2], -x[0][1], x[1]))
        best = pool[0]
        if same:
            return best[2]
        # Another type only when unambiguous: every top match runs the same code.
        top = [x for x in pool if x[0][0] == best[0][0]]
        if len({(x[2].file, x[2].symbol) for x in top}) == 1:
            return best[2]
        options = ", ".join(sorted({f"{x[2].type} {x[2].name}" for x in top}))
        raise UsageError(f"no {ctype} named {component_name!r}{where}; it matches several components: {options}")
    if index is not None:
        code = code_component(index, ctype, name)
        if code is not None:
            return code
    unread = list(skipped)
    note = f" ({len(unread)} file(s) could not be analysed: {'; '.join(unread[:3])})" if unread else ""
    looked = list(dict.fromkeys(c.text for c in cands if c.weight >= 0.7 and len(c.text) <= 60
                                and not any(ch in c.text for ch in "`()")))[:6]
    raise ComponentNotFound(_not_found(comps, ctype, component_name, cands, where)
                            + (f" (looked for: {', '.join(looked)})" if looked else "") + note, looked)


def _not_found(comps: list[Component], ctype: str, raw: str, cands: list[Candidate], where: str) -> str:
    pool = [c for c in comps if c.type == ctype] or comps
    by_norm: dict[str, str] = {}
    for c in pool:
        for key in (c.name, *c.aliases):
            if "/" in key or key.startswith(("python ", "django-admin ")):
                continue
            by_norm.setdefault(normalize_name(key), c.name)
            last = key.rsplit(".", 1)[-1]
            by_norm.setdefault(normalize_name(last), c.name)
    suggestions: list[str] = []
    for cand in cands:
        for m in difflib.get_close_matches(normalize_name(cand.text), list(by_norm), n=5, cutoff=0.6):
            if by_norm[m] not in suggestions:
                suggestions.append(by_norm[m])
    shown = " ".join(raw.split())
    if len(shown) > 80:
        shown = shown[:77] + "..."
    if not comps:
        return f"no {ctype} named {shown!r}{where}: no components were found there"
    if suggestions:
        return f"no {ctype} named {shown!r}{where}; did you mean: {', '.join(suggestions[:5])}?"
    known = ", ".join(c.name for c in pool[:8]) + (", ..." if len(pool) > 8 else "")
    if pool[0].type != ctype:
        return f"no {ctype} named {shown!r}{where} (it has no {ctype} at all; components: {known})"
    return f"no {ctype} named {shown!r}{where}; the {ctype}s are: {known}"


# --------------------------------------------------------------------------- code named directly
class ComponentNotFound(UsageError):
    """No component or project code answers to the report's name (``looked_for``: what was tried)."""

    def __init__(self, message: str, looked_for: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.looked_for = tuple(looked_for)


def _code_component(ctype: str, how: str, name: str, file: str, symbol: str, line: int, note: str) -> Component:
    return Component(ctype, how, name, (), file, symbol, line, details=(("resolved", note),))


def code_component(index: "RepoIndex", component_type: str, component_name: str) -> Component | None:
    """A component made from project code the report names directly, when discovery has none for it.

    Tried for every identifier in the name (most specific first): a file path, a dotted path or
    ``module:attr`` to a function, method, class or module, then ``Class.method`` / a function or
    class name defined once in the project (tests aside). A named module, class or file that exists
    is a component even when discovery found none.
    """
    from rootfix.discover.components import is_test_path

    for cand in name_candidates(" ".join(component_name.split())):
        text = cand.text.strip()
        if not text or " " in text:
            continue
        dotted = text.replace(":", ".").replace("()", "")
        path = text[2:] if text.startswith("./") else text
        info = index.by_path.get(path)
        if info is not None:
            return _code_component(component_type, "file", text, info.path, "<module>", 1, f"the file {path}")
        fn = index.lookup_function(dotted)
        if fn is not None:
            return _code_component(component_type, "function", text, fn.file, fn.symbol, fn.line,
                                   f"the function {fn.qualname}")
        found = index.lookup_class(dotted) if "." in dotted else None
        if found is not None:
            minfo, cls = found
            return _code_component(component_type, "class", text, minfo.path, cls.name, cls.lineno,
                                   f"the class {minfo.module}.{cls.name}")
        mod = index.modules.get(dotted)
        if mod is not None and "." in dotted:
            return _code_component(component_type, "module", text, mod.path, "<module>", 1, f"the module {dotted}")
        if not re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?", dotted) or len(dotted) < 4 or \
                dotted.lower() in _STOPWORDS:
            continue
        # a bare function / Class.method / class name: accepted when it is defined exactly once
        hits = [f for q, f in index.functions.items()
                if (q.endswith("." + dotted)) and not is_test_path(f.file)]
        if len(hits) == 1:
            f = hits[0]
            return _code_component(component_type, "function", text, f.file, f.symbol, f.line,
                                   f"the function {f.qualname}")
        if "." not in dotted:
            classes = [(m, c) for m in index.modules.values() if not is_test_path(m.path)
                       for n, c in m.classes.items() if n == dotted]
            if len(classes) == 1:
                m, c = classes[0]
                return _code_component(component_type, "class", text, m.path, c.name, c.lineno,
                                       f"the class {m.module}.{c.name}")
    return None


