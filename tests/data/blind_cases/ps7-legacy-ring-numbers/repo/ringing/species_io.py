"""Species list import (semicolon-separated: code;euring;name;scientific_name;ring_size)."""
import csv

from django.db import transaction

from .models import Species

FIELDS = ("code", "euring", "name", "scientific_name", "ring_size")


def read_species(fh):
    reader = csv.reader(fh, delimiter=";")
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header] != list(FIELDS):
        raise ValueError(f"unexpected header {header!r}, want {';'.join(FIELDS)}")
    for lineno, row in enumerate(reader, start=2):
        if not row or not row[0].strip():
            continue
        if len(row) != len(FIELDS):
            raise ValueError(f"line {lineno}: {len(row)} fields, want {len(FIELDS)}")
        rec = dict(zip(FIELDS, (v.strip() for v in row)))
        rec["code"] = rec["code"].upper()
        rec["euring"] = rec["euring"].zfill(5)
        yield rec


@transaction.atomic
def import_species(records):
    created = updated = 0
    for rec in records:
        _, was_created = Species.objects.update_or_create(
            code=rec["code"], defaults={k: rec[k] for k in FIELDS if k != "code"})
        created += was_created
        updated += not was_created
    return created, updated
