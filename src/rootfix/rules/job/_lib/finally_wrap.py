"""The LibCST codemod of the S3/S5 rules: move a release onto every path with ``try`` / ``finally``.

``body[start:release]`` becomes the ``try`` body and ``body[release:end]`` the ``finally`` body; the
statements keep their formatting and comments (comments above the first moved statement stay above
the ``try``).
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider


class _Wrap(cst.CSTTransformer):
    def __init__(self, starts: dict[cst.CSTNode, int], first: int, release: int, last: int) -> None:
        self.starts, self.first, self.release, self.last = starts, first, release, last
        self.done = False

    def _rewrite(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:
        if self.done:
            return updated
        lines = [self.starts.get(s) for s in original.body]  # type: ignore[attr-defined]
        if self.first not in lines or self.release not in lines or self.last not in lines:
            return updated
        a, j, k = lines.index(self.first), lines.index(self.release), lines.index(self.last) + 1
        if not a < j < k:
            return updated
        body = list(updated.body)  # type: ignore[attr-defined]
        work, release = body[a:j], body[j:k]
        lead = work[0].leading_lines
        work[0] = work[0].with_changes(leading_lines=())
        release[0] = release[0].with_changes(
            leading_lines=tuple(l for l in release[0].leading_lines if l.comment is not None))
        node = cst.Try(body=cst.IndentedBlock(body=work), finalbody=cst.Finally(body=cst.IndentedBlock(body=release)),
                       leading_lines=lead)
        self.done = True
        return updated.with_changes(body=[*body[:a], node, *body[k:]])

    def leave_IndentedBlock(self, original: cst.IndentedBlock, updated: cst.IndentedBlock) -> cst.CSTNode:
        return self._rewrite(original, updated)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        return self._rewrite(original, updated)  # type: ignore[return-value]


def wrap_in_finally(source: str, first_line: int, release_line: int, last_line: int) -> str | None:
    """``source`` with the statements from ``first_line`` up to (not including) the one at ``release_line``
    in a ``try`` whose ``finally`` holds the statements from ``release_line`` through ``last_line``
    (1-based lines of statement starts in one block). None when no such block is found."""
    wrapper = MetadataWrapper(cst.parse_module(source))
    pos = wrapper.resolve(PositionProvider)
    starts = {node: p.start.line for node, p in pos.items() if isinstance(node, cst.BaseStatement)}
    tr = _Wrap(starts, first_line, release_line, last_line)
    new = wrapper.module.visit(tr)
    if not tr.done:
        return None
    code = new.code
    cst.parse_module(code)  # never hand out a patch that does not parse
    return code
