from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Q, Sum
from django.utils import timezone

from .models import Collection, Meter, Zone


def zone_revenue(start, end):
    """{zone code: (coins pence, card pence)} for collections with start <= collected_on <= end."""
    rows = (
        Collection.objects.filter(collected_on__gte=start, collected_on__lte=end)
        .values("meter__zone__code")
        .annotate(coins=Sum("coins_pence"), card=Sum("card_pence"))
    )
    totals = {z.code: (0, 0) for z in Zone.objects.all()}
    for row in rows:
        totals[row["meter__zone__code"]] = (row["coins"] or 0, row["card"] or 0)
    return totals


def silent_meters(today=None):
    """In-service meters with no collection in the last SILENT_METER_DAYS days."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.SILENT_METER_DAYS)
    return (
        Meter.objects.filter(in_service=True)
        .annotate(last=Max("collections__collected_on"))
        .filter(Q(last__lt=cutoff) | Q(last__isnull=True))
        .order_by("number")
    )
