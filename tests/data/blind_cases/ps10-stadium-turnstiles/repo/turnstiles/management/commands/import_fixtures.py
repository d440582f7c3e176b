import csv
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from turnstiles.models import Match

REQUIRED_COLUMNS = {"code", "competition", "home_team", "away_team", "kickoff", "capacity"}


class Command(BaseCommand):
    help = "Create or update matches from the club's fixture list (CSV, kickoff in stadium local time)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")
        parser.add_argument(
            "--gates-open-before", type=int, default=90, help="minutes before kickoff the gates open (default 90)"
        )

    def handle(self, *args, csv_path, gates_open_before, **options):
        path = Path(csv_path)
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        stadium_tz = ZoneInfo(settings.TIME_ZONE)

        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
            if missing:
                raise CommandError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
            records = list(reader)

        created = updated = 0
        with transaction.atomic():
            for line_no, rec in enumerate(records, start=2):
                try:
                    kickoff = datetime.fromisoformat(rec["kickoff"]).replace(tzinfo=stadium_tz)
                    capacity = int(rec["capacity"])
                except ValueError as exc:
                    raise CommandError(f"{path.name}:{line_no}: {exc}")
                _, was_created = Match.objects.update_or_create(
                    code=rec["code"].strip(),
                    defaults={
                        "competition": rec["competition"].strip(),
                        "home_team": rec["home_team"].strip(),
                        "away_team": rec["away_team"].strip(),
                        "kickoff": kickoff,
                        "gates_open": kickoff - timedelta(minutes=gates_open_before),
                        "capacity": capacity,
                    },
                )
                created += was_created
                updated += not was_created
        self.stdout.write(f"fixtures: {created} created, {updated} updated")
