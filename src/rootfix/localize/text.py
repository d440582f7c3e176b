"""Text similarity between a bug report and the project's functions (TF-IDF over identifiers and words)."""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Mapping
from rootfix.discover.walk import walk_tree

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_STOP = frozenset("""
a an and are as at be been but by can do does for from get gets got has have if in into is it its of on or
our so that the their then there these this to was we were when which while will with without not no self
none true false return def class import from pass else elif try except finally raise yield lambda
""".split())


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; identifiers are split at ``_`` and CamelCase humps."""
    out: list[str] = []
    for word in _WORD.findall(text):
        for part in _CAMEL.sub("_", word).split("_"):
            part = part.lower()
            if len(part) > 2 and part not in _STOP:
                out.append(part[:-1] if part.endswith("s") and len(part) > 4 else part)
    return out


def similarity(query: str, documents: Mapping[str, str]) -> dict[str, float]:
    """Cosine similarity (TF-IDF) of ``query`` against each document, in [0, 1]."""
    docs = {key: Counter(tokens(text)) for key, text in documents.items()}
    n = len(docs) or 1
    df: Counter[str] = Counter()
    for counts in docs.values():
        df.update(counts.keys())
    idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}

    def vector(counts: Mapping[str, int]) -> dict[str, float]:
        return {t: (1 + math.log(c)) * idf.get(t, math.log(n + 1)) for t, c in counts.items()}

    q = vector(Counter(tokens(query)))
    q_norm = math.sqrt(sum(v * v for v in q.values())) or 1.0
    scores: dict[str, float] = {}
    for key, counts in docs.items():
        d = vector(counts)
        d_norm = math.sqrt(sum(v * v for v in d.values())) or 1.0
        dot = sum(weight * d[t] for t, weight in q.items() if t in d)
        scores[key] = dot / (q_norm * d_norm)
    return scores


def shared_terms(query: str, text: str, limit: int = 5) -> list[str]:
    q = set(tokens(query))
    seen: list[str] = []
    for t in tokens(text):
        if t in q and t not in seen:
            seen.append(t)
    return seen[:limit]


def join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p)


def function_terms(fn_node: object, symbol: str) -> str:
    """The words a function is made of: its name (twice: names say what code is for), parameter names,
    identifiers and attribute names it uses, and its string literals (log messages, status values,
    docstring) -- not the whole source text, so that keywords and layout weigh nothing."""
    import ast

    parts: list[str] = [symbol, symbol]
    for node in walk_tree(fn_node):  # type: ignore[arg-type]
        if isinstance(node, ast.Name):
            parts.append(node.id)
        elif isinstance(node, ast.Attribute):
            parts.append(node.attr)
        elif isinstance(node, ast.arg):
            parts.append(node.arg)
        elif isinstance(node, ast.keyword) and node.arg:
            parts.append(node.arg)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts.append(node.value)
    return "\n".join(parts)
