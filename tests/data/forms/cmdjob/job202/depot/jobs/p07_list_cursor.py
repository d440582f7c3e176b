from celery import shared_task

from depot.models import Parcel

_PROCESSED = []


@shared_task
def list_cursor():
    for parcel in Parcel.objects.filter(processed=False):
        if parcel.code not in _PROCESSED:
            _PROCESSED.append(parcel.code)
    return len(_PROCESSED)
