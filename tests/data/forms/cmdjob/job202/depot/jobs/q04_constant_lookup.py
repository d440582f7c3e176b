
from depot.models import Parcel
from depot.registry import register_job

_RATES = {"standard": 1, "express": 2}


@register_job("0 4 * * *")
def constant_lookup():
    for parcel in Parcel.objects.filter(processed=False):
        parcel.weight = parcel.weight * _RATES.get("standard", 1)
        parcel.save(update_fields=["weight"])
