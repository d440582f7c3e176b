"""The context a careful engineer reads before fixing a bug, as Markdown sections for a prompt.

:func:`gather_context` puts together, for a resolved component:

* the component (type, flavor, names, file:line, symbol, schedule target and declaration) and its full source;
* where a schedule entry is declared (the lines around it);
* the parsed error: each exception with the code around every project frame (±5 lines, numbered);
* related code excerpts, nearest first (call/import depth), each and all together capped in size;
* the Django models the code touches.

It reads files through the index (never from outside the repo) and does not run anything.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from rootfix.discover.index import RepoIndex
from rootfix.discover.related import entry_functions, related_code
from rootfix.types import CodeRef, Component, ParsedError, RelatedCode

__all__ = ["gather_context", "excerpt"]

#: Caps that keep a prompt readable: lines of one related excerpt, characters of all related code.
MAX_EXCERPT_LINES = 80
MAX_RELATED_CHARS = 24_000
MAX_MODEL_LINES = 60
MAX_COMPONENT_LINES = 400
FRAME_CONTEXT = 5

_LANG = {".py": "python", ".yaml": "yaml", ".yml": "yaml"}


def _lang(path: str) -> str:
    return _LANG.get(PurePosixPath(path).suffix, "")


def excerpt(lines: list[str], start: int, end: int, *, mark: int | None = None, max_lines: int | None = None) -> str:
    """Lines ``start``..``end`` (1-based, inclusive) numbered, ``>`` marking line ``mark``; capped."""
    start = max(1, start)
    end = min(len(lines), end)
    cut = 0
    if max_lines is not None and end - start + 1 > max_lines:
        cut = end - (start + max_lines - 1)
        end = start + max_lines - 1
    width = len(str(end))
    out = []
    for n in range(start, end + 1):
        prefix = ">" if n == mark else " "
        out.append(f"{prefix}{n:>{width}} | {lines[n - 1]}")
    if cut:
        out.append(f" {'':>{width}} | ... ({cut} more lines not shown)")
    return "\n".join(out)


def _fence(body: str, lang: str = "") -> str:
    ticks = "```"
    while ticks in body:
        ticks += "`"
    return f"{ticks}{lang}\n{body}\n{ticks}"


def _file_lines(index: RepoIndex, path: str) -> list[str] | None:
    info = index.by_path.get(path)
    if info is not None:
        return info.lines
    p = (index.root / path).resolve()
    try:
        p.relative_to(index.root)
    except ValueError:
        return None
    try:
        return p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None


def _component_span(index: RepoIndex, c: Component) -> tuple[int, int, str] | None:
    """The lines to show for the component: its whole class for a method of a small class, else the symbol."""
    info = index.by_path.get(c.file)
    if info is None:
        return None
    fns = entry_functions(index, c)
    if c.type == "pyspark-job" and len(info.lines) <= MAX_COMPONENT_LINES:
        return 1, len(info.lines), c.file  # a job module is read as a whole: its steps are its functions
    if "." in c.symbol:
        cls = info.classes.get(c.symbol.split(".")[0])
        if cls is not None and (cls.end_lineno or cls.lineno) - cls.lineno < MAX_COMPONENT_LINES:
            start = min([cls.lineno, *(d.lineno for d in cls.decorator_list)])
            return start, cls.end_lineno or cls.lineno, cls.name
    if c.symbol in info.classes:
        cls = info.classes[c.symbol]
        return cls.lineno, cls.end_lineno or cls.lineno, c.symbol
    if fns:
        fn = fns[0]
        start = min([fn.node.lineno, *(d.lineno for d in fn.node.decorator_list)])
        return start, fn.end_line, fn.symbol
    return 1, len(info.lines), c.file  # a module-level script: the whole file


def _component_section(index: RepoIndex, c: Component) -> str:
    parts = ["## Component", ""]
    parts.append(f"- Type: {c.type} ({c.flavor})")
    parts.append(f"- Name: `{c.name}`")
    if c.aliases:
        parts.append("- Also called: " + ", ".join(f"`{a}`" for a in c.aliases))
    where = f"{c.file}:{c.line}"
    parts.append(f"- Code: `{where}`" + (f", `{c.symbol}`" if c.symbol else ""))
    if c.target:
        parts.append(f"- Runs: `{c.target}`")
    if c.declared_in:
        decl_line = dict(c.details).get("declared_line")
        parts.append(f"- Declared in: `{c.declared_in}{':' + decl_line if decl_line else ''}`")
    for k, v in c.details:
        if k not in ("declared_line",):
            parts.append(f"- {k.replace('_', ' ').capitalize()}: {v}")
    span = _component_span(index, c)
    lines = _file_lines(index, c.file)
    if span is not None and lines is not None:
        start, end, label = span
        parts += ["", f"### Source of `{label}` ({c.file}:{start}-{end})", "",
                  _fence(excerpt(lines, start, end, max_lines=MAX_COMPONENT_LINES), _lang(c.file))]
    if c.declared_in and c.declared_in != c.file:
        decl_lines = _file_lines(index, c.declared_in)
        decl_line = int(dict(c.details).get("declared_line", "0") or 0)
        if decl_lines and decl_line:
            parts += ["", f"### Declared in {c.declared_in}:{decl_line}", "",
                      _fence(excerpt(decl_lines, decl_line - 3, decl_line + 6, mark=decl_line),
                             _lang(c.declared_in))]
    return "\n".join(parts)


def _error_section(index: RepoIndex, parsed: ParsedError) -> str:
    if not parsed.exceptions and not parsed.log_lines:
        return ""
    parts = ["## The error, with the project code of each frame", ""]
    if parsed.kind and parsed.kind != "none":
        parts.append(f"Kind: {parsed.kind}")
    if parsed.mentioned_names:
        parts.append("Names mentioned in the logs: " + ", ".join(f"`{n}`" for n in parsed.mentioned_names))
    for i, exc in enumerate(parsed.exceptions, 1):
        rel = {"context": " (raised while handling the one before)", "cause": " (caused by the one before)",
               "worker": " (in a Spark Python worker)"}.get(exc.relation, "")
        parts += ["", f"### Exception {i}: `{exc.exc_type}`{rel}", "", f"Message: {exc.message}" if exc.message
                  else "Message: (none)"]
        for fr in exc.frames:
            if not fr.is_project or not fr.repo_path:
                continue
            lines = _file_lines(index, fr.repo_path)
            if not lines or not (1 <= fr.line <= len(lines)):
                parts += ["", f"- `{fr.repo_path}:{fr.line}` in `{fr.function}` (line not in the current code)"]
                continue
            fn = index.enclosing_function(fr.repo_path, fr.line)
            label = fn.symbol if fn is not None else fr.function
            parts += ["", f"`{fr.repo_path}:{fr.line}` in `{label}`:", "",
                      _fence(excerpt(lines, fr.line - FRAME_CONTEXT, fr.line + FRAME_CONTEXT, mark=fr.line),
                             _lang(fr.repo_path))]
    return "\n".join(parts)


def _refs_section(index: RepoIndex, refs: tuple[CodeRef, ...], title: str, per_lines: int, budget: int,
                  skip: set[tuple[str, str]]) -> str:
    if not refs:
        return ""
    parts = [f"## {title}", ""]
    used = 0
    omitted: list[CodeRef] = []
    for ref in refs:
        if (ref.file, ref.symbol) in skip:
            continue
        lines = _file_lines(index, ref.file)
        if lines is None:
            continue
        body = excerpt(lines, ref.line, ref.end_line, max_lines=per_lines)
        if used + len(body) > budget:
            omitted.append(ref)
            continue
        used += len(body)
        via = f" — {ref.via}" if ref.via else ""
        parts += [f"### `{ref.symbol}` ({ref.file}:{ref.line}, {ref.kind}, depth {ref.depth}){via}", "",
                  _fence(body, _lang(ref.file)), ""]
    if omitted:
        parts.append("Not shown (size cap): " + ", ".join(f"`{r.file}:{r.line} {r.symbol}`" for r in omitted))
    return "\n".join(parts).rstrip()


def gather_context(index: RepoIndex, component: Component, parsed_error: ParsedError | None = None, *,
                   related: RelatedCode | None = None, max_depth: int = 3) -> str:
    """Markdown sections: the component and its source, the error's project frames, related code, models."""
    if related is None:
        related = related_code(index, component, max_depth=max_depth)
    sections = [_component_section(index, component)]
    if parsed_error is not None:
        sections.append(_error_section(index, parsed_error))
    shown = {(component.file, component.symbol)}
    span = _component_span(index, component)
    if span is not None:
        # methods of the class already shown in full are not repeated
        label = span[2]
        info = index.by_path.get(component.file)
        if info is not None:
            shown |= {(component.file, s) for s in info.functions
                      if label == component.file or s.startswith(label + ".")}
    sections.append(_refs_section(index, related.refs, "Related code (nearest first)", MAX_EXCERPT_LINES,
                                  MAX_RELATED_CHARS, shown))
    sections.append(_refs_section(index, related.models, "Models touched", MAX_MODEL_LINES,
                                  MAX_RELATED_CHARS // 2, set()))
    return "\n\n".join(s for s in sections if s).rstrip() + "\n"
