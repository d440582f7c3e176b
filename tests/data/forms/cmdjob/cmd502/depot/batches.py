from depot.models import Parcel


def mark_all_processed(size=500):
    offset = 0
    while True:
        batch = list(Parcel.objects.filter(processed=False).order_by("pk")[offset:offset + size])
        if not batch:
            return
        Parcel.objects.filter(pk__in=[p.pk for p in batch]).update(processed=True)
        offset += size
