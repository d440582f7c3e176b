import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from courses.models import Assessment, Score, Student


class Command(BaseCommand):
    help = "Import scores from the LMS export (assessment_id,student_number,points[,excused])."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")

    def handle(self, *args, csv_path, **options):
        path = Path(csv_path)
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        students = dict(Student.objects.values_list("number", "pk"))
        assessments = set(Assessment.objects.values_list("pk", flat=True))
        imported = 0
        with path.open(encoding="utf-8", newline="") as fh, transaction.atomic():
            for lineno, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    assessment_id = int(row["assessment_id"])
                    points = Decimal(row["points"]) if row["points"].strip() else None
                except (ValueError, InvalidOperation, KeyError) as exc:
                    raise CommandError(f"line {lineno}: {exc}")
                student_id = students.get(row["student_number"].strip())
                if student_id is None or assessment_id not in assessments:
                    raise CommandError(f"line {lineno}: unknown student or assessment")
                Score.objects.update_or_create(
                    assessment_id=assessment_id, student_id=student_id,
                    defaults={"points": points, "excused": row.get("excused", "").strip().lower() in ("1", "y", "yes")},
                )
                imported += 1
        self.stdout.write(f"{imported} score(s) imported")
