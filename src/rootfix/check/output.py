"""Rendering check results: text (ruff-like), json, sarif (2.1.0), github annotations, statistics;
and rule documentation (``rootfix rules``).

Lines and columns are 1-based in every format. Paths are shown relative to the current folder when the
file is below it, else absolute; JSON also carries ``file`` relative to the project root.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from rootfix import __version__
from rootfix.types import Finding

if TYPE_CHECKING:
    from rootfix.rules.base import Rule
    from rootfix.check.engine import CheckResult

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/rootfix/rootfix"


# --------------------------------------------------------------------------- rule docs
def doc_sections(doc: str) -> dict[str, str]:
    """``## Heading`` sections of a rule docstring -> {heading: body}; text before the first heading is ``""``.

    Headings inside fenced code blocks (a ``# comment`` in an example) are code, not headings."""
    out: dict[str, list[str]] = {"": []}
    current = ""
    fence = False
    for line in doc.splitlines():
        if line.lstrip().startswith("```"):
            fence = not fence
        m = None if fence else re.match(r"^#{1,3}\s+(.+?)\s*$", line)
        if m:
            current = m.group(1).strip()
            out.setdefault(current, [])
            continue
        out[current].append(line)
    return {k: "\n".join(v).strip() for k, v in out.items() if k or "\n".join(v).strip()}


def fix_label(rule: type["Rule"]) -> str:
    return rule.fix_safety or "—"


def rule_record(rule: type["Rule"]) -> dict[str, object]:
    sec = doc_sections(rule.documentation())
    return {
        "code": rule.code, "name": rule.name, "bug_class": rule.bug_class,
        "component_types": list(rule.component_types), "fix": rule.fix_safety,
        "scope": getattr(rule, "scope", "components"), "default": rule.default, "summary": rule.summary(),
        "sections": {k: v for k, v in sec.items() if k},
        "documentation": rule.documentation(),
    }


def render_rule_table(rules: Sequence[type["Rule"]]) -> str:
    rows = [("Code", "Name", "Component types", "Fix")]
    rows += [(r.code + ("*" if not r.default else ""), r.name, ", ".join(r.component_types) or "all", fix_label(r))
             for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    note = " * opt-in: runs when a selector you give names it (`--select CODE`)." \
        if any(not r.default for r in rules) else ""
    lines.append(f"\n{len(rules)} rules. `rootfix rules CODE` shows a rule's documentation.{note}")
    return "\n".join(lines) + "\n"


def render_rule_doc(rule: type["Rule"]) -> str:
    """``# WRK301 (name)`` then the docstring's sections, in the catalogue's order."""
    head = [f"# {rule.code} ({rule.name})", "",
            f"Component types: {', '.join(rule.component_types) or 'all'}; class {rule.bug_class or '?'}; "
            f"fix: {rule.fix_safety or 'none'}" + ("" if rule.default else "; opt-in (not in the default selection)"),
            ""]
    sec = doc_sections(rule.documentation())
    body = []
    if sec.get(""):
        body += [sec[""], ""]
    for name in SECTIONS:
        if name in sec:
            body += [f"## {name}", sec[name], ""]
    for name, text in sec.items():
        if name and name not in SECTIONS:
            body += [f"## {name}", text, ""]
    return "\n".join(head + body).rstrip() + "\n"


# --------------------------------------------------------------------------- findings
def display_path(root: Path, rel: str, cwd: Path | None = None) -> str:
    full = root / rel
    cwd = cwd or Path.cwd()
    try:
        return full.relative_to(cwd).as_posix()
    except ValueError:
        return str(full)


def _applicable(f: Finding, unsafe: bool) -> bool:
    return f.fixable and (f.fix_safety == "safe" or (unsafe and f.fix_safety == "unsafe"))


def _error_line(message: str) -> int:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 1


def summary_line(result: "CheckResult", *, unsafe: bool = False, fixing: bool = False) -> str:
    line = _summary(result, unsafe=unsafe, fixing=fixing)
    notes = len(result.errors)
    if notes and not getattr(result, "errors_fail", True):
        line += f" {notes} E999 note{'s' if notes != 1 else ''} (files not parsed or newer syntax than the target)."
    return line


def _summary(result: "CheckResult", *, unsafe: bool = False, fixing: bool = False) -> str:
    n = len(result.findings) + (len(result.errors) if getattr(result, "errors_fail", True) else 0)
    if fixing:
        if n == 0 and result.fixed:
            return f"Found {result.fixed} findings ({result.fixed} fixed, 0 remaining)."
        if n == 0:
            return "All checks passed!"
        return f"Found {n + result.fixed} findings ({result.fixed} fixed, {n} remaining)."
    if n == 0:
        return "All checks passed!"
    safe = sum(1 for f in result.findings if _applicable(f, unsafe))
    more = sum(1 for f in result.findings if not unsafe and f.fixable and f.fix_safety == "unsafe")
    extra = f", {more} more with --unsafe-fixes" if more else ""
    return f"Found {n} finding{'s' if n != 1 else ''} ({safe} fixable with --fix{extra})."


def format_text(result: "CheckResult", *, unsafe: bool = False, fixing: bool = False, cwd: Path | None = None) -> str:
    lines = []
    for path, message in result.errors:
        lines.append(f"{display_path(result.root, path, cwd)}:{_error_line(message)}:1: E999 {message}")
    for f in result.findings:
        mark = " [*]" if _applicable(f, unsafe) else ""
        lines.append(f"{display_path(result.root, f.file, cwd)}:{f.line}:{f.col + 1}: {f.code}{mark} {f.message}")
    if lines:
        lines.append("")
    lines.append(summary_line(result, unsafe=unsafe, fixing=fixing))
    return "\n".join(lines) + "\n"


def finding_dict(root: Path, f: Finding, cwd: Path | None = None) -> dict[str, object]:
    return {
        "code": f.code, "rule": f.rule, "message": f.message,
        "filename": display_path(root, f.file, cwd), "file": f.file,
        "line": f.line, "col": f.col + 1,
        "end_line": f.end_line, "end_col": (f.end_col + 1) if f.end_col is not None else None,
        "symbol": f.symbol, "bug_class": f.bug_class, "fixable": f.fixable, "fix_safety": f.fix_safety,
        "related": [{"file": r.path, "line": r.line, "note": r.note} for r in f.related],
    }


def format_json(result: "CheckResult", cwd: Path | None = None) -> str:
    items = [{"code": "E999", "rule": "syntax-error", "message": m, "filename": display_path(result.root, p, cwd),
              "file": p, "line": _error_line(m), "col": 1, "end_line": None, "end_col": None, "symbol": "",
              "bug_class": "", "fixable": False, "fix_safety": None, "related": []} for p, m in result.errors]
    items += [finding_dict(result.root, f, cwd) for f in result.findings]
    return json.dumps(items, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(result: "CheckResult", cwd: Path | None = None) -> str:
    out = []
    for p, m in result.errors:
        level = "error" if getattr(result, "errors_fail", True) else "notice"
        out.append(f"::{level} file={_gh_escape(display_path(result.root, p, cwd), True)},line={_error_line(m)},"
                   f"col=1,title=E999::{_gh_escape(m)}")
    for f in result.findings:
        end = ""
        if f.end_line is not None:
            end += f",endLine={f.end_line}"
            if f.end_col is not None and f.end_line == f.line:
                end += f",endColumn={f.end_col + 1}"
        out.append(f"::warning file={_gh_escape(display_path(result.root, f.file, cwd), True)},line={f.line},"
                   f"col={f.col + 1}{end},title={_gh_escape(f.code, True)}::{_gh_escape(f.code + ' ' + f.message)}")
    return "\n".join(out) + ("\n" if out else "")


def format_sarif(result: "CheckResult", rules: dict[str, type["Rule"]]) -> str:
    used = sorted({f.code for f in result.findings} | set(result.rules))
    descriptors = []
    index_of: dict[str, int] = {}
    for code in used:
        rule = rules.get(code)
        if rule is None:
            name, summary, full, tags = ("unused-noqa", "Unused noqa directive", "A noqa code suppressed nothing.",
                                         ["rootfix"]) if code == "RFX100" else (code, code, code, [])
            props: dict[str, object] = {"tags": tags}
            help_md = full
        else:
            sec = doc_sections(rule.documentation())
            name, summary = rule.name, rule.summary()
            full = sec.get("What it does", summary)
            help_md = rule.documentation()
            props = {"tags": [*rule.component_types, rule.bug_class] if rule.bug_class else list(rule.component_types),
                     "fix_safety": rule.fix_safety or "none"}
        index_of[code] = len(descriptors)
        descriptors.append({
            "id": code, "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": full},
            "help": {"text": help_md, "markdown": help_md},
            "defaultConfiguration": {"level": "warning"},
            "properties": props,
        })
    results = []
    for f in result.findings:
        region: dict[str, int] = {"startLine": f.line, "startColumn": f.col + 1}
        if f.end_line is not None:
            region["endLine"] = f.end_line
            if f.end_col is not None:
                region["endColumn"] = f.end_col + 1
        item: dict[str, object] = {
            "ruleId": f.code, "level": "warning", "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"}, "region": region}}],
        }
        if f.code in index_of:
            item["ruleIndex"] = index_of[f.code]
        if f.related:
            item["relatedLocations"] = [
                {"id": i, "message": {"text": r.note or "related"},
                 "physicalLocation": {"artifactLocation": {"uri": r.path, "uriBaseId": "%SRCROOT%"},
                                      "region": {"startLine": max(1, r.line)}}}
                for i, r in enumerate(f.related)]
        results.append(item)
    notifications = [{"level": "error", "message": {"text": f"E999 {m}"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": p, "uriBaseId": "%SRCROOT%"},
                                                          "region": {"startLine": _error_line(m)}}}]}
                     for p, m in result.errors]
    notifications += [{"level": "error", "message": {"text": line}} for line in result.internal_errors]
    root_uri = result.root.as_uri().rstrip("/") + "/"
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "rootfix", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFO_URI, "rules": descriptors}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
            "invocations": [{"executionSuccessful": not result.internal_errors,
                             "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }
    return json.dumps(sarif, indent=2) + "\n"


def statistics(result: "CheckResult") -> list[dict[str, object]]:
    counts = Counter(f.code for f in result.findings)
    counts.update("E999" for _ in result.errors)
    names = {f.code: f.rule for f in result.findings}
    fixable = {f.code for f in result.findings if f.fixable and f.fix_safety == "safe"}
    return [{"code": c, "name": names.get(c, "syntax-error"), "count": n, "fixable": c in fixable}
            for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def format_statistics(result: "CheckResult", as_json: bool = False) -> str:
    stats = statistics(result)
    if as_json:
        return json.dumps(stats, indent=2) + "\n"
    width = max((len(str(s["count"])) for s in stats), default=1)
    return "".join(f"{str(s['count']).rjust(width)}\t{s['code']}\t{'[*] ' if s['fixable'] else ''}{s['name']}\n"
                   for s in stats)



def format_timings(result: "CheckResult") -> str:
    """Where the analysis time went (``--statistics``, on stderr): loading the rules, building the index, each
    rule (slowest first), the ``[*]`` fix marks, each with the process's peak memory when it ended; a rule its
    pre-filter skipped (``Rule.requires``: none of its strings in the project) says so. On a cache hit these
    are the figures of the run that computed the cached findings."""
    if not result.rule_seconds and not result.phase_seconds:
        return ""
    head = "rootfix: timings of the run that computed these findings (cached)" if result.from_cache else \
        "rootfix: timings"
    lines = [f"{head}: {result.seconds:.2f} s this run" + (
        f", {result.analysis_seconds:.2f} s analysis" if result.from_cache and result.analysis_seconds else "")]

    def peak(key: str) -> str:
        mb = result.peak_mb.get(key)
        return f"  (peak {mb:,.0f} MB)" if mb else ""

    rows = [(secs, f"({phase})", peak(phase)) for phase, secs in result.phase_seconds.items()]
    rows += [(secs, code, peak(code)) for code, secs in result.rule_seconds.items()
             if code not in result.skipped_rules]
    for secs, what, mem in sorted(rows, key=lambda r: -r[0]):
        lines.append(f"  {secs:8.3f} s  {what}{mem}")
    for code in result.skipped_rules:
        lines.append(f"  {'skipped':>8}    {code} (pre-filter: none of its strings in the project)")
    return "\n".join(lines) + "\n"
