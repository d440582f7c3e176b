from datetime import datetime, time

from django.utils import timezone

from depot.registry import register_job


@register_job("0 4 * * *")
def naive_with_naive():
    opening = datetime.combine(timezone.localdate(), time(8, 0))
    closing = datetime.combine(timezone.localdate(), time(18, 0))
    return (closing - opening).seconds // 3600
