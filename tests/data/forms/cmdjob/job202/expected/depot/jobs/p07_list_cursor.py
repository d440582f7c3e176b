from celery import shared_task

from depot.models import Parcel


@shared_task
def list_cursor():
    _PROCESSED = []
    for parcel in Parcel.objects.filter(processed=False):
        if parcel.code not in _PROCESSED:
            _PROCESSED.append(parcel.code)
    return len(_PROCESSED)
