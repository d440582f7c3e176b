"""Stage 4 without code generation: show the bug with the report's ``reproduce`` or the failing tests.

``reproduce`` in the report is either pytest node ids / test files (run with the project's test
command) or a shell command (run with the project's interpreter first on PATH; failing means a
non-zero exit). Without one, the baseline's failing tests are the reproduction. Everything runs in
an isolated checkout, never in the user's tree.
"""
from __future__ import annotations

import os
import re
import shlex
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from rootfix.project.model import is_test_file as _is_test_name
from rootfix.types import BugReport, Component, FileChange, ParsedError, Patch, Reproduction, Spectrum, TestRun
from rootfix.validate.runner import (
    ProcessResult,
    project_env,
    run_process,
    run_tests,
    stable_failing,
    target_outcomes,
    target_status,
)
from rootfix.validate.worktree import apply_patch, isolated_checkout

#: ``E   orders.models.Order.DoesNotExist: Order matching ...`` (pytest) or a traceback's last line.
_EXC_LINE = re.compile(r"^(?:E\s+)?((?:[A-Za-z_]\w*\.)*[A-Z]\w*)(?::[ \t]?(.*))?$", re.M)
_EXC_SUFFIXES = ("Error", "Exception", "DoesNotExist", "Exit", "Interrupt", "Warning", "Failure", "Failed",
                 "Retry", "Conflict", "Timeout", "NotFound", "Denied", "Invalid", "MultipleObjectsReturned")


# --------------------------------------------------------------------------- targets
def looks_like_nodeids(reproduce: str, repo: str | os.PathLike[str]) -> list[str] | None:
    """The node ids / test files / test folders in ``reproduce``, or None when it is a shell command."""
    try:
        tokens = shlex.split(reproduce)
    except ValueError:
        return None
    if not tokens:
        return None
    root = Path(repo)
    out = []
    for tok in tokens:
        path = tok.split("::", 1)[0]
        if "::" in tok and path.endswith(".py"):
            out.append(tok)
        elif path.endswith(".py") and (root / path).is_file() and _is_test_name(path):
            out.append(tok)
        elif not tok.startswith("-") and (root / path).is_dir() and tok not in (".", "./"):
            out.append(tok.rstrip("/"))
        else:
            return None
    return out


# --------------------------------------------------------------------------- errors
def exception_in(output: str) -> tuple[str, str]:
    """The last exception (type as printed, message) in test / command output, or ("", "")."""
    last = ("", "")
    for m in _EXC_LINE.finditer(output):
        if m.group(1).rsplit(".", 1)[-1].endswith(_EXC_SUFFIXES):
            last = (m.group(1), (m.group(2) or "").strip())
    return last


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def matches_error(output: str, parsed_error: ParsedError | None) -> bool:
    """Whether ``output`` shows the reported exception: same type (last dotted part) and message.

    The message matches when it appears verbatim (whitespace-insensitive) or when most of its words
    do (ids and timestamps differ between production and a test run). A report with no exception
    matches nothing.
    """
    if parsed_error is None or parsed_error.final is None:
        return False
    final = parsed_error.final
    short = final.exc_type.rsplit(".", 1)[-1].strip()
    if not short or not re.search(r"(?<![\w])" + re.escape(short) + r"(?![\w])", output):
        return False
    msg = _norm(final.message)
    if not msg:
        return True
    out = _norm(output)
    if msg in out:
        return True
    words = re.findall(r"[a-z_][a-z_]{2,}", msg)
    if not words:
        return True  # a message of ids / numbers only: the type decides
    seen = set(re.findall(r"[a-z_][a-z_]{2,}", out))
    hits = sum(1 for w in words if w in seen)
    return hits / len(words) >= 0.6


def _parse(error_message: str, repo: Path) -> ParsedError | None:
    if not error_message.strip():
        return None
    try:
        from rootfix.intake.traceback import parse_error_message
    except ImportError:  # the intake stage is optional for this one check
        return None
    try:
        return parse_error_message(error_message, repo_root=repo)
    except Exception:
        return None


