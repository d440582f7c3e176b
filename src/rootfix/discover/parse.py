"""Parsing project sources whatever Python rootfix itself runs on.

rootfix runs on Python 3.11, but the projects it reads may target 3.12+ and use syntax 3.11's parser
rejects: PEP 695 type parameters and ``type X = ...`` (3.12; defaults, PEP 696, 3.13), PEP 701 f-strings
(same quotes, backslashes, comments and newlines inside replacement fields; 3.12), PEP 758 ``except A, B:``
(3.14) and PEP 750 template strings ``t"..."`` (3.14).

:func:`parse_source` first tries :func:`ast.parse`. When that fails it rewrites only those constructs into
3.11 syntax that means the same to the analysis, **keeping every line where it was** (and nearly every
column), and parses again:

* ``def f[T: int](x: T)`` / ``class C[T](Base)``: the type-parameter list becomes blanks;
* ``type Alias[T] = expr``: ``Alias = expr`` (the value keeps its column);
* an f-string that 3.11 cannot read: the strings nested in its replacement fields switch to the other quote
  (their backslashes and quotes become ``_``), comments in fields become blanks, a single-quoted f-string with
  a newline inside a field becomes triple-quoted; string values *inside* such fields may so differ from the
  source, nothing else does;
* ``except A, B:`` -> ``except (A, B):``; ``t"..."`` -> ``f"..."``.

The result says which newer features the file uses (:attr:`Parsed.features`) so the caller can compare them
with the project's target Python (:func:`target_python`). A file that still does not parse raises the
:class:`SyntaxError` of the *original* source's first error line when the rewrite did not move it.
"""
from __future__ import annotations

import ast
import configparser
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

#: feature -> the first Python version whose parser accepts it
FEATURE_VERSIONS: dict[str, tuple[int, int]] = {
    "PEP 695 type parameters": (3, 12),
    "PEP 695 type alias": (3, 12),
    "PEP 701 f-string": (3, 12),
    "PEP 696 type parameter default": (3, 13),
    "PEP 758 except without parentheses": (3, 14),
    "PEP 750 template string": (3, 14),
}


@dataclass
class Parsed:
    tree: ast.Module
    #: newer-syntax features the file uses that the running interpreter could not parse (empty: none)
    features: list[tuple[str, int]] = field(default_factory=list)  # (feature, line)

    @property
    def needs(self) -> tuple[int, int] | None:
        """The lowest Python version that parses the file, when that is above the running one."""
        if not self.features:
            return None
        return max(FEATURE_VERSIONS[f] for f, _ in self.features)


def parse_source(source: str, filename: str = "<unknown>") -> Parsed:
    """Parse ``source`` into an :mod:`ast` tree, rewriting newer syntax (see the module docstring).

    Raises SyntaxError (or ValueError for null bytes) when the file is invalid in every Python version."""
    try:
        return Parsed(ast.parse(source, filename=filename))
    except SyntaxError as first:
        error = first
    try:
        new, features = downgrade(source)
    except Exception:  # noqa: BLE001 -- a scanner bug must never hide the real syntax error
        raise error from None
    if not features or new == source:
        raise error
    try:
        tree = ast.parse(new, filename=filename)
    except SyntaxError as second:
        raise second from None
    return Parsed(tree, features)


def parse_tree(source: str, filename: str = "<unknown>") -> ast.Module:
    """:func:`parse_source`'s tree: a drop-in for ``ast.parse`` on project files."""
    return parse_source(source, filename).tree


