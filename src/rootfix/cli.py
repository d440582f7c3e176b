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
    parser = _Parser(prog="rootfix", description=__doc__.splitlines()[0] if __doc__ else None)
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
    p.add_argument("--statistics", action="store_true", help="count findings per rule")
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
    raise UsageError("fix: not available in this build")


def cmd_validate(args: argparse.Namespace) -> int:
    raise UsageError("validate: not available in this build")


def cmd_check(args: argparse.Namespace) -> int:
    raise UsageError("check: not available in this build")


def cmd_components(args: argparse.Namespace) -> int:
    raise UsageError("components: not available in this build")


def cmd_localize(args: argparse.Namespace) -> int:
    raise UsageError("localize: not available in this build")


def cmd_prompt(args: argparse.Namespace) -> int:
    raise UsageError("prompt: not available in this build")


def cmd_rules(args: argparse.Namespace) -> int:
    raise UsageError("rules: not available in this build")


def cmd_demo(args: argparse.Namespace) -> int:
    raise UsageError("demo: not available in this build")


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
