"""Writers that put the results of the Spark jobs into the database."""
import logging
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When

from members.models import Member, Store
from rewards.models import PointsLedger, StoreDailySales

log = logging.getLogger(__name__)


def _batches(rows, size):
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def write_points_partition(run_id, business_date, rows):
    """Credit one partition of per-member day totals (see points.compute_member_points).

    Used as ``DataFrame.foreachPartition(partial(write_points_partition, run.pk, day))``
    by the award_points job, so partitions are written in parallel by the
    executors. Rows for unknown or closed cards are skipped.
    """
    credited = skipped = 0
    for batch in _batches(rows, settings.AWARD_POINTS_BATCH_SIZE):
        done = _credit_batch(run_id, business_date, batch)
        credited += done
        skipped += len(batch) - done
    if credited or skipped:
        log.info("points run %s: credited %d members, skipped %d unknown cards", run_id, credited, skipped)


def _credit_batch(run_id, business_date, batch):
    with transaction.atomic():
        member_ids = dict(
            Member.objects.filter(card_number__in=[row.card_number for row in batch], is_active=True)
            .values_list("card_number", "pk")
        )
        credited = [row for row in batch if row.card_number in member_ids]
        PointsLedger.objects.bulk_create([
            PointsLedger(
                member_id=member_ids[row.card_number],
                run_id=run_id,
                kind=PointsLedger.Kind.PURCHASE,
                business_date=business_date,
                points=row.points,
                receipts=row.receipts,
                spend=row.spend,
            )
            for row in credited
        ])
        for row in credited:
            Member.objects.filter(pk=member_ids[row.card_number]).update(
                points_balance=F("points_balance") + row.points,
                lifetime_points=F("lifetime_points") + max(row.points, 0),
                last_purchase_on=Case(
                    When(Q(last_purchase_on__isnull=True) | Q(last_purchase_on__lt=row.last_purchase_on),
                         then=Value(row.last_purchase_on)),
                    default=F("last_purchase_on"),
                ),
            )
    return len(credited)


def upsert_store_sales(business_date, rows):
    """Store one row per store and day from the (collected) export_receipts aggregate."""
    stores = {s.code: s for s in Store.objects.filter(code__in=[row.store_code for row in rows])}
    written = 0
    with transaction.atomic():
        for row in rows:
            store = stores.get(row.store_code)
            if store is None:
                log.warning("sales export: unknown store %s on %s, skipped", row.store_code, business_date)
                continue
            StoreDailySales.objects.update_or_create(
                store=store,
                business_date=business_date,
                defaults={
                    "receipts": row.receipts,
                    "member_receipts": row.member_receipts,
                    "revenue": row.revenue,
                    "member_revenue": row.member_revenue,
                },
            )
            written += 1
    return written
