"""The check engine: index the code, run the selected rules on their scope, apply noqa, fix.

:func:`run_check` is what ``rootfix check`` (and the pipeline) call::

    result = run_check([Path("app")], root=Path("."), select="WRK", ignore=None, all_code=False,
                       config=Config())
    for finding in result.findings: ...

Scope: a rule sees (``ctx.scope``) the functions reachable (``RepoIndex.reachable``, depth 3) from the
components of its component types -- Celery/RQ tasks and ``Task.run`` (background-worker),
``management/commands/*.py`` ``Command`` methods and Django scripts (cli-tool), beat / CRONJOBS /
APScheduler targets (scheduled-job), modules that build a SparkSession or SparkContext (pyspark-job).
A rule with ``scope = "all"`` sees everything, and so does every rule with ``--all-code`` / ``all-code = true``.

Checking part of a project (files or folders below the root) indexes the whole project and reports the
findings in the named part: a file gets the same findings as when the whole tree is checked. Findings in test
code (``tests/``, ``test_*.py``, ``conftest.py``) are reported only when a named path is test code.

Robustness: a rule that raises is reported as one internal-error line (rule, file, exception), the others
still run; unreadable files are one ``E999`` line each and are skipped.
"""
from __future__ import annotations

import ast
import difflib
import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PosixPath
from typing import Iterable, Sequence

from rootfix.config import Config
from rootfix.discover.components import is_test_path
from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex, iter_python_files
from rootfix.discover.parse import parse_tree
from rootfix.errors import UsageError
from rootfix.rules import noqa as noqa_mod
from rootfix.rules.base import REGISTRY, CheckContext, Rule, load_all_rules
from rootfix.rules.selection import ENGINE_CODES, Selection, build_selection, path_matches
from rootfix.types import COMPONENT_TYPES, FileChange, Finding, Patch

MAX_FIX_PASSES = 3
REACH_DEPTH = 3
SYNTAX_ERROR = "E999"
#: Settings rules commonly need; every literal module-level assignment of a settings module is read.
SETTINGS_FILE = re.compile(r"(^|/)settings[^/]*\.py$|(^|/)settings/[^/]+\.py$")


@dataclass
class CheckResult:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    #: (repo-relative path, message) of files that could not be read or parsed (E999)
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: one line each: a rule (or its fix) raised
    internal_errors: list[str] = field(default_factory=list)
    files: int = 0
    lines: int = 0
    rules: list[str] = field(default_factory=list)
    #: path -> (content before, content after) of every file the fixes change (``--fix`` / ``--diff``)
    changes: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    fixed: int = 0  # findings fixed
    written: list[str] = field(default_factory=list)
    #: files a fix was not written to because they changed on disk since they were read
    skipped: list[str] = field(default_factory=list)
    from_cache: bool = False
    seconds: float = 0.0
    #: E999 notes count for the exit status only when selected explicitly (``--select E999``)
    errors_fail: bool = False

    @property
    def exit_findings(self) -> int:
        return len(self.findings) + (len(self.errors) if self.errors_fail else 0)

    def diff(self) -> str:
        """The fixes as a unified diff whose paths are relative to the git root (``git apply`` from anywhere
        in the repository), else to the project root."""
        out = []
        prefix = _git_prefix(self.root)
        for path, (old, new) in sorted(self.changes.items()):
            out.extend(difflib.unified_diff(
                (old or "").splitlines(keepends=True), new.splitlines(keepends=True),
                fromfile=f"a/{prefix}{path}" if old is not None else "/dev/null", tofile=f"b/{prefix}{path}"))
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n\\ No newline at end of file\n"
        return "".join(out)


