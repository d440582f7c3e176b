"""Read a report's ``error_message``: Python tracebacks (chained, 3.11+ carets, indented, interleaved with logs),
Celery worker logs, Django management-command output and Spark driver logs with Python worker tracebacks.

:func:`parse_error_message` never raises: text it does not understand is simply not represented.
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rootfix.types import ExceptionRecord, Frame, LogLine, ParsedError

_HEADER = "Traceback (most recent call last):"
_SEP_CONTEXT = "During handling of the above exception, another exception occurred:"
_SEP_CAUSE = "The above exception was the direct cause of the following exception:"

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_GROUP_PREFIX = re.compile(r"^(\s*\|)+ ?")  # exception groups: "  |   File ..."
_GROUP_RULE = re.compile(r"^\s*\+-{3,}(?:.*-{3,})?\s*$")
_FRAME = re.compile(r'^(?P<indent>\s*)File "(?P<path>[^"]*)", line (?P<line>\d+)(?:, in (?P<func>.+?))?\s*$')
_CARET = re.compile(r"^\s*[\^~]+[\s\^~]*$")
_REPEATED = re.compile(r"^\s*\[Previous line repeated \d+ more times?\]\s*$|^\s*\.\.\.\s*$")
_EXC_LINE = re.compile(r"^(?P<type>[A-Za-z_][\w]*(?:\.[A-Za-z_<][\w<>]*)*)(?::(?:\s(?P<msg>.*))?)?$")
_JAVA_LINE = re.compile(r"^\s*(at [\w$.<>/]+\(.*\)|\.\.\. \d+ more|Caused by: |Driver stacktrace:|"
                        r"Suppressed: |SQLSTATE: \w+)")

_CELERY = re.compile(r"^\s*\[(?P<ts>\d{4}-\d\d-\d\d[ T][\d:,.]+): (?P<level>[A-Z]+)/(?P<proc>[^\]]+)\]\s?(?P<msg>.*)$")
_CELERY_TASK = re.compile(r"^Task (?P<name>[\w.:-]+)\[(?P<id>[^\]]+)\] (?P<rest>.*)$")
_CELERY_TASK_LOGGER = re.compile(r"^(?P<name>[A-Za-z_][\w.:-]*)\[(?P<id>[\w-]+)\]: (?P<msg>.*)$")
_SPARK = re.compile(r"^\s*(?:\[Stage [^\]]*\])?\s*\d\d/\d\d/\d\d \d\d:\d\d:\d\d (?P<level>[A-Z]+) "
                    r"(?P<logger>[\w.$-]+): (?P<msg>.*)$")
_PYLOG = re.compile(r"^\s*\[?(?P<ts>\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d+)?)\]?\s+\[?(?P<level>DEBUG|INFO|"
                    r"WARNING|WARN|ERROR|CRITICAL|FATAL)\]?:?\s+(?P<msg>.*)$")
_PYLOG_BASIC = re.compile(r"^\s*(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL):(?P<logger>[\w.]+):(?P<msg>.*)$")
_LOGGER_NAME = re.compile(r"^(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+):?(?:\s|$)|^(?P<name2>[A-Za-z_]\w*):\s")
_COMMAND = re.compile(r"(?:manage\.py|django-admin(?:\.py)?)\s+(?P<name>[a-z_][\w-]*)")
_CALL_COMMAND = re.compile(r"call_command\(\s*['\"](?P<name>[\w-]+)['\"]")
_PROMPT = re.compile(r"^\s*(?:\$|>|#|\(\w[\w.-]*\)\s*\$)\s+\S")
_COMMAND_ERROR = re.compile(r"^\s*(?P<type>(?:django\.core\.management\.base\.)?CommandError): (?P<msg>.*)$")
_REPR_EXC = re.compile(r"^(?P<type>[A-Za-z_][\w.]*)\((?P<args>.*)\)\s*$", re.S)

_SPARK_MARKERS = ("PythonException", "Python worker", "Py4JJavaError", "pyspark.errors", "org.apache.spark",
                  "AnalysisException")
_LIBRARY = re.compile(r"(^|/)(site|dist)-packages/|/lib(64)?/python\d+(\.\d+)?t?/|/python\d+/lib/|"
                      r"\.(zip|egg|whl)/|/pyspark/python/|/spark[^/]*/python/|(^|/)py4j/|^<|^\w:/python\d*/lib/",
                      re.I)
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "env", ".env", "node_modules", "__pycache__", ".tox",
              ".nox", "site-packages", "dist-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build",
              "dist", ".eggs"}
_MAX_REPO_FILES = 200_000
_MAX_MESSAGE_LINES = 60


def parse_error_message(text: str, repo_root: str | Path | None = None) -> ParsedError:
    """Exceptions (with frames and chain relations), structured log lines and mentioned names in ``text``.

    With ``repo_root``, a frame is project code when its file is found in the repo (longest path suffix wins) and
    is not library code; without it, when it is not under site-packages / dist-packages / lib/pythonX.Y.
    Spark: the Python worker traceback wrapped in a driver error becomes the last exception (relation
    ``"worker"``), so ``ParsedError.final`` is the error the job's own code raised. Never raises.
    """
    try:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        return _Parser(text, _RepoFiles.load(repo_root)).parse()
    except Exception:  # noqa: BLE001 - a report's text must never crash the pipeline
        return ParsedError()


# --------------------------------------------------------------------------- frames -> repo
class _RepoFiles:
    def __init__(self, root: Path | None, files: frozenset[str]):
        self.root = root
        self.files = files

    @classmethod
    def load(cls, repo_root: str | Path | None) -> "_RepoFiles":
        if repo_root is None:
            return cls(None, frozenset())
        root = Path(repo_root)
        files: set[str] = set()
        try:
            root = root.resolve()
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = [d for d in dirnames if d not in _SKIP_DIRS and not d.endswith(".egg-info")]
                rel = Path(dirpath).relative_to(root).as_posix()
                for name in filenames:
                    files.add(name if rel == "." else f"{rel}/{name}")
                if len(files) > _MAX_REPO_FILES:
                    break
        except OSError:
            pass
        return cls(root, frozenset(files))

    def classify(self, path: str) -> tuple[str | None, bool]:
        norm = path.replace("\\", "/").strip()
        if not norm or _LIBRARY.search(norm):
            return None, False
        if self.root is None:
            return None, True
        root = self.root.as_posix().rstrip("/") + "/"
        if norm.startswith(root) and norm[len(root):] in self.files:
            return norm[len(root):], True
        parts = [p for p in PurePosixPath(norm).parts if p not in ("/", ".")]
        for k in range(len(parts), 0, -1):
            suffix = "/".join(parts[-k:])
            if suffix in self.files:
                return suffix, True
        return None, False


# --------------------------------------------------------------------------- the parser
@dataclass
class _Record:
    exc: ExceptionRecord
    worker: bool = False


@dataclass
class _Parser:
    text: str
    repo: _RepoFiles
    lines: list[str] = field(default_factory=list)
    records: list[_Record] = field(default_factory=list)
    logs: list[LogLine] = field(default_factory=list)
    names: dict[str, None] = field(default_factory=dict)
    pending: str = ""
    command_output: bool = False
    in_command: bool = False

    def parse(self) -> ParsedError:
        self.lines = [self._clean(line) for line in self.text.splitlines()]
        i = 0
        while i < len(self.lines):
            i = self._step(i)
        for m in _COMMAND.finditer(self.text):
            self._name(m.group("name"))
        for m in _CALL_COMMAND.finditer(self.text):
            self._name(m.group("name"))
        exceptions = self._finish_records()
        return ParsedError(exceptions=exceptions, log_lines=tuple(self.logs),
                           mentioned_names=tuple(self.names), kind=self._kind(exceptions))

    # ------------------------------------------------------------------ scanning
    @staticmethod
    def _clean(line: str) -> str:
        line = _ANSI.sub("", line).rstrip()
        if _GROUP_RULE.match(line):
            return ""
        if re.match(r"^\s*\+ Exception Group Traceback", line):
            return line.replace("+ ", "", 1)
        if re.match(r"^\s*\| ", line) or re.match(r"^\s*\|$", line):
            return _GROUP_PREFIX.sub("", line)
        return line

    def _step(self, i: int) -> int:
        line = self.lines[i]
        stripped = line.strip()
        if _HEADER in line:
            return self._traceback(i)
        if stripped == _SEP_CONTEXT:
            self.pending = "context"
            return i + 1
        if stripped == _SEP_CAUSE:
            self.pending = "cause"
            return i + 1
        if self._log_line(i):
            self.in_command = False
            return i + 1
        m = _COMMAND_ERROR.match(line)
        if m:
            self.command_output = True
            self.logs.append(LogLine(source="django", level="ERROR", message=stripped))
            self._add(ExceptionRecord(exc_type=m.group("type"), message=m.group("msg").strip()))
            return i + 1
        if _PROMPT.match(line):
            self.in_command = bool(_COMMAND.search(line))
            self.command_output = self.command_output or self.in_command
            return i + 1
        if self.in_command and stripped:
            self.logs.append(LogLine(source="django", level="INFO", message=stripped))
        return i + 1

    def _log_line(self, i: int) -> bool:
        line = self.lines[i]
        m = _CELERY.match(line)
        if m:
            self._celery(m, i)
            return True
        m = _SPARK.match(line)
        if m:
            self.logs.append(LogLine(source="spark", level=m.group("level"), message=m.group("msg").strip()))
            return True
        m = _PYLOG.match(line) or _PYLOG_BASIC.match(line)
        if m:
            msg = m.group("msg").strip()
            logger = m.groupdict().get("logger")
            if logger:
                msg = f"{logger}: {msg}"
            else:
                lm = _LOGGER_NAME.match(msg)
                logger = (lm.group("name") or lm.group("name2")) if lm else None
            if logger and "." in logger:
                self._name(logger)
            level = "WARNING" if m.group("level") == "WARN" else m.group("level")
            self.logs.append(LogLine(source="python-logging", level=level, message=msg))
            return True
        return False

    def _celery(self, m: re.Match[str], i: int) -> None:
        level, msg = m.group("level"), m.group("msg").strip()
        t = _CELERY_TASK.match(msg)
        if t:
            name, task_id, rest = t.group("name"), t.group("id"), t.group("rest")
            event: str | None = None
            if rest == "received":
                event = "received"
            elif rest.startswith("succeeded in"):
                event = "succeeded"
            elif rest.startswith(("raised unexpected:", "raised expected:")):
                event = "raised"
                if not self._traceback_follows(i):
                    self._add_repr(rest.split(":", 1)[1].strip())
            elif rest.startswith("retry:"):
                event = "retry"
            elif rest.startswith("INTERNAL ERROR"):
                event = "failed"
            self._name(name)
            self.logs.append(LogLine(source="celery", level=level, message=msg, task_name=name,
                                     task_id=task_id, event=event))
            return
        t = _CELERY_TASK_LOGGER.match(msg)
        if t and "." in t.group("name"):
            self._name(t.group("name"))
            self.logs.append(LogLine(source="celery", level=level, message=t.group("msg").strip(),
                                     task_name=t.group("name"), task_id=t.group("id")))
            return
        self.logs.append(LogLine(source="celery", level=level, message=msg))

    def _traceback_follows(self, i: int) -> bool:
        for line in self.lines[i + 1:i + 4]:
            if line.strip():
                return _HEADER in line
        return False

    def _add_repr(self, text: str) -> None:
        """``DoesNotExist('Order matching query does not exist.')`` -> an exception without frames."""
        m = _REPR_EXC.match(text)
        if not m:
            return
        message = m.group("args")
        try:
            args = ast.literal_eval(f"({message},)")
            if len(args) == 1:
                message = str(args[0])
        except Exception:  # noqa: BLE001 - not a literal: keep the text as written
            pass
        self._add(ExceptionRecord(exc_type=m.group("type"), message=message))

    # ------------------------------------------------------------------ tracebacks
    def _traceback(self, i: int, *, worker: bool = False) -> int:
        header = self.lines[i]
        at = header.index(_HEADER)
        prefix = header[:at]
        base = len(prefix) - len(prefix.lstrip()) if not prefix.strip() else len(header) - len(header.lstrip())
        worker = worker or any(mark in prefix for mark in ("PythonException", "Python worker"))
        if not worker and i > 0:
            before = self.lines[i - 1].strip()
            worker = before.endswith("Python worker:") or before.endswith("PythonException:")
        relation, self.pending = self.pending, ""

        frames: list[Frame] = []
        frame_indent = -1
        j = i + 1
        blanks = 0
        exc_type, message_lines = "", []
        nested_at: int | None = None
        while j < len(self.lines):
            line = self._dedent(self.lines[j], base)
            if not line.strip():
                blanks += 1
                if blanks > 2:
                    break
                j += 1
                continue
            fm = _FRAME.match(line)
            if fm:
                blanks = 0
                frame_indent = len(fm.group("indent"))
                frames.append(self._frame(fm))
                j += 1
                continue
            indent = len(line) - len(line.lstrip())
            if frames and indent > frame_indent and not blanks:
                if _CARET.match(line) or _REPEATED.match(line):
                    j += 1
                    continue
                if not frames[-1].text:
                    f = frames[-1]
                    frames[-1] = Frame(f.path, f.line, f.function, line.strip(), f.repo_path, f.is_project)
                j += 1
                continue
            if _REPEATED.match(line):
                j += 1
                continue
            em = _EXC_LINE.match(line.strip())
            if em and not self._is_log(line):
                exc_type = em.group("type")
                message_lines = [em.group("msg") or ""]
                j += 1
                j, nested_at = self._message(j, base, message_lines)
            break

        message = "\n".join(message_lines).strip()
        if exc_type or frames:
            self._add(ExceptionRecord(exc_type=exc_type, message=message, frames=tuple(frames),
                                      relation=relation), worker=worker)
        if nested_at is not None:
            self.pending = ""
            spark = any(mark in message or mark in exc_type for mark in _SPARK_MARKERS)
            return self._traceback(nested_at, worker=spark)
        return max(j, i + 1)

    def _message(self, j: int, base: int, out: list[str]) -> tuple[int, int | None]:
        """Continuation lines of a multi-line exception message; stops at anything structured."""
        count = 0
        while j < len(self.lines) and count < _MAX_MESSAGE_LINES:
            raw = self.lines[j]
            line = self._dedent(raw, base)
            stripped = line.strip()
            if _HEADER in line:
                before = line[:line.index(_HEADER)].strip()
                if before:
                    out.append(before)
                return j, j
            if (not stripped or stripped in (_SEP_CONTEXT, _SEP_CAUSE) or _JAVA_LINE.match(line)
                    or _FRAME.match(line) or self._is_log(line) or _PROMPT.match(line)):
                return j, None
            out.append(line.rstrip())
            j += 1
            count += 1
        return j, None

    @staticmethod
    def _is_log(line: str) -> bool:
        return bool(_CELERY.match(line) or _SPARK.match(line) or _PYLOG.match(line))

    @staticmethod
    def _dedent(line: str, base: int) -> str:
        if base and line[:base].strip() == "":
            return line[base:]
        return line

    def _frame(self, m: re.Match[str]) -> Frame:
        path = m.group("path")
        repo_path, is_project = self.repo.classify(path)
        return Frame(path=path, line=int(m.group("line")), function=(m.group("func") or "").strip(),
                     repo_path=repo_path, is_project=is_project)

    # ------------------------------------------------------------------ results
    def _add(self, exc: ExceptionRecord, *, worker: bool = False) -> None:
        self.records.append(_Record(exc, worker))

    def _finish_records(self) -> tuple[ExceptionRecord, ...]:
        # The same worker traceback is printed by the executor, the driver and "Caused by:": keep the last copy.
        seen: set[tuple] = set()
        kept: list[_Record] = []
        for rec in reversed(self.records):
            e = rec.exc
            key = (e.exc_type, e.message, tuple((f.path, f.line, f.function) for f in e.frames))
            if key in seen:
                continue
            seen.add(key)
            kept.append(rec)
        kept.reverse()
        # A worker traceback is the job's own error: it goes last, after the driver-side exception wrapping it.
        workers = [r for r in kept if r.worker]
        if workers:
            last = workers[-1]
            kept = [r for r in kept if r is not last] + [last]
        out: list[ExceptionRecord] = []
        for n, rec in enumerate(kept):
            e = rec.exc
            relation = "worker" if rec.worker and n else ("" if n == 0 else e.relation)
            if relation != e.relation:
                e = ExceptionRecord(e.exc_type, e.message, e.frames, relation)
            out.append(e)
        return tuple(out)

    def _kind(self, exceptions: tuple[ExceptionRecord, ...]) -> str:
        if any(l.source == "spark" for l in self.logs) or any(r.worker for r in self.records) or any(
                m in e.exc_type for e in exceptions for m in ("pyspark", "py4j", "org.apache.spark")):
            return "spark"
        if any(l.source == "celery" for l in self.logs):
            return "celery-log"
        if any(e.frames for e in exceptions):
            return "python-traceback"
        if self.command_output:
            return "command-output"
        if exceptions:
            return "python-traceback"
        return "none"

    def _name(self, name: str) -> None:
        if name:
            self.names.setdefault(name, None)
