"""The messages sent to the LLM: the rendered bug-fix template plus gathered context."""
from __future__ import annotations

from pathlib import Path
from rootfix.fix.strategies import FixContext, is_test_path

#: Characters of source code sent at most (whole files, most suspicious first).
SOURCE_BUDGET = 60_000

SYSTEM = """\
You are a senior Python/Django engineer fixing one bug in the repository described below.
Find the root cause, then make the smallest correct change that fixes it, in the style of the
surrounding code (use the module's existing logger if the fix handles a failure mode).
Never edit existing tests. Add one new pytest test module that fails on the buggy code and passes
after your fix, in the project's test style and test folder.

Answer with SEARCH/REPLACE blocks only, one per change, each preceded by the file's path
relative to the repository root:

path/to/file.py
```python
<<<<<<< SEARCH
exact lines from the current file (enough to be unique)
=======
the new lines
>>>>>>> REPLACE
```

The SEARCH part must match the file's current text exactly (including indentation) and occur
exactly once. For a new file use an empty SEARCH part. Before the blocks, state the root cause
(file and function) in one or two sentences."""


def _rendered_template(ctx: FixContext) -> str:
    try:
        from rootfix.intake.template import load_template, render

        return render(load_template(None), ctx.report.variables())
    except Exception:  # the report is validated already; a template problem must not stop the fix
        r = ctx.report
        return (f"Component ({r.component_type}): {r.component_name}\n\nBug: {r.bug_description}\n\n"
                f"Expected: {r.expected_behavior}\n\nActual: {r.actual_behavior}\n\nError:\n{r.error_message}")


def _discover_context(ctx: FixContext) -> str:
    """The prompt context discover builds, when that API exists."""
    try:
        import rootfix.discover as discover
    except Exception:
        return ""
    fn = getattr(discover, "prompt_context", None)
    if fn is None or ctx.component is None:
        return ""
    try:
        return str(fn(ctx.index, ctx.component, ctx.parsed, related=ctx.related))
    except Exception:  # context is a help, never a reason to fail
        return ""


def _files_to_show(ctx: FixContext) -> list[str]:
    files: list[str] = []

    def add(path: str | None) -> None:
        if path and path not in files and not is_test_path(path) and (ctx.repo / path).is_file():
            files.append(path)

    if ctx.component is not None:
        add(ctx.component.file)
    for s in ctx.suspects:
        add(s.file)
    for f in ctx.findings:
        add(f.file)
    if ctx.related is not None:
        for ref in sorted(ctx.related.refs, key=lambda r: r.depth):
            add(ref.file)
        for ref in ctx.related.models:
            add(ref.file)
    return files


def _test_example(ctx: FixContext) -> str:
    tests = sorted(p for p in ctx.index.by_path if is_test_path(p) and Path(p).name.startswith("test"))
    if not tests:
        return ""
    path = tests[0]
    text = ctx.index.by_path[path].source
    return f"An existing test module, for style ({path}):\n```python\n{text[:3000]}\n```\n"


def build_messages(ctx: FixContext) -> list[dict[str, str]]:
    """System + user messages for one request."""
    parts = [_rendered_template(ctx), "\n---\n# Context gathered by rootfix\n"]
    c = ctx.component
    if c is not None:
        parts.append(f"Component: {c.name} ({c.type}, {c.flavor}) defined in {c.file}, {c.symbol} (line {c.line})"
                     + (f", declared in {c.declared_in}" if c.declared_in else "") + "\n")
    extra = _discover_context(ctx)
    if extra:
        parts.append(extra.rstrip() + "\n")
    if ctx.reproduction is not None and ctx.reproduction.kind != "none":
        r = ctx.reproduction
        parts.append(f"Reproduction ({r.kind}): {r.command or ', '.join(r.targets)} — "
                     f"{'fails' if r.reproduced else 'does not fail'} on the current code.\n")
        if r.output:
            parts.append("```\n" + r.output[-3000:] + "\n```\n")
    if ctx.suspects:
        parts.append("Suspects (best first):\n" + "".join(
            f"- {s.file} {s.symbol} (score {s.score:.2f}): {'; '.join(s.evidence[:3])}\n" for s in ctx.suspects[:8]))
    if ctx.findings:
        parts.append("Static analysis findings:\n" + "".join(
            f"- {f.code} {f.file}:{f.line} {f.symbol}: {f.message}\n" for f in ctx.findings[:10]))
    budget = SOURCE_BUDGET
    for path in _files_to_show(ctx):
        text = (ctx.repo / path).read_text(encoding="utf-8", errors="replace")
        if len(text) > budget:
            continue
        budget -= len(text)
        parts.append(f"\n{path}\n```python\n{text}\n```\n")
    parts.append("\n" + _test_example(ctx))
    test_cmd = ctx.report.test_command or "python -m pytest"
    parts.append(f"\nThe project's tests run with `{test_cmd}` from the repository root.\n")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "".join(parts)}]
