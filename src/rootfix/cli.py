"""Command line: parses flags, prints results, maps outcomes to exit codes.

Exit codes everywhere: 0 success, 1 the job ran and found something (or found no
validated fix), 2 bad input or usage (one line, never a traceback).

The stages know nothing of the command line: each ``cmd_*`` handler turns flags
into stage calls and results into output.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from rootfix import __version__
from rootfix.errors import RootfixError, UsageError

EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors are one line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _add_report_flags(p: argparse.ArgumentParser) -> None:
    """The bug-report keys as flags (they override keys read from BUG.yaml)."""
    g = p.add_argument_group("bug report keys (override the file's)")
    for key in ("component_type", "component_name", "bug_description", "expected_behavior",
                "actual_behavior", "error_message", "reproduce", "test_command"):
        g.add_argument("--" + key.replace("_", "-"), dest=key, metavar="TEXT")
    g.add_argument("--var", action="append", default=[], metavar="NAME=VALUE",
                   help="a further template variable")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rootfix",
        description="Reproduce, localize, fix and validate bugs in Django-integrated Celery/RQ workers, "
                    "management commands, scheduled jobs and PySpark jobs.",
        epilog="Exit codes: 0 success, 1 found something / no validated fix, 2 bad input. "
               "Start with `rootfix demo`.")
    parser.add_argument("--version", action="version", version=f"rootfix {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("fix", help="reproduce, localize, fix and validate the bug of a report")
    p.add_argument("bug", nargs="?", metavar="BUG.yaml", help="bug report (YAML or JSON); flags may stand in for it")
    p.add_argument("--repo", default=".", metavar="DIR", help="the project's root (default: .)")
    p.add_argument("--python", metavar="PY", help="the project's interpreter (default: DIR/.venv, DIR/venv, else this one)")
    p.add_argument("--apply", action="store_true", help="write the validated fix into the repo")
    p.add_argument("--out", metavar="DIR", help="write summary.md, report.json, fix.diff and new tests here")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--llm", metavar="URL", help="an OpenAI-compatible endpoint for bugs no rule knows")
    p.add_argument("--model", metavar="M", help="the model to ask at --llm")
    p.add_argument("--timeout", type=float, default=600.0, metavar="S", help="timeout per test run (default 600)")
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="candidates validated at once (default: cores)")
    p.add_argument("--full-suite", action="store_true",
                   help="run the whole test suite, not only the tests that reach the component")
    _add_report_flags(p)
    p.set_defaults(handler=cmd_fix)

    p = sub.add_parser("validate", help="the verdict for a patch written by anyone")
    p.add_argument("patch", metavar="PATCH", help="a unified diff (git diff output)")
    p.add_argument("bug", nargs="?", metavar="BUG.yaml")
    p.add_argument("--repo", default=".", metavar="DIR")
    p.add_argument("--python", metavar="PY")
    p.add_argument("--timeout", type=float, default=600.0, metavar="S")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _add_report_flags(p)
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("check", help="find the known bug classes (no bug report needed)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    p.add_argument("--select", metavar="CODES", help="codes or prefixes, comma separated (ALL for all)")
    p.add_argument("--ignore", metavar="CODES", help="codes or prefixes to skip")
    p.add_argument("--extend-select", metavar="CODES", help="add to the configured selection")
    p.add_argument("--fix", action="store_true", help="apply safe fixes")
    p.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too (with --fix or --diff)")
    p.add_argument("--diff", action="store_true", help="print the fixes as a diff, write nothing")
    p.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    p.add_argument("--all-code", action="store_true", help="check all code, not only code reachable from components")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write the analysis cache")
    p.add_argument("--config", metavar="FILE", help="pyproject.toml to read [tool.rootfix] from")
    p.add_argument("--statistics", action="store_true",
                   help="count findings per rule (and, on stderr, where the analysis time went)")
    p.add_argument("--diff-against", metavar="REF",
                   help="report only findings on lines changed since the git revision REF (the whole project "
                        "is still analysed)")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("components", help="list the project's tasks, commands, scheduled jobs and Spark jobs")
    p.add_argument("--repo", default=".", metavar="DIR")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--type", dest="component_type", metavar="TYPE", help="only this component type")
    p.set_defaults(handler=cmd_components)

    p = sub.add_parser("localize", help="rank suspect functions for a bug report, with evidence")
    p.add_argument("bug", nargs="?", metavar="BUG.yaml")
    p.add_argument("--repo", default=".", metavar="DIR")
    p.add_argument("--python", metavar="PY")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--no-run", action="store_true", help="static evidence only: run no tests")
    p.add_argument("--timeout", type=float, default=600.0, metavar="S", help="timeout per test run (default 600)")
    p.add_argument("--full-suite", action="store_true",
                   help="run the whole test suite, not only the tests that reach the component")
    _add_report_flags(p)
    p.set_defaults(handler=cmd_localize)

    p = sub.add_parser("prompt", help="render the bug-fix template with the report and gathered context")
    p.add_argument("bug", nargs="?", metavar="BUG.yaml")
    p.add_argument("--repo", default=".", metavar="DIR")
    p.add_argument("--template", metavar="FILE", help="a template in the bug-fix-template format")
    p.add_argument("--no-context", action="store_true", help="only the rendered template")
    _add_report_flags(p)
    p.set_defaults(handler=cmd_prompt)

    p = sub.add_parser("rules", help="the rule catalogue, or one rule's documentation")
    p.add_argument("code", nargs="?", metavar="CODE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=cmd_rules)

    p = sub.add_parser("demo", help="the whole loop on a bundled sample project")
    p.add_argument("--dir", metavar="DIR", help="copy the sample here (default: a temporary folder)")
    p.add_argument("--python", metavar="PY")
    p.add_argument("--out", metavar="DIR", help="where the reports go (default: DIR/rootfix-out)")
    p.set_defaults(handler=cmd_demo)
    return parser


# --------------------------------------------------------------------------- helpers
def load_report_from_args(args: argparse.Namespace, *, template_path: str | None = None):
    """The bug report from BUG.yaml and/or flags, validated (UsageError on bad input)."""
    from rootfix.intake.report import load_report

    overrides = {k: getattr(args, k) for k in (
        "component_type", "component_name", "bug_description", "expected_behavior",
        "actual_behavior", "error_message", "reproduce", "test_command") if getattr(args, k, None) is not None}
    for item in getattr(args, "var", []) or []:
        if "=" not in item:
            raise UsageError(f"--var expects NAME=VALUE, got {item!r}")
        name, value = item.split("=", 1)
        overrides[name.strip()] = value
    return load_report(getattr(args, "bug", None), overrides, template_path=template_path)


def repo_dir(args: argparse.Namespace) -> Path:
    root = Path(getattr(args, "repo", ".") or ".").resolve()
    if not root.is_dir():
        raise UsageError(f"--repo {root}: no such directory")
    return root


# --------------------------------------------------------------------------- handlers
def cmd_fix(args: argparse.Namespace) -> int:
    import json

    from rootfix.pipeline import apply_outcome, run_fix
    from rootfix.report.json_report import to_report_json
    from rootfix.report.progress import make_progress
    from rootfix.report.text import render_result
    from rootfix.report.writer import write_outputs

    report = load_report_from_args(args)
    root = repo_dir(args)
    llm = None
    if args.llm:
        from rootfix.fix.llm import LLMConfig

        if not args.model:
            raise UsageError("--llm needs --model M (the model to ask)")
        if not args.llm.startswith(("http://", "https://")):
            raise UsageError(f"--llm {args.llm}: expected an http(s):// URL")
        llm = LLMConfig.from_flags(args.llm, args.model)
    elif args.model:
        raise UsageError("--model needs --llm URL")
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    out_dir = Path(args.out).resolve() if args.out else None
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {args.out}: not a directory")

    progress, close = make_progress(args.format)
    try:
        outcome = run_fix(report, root, python=args.python, timeout=args.timeout, jobs=args.jobs, llm=llm,
                          progress=progress, full_suite=args.full_suite)
    finally:
        close()
    apply_error = None
    if args.apply and outcome.status == "fixed":
        try:
            outcome = apply_outcome(outcome)
        except UsageError as exc:
            apply_error = exc
    if out_dir is not None:
        write_outputs(outcome, out_dir)
    if apply_error is not None:
        raise apply_error
    if args.format == "json":
        print(json.dumps(to_report_json(outcome), indent=2, ensure_ascii=False))
    else:
        print(render_result(outcome, out_dir=out_dir, apply_requested=args.apply))
    return EXIT_OK if outcome.status == "fixed" else EXIT_FOUND


def cmd_validate(args: argparse.Namespace) -> int:
    from rootfix.pipeline import run_validate
    from rootfix.validate.patchcheck import as_json, as_text, read_patch

    repo = repo_dir(args)
    diff_text = read_patch(args.patch)
    report = load_report_from_args(args)
    result = run_validate(report, repo, diff_text, python=args.python, timeout=args.timeout)
    print(as_json(result) if args.format == "json" else as_text(result))
    return EXIT_OK if result.verdict.accepted else EXIT_FOUND


def cmd_check(args: argparse.Namespace) -> int:
    from rootfix.config import find_project
    from rootfix.check import output
    from rootfix.rules.base import load_all_rules
    from rootfix.check.engine import run_check

    paths = list(args.paths) or ["."]
    for p in paths:  # a missing path is the one input error of check: exit 2
        if not Path(p).exists():
            raise UsageError(f"{p}: no such file or directory")
    root, config = find_project(Path(paths[0]), args.config)
    # the rules are imported by run_check only when the cache misses: a warm run imports no rule module
    result = run_check(paths, root=root, select=args.select, ignore=args.ignore, extend_select=args.extend_select,
                       all_code=args.all_code, config=config, fix=args.fix, unsafe_fixes=args.unsafe_fixes,
                       diff=args.diff, use_cache=not args.no_cache, diff_against=args.diff_against)
    for line in result.internal_errors:
        print(f"rootfix: {line}", file=sys.stderr)
    if result.internal_errors:
        print(f"rootfix: {len(result.internal_errors)} internal error(s) in rules; the other rules ran",
              file=sys.stderr)
    for path in result.skipped:
        print(f"rootfix: not writing {path}: it changed on disk since it was read", file=sys.stderr)
    if args.diff:
        text = result.diff()
        sys.stdout.write(text if not text or text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        print(f"Would fix {result.fixed} finding{'s' if result.fixed != 1 else ''} in {len(result.changes)} "
              f"file{'s' if len(result.changes) != 1 else ''}"
              f" ({len(result.findings) + len(result.errors)} would remain).", file=sys.stderr)
        return EXIT_FOUND if result.changes else EXIT_OK
    if args.statistics:
        sys.stdout.write(output.format_statistics(result, as_json=args.format == "json"))
        sys.stdout.flush()
        sys.stderr.write(output.format_timings(result))
    elif args.format == "json":
        sys.stdout.write(output.format_json(result))
    elif args.format == "sarif":
        sys.stdout.write(output.format_sarif(result, load_all_rules()))
    elif args.format == "github":
        sys.stdout.write(output.format_github(result))
    else:
        sys.stdout.write(output.format_text(result, unsafe=args.unsafe_fixes, fixing=args.fix))
    return EXIT_FOUND if result.exit_findings else EXIT_OK


def cmd_components(args: argparse.Namespace) -> int:
    from rootfix.discover import build_index
    from rootfix.discover.listing import components_json, components_text
    from rootfix.intake.report import normalize_component_type
    from rootfix.project.model import Project

    root = repo_dir(args)
    ctype = normalize_component_type(args.component_type, "--type") if args.component_type else None
    index = build_index(root)
    for err in index.errors:
        print(f"rootfix: warning: {err.path}: {err.message} (skipped)", file=sys.stderr)
    comps = [c for c in Project.of(index).components if ctype is None or c.type == ctype]
    if args.format == "json":
        print(components_json(comps))
    else:
        import shutil

        tty = sys.stdout.isatty()
        width = shutil.get_terminal_size((160, 24)).columns if tty else 160
        sys.stdout.write(components_text(comps, str(root), width=width, color=tty))
    return EXIT_OK


def cmd_localize(args: argparse.Namespace) -> int:
    import json

    from rootfix.pipeline import run_localize
    from rootfix.report.progress import make_progress

    report = load_report_from_args(args)
    root = repo_dir(args)
    progress, close = make_progress(args.format)
    try:
        loc = run_localize(report, root, python=args.python, run_tests=not args.no_run, progress=progress,
                           full_suite=args.full_suite, timeout=args.timeout)
    finally:
        close()
    c = loc.component
    if args.format == "json":
        print(json.dumps({
            "component": {"type": c.type, "name": c.name, "file": c.file, "symbol": c.symbol, "line": c.line},
            "suspects": [{"file": s.file, "symbol": s.symbol, "line": s.line, "score": s.score,
                          "evidence": list(s.evidence)} for s in loc.suspects],
            "findings": [{"file": f.file, "line": f.line, "symbol": f.symbol, "rule": f.code, "message": f.message}
                         for f in loc.findings],
            "baseline_timed_out": bool(loc.baseline and loc.baseline.timed_out),
            "notes": list(loc.notes),
        }, indent=2))
    else:
        print(f"{c.name} ({c.type}) -> {c.file}:{c.line} {c.symbol}")
        for note in loc.notes:
            print(note)
        if not loc.suspects:
            print("no suspects")
        for i, s in enumerate(loc.suspects, 1):
            print(f"{i:2}. {s.score:5.2f}  {s.file}:{s.line}  {s.symbol}")
            for e in s.evidence:
                print(f"           - {e}")
    return EXIT_OK if loc.suspects else EXIT_FOUND


def cmd_prompt(args: argparse.Namespace) -> int:
    from rootfix.pipeline import run_prompt

    report = load_report_from_args(args, template_path=args.template)
    root = None if args.no_context else repo_dir(args)

    def warn(message: str) -> None:
        print(f"rootfix: warning: {message}", file=sys.stderr)

    sys.stdout.write(run_prompt(report, root, template_path=args.template, context=not args.no_context,
                                warn=warn))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    import difflib
    import json

    from rootfix.check import output
    from rootfix.rules.base import load_all_rules

    rules = load_all_rules()
    if not args.code:
        if args.format == "json":
            print(json.dumps([output.rule_record(r) for r in rules.values()], indent=2))
        else:
            sys.stdout.write(output.render_rule_table(list(rules.values())))
        return EXIT_OK
    wanted = args.code.strip()
    by_name = {r.name: r for r in rules.values()}
    rule = rules.get(wanted.upper()) or by_name.get(wanted)
    if rule is None and wanted.upper() == "E999":
        from rootfix.discover.parse import E999_DOC

        if args.format == "json":
            print(json.dumps({"code": "E999", "name": "syntax-error", "fix": None, "documentation": E999_DOC},
                             indent=2))
        else:
            print(f"# E999 (syntax-error)\n\n{E999_DOC}")
        return EXIT_OK
    if rule is None and wanted.upper() == "RFX100":
        from rootfix.check import noqa

        doc = (noqa.__doc__ or "").strip()
        if args.format == "json":
            print(json.dumps({"code": "RFX100", "name": "unused-noqa", "fix": "safe", "documentation": doc}, indent=2))
        else:
            print(f"# RFX100 (unused-noqa)\n\n{doc}")
        return EXIT_OK
    if rule is None:
        close = difflib.get_close_matches(wanted.upper(), list(rules), n=3, cutoff=0.5)
        close += [by_name[n].code for n in difflib.get_close_matches(wanted, list(by_name), n=3, cutoff=0.6)]
        close += [c for c in rules if c.startswith(wanted.upper()) and len(wanted) >= 3]
        close = list(dict.fromkeys(close))[:5]
        hint = f"; did you mean {', '.join(close)}?" if close else "; `rootfix rules` lists them"
        raise UsageError(f"unknown rule {args.code!r}{hint}")
    if args.format == "json":
        print(json.dumps(output.rule_record(rule), indent=2))
    else:
        sys.stdout.write(output.render_rule_doc(rule))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from rootfix.demo.run import run_demo

    code, _outcome, _out = run_demo(args.dir, python=args.python, out=args.out)
    return EXIT_OK if code == 0 else EXIT_FOUND


# --------------------------------------------------------------------------- entry point
def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return EXIT_USAGE
        return int(args.handler(args))
    except RootfixError as exc:
        print(f"rootfix: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("rootfix: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
