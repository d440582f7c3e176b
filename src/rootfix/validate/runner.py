"""Run the *target project's* tests with *its* interpreter and read per-test outcomes.

Outcomes come from a machine-readable report, never from scraping the console:
pytest writes JUnit XML (``--junitxml`` to a file outside the worktree); ``manage.py test``
runs with the small XML-writing Django test runner shipped in ``_djrunner/``.

Every run is a process group of its own (``start_new_session``): a timeout, a Ctrl-C or a
cancelled validation kills the whole group, so no test process outlives rootfix.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from rootfix.errors import UsageError
from rootfix.types import TestOutcome, TestRun

#: Output kept per run (the tail: the summary and the last tracebacks are at the end).
OUTPUT_CAP = 20_000
#: Failure text kept per test outcome.
MESSAGE_CAP = 4_000
#: Seconds a single test may run in the baseline and validation runs, as a share of the run's timeout.
PER_TEST_SHARE = 0.25


def per_test_timeout(timeout: float) -> float:
    """The per-test limit for a run with ``timeout``: a quarter of it, at least 30 s."""
    return max(30.0, timeout * PER_TEST_SHARE)


#: Pseudo node id for a run that produced no per-test report (crash, timeout, usage error).
SESSION_NODEID = "<session>"
#: The outcome of the pseudo test of a run killed by its timeout: unknown, never a failure.
TIMEOUT = "timeout"

_DJRUNNER_DIR = Path(__file__).resolve().parent / "_djrunner"
_DJRUNNER = "rootfix_junit_runner.JUnitXMLRunner"

#: Set to stop every running test process (validation cancelled, SIGTERM, Ctrl-C).
CANCEL = threading.Event()


class Cancelled(BaseException):
    """A run was stopped because validation was cancelled (not an error of the project)."""


# --------------------------------------------------------------------------- interpreter / command
def find_python(repo: str | os.PathLike[str], explicit: str | None = None) -> str:
    """The target project's interpreter.

    ``explicit`` (``--python``) if given (UsageError when it does not exist), else
    ``REPO/.venv/bin/python``, ``REPO/venv/bin/python``, else the interpreter running rootfix.
    """
    if explicit:
        p = Path(explicit).expanduser()
        if not p.exists():
            found = shutil.which(explicit) if os.sep not in explicit else None
            if not found:
                raise UsageError(f"--python {explicit}: no such interpreter")
            p = Path(found)
        if not os.access(p, os.X_OK) or p.is_dir():
            raise UsageError(f"--python {explicit}: not an executable file")
        # absolute but not resolved: a venv's python is a symlink whose location matters
        return str(p if p.is_absolute() else Path.cwd() / p)
    root = Path(repo)
    for cand in (root / ".venv" / "bin" / "python", root / "venv" / "bin" / "python"):
        if cand.exists() and os.access(cand, os.X_OK):
            return str(cand)
    return sys.executable


def _has_pytest_config(repo: Path) -> bool:
    if (repo / "pytest.ini").is_file() or (repo / "conftest.py").is_file():
        return True
    py = repo / "pyproject.toml"
    if py.is_file():
        try:
            if "[tool.pytest" in py.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            pass
    cfg = repo / "setup.cfg"
    if cfg.is_file():
        try:
            if "[tool:pytest]" in cfg.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            pass
    if (repo / "tox.ini").is_file():
        try:
            if "[pytest]" in (repo / "tox.ini").read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            pass
    return False


_SETTINGS_RE = re.compile(r"""DJANGO_SETTINGS_MODULE["']?\s*[,=:]\s*["']?([A-Za-z_][\w.]*)""")
_SETTINGS_FLAG_RE = re.compile(r"--settings[= ]+[\"']?([A-Za-z_][\w.]*)")
#: Where reusable apps keep the settings their tests run with.
_SETTINGS_FILES = ("tests/settings.py", "tests/test_settings.py", "tests/settings_test.py", "test_settings.py",
                   "settings_test.py", "tests/testapp/settings.py", "testapp/settings.py", "t/proj/settings.py",
                   "example/settings.py")


def _module_exists(root: Path, dotted: str) -> bool:
    rel = dotted.replace(".", "/")
    return any((base / f"{rel}.py").is_file() or (base / rel / "__init__.py").is_file()
               for base in (root, root / "src"))


def find_test_settings(repo: str | os.PathLike[str]) -> tuple[str, str]:
    """A reusable app's test settings: (dotted module, where it was found), or ("", "").

    Read from ``runtests.py`` (its ``DJANGO_SETTINGS_MODULE`` or ``--settings``), ``tox.ini``
    (``setenv``), ``setup.cfg`` / ``pyproject.toml``, else a settings file where apps keep them
    (``tests/settings.py`` ...). Only a module that exists in the repository counts.
    """
    root = Path(repo)
    for name in ("runtests.py", "tests/runtests.py", "tox.ini", "setup.cfg", "pyproject.toml", "Makefile"):
        path = root / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for rx in (_SETTINGS_RE, _SETTINGS_FLAG_RE):
            for m in rx.finditer(text):
                if _module_exists(root, m.group(1)):
                    return m.group(1), name
    for rel in _SETTINGS_FILES:
        if (root / rel).is_file():
            return rel[:-3].replace("/", "."), rel
    return "", ""


def detect_test_command(repo: str | os.PathLike[str], report_test_command: str = "") -> list[str]:
    """How the project runs its tests, as argv; a leading ``python`` stands for the project's interpreter.

    The report's ``test_command`` (split like a shell would) wins; else pytest when the project
    configures it (pytest.ini, ``[tool.pytest...]`` in pyproject.toml, ``[tool:pytest]`` in setup.cfg,
    a root conftest.py); else ``manage.py test`` when there is a manage.py; else, for a reusable app,
    ``python -m django test --settings=<its test settings>`` (:func:`find_test_settings`: the
    settings its ``runtests.py`` / ``tox.ini`` use, run with per-test outcomes and its own
    ``TEST_RUNNER``); else its ``runtests.py`` (exit code only); else pytest.
    """
    if report_test_command and report_test_command.strip():
        try:
            argv = shlex.split(report_test_command)
        except ValueError as exc:
            raise UsageError(f"test_command: {exc}") from None
        if argv:
            return argv
    root = Path(repo)
    if _has_pytest_config(root):
        return ["python", "-m", "pytest"]
    if (root / "manage.py").is_file():
        return ["python", "manage.py", "test"]
    settings, _ = find_test_settings(root)
    if settings:
        return ["python", "-m", "django", "test", f"--settings={settings}"]
    if (root / "runtests.py").is_file():
        return ["python", "runtests.py"]
    return ["python", "-m", "pytest"]


def describe_test_command(argv: Sequence[str]) -> str:
    """The test command as the user would type it."""
    return shlex.join(argv)


def command_kind(argv: Sequence[str]) -> str:
    """``pytest``, ``django`` (manage.py test) or ``other`` (outcome = exit code)."""
    names = [os.path.basename(a) for a in argv]
    if names and names[0] in ("pytest", "py.test"):
        return "pytest"
    for i, a in enumerate(argv[:-1]):
        if a == "-m" and argv[i + 1] in ("pytest", "py.test"):
            return "pytest"
    for i, n in enumerate(names):
        if n in ("manage.py", "django-admin") and "test" in argv[i + 1:]:
            return "django"
        if n == "-m" and i + 2 < len(argv) and argv[i + 1] == "django" and argv[i + 2] == "test":
            return "django"
    return "other"


def resolve_argv(argv: Sequence[str], python: str) -> list[str]:
    """Put the project's interpreter where the command names ``python`` / ``pytest`` / ``manage.py``."""
    argv = list(argv)
    if not argv:
        return [python, "-m", "pytest"]
    head = os.path.basename(argv[0])
    if head in ("python", "python3") or (head.startswith("python3.") and "/" not in argv[0]):
        return [python, *argv[1:]]
    if head in ("pytest", "py.test") and "/" not in argv[0]:
        return [python, "-m", "pytest", *argv[1:]]
    if head == "manage.py" or argv[0].endswith(".py"):
        return [python, *argv]
    return argv


# --------------------------------------------------------------------------- processes
@dataclass(frozen=True)
class ProcessResult:
    returncode: int | None
    output: str
    duration: float
    timed_out: bool


def _tail(text: str, cap: int = OUTPUT_CAP) -> str:
    if len(text) <= cap:
        return text
    return "[... output cut ...]\n" + text[-cap:]


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        pgid = None
    if pgid is not None:
        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            pass
        try:
            # the group's other members (pytest-xdist workers, Spark's JVM) may outlive the leader
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - unkillable
        pass


def run_process(argv: Sequence[str] | str, cwd: str | os.PathLike[str], *, timeout: float,
                env: Mapping[str, str] | None = None, shell: bool = False) -> ProcessResult:
    """Run a command in its own process group; on timeout / cancel / interrupt kill the whole group.

    Output (stdout and stderr interleaved) goes to a temporary file, not a pipe, so a chatty
    project can never block; only its tail is kept.
    """
    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(argv, cwd=str(cwd), env=dict(env) if env is not None else None,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, shell=shell)
        timed_out = False
        try:
            while True:
                try:
                    proc.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    if CANCEL.is_set():
                        raise Cancelled("validation cancelled") from None
                    if time.monotonic() - start > timeout:
                        timed_out = True
                        break
        except BaseException:
            _kill_group(proc)
            raise
        if timed_out:
            _kill_group(proc)
        else:
            # the leader exited; leftovers in its group (daemons a test forgot) must not survive it
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        out.seek(0, os.SEEK_END)
        size = out.tell()
        out.seek(max(0, size - OUTPUT_CAP * 2))
        text = out.read().decode("utf-8", errors="replace")
    if timed_out:
        text += f"\n[rootfix: timed out after {timeout:g}s, process group killed]\n"
    return ProcessResult(None if timed_out else proc.returncode, _tail(text), time.monotonic() - start, timed_out)


def project_env(python: str, extra_env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for the project's processes: its interpreter's bin dir first on PATH."""
    env = dict(os.environ)
    bindir = str(Path(python).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("PYTHONUNBUFFERED", "1")
    # rootfix's own test session must not leak into the project's
    for key in ("PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT"):
        env.pop(key, None)
    # a local Spark session's JVM (started anew by every test process) spends most of its start-up in the JIT's
    # optimizing compiler and parallel GC threads, which fight the tests for the cores: C1 only and the serial
    # GC halve the start on a busy 2-core machine (bench/spark_start.py) and change no result
    env["JDK_JAVA_OPTIONS"] = " ".join(filter(None, [env.get("JDK_JAVA_OPTIONS", ""), SPARK_JVM_OPTIONS]))
    if extra_env:
        env.update(extra_env)
    return env


#: JVM options for the project's test processes (see :func:`project_env`).
SPARK_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


# --------------------------------------------------------------------------- reports
def _file_module(path: str) -> str:
    p = path[:-3] if path.endswith(".py") else path
    return p.replace("/", ".").replace(os.sep, ".")


def _pytest_nodeid(tc: ET.Element, workdir: Path) -> str:
    classname = tc.get("classname", "") or ""
    name = tc.get("name", "") or ""
    file = (tc.get("file") or "").replace(os.sep, "/")
    if not classname:
        # a collection error: name is the module path in dots, file the path
        return file or name.replace(".", "/") + ".py"
    if file:
        mod = _file_module(file)
        if classname == mod:
            return f"{file}::{name}"
        if classname.startswith(mod + "."):
            return f"{file}::{classname[len(mod) + 1:].replace('.', '::')}::{name}"
    # no usable file attribute (inherited tests, plugins): find the module part by the file system
    parts = classname.split(".")
    for i in range(len(parts), 0, -1):
        cand = "/".join(parts[:i]) + ".py"
        if (workdir / cand).is_file():
            rest = parts[i:]
            return "::".join([cand, *rest, name])
    return "::".join([classname.replace(".", "/") + ".py", name])


def parse_junit(xml_path: str | os.PathLike[str], workdir: str | os.PathLike[str], kind: str = "pytest") -> list[TestOutcome]:
    """Per-test outcomes from a JUnit XML file (pytest's or the shipped Django runner's)."""
    try:
        tree = ET.parse(str(xml_path))
    except (ET.ParseError, OSError):
        return []
    outcomes: list[TestOutcome] = []
    wd = Path(workdir)
    for tc in tree.iter("testcase"):
        if kind == "pytest":
            nodeid = _pytest_nodeid(tc, wd)
        else:
            nodeid = tc.get("nodeid") or ".".join(x for x in (tc.get("classname"), tc.get("name")) if x)
        try:
            duration = float(tc.get("time") or 0.0)
        except ValueError:
            duration = 0.0
        outcome, message = "passed", ""
        for child in tc:
            if child.tag in ("failure", "error"):
                outcome = "failed" if child.tag == "failure" else "error"
                head = child.get("message") or ""
                body = child.text or ""
                message = (head + "\n" + body).strip() if head and head not in body else body.strip() or head
                break
            if child.tag == "skipped":
                outcome, message = "skipped", child.get("message") or ""
        outcomes.append(TestOutcome(nodeid, _timeout_or(outcome, message), duration, _tail(message, MESSAGE_CAP)))
    return outcomes


#: What the shipped runner / plugin raise in a test that outlives ROOTFIX_TEST_TIMEOUT.
_TEST_TIMEOUT_MARK = "rootfix: test timed out after"


def _timeout_or(outcome: str, message: str) -> str:
    """A test interrupted by rootfix's per-test timeout is a timeout (unknown), not a failure."""
    return TIMEOUT if outcome in ("failed", "error") and _TEST_TIMEOUT_MARK in message else outcome


def _merge_duplicates(outcomes: Iterable[TestOutcome]) -> list[TestOutcome]:
    """pytest reports a test twice when its teardown errors: keep the worst per node id."""
    rank = {"passed": 0, "skipped": 1, TIMEOUT: 2, "failed": 3, "error": 4}
    best: dict[str, TestOutcome] = {}
    for o in outcomes:
        prev = best.get(o.nodeid)
        if prev is None or rank.get(o.outcome, 0) > rank.get(prev.outcome, 0):
            best[o.nodeid] = o
    return list(best.values())


# --------------------------------------------------------------------------- runs
def parse_progress(jsonl_path: str | os.PathLike[str], kind: str = "pytest") -> list[TestOutcome]:
    """Per-test outcomes appended as they happened (``rootfix_pytest_outcomes`` / the Django wrapper).

    Read when the run left no JUnit XML (killed by a timeout): what ran is kept.
    """
    import json

    out: list[TestOutcome] = []
    try:
        lines = Path(jsonl_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    names = {"failure": "failed", "error": "error", "skipped": "skipped", "passed": "passed"}
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:
            continue  # the line being written when the process was killed
        if not isinstance(rec, dict) or not rec.get("nodeid"):
            continue
        outcome = names.get(str(rec.get("outcome")), "error")
        out.append(TestOutcome(str(rec["nodeid"]), _timeout_or(outcome, str(rec.get("message") or "")),
                               float(rec.get("duration") or 0.0), _tail(str(rec.get("message") or ""), MESSAGE_CAP)))
    return out


def split_testrunner(argv: Sequence[str]) -> tuple[list[str], str]:
    """``manage.py test`` argv without its ``--testrunner`` option, and that runner's dotted path."""
    out: list[str] = []
    runner = ""
    skip = False
    for i, a in enumerate(argv):
        if skip:
            skip = False
            continue
        if a.startswith("--testrunner="):
            runner = a.split("=", 1)[1]
        elif a == "--testrunner" and i + 1 < len(argv):
            runner, skip = argv[i + 1], True
        else:
            out.append(a)
    return out, runner


def _one_run(workdir: Path, python: str, argv: Sequence[str], nodeids: Sequence[str], *, timeout: float,
             env: dict[str, str]) -> tuple[tuple[str, ...], ProcessResult, list[TestOutcome]]:
    kind = command_kind(argv)
    base = resolve_argv(argv, python)
    fd, xml_path = tempfile.mkstemp(prefix="rootfix-junit-", suffix=".xml")
    os.close(fd)
    os.unlink(xml_path)  # an absent file means "no report", not an empty one
    progress_path = xml_path + ".jsonl"
    run_env = dict(env)
    if kind in ("pytest", "django"):
        run_env["ROOTFIX_JUNIT_XML"] = xml_path
        run_env["PYTHONPATH"] = str(_DJRUNNER_DIR) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        if kind == "pytest":
            cmd = [*base, "-q", "-p", "no:cacheprovider", "-p", "rootfix_pytest_outcomes",
                   "--continue-on-collection-errors", "-o", "junit_family=xunit1", f"--junitxml={xml_path}", *nodeids]
        elif kind == "django":
            # the project's own runner (its --testrunner, else settings.TEST_RUNNER) is wrapped, not replaced
            base, own_runner = split_testrunner(base)
            if own_runner:
                run_env["ROOTFIX_BASE_TESTRUNNER"] = own_runner
            cmd = [*base, f"--testrunner={_DJRUNNER}", "--noinput", *(django_label(n) for n in nodeids)]
        else:
            cmd = [*base, *nodeids]
        result = run_process(cmd, workdir, timeout=timeout, env=run_env)
        outcomes: list[TestOutcome] = []
        if kind != "other":
            outcomes = parse_junit(xml_path, workdir, kind) if os.path.exists(xml_path) else []
            if not outcomes:
                outcomes = parse_progress(progress_path, kind)
            outcomes = _merge_duplicates(outcomes)
    finally:
        for p in (xml_path, progress_path):
            try:
                os.unlink(p)
            except FileNotFoundError:
                pass
    # a test interrupted by the per-test timeout explains a non-zero exit as well as a failure does
    failing = any(o.outcome in ("failed", "error", TIMEOUT) for o in outcomes)
    if result.timed_out:
        # not a failing test: nobody knows how the tests that did not run would have ended
        outcomes.append(TestOutcome(SESSION_NODEID, TIMEOUT, result.duration,
                                    f"timed out after {timeout:g}s ({len(outcomes)} test(s) finished before the "
                                    f"kill)\n" + _tail(result.output, MESSAGE_CAP)))
    elif kind == "other":
        outcomes.append(TestOutcome(shlex.join(cmd), "passed" if result.returncode == 0 else "failed", result.duration,
                                    "" if result.returncode == 0 else _tail(result.output, MESSAGE_CAP)))
    elif result.returncode not in (0, 5) and not failing:
        # the runner failed without naming a test (conftest import error, bad settings, crash):
        # that must show as a failure, never as a green run
        outcomes.append(TestOutcome(SESSION_NODEID, "error", result.duration,
                                    f"test run exited {result.returncode} without a per-test failure\n"
                                    + _tail(result.output, MESSAGE_CAP)))
    return tuple(cmd), result, outcomes


def _rerunnable(nodeid: str) -> bool:
    return nodeid != SESSION_NODEID and not nodeid.startswith("unittest.loader.")


def run_tests(workdir: str | os.PathLike[str], python: str, *, nodeids: Sequence[str] = (),
              timeout: float = 600.0, extra_env: Mapping[str, str] | None = None, rerun_failures: int = 1,
              test_command: Sequence[str] | None = None, per_test_timeout: float | None = None) -> TestRun:
    """Run the project's tests (all, or ``nodeids``) in ``workdir`` with ``python``.

    ``test_command`` is argv as from :func:`detect_test_command` (default: detected in ``workdir``).
    Failing tests are rerun up to ``rerun_failures`` times: those that then pass, alone and in one more
    run of the whole selection, are listed in ``TestRun.flaky`` (their outcome stays the first run's); one
    that passes alone but fails in the whole run again depends on what ran before it, and stays failing. The timeout applies to each run;
    ``per_test_timeout`` interrupts a single test that runs longer (pytest and ``manage.py test``), which
    is then recorded as a timeout and the run goes on.
    """
    wd = Path(workdir)
    argv = list(test_command) if test_command else detect_test_command(wd)
    env = project_env(python, extra_env)
    if per_test_timeout:
        env["ROOTFIX_TEST_TIMEOUT"] = f"{per_test_timeout:g}"
    cmd, result, outcomes = _one_run(wd, python, argv, list(nodeids), timeout=timeout, env=env)
    flaky: list[str] = []
    output = result.output
    duration = result.duration
    if command_kind(argv) != "other" and not result.timed_out:
        pending = [o.nodeid for o in outcomes if o.outcome in ("failed", "error") and _rerunnable(o.nodeid)]
        for _ in range(max(0, rerun_failures)):
            if not pending:
                break
            _, rr, re_outcomes = _one_run(wd, python, argv, pending, timeout=timeout, env=env)
            duration += rr.duration
            if rr.timed_out:
                break
            passed_now = {o.nodeid for o in re_outcomes if o.outcome == "passed"}
            failed_now = {o.nodeid for o in re_outcomes if o.outcome in ("failed", "error")}
            newly = [n for n in pending if n in passed_now and n not in failed_now]
            if newly:
                # passing alone is not enough: a test that another test (a new one, the patch) leaves a state
                # for fails in the whole run every time. Flaky only if the whole run passes it once more.
                _, whole, whole_outcomes = _one_run(wd, python, argv, list(nodeids), timeout=timeout, env=env)
                duration += whole.duration
                failed_whole = {o.nodeid for o in whole_outcomes if o.outcome in ("failed", "error")}
                ordered = [n for n in newly if n in failed_whole or whole.timed_out]
                newly = [n for n in newly if n not in ordered]
                if ordered:
                    output += f"\n[rootfix: fails in the whole run, passes alone (order-dependent): {', '.join(ordered)}]\n"
            flaky.extend(newly)
            pending = [n for n in pending if n not in newly]
            if newly:
                output += f"\n[rootfix: rerun passed, flaky: {', '.join(newly)}]\n"
    return TestRun(command=cmd, returncode=result.returncode, outcomes=tuple(outcomes), duration=duration,
                   timed_out=result.timed_out, output=_tail(output), flaky=tuple(flaky))


# --------------------------------------------------------------------------- helpers on results
def stable_failing(run: TestRun) -> frozenset[str]:
    """Failing node ids that did not pass on a rerun."""
    return run.failing - frozenset(run.flaky)


def django_label(nodeid: str) -> str:
    """A pytest-style id as a ``manage.py test`` label.

    ``app/tests/test_x.py::T::test_y`` -> ``app.tests.test_x.T.test_y``.

    Dotted labels are returned as they are.
    """
    path, sep, rest = nodeid.partition("::")
    if not (path.endswith(".py") or "/" in path):
        return nodeid
    module = (path[:-3] if path.endswith(".py") else path).strip("/").replace("/", ".")
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")]
    return module + ("." + rest.replace("::", ".").split("[", 1)[0] if sep else "")


def _matches(nodeid: str, target: str) -> bool:
    if nodeid == target:
        return True
    if "/" not in nodeid and "::" not in nodeid and ("/" in target or "::" in target or target.endswith(".py")):
        target = django_label(target)  # a manage.py test outcome against a pytest-style target
        if nodeid == target:
            return True
    t = target.rstrip("/")
    if nodeid.startswith(t + "::") or nodeid.startswith(t + "/") or nodeid.startswith(t + "["):
        return True
    # manage.py test labels: "app.tests.TestX" covers "app.tests.TestX.test_y"
    return "/" not in t and "::" not in t and nodeid.startswith(t + ".")


def target_status(run: TestRun, targets: Sequence[str]) -> str:
    """``failed`` / ``passed`` / ``flaky`` / ``missing`` / ``timeout`` for node ids (or files) in ``run``.

    failed: some matching test failed (and did not pass on rerun); passed: every matching test passed
    (skips aside) and there was at least one; flaky: a match failed, then passed; missing: none ran;
    timeout: the run was killed before the targets were known to pass (unknown, not a failure).
    A run that crashed without a per-test report counts as failed.
    """
    matched = [o for o in run.outcomes if any(_matches(o.nodeid, t) for t in targets)]
    flaky = set(run.flaky)
    if any(o.outcome in ("failed", "error") and o.nodeid not in flaky for o in matched):
        return "failed"
    if any(o.nodeid == SESSION_NODEID for o in run.outcomes if o.outcome in ("failed", "error")):
        return "failed"
    if any(o.outcome == TIMEOUT for o in matched):
        return "timeout"
    if run.timed_out and not all(any(_matches(o.nodeid, t) and o.outcome != TIMEOUT for o in matched)
                                 for t in targets):
        return "timeout"
    if any(o.nodeid in flaky for o in matched):
        return "flaky"
    if any(o.outcome == "passed" for o in matched):
        return "passed"
    return "missing"


def target_outcomes(run: TestRun, targets: Sequence[str]) -> list[TestOutcome]:
    return [o for o in run.outcomes if any(_matches(o.nodeid, t) for t in targets)]
