"""RQ jobs for the translation memory.

Enqueued by dotted path (see wordhouse.queues), e.g.::

    enqueue("pretranslate", "memory.jobs.pretranslate_document", document.id)
"""
from __future__ import annotations

import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone

from glossary.services import GlossaryIndex

from .models import Document, DocumentSegment
from .segmentation import Segmenter, SegmentAnalyzer
from .services import TranslationMemory, store_units

logger = logging.getLogger(__name__)


def pretranslate_document(document_id: int) -> dict[str, int]:
    """Segment a document, fill in TM matches and glossary hits, and compute the word-count analysis."""
    document = Document.objects.get(pk=document_id)
    Document.objects.filter(pk=document.pk).update(status=Document.Status.ANALYZING)
    try:
        stats = _pretranslate(document)
    except Exception:
        Document.objects.filter(pk=document.pk).update(status=Document.Status.FAILED)
        logger.exception("pre-translation of document %s failed", document_id)
        raise
    logger.info(
        "pre-translated document %s (%s>%s): %d segments, %d words (%d exact, %d fuzzy, %d repeated, %d new)",
        document.pk, document.source_language, document.target_language, stats["segments"],
        stats["words_total"], stats["words_exact"], stats["words_fuzzy"], stats["words_repeated"], stats["words_new"],
    )
    return stats


def _pretranslate(document: Document) -> dict[str, int]:
    segmenter = Segmenter(document.source_language)
    analyzer = SegmentAnalyzer(document.source_language)
    memory = TranslationMemory(document.client_id, document.source_language, document.target_language)
    glossary = GlossaryIndex.load(document.client_id, document.source_language, document.target_language)

    analyzed = analyzer.analyze_many(segmenter.split(document.source_text))
    exact = memory.exact_matches(analyzed)

    words = Counter()
    first_seen: dict[str, DocumentSegment] = {}
    rows: list[DocumentSegment] = []
    for position, segment in enumerate(analyzed):
        row = DocumentSegment(
            document=document,
            position=position,
            source_text=segment.text,
            word_count=segment.word_count,
            terms=[hit.as_json() for hit in glossary.find(segment.tokens)],
        )
        words["total"] += segment.word_count
        match = exact.get(segment.source_hash)
        if match is not None:
            row.match, row.match_score, row.target_text = DocumentSegment.Match.EXACT, 100, match.target_text
            memory.mark_used(match.unit_id)
            words["exact"] += segment.word_count
        elif segment.source_hash in first_seen:
            original = first_seen[segment.source_hash]
            row.match, row.match_score, row.target_text = DocumentSegment.Match.REPETITION, 100, original.target_text
            words["repeated"] += segment.word_count
        else:
            fuzzy = memory.best_fuzzy_match(segment)
            if fuzzy is not None:
                row.match, row.match_score, row.target_text = DocumentSegment.Match.FUZZY, fuzzy.score, fuzzy.target_text
                memory.mark_used(fuzzy.unit_id)
                words["fuzzy"] += segment.word_count
            else:
                words["new"] += segment.word_count
        first_seen.setdefault(segment.source_hash, row)
        rows.append(row)

    with transaction.atomic():
        document.segments.all().delete()
        DocumentSegment.objects.bulk_create(rows, batch_size=500)
        document.words_total = words["total"]
        document.words_exact = words["exact"]
        document.words_fuzzy = words["fuzzy"]
        document.words_repeated = words["repeated"]
        document.words_new = words["new"]
        document.status = Document.Status.PRETRANSLATED
        document.analyzed_at = timezone.now()
        document.save(update_fields=[
            "words_total", "words_exact", "words_fuzzy", "words_repeated", "words_new", "status", "analyzed_at",
        ])
        memory.flush_usage()

    return {
        "segments": len(rows),
        "words_total": words["total"],
        "words_exact": words["exact"],
        "words_fuzzy": words["fuzzy"],
        "words_repeated": words["repeated"],
        "words_new": words["new"],
    }


def update_memory_from_document(document_id: int) -> dict[str, int]:
    """Write the confirmed translations of a delivered document back into the client's TM."""
    document = Document.objects.get(pk=document_id)
    analyzer = SegmentAnalyzer(document.source_language)
    segments = document.segments.filter(confirmed=True).exclude(target_text="").order_by("position")
    pairs = [
        (analyzer.analyze(source_text), target_text)
        for source_text, target_text in segments.values_list("source_text", "target_text").iterator(chunk_size=500)
    ]
    with transaction.atomic():
        outcome = store_units(
            document.client_id, document.source_language, document.target_language, pairs, origin_id=document.pk,
        )
        if document.status != Document.Status.DELIVERED:
            document.status = Document.Status.DELIVERED
            document.delivered_at = timezone.now()
            document.save(update_fields=["status", "delivered_at"])
    result = {key: outcome[key] for key in ("created", "updated", "unchanged")}
    logger.info("TM update from document %s: %s", document.pk, result)
    return result
