"""Prompt templates in the bug-fix-template format: YAML front matter plus ``{{variable}}`` placeholders.

The front matter declares ``name``, ``category``, ``description``, ``version`` and ``variables`` (each with
``name``, ``description``, ``required``). Rendering is strict: a placeholder the template does not declare, or a
required variable without a value, is a :class:`~rootfix.errors.UsageError`.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import yaml

from rootfix.errors import UsageError
from rootfix.types import Template, TemplateVariable

#: What an optional variable without a value renders as.
MISSING_OPTIONAL = "(none given)"
DEFAULT_TEMPLATE = "bug-fix.md"

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def load_template(path: str | None = None) -> Template:
    """The template at ``path``, or the bundled default (``rootfix/intake/templates/bug-fix.md``) for None."""
    if path is None:
        res = resources.files("rootfix.intake").joinpath("templates", DEFAULT_TEMPLATE)
        return parse_template(res.read_text(encoding="utf-8"), path=f"<bundled {DEFAULT_TEMPLATE}>")
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{path}: no such template file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read template ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: template is not UTF-8 text (byte 0x{data[exc.start]:02x} "
                         f"at offset {exc.start})") from None
    return parse_template(text, path=str(path))


def parse_template(text: str, path: str = "") -> Template:
    """Parse a template's ``---`` YAML front matter and body."""
    where = path or "<template>"
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise UsageError(f"{where}: template has no front matter (it must start with a '---' line)")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise UsageError(f"{where}: template front matter is not closed by a '---' line")
    try:
        meta = yaml.safe_load("".join(lines[1:end]))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = f" at line {mark.line + 2}, column {mark.column + 1}" if mark is not None else ""
        raise UsageError(f"{where}: malformed front matter{at}: {' '.join(str(exc.problem).split())}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{where}: malformed front matter: {' '.join(str(exc).split())}") from None
    if not isinstance(meta, dict):
        raise UsageError(f"{where}: template front matter must be a mapping (name, variables, ...)")

    name = _text(meta.get("name"), "name", where)
    if not name:
        raise UsageError(f"{where}: template front matter has no 'name'")
    variables = _variables(meta.get("variables"), where)
    body = "".join(lines[end + 1:])
    return Template(
        name=name,
        category=_text(meta.get("category"), "category", where),
        description=_text(meta.get("description"), "description", where),
        version=_text(meta.get("version"), "version", where),
        variables=variables,
        body=body.lstrip("\n"),
        path=path,
    )


def placeholders(template: Template) -> tuple[str, ...]:
    """The variable names the body uses, in order of first use."""
    seen: dict[str, None] = {}
    for m in _PLACEHOLDER.finditer(template.body):
        seen.setdefault(m.group(1).strip(), None)
    return tuple(seen)


def render(template: Template, variables: Mapping[str, str | None]) -> str:
    """Fill the template's placeholders (``{{name}}`` or ``{{ name }}``) from ``variables``, strictly."""
    where = template.path or template.name or "<template>"
    declared = {v.name: v for v in template.variables}
    used = placeholders(template)
    bad = [n for n in used if not _NAME.match(n)]
    if bad:
        raise UsageError(f"{where}: malformed placeholder {{{{{bad[0]}}}}} (expected {{{{variable_name}}}})")
    undeclared = [n for n in used if n not in declared]
    if undeclared:
        raise UsageError(f"{where}: placeholder(s) {', '.join('{{%s}}' % n for n in undeclared)} "
                         "not declared in the template's variables:")
    missing = [v.name for v in template.variables
               if v.required and not str(variables.get(v.name) or "").strip()]
    if missing:
        raise UsageError(f"{where}: missing value for required template variable(s): {', '.join(missing)}")

    def fill(m: re.Match[str]) -> str:
        value = variables.get(m.group(1).strip())
        value = "" if value is None else str(value)
        return value.strip("\n") if value.strip() else MISSING_OPTIONAL

    return _PLACEHOLDER.sub(fill, template.body)


def _text(value: Any, key: str, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise UsageError(f"{where}: template front matter '{key}' must be text")
    return str(value)


def _variables(raw: Any, where: str) -> tuple[TemplateVariable, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise UsageError(f"{where}: template 'variables' must be a list of {{name, description, required}}")
    out: list[TemplateVariable] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, 1):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise UsageError(f"{where}: template variable #{i} must be a mapping with a name")
        name = _text(item.get("name"), "variables.name", where).strip()
        if not _NAME.match(name):
            raise UsageError(f"{where}: template variable #{i} has no valid name ({name!r})")
        if name in seen:
            raise UsageError(f"{where}: template variable {name!r} is declared twice")
        seen.add(name)
        required = item.get("required", False)
        if not isinstance(required, bool):
            raise UsageError(f"{where}: template variable {name!r}: 'required' must be true or false")
        out.append(TemplateVariable(name=name, description=_text(item.get("description"), "description", where),
                                    required=required))
    return tuple(out)
