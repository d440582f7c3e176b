from depot.models import Customer, Parcel
from depot.registry import register_job

ACTIVE_CACHE = {}


@register_job("0 4 * * *")
def active_cache():
    if not ACTIVE_CACHE:
        ACTIVE_CACHE.update({c.pk: c.active for c in Customer.objects.all()})
    for parcel in Parcel.objects.filter(processed=False):
        if ACTIVE_CACHE.get(parcel.customer_id):
            parcel.processed = True
            parcel.save(update_fields=["processed"])