#: ``rootfix rules E999``: the note for files that are not analysed as written.
E999_DOC = """\
A note, not a rule: a Python file rootfix could not read as the project's code.

## What it does
Reports a file that is not UTF-8, cannot be read, or is not valid Python in *any* version (a real syntax
error; the file is skipped), and a file that is valid only in a Python newer than the one the project says it
supports -- PEP 695 generics on a project with `requires-python = ">=3.11"` (the file is still analysed).

rootfix itself runs on Python 3.11 but reads 3.12-3.14 syntax (PEP 695 type parameters and `type` aliases,
PEP 701 f-strings, PEP 696 defaults, PEP 758 `except A, B:`, PEP 750 t-strings) whatever it runs on; line
numbers are those of the file. The target is read from `requires-python`, `python_requires`, the
`Programming Language :: Python :: 3.X` classifiers, `[tool.ruff] target-version`, `.python-version` or the
project's `.venv`; when the project names none, all those forms are accepted without a note.

## Why is this bad?
No rule sees the code of a skipped file, so its bugs are not found; code that needs a newer Python than the
project declares fails to import on the versions it claims to support.

## Example
```python
def first[T](items: list[T]) -> T:  # E999 when the project targets Python 3.11
    return items[0]
```

## Use instead
```python
from typing import TypeVar

T = TypeVar("T")


def first(items: list[T]) -> T:
    return items[0]
```
or raise `requires-python` to `>=3.12`.

## Fix safety
No fix.

## Exit status
E999 notes are shown unless ignored (`--ignore E999`, `per-file-ignores`), but on their own they do not make
`rootfix check` exit 1: a file rootfix cannot read is a gap in its analysis, not a bug it found (ruff, by
contrast, fails on syntax errors because its own parser is the project's). Select it explicitly
(`--select E999`, `--extend-select E999`, `extend-select = ["E999"]`) to make notes fail the run.
"""


