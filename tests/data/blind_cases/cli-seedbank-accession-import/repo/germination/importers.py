"""Loading germination results from the lab's spreadsheet."""
import csv
from datetime import date

from django.db import transaction

from accessions.models import SeedLot

from .models import GerminationTest


class ResultRowError(Exception):
    pass


@transaction.atomic
def import_results(fh):
    """Create or update one GerminationTest per row; all rows or none."""
    count = 0
    for lineno, row in enumerate(csv.DictReader(fh), start=2):
        try:
            lot = SeedLot.objects.get(accession__number=row["accession"].strip(), collection=row["collection"].strip())
        except SeedLot.DoesNotExist:
            raise ResultRowError(f"line {lineno}: no {row['collection']} lot for accession {row['accession']}")
        try:
            sown = int(row["sown"])
            germinated = int(row["germinated"])
            sown_on = date.fromisoformat(row["sown_on"])
        except ValueError as exc:
            raise ResultRowError(f"line {lineno}: {exc}")
        if germinated > sown:
            raise ResultRowError(f"line {lineno}: more seeds germinated than sown")
        GerminationTest.objects.update_or_create(
            lab_reference=row["lab_reference"].strip(),
            defaults={"lot": lot, "sown_on": sown_on, "seeds_sown": sown, "seeds_germinated": germinated,
                      "pretreatment": row.get("pretreatment", "").strip()},
        )
        count += 1
    return count