def _git_prefix(root: Path) -> str:
    """``root``'s path below the enclosing git work tree (``backend/``), or ``""``."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            rel = root.relative_to(folder).as_posix()
            return "" if rel == "." else rel + "/"
    return ""


# =========================================================================== settings
def settings_files(root: Path, files: Sequence[Path]) -> list[Path]:
    """Django settings modules: ``settings*.py`` and ``settings/*.py`` among the checked files, plus the
    usual places under the root (``settings.py``, ``<proj>/settings*.py``, ``<proj>/settings/*.py``)."""
    found: dict[str, Path] = {}
    for f in files:
        rel = _rel(root, f)
        if SETTINGS_FILE.search(rel):
            found[rel] = f
    for pattern in ("settings*.py", "*/settings*.py", "*/settings/*.py", "settings/*.py", "config/settings/*.py",
                    "src/*/settings*.py", "src/*/settings/*.py"):
        for f in root.glob(pattern):
            found.setdefault(_rel(root, f), f)

    def order(rel: str) -> tuple[int, str]:  # the base settings first: their values win
        name = rel.rsplit("/", 1)[-1]
        rank = 0 if name in ("settings.py", "__init__.py") else 1 if name in ("base.py", "common.py") else 2
        return (rank, rel)

    return [found[rel] for rel in sorted(found, key=order)]


def read_settings(index: RepoIndex, files: Sequence[Path]) -> dict[str, object]:
    """Literal module-level assignments of the settings modules (first value wins: base before
    per-environment files), and Celery ``app.conf.x = ...`` / ``app.conf.update(x=...)`` as ``CELERY_X``."""
    out: dict[str, object] = {}
    for f in files:
        rel = _rel(index.root, f)
        info = index.by_path.get(rel)
        tree = info.tree if info is not None else _parse_quiet(f)
        if tree is None:
            continue
        for stmt in tree.body:
            targets: list[ast.expr] = []
            value = None
            if isinstance(stmt, ast.Assign):
                targets, value = stmt.targets, stmt.value
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                targets, value = [stmt.target], stmt.value
            for t in targets:
                if isinstance(t, ast.Name) and t.id.isupper():
                    try:
                        out.setdefault(t.id, ast.literal_eval(value))
                    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                        pass
    for info in index.modules.values():
        if ".conf" not in info.source or "celery" not in info.source.lower():
            continue
        for node in ast.walk(info.tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                t = node.targets[0]
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Attribute) and t.value.attr == "conf":
                    _setdefault_literal(out, f"CELERY_{t.attr.upper()}", node.value)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
                  and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "conf"):
                for kw in node.keywords:
                    if kw.arg:
                        _setdefault_literal(out, f"CELERY_{kw.arg.upper()}", kw.value)
    return out


def _setdefault_literal(out: dict[str, object], key: str, node: ast.expr) -> None:
    try:
        out.setdefault(key, ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass


def _parse_quiet(f: Path) -> ast.Module | None:
    try:
        return parse_tree(f.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None


def _rel(root: Path, f: Path) -> str:
    try:
        return f.resolve().relative_to(root).as_posix()
    except ValueError:
        return f.name


# =========================================================================== components and scope
_TASK_HOOKS = ("run", "__call__", "on_failure", "on_retry", "on_success", "after_return", "before_start")
_CELERY_TASK_BASES = ("celery.Task", "celery.app.task.Task", "celery.task.Task", "celery.app.Task")


def _is_task_class(index: RepoIndex, module: ModuleInfo, cls: ast.ClassDef, depth: int = 0) -> bool:
    if depth > 5:
        return False
    for base in cls.bases:
        dotted = index.resolve(module, base) or ""
        if dotted in _CELERY_TASK_BASES or (dotted.startswith("celery.") and dotted.endswith("Task")):
            return True
        found = index.lookup_class(dotted) if dotted else None
        if found and found[1] is not cls and _is_task_class(index, found[0], found[1], depth + 1):
            return True
    return False


def _func_arg(index: RepoIndex, module: ModuleInfo, node: ast.expr) -> FunctionInfo | None:
    """The project function an argument names: ``f``, ``mod.f`` or a string ``"pkg.mod.f"`` / ``"pkg.mod:f"``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return index.lookup_function(node.value.replace(":", "."))
    if isinstance(node, (ast.Name, ast.Attribute)):
        dotted = index.resolve(module, node)
        return index.lookup_function(dotted) if dotted else None
    return None


def component_roots(index: RepoIndex) -> dict[str, list[FunctionInfo]]:
    """The entry points of each component type (best effort, statically)."""
    roots: dict[str, dict[str, FunctionInfo]] = {t: {} for t in COMPONENT_TYPES}
    worker, cli, sched, spark = (roots[t] for t in COMPONENT_TYPES)
    task_by_name: dict[str, FunctionInfo] = {}
    for fn in index.functions.values():
        if not fn.node.decorator_list:
            continue
        decl = index.task_decl(fn)
        if decl is not None:
            worker[fn.qualname] = fn
            task_by_name[fn.qualname] = fn
            name = decl.option_value("name")
            if isinstance(name, str):
                task_by_name[name] = fn
    for info in index.modules.values():
        src = info.source
        # Task subclasses
        if "Task" in src:
            for cname, cls in info.classes.items():
                if _is_task_class(index, info, cls):
                    for hook in _TASK_HOOKS:
                        fn = info.functions.get(f"{cname}.{hook}")
                        if fn is not None:
                            worker[fn.qualname] = fn
                            task_by_name.setdefault(f"{info.module}.{cname}", fn)
        # management commands and Django scripts
        if "/management/commands/" in f"/{info.path}" and not info.path.rsplit("/", 1)[-1].startswith("_"):
            for fn in info.functions.values():
                if fn.class_name == "Command":
                    cli[fn.qualname] = fn
        elif "__main__" in src and "django" in src:
            for fn in info.functions.values():
                if fn.class_name is None:
                    cli[fn.qualname] = fn
        # pyspark jobs
        if ("SparkSession" in src or "SparkContext" in src) and ("getOrCreate" in src or "SparkContext(" in src):
            for fn in info.functions.values():
                spark[fn.qualname] = fn
    # scheduled jobs: beat schedules, CRONJOBS, APScheduler, RQ enqueue targets
    for info in index.modules.values():
        src = info.source
        beat = "beat_schedule" in src.lower() or "add_periodic_task" in src
        cron = "CRONJOBS" in src
        aps = "add_job" in src or "scheduled_job" in src
        rq = "enqueue" in src
        if not (beat or cron or aps or rq):
            continue
        for node in ast.walk(info.tree):
            if beat and isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if isinstance(k, ast.Constant) and k.value == "task" and isinstance(v, ast.Constant) \
                            and isinstance(v.value, str):
                        fn = task_by_name.get(v.value) or index.lookup_function(v.value)
                        if fn is not None:
                            sched[fn.qualname] = fn
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                attr = node.func.attr
                if beat and attr == "add_periodic_task" and len(node.args) >= 2:
                    sig = node.args[1]
                    target = sig.func.value if isinstance(sig, ast.Call) and isinstance(sig.func, ast.Attribute) \
                        and sig.func.attr in ("s", "si", "signature") else sig
                    fn = _func_arg(index, info, target)
                    if fn is not None:
                        sched[fn.qualname] = fn
                elif aps and attr == "add_job" and node.args:
                    fn = _func_arg(index, info, node.args[0])
                    if fn is not None:
                        sched[fn.qualname] = fn
                elif rq and attr in ("enqueue", "enqueue_call", "enqueue_in", "enqueue_at"):
                    args = list(node.args) + [kw.value for kw in node.keywords if kw.arg in ("func", "f")]
                    if attr in ("enqueue_in", "enqueue_at") and args:
                        args = args[1:]
                    fn = _func_arg(index, info, args[0]) if args else None
                    if fn is not None:
                        worker[fn.qualname] = fn
            elif cron and isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "CRONJOBS" for t in node.targets):
                for elt in getattr(node.value, "elts", []):
                    if isinstance(elt, (ast.Tuple, ast.List)) and len(elt.elts) >= 2:
                        fn = _func_arg(index, info, elt.elts[1])
                        if fn is not None:
                            sched[fn.qualname] = fn
        if aps:
            for fn in info.functions.values():
                for deco in fn.node.decorator_list:
                    call = deco.func if isinstance(deco, ast.Call) else deco
                    if isinstance(call, ast.Attribute) and call.attr == "scheduled_job":
                        sched[fn.qualname] = fn
    return {t: list(v.values()) for t, v in roots.items()}


class ScopeBuilder:
    """Reachable functions per component type, computed once per run and only when asked for."""

    def __init__(self, index: RepoIndex) -> None:
        self.index = index
        self._roots: dict[str, list[FunctionInfo]] | None = None
        self._reach: dict[str, frozenset[str]] = {}

    def for_types(self, types: Iterable[str]) -> frozenset[str]:
        if self._roots is None:
            self._roots = component_roots(self.index)
        out: set[str] = set()
        for t in types:
            if t not in self._reach:
                seen: set[str] = set()
                for fn in self._roots.get(t, ()):
                    if fn.qualname in seen:
                        continue
                    for reached, _ in self.index.reachable(fn, REACH_DEPTH):
                        seen.add(reached.qualname)
                self._reach[t] = frozenset(seen)
            out |= self._reach[t]
        return frozenset(out)


# =========================================================================== running rules
def _crash_location(exc: BaseException, root: Path) -> str:
    """The file the rule was looking at when it raised (from the traceback's locals), else ``?``."""
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, (FunctionInfo, ModuleInfo)):
                return value.file if isinstance(value, FunctionInfo) else value.path
            if isinstance(value, Finding):
                return value.file
    return "?"


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return ""
    code = last.tb_frame.f_code
    return f" at {Path(code.co_filename).name}:{last.tb_lineno}"


def internal_error(what: str, code: str, exc: BaseException, root: Path) -> str:
    msg = str(exc).splitlines()[0] if str(exc) else ""
    return (f"internal error in rule {code} {what} {_crash_location(exc, root)}: "
            f"{type(exc).__name__}{': ' + msg if msg else ''}{_where(exc)}")


@dataclass
class _Run:
    """One analysis of the current contents: findings before noqa, the index and its directives."""

    index: RepoIndex
    findings: list[Finding]
    internal: list[str]


def _run_rules(index: RepoIndex, rules: dict[str, type[Rule]], codes: Sequence[str], *, all_code: bool,
               scope: frozenset[str] | None, settings: dict[str, object]) -> _Run:
    builder = ScopeBuilder(index)
    findings: list[Finding] = []
    internal: list[str] = []
    for code in codes:
        cls = rules.get(code)
        if cls is None:
            continue
        try:
            rule = cls()
            if all_code or getattr(cls, "scope", "components") == "all":
                rule_scope = None
            elif scope is not None:
                rule_scope = scope
            else:
                rule_scope = builder.for_types(cls.component_types or COMPONENT_TYPES)
            ctx = CheckContext(index=index, scope=rule_scope, settings=dict(settings))
            for f in rule.check(ctx):
                findings.append(f)
        except Exception as exc:  # noqa: BLE001 -- one rule's bug must not stop the run
            internal.append(internal_error("while checking", code, exc, index.root))
    return _Run(index, findings, internal)


def _filter(run: _Run, selection: Selection, known: Sequence[str], enabled: Sequence[str]) -> list[Finding]:
    """Drop per-file-ignored and noqa'd findings, add RFX100, dedupe and sort."""
    directives: dict[str, dict[int, noqa_mod.Directive]] = {}

    def dirs(path: str) -> dict[int, noqa_mod.Directive]:
        if path not in directives:
            info = run.index.by_path.get(path)
            directives[path] = noqa_mod.parse_directives(info.source) if info is not None else {}
        return directives[path]

    kept: dict[tuple, Finding] = {}
    for f in run.findings:
        if selection.ignored_in_file(f.file, f.code):
            continue
        d = dirs(f.file).get(f.line)
        hit = d.suppresses(f.code) if d is not None else None
        if hit is not None:
            d.used.add(hit)
            continue
        kept.setdefault((f.file, f.line, f.col, f.code, f.message), f)
    if "RFX100" in enabled:
        for path, info in run.index.by_path.items():
            if "noqa" not in info.source.lower():
                continue
            for line, d in sorted(dirs(path).items()):
                if d.codes is None:
                    continue
                parts = []
                for c in d.codes:
                    ours = noqa_mod.ROOTFIX_CODE.match(c) or any(k == c or k.startswith(c) for k in known)
                    if not ours or c in d.used:
                        continue
                    if not any(k == c or k.startswith(c) for k in known):
                        parts.append(("unknown", c))
                    elif not any(k == c or k.startswith(c) for k in enabled):
                        parts.append(("non-enabled", c))
                    else:
                        parts.append(("unused", c))
                if not parts or selection.ignored_in_file(path, "RFX100"):
                    continue
                desc = "; ".join(f"{kind}: {', '.join(c for k, c in parts if k == kind)}"
                                 for kind in ("unused", "non-enabled", "unknown") if any(k == kind for k, _ in parts))
                f = Finding(code="RFX100", rule=ENGINE_CODES["RFX100"], message=f"Unused `noqa` directive ({desc})",
                            file=path, line=line, col=d.col, end_line=line, end_col=d.end_col,
                            fixable=True, fix_safety="safe",
                            related=tuple((path, line, c) for _, c in parts))
                kept.setdefault((f.file, f.line, f.col, f.code, f.message), f)
    return sorted(kept.values(), key=lambda f: (f.file, f.line, f.col, f.code, f.message))


# =========================================================================== fixing
class _MemPath(PosixPath):
    """A path whose bytes come from memory: lets the index re-read fixed contents without writing them."""

    _data: bytes = b""

    def read_bytes(self) -> bytes:  # type: ignore[override]
        return self._data


def _mem_path(p: Path, text: str) -> Path:
    mp = _MemPath(p)
    mp._data = text.encode("utf-8")
    return mp


def _hunks(old: str, new: str) -> list[tuple[int, int, list[str]]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, b[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def _overlaps(x: tuple[int, int, list[str]], y: tuple[int, int, list[str]]) -> bool:
    (a1, a2, _), (b1, b2, _) = x, y
    if a1 == a2 or b1 == b2:  # an insertion conflicts with anything at or around its point
        return a1 <= b2 and b1 <= a2
    return a1 < b2 and b1 < a2


def _apply_hunks(old: str, hunks: list[tuple[int, int, list[str]]]) -> str:
    lines = old.splitlines(keepends=True)
    for i1, i2, repl in sorted(hunks, key=lambda h: (h[0], h[1]), reverse=True):
        lines[i1:i2] = repl
    return "".join(lines)


def _fix_noqa(index: RepoIndex, finding: Finding) -> Patch | None:
    info = index.by_path.get(finding.file)
    if info is None:
        return None
    codes = {c for _, _, c in finding.related}
    new = noqa_mod.remove_codes(info.source, finding.line, codes)
    return Patch((FileChange(finding.file, info.source, new),)) if new != info.source else None


def _patches(run: _Run, findings: list[Finding], rules: dict[str, type[Rule]], unsafe: bool,
             internal: list[str]) -> list[tuple[Finding, Patch]]:
    out = []
    instances: dict[str, Rule] = {}
    for f in findings:
        if not f.fixable or f.fix_safety not in ("safe", "unsafe") or (f.fix_safety == "unsafe" and not unsafe):
            continue
        try:
            if f.code == "RFX100":
                patch = _fix_noqa(run.index, f)
            else:
                cls = rules.get(f.code)
                if cls is None:
                    continue
                rule = instances.get(f.code) or instances.setdefault(f.code, cls())
                patch = rule.fix(run.index, f)
        except Exception as exc:  # noqa: BLE001
            internal.append(internal_error("while fixing", f.code, exc, run.index.root).replace(
                f" {_crash_location(exc, run.index.root)}:", f" {f.file}:{f.line}:", 1))
            continue
        if patch is not None and patch.changes:
            out.append((f, patch))
    return out


def _mark_fixable(run: _Run, findings: list[Finding], rules: dict[str, type[Rule]],
                  internal: list[str]) -> list[Finding]:
    """``fixable`` only where the rule's fix produces a patch here (ruff's ``[*]`` promise)."""
    import dataclasses

    candidates = [f for f in findings if f.fixable and f.fix_safety in ("safe", "unsafe")]
    if not candidates:
        return findings
    fixable = {id(f) for f, _ in _patches(run, candidates, rules, True, internal)}
    return [f if not f.fixable or id(f) in fixable else dataclasses.replace(f, fixable=False) for f in findings]


def _merge(patches: list[tuple[Finding, Patch]], current: dict[str, str | None], root: Path
           ) -> tuple[dict[str, str], int]:
    """Non-overlapping patches merged per file: path -> new content, and how many findings they fix."""
    accepted: dict[str, list[tuple[int, int, list[str]]]] = {}
    created: dict[str, str] = {}
    fixed = 0
    for _finding, patch in patches:
        plan: dict[str, list[tuple[int, int, list[str]]]] = {}
        ok = True
        for ch in patch.changes:
            if ch.old is None:
                if ch.path in created or current.get(ch.path) is not None or (root / ch.path).exists():
                    ok = False
                    break
                continue
            cur = current.get(ch.path)
            if cur is None:
                cur = _read_text(root / ch.path)
                current[ch.path] = cur
            if cur is None or ch.old != cur:  # the patch was made for other contents
                ok = False
                break
            hunks = _hunks(ch.old, ch.new)
            if any(_overlaps(h, g) for h in hunks for g in accepted.get(ch.path, []) + plan.get(ch.path, [])):
                ok = False
                break
            plan.setdefault(ch.path, []).extend(hunks)
        if not ok:
            continue
        for path, hunks in plan.items():
            accepted.setdefault(path, []).extend(hunks)
        for ch in patch.changes:
            if ch.old is None:
                created[ch.path] = ch.new
        fixed += 1
    out = {path: _apply_hunks(current[path] or "", hunks) for path, hunks in accepted.items()}
    out.update(created)
    return out, fixed


def _read_text(p: Path) -> str | None:
    try:
        return p.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _write_atomic(path: Path, text: str, expected: bytes | None) -> bool:
    """Write ``text`` to ``path`` unless its bytes are no longer ``expected`` (None: must not exist)."""
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        now = None
    if now != expected:
        return False
    data = text.encode("utf-8")
    if expected is not None and expected.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".rootfix-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if expected is not None:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


# =========================================================================== the entry point
def resolve_paths(paths: Sequence[str | Path], root: Path) -> list[Path]:
    out = []
    for p in paths or [root]:
        path = Path(p)
        full = (path if path.is_absolute() else Path.cwd() / path).resolve()
        if not full.exists():
            raise UsageError(f"{p}: no such file or directory")
        try:
            full.relative_to(root)
        except ValueError:
            raise UsageError(f"{p}: outside the project root {root}") from None
        out.append(full)
    return out


def collect_files(root: Path, paths: Sequence[Path], exclude: Sequence[str]) -> list[Path]:
    """The Python files to check: under ``paths``, minus ``exclude`` globs (files named explicitly stay)."""
    files = []
    for start in paths:
        if start.is_file():
            files.append(start)
            continue
        for f in iter_python_files(root, [start]):
            if exclude and any(path_matches(_rel(root, f), g) for g in exclude):
                continue
            files.append(f)
    seen: set[Path] = set()
    return [f for f in files if not (f in seen or seen.add(f))]


def run_check(paths: Sequence[str | Path], *, root: str | Path, select: str | Sequence[str] | None = None,
              ignore: str | Sequence[str] | None = None, all_code: bool = False,
              scope: frozenset[str] | None = None, config: Config | None = None,
              extend_select: str | Sequence[str] | None = None, fix: bool = False, unsafe_fixes: bool = False,
              diff: bool = False, use_cache: bool = True, rules: dict[str, type[Rule]] | None = None) -> CheckResult:
    """Check ``paths`` (files or folders under ``root``; default the root).

    ``select``/``ignore``/``extend_select``: selectors from the command line, layered over ``config``.
    ``all_code``: every rule sees every function (also on when the config says so, or when every path is a
    file). ``scope``: qualnames of the functions component-scoped rules see, replacing the computed scope
    (the pipeline passes a component's reachable code). ``fix``: write safe fixes (``unsafe_fixes`` too);
    ``diff``: compute them, write nothing (``result.changes``). Raises UsageError for a missing path or a bad
    selector.
    """
    t0 = time.perf_counter()
    root = Path(root).resolve()
    config = config or Config()
    full_paths = resolve_paths(paths, root)
    all_code = all_code or config.all_code
    files = collect_files(root, full_paths, config.exclude)
    # the part checked is reported; the whole project is read, so a file gets the findings it gets in the tree
    report = None if full_paths == [root] else {_rel(root, f) for f in files}
    if report is not None:
        files = collect_files(root, [*files, root], config.exclude)
    with_tests = any(is_test_path(_rel(root, p) + ("/x.py" if p.is_dir() else "")) for p in full_paths)
    setting_files = settings_files(root, files)

    cache = None
    if use_cache and not fix and not diff:
        from rootfix.rules.cache import CheckCache

        # The key names the rules by their files (the cache fingerprints rules/ and discover/) and the raw
        # selectors, so a warm run neither parses the project nor imports the rule modules (LibCST alone
        # takes half a second to import). Selectors are validated on the miss that wrote the entry.
        cfg_sel = (config.select, config.ignore, config.extend_select, config.per_file_ignores)
        given = sorted((c, r.__module__, r.__qualname__) for c, r in (rules or REGISTRY).items())
        cache = CheckCache(root, key_parts=(_sel_key(select), _sel_key(ignore), _sel_key(extend_select), cfg_sel,
                                            given, all_code, sorted(scope) if scope is not None else None,
                                            tuple(config.exclude), sorted(report) if report is not None else None,
                                            with_tests),
                           files=[*files, *setting_files])
        hit = cache.load()
        if hit is not None:
            hit.seconds = time.perf_counter() - t0
            hit.errors_fail = _errors_fail(select, extend_select, config)
            return hit

    rules = load_all_rules() if rules is None else rules
    known = sorted(set(rules) | set(ENGINE_CODES))
    selection = build_selection(known, cli_select=select, cli_ignore=ignore, cli_extend_select=extend_select,
                                config=config)
    codes = selection.codes(known)

    index = RepoIndex.build(root, files) if files else RepoIndex(root)
    settings = read_settings(index, setting_files)
    result = CheckResult(root=root, rules=codes, files=len(report) if report is not None else len(files),
                         errors_fail=selection.note_fails())
    result.errors = _notes(index, selection, report)
    result.lines = sum(info.source.count("\n") + (0 if info.source.endswith("\n") or not info.source else 1)
                       for path, info in index.by_path.items() if report is None or path in report)
    run = _run_rules(index, rules, codes, all_code=all_code, scope=scope, settings=settings)
    result.internal_errors.extend(run.internal)
    findings = _reported(_filter(run, selection, known, codes), report, with_tests)

    if fix or diff:
        originals: dict[str, str | None] = {p: i.source for p, i in index.by_path.items()}
        first_sha: dict[str, str | None] = {p: i.sha256 for p, i in index.by_path.items()}
        current: dict[str, str | None] = dict(originals)
        for _pass in range(MAX_FIX_PASSES):
            patches = _patches(run, findings, rules, unsafe_fixes, result.internal_errors)
            if not patches:
                break
            changed, n = _merge(patches, current, root)
            changed = {p: t for p, t in changed.items() if current.get(p) != t}
            if not changed:
                break
            result.fixed += n
            for path, text in changed.items():
                if path not in originals:
                    try:
                        data = (root / path).read_bytes()
                        originals[path] = data.decode("utf-8-sig")
                        first_sha[path] = hashlib.sha256(data).hexdigest()
                    except (OSError, UnicodeDecodeError):
                        originals[path], first_sha[path] = None, None
                current[path] = text
            # re-analyse the fixed contents in memory
            overlay = {p: t for p, t in current.items() if originals.get(p) != t and t is not None}
            index = RepoIndex(root)
            for f in files:
                rel = _rel(root, f)
                index.add_file(_mem_path(f, overlay[rel]) if rel in overlay else f)
            for rel, text in overlay.items():
                if rel.endswith(".py") and rel not in index.by_path:
                    index.add_file(_mem_path(root / rel, text))
            settings = read_settings(index, setting_files)
            run = _run_rules(index, rules, codes, all_code=all_code, scope=scope, settings=settings)
            for line in run.internal:
                if line not in result.internal_errors:
                    result.internal_errors.append(line)
            findings = _reported(_filter(run, selection, known, codes), report, with_tests)
        from rootfix.fix.style import restyle

        # the project's own formatter (ruff / black) on the lines the fixes changed, when it has one
        result.changes = {p: (originals.get(p), restyle(root, p, originals.get(p), t)) for p, t in current.items()
                          if t is not None and originals.get(p) != t}
        if fix:
            for path, (old, new) in sorted(result.changes.items()):
                full = root / path
                expected = None
                if old is not None:
                    try:
                        expected = full.read_bytes()
                    except OSError:
                        expected = None
                    if expected is None or hashlib.sha256(expected).hexdigest() != first_sha.get(path):
                        result.skipped.append(path)  # changed on disk since it was read
                        continue
                if _write_atomic(full, new, expected):
                    result.written.append(path)
                else:
                    result.skipped.append(path)
        # files in the index at the end carry the fixed contents; the errors are those of the final state
        result.errors = _notes(index, selection, report)

    if not (fix or diff):
        findings = _mark_fixable(run, findings, rules, result.internal_errors)
    result.findings = findings
    if cache is not None:
        cache.store(result)
    result.seconds = time.perf_counter() - t0
    return result


def _notes(index: RepoIndex, selection: Selection, report: set[str] | None = None) -> list[tuple[str, str]]:
    """E999 notes (unreadable / unparsable files, syntax newer than the target Python) not ignored."""
    return [(e.path, e.message) for e in index.errors
            if selection.note_shown(e.path) and (report is None or e.path in report)]


def _reported(findings: list[Finding], report: set[str] | None, with_tests: bool) -> list[Finding]:
    """The findings in the checked part of the project; test code only when a test path was named."""
    return [f for f in findings if (report is None or f.file in report) and (with_tests or not is_test_path(f.file))]


def _errors_fail(select: str | Sequence[str] | None, extend_select: str | Sequence[str] | None,
                 config: Config) -> bool:
    from rootfix.rules.selection import split_codes

    sels = [*split_codes(select), *split_codes(extend_select), *split_codes(config.select or ()),
            *split_codes(config.extend_select)]
    return any(s != "ALL" and "E999".startswith(s) for s in sels)


def _sel_key(value: str | Sequence[str] | None) -> tuple[str, ...] | None:
    from rootfix.rules.selection import split_codes

    return None if value is None else split_codes(value)


def rules_for_codes(codes: Iterable[str]) -> list[type[Rule]]:
    reg = load_all_rules()
    return [reg[c] for c in codes if c in reg]


__all__ = ["CheckResult", "run_check", "component_roots", "read_settings", "settings_files", "ScopeBuilder",
           "SYNTAX_ERROR", "MAX_FIX_PASSES"]
