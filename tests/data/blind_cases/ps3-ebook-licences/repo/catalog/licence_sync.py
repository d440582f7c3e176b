"""Licence usage bookkeeping.

``apply_checkout_counts`` is what the nightly licence usage job (``lending/jobs/licence_usage.py``) hands to
``foreachPartition``: it stores each licence's checkouts of the day and refreshes ``Licence.checkouts_used``;
``refresh_usage`` is also used by the admin's "recount" action.

The Spark job imports this module, so model imports stay inside the functions.
"""
import logging

from django.db.models import Sum
from django.utils import timezone

logger = logging.getLogger(__name__)


def refresh_usage(licence_ids):
    """Recompute checkouts_used from the daily rows; retire licences that reached their checkout limit."""
    from catalog.models import Licence

    retired = 0
    for licence in Licence.objects.filter(pk__in=licence_ids):
        licence.checkouts_used = licence.checkout_days.aggregate(n=Sum("checkouts"))["n"] or 0
        fields = ["checkouts_used"]
        if (licence.status == Licence.Status.ACTIVE and licence.max_checkouts is not None
                and licence.checkouts_used >= licence.max_checkouts):
            licence.status = Licence.Status.EXHAUSTED
            licence.retired_at = timezone.now()
            fields += ["status", "retired_at"]
            retired += 1
        licence.save(update_fields=fields)
    return retired


def apply_checkout_counts(rows):
    """Store one partition of the day's checkouts per licence: rows of (licence_id, day, checkouts)."""
    from django.db import transaction

    from catalog.models import Licence, LicenceCheckoutDay

    rows = list(rows)
    if not rows:
        return
    known = set(Licence.objects.filter(pk__in=[r.licence_id for r in rows]).values_list("pk", flat=True))
    with transaction.atomic():
        for row in rows:
            if row.licence_id not in known:
                logger.warning("checkouts for unknown licence %s on %s ignored", row.licence_id, row.day)
                continue
            LicenceCheckoutDay.objects.update_or_create(
                licence_id=row.licence_id, day=row.day, defaults={"checkouts": row.checkouts}
            )
        retired = refresh_usage(known)
    if retired:
        logger.info("%d licences reached their checkout limit", retired)
