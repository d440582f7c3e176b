#!/usr/bin/env python
"""Write the morning return manifest for the couriers: per carrier, the expired parcels to take back.

    15 6 * * *  /srv/lockerhub/venv/bin/python /srv/lockerhub/app/scripts/export_courier_manifest.py \
                --out /srv/exports/manifests

One CSV per carrier, e.g. manifests/2024-11-12/postnl.csv; the carriers' SFTP job picks them up at 06:45.
"""
import argparse
import csv
import os
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lockerhub.settings")

import django  # noqa: E402

django.setup()

from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from lockers.models import Parcel  # noqa: E402

COLUMNS = ["site", "site_name", "compartment", "tracking_code", "recipient", "deposited_at", "deadline"]


def manifest_rows(carrier=None):
    qs = (Parcel.objects.select_related("site", "compartment")
          .filter(status=Parcel.Status.EXPIRED)
          .order_by("carrier", "site__code", "compartment__label"))
    if carrier:
        qs = qs.filter(carrier__iexact=carrier)
    by_carrier = defaultdict(list)
    for parcel in qs:
        by_carrier[parcel.carrier].append({
            "site": parcel.site.code,
            "site_name": parcel.site.name,
            "compartment": parcel.compartment.label if parcel.compartment else "",
            "tracking_code": parcel.tracking_code,
            "recipient": parcel.recipient_name,
            "deposited_at": timezone.localtime(parcel.deposited_at).isoformat(timespec="minutes")
            if parcel.deposited_at else "",
            "deadline": timezone.localtime(parcel.pickup_deadline).isoformat(timespec="minutes")
            if parcel.pickup_deadline else "",
        })
    return by_carrier


def write_manifests(out_dir, day, carrier=None):
    target = Path(out_dir).resolve() / day.isoformat()
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, rows in manifest_rows(carrier).items():
        path = target / f"{slugify(name)}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        written[name] = (path, len(rows))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="directory for the manifests")
    parser.add_argument("--date", type=date.fromisoformat, help="manifest date (default: today)")
    parser.add_argument("--carrier", help="only this carrier")
    args = parser.parse_args(argv)
    try:
        written = write_manifests(args.out, args.date or timezone.localdate(), args.carrier)
    finally:
        connections.close_all()
    for name, (path, count) in sorted(written.items()):
        print(f"{name}: {count} parcel(s) -> {path}")
    if not written:
        print("no expired parcels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