# --------------------------------------------------------------------------- shell commands
def run_shell(workdir: str | os.PathLike[str], python: str, command: str, *, timeout: float) -> ProcessResult:
    """Run a shell command in ``workdir`` with ``python`` as ``python``/``python3`` first on PATH."""
    with tempfile.TemporaryDirectory(prefix="rootfix-bin-") as bindir:
        for name in ("python", "python3"):
            # a wrapper, not a symlink: a venv's interpreter finds its pyvenv.cfg by its own path
            wrapper = os.path.join(bindir, name)
            with open(wrapper, "w") as fh:
                fh.write(f"#!/bin/sh\nexec {shlex.quote(python)} \"$@\"\n")
            os.chmod(wrapper, 0o755)
        env = project_env(python)
        env["PATH"] = bindir + os.pathsep + env["PATH"]
        return run_process(command, workdir, timeout=timeout, env=env, shell=True)


# --------------------------------------------------------------------------- the stage
def _covered(run: TestRun, targets: Sequence[str]) -> bool:
    return target_status(run, targets) not in ("missing", "timeout")


def _component_words(component: Component | None) -> list[str]:
    """How a failing test's id or traceback shows it exercises the component (file, module, symbol)."""
    if component is None:
        return []
    words = [component.file]
    module = component.file[:-3].replace("/", ".") if component.file.endswith(".py") else ""
    if module:
        words.append(module)
    for name in (component.symbol, component.name, *component.aliases):
        last = (name or "").replace(":", ".").rsplit(".", 1)[-1]
        if len(last) > 3 and last not in ("handle", "run", "main", "Command", "<module>", "__call__"):
            words.append(last)
    return words


def relevant_failures(baseline: TestRun, parsed: ParsedError | None,
                      component: Component | None) -> tuple[list[str], str]:
    """The baseline's stable failures that show the reported bug, and a note on the others.

    With an exception in the report, a failure counts when it shows that exception (type and message,
    :func:`matches_error`); without one, when its id or traceback names the component's file, module or
    function. A run killed by its timeout is never a failure.
    """
    failing = sorted(stable_failing(baseline))
    if not failing:
        return [], ""
    by_id = {o.nodeid: o for o in baseline.outcomes}
    has_error = parsed is not None and parsed.final is not None
    words = _component_words(component)
    keep: list[str] = []
    for n in failing:
        msg = by_id[n].message if n in by_id else ""
        if has_error:
            if matches_error(msg, parsed):
                keep.append(n)
        elif not words or any(w in n or w in msg for w in words):
            keep.append(n)
    if len(keep) == len(failing):
        return keep, ""
    what = (f"with {parsed.final.exc_type}" if has_error and parsed and parsed.final
            else f"through {component.file if component else 'the component'}")
    return keep, (f"{len(failing) - len(keep)} failing test(s) in the baseline do not fail {what} "
                  f"(e.g. {failing[0] if not keep else next(n for n in failing if n not in keep)}): "
                  "not taken as the reproduction")


