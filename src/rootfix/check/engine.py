"""The check engine: index the code, run the selected rules on their scope, apply noqa, fix.

:func:`run_check` is what ``rootfix check`` (and the pipeline) call::

    result = run_check([Path("app")], root=Path("."), select="WRK", ignore=None, all_code=False,
                       config=Config())
    for finding in result.findings: ...

Scope: a rule sees (``ctx.scope``) the functions reachable from the entry points of its component types
(:meth:`rootfix.project.model.Project.scope`, ``REACH_DEPTH`` calls) -- Celery/RQ tasks and ``Task.run`` (background-worker),
``management/commands/*.py`` ``Command`` methods and Django scripts (cli-tool), beat / CRONJOBS /
APScheduler targets (scheduled-job), modules that build a SparkSession or SparkContext (pyspark-job).
A rule with ``scope = "all"`` sees everything, and so does every rule with ``--all-code`` / ``all-code = true``.

Checking part of a project (files or folders below the root) indexes the whole project and reports the
findings in the named part: a file gets the same findings as when the whole tree is checked. Findings in test
code (``tests/``, ``test_*.py``, ``conftest.py``) are reported only when a named path is test code.

Robustness: a rule that raises is reported as one internal-error line (rule, file, exception), the others
still run; unreadable files are one ``E999`` line each and are skipped. Fixes of one pass are merged by
:mod:`rootfix.check.merge` and written with :func:`rootfix.atomic.write_atomic`.
"""
from __future__ import annotations

import difflib
import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path, PosixPath
from typing import Sequence

from typing import TYPE_CHECKING

from rootfix.atomic import write_atomic
from rootfix.check import noqa as noqa_mod
from rootfix.check.selection import ENGINE_CODES, Selection, build_selection, path_matches
from rootfix.config import Config
from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex, iter_python_files
from rootfix.errors import UsageError
from rootfix.project.model import find_settings_files
from rootfix.types import COMPONENT_TYPES, FileChange, Finding, Patch, Related

if TYPE_CHECKING:
    from rootfix.check.gitdiff import Changes
    from rootfix.rules.base import Rule

# The project model, the component discovery and the rule API (and through them LibCST) are imported when the
# cache misses: a warm run reads the cached result and imports none of them.

MAX_FIX_PASSES = 3
SYNTAX_ERROR = "E999"


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
    #: rule code -> seconds its ``check`` took (of the run that computed the findings, also on a cache hit);
    #: 0.0 for a rule a pre-filter skipped
    rule_seconds: dict[str, float] = field(default_factory=dict)
    #: rules their pre-filter skipped (``Rule.requires``)
    skipped_rules: list[str] = field(default_factory=list)
    #: phase -> seconds, of the run that computed the findings: loading the rules, the index (read, parse,
    #: imports, settings), checking which fixes apply (the ``[*]`` marks)
    phase_seconds: dict[str, float] = field(default_factory=dict)
    #: seconds the run that computed the findings took (== ``seconds`` unless ``from_cache``)
    analysis_seconds: float = 0.0
    #: phase or rule code -> the process's peak resident memory (MB) when it ended (0.0: not measurable here)
    peak_mb: dict[str, float] = field(default_factory=dict)
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


def _rel(root: Path, f: Path) -> str:
    try:
        return f.resolve().relative_to(root).as_posix()
    except ValueError:
        return f.name


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
    #: rule code -> seconds its check took (0.0: skipped by its pre-filter)
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    peak_mb: dict[str, float] = field(default_factory=dict)


