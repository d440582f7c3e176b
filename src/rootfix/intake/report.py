"""Bug reports: BUG.yaml / BUG.json and command-line flags -> a validated :class:`BugReport`.

Every problem with the input is a :class:`~rootfix.errors.UsageError` whose message is one line that names the
problem and the file, so the CLI can print it and exit 2.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
from pathlib import Path
from typing import Any, Mapping

import yaml

from rootfix.errors import UsageError
from rootfix.types import COMPONENT_TYPES, BugReport

#: The report keys of SPEC.md ("The bug report"), in order.
REPORT_KEYS: tuple[str, ...] = (
    "component_type", "component_name", "bug_description", "expected_behavior", "actual_behavior",
    "error_message", "reproduce", "test_command",
)
REQUIRED_KEYS: tuple[str, ...] = REPORT_KEYS[:5]

_NO_REPORT = "no bug report: give BUG.yaml or --component-type ... flags"


def load_report(path: str | None, overrides: Mapping[str, str | None] | None = None, *,
                template_path: str | None = None) -> BugReport:
    """Read a bug report from ``path`` (YAML or JSON) and/or ``overrides`` (flags win) and validate it.

    Without ``template_path`` the required keys are those of SPEC.md and only the report keys are accepted.
    With ``template_path`` the template's own ``variables:`` list says which variables are required and which
    further keys are accepted; those that are not report keys go into ``BugReport.extra``.
    Raises ``UsageError`` (one line) on any bad input.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    if not path and not overrides:
        raise UsageError(_NO_REPORT)
    where = str(path) if path else "<flags>"

    data: dict[str, str] = {}
    if path:
        raw = _read_mapping(str(path))
        for key, value in raw.items():
            name = _normalize_key(key, where)
            data[name] = _as_text(value, name, where)
    for key, value in overrides.items():
        name = _normalize_key(key, "flags")
        data[name] = _as_text(value, name, "flags")

    if template_path is not None:
        from rootfix.intake.template import load_template

        template = load_template(template_path)
        declared = {v.name for v in template.variables}
        required = [v.name for v in template.variables if v.required]
        known = set(REPORT_KEYS) | declared
        context = f"{where} (template {template_path})"
    else:
        declared = set()
        required = list(REQUIRED_KEYS)
        known = set(REPORT_KEYS)
        context = where

    unknown = sorted(k for k in data if k not in known)
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(sorted(known))})"
        raise UsageError(f"{context}: unknown key {key!r}{hint}")

    for key in required:
        if key not in data:
            raise UsageError(f"{context}: missing required key {key!r}")
        if not data[key].strip():
            raise UsageError(f"{context}: required key {key!r} is empty")

    if data.get("component_type", "").strip():
        data["component_type"] = normalize_component_type(data["component_type"], where)

    extra = tuple(sorted((k, v) for k, v in data.items() if k not in REPORT_KEYS))
    return BugReport(**{k: data.get(k, "") for k in REPORT_KEYS}, extra=extra, source=where)


def normalize_component_type(value: str, where: str = "") -> str:
    """``background_worker`` / ``Background Worker`` -> ``background-worker``; UsageError when unknown."""
    norm = re.sub(r"[\s_\-]+", "-", value.strip().lower()).strip("-")
    if norm in COMPONENT_TYPES:
        return norm
    close = difflib.get_close_matches(norm, COMPONENT_TYPES, n=1, cutoff=0.4)
    if not close:
        close = [t for t in COMPONENT_TYPES if norm and (norm in t or t.split("-")[0] in norm)][:1]
    hint = f"did you mean {close[0]!r}?" if close else "expected one of " + ", ".join(COMPONENT_TYPES)
    prefix = f"{where}: " if where else ""
    raise UsageError(f"{prefix}unknown component_type {value.strip()!r}: {hint}")


# --------------------------------------------------------------------------- reading
def _read_mapping(path: str) -> dict[Any, Any]:
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{path}: no such file")
    if p.is_dir():
        raise UsageError(f"{path}: is a directory, expected a bug report file (YAML or JSON)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None

    if p.suffix.lower() == ".json":
        value = _parse_json(text, path)
    elif text.lstrip().startswith("{"):
        # Looks like JSON: JSON's own errors are clearer for JSON; YAML takes what strict JSON refuses.
        try:
            value = json.loads(text)
        except ValueError as exc:
            try:
                value = yaml.safe_load(text)
            except yaml.YAMLError:
                raise UsageError(_json_error(exc, path)) from None
    else:
        value = _parse_yaml(text, path)

    if value is None:
        raise UsageError(f"{path}: empty bug report, expected a mapping of report keys (component_type: ...)")
    if not isinstance(value, dict):
        raise UsageError(f"{path}: expected a mapping of report keys (component_type: ...), "
                         f"got {_type_name(value)}")
    return value


def _parse_json(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError(_json_error(exc, path)) from None


def _json_error(exc: ValueError, path: str) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{path}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    return f"{path}: malformed JSON: {_one_line(str(exc))}"


def _parse_yaml(text: str, path: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(x for x in (exc.context, exc.problem) if x) or "syntax error"
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise UsageError(f"{path}: malformed YAML{at}: {_one_line(problem)}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: malformed YAML: {_one_line(str(exc))}") from None


# --------------------------------------------------------------------------- values
def _normalize_key(key: Any, where: str) -> str:
    if not isinstance(key, str):
        raise UsageError(f"{where}: key {key!r} is not a name (expected text such as component_type)")
    return re.sub(r"[\s\-]+", "_", key.strip()).lower()


def _as_text(value: Any, key: str, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise UsageError(f"{where}: {key} must be text, got a boolean ({str(value).lower()}); quote it")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    raise UsageError(f"{where}: {key} must be text, got {_type_name(value)}")


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _one_line(text: str) -> str:
    return " ".join(text.split())
