"""RQ jobs for glossary maintenance (queue "glossary")."""
from __future__ import annotations

import logging

from .models import Glossary
from .services import parse_terms_csv, upsert_terms

logger = logging.getLogger(__name__)


def import_glossary_csv(glossary_id: int, csv_text: str, replace: bool = False) -> dict[str, int]:
    """Import terms uploaded by a terminologist. ``replace`` drops terms missing from the file."""
    glossary = Glossary.objects.select_related("client").get(pk=glossary_id)
    rows = parse_terms_csv(csv_text)
    result = upsert_terms(glossary, rows, replace=replace)
    logger.info("glossary %s (%s): %s", glossary.pk, glossary.client.code, result)
    return result
