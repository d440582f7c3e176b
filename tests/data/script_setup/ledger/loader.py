import csv

from .models import Entry


def load(fh):
    rows = [Entry(account=r["account"], cents=int(r["cents"])) for r in csv.DictReader(fh)]
    Entry.objects.bulk_create(rows)
    return len(rows)
