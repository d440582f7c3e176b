import csv
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()

from depot.models import Parcel  # noqa: E402


def main(path):
    with open(path, newline="", encoding="utf-8") as fh:
        parcels = [Parcel(code=code, customer_id=int(customer)) for code, customer in csv.reader(fh)]
    Parcel.objects.bulk_create(parcels, ignore_conflicts=True)
    print("registered", len(parcels), "parcels")


if __name__ == "__main__":
    main(sys.argv[1])
