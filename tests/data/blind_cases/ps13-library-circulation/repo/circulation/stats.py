"""Saving job results (driver side)."""
import logging

from django.db import transaction
from django.utils import timezone

from catalog.models import Branch

from .models import CirculationStat, ReturnStat

logger = logging.getLogger(__name__)


def save_genre_stats(month, rows):
    """Replace the month's CirculationStat rows with ``rows``; returns the count saved."""
    branches = {b.code.upper(): b for b in Branch.objects.all()}
    now = timezone.now()
    stats, unknown = [], set()
    for row in rows:
        branch = branches.get(row["branch_code"])
        if branch is None:
            unknown.add(row["branch_code"])
            continue
        stats.append(CirculationStat(
            month=month, branch=branch, genre=row["genre"], checkouts=row["checkouts"] or 0,
            renewals=row["renewals"] or 0, borrowers=row["borrowers"] or 0, computed_at=now,
        ))
    if unknown:
        logger.warning("loans at unknown branch codes ignored: %s", ", ".join(sorted(map(str, unknown))))
    with transaction.atomic():
        CirculationStat.objects.filter(month=month).delete()
        CirculationStat.objects.bulk_create(stats)
    return len(stats)


def save_return_stats(month, rows):
    now = timezone.now()
    stats = [ReturnStat(month=month, region=row["region"], returns=row["returns"],
                        late_returns=row["late_returns"] or 0, computed_at=now) for row in rows]
    with transaction.atomic():
        ReturnStat.objects.filter(month=month).delete()
        ReturnStat.objects.bulk_create(stats)
    return len(stats)
