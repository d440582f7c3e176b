from django.utils import timezone

from depot.models import Parcel
from depot.registry import register_job

IMPORTED_AT = timezone.now()


@register_job("0 4 * * *")
def clock_unused_by_jobs():
    return Parcel.objects.filter(processed=False).count()
