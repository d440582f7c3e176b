import argparse
import os

import django


def boolean(value):
    """A command-line boolean: `false`, `0`, `no`, `off` mean False (`bool("false")` is True)."""
    text = str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Export parcels to CSV")
    parser.add_argument("--include-delivered", type=boolean, default=False)
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
