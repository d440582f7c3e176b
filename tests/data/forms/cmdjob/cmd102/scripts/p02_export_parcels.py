import argparse
import os

import django


def main(argv=None):
    parser = argparse.ArgumentParser(description="Export parcels to CSV")
    parser.add_argument("--include-delivered", type=bool, default=False)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import Parcel

    parcels = Parcel.objects.all()
    if not args.include_delivered:
        parcels = parcels.filter(delivered_at__isnull=True)
    print(parcels.count())


if __name__ == "__main__":
    main()