def reproduce(repo: str | os.PathLike[str], python: str, report: BugReport, *, baseline: TestRun | None,
              test_command: Sequence[str] | str | None = None, timeout: float = 600.0,
              component: Component | None = None) -> Reproduction:
    """Show the bug on the unpatched code: the report's ``reproduce``, else the baseline's failing tests,
    else (given the component) a generated reproduction (:mod:`rootfix.reproduce.generate`).

    ``reproduced`` is True when it failed (for tests: failed and did not pass on a rerun).
    ``matched_error`` says whether the failure shows the report's exception (None: no error given).
    """
    from rootfix.validate.runner import detect_test_command

    root = Path(repo).resolve()
    if isinstance(test_command, str) or test_command is None:
        argv = detect_test_command(root, test_command or report.test_command)
    else:
        argv = list(test_command)
    parsed = _parse(report.error_message, root)
    has_error = parsed is not None and parsed.final is not None

    def result(kind: str, output: str, failed: bool, **kw) -> Reproduction:
        exc_type, _ = exception_in(output) if failed else ("", "")
        matched = (matches_error(output, parsed) if failed else False) if has_error else None
        return Reproduction(kind=kind, reproduced=failed, matched_error=matched, exc_type=exc_type,
                            output=output[-20_000:], **kw)

    spec = (report.reproduce or "").strip()
    if spec:
        nodeids = looks_like_nodeids(spec, root)
        if nodeids:
            run = baseline if baseline is not None and _covered(baseline, nodeids) else None
            if run is None:
                with isolated_checkout(root) as wt:
                    run = run_tests(wt, python, nodeids=nodeids, timeout=timeout, test_command=argv)
            status = target_status(run, nodeids)
            failed = status == "failed"
            output = "\n".join(o.message for o in target_outcomes(run, nodeids) if o.message) or run.output
            note = f"the run timed out after {timeout:g}s before {' '.join(nodeids)} finished: unknown" \
                if status == "timeout" else ""
            return result("report-nodeid", output, failed, targets=tuple(nodeids), note=note)
        with isolated_checkout(root) as wt:
            proc = run_shell(wt, python, spec, timeout=timeout)
        # a killed command shows nothing about the bug
        failed = not proc.timed_out and proc.returncode != 0
        note = f"the command timed out after {timeout:g}s: unknown, not a reproduction" if proc.timed_out else ""
        return result("report-command", proc.output, failed, command=spec, note=note)

    notes: list[str] = []
    if baseline is not None:
        if baseline.timed_out:
            notes.append(f"the baseline timed out ({baseline.passed + baseline.failed} test(s) finished): "
                         "the tests it did not finish are unknown, not failures")
        failing, why = relevant_failures(baseline, parsed, component)
        if why:
            notes.append(why)
        if failing:
            output = "\n".join(o.message for o in baseline.outcomes if o.nodeid in failing and o.message)
            return result("failing-tests", output, True, targets=tuple(failing), note="; ".join(notes))
    if component is not None:
        generated = _generated(root, python, report, component, argv, timeout)
        if generated is not None:
            path, text, run = generated
            failed = target_status(run, [path]) == "failed"
            output = "\n".join(o.message for o in run.outcomes if o.message) or run.output
            rep = result("generated", output, failed, targets=(path,), generated_file=(path, text))
            # a generated run fails for many reasons (an empty database, missing input): it reproduces
            # the bug only when it fails the way the report says
            shows_bug = rep.matched_error is True or (
                rep.matched_error is None and component.type == "scheduled-job" and "second run added rows" in output)
            if rep.reproduced and shows_bug:
                return replace(rep, note="; ".join(notes))
            if target_status(run, [path]) == "timeout":
                notes.append(f"the generated reproduction {path} timed out")
            elif rep.reproduced:
                notes.append(f"the generated reproduction {path} failed, but not the way the report says"
                             + (f" ({rep.exc_type})" if rep.exc_type else ""))
    return Reproduction(kind="none", note="; ".join(notes))


def _generated(root: Path, python: str, report: BugReport, component: Component, argv: Sequence[str],
               timeout: float) -> tuple[str, str, TestRun] | None:
    from rootfix.discover.index import RepoIndex
    from rootfix.reproduce.generate import generate_reproduction

    made = generate_reproduction(RepoIndex.build(root), report, component)
    if made is None:
        return None
    path, text = made
    with isolated_checkout(root) as wt:
        apply_patch(wt, Patch((FileChange(path, None, text),), (path,)))
        run = run_tests(wt, python, nodeids=[path], timeout=timeout, test_command=argv, rerun_failures=0)
    return path, text, run


def reproduction_spectrum(repo: str | os.PathLike[str], python: str, repro: Reproduction, *, timeout: float = 600.0,
                          nodeids: Sequence[str] = ()) -> "Spectrum | None":
    """Per-test coverage (:mod:`rootfix.reproduce.spectrum`) of the selected tests, for SBFL, when the
    reproduction is failing tests -- its generated test added to the checkout; None when unavailable."""
    if not repro.reproduced or not repro.targets or repro.kind == "report-command":
        return None
    try:
        from rootfix.reproduce.spectrum import collect_spectrum

        with isolated_checkout(Path(repo)) as wt:
            if repro.generated_file:
                path, text = repro.generated_file
                apply_patch(wt, Patch((FileChange(path, None, text),), (path,)))
            return collect_spectrum(wt, python, timeout=timeout, nodeids=tuple(nodeids))
    except Exception:  # coverage is one signal among several: without it, localization goes on
        return None