def _peak_mb() -> float:
    """The process's peak resident set so far, in MB (Linux reports KiB, macOS bytes); 0.0 where unknown."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class _Texts:
    """Which strings occur anywhere in the project's sources: the rules' pre-filters (``Rule.requires``)."""

    def __init__(self, index: RepoIndex) -> None:
        self.index = index
        self.seen: dict[str, bool] = {}

    def any_of(self, needles: Sequence[str]) -> bool:
        for needle in needles:
            if needle not in self.seen:
                # the module names too: ``from .sql import x`` inside a package named pyspark mentions no pyspark
                self.seen[needle] = any(needle in info.source or needle in info.module
                                        for info in self.index.by_path.values())
            if self.seen[needle]:
                return True
        return False


def _run_rules(index: RepoIndex, rules: dict[str, type[Rule]], codes: Sequence[str], *, all_code: bool,
               scope: frozenset[str] | None, settings: dict[str, object]) -> _Run:
    from rootfix.project.model import Project
    from rootfix.rules.base import CheckContext

    project = Project.of(index)
    findings: list[Finding] = []
    internal: list[str] = []
    seconds: dict[str, float] = {}
    skipped: list[str] = []
    peaks: dict[str, float] = {}
    texts = _Texts(index)
    for code in codes:
        cls = rules.get(code)
        if cls is None:
            continue
        needs = getattr(cls, "requires", ())
        if needs and not texts.any_of(needs):
            seconds[code] = 0.0
            skipped.append(code)
            continue
        t0 = time.perf_counter()
        try:
            rule = cls()
            kind = getattr(cls, "scope", "components")
            if all_code or kind == "all":
                rule_scope = None
            elif scope is not None:
                rule_scope = scope
            elif kind == "long-lived":
                rule_scope = project.long_lived_scope()
            else:
                rule_scope = project.scope(cls.component_types or COMPONENT_TYPES)
            ctx = CheckContext(index=index, scope=rule_scope, settings=dict(settings))
            for f in rule.check(ctx):
                findings.append(f)
        except Exception as exc:  # noqa: BLE001 -- one rule's bug must not stop the run
            internal.append(internal_error("while checking", code, exc, index.root))
        seconds[code] = seconds.get(code, 0.0) + time.perf_counter() - t0
        peaks[code] = _peak_mb()
    return _Run(index, findings, internal, seconds, skipped, peaks)


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
        # one place, one finding: a rule that walks a function finds what is in its nested functions too,
        # and meets the nested ones again on their own (the first, outermost, is kept)
        kept.setdefault((f.file, f.line, f.col, f.code), f)
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
                            related=tuple(Related(path, line, "noqa-code", c) for _, c in parts))
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


def _fix_noqa(index: RepoIndex, finding: Finding) -> Patch | None:
    info = index.by_path.get(finding.file)
    if info is None:
        return None
    codes = {r.note for r in finding.related}
    new = noqa_mod.remove_codes(info.source, finding.line, codes)
    return Patch((FileChange(finding.file, info.source, new),)) if new != info.source else None


def _patches(run: _Run, findings: list[Finding], rules: dict[str, type["Rule"]], unsafe: bool,
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


def _write_atomic(path: Path, text: str, expected: bytes | None) -> bool:
    """Write ``text`` to ``path`` unless its bytes are no longer ``expected`` (None: must not exist); a
    UTF-8 BOM the file had is kept."""
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        now = None
    if now != expected:
        return False
    data = text.encode("utf-8")
    if expected is not None and expected.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    write_atomic(path, data)
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
              diff: bool = False, use_cache: bool = True, rules: dict[str, type[Rule]] | None = None,
              diff_against: str | None = None) -> CheckResult:
    """Check ``paths`` (files or folders under ``root``; default the root).

    ``select``/``ignore``/``extend_select``: selectors from the command line, layered over ``config``.
    ``all_code``: every rule sees every function (also on when the config says so, or when every path is a
    file). ``scope``: qualnames of the functions component-scoped rules see, replacing the computed scope
    (the pipeline passes a component's reachable code). ``fix``: write safe fixes (``unsafe_fixes`` too);
    ``diff``: compute them, write nothing (``result.changes``). ``diff_against``: a git revision; the whole
    project is analysed (and cached as without it) and only the findings on lines changed since it are
    reported. Raises UsageError for a missing path, a bad selector or a bad revision.
    """
    t0 = time.perf_counter()
    root = Path(root).resolve()
    changes = None
    if diff_against is not None:
        # the report is narrowed after the analysis (and after the cache), which is the plain check's
        if fix or diff:
            raise UsageError("--diff-against narrows the report; it does not combine with --fix or --diff")
        from rootfix.check.gitdiff import changed_lines

        changes = changed_lines(root, diff_against)
    config = config or Config()
    full_paths = resolve_paths(paths, root)
    all_code = all_code or config.all_code
    files = collect_files(root, full_paths, config.exclude)
    # the part checked is reported; the whole project is read, so a file gets the findings it gets in the tree
    report = None if full_paths == [root] else {_rel(root, f) for f in files}
    if report is not None:
        files = collect_files(root, [*files, root], config.exclude)
    setting_files = find_settings_files(root, files)

    cache = None
    if use_cache and not fix and not diff:
        from rootfix.check.cache import CheckCache

        # The key names the rules by their files (the cache fingerprints rules/ and discover/) and the raw
        # selectors, so a warm run neither parses the project nor imports the rule modules (LibCST alone
        # takes half a second to import). Selectors are validated on the miss that wrote the entry.
        cfg_sel = (config.select, config.ignore, config.extend_select, config.per_file_ignores)
        # The catalogue's own rules are covered by the fingerprint of their files; what else is registered (a
        # test's throwaway rules) or passed is named. Whether the catalogue is loaded yet does not matter.
        registry = getattr(sys.modules.get("rootfix.rules.base"), "REGISTRY", {})
        given = sorted((c, r.__module__, r.__qualname__) for c, r in (rules or registry).items()
                       if rules is not None or not r.__module__.startswith("rootfix.rules."))
        cache = CheckCache(root, key_parts=(_sel_key(select), _sel_key(ignore), _sel_key(extend_select), cfg_sel,
                                            given, all_code, sorted(scope) if scope is not None else None,
                                            tuple(config.exclude), sorted(report) if report is not None else None,
                                            sorted(_rel(root, p) for p in full_paths)),
                           files=[*files, *setting_files])
        hit = cache.load()
        if hit is not None:
            _narrow(hit, changes)
            hit.seconds = time.perf_counter() - t0
            hit.errors_fail = _errors_fail(select, extend_select, config)
            return hit

    from rootfix.discover.components import is_test_path
    from rootfix.project.model import Project
    from rootfix.rules.base import load_all_rules

    # findings in test code are reported when a named path is test code
    with_tests = any(is_test_path(_rel(root, p) + ("/x.py" if p.is_dir() else "")) for p in full_paths)
    t_load = time.perf_counter()
    rules = load_all_rules() if rules is None else rules
    phases = {"load rules": time.perf_counter() - t_load}
    peaks = {"load rules": _peak_mb()}
    known = sorted(set(rules) | set(ENGINE_CODES))
    selection = build_selection(known, cli_select=select, cli_ignore=ignore, cli_extend_select=extend_select,
                                config=config, opt_in=[c for c, cls in rules.items() if not cls.default])
    codes = selection.codes(known)

    t_index = time.perf_counter()
    index = RepoIndex.build(root, files) if files else RepoIndex(root)
    settings = Project.of(index, settings_files=setting_files).settings
    result = CheckResult(root=root, rules=codes, files=len(report) if report is not None else len(files),
                         errors_fail=selection.note_fails(), phase_seconds=phases, peak_mb=peaks)
    phases["index"] = time.perf_counter() - t_index
    peaks["index"] = _peak_mb()
    result.errors = _notes(index, selection, report)
    result.lines = sum(info.source.count("\n") + (0 if info.source.endswith("\n") or not info.source else 1)
                       for path, info in index.by_path.items() if report is None or path in report)
    run = _run_rules(index, rules, codes, all_code=all_code, scope=scope, settings=settings)
    result.rule_seconds, result.skipped_rules = dict(run.seconds), list(run.skipped)
    peaks.update(run.peak_mb)
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
            from rootfix.check.merge import merge_patches

            changed, n = merge_patches(patches, current, root)
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
            settings = Project.of(index, settings_files=setting_files).settings
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
        t_mark = time.perf_counter()
        findings = _mark_fixable(run, findings, rules, result.internal_errors)
        phases["fixable marks"] = time.perf_counter() - t_mark
        peaks["fixable marks"] = _peak_mb()
    result.findings = findings
    result.analysis_seconds = time.perf_counter() - t0
    if cache is not None:
        cache.store(result, {str(root / p): i.sha256 for p, i in index.by_path.items()})
    _narrow(result, changes)
    result.seconds = time.perf_counter() - t0
    return result


def _narrow(result: CheckResult, changes: "Changes | None") -> None:
    """``--diff-against``: keep the findings on changed lines and the E999 notes of changed files."""
    if changes is None:
        return
    result.findings = [f for f in result.findings if changes.touches(f.file, f.line, f.end_line)]
    touched = changes.files()
    result.errors = [e for e in result.errors if e[0] in touched]


def _notes(index: RepoIndex, selection: Selection, report: set[str] | None = None) -> list[tuple[str, str]]:
    """E999 notes (unreadable / unparsable files, syntax newer than the target Python) not ignored."""
    return [(e.path, e.message) for e in index.errors
            if selection.note_shown(e.path) and (report is None or e.path in report)]


def _reported(findings: list[Finding], report: set[str] | None, with_tests: bool) -> list[Finding]:
    """The findings in the checked part of the project; test code only when a test path was named."""
    from rootfix.discover.components import is_test_path

    return [f for f in findings if (report is None or f.file in report) and (with_tests or not is_test_path(f.file))]


def _errors_fail(select: str | Sequence[str] | None, extend_select: str | Sequence[str] | None,
                 config: Config) -> bool:
    from rootfix.check.selection import split_codes

    sels = [*split_codes(select), *split_codes(extend_select), *split_codes(config.select or ()),
            *split_codes(config.extend_select)]
    return any(s != "ALL" and "E999".startswith(s) for s in sels)


def _sel_key(value: str | Sequence[str] | None) -> tuple[str, ...] | None:
    from rootfix.check.selection import split_codes

    return None if value is None else split_codes(value)


__all__ = ["CheckResult", "run_check", "SYNTAX_ERROR", "MAX_FIX_PASSES"]
