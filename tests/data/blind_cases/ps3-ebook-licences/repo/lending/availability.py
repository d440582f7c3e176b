from django.db.models import Count, Q
from django.utils import timezone

from catalog.models import Licence


def available_licence(title):
    """An active, unexpired licence of the title with a free concurrent slot, or None."""
    today = timezone.localdate()
    candidates = (
        Licence.objects.filter(title=title, status=Licence.Status.ACTIVE)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .annotate(open_loans=Count("loans", filter=Q(loans__returned_at__isnull=True)))
        .order_by("expires_on", "pk")
    )
    for licence in candidates:
        if licence.open_loans < licence.concurrent_users:
            return licence
    return None
