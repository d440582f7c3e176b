"""Sentence segmentation and source-segment analysis.

Both the pre-translation job and the TM update job go through here so that a
segment gets the same normalised form and hash whichever way it reaches the
translation memory.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

# Inline markup and variables that translators must keep untouched. They are
# masked before hashing so "Click <b>Save</b>" and "Click <i>Save</i>" share TM.
PLACEHOLDER_RE = re.compile(r"</?[a-zA-Z][^>]*>|\{[^{}]*\}|%\(?[a-z_]*\)?[sd]|\$\{[^}]*\}")
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
WHITESPACE_RE = re.compile(r"\s+")

_ABBREVIATIONS = {
    "en": {"e.g.", "i.e.", "etc.", "mr.", "mrs.", "dr.", "no.", "vs.", "fig.", "approx."},
    "de": {"z.b.", "bzw.", "ca.", "d.h.", "usw.", "nr.", "dr.", "s.", "vgl.", "ggf."},
    "fr": {"p.ex.", "etc.", "m.", "mme.", "no.", "cf.", "env."},
    "es": {"p.ej.", "etc.", "sr.", "sra.", "núm.", "aprox."},
    "it": {"ecc.", "sig.", "dott.", "n.", "ca."},
    "nl": {"bijv.", "enz.", "nr.", "dhr.", "mevr.", "ca."},
    "pl": {"np.", "itd.", "nr.", "ok.", "tzn."},
}


@dataclass(frozen=True)
class LanguageRules:
    language: str
    abbreviations: frozenset[str]
    sentence_end: re.Pattern


@lru_cache(maxsize=32)
def language_rules(language: str) -> LanguageRules:
    """Segmentation rules for ``language``; there are only a handful of languages."""
    return LanguageRules(
        language=language,
        abbreviations=frozenset(_ABBREVIATIONS.get(language, ())),
        sentence_end=re.compile(r"(?<=[.!?…])[\"'”»)]*\s+(?=[\"'“„«(]*[A-ZÀ-ÖØ-Þ0-9])"),
    )


class Segmenter:
    """Splits a document into translatable segments (one sentence each)."""

    def __init__(self, language: str) -> None:
        self.rules = language_rules(language)

    def split(self, text: str) -> list[str]:
        segments: list[str] = []
        for paragraph in text.splitlines():
            paragraph = paragraph.strip()
            if not paragraph:
                continue
            segments.extend(self._split_paragraph(paragraph))
        return segments

    def _split_paragraph(self, paragraph: str) -> list[str]:
        pieces: list[str] = []
        start = 0
        for match in self.rules.sentence_end.finditer(paragraph):
            candidate = paragraph[start:match.start()].strip()
            last_word = candidate.rsplit(None, 1)[-1].lower() if candidate else ""
            if last_word in self.rules.abbreviations:
                continue
            pieces.append(candidate)
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            pieces.append(tail)
        return [p for p in pieces if p]


@dataclass(frozen=True)
class AnalyzedSegment:
    text: str
    normalized: str
    tokens: tuple[str, ...]
    placeholders: tuple[str, ...]
    word_count: int
    source_hash: str

    @property
    def token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)


class SegmentAnalyzer:
    """Normalises, tokenises and hashes source segments.

    Agency files repeat a lot of text (disclaimers, headers, table labels,
    UI strings), so the analysis of a segment is memoised by its text.
    """

    _segments: dict[tuple[str, str], AnalyzedSegment] = {}

    def __init__(self, language: str) -> None:
        self.language = language

    def analyze(self, text: str) -> AnalyzedSegment:
        key = (self.language, text)
        analyzed = self._segments.get(key)
        if analyzed is None:
            analyzed = self._segments[key] = self._analyze(text)
        return analyzed

    def analyze_many(self, texts: list[str]) -> list[AnalyzedSegment]:
        return [self.analyze(text) for text in texts]

    def _analyze(self, text: str) -> AnalyzedSegment:
        placeholders = tuple(PLACEHOLDER_RE.findall(text))
        masked = PLACEHOLDER_RE.sub(" {ph} ", text)
        normalized = WHITESPACE_RE.sub(" ", masked).strip()
        tokens = tuple(
            token.lower() for token in WORD_RE.findall(PLACEHOLDER_RE.sub(" ", text))
        )
        digest = hashlib.sha1(f"{self.language}\x1f{normalized.casefold()}".encode()).hexdigest()
        return AnalyzedSegment(
            text=text,
            normalized=normalized,
            tokens=tokens,
            placeholders=placeholders,
            word_count=len(tokens),
            source_hash=digest,
        )
