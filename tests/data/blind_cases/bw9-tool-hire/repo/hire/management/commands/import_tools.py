import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hire.models import Branch, Tool

REQUIRED = ("sku", "name", "day_rate")


class Command(BaseCommand):
    help = "Create or update a branch's tool catalogue from a CSV export (sku,name,category,day_rate,deposit,stock)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)
        parser.add_argument("--branch", required=True, help="branch slug")

    def handle(self, *args, csv_path, branch, **options):
        try:
            branch_obj = Branch.objects.get(slug=branch)
        except Branch.DoesNotExist as exc:
            raise CommandError(f"no branch {branch!r}") from exc
        if not csv_path.is_file():
            raise CommandError(f"{csv_path} does not exist")

        with csv_path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise CommandError(f"{csv_path.name}: missing column(s) {', '.join(missing)}")
            rows = list(reader)

        created = updated = 0
        with transaction.atomic():
            for n, row in enumerate(rows, start=2):
                sku = row["sku"].strip()
                if not sku:
                    raise CommandError(f"line {n}: empty sku")
                try:
                    values = {
                        "name": row["name"].strip(),
                        "category": (row.get("category") or Tool.Category.POWER).strip(),
                        "day_rate": Decimal(row["day_rate"]),
                        "deposit": Decimal(row.get("deposit") or "0"),
                        "stock": int(row.get("stock") or 1),
                        "active": True,
                    }
                except (InvalidOperation, ValueError) as exc:
                    raise CommandError(f"line {n} ({sku}): {exc}") from exc
                if values["category"] not in Tool.Category.values:
                    raise CommandError(f"line {n} ({sku}): unknown category {values['category']!r}")
                _, was_created = Tool.objects.update_or_create(branch=branch_obj, sku=sku, defaults=values)
                created += was_created
                updated += not was_created

        self.stdout.write(self.style.SUCCESS(
            f"{branch_obj.slug}: {created} created, {updated} updated"))
