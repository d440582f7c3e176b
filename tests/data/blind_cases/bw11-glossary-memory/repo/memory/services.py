"""Translation memory lookups used by the pre-translation job."""
from __future__ import annotations

import difflib
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import TranslationUnit
from .segmentation import AnalyzedSegment, SegmentAnalyzer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MemoryMatch:
    unit_id: int
    source_text: str
    target_text: str
    score: int  # 0-100, 100 = exact


class TranslationMemory:
    """A client's TM for one language pair, loaded for the duration of one job.

    Exact matches are looked up by hash in the database; fuzzy candidates come
    from an in-memory token index that is built on first use and dropped with
    the instance.
    """

    def __init__(self, client_id: int, source_language: str, target_language: str) -> None:
        self.client_id = client_id
        self.source_language = source_language
        self.target_language = target_language
        self.threshold = settings.TM_FUZZY_THRESHOLD
        self.min_overlap = settings.TM_FUZZY_MIN_OVERLAP
        self._used: set[int] = set()
        self._units: list[tuple[int, str, str, frozenset[str]]] | None = None
        self._by_token: dict[str, list[int]] | None = None

    def _queryset(self):
        return TranslationUnit.objects.filter(
            client_id=self.client_id,
            source_language=self.source_language,
            target_language=self.target_language,
        )

    def exact_matches(self, segments: list[AnalyzedSegment]) -> dict[str, MemoryMatch]:
        hashes = {segment.source_hash for segment in segments}
        matches: dict[str, MemoryMatch] = {}
        if not hashes:
            return matches
        rows = self._queryset().filter(source_hash__in=hashes).values_list(
            "id", "source_hash", "source_text", "target_text"
        )
        for unit_id, source_hash, source_text, target_text in rows.iterator(chunk_size=500):
            matches[source_hash] = MemoryMatch(unit_id, source_text, target_text, 100)
        return matches

    def best_fuzzy_match(self, segment: AnalyzedSegment) -> MemoryMatch | None:
        if not segment.tokens:
            return None
        self._ensure_index()
        counts: dict[int, int] = defaultdict(int)
        for token in segment.token_set:
            for position in self._by_token.get(token, ()):
                counts[position] += 1
        needed = max(1, int(len(segment.token_set) * self.min_overlap))
        best: MemoryMatch | None = None
        for position, shared in counts.items():
            if shared < needed:
                continue
            unit_id, source_text, target_text, _ = self._units[position]
            matcher = difflib.SequenceMatcher(None, segment.text.casefold(), source_text.casefold(), autojunk=False)
            if matcher.real_quick_ratio() * 100 < self.threshold or matcher.quick_ratio() * 100 < self.threshold:
                continue
            score = int(round(matcher.ratio() * 100))
            if score >= self.threshold and score < 100 and (best is None or score > best.score):
                best = MemoryMatch(unit_id, source_text, target_text, score)
        return best

    def mark_used(self, unit_id: int) -> None:
        self._used.add(unit_id)

    def flush_usage(self) -> int:
        if not self._used:
            return 0
        updated = TranslationUnit.objects.filter(id__in=self._used).update(last_used_at=timezone.now())
        self._used.clear()
        return updated

    def _ensure_index(self) -> None:
        if self._units is not None:
            return
        analyzer = SegmentAnalyzer(self.source_language)
        self._units = []
        self._by_token = defaultdict(list)
        rows = self._queryset().values_list("id", "source_text", "target_text")
        for unit_id, source_text, target_text in rows.iterator(chunk_size=1000):
            tokens = frozenset(analyzer.analyze(source_text).tokens)
            position = len(self._units)
            self._units.append((unit_id, source_text, target_text, tokens))
            for token in tokens:
                self._by_token[token].append(position)
        logger.debug("TM index for client %s %s>%s: %d units", self.client_id,
                     self.source_language, self.target_language, len(self._units))


def store_units(client_id: int, source_language: str, target_language: str,
                pairs: list[tuple[AnalyzedSegment, str]], origin_id: int | None = None) -> Counter:
    """Insert or update TM units for (segment, target_text) pairs.

    Returns a Counter of "created", "updated" and "unchanged". When the same
    source occurs more than once, the last translation wins.
    """
    latest: dict[str, tuple[AnalyzedSegment, str]] = {}
    for segment, target_text in pairs:
        latest[segment.source_hash] = (segment, target_text)
    outcome: Counter = Counter()
    existing = {
        unit.source_hash: unit
        for unit in TranslationUnit.objects.filter(
            client_id=client_id,
            source_language=source_language,
            target_language=target_language,
            source_hash__in=list(latest),
        )
    }
    new_units: list[TranslationUnit] = []
    changed: list[TranslationUnit] = []
    now = timezone.now()
    for source_hash, (segment, target_text) in latest.items():
        unit = existing.get(source_hash)
        if unit is None:
            new_units.append(TranslationUnit(
                client_id=client_id, source_language=source_language, target_language=target_language,
                source_text=segment.text, target_text=target_text, source_hash=source_hash, origin_id=origin_id,
            ))
        elif unit.target_text != target_text:
            unit.target_text, unit.origin_id, unit.updated_at = target_text, origin_id, now
            changed.append(unit)
        else:
            outcome["unchanged"] += 1
    TranslationUnit.objects.bulk_create(new_units, batch_size=500)
    TranslationUnit.objects.bulk_update(changed, ["target_text", "origin", "updated_at"], batch_size=500)
    outcome["created"] += len(new_units)
    outcome["updated"] += len(changed)
    return outcome


def purge_unused_units(client_id: int | None, older_than) -> int:
    """Delete TM units not used or updated since ``older_than``."""
    stale = TranslationUnit.objects.filter(
        Q(last_used_at__lt=older_than) | Q(last_used_at__isnull=True, updated_at__lt=older_than)
    )
    if client_id is not None:
        stale = stale.filter(client_id=client_id)
    deleted, _ = stale.delete()
    return deleted