# =========================================================================== the rewrite
_PREFIX = re.compile(r"([rRbBuUfFtT]{1,2})?('''|\"\"\"|'|\")")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Scanner:
    """A small Python lexer that knows PEP 701 f-strings; records edits as (start, end, replacement)."""

    def __init__(self, src: str) -> None:
        self.s = src
        self.n = len(src)
        self.edits: list[tuple[int, int, str]] = []
        self.features: list[tuple[str, int]] = []

    def line_of(self, pos: int) -> int:
        return self.s.count("\n", 0, pos) + 1

    def feature(self, name: str, pos: int) -> None:
        self.features.append((name, self.line_of(pos)))

    # ------------------------------------------------------------------ strings
    def string_at(self, i: int) -> tuple[str, str, int] | None:
        """(prefix, quote, index after the opening quote) if a string literal starts at ``i``."""
        m = _PREFIX.match(self.s, i)
        if not m:
            return None
        prefix = m.group(1) or ""
        if prefix and i > 0 and (self.s[i - 1].isalnum() or self.s[i - 1] == "_"):
            return None
        if prefix and not set(prefix.lower()) <= {"r", "b", "u", "f", "t"}:
            return None
        return prefix, m.group(2), m.end()

    def skip_plain_string(self, j: int, quote: str, raw: bool) -> int:
        """Index after the closing quote of a non-f string whose body starts at ``j``."""
        s, n = self.s, self.n
        while j < n:
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if s.startswith(quote, j):
                return j + len(quote)
            if c == "\n" and len(quote) == 1:
                return j  # unterminated: let the parser complain
            j += 1
        return n

    def fstring(self, start: int, prefix: str, quote: str, body: int, depth: int) -> tuple[int, dict]:
        """Scan an f-string (or t-string) from its body; returns (end, facts)."""
        s, n = self.s, self.n
        raw = "r" in prefix.lower()
        facts = {"nested": [], "comments": [], "newline_in_field": False, "backslash_in_field": False,
                 "same_quote": False}
        j = body
        while j < n:
            c = s[j]
            if c == "\\" and not raw:
                j += 2
                continue
            if s.startswith(quote, j):
                return j + len(quote), facts
            if c == "{":
                if s.startswith("{{", j):
                    j += 2
                    continue
                j = self.field(j + 1, quote, depth, facts)
                continue
            if c == "}" and s.startswith("}}", j):
                j += 2
                continue
            if c == "\n" and len(quote) == 1:
                return j, facts
            j += 1
        return n, facts

    def field(self, j: int, outer_quote: str, depth: int, facts: dict) -> int:
        """Scan a replacement field's expression (and format spec) from after ``{``; index after ``}``."""
        s, n = self.s, self.n
        brackets = 0
        while j < n:
            c = s[j]
            if c in "([{":
                brackets += 1
            elif c in ")]":
                brackets -= 1
            elif c == "}":
                if brackets == 0:
                    return j + 1
                brackets -= 1
            elif c == "#":
                end = s.find("\n", j)
                end = n if end < 0 else end
                facts["comments"].append((j, end))
                j = end
                continue
            elif c == "\n":
                if len(outer_quote) == 1:
                    facts["newline_in_field"] = True
            elif c == "\\":
                facts["backslash_in_field"] = True
            elif c == ":" and brackets == 0 and not s.startswith(":=", j):
                return self.format_spec(j + 1, outer_quote, depth, facts)
            elif c == "!" and brackets == 0 and not s.startswith("!=", j):
                pass
            else:
                lit = self.string_at(j) if c in "'\"rRbBuUfFtT" else None
                if lit is not None:
                    prefix, quote, body = lit
                    if quote[0] == outer_quote[0] and len(outer_quote) == 1:
                        facts["same_quote"] = True
                    if "f" in prefix.lower() or "t" in prefix.lower():
                        end, inner = self.fstring(j, prefix, quote, body, depth + 1)
                        for key in ("same_quote", "newline_in_field", "backslash_in_field"):
                            facts[key] = facts[key] or inner[key]
                        facts["comments"].extend(inner["comments"])
                        facts["nested"].extend(inner["nested"])
                    else:
                        end = self.skip_plain_string(body, quote, "r" in prefix.lower())
                        if "\\" in s[body:end - len(quote)]:
                            facts["backslash_in_field"] = True
                    facts["nested"].append((j, len(prefix), quote, end, depth + 1))
                    j = end
                    continue
                m = _NAME.match(s, j)
                if m:
                    j = m.end()
                    continue
            j += 1
        return n

    def format_spec(self, j: int, outer_quote: str, depth: int, facts: dict) -> int:
        s, n = self.s, self.n
        while j < n:
            c = s[j]
            if c == "{":
                j = self.field(j + 1, outer_quote, depth, facts)
                continue
            if c == "}":
                return j + 1
            if c == "\n" and len(outer_quote) == 1:
                return j
            j += 1
        return n

    def rewrite_fstring(self, start: int, prefix: str, quote: str, body: int, end: int, facts: dict) -> None:
        s = self.s
        outer = quote[0]
        alt = "'" if outer == '"' else '"'
        for pos, plen, q, qend, depth in facts["nested"]:
            if any(a <= pos < b for a, b, _ in self.edits):
                continue
            inner_body = pos + plen + len(q)
            content_end = max(inner_body, qend - len(q))
            content = s[inner_body:content_end]
            if depth == 1:
                clean = content.replace("\\", "_").replace("'", "_").replace('"', "_")
                if len(q) == 3:  # a triple-quoted nested literal: same length, single quotes
                    text = s[pos:pos + plen] + alt + clean.replace("\n", " ") + alt + "    "
                else:
                    text = s[pos:pos + plen] + alt + clean + alt
                if "\n" in content:
                    continue  # cannot keep lines; leave it to the parser
                self.edits.append((pos, qend, text))
            else:  # deeper than the quotes 3.11 offers: a same-length placeholder
                if "\n" in s[pos:qend]:
                    continue
                self.edits.append((pos, qend, "0" + " " * (qend - pos - 1)))
        for a, b in facts["comments"]:
            self.edits.append((a, b, " " * (b - a)))
        if facts["newline_in_field"] and len(quote) == 1:
            self.edits.append((body - 1, body, quote * 3))
            close = end - 1
            if s[close] == quote:
                self.edits.append((close, end, quote * 3))

    # ------------------------------------------------------------------ statements
    def blank_region(self, a: int, b: int) -> str:
        """Blanks for ``s[a:b]`` that keep its newlines, each joined with a backslash continuation."""
        parts = self.s[a:b].split("\n")
        out = []
        for k, part in enumerate(parts):
            blank = " " * len(part)
            if k < len(parts) - 1:
                blank = blank[:-1] + "\\"
            out.append(blank)
        return "\n".join(out)

    def bracket_end(self, j: int) -> int:
        """Index after the bracket closing the ``[`` at ``j`` (strings skipped)."""
        s, n = self.s, self.n
        depth = 0
        while j < n:
            c = s[j]
            lit = self.string_at(j) if c in "'\"rRbBuUfFtT" else None
            if lit is not None:
                prefix, quote, body = lit
                if "f" in prefix.lower() or "t" in prefix.lower():
                    j, _ = self.fstring(j, prefix, quote, body, 1)
                else:
                    j = self.skip_plain_string(body, quote, "r" in prefix.lower())
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
                if depth == 0:
                    return j + 1
            elif c == "#":
                e = s.find("\n", j)
                j = n if e < 0 else e
                continue
            else:
                m = _NAME.match(s, j)
                if m:
                    j = m.end()
                    continue
            j += 1
        return n

    def skip_ws(self, j: int) -> int:
        while j < self.n and self.s[j] in " \t":
            j += 1
        return j

    def type_params(self, name_end: int) -> None:
        """After ``def f`` / ``class C`` / ``type X``: blank a ``[...]`` type-parameter list."""
        j = self.skip_ws(name_end)
        if j < self.n and self.s[j] == "[":
            end = self.bracket_end(j)
            params = self.s[j + 1:end - 1]
            self.feature("PEP 695 type parameters", j)
            if re.search(r"(?<![=!<>])=(?!=)", params):
                self.feature("PEP 696 type parameter default", j)
            self.edits.append((j, end, self.blank_region(j, end)))

    def statement(self, i: int) -> None:
        """At the first token of a logical line: PEP 695 / PEP 758 forms."""
        s = self.s
        m = _NAME.match(s, i)
        if not m:
            return
        word = m.group()
        j = self.skip_ws(m.end())
        if word == "async" and s.startswith("def", j):
            m = re.compile(r"def\b").match(s, j)
            if m:
                word, j = "def", self.skip_ws(m.end())
        if word in ("def", "class"):
            name = _NAME.match(s, j)
            if name:
                self.type_params(name.end())
        elif word == "type":
            name = _NAME.match(s, j)
            if not name:
                return
            k = self.skip_ws(name.end())
            if k < self.n and s[k] == "[":
                k = self.skip_ws(self.bracket_end(k))
            if k < self.n and s[k] == "=" and not s.startswith("==", k):
                word_len = len(name.group())
                self.edits.append((i, k, name.group() + self.blank_region(i + word_len, k)))
                self.feature("PEP 695 type alias", i)
        elif word == "except":
            k = j
            if k < self.n and s[k] == "*":
                k = self.skip_ws(k + 1)
            self.except_clause(k)

    def except_clause(self, k: int) -> None:
        """``except A, B:`` -> ``except (A, B):`` (no ``as``: with ``as`` it is invalid everywhere)."""
        s, n = self.s, self.n
        j = k
        depth = 0
        comma = False
        while j < n:
            c = s[j]
            lit = self.string_at(j) if c in "'\"rRbBuUfFtT" else None
            if lit is not None:
                j = self.skip_plain_string(lit[2], lit[1], True)
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            elif depth == 0 and c == ",":
                comma = True
            elif depth == 0 and c == ":":
                break
            elif depth == 0 and c in "\n#":
                return
            else:
                m = _NAME.match(s, j)
                if m:
                    if depth == 0 and m.group() == "as":
                        return
                    j = m.end()
                    continue
            j += 1
        if comma and j < n:
            end = j
            while end > k and s[end - 1] in " \t":
                end -= 1
            self.edits.append((k, k, "("))
            self.edits.append((end, end, ")"))
            self.feature("PEP 758 except without parentheses", k)

    # ------------------------------------------------------------------ the walk
    def run(self) -> None:
        s, n = self.s, self.n
        i = 0
        depth = 0
        line_start = True
        while i < n:
            c = s[i]
            if c == "\n":
                if depth == 0:
                    line_start = True
                i += 1
                continue
            if c in " \t\f\r":
                i += 1
                continue
            if c == "\\" and s.startswith("\\\n", i):
                i += 2
                continue
            if c == "#":
                e = s.find("\n", i)
                i = n if e < 0 else e
                continue
            if line_start and depth == 0:
                line_start = False
                self.statement(i)
            if c == ";" and depth == 0:
                line_start = True
                i += 1
                continue
            lit = self.string_at(i) if c in "'\"rRbBuUfFtT" else None
            if lit is not None:
                prefix, quote, body = lit
                if "f" in prefix.lower() or "t" in prefix.lower():
                    end, facts = self.fstring(i, prefix, quote, body, 0)
                    if "t" in prefix.lower():
                        k = i + prefix.lower().index("t")
                        self.edits.append((k, k + 1, "f" if s[k] == "t" else "F"))
                        self.feature("PEP 750 template string", i)
                    if (facts["same_quote"] or facts["comments"] or facts["newline_in_field"]
                            or facts["backslash_in_field"]):
                        self.rewrite_fstring(i, prefix, quote, body, end, facts)
                        self.feature("PEP 701 f-string", i)
                    i = end
                else:
                    i = self.skip_plain_string(body, quote, "r" in prefix.lower())
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth = max(0, depth - 1)
            elif c == ":" and depth == 0:
                # ``if x: type X = int`` / ``try: ...`` -- a simple statement may follow on the line
                k = self.skip_ws(i + 1)
                if k < n and s[k] not in "\n#":
                    m = _NAME.match(s, k)
                    if m and m.group() in ("type", "def", "class", "except"):
                        self.statement(k)
            else:
                m = _NAME.match(s, i)
                if m:
                    i = m.end()
                    continue
            i += 1


