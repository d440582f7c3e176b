"""The ``rootfix check`` result cache, kept outside the user's repo.

Where: ``$ROOTFIX_CACHE_DIR`` or ``$XDG_CACHE_HOME/rootfix`` (default ``~/.cache/rootfix``), then
``check/<sha256 of the root>/<key>.json``. The key covers the rootfix version, the rule modules' files
(size, mtime), the selection and the scope options; the entry records ``(path, size, mtime_ns, sha256)`` of
every checked file (and the settings modules).

A warm hit stats the files and parses nothing. A file whose mtime moved but whose size did not is hashed:
same content, still a hit (``touch``, a branch switch and back, an editor saving unchanged text), and the entry
is rewritten with the new mtimes so the next run stats only. A file whose mtime is within 2 s of the entry's
writing is always hashed (a later same-size edit in the same mtime tick would go unseen). Any difference in
content -- a file added, removed, edited -- invalidates the whole entry, since rules look across files (a
finding in one file can depend on any file: callers, settings, the task registry). Cache problems are never
errors: an unreadable or corrupt entry is a miss; a failed write is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from rootfix import __version__
from rootfix.atomic import write_atomic
from rootfix.types import Finding, Related

if TYPE_CHECKING:
    from rootfix.check.engine import CheckResult

RACY_NS = 2_000_000_000
MAX_ENTRIES = 16


def cache_root() -> Path:
    env = os.environ.get("ROOTFIX_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "rootfix"


#: The parts of rootfix whose code decides check results (not the demo project, intake, ...).
_CODE_PARTS = ("rules", "discover", "check", "project", "types.py", "config.py", "__init__.py")
_CODE_DIRS = 4  # the first four parts are folders


def _code_fingerprint() -> list[tuple[str, int, int]]:
    """The rules', the engine's, the project model's and the index's own files: editing one invalidates the cache."""
    import rootfix

    base = Path(rootfix.__file__).parent
    out = []
    for part in _CODE_PARTS:
        p = base / part
        if p.is_file():
            st = p.stat()
            out.append((part, st.st_size, st.st_mtime_ns))
    for dirpath, dirnames, filenames in (w for part in _CODE_PARTS[:_CODE_DIRS] for w in os.walk(base / part)):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(".py"):
                st = os.stat(os.path.join(dirpath, name))
                out.append((os.path.relpath(os.path.join(dirpath, name), base), st.st_size, st.st_mtime_ns))
    return out


def _sha(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


class CheckCache:
    def __init__(self, root: Path, *, key_parts: object, files: Sequence[Path]) -> None:
        self.root = root
        self.dir = cache_root() / "check" / hashlib.sha256(str(root).encode()).hexdigest()[:20]
        key = json.dumps([__version__, _code_fingerprint(), repr(key_parts)], default=str)
        self.path = self.dir / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")
        self.files = [str(f) for f in files]
        self._stats: list[tuple[str, int, int]] | None = None
        #: path -> sha256 of the contents this run analysed (filled by a hit, or by the engine on a miss)
        self._shas: dict[str, str | None] | None = None

    def _stat_all(self) -> list[tuple[str, int, int]]:
        if self._stats is None:
            out = []
            for f in self.files:
                try:
                    st = os.stat(f)
                    out.append((f, st.st_size, st.st_mtime_ns))
                except OSError:
                    out.append((f, -1, -1))
            self._stats = out
        return self._stats

    def load(self) -> "CheckResult | None":
        from rootfix.check.engine import CheckResult

        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        try:
            stored = data["files"]
            written = int(data.get("written", 0))
            now = self._stat_all()
            if len(stored) != len(now):
                return None
            self._shas = {}
            rehashed = False
            for (path, size, mtime, sha), cur in zip(stored, now):
                if path != cur[0] or size != cur[1]:
                    return None
                if mtime == cur[2] and cur[2] <= written - RACY_NS:
                    self._shas[path] = sha
                    continue
                # touched, or too recent to trust its mtime: the content decides
                cur_sha = _sha(path)
                if sha is None or cur_sha != sha:
                    return None
                self._shas[path] = cur_sha
                rehashed = rehashed or mtime != cur[2]
            r = data["result"]
            result = CheckResult(
                root=self.root,
                findings=[_finding(d) for d in r["findings"]],
                errors=[tuple(e) for e in r["errors"]],  # type: ignore[misc]
                internal_errors=list(r["internal_errors"]),
                files=r["files"], lines=r["lines"], rules=list(r["rules"]), from_cache=True,
                rule_seconds={k: float(v) for k, v in r.get("rule_seconds", {}).items()},
                skipped_rules=list(r.get("skipped_rules", [])), phase_seconds={k: float(v) for k, v in r.get("phase_seconds", {}).items()},
                peak_mb={k: float(v) for k, v in r.get("peak_mb", {}).items()},
                analysis_seconds=float(r.get("analysis_seconds", 0.0)),
            )
        except (KeyError, TypeError, ValueError):
            return None
        if rehashed:  # the same contents under new mtimes: record them so the next run only stats
            self._write(data["result"])
        return result

    def store(self, result: "CheckResult", analysed: dict[str, str] | None = None) -> None:
        """Record ``result``; ``analysed``: absolute path -> sha256 of the contents the result is of."""
        self._shas = dict(analysed or {})
        self._write({
            "findings": [_finding_record(f) for f in result.findings],
            "errors": [list(e) for e in result.errors],
            "internal_errors": result.internal_errors,
            "files": result.files, "lines": result.lines, "rules": result.rules,
            "rule_seconds": result.rule_seconds, "skipped_rules": result.skipped_rules,
            "phase_seconds": result.phase_seconds, "peak_mb": result.peak_mb, "analysis_seconds": result.analysis_seconds,
        })

    def _write(self, result: dict) -> None:
        try:
            written = time.time_ns()
            known = self._shas or {}
            files = []
            for path, size, mtime in self._stat_all():
                # every file's content hash -- of the contents analysed, when the engine says which -- so a
                # later run tells a touched file from an edited one
                files.append([path, size, mtime, known.get(path) or _sha(path)])
            payload = {"version": __version__, "written": written, "files": files, "result": result}
            write_atomic(self.path, json.dumps(payload).encode("utf-8"), durable=False)
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        entries = sorted(self.dir.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[MAX_ENTRIES:]:
            try:
                old.unlink()
            except OSError:
                pass


def _finding_record(f: Finding) -> dict:
    """A finding as JSON data: its fields but the rule-private payload (not data, and not needed: the
    cache serves check without --fix)."""
    out = {fl.name: getattr(f, fl.name) for fl in fields(f) if fl.name != "payload"}
    out["related"] = [asdict(r) for r in f.related]
    return out


def _finding(d: dict) -> Finding:
    d = dict(d)
    d["related"] = tuple(Related(**r) if isinstance(r, dict) else Related(r[0], r[1], "", r[2])
                         for r in d.get("related", ()))
    d.pop("payload", None)
    return Finding(**d)
