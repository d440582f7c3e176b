"""``# noqa`` suppression comments, and RFX100 (unused noqa codes).

``# noqa: WRK301`` (several codes: ``# noqa: WRK301, JOB401``) on a finding's first line suppresses that
finding; a bare ``# noqa`` suppresses every finding on the line. Codes match exactly or as a prefix
(``# noqa: WRK3``). Only real comments count (``"# noqa"`` in a string does not).

RFX100 is off by default (select it: ``--extend-select RFX100`` or ``ALL``), as ruff's RUF100: it reports
rootfix codes in a noqa comment that suppressed nothing in this run: ``unused`` (the rule ran and found
nothing there), ``non-enabled`` (the rule was not selected) and ``unknown`` (no such rule). Codes of other
tools (``E501``, ``F401``) and bare ``# noqa`` are never reported: the comment may serve another linter.
Its fix (safe) removes the reported codes, and the whole comment when no code is left.
"""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

NOQA_RE = re.compile(
    r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
ROOTFIX_CODE = re.compile(r"^(WRK|CMD|JOB|SPK|RFX)\d+$")


@dataclass
class Directive:
    line: int
    col: int  # where ``#`` of the noqa starts, 0-based
    end_col: int  # end of the matched directive
    codes: tuple[str, ...] | None  # None: bare ``# noqa``
    used: set[str] = field(default_factory=set)

    def suppresses(self, code: str) -> str | None:
        """The directive code that covers ``code`` (``"*"`` for a bare noqa), or None."""
        if self.codes is None:
            return "*"
        for c in self.codes:
            if code == c or code.startswith(c):
                return c
        return None


def parse_directives(source: str) -> dict[int, Directive]:
    """line -> the noqa directive in that line's comment (only real comments)."""
    if "noqa" not in source.lower():
        return {}
    out: dict[int, Directive] = {}
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return out
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        m = NOQA_RE.search(tok.string)
        if not m:
            continue
        codes = tuple(c.upper() for c in re.split(r"[,\s]+", m.group("codes")) if c) if m.group("codes") else None
        line, col = tok.start
        out[line] = Directive(line, col + m.start(), col + m.end(), codes)
    return out


def remove_codes(source: str, line: int, codes: set[str]) -> str:
    """``source`` with ``codes`` taken out of the noqa comment on ``line`` (the comment goes if none is left)."""
    directive = parse_directives(source).get(line)
    if directive is None or directive.codes is None:
        return source
    lines = source.splitlines(keepends=True)
    text = lines[line - 1]
    body = text.rstrip("\r\n")
    ending = text[len(body):]
    keep = [c for c in directive.codes if c not in codes]
    start, end = directive.col, directive.end_col
    if keep:
        new = body[:start] + "# noqa: " + ", ".join(keep) + body[end:]
    else:
        rest = body[end:]
        head = body[:start]
        if rest.strip(" #"):  # other comment text follows: keep it as a comment
            new = head + "# " + rest.lstrip(" #")
        else:
            new = head.rstrip()
            if new.endswith("#"):
                new = new[:-1].rstrip()
    lines[line - 1] = new + ending
    return "".join(lines)