def downgrade(source: str) -> tuple[str, list[tuple[str, int]]]:
    """``source`` with newer syntax rewritten for the running parser, and the features found (with lines)."""
    sc = _Scanner(source)
    sc.run()
    if not sc.edits:
        return source, sc.features
    out = []
    pos = 0
    for a, b, text in sorted(sc.edits, key=lambda e: (e[0], e[1])):
        if a < pos:
            continue  # overlapping edits: the first wins
        out.append(source[pos:a])
        out.append(text)
        pos = b
    out.append(source[pos:])
    return "".join(out), sc.features


# =========================================================================== the project's target Python
_VERSION = re.compile(r"(\d+)\.(\d+)")


def _lower_bound(spec: str) -> tuple[int, int] | None:
    """``>=3.12,<4`` -> (3, 12); ``~=3.11`` -> (3, 11); ``==3.13.*`` -> (3, 13)."""
    best: tuple[int, int] | None = None
    for part in spec.split(","):
        part = part.strip()
        m = re.match(r"(>=|~=|==|>)\s*(\d+)\.(\d+)", part)
        if m:
            v = (int(m.group(2)), int(m.group(3)) + (1 if m.group(1) == ">" else 0))
            best = v if best is None or v > best else best
    return best


def target_python(root: Path) -> tuple[tuple[int, int], str] | None:
    """The oldest Python the project says it runs on, and where that was read; None when it does not say.

    Read, first found wins: ``requires-python`` (pyproject.toml), ``python_requires`` (setup.cfg), the lowest
    ``Programming Language :: Python :: 3.X`` classifier, ``[tool.ruff] target-version``, ``.python-version``,
    the project's virtualenv (``.venv``/``venv``: ``pyvenv.cfg``, not run)."""
    pyproject = root / "pyproject.toml"
    data: dict = {}
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    spec = project.get("requires-python")
    if isinstance(spec, str) and (v := _lower_bound(spec)):
        return v, "requires-python"
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    dep = poetry.get("dependencies", {}).get("python") if isinstance(poetry, dict) else None
    if isinstance(dep, str) and (v := _lower_bound(dep.replace("^", ">=").replace("~", "~="))):
        return v, "tool.poetry python"
    setup_cfg = root / "setup.cfg"
    if setup_cfg.is_file():
        cp = configparser.ConfigParser(interpolation=None)
        try:
            cp.read(setup_cfg, encoding="utf-8")
            spec = cp.get("options", "python_requires", fallback="")
        except (configparser.Error, UnicodeDecodeError):
            spec = ""
        if spec and (v := _lower_bound(spec)):
            return v, "python_requires"
    classifiers = [c for c in project.get("classifiers", []) if isinstance(c, str)]
    versions = [tuple(map(int, m.groups())) for c in classifiers
                if (m := re.fullmatch(r"Programming Language :: Python :: (\d+)\.(\d+)", c.strip()))]
    if versions:
        return min(versions), "classifiers"  # type: ignore[return-value]
    ruff = data.get("tool", {}).get("ruff", {}) if isinstance(data.get("tool"), dict) else {}
    tv = ruff.get("target-version") if isinstance(ruff, dict) else None
    if isinstance(tv, str) and (m := re.fullmatch(r"py(\d)(\d+)", tv)):
        return (int(m.group(1)), int(m.group(2))), "ruff target-version"
    for name in (".python-version", "runtime.txt"):
        f = root / name
        if f.is_file():
            try:
                m = _VERSION.search(f.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                m = None
            if m:
                return (int(m.group(1)), int(m.group(2))), name
    for venv in (".venv", "venv"):
        cfg = root / venv / "pyvenv.cfg"
        if cfg.is_file():
            try:
                m = re.search(r"(?m)^version(?:_info)?\s*=\s*(\d+)\.(\d+)", cfg.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                m = None
            if m:
                return (int(m.group(1)), int(m.group(2))), f"{venv} interpreter"
    return None


def running_python() -> tuple[int, int]:
    return sys.version_info[:2]
