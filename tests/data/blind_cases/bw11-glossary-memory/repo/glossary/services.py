"""Glossary term lookup for pre-translation and QA."""
from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass

from django.db import transaction

from .models import Glossary, Term

logger = logging.getLogger(__name__)

_TERM_TOKEN_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)

CSV_COLUMNS = ["source_term", "target_term", "part_of_speech", "forbidden", "note"]


@dataclass(frozen=True)
class TermHit:
    source: str
    target: str
    forbidden: bool

    def as_json(self) -> dict:
        return {"source": self.source, "target": self.target, "forbidden": self.forbidden}


def term_tokens(text: str) -> tuple[str, ...]:
    return tuple(token.lower() for token in _TERM_TOKEN_RE.findall(text))


class GlossaryIndex:
    """All active terms of a client for one language pair.

    Built per job from the database, so edits made by the terminologists are
    picked up by the next job without restarting workers.
    """

    def __init__(self, terms: list[Term]) -> None:
        self._by_first_token: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
        for term in terms:
            tokens = term_tokens(term.source_term)
            if not tokens:
                continue
            self._by_first_token.setdefault(tokens[0], []).append((tokens, term))
        for candidates in self._by_first_token.values():
            candidates.sort(key=lambda item: len(item[0]), reverse=True)
        self.size = sum(len(c) for c in self._by_first_token.values())

    @classmethod
    def load(cls, client_id: int, source_language: str, target_language: str) -> "GlossaryIndex":
        terms = Term.objects.filter(
            glossary__client_id=client_id,
            glossary__source_language=source_language,
            glossary__target_language=target_language,
            glossary__is_active=True,
        ).select_related("glossary")
        return cls(list(terms))

    def find(self, tokens: tuple[str, ...]) -> list[TermHit]:
        """Terms occurring in ``tokens`` (longest match wins, no overlaps)."""
        hits: list[TermHit] = []
        position = 0
        while position < len(tokens):
            matched = 0
            for term_toks, term in self._by_first_token.get(tokens[position], ()):
                if tokens[position:position + len(term_toks)] == term_toks:
                    hits.append(TermHit(term.source_term, term.target_term, term.forbidden))
                    matched = len(term_toks)
                    break
            position += matched or 1
        return hits


def parse_terms_csv(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"source_term", "target_term"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"CSV is missing column(s): {', '.join(sorted(missing))}")
    rows = []
    for line_no, row in enumerate(reader, start=2):
        source = (row.get("source_term") or "").strip()
        target = (row.get("target_term") or "").strip()
        if not source or not target:
            logger.warning("glossary CSV line %d skipped: empty source or target", line_no)
            continue
        rows.append({
            "source_term": source,
            "target_term": target,
            "part_of_speech": (row.get("part_of_speech") or "").strip(),
            "forbidden": (row.get("forbidden") or "").strip().lower() in {"1", "y", "yes", "true", "x"},
            "note": (row.get("note") or "").strip(),
        })
    return rows


@transaction.atomic
def upsert_terms(glossary: Glossary, rows: list[dict], replace: bool = False) -> dict[str, int]:
    existing = {term.source_term.casefold(): term for term in glossary.terms.all()}
    created = updated = unchanged = 0
    seen: set[str] = set()
    for row in rows:
        key = row["source_term"].casefold()
        seen.add(key)
        term = existing.get(key)
        if term is None:
            term = Term.objects.create(glossary=glossary, **row)
            existing[key] = term
            created += 1
            continue
        changed = [field for field, value in row.items() if field != "source_term" and getattr(term, field) != value]
        if changed:
            for field in changed:
                setattr(term, field, row[field])
            term.save(update_fields=changed + ["updated_at"])
            updated += 1
        else:
            unchanged += 1
    removed = 0
    if replace:
        stale_ids = [term.id for key, term in existing.items() if key not in seen]
        removed, _ = Term.objects.filter(id__in=stale_ids).delete()
    return {"created": created, "updated": updated, "unchanged": unchanged, "removed": removed}


def export_terms_csv(glossary: Glossary) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for term in glossary.terms.order_by("source_term"):
        writer.writerow({
            "source_term": term.source_term,
            "target_term": term.target_term,
            "part_of_speech": term.part_of_speech,
            "forbidden": "yes" if term.forbidden else "",
            "note": term.note,
        })
    return out.getvalue()
