"""Import and export of the score catalogue (one CSV row per score)."""
import logging
from dataclasses import dataclass, field

from django.db import transaction

from .models import Part, PartCopy, Score

logger = logging.getLogger(__name__)

CATALOGUE_HEADER = ["catalogue_no", "title", "composer", "arranger", "voicing", "publisher", "parts"]

# "Soprano" -> S etc.; "Soprano 1", "Tenor II" map by the first word. Anything else is for everyone.
VOICE_WORDS = {"soprano": "S", "alto": "A", "tenor": "T", "bass": "B", "baritone": "B", "mezzo": "S"}


class CatalogueError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    copies_added: int = 0
    errors: list = field(default_factory=list)


def voice_for_label(label: str) -> str:
    first = label.strip().split()[0].lower() if label.strip() else ""
    return VOICE_WORDS.get(first, "")


def parse_parts(text: str) -> list[tuple[str, int]]:
    """ "Soprano:12; Alto:10; Vocal score:3" -> [("Soprano", 12), ("Alto", 10), ("Vocal score", 3)]"""
    parts = []
    for chunk in (text or "").split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        label, sep, count = chunk.rpartition(":")
        if not sep or not label.strip():
            raise CatalogueError(f"bad part entry {chunk!r} (expected LABEL:COPIES)")
        try:
            n = int(count)
        except ValueError:
            raise CatalogueError(f"bad copy count in {chunk!r}") from None
        if n < 0:
            raise CatalogueError(f"negative copy count in {chunk!r}")
        parts.append((label.strip(), n))
    return parts


def _apply_row(row: dict, report: ImportReport):
    number = (row.get("catalogue_no") or "").strip()
    if not number:
        raise CatalogueError("missing catalogue_no")
    title = (row.get("title") or "").strip()
    if not title:
        raise CatalogueError(f"{number}: missing title")
    fields = {
        "title": title,
        "composer": (row.get("composer") or "").strip(),
        "arranger": (row.get("arranger") or "").strip(),
        "voicing": (row.get("voicing") or "SATB").strip() or "SATB",
        "publisher": (row.get("publisher") or "").strip(),
    }
    parts = parse_parts(row.get("parts", ""))
    score, created = Score.objects.update_or_create(catalogue_no=number, defaults=fields)
    if created:
        report.created += 1
    else:
        report.updated += 1
    for label, wanted in parts:
        part, _ = Part.objects.get_or_create(score=score, label=label,
                                             defaults={"voice": voice_for_label(label)})
        have = part.copies.count()
        for n in range(have + 1, wanted + 1):
            PartCopy.objects.create(part=part, number=n)
            report.copies_added += 1


def import_catalogue(rows, dry_run=False) -> ImportReport:
    """Create/update scores from catalogue rows. All or nothing: any bad row rolls the whole file back."""
    report = ImportReport()
    with transaction.atomic():
        for lineno, row in enumerate(rows, start=2):
            try:
                _apply_row(row, report)
            except CatalogueError as exc:
                report.errors.append(f"line {lineno}: {exc}")
        if report.errors or dry_run:
            transaction.set_rollback(True)
    if report.errors:
        logger.warning("catalogue import rejected: %d bad row(s)", len(report.errors))
    return report


def catalogue_rows(queryset=None):
    qs = queryset if queryset is not None else Score.objects.all()
    for score in qs.prefetch_related("parts__copies").order_by("catalogue_no"):
        parts = "; ".join(f"{p.label}:{len(p.copies.all())}" for p in score.parts.all())
        yield [score.catalogue_no, score.title, score.composer, score.arranger, score.voicing,
               score.publisher, parts]
