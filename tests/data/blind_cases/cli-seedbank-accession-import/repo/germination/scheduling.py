from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from accessions.models import SeedLot

RETEST_INTERVAL = timedelta(days=365 * 5)


def lots_due_for_retest(today=None):
    """Base-collection lots never tested, or last tested more than five years ago."""
    today = today or timezone.localdate()
    lots = SeedLot.objects.filter(collection=SeedLot.Collection.BASE).annotate(last_test=Max("germination_tests__sown_on"))
    return [lot for lot in lots.select_related("accession") if lot.last_test is None or today - lot.last_test > RETEST_INTERVAL]
